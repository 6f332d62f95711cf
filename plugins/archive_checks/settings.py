"""The checks' settings: defaults in one place, merged over the user's."""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # First URL segments of pages that other generators write (administration
    # pages, calendars, search …) and that do not exist until the site is
    # written. A link from the text into such a section is accepted here and
    # checked file by file after the build (tests/quality, archive_checks.output).
    # The sections of NAVIGATION are added to these.
    "CHECKS_GENERATED_SECTIONS": ["pagefind"],
    # Ids every page has from the templates (base.html's skip-link target):
    # an anchor to one of them needs no heading in the text.
    "CHECKS_TEMPLATE_IDS": ["main-content"],
}


def checks_settings(settings):
    """DEFAULTS with the user's values on top; the user's dict is untouched."""
    return plugin_settings(settings, DEFAULTS)
