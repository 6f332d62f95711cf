"""The accessibility statement (tillgänglighetsredogörelse): it says what
Swedish law (2018:1937, Digg's regulation MDFFS 2019:2) asks of it, and every
page links to it from the footer."""

from __future__ import annotations

import re

from archive_checks.output import Reference, SiteOutput

STATEMENT = "tillganglighet/index.html"


def test_every_page_links_to_the_statement_from_its_footer(site):
    output = SiteOutput.read(site.root)
    missing = []
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        footer = site.soup(relative).find("footer")
        links = [a["href"] for a in footer.find_all("a", href=True)] if footer else []
        targets = {output.resolve(Reference(relative, href, loads=False)) for href in links}
        if (STATEMENT, "") not in targets:
            missing.append(relative)
    assert not missing, missing


def test_statement_has_what_the_law_asks_for(site):
    soup = site.soup(STATEMENT)
    text = " ".join(soup.find("main").get_text(" ").split())
    hrefs = [a["href"] for a in soup.find("main").find_all("a", href=True)]
    # the body and the service
    assert "Helsingborgs stad" in text and "Öppna lärarkivet" in text
    # compliance, one of the three wordings Digg's template uses
    assert re.search(r"\b(helt|delvis|inte) förenlig\b", text)
    # inaccessible content, with reasons, and content outside the law
    for heading in ("Bristande förenlighet med lagkraven", "Innehåll som inte omfattas av lagen", "Oskäligt betungande anpassning"):
        assert soup.find(["h2", "h3"], string=heading), heading
    # feedback: reachable, anonymous, content on request in accessible form
    assert any(h.startswith("mailto:") for h in hrefs) and "anonymt" in text and "tillgänglig form" in text
    # Digg's reporting function
    assert "https://www.digg.se/tdosanmalan" in hrefs
    # method and dates
    assert "självskattning" in text
    assert re.search(r"bedömningen gjordes den \d+ \w+ \d{4}", text)
    assert re.search(r"uppdaterades senast den \d+ \w+ \d{4}", text)
