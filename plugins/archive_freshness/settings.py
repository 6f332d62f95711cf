"""The plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # Pages of a type that can go stale (`can_go_stale: true` in the
    # registry: invitations, news, research breakfasts) older than this many
    # years show a notice that the information may be out of date.
    "FRESHNESS_STALE_AFTER_YEARS": 3,
    # Read "last updated" from the content's git history. False: only the
    # front-matter field `updated` counts (e.g. builds from an export).
    "FRESHNESS_GIT_HISTORY": True,
    # Commits that are no update of the pages they touch (moving the old
    # site's pages into the content model, bulk fixes), one commit name per
    # line; relative to the repository's top folder. Git's own name for such
    # a list, so `git blame` can skip the same commits. None: every commit counts.
    "FRESHNESS_IGNORE_REVS_FILE": ".git-blame-ignore-revs",
}


def freshness_settings(settings):
    """The plugin's settings: the user's values over the defaults."""
    return plugin_settings(settings, DEFAULTS)
