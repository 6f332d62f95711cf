"""`invoke publish`: atomic, drafts never published, sitemap and robots.txt
true to the output, hashed assets that resolve; `invoke rollback`."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from sitebuild import read_page, snapshot

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://lararkiv.helsingborg.se"
DRAFT_MARK = "Utkastmarkor"
DRAFT = (
    f"---\ntitle: {DRAFT_MARK} rubrik\ndate: 2019-02-10\ntype: nyhet\nadministrations: [sof]\n"
    f"topics: [samverkan]\nsummary: {DRAFT_MARK} sammanfattning\nstatus: draft\n---\n\n"
    f"{DRAFT_MARK} text.\n"
)
BROKEN = "---\ntitle: Rubrik\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n"


@pytest.fixture
def published(project):
    """The project after one successful publish (with a draft in content)."""
    project.write("nyheter/ett-utkast.md", DRAFT)
    result = project.task("publish", "--output", project.root / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    project.public = project.root / "public"
    return project


def readable_bytes(path):
    """A file's bytes, unpacked if Pagefind gzipped it."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_a_failed_publish_leaves_the_published_folder_byte_identical(published):
    before = snapshot(published.public)
    published.write("nyheter/omojligt-datum.md", BROKEN)
    result = published.task("publish", "--output", published.public)
    assert result.returncode == 1
    assert "omojligt-datum.md:3" in result.stderr
    assert "Inget publicerades" in result.stderr
    assert snapshot(published.public) == before
    assert not (published.root / "public.ny").exists()


def test_a_second_publish_keeps_the_first_for_rollback(published):
    first = snapshot(published.public)
    published.write(
        "nyheter/en-ny-nyhet.md",
        "---\ntitle: En ny nyhet\ndate: 2019-03-01\ntype: nyhet\n---\n\nText.\n",
    )
    assert published.task("publish", "--output", published.public).returncode == 0
    second = snapshot(published.public)
    assert "arkiv/2019/03/en-ny-nyhet/index.html" in second
    assert snapshot(published.root / "public.forra") == first
    rollback = published.task_without_content("rollback", "--output", published.public)
    assert rollback.returncode == 0, rollback.stderr
    assert snapshot(published.public) == first
    assert snapshot(published.root / "public.forra") == second


def test_a_draft_never_appears_in_the_published_output(published):
    files = [p for p in published.public.rglob("*") if p.is_file()]
    assert files
    leaking = [
        p.relative_to(published.public) for p in files if DRAFT_MARK.encode() in readable_bytes(p)
    ]
    assert not leaking
    assert not (published.public / "utkast").exists()


def test_a_draft_is_built_for_the_preview(project, tmp_path):
    project.write("nyheter/ett-utkast.md", DRAFT)
    result = project.task("build", "--output", tmp_path / "preview")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(read_page(tmp_path / "preview" / "utkast" / "ett-utkast" / "index.html"), "html.parser")
    assert page.h1.get_text(strip=True) == f"{DRAFT_MARK} rubrik"
    assert "publiceras inte" in page.find(class_="la-draft-notice").get_text()
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # Previewed, but in no listing or feed even there.
    for listing in (
        "index.html",
        "arkiv/index.html",
        "typ/nyhet/index.html",
        "feeds/alla.atom.xml",
    ):
        assert DRAFT_MARK not in (tmp_path / "preview" / listing).read_text(encoding="utf-8"), (
            listing
        )


def sitemap_urls(public):
    tree = ET.parse(public / "sitemap.xml")
    assert tree.getroot().tag == f"{SITEMAP}urlset"
    return {loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc")}


def test_the_sitemap_lists_exactly_the_published_pages(published):
    urls = sitemap_urls(published.public)
    # The content's pages, the front page and the listings are there …
    for path in (
        "/",
        "/arkiv/2019/01/en-giltig-nyhet/",
        "/om/",
        "/tillganglighet/",
        "/arkiv/",
        "/typ/nyhet/",
    ):
        assert BASE + path in urls
    # … never the draft or the 404 page …
    assert not any(DRAFT_MARK.lower() in url or "utkast" in url or "404" in url for url in urls)
    # … and every other HTML page the build wrote, each URL a real file.
    pages = set()
    for html in published.public.rglob("*.html"):
        relative = html.relative_to(published.public).as_posix()
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        robots = soup.find("meta", attrs={"name": "robots"})
        if relative == "404.html" or (robots and "noindex" in robots.get("content", "")):
            continue
        pages.add(BASE + "/" + relative.removesuffix("index.html"))
    assert urls == pages


def test_robots_txt_points_to_the_sitemap(published):
    robots = (published.public / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def test_a_draft_published_between_two_builds_leaves_its_draft_address(project, tmp_path):
    """Each `invoke build` is a process of its own: the pages of the last
    build into the folder are kept in cache/ (archive_speed/stale_outputs.py)."""
    draft = project.write("nyheter/ett-utkast.md", DRAFT)
    preview = tmp_path / "preview"
    assert project.task("build", "--output", preview).returncode == 0
    assert (preview / "utkast" / "ett-utkast" / "index.html").is_file()
    draft.write_text(DRAFT.replace("status: draft\n", ""), encoding="utf-8")
    result = project.task("build", "--output", preview)
    assert result.returncode == 0, result.stderr
    assert not (preview / "utkast").exists()
    assert (preview / "arkiv" / "2019" / "02" / "ett-utkast" / "index.html").is_file()
