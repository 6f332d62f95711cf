"""One page of every template, found in the built output by URL pattern, so
templates added later are checked as soon as they are built (and reported as
skipped until then). Used by the browser gates in tests/quality/."""

from __future__ import annotations

import re

import pytest
import yaml
from sitebuild import ROOT

# (template, glob of its output files relative to the site, what the page must
# show before it is checked: a CSS selector, or None). The first file in sorted
# order is checked; the search page gets a query so it shows results.
TEMPLATES = [
    ("front page", "index.html", None),
    ("article", "arkiv/*/*/*/index.html", None),  # one per type, see template_pages
    ("type listing", "typ/*/index.html", None),
    ("type overview", "typ/index.html", None),
    ("topic listing", "amne/*/index.html", None),
    ("topic overview", "amne/index.html", None),
    ("year listing", "arkiv/[0-9][0-9][0-9][0-9]/index.html", None),
    ("archive overview", "arkiv/index.html", None),
    ("second page of a listing", "*/*/sida/2/index.html", None),
    ("administration", "forvaltning/*/index.html", None),
    ("administration overview", "forvaltning/index.html", None),
    ("series", "serie/*/index.html", None),
    ("series overview", "serie/index.html", None),
    ("calendar", "kalender/index.html", None),
    ("search with results", "sok/index.html", ".la-search-result"),
    ("not found (404)", "404.html", None),
    ("accessibility statement", "tillganglighet/index.html", None),
    ("static page", "om/index.html", None),
]
SEARCH_QUERY = "?q=samverkan"
# Where test_links.py leaves the external links for the run's summary.
EXTERNAL_LINKS = pytest.StashKey[dict]()
ARTICLE_TYPE = re.compile(r'class="la-article__type"><a href="[^"]*typ/([^/"]+)/')


def url_of(relative):
    """The served URL path of an output file: folders end in '/'."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def articles_by_type(root):
    """The first article page (by path) of each content type."""
    found = {}
    for path in sorted(root.glob("arkiv/*/*/*/index.html")):
        match = ARTICLE_TYPE.search(path.read_text(encoding="utf-8"))
        if match and match.group(1) not in found:
            found[match.group(1)] = path.relative_to(root).as_posix()
    return found


def template_pages(root):
    """{name: (url, ready selector)} for every template built in ``root``."""
    pages = {}
    for name, pattern, ready in TEMPLATES:
        if name == "article":
            for content_type, relative in articles_by_type(root).items():
                pages[f"article ({content_type})"] = (url_of(relative), ready)
            continue
        matches = sorted(p.relative_to(root).as_posix() for p in root.glob(pattern))
        if matches:
            query = SEARCH_QUERY if name == "search with results" else ""
            pages[name] = (url_of(matches[0]) + query, ready)
    return pages


def expected_templates():
    """Every template name, built or not, for parametrising (ids stay stable):
    one article per content type of the registry, then the other templates."""
    registry = yaml.safe_load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"))
    articles = [f"article ({slug})" for slug in registry["types"]]
    return articles + [name for name, _pattern, _ready in TEMPLATES if name != "article"]


def open_template(built_templates, name, tab, base_url):
    """Go to the template's page in ``tab`` and wait until it shows what it
    should; skips when the template is not in this build."""
    if name not in built_templates:
        pytest.skip(f"{name}: no such page in this build (template not built yet)")
    url, ready = built_templates[name]
    tab.goto(base_url + url)
    tab.wait_for_load_state("load")
    if ready:
        tab.wait_for_selector(ready, timeout=15000)
    return url
