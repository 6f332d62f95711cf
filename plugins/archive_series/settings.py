"""The plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

from archive_model.settings import SettingsError, plugin_settings

DEFAULTS = {
    # One page per series of the registry, and an overview of all series.
    "SERIES_URL": "serie/{slug}/",
    "SERIES_SAVE_AS": "serie/{slug}/index.html",
    "SERIES_INDEX_URL": "serie/",
    "SERIES_INDEX_SAVE_AS": "serie/index.html",
    # What a page of a thread is called on another page of it, by content
    # type; pages of other types are "Uppföljning" (they follow the page
    # shown) or "Följer upp" (the page shown follows them).
    "SERIES_RELATION_LABELS": {"inbjudan": "Inbjudan", "motesanteckningar": "Mötesanteckningar"},
    "SERIES_FOLLOW_UP_LABEL": "Uppföljning",
    "SERIES_FOLLOWS_LABEL": "Följer upp",
    # Headings under which a list in the text is the page's agenda.
    "SERIES_AGENDA_HEADINGS": ["Dagordning", "På agendan"],
}


def series_settings(settings):
    """DEFAULTS with the user's SERIES_ settings over them, checked."""
    return plugin_settings(settings, DEFAULTS, _check)


def _check(merged, _settings):
    for name in ("SERIES_URL", "SERIES_SAVE_AS"):
        if "{slug}" not in merged[name]:
            raise SettingsError(f"{name} = {merged[name]!r} måste innehålla {{slug}}")
    if not isinstance(merged["SERIES_RELATION_LABELS"], dict):
        raise SettingsError("SERIES_RELATION_LABELS ska vara en dict: typ → benämning")


def relation_labels(merged):
    return {
        "types": merged["SERIES_RELATION_LABELS"],
        "follow_up": merged["SERIES_FOLLOW_UP_LABEL"],
        "follows": merged["SERIES_FOLLOWS_LABEL"],
    }
