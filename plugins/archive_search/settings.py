"""The search plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # The search page; the header search form submits here (GET ?q=…).
    "SEARCH_URL": "sok/",
    "SEARCH_SAVE_AS": "sok/index.html",
    # Path to a Pagefind binary; None uses the one inside the pagefind-bin
    # wheel (a declared dependency), so a build never downloads anything.
    "SEARCH_PAGEFIND_BINARY": None,
    # CPUs Pagefind may use; None: all. Pagefind's peak memory grows with its
    # threads: at 10,000 pages 2.0 GB on two cores, 1.8 GB on one, and only
    # on one does the whole build stay under 2 GB (issue #10: 2,012 MB; 2,223
    # with all). The price: Pagefind alone 18 → 30 s, the whole build 56 →
    # 60 s at 10,000 pages (bench/pagefind_limits.py, bench/README.md).
    # Ignored where CPU affinity does not exist (only Linux has it).
    "SEARCH_PAGEFIND_CPUS": 1,
    # The bundle folder inside the output (index, fragments, pagefind.js).
    "SEARCH_BUNDLE_DIR": "pagefind",
    # Parts of an indexed page that are not its own text (Pagefind's
    # --exclude-selectors; data-pagefind-ignore in markup does the same).
    # The article header's fact list and the static page's date line (dates,
    # author, administrations, topics and labels such as "Publicerad") would
    # match every page: those facts reach the index as metadata and filters
    # instead (records.py). The outdated-page notice is the same sentence on
    # every old page; series and thread navigation list other pages' titles,
    # which would make every neighbour a result. An event's "Lägg till i
    # kalender" line says the same (Outlook, Google Kalender, prenumerera) on
    # every event page.
    "SEARCH_EXCLUDE_SELECTORS": [
        ".la-meta", ".la-meta-line", ".la-outdated", ".la-series-nav", ".la-thread", ".la-event__ics",
    ],
}


def search_settings(settings):
    """The plugin's settings: DEFAULTS overridden by the user's values."""
    return plugin_settings(settings, DEFAULTS)
