"""Signal wiring for honest dates (Digg's web guidelines: show when a page
was published and updated, mark outdated information).

``all_generators_finalized``: every page is read and nothing is written yet,
so one `git log` answers for all files, and what is set here (``modified``,
``outdated``) is what the templates and the Atom feeds write.

"Last updated" is the later of the front-matter field ``updated`` (an
editor's statement, and the only source without git history) and the newest
commit that changed the file after it entered the archive (commits listed
in `.git-blame-ignore-revs`, such as the migration's, do not count). It is
shown only when it falls on a later day than the publication.

"Outdated" counts from ``updated`` if set, else from the publication date:
a commit fixing a typo does not make a 2019 invitation current.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from archive_model.build import build_of, reports_faults
from archive_model.contents import contents
from archive_model.read_again import content_read_again
from archive_model.settings import resolve_build_date, site_zone
from pelican import signals
from pelican.utils import SafeDatetime

from .git_history import last_changes
from .settings import freshness_settings


@dataclass(frozen=True)
class Outdated:
    """Why a page may be out of date: its information dates from ``since``."""

    since: dt.datetime
    years: int
    updated: bool  # ``since`` is the `updated` field, not the publication date


@reports_faults
def apply_honest_dates(generators):
    if not generators:
        return
    settings = generators[0].settings
    options = freshness_settings(settings)
    history = {}
    if options["FRESHNESS_GIT_HISTORY"]:
        history = last_changes(settings["PATH"], options["FRESHNESS_IGNORE_REVS_FILE"]) or {}
    # Kept with the build: the preview's saved page (read_again) is dated
    # from it, as saving a file commits nothing.
    build_of(settings).state[STATE] = history
    now = resolve_build_date(settings)
    for content in contents(generators):
        date_honestly(content, options, now, history)


STATE = "archive_freshness"


def date_honestly(content, options, now, history):
    """Set the page's ``modified`` (last updated) and ``outdated``."""
    settings = content.settings
    zone = site_zone(settings)
    stated = content.metadata.get("modified") and getattr(content, "modified", None)
    relative = os.path.relpath(content.source_path, settings["PATH"]).replace(os.sep, "/")
    committed = history.get(relative)
    set_last_updated(content, latest(stated, committed and _local(committed, zone)))
    content.outdated = outdated(content, stated, now, options["FRESHNESS_STALE_AFTER_YEARS"])


def read_again(page, last, context, **_kwargs):
    """The preview's saved page, dated as the rebuild will date it, from the
    last build's history."""
    history = build_of(context).state.get(STATE, {})
    settings = page.settings
    date_honestly(page, freshness_settings(settings), resolve_build_date(settings), history)
    return ("modified", "locale_modified", "outdated")


def latest(*dates):
    present = [d for d in dates if d]
    return max(present) if present else None


def set_last_updated(content, when):
    published = getattr(content, "date", None)
    if when is None or (published is not None and when.date() <= published.date()):
        for name in ("modified", "locale_modified"):
            content.__dict__.pop(name, None)
        return
    content.modified = when
    content.locale_modified = when.strftime(content.date_format)


def outdated(content, stated, now, years):
    content_type = getattr(content, "type", None)
    published = getattr(content, "date", None)
    if not getattr(content_type, "can_go_stale", False) or published is None:
        return None
    since = stated or published
    if _years_after(since.date(), years) > now.date():
        return None
    return Outdated(since=since, years=years, updated=bool(stated))


def _years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _local(when, zone):
    local = when.astimezone(zone)
    return SafeDatetime(
        local.year, local.month, local.day, local.hour, local.minute, local.second, tzinfo=zone
    )


def register():
    signals.all_generators_finalized.connect(apply_honest_dates)
    content_read_again.connect(read_again)
