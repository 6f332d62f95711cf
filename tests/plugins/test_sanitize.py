"""The raw-HTML policy (archive_model.sanitize): what an editor's HTML
becomes, case by case, on Markdown's output."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import pytest
from archive_model.errors import ContentError
from archive_model.sanitize import sanitize
from markdown import Markdown

MARKDOWN = {"extensions": ["markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.sane_lists"], "output_format": "html5"}


def clean(body):
    return sanitize(Markdown(**MARKDOWN).convert(body), body, "content/nyheter/x.md", 7)


KEPT = [
    # (case, Markdown, HTML that must come out unchanged in the result)
    ("emphasis_and_links", "Se **[arkivet](https://example.org/a?b=1&c=2)**.", '<a href="https://example.org/a?b=1&amp;c=2">arkivet</a>'),
    ("filename_link", "[nyhet]({filename}/nyheter/a.md#mal)", '<a href="{filename}/nyheter/a.md#mal">'),
    ("mailto_and_tel", "[mejla](mailto:a@b.se) [ring](tel:+4642105000)", '<a href="mailto:a@b.se">mejla</a> <a href="tel:+4642105000">ring</a>'),
    ("image_with_alt", "![Deltagare]({static}/bilder/a.png)", '<img alt="Deltagare" src="{static}/bilder/a.png">'),
    ("heading_id", "## Var och när", '<h2 id="var-och-nar">Var och när</h2>'),
    ("footnote", "Text[^1]\n\n[^1]: Not.", 'class="footnote-ref" href="#fn:1"'),
    ("abbr_and_details", "<details><summary>Mer</summary><p>Dold <abbr title=\"Socialförvaltningen\">SOF</abbr></p></details>", "<details><summary>Mer</summary><p>Dold <abbr title=\"Socialförvaltningen\">SOF</abbr></p></details>"),
    ("lang_attribute", '<p lang="en">In English</p>', '<p lang="en">In English</p>'),
    ("table_alignment_becomes_class", "| a | b |\n|:--|--:|\n| 1 | 2 |", '<th class="la-align-left">a</th>'),
    ("escaped_text_stays_escaped", "Skriv &lt;script&gt; som text", "Skriv &lt;script&gt; som text"),
    # archive_series/agenda.py relies on it: a tag ends at the first ">".
    ("angle_brackets_in_attributes_escaped", '<abbr title="a > b">x</abbr>',
     '<abbr title="a &gt; b">x</abbr>'),
    # An editor's soft hyphen (docs/redaktorsguide.md) in a long compound
    # heading: kept as U+00AD, so browsers break there with a hyphen; the
    # heading's id leaves it out, so links to it stay as they were.
    ("soft_hyphen_in_heading", "## Arbets&shy;marknads&shy;förvaltningen",
     '<h2 id="arbetsmarknadsforvaltningen">Arbets\xadmarknads\xadförvaltningen</h2>'),
    ("alignment_joins_class", '<table><tr><td class="x" style="text-align:&#160;right">1</td>',
     '<td class="x la-align-right">1</td>'),
]


@pytest.mark.parametrize("case,body,expected", KEPT, ids=[k[0] for k in KEPT])
def test_the_safe_subset_passes(case, body, expected):
    assert expected in clean(body)


REFUSED = [
    # (case, Markdown, line in the file (body starts at 7), words of the message)
    ("script", "Text.\n\n<script>alert(1)</script>", 9, "<script> är inte tillåtet"),
    ("script_uppercase", "<SCRIPT SRC=//x.example/a.js></SCRIPT>", 7, "<script> är inte tillåtet"),
    ("iframe", "<iframe src=\"https://video.example/1\"></iframe>", 7, "<iframe> är inte tillåtet"),
    ("object", "<object data=\"x.swf\"></object>", 7, "<object> är inte tillåtet"),
    ("form", "<form action=\"https://x.example\"><input name=q></form>", 7, "<form> är inte tillåtet"),
    ("style_element", "<style>body{display:none}</style>", 7, "<style> är inte tillåtet"),
    ("svg", "<svg onload=alert(1)></svg>", 7, "<svg> är inte tillåtet"),
    ("onerror", "Rad.\n\n<img src=x alt=x onerror=\"alert(1)\">", 9, "attributet onerror= är inte tillåtet"),
    ("onclick_on_paragraph", '<p onclick="x()">Klicka</p>', 7, "attributet onclick= är inte tillåtet"),
    ("javascript_markdown_link", "[här](javascript:alert(1))", 7, "länkar med 'javascript:'"),
    ("javascript_with_entities", '<a href="jav&#x09;ascript:alert(1)">x</a>', None, "länkar med 'javascript:'"),
    ("javascript_uppercase_with_space", '<a href=" JAVASCRIPT:alert(1)">x</a>', 7, "länkar med 'javascript:'"),
    ("vbscript", '<a href="vbscript:msgbox">x</a>', 7, "länkar med 'vbscript:'"),
    ("data_image", '<img src="data:image/png;base64,AAAA" alt="x">', 7, "länkar med 'data:'"),
]


@pytest.mark.parametrize("case,body,line,words", REFUSED, ids=[r[0] for r in REFUSED])
def test_code_and_embeds_stop_the_build_with_the_line(case, body, line, words):
    with pytest.raises(ContentError) as raised:
        clean(body)
    assert raised.value.line == line
    assert raised.value.path == "content/nyheter/x.md"
    assert words in raised.value.message


STRIPPED = [
    # (case, Markdown, what must not remain, text that must remain, what the warning names)
    ("font", '<p><font color="red">Viktigt</font></p>', "<font", "Viktigt", "<font>"),
    ("style_attribute", '<p style="color:red">Viktigt</p>', "style=", "Viktigt", "style= på <p>"),
    ("span", '<p><span class="x">Viktigt</span></p>', "<span", "Viktigt", "<span>"),
    ("center", "<center>Mitt</center>", "<center", "Mitt", "<center>"),
    # nh3 drops a URL it cannot parse; the editor is told.
    ("unparsable_url", '<a href="https://exa mple.se">Länken</a>', "href=", "Länken", "href= på <a>"),
]


@pytest.mark.parametrize("case,body,gone,kept,named", STRIPPED, ids=[s[0] for s in STRIPPED])
def test_presentational_html_is_stripped_with_a_warning(case, body, gone, kept, named, caplog):
    with caplog.at_level(logging.WARNING, logger="archive_model.sanitize"):
        result = clean(body)
    assert gone not in result and kept in result
    assert "content/nyheter/x.md" in caplog.text and named in caplog.text


def test_comments_are_never_published(caplog):
    result = clean("Text.\n\n<!-- internt: fråga Anna innan publicering -->\n\nMer text.")
    assert "Anna" not in result and "Mer text." in result
    assert not caplog.records


class OpenElements(HTMLParser):
    """The elements still open, in order, once the HTML is read."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area"}  # noqa: RUF012 — read only

    def __init__(self):
        super().__init__()
        self.open = []
        self.misnested = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.misnested.append(tag)


@pytest.mark.parametrize("body", ["<div><p>Öppen</div>", "<div><p>Öppen <em>text</div> efter"])
def test_output_is_balanced_when_the_input_is_not(body):
    out = clean(body)
    parser = OpenElements()
    parser.feed(out)
    parser.close()
    assert "Öppen" in out and "<p>" in out  # the text and its paragraph are kept
    assert parser.open == [] and parser.misnested == [], out


def test_a_soft_hyphen_reaches_the_built_heading(small_site):
    """The whole build, not the sanitizer alone: `&shy;` in a heading of the
    text is a soft hyphen (U+00AD) on the published page."""
    small_site.write(
        "nyheter/lang-rubrik.md",
        "---\ntitle: Lång rubrik\ndate: 2019-01-16\ntype: nyhet\nadministrations: [sof]\n"
        "topics: [samverkan]\n---\n\n## Arbets&shy;marknads&shy;förvaltningens utvecklings&shy;avdelning\n\nText.\n",
    )
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    page = (small_site.output / "arkiv/2019/01/lang-rubrik/index.html").read_text(encoding="utf-8")
    assert (
        '<h2 id="arbetsmarknadsforvaltningens-utvecklingsavdelning">'
        "Arbets\xadmarknads\xadförvaltningens utvecklings\xadavdelning</h2>"
    ) in page
