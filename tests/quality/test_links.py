"""Links gate: every internal href/src of the written site (pages and
stylesheets) leads to a file, every anchor to an id; external links are
listed at the end of the test run, never fetched (they fail for reasons
outside the site: run a link checker on them on a schedule, advisory)."""

from __future__ import annotations

import pytest
from archive_checks.output import SiteOutput
from template_pages import EXTERNAL_LINKS


@pytest.fixture(scope="module")
def output(site):
    return SiteOutput.read(site.root)


def test_every_internal_link_and_anchor_resolves(output):
    broken = output.broken_internal_links()
    assert not broken, "\n".join(broken)


def test_the_check_sees_the_whole_site(output, site):
    """Guards the gate itself: it read every page (the CMS's too: its links
    must resolve as well), and the pages do link."""
    assert len(output.html) == len(list(site.root.rglob("*.html")))
    internal = [r for r in output.references() if output.resolve(r) is not None]
    assert len(internal) > 10 * len(output.html)


def test_external_links_are_listed(output, request, site):
    externals = output.external_links()
    request.config.stash[EXTERNAL_LINKS] = externals
    assert all(url.startswith(("http://", "https://")) for url in externals)
    # The check above holds for any list, an empty one too: the links that a
    # built page does have to other sites must be listed, with that page.
    page = "tillganglighet/index.html"
    hrefs = {a["href"] for a in site.soup(page).select("main a[href^='http']")}
    assert hrefs, f"{page} links to no other site: nothing to check the list against"
    assert {url for url in hrefs if page not in externals.get(url, [])} == set()
