"""Search index: only published content pages are indexed, each with the
facts its page shows (type, administrations, topics, year) as filters and a
date sort key; the search page offers exactly the index's filter values; a
failing Pagefind stops the build with its own message and leaves the old
index in place. Queries in a real browser are in tests/browser/test_search.py."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import stat
import subprocess
import sys
from collections import Counter
from types import SimpleNamespace

import pytest
from sitebuild import ROOT, BuiltSite

sys.path.insert(0, str(ROOT / "plugins"))
from archive_model.registry import load_registry
from archive_search.indexer import pagefind_binary
from archive_search.records import (
    UNDATED,
    filter_groups,
    search_record,
    swedish_key,
)
from archive_search.stable_index import read_file, write_file

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
ARTICLE_URL = re.compile(r"^arkiv/\d{4}/\d{2}/[^/]+/index\.html$")
STATIC_PAGES = {"om/index.html", "tillganglighet/index.html"}


def relative(site, path):
    return path.relative_to(site.root).as_posix()


def indexed_pages(site):
    """{relative path: soup} of every built page Pagefind indexes (the mark
    on any element: test_navigation_… checks that it is <main>)."""
    pages = {}
    for path in site.html_files():
        soup = site.soup("/" + relative(site, path))
        if soup.select_one("[data-pagefind-body]"):
            pages[relative(site, path)] = soup
    return pages


def index_filters(soup):
    found = {}
    for tag in soup.select("meta[data-pagefind-filter]"):
        key = tag["data-pagefind-filter"].removesuffix("[content]")
        found.setdefault(key, []).append(tag["content"])
    return found


def index_page_count(folder):
    entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_only_articles_and_static_pages_are_indexed(site):
    pages = indexed_pages(site)
    articles = {p for p in pages if ARTICLE_URL.match(p)}
    assert set(pages) == articles | STATIC_PAGES
    all_articles = {relative(site, p) for p in site.html_files() if ARTICLE_URL.match(relative(site, p))}
    assert articles == all_articles
    # Listings, the front page, the search page and 404 are never results.
    for url in ["", "arkiv/", "amne/", "typ/", "forvaltning/", "sok/", "404.html"]:
        if site.path(url).exists():
            assert not site.soup(url).select_one("[data-pagefind-body]"), url


def test_the_index_holds_exactly_the_indexed_pages(site):
    assert index_page_count(site.root) == len(indexed_pages(site))


def test_navigation_header_and_footer_are_outside_the_indexed_part(site):
    pages = indexed_pages(site)
    assert pages, "no page is marked for the index: nothing below is checked"
    for path, soup in pages.items():
        body = soup.select_one("[data-pagefind-body]")
        assert body.name == "main", path
        assert not body.select("nav.la-nav, footer, header.la-header, form"), path


def test_every_indexed_page_has_title_and_date_sort_key(site):
    pages = indexed_pages(site)
    assert pages, "no page is marked for the index: nothing below is checked"
    for path, soup in pages.items():
        sort = soup.select("meta[data-pagefind-sort='datum[content]']")
        assert len(sort) == 1, path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", sort[0]["content"]), path
        title = soup.select_one("meta[data-pagefind-meta='title[content]']")["content"]
        assert title == soup.h1.get_text(strip=True), path


def test_article_filters_are_the_facts_its_page_shows(site):
    articles = {path: soup for path, soup in indexed_pages(site).items()
                if ARTICLE_URL.match(path)}
    assert articles, "no article is marked for the index: nothing below is checked"
    for path, soup in articles.items():
        shown = {
            "typ": [soup.select_one(".la-article__type").get_text(strip=True)],
            "forvaltning": [abbr["title"] for abbr in soup.select(".la-meta .la-badge abbr")],
            "amne": sorted(a.get_text(strip=True) for a in soup.select(".la-meta .la-inline-list a")),
            "ar": [soup.select_one(".la-meta time")["datetime"][:4]],
        }
        filters = index_filters(soup)
        filters["amne"] = sorted(filters.get("amne", []))
        assert {k: v for k, v in filters.items() if v} == {k: v for k, v in shown.items() if v}, path
        sort_date = soup.select_one("meta[data-pagefind-sort]")["content"]
        assert sort_date == soup.select_one(".la-meta time")["datetime"][:10], path


def test_search_page_offers_exactly_the_index_filter_values_with_counts(site):
    expected = Counter()
    for soup in indexed_pages(site).values():
        for key, values in index_filters(soup).items():
            expected.update((key, v) for v in values)
    page = site.soup("sok/")
    offered = {}
    for box in page.select(".la-search__option input[type=checkbox]"):
        count = box.find_next_sibling("label").select_one("[data-la-search-count]").get_text()
        offered[(box["name"], box["value"])] = int(count.strip("()"))
    assert offered == dict(expected)
    legends = [g.legend.get_text(strip=True) for g in page.select(".la-search__fieldset")]
    assert legends == ["Förvaltning", "Typ", "Ämne", "År"]


def test_search_page_explains_itself_without_javascript(site):
    page = site.soup("sok/")
    fallback = page.select_one(".la-search__fallback")
    assert "JavaScript" in fallback.get_text()
    links = {a["href"].rstrip("/").split("/")[-1] for a in fallback.select("a")}
    assert {"arkiv", "amne", "forvaltning"} <= links
    assert not page.select("noscript")
    # Scripts are files from the site itself, never inline.
    assert all(s.get("src") for s in page.select("script"))
    assert page.select_one("label[for=la-search-q]").get_text(strip=True) == "Sökord"


def test_header_search_form_submits_to_the_search_page(site):
    for url in ["", "om/", "arkiv/"]:
        form = site.soup(url).select_one("header form[role=search]")
        assert form["method"] == "get"
        assert form["action"].endswith("sok/")
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert not site.soup("sok/").select("header form"), "one search field on the search page"


def test_bundle_holds_the_index_and_no_unused_ui(site):
    bundle = site.root / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list((bundle / "fragment").iterdir())
    assert not list(bundle.glob("pagefind-*ui*")), "the site uses its own UI"
    assert not list(site.root.glob(".pagefind*")), "no temporary bundle left behind"


def test_pagefinds_cbor_files_read_and_write_back_to_the_same_bytes(site, tmp_path):
    """stable_index.py rewrites Pagefind's CBOR files with cbor2: every kind
    Pagefind writes, as Pagefind wrote it (before the rewrite), must come back
    byte for byte."""
    bundle = tmp_path / "pagefind"
    command = [pagefind_binary(None), "--site", str(site.root), "--output-path", str(bundle)]
    subprocess.run([*command, "--quiet"], cwd=site.root, check=True, capture_output=True)
    # Fragments are gzip'd JSON; the rest is CBOR.
    files = [path for path in bundle.rglob("*.pf_*") if path.suffix != ".pf_fragment"]
    assert {path.suffix for path in files} == {".pf_meta", ".pf_filter", ".pf_index"}
    for path in files:
        copy = tmp_path / path.name
        write_file(copy, read_file(path))
        assert gzip.decompress(copy.read_bytes()) == gzip.decompress(path.read_bytes()), path.name


def test_drafts_are_not_indexed(small_site):
    small_site.write(
        "nyheter/ett-utkast.md",
        "---\ntitle: Hemligt utkast\ndate: 2019-02-08\ntype: nyhet\nstatus: draft\n---\n\nText.\n",
    )
    result = small_site.build()
    assert result.returncode == 0, result.stderr
    built = BuiltSite(small_site.output)
    drafts = list(small_site.output.glob("utkast/**/index.html"))
    assert drafts and not built.soup("/" + drafts[0].relative_to(small_site.output).as_posix()).select(
        "[data-pagefind-body]"
    )
    assert index_page_count(small_site.output) == len(indexed_pages(built))


def test_rebuild_leaves_no_stale_index_files(small_site):
    assert small_site.build().returncode == 0
    stale = small_site.output / "pagefind" / "fragment" / "sv_borttagen.pf_fragment"
    stale.write_text("x")
    assert small_site.build().returncode == 0
    assert not stale.exists()


def failing_pagefind(tmp_path):
    script = tmp_path / "pagefind-som-fallerar"
    script.write_text("#!/bin/sh\necho 'Error: kunde inte läsa sajten' >&2\nexit 3\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def unexecutable_pagefind(tmp_path):
    script = tmp_path / "pagefind-utan-korratt"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o644)
    return str(script)


BROKEN_PAGEFIND = [
    # (case, binary path from tmp_path, words the message must contain)
    ("missing_binary", lambda tmp: str(tmp / "finns-inte" / "pagefind"), ["finns inte", "SEARCH_PAGEFIND_BINARY"]),
    ("binary_fails", failing_pagefind, ["status 3", "Error: kunde inte läsa sajten"]),
    ("not_executable", unexecutable_pagefind, ["går inte att köra", "inte körbar"]),
]


@pytest.mark.parametrize("case,binary,words", BROKEN_PAGEFIND, ids=[b[0] for b in BROKEN_PAGEFIND])
def test_failing_pagefind_stops_the_build_and_keeps_the_old_index(small_site, tmp_path, case, binary, words):
    assert small_site.build().returncode == 0
    old_entry = (small_site.output / "pagefind" / "pagefind-entry.json").read_bytes()
    result = small_site.build("-e", f'SEARCH_PAGEFIND_BINARY="{binary(tmp_path)}"')
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Sökindexet kunde inte byggas" in output
    for word in words:
        assert word in output, output
    assert "Traceback" not in output
    assert (small_site.output / "pagefind" / "pagefind-entry.json").read_bytes() == old_entry
    assert not list(small_site.output.glob(".pagefind*"))


def item(**fields):
    defaults = {"title": "Rubrik", "status": "published", "tags": [], "administrations": []}
    return SimpleNamespace(**{**defaults, **fields})


ADMIN = REGISTRY.administration("sof")
TOPIC = REGISTRY.topic("föreningsliv")
DATE = dt.datetime(2019, 2, 8, 9, 0)
RECORDS = [
    # (case, item, expected attributes of the record; None = not indexed)
    ("draft", item(status="draft", date=DATE), None),
    ("hidden", item(status="hidden", date=DATE), None),
    ("undated_static_page", item(), {"date": None, "sort_date": UNDATED, "type": "Sida", "filters": {"typ": ("Sida",)}}),
    ("page_with_updated_only", item(modified=DATE), {"date": "2019-02-08", "filters": {"typ": ("Sida",), "ar": ("2019",)}}),
    (
        "article_with_facts",
        item(
            date=DATE,
            type=REGISTRY.content_type("nyhet"),
            administrations=[ADMIN],
            tags=[SimpleNamespace(name=TOPIC.name)],
            author="Bengt Nilsson",
        ),
        {
            "sort_date": "2019-02-08",
            "filters": {
                "forvaltning": ("Socialförvaltningen",),
                "typ": ("Nyhet",),
                "amne": ("föreningsliv",),
                "ar": ("2019",),
            },
            # Topic aliases make the index find what stemming cannot join.
            "keywords": ("föreningsliv", "föreningar", "civilsamhälle", "Socialförvaltningen", "SOF", "Bengt Nilsson"),
        },
    ),
]


@pytest.mark.parametrize("case,source,expected", RECORDS, ids=[r[0] for r in RECORDS])
def test_search_record(case, source, expected):
    record = search_record(source, REGISTRY)
    if expected is None:
        assert record is None
        return
    for name, value in expected.items():
        assert getattr(record, name) == value, name


def test_filter_groups_order_registry_then_alphabet_then_newest_year():
    records = [
        search_record(item(date=DATE, type=REGISTRY.content_type(t), administrations=[REGISTRY.administration(a)],
                           tags=[SimpleNamespace(name=n) for n in topics]), REGISTRY)
        for t, a, topics in [("rapport", "vof", ["samverkan", "ofrivillig ensamhet"]), ("utmaning", "amf", ["anhörigstöd"])]
    ]
    records.append(search_record(item(modified=dt.datetime(2022, 1, 1)), REGISTRY))
    groups = {g.key: [v for v, _ in g.values] for g in filter_groups(records, REGISTRY)}
    assert groups == {
        "forvaltning": ["Arbetsmarknadsförvaltningen", "Vård- och omsorgsförvaltningen"],
        "typ": ["Utmaning", "Rapport", "Sida"],
        "amne": ["anhörigstöd", "ofrivillig ensamhet", "samverkan"],
        "ar": ["2022", "2019"],
    }


@pytest.mark.parametrize(
    "words,expected",
    [
        (["öppen", "zon", "ände", "år", "arkiv"], ["arkiv", "zon", "år", "ände", "öppen"]),
        (["Ämne", "avgift", "Örat"], ["avgift", "Ämne", "Örat"]),
    ],
)
def test_swedish_key_sorts_aao_after_z(words, expected):
    assert sorted(words, key=swedish_key) == expected


def indexed_texts(output):
    """Title → the text Pagefind keeps of each indexed page (its fragments:
    gzip'd JSON after Pagefind's own marker)."""
    texts = {}
    for path in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts[fragment["meta"]["title"]] = fragment["content"]
    return texts


AUTHORED = (
    "---\ntitle: Föreningarnas vårmöte\ndate: 2019-03-01\ntype: nyhet\n"
    "author: Zebulon Qvarnström\n---\n\nFöreningarna samlades på Dunkers kulturhus.\n"
)


@pytest.mark.parametrize(("excluded", "indexed"), [(None, False), ("[]", True)])
def test_the_pages_facts_line_is_left_out_of_its_indexed_text(small_site, excluded, indexed):
    """The author stands only in the facts (.la-meta, SEARCH_EXCLUDE_SELECTORS):
    a search for a name must find what the page says, not who wrote it. With
    no selectors excluded the same build indexes it: the exclusion is what
    leaves it out."""
    small_site.write("nyheter/foreningarnas-varmote.md", AUTHORED)
    extra = ("-e", f"SEARCH_EXCLUDE_SELECTORS={excluded}") if excluded else ()
    result = small_site.build(*extra)
    assert result.returncode == 0, result.stderr
    page = BuiltSite(small_site.output).soup("/arkiv/2019/03/foreningarnas-varmote/")
    assert "Qvarnström" in page.select_one(".la-meta").get_text()
    text = indexed_texts(small_site.output)["Föreningarnas vårmöte"]
    assert "Dunkers kulturhus" in text
    assert ("Qvarnström" in text) is indexed
