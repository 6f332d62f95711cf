"""Pelican settings for Öppna lärarkivet (development and local preview).

`pelican content -s pelicanconf.py -o DIR` builds the whole site with these.
publishconf.py adds only what differs in production.
"""

import os

PROJECT = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Öppna lärarkivet"
SITESUBTITLE = "Helsingborgs stads lärarkiv för social utveckling"
PUBLISHER = "Helsingborgs stad, socialförvaltningen"
SITEURL = ""
# Relative links let the preview work from any folder and under a sub-path.
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # templates use the Babel filters instead

PLUGIN_PATHS = ["plugins"]
# Order matters: the content model first (it reads and validates), then the
# plugins that build on its values, the checks, and search last (it indexes
# the written output). archive_speed is optional (the same site, built
# faster); it removes stale files before archive_publish lists the folder.
# archive_cms writes /admin/ (Decap CMS, configured from the registry).
PLUGINS = [
    "archive_model",
    "archive_events",
    "archive_administrations",
    "archive_series",
    "archive_safety",
    "archive_freshness",
    "archive_checks",
    "archive_speed",
    "archive_publish",
    "archive_search",
    "archive_cms",
]
ARCHIVE_REGISTRY = os.path.join(PROJECT, "data", "registry.yaml")

ARTICLE_PATHS = [
    "utmaningar",
    "motesanteckningar",
    "forskningsfrukostar",
    "rapporter",
    "inbjudningar",
    "nyheter",
    "projekt",
]
PAGE_PATHS = ["sidor"]
STATIC_PATHS = ["bilagor", "bilder"]
# A failed build must never leave a half-emptied output folder behind.
DELETE_OUTPUT_DIRECTORY = False

# The file name is the slug (editors see it in the URL), transliterated å/ä/ö → a/a/o.
SLUGIFY_SOURCE = "basename"

# Pretty URLs ending in "/".
ARTICLE_URL = "arkiv/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
DRAFT_URL = "utkast/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "typ/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "typ/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "amne/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "amne/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "arkiv/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "arkiv/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
# Authors are credits on a page, not listings of their own.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404"]
INDEX_URL = ""
NOT_FOUND_SAVE_AS = "404.html"
# Pelican names a direct template's output <NAME>_SAVE_AS.
globals()["404_SAVE_AS"] = "404.html"

# Ten cards a page keeps listings short on a phone.
DEFAULT_PAGINATION = 10

# When a content cache is used (`invoke serve`, `invoke publish` in CI), keep
# it uncompressed: gzip made every cached build about 15 % slower (1.9 → 1.6 s
# reading 2,000 cached pages), for a cache of ~3 MB per 1,000 pages that CI's
# cache action compresses anyway (issue #10).
GZIP_CACHE = False
PAGINATED_TEMPLATES = {"category": None, "tag": None, "period_archives": None, "administration": None}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/sida/{number}/", "{base_name}/sida/{number}/index.html"),
]
SUMMARY_MAX_PARAGRAPHS = 1

# Atom feeds. Templates link them as {{ SITEURL }}/…; the entries inside need
# absolute links, to the preview server here and to SITEURL in publishconf.
FEED_DOMAIN = "http://localhost:8000"
FEED_ALL_ATOM = "feeds/alla.atom.xml"
CATEGORY_FEED_ATOM = "feeds/typ/{slug}.atom.xml"
TAG_FEED_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.toc",
        "markdown.extensions.sane_lists",
    ],
    "extension_configs": {
        # Heading ids without å/ä/ö so that anchors are plain ASCII.
        "markdown.extensions.toc": {"permalink": False},
        # Footnotes' back links are read aloud: in Swedish, like the page.
        "markdown.extensions.extra": {
            "footnotes": {"BACKLINK_TITLE": "Tillbaka till fotnot %d i texten"},
        },
    },
    "output_format": "html5",
}

# Titles and summaries are plain text: escape everything a template prints
# unless it is marked safe (content HTML).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Main navigation: (URL relative to the site, label). Plugins' sections
# (calendar, administrations, search) are added here when they exist.
NAVIGATION = [
    # "Startsida", not "Start": a link named only "Start" says nothing out of
    # context (Lighthouse's link-text audit lists it).
    ("", "Startsida"),
    ("arkiv/", "Arkiv"),
    ("typ/", "Typer"),
    ("amne/", "Ämnen"),
    ("kalender/", "Kalender"),
    ("forvaltning/", "Förvaltningar"),
    ("serie/", "Mötesserier"),
    ("om/", "Om arkivet"),
    ("sok/", "Sök"),
]
MENUITEMS = []
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
