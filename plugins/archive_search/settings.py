"""The search plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

DEFAULTS = {
    # The search page; the header search form submits here (GET ?q=…).
    "SEARCH_URL": "sok/",
    "SEARCH_SAVE_AS": "sok/index.html",
    # Path to a Pagefind binary; None uses the one inside the pagefind-bin
    # wheel (a declared dependency), so a build never downloads anything.
    "SEARCH_PAGEFIND_BINARY": None,
    # The bundle folder inside the output (index, fragments, pagefind.js).
    "SEARCH_BUNDLE_DIR": "pagefind",
    # Parts of an indexed page that are not its text. The article header's
    # fact list (dates, author, administrations, topics, labels such as
    # "Publicerad") would otherwise match every page; those facts reach the
    # index as metadata and filters instead (see records.py).
    "SEARCH_EXCLUDE_SELECTORS": [".la-meta", ".la-meta-line"],
}


def search_settings(settings):
    """The plugin's settings: DEFAULTS overridden by the user's values."""
    return {name: settings.get(name, default) for name, default in DEFAULTS.items()}
