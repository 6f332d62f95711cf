"""archive_checks: links, anchors and images that are right must build (the
broken ones are the bad-input corpus, tests/bad_content/); all problems of a
build come in one report; the output check finds what the build cannot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archive_checks.output import SiteOutput
from archive_checks.site_map import TextParts

PNG = Path(__file__).resolve().parents[1] / "bad_content" / "support" / "exempel.png"
ARTICLE = "---\ntitle: {title}\ndate: 2019-02-08\ntype: nyhet\n---\n\n{body}\n"

WORKING = [
    # (case, Markdown body) — each must build
    ("filename_link", "[nyheten]({filename}/nyheter/en-giltig-nyhet.md)"),
    ("filename_link_relative", "[nyheten]({filename}en-giltig-nyhet.md)"),
    ("filename_link_to_page", "[om]({filename}/sidor/om.md)"),
    ("relative_site_link", "[nyheten](../../01/en-giltig-nyhet/)"),
    ("absolute_site_link", "[nyheter](/typ/nyhet/)"),
    ("absolute_site_link_without_slash", "[om](/om)"),
    ("link_to_year_listing", "[2019](/arkiv/2019/)"),
    ("link_to_second_page_of_a_listing", "[fler](/typ/nyhet/sida/2/)"),
    ("link_to_feed", "[flöde](/feeds/alla.atom.xml)"),
    ("link_to_theme_file", "[css](/theme/css/base.css)"),
    ("link_to_a_section_other_plugins_write", "[SOF](/forvaltning/sof/) och [kalendern](/kalender/)"),
    ("anchor_to_own_heading", "## Var och när\n\nSe [ovan](#var-och-nar)."),
    ("anchor_to_skip_target", "[hoppa](#main-content)"),
    ("anchor_to_footnote", "Text[^1]\n\n[^1]: Not."),
    ("anchor_in_other_page", "[avsnitt]({filename}/nyheter/mal.md#mal-for-arbetet)"),
    ("image_with_alt", "![Deltagare vid workshopen]({static}/bilder/exempel.png)"),
    ("external_and_mail_links", "[Digg](https://www.digg.se/) [mejl](mailto:a@helsingborg.se) [tel](tel:042105000)"),
]


def test_right_links_and_images_build(small_site):
    """One build with a file per case (named by the case, so an error names it)."""
    shutil.copy(PNG, small_site.write("bilder/exempel.png", b""))
    small_site.write("nyheter/mal.md", ARTICLE.format(title="Mål", body="## Mål för arbetet\n\nText."))
    for case, body in WORKING:
        small_site.write(f"nyheter/{case}.md", ARTICLE.format(title=case, body=body))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert (small_site.output / "bilder" / "exempel.png").is_file()


def test_all_cross_page_problems_come_in_one_report(small_site):
    small_site.write("nyheter/a.md", ARTICLE.format(title="A", body="[x]({filename}/nyheter/saknas.md)\n\n[y](/arkiv/1999/)"))
    small_site.write("nyheter/b.md", ARTICLE.format(title="B", body="![]({static}/bilder/saknas.png)"))
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "4 fel i innehållet, inget skrevs" in output, output
    for expected in ("nyheter/a.md:7: länken '{filename}/nyheter/saknas.md'", "nyheter/a.md:9: länken '/arkiv/1999/'",
                     "nyheter/b.md:7: bilden '{static}/bilder/saknas.png' saknar alternativtext",
                     "nyheter/b.md:7: bilden '{static}/bilder/saknas.png' finns inte"):
        assert expected in output, output
    assert not small_site.output.exists()


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


OUTPUT_CASES = [
    # (case, files, broken links expected)
    ("all_fine", {"index.html": '<a href="a/">a</a><a href="a/#x">x</a><a href="#top">t</a><p id="top"></p>',
                  "a/index.html": '<h2 id="x">X</h2><a href="../">hem</a><img src="../b.png" alt="b">', "b.png": ""}, []),
    ("missing_page", {"index.html": '<a href="saknas/">x</a>'}, ["index.html: saknas/ — ingen sådan fil"]),
    ("missing_anchor", {"index.html": '<a href="a/#nej">x</a>', "a/index.html": "<p id='ja'></p>"},
     ["index.html: a/#nej — ankaret finns inte i a/index.html"]),
    ("missing_stylesheet", {"index.html": '<link rel="stylesheet" href="/theme/x.css">'}, ["index.html: /theme/x.css — ingen sådan fil"]),
    ("missing_css_background", {"index.html": "", "theme/a.css": "body { background: url(../saknas.png) }"},
     ["theme/a.css: ../saknas.png — ingen sådan fil"]),
    ("external_is_not_checked", {"index.html": '<a href="https://example.com/saknas">x</a>'}, []),
]


@pytest.mark.parametrize("case,files,broken", OUTPUT_CASES, ids=[c[0] for c in OUTPUT_CASES])
def test_output_check(tmp_path, case, files, broken):
    write(tmp_path, files)
    assert SiteOutput.read(tmp_path).broken_internal_links() == broken


def test_output_check_lists_external_links(tmp_path):
    write(tmp_path, {"index.html": '<a href="https://b.example/">b</a><a href="https://a.example/x">a</a>',
                     "c/index.html": '<a href="https://a.example/x">a</a><a href="mailto:x@y.se">m</a>'})
    assert SiteOutput.read(tmp_path).external_links() == {
        "https://a.example/x": ["c/index.html", "index.html"],
        "https://b.example/": ["index.html"],
    }


def test_text_parts_name_links_by_text_or_image_alt_and_keep_headings_with_links():
    parts = TextParts(
        '<h2>Program</h2><h3><a href="/a/">Förmiddag</a></h3>'
        '<p><a href="/logo/"><img src="x.png" alt="Helsingborgs stad"></a>'
        '<a href="/tom/"> </a><a href="/bild/"><img src="y.png" alt=""></a><a name="fotnot"></a></p>'
    )
    assert parts.headings == [(2, "Program"), (3, "Förmiddag")]
    assert parts.unnamed_links == ["/tom/", "/bild/"]


def test_right_heading_levels_build(small_site):
    body = "## Program\n\n### Förmiddag\n\n#### Fika\n\n## Anmälan\n\n<h3>Sista dag</h3>\n\nText."
    small_site.write("nyheter/rubriker.md", ARTICLE.format(title="Rubriker", body=body))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
