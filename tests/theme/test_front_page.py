"""The front page never opens with an empty section (issue 21): with events
ahead it opens with "Kommande händelser", with none ahead it leaves that
heading out and shows the latest events, and with no events at all it has no
events block. Built from fixtures at pinned build dates."""

from __future__ import annotations

import pytest
from sitebuild import FIXTURES, BuiltSite

EVENT = (FIXTURES / "events_future_and_full.md").read_text(encoding="utf-8")


def sections(soup):
    """``[(heading, section)]`` of the front page's sections, in order."""
    return [(s.h2.get_text(strip=True), s) for s in soup.select("main section") if s.h2]


def assert_no_empty_section(soup):
    for heading, section in sections(soup):
        if section.find_parent(hidden=True) or section.has_attr("hidden"):
            continue
        items = section.select("li")
        assert items, f"'{heading}' is empty"


@pytest.mark.parametrize("build_date,first,absent", [
    ("2026-12-01T12:00:00+01:00", "Kommande händelser", None),
    ("2027-06-01T12:00:00+02:00", "Tidigare händelser", "Kommande händelser"),
], ids=["event ahead", "nothing ahead"])
def test_front_page_opens_with_what_there_is(small_site, build_date, first, absent):
    small_site.write("forskningsfrukostar/framtid.md", EVENT)
    result = small_site.build("-e", f'ARCHIVE_BUILD_DATE="{build_date}"')
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BuiltSite(small_site.output).soup("")
    headings = [heading for heading, _ in sections(soup)]
    assert headings[0] == first
    assert absent not in headings
    assert "Forskningsfrukost i framtiden" in dict(sections(soup))[first].get_text()
    assert_no_empty_section(soup)


def test_front_page_without_events_has_no_events_block(small_site):
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BuiltSite(small_site.output).soup("")
    headings = [heading for heading, _ in sections(soup)]
    assert "Kommande händelser" not in headings and "Tidigare händelser" not in headings
    assert soup.select_one(".la-front-events") is None
    assert_no_empty_section(soup)
