"""The plugin's settings (prefix ``ADMINISTRATION_``/``ADMINISTRATIONS_``):
defaults in one place."""

from __future__ import annotations

from archive_model.settings import SettingsError, plugin_settings

DEFAULTS = {
    # One front door per administration. The names follow Pelican's
    # CATEGORY_URL, TAG_URL, …; places.py gives each administration its own.
    "ADMINISTRATION_URL": "forvaltning/{slug}/",
    "ADMINISTRATION_SAVE_AS": "forvaltning/{slug}/index.html",
    # The overview of all administrations with counts.
    "ADMINISTRATIONS_URL": "forvaltning/",
    "ADMINISTRATIONS_SAVE_AS": "forvaltning/index.html",
    # An Atom feed per administration (None: no feeds). Written with
    # Pelican's own feed writer, so FEED_DOMAIN and FEED_MAX_ITEMS apply.
    "ADMINISTRATION_FEED_ATOM": "feeds/forvaltning/{slug}.atom.xml",
    # Its public URL when it differs from the path written (like Pelican's
    # CATEGORY_FEED_ATOM_URL); None: the same.
    "ADMINISTRATION_FEED_ATOM_URL": None,
    # Registry colours as a stylesheet ({hash}: of its content), written only
    # when some administration has a colour.
    "ADMINISTRATIONS_COLOURS_SAVE_AS": "forvaltning/farger-{hash}.css",
    # "Latest meeting notes and reports" on a front door: these types, this many.
    "ADMINISTRATIONS_LATEST_TYPES": ("motesanteckningar", "rapport"),
    "ADMINISTRATIONS_LATEST_COUNT": 5,
    # How many upcoming events a front door shows (the calendar has them all).
    "ADMINISTRATIONS_UPCOMING_COUNT": 5,
}


def administration_settings(settings):
    """The plugin's settings: DEFAULTS overridden by the user's, checked."""
    return plugin_settings(settings, DEFAULTS, _check)


def _check(merged, _settings):
    for key in ("ADMINISTRATION_URL", "ADMINISTRATION_SAVE_AS"):
        if "{slug}" not in str(merged[key]):
            raise SettingsError(f"{key} måste innehålla {{slug}}: {merged[key]!r}")
    for key in ("ADMINISTRATIONS_LATEST_COUNT", "ADMINISTRATIONS_UPCOMING_COUNT"):
        if not isinstance(merged[key], int) or merged[key] < 0:
            raise SettingsError(f"{key} ska vara ett heltal ≥ 0: {merged[key]!r}")
