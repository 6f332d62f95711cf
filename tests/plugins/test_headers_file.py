"""The headers file (archive_publish/headers.py): the policy it sends is the
pages' meta policy plus what only a header can say, with nosniff,
frame-ancestors and a Referrer-Policy; rules are per path; it is no page."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from archive_publish.headers import HeaderRuleError, headers_file
from archive_publish.settings import DEFAULTS

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_headers(text):
    """``{path: [(name, value), …]}`` of a _headers file, as hosts read it."""
    rules, path = {}, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            rules[path] = []
            continue
        name, _, value = line.strip().partition(":")
        rules[path].append((name.strip(), value.strip()))
    return rules


def directives(policy):
    return {d.strip().split()[0]: d.strip() for d in policy.split(";") if d.strip()}


def test_the_headers_files_policy_is_every_pages_meta_policy_plus_frame_ancestors(site):
    headers = dict(parse_headers((site.root / "_headers").read_text(encoding="utf-8"))["/*"])
    sent = directives(headers["Content-Security-Policy"])
    assert sent.pop("frame-ancestors") == "frame-ancestors 'none'"
    pages = site.html_files()
    assert pages
    for page in pages:
        meta = site.soup("/" + page.relative_to(site.root).as_posix()).find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"}
        )
        assert meta is not None, page
        assert directives(meta["content"]) == sent, page
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_headers_file_is_in_no_sitemap_or_search_index(site):
    sitemap = ET.parse(site.root / "sitemap.xml").getroot()
    assert not [loc.text for loc in sitemap.iter(f"{SITEMAP}loc") if "_headers" in loc.text]
    assert not (site.root / "pagefind" / "_headers").exists()


def test_a_path_gets_its_own_policy_after_the_sites():
    admin = ("/admin/*", [("Content-Security-Policy", None), ("Content-Security-Policy", "default-src 'self'")])
    settings = {"PUBLISH_HEADER_RULES": (*DEFAULTS["PUBLISH_HEADER_RULES"], admin)}
    text = headers_file(settings)
    rules = parse_headers(text)
    assert list(rules) == ["/*", "/admin/*"]
    assert "  ! Content-Security-Policy" in text.splitlines()
    assert ("Content-Security-Policy", "default-src 'self'") in rules["/admin/*"]


@pytest.mark.parametrize(
    "rules",
    [
        (("admin/*", {"X": "y"}),),
        (("/*", {"X": "y\nSet-Cookie: a=b"}),),
        (("/* /b", {"X": "y"}),),
    ],
    ids=["path_without_slash", "value_with_line_break", "path_with_space"],
)
def test_a_rule_that_would_break_the_file_stops_the_build(rules):
    with pytest.raises(HeaderRuleError):
        headers_file({"PUBLISH_HEADER_RULES": rules})
