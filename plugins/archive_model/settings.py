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
}

TIMEZONE = ZoneInfo("Europe/Stockholm")


def archive_setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def registry_path(settings):
    path = archive_setting(settings, "ARCHIVE_REGISTRY")
    if os.path.isabs(path):
        return path
    project = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.join(project, path)


def resolve_build_date(settings, now=None):
    """The build's aware "now" in Europe/Stockholm, from settings or clock."""
    value = archive_setting(settings, "ARCHIVE_BUILD_DATE")
    if value is None and os.environ.get("SOURCE_DATE_EPOCH"):
        value = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    if value is None:
        value = now or dt.datetime.now(dt.UTC)
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=TIMEZONE)
    return value.astimezone(TIMEZONE)
