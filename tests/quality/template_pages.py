"""One page of every template, found in the built output by URL pattern, so
templates added later are checked as soon as they are built (and reported as
skipped until then), and the page of every content file a change touched
(LARARKIV_CHANGED_CONTENT, set by `invoke grindar`). Used by the browser
gates in tests/quality/."""

from __future__ import annotations

import os
import re
from pathlib import Path

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
# Content files (paths under the project, one a line) whose pages the
# browser gates check besides the sample of templates: `invoke grindar`
# sets it from `git diff`.
CHANGED_ENV = "LARARKIV_CHANGED_CONTENT"
CHANGED = "changed page"
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
    for source in changed_sources():
        url = page_of_source(root, source)
        if url is not None:
            pages[f"{CHANGED} ({source})"] = (url, None)
    return pages


def changed_sources():
    """The Markdown files named in LARARKIV_CHANGED_CONTENT."""
    lines = os.environ.get(CHANGED_ENV, "").splitlines()
    return sorted({line.strip() for line in lines if line.strip().endswith(".md")})


def page_of_source(root, source):
    """The URL of a content file's built page: an article's by its slug (the
    file name, as SLUGIFY_SOURCE says, or its `slug` field), a static page's
    at the site's root; None for a draft or a file that is no page."""
    slug = Path(source).stem
    text = (Path(source) if Path(source).is_absolute() else ROOT / source)
    if text.is_file():
        found = re.search(r"^slug:\s*(\S+)", text.read_text(encoding="utf-8", errors="replace"), re.M)
        slug = found.group(1) if found else slug
    for pattern in (f"arkiv/*/*/{slug}/index.html", f"{slug}/index.html"):
        matches = sorted(root.glob(pattern))
        if matches:
            return url_of(matches[0].relative_to(root).as_posix())
    return None


def expected_templates():
    """Every template name, built or not, for parametrising (ids stay stable):
    one article per content type of the registry, then the other templates."""
    registry = yaml.safe_load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"))
    articles = [f"article ({slug})" for slug in registry["types"]]
    changed = [f"{CHANGED} ({source})" for source in changed_sources()]
    return articles + [name for name, _pattern, _ready in TEMPLATES if name != "article"] + changed


def open_template(built_templates, name, tab, base_url):
    """Go to the template's page in ``tab`` and wait until it shows what it
    should; skips when the template is not in this build."""
    if name not in built_templates:
        if name.startswith(CHANGED):
            pytest.skip(f"{name}: no published page (a draft, or not a page)")
        pytest.skip(f"{name}: no such page in this build (template not built yet)")
    url, ready = built_templates[name]
    tab.goto(base_url + url)
    tab.wait_for_load_state("load")
    if ready:
        tab.wait_for_selector(ready, timeout=15000)
    return url
