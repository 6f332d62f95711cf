"""The plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

DEFAULTS = {
    # The registry of types, administrations, series and topics. Relative
    # paths are taken from the project folder (the parent of PATH).
    "ARCHIVE_REGISTRY": "data/registry.yaml",
    # The one "now" of a build: an aware datetime, an ISO string, or None for
    # SOURCE_DATE_EPOCH when set, else the moment the build starts. Nothing
    # else in the build reads the clock, so tests and CI can pin it.
    "ARCHIVE_BUILD_DATE": None,
    # Larger source files are refused: no editor writes 5 MB of Markdown,
    # and such a file would stall every build.
    "ARCHIVE_MAX_FILE_BYTES": 1_000_000,
    # The templates a static page may name in `template:` (the theme's page
    # templates): any other would break the build or render the page as a
    # listing.
    "ARCHIVE_PAGE_TEMPLATES": ("page",),
    # The years a date may have (date, updated, an event's start, end and
    # until): far outside them is a typing slip, and years near 1 or 9999
    # broke the build (a calendar's time zone spans the years around).
    "ARCHIVE_MIN_YEAR": 1900,
    "ARCHIVE_MAX_YEAR": 2200,
    # A recurring event's bounds, whatever its count or until say: at most
    # this many occurrences, the last at most this many years after start
    # (a daily event until 2300 made a 58 MB calendar page).
    "ARCHIVE_EVENT_MAX_OCCURRENCES": 500,
    "ARCHIVE_EVENT_MAX_YEARS": 10,
    # What content/bilagor/ and content/bilder/ may publish: extension →
    # the kind its bytes must be (static_files.py: pdf, png, jpeg, gif,
    # webp, office, opendocument, text). HTML, JavaScript and SVG never are.
    "ARCHIVE_STATIC_TYPES": {
        "pdf": "pdf", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "gif": "gif", "webp": "webp",
        "docx": "office", "xlsx": "office", "pptx": "office",
        "odt": "opendocument", "ods": "opendocument", "odp": "opendocument",
        "csv": "text", "txt": "text",
    },
}

# The kinds ARCHIVE_STATIC_TYPES may name (static_files.py knows each).
STATIC_KINDS = ("pdf", "png", "jpeg", "gif", "webp", "office", "opendocument", "text")

# The archive's zone where a settings dict has no TIMEZONE (a unit test's,
# a task's): Pelican's settings always have one (pelicanconf.py).
FALLBACK_ZONE = "Europe/Stockholm"


def site_zone(settings):
    """The site's time zone, from Pelican's TIMEZONE: the one setting that
    every date, event time and calendar of the build is in."""
    return ZoneInfo(settings.get("TIMEZONE") or FALLBACK_ZONE)


class SettingsError(ValueError):
    """A setting in pelicanconf.py or publishconf.py that cannot work: stops
    the build at start-up, before any page is read."""


def plugin_settings(settings, defaults, check=None):
    """A plugin's settings, the one way every plugin reads its own: the
    user's value for each name in ``defaults``, else the default, then
    ``check(merged, settings)``, which raises SettingsError for a value that
    cannot work (and may complete one from Pelican's settings). A new dict:
    the user's settings are never written to."""
    merged = {name: settings.get(name, default) for name, default in defaults.items()}
    if check is not None:
        check(merged, settings)
    return merged


def model_settings(settings):
    return plugin_settings(settings, DEFAULTS, _check)


def _check(merged, _settings):
    unknown = sorted(k for k in merged["ARCHIVE_STATIC_TYPES"].values() if k not in STATIC_KINDS)
    if unknown:
        raise SettingsError(f"ARCHIVE_STATIC_TYPES: okänd sort {unknown[0]!r}, giltiga är {', '.join(STATIC_KINDS)}")


def registry_path(settings):
    path = model_settings(settings)["ARCHIVE_REGISTRY"]
    if os.path.isabs(path):
        return path
    project = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.join(project, path)


def resolve_build_date(settings, now=None):
    """The build's aware "now" in the site's time zone, from settings or clock."""
    value = model_settings(settings)["ARCHIVE_BUILD_DATE"]
    if value is None and os.environ.get("SOURCE_DATE_EPOCH"):
        value = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    if value is None:
        value = now or dt.datetime.now(dt.UTC)
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    zone = site_zone(settings)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(zone)
