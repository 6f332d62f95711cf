"""The events plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from archive_model.settings import SettingsError, plugin_settings

DEFAULTS = {
    # The calendar page: upcoming events, then past ones by year.
    "EVENTS_CALENDAR_URL": "kalender/",
    "EVENTS_CALENDAR_SAVE_AS": "kalender/index.html",
    # Subscribable iCalendar files; {slug} is the administration's or type's slug.
    "EVENTS_ICS_ALL": "kalender/alla.ics",
    "EVENTS_ICS_ADMINISTRATION": "kalender/forvaltning/{slug}.ics",
    "EVENTS_ICS_TYPE": "kalender/typ/{slug}.ics",
    # One file per page with events, next to the page ({url} is the page's URL).
    "EVENTS_PAGE_ICS": "{url}kalender.ics",
    # The right-hand side of every UID. Fixed, not taken from SITEURL, so a
    # preview and the published site give calendar clients the same UIDs.
    "EVENTS_UID_DOMAIN": "lararkiv.helsingborg.se",
    # Absolute links inside .ics and JSON-LD (read outside the site). None:
    # FEED_DOMAIN, else SITEURL.
    "EVENTS_SITE_URL": None,
    # How often subscribed calendars should be fetched again (REFRESH-INTERVAL,
    # X-PUBLISHED-TTL): without it each client picks its own interval, and a
    # cancelled meeting may stay in readers' calendars longer than it should.
    "EVENTS_ICS_REFRESH": dt.timedelta(hours=12),
    # How many events the front page shows, upcoming and past.
    "EVENTS_FRONT_PAGE_COUNT": 3,
}


def events_settings(settings):
    """The plugin's settings: DEFAULTS overridden by the user's, checked."""
    return plugin_settings(settings, DEFAULTS, _check)


def _check(merged, settings):
    if merged["EVENTS_SITE_URL"] is None:
        merged["EVENTS_SITE_URL"] = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    merged["EVENTS_SITE_URL"] = merged["EVENTS_SITE_URL"].rstrip("/")
    for name in ("EVENTS_ICS_ADMINISTRATION", "EVENTS_ICS_TYPE"):
        if "{slug}" not in merged[name]:
            raise SettingsError(f"{name} ska innehålla {{slug}}: {merged[name]!r}")
    if "{url}" not in merged["EVENTS_PAGE_ICS"]:
        raise SettingsError(f"EVENTS_PAGE_ICS ska innehålla {{url}}: {merged['EVENTS_PAGE_ICS']!r}")
    count = merged["EVENTS_FRONT_PAGE_COUNT"]
    if not isinstance(count, int) or count < 0:
        raise SettingsError(f"EVENTS_FRONT_PAGE_COUNT ska vara ett heltal ≥ 0: {count!r}")
    refresh = merged["EVENTS_ICS_REFRESH"]
    if not isinstance(refresh, dt.timedelta) or refresh < dt.timedelta(minutes=1):
        raise SettingsError(f"EVENTS_ICS_REFRESH ska vara en timedelta på minst en minut: {refresh!r}")
    if merged["EVENTS_SITE_URL"] and not urlsplit(merged["EVENTS_SITE_URL"]).scheme:
        raise SettingsError(f"EVENTS_SITE_URL ska vara en absolut adress: {merged['EVENTS_SITE_URL']!r}")
