"""Soft hyphens in long words (archive_publish/hyphenation.py): where they go
in a page and where they never do. How the lines then break in Chromium:
tests/browser/test_hyphenation.py."""

from __future__ import annotations

import sys

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from archive_publish.hyphenation import (
    SOFT_HYPHEN,
    hyphenate_html,
    hyphenate_text,
    hyphenating_template_class,
)

SHY = SOFT_HYPHEN


def page(body, head="<title>Arbetsmarknadsförvaltningen</title>"):
    return f'<!DOCTYPE html>\n<html lang="sv"><head>{head}</head>\n<body class="la-sida">\n{body}\n</body></html>'


def hyphenated(body, min_length=12):
    return hyphenate_html(page(body), "sv", min_length)


def test_long_words_get_the_swedish_break_points():
    assert hyphenate_text("Arbetsmarknadsförvaltningen", "sv", 12) == SHY.join(
        ["Arbets", "mark", "nads", "för", "valt", "ningen"]
    )
    assert hyphenate_text("Gemensam utvecklingsgrupp", "sv", 12) == f"Gemensam utveck{SHY}lings{SHY}grupp"


def test_short_words_and_the_ends_of_words_stay_whole():
    assert hyphenate_text("Kommande händelser om hälsa", "sv", 12) == "Kommande händelser om hälsa"
    assert hyphenate_text("fritidsbank/sportotek?", "sv", 12) == f"fri{SHY}tids{SHY}bank/spor{SHY}to{SHY}tek?"
    for word in hyphenate_text("samhällsutveckling forskningsfrukostar", "sv", 12).split():
        first, *_, last = word.split(SHY)
        assert len(first) >= 3 and len(last) >= 3, word


def test_only_the_text_of_the_body_changes():
    body = (
        '<h1 id="arbetsmarknadsforvaltningen">Arbetsmarknadsförvaltningen</h1>\n'
        '<a href="/forvaltning/arbetsmarknadsforvaltningen/" title="Arbetsmarknadsförvaltningen">'
        "Arbetsmarknadsförvaltningen</a>\n"
        '<img alt="Tillgänglighetsredogörelse > alt" src="x.png">'
    )
    result = hyphenated(body)
    soup = BeautifulSoup(result, "html.parser")
    assert soup.title.string == "Arbetsmarknadsförvaltningen"
    assert soup.h1["id"] == "arbetsmarknadsforvaltningen" and SHY in soup.h1.string
    assert soup.a["href"] == "/forvaltning/arbetsmarknadsforvaltningen/"
    assert soup.a["title"] == "Arbetsmarknadsförvaltningen" and SHY in soup.a.string
    assert soup.img["alt"] == "Tillgänglighetsredogörelse > alt"
    assert result.replace(SHY, "") == page(body), "nothing but soft hyphens is added"


@pytest.mark.parametrize(
    "body",
    [
        "<pre>arbetsmarknadsförvaltningen</pre>",
        "<p><code>arbetsmarknadsförvaltningen</code></p>",
        '<script type="application/ld+json">{"name": "Arbetsmarknadsförvaltningen"}</script>',
        "<style>.arbetsmarknadsförvaltningen { color: red }</style>",
        "<textarea>arbetsmarknadsförvaltningen</textarea>",
        "<!-- arbetsmarknadsförvaltningen -->",
        "<p>https://www.helsingborg.se/arbetsmarknadsforvaltningen</p>",
        "<p>www.arbetsmarknadsforvaltningen.se</p>",
        "<p>arbetsmarknadsforvaltningen@helsingborg.se</p>",
        "<p>&CounterClockwiseContourIntegral; 20190208arbetsmarknad</p>",
    ],
    ids=["pre", "code", "script", "style", "textarea", "comment", "url", "www", "email", "references_and_digits"],
)
def test_code_addresses_and_references_are_never_touched(body):
    assert hyphenated(body) == page(body)


def test_text_after_an_untouched_element_is_hyphenated_again():
    result = hyphenated("<p><code>x</code> arbetsmarknadsförvaltningen <pre>a</pre> utvecklingsgrupp</p>")
    assert f"arbets{SHY}mark" in result and f"utveck{SHY}lings" in result


def test_a_fragment_without_a_body_is_left_as_it_is():
    fragment = "<p>Arbetsmarknadsförvaltningen</p>"
    assert hyphenate_html(fragment, "sv", 12) == fragment


def test_the_built_site_hyphenates_its_pages_but_not_what_machines_read(site):
    """Pages carry soft hyphens; feeds, calendars, the sitemap, the search
    index's titles and the head of each page (its title, description and
    structured data) do not."""
    index = (site.root / "index.html").read_text(encoding="utf-8")
    head, body = index.split("<body", 1)
    assert SHY not in head
    assert SHY in body
    for pattern in ("**/*.ics", "**/*.xml", "**/*.json", "**/*.txt"):
        for path in site.root.glob(pattern):
            if "pagefind" not in path.parts:
                assert SHY not in path.read_text(encoding="utf-8"), path
    for path in site.root.rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for meta in soup.find_all("meta", attrs={"data-pagefind-meta": True}):
            assert SHY not in meta.get("content", ""), path
        for script in soup.find_all("script"):
            assert SHY not in (script.string or ""), path


def test_an_editors_own_soft_hyphens_decide_for_that_word():
    assert hyphenate_text(f"Arbetsmarknads{SHY}förvaltningen", "sv", 12) == f"Arbetsmarknads{SHY}förvaltningen"


def test_length_zero_or_a_language_without_patterns_turns_hyphenation_off():
    assert hyphenating_template_class({"PUBLISH_SOFT_HYPHENS_MIN_LENGTH": 0}) is None
    assert hyphenating_template_class({"DEFAULT_LANG": "tlh"}) is None
    assert hyphenating_template_class({"DEFAULT_LANG": "sv"}) is not None
