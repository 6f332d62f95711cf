"""The bad-input corpus: one broken (or awkward) content file per case, each
built alone into a copy of the small valid site (tests/fixtures/minimal/)
with the real settings and plugins.

cases.yaml says, per case, where the file goes and what must happen:
``error`` — the build exits non-zero, prints exactly this one error line and
leaves the previously published output byte for byte as it was; ``errors`` —
the same with exactly these lines, in this order (one file, several mistakes,
all reported in one build); or
``builds`` — the build succeeds and writes this page (``absent`` lists text
that must appear in no page, listing, feed, calendar or sitemap).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURES, pelican_build, read_page, snapshot

HERE = Path(__file__).resolve().parent
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
ERROR_LINE = re.compile(r"^  (content/\S.*)$", re.M)



@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The small site built once, valid: the 'last published output'."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    result = pelican_build(root / "output", content=root / "project" / "content", cwd=root / "project")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def install(case, project):
    """Copy the case's file (and its support files) into the small site."""
    target = project / "content" / case["install_as"]
    target.parent.mkdir(parents=True, exist_ok=True)
    data = (HERE / case["file"]).read_bytes()
    if case.get("pad_to_bytes"):
        data += b"Utfyllnad. " * ((case["pad_to_bytes"] - len(data)) // 11 + 1)
    target.write_bytes(data)
    for relative, support in (case.get("support") or {}).items():
        (project / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(HERE / support, project / "content" / relative)


def test_the_corpus_has_a_file_for_every_case_and_a_case_for_every_file():
    files = {p.name for p in HERE.iterdir() if p.is_file() and p.suffix == ".md"}
    assert files == {case["file"] for case in CASES}
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_content(case, tmp_path, published):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    install(case, project)
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = snapshot(output)

    result = pelican_build(output, content=project / "content", cwd=project)
    log = result.stdout + result.stderr

    if "error" in case or "errors" in case:
        expected = case.get("errors") or [case["error"]]
        assert result.returncode != 0, log
        assert ERROR_LINE.findall(log) == expected, log
        assert re.search(rf"^{len(expected)} fel i innehållet, inget skrevs", log, re.M), log
        # Pelican's own English lines for the files, without line or fix, are left out.
        assert "Could not process" not in log and "There are " not in log, log
        assert snapshot(output) == before, "a failed build must leave the published output untouched"
    else:
        assert result.returncode == 0, log
        page = output / case["builds"]
        assert page.is_file(), f"{case['builds']} was not written"
        for text in case.get("present") or []:
            assert text in read_page(page), text
        for path, written in published_texts(output):
            for text in case.get("absent") or []:
                assert text not in written, f"{text!r} reached {path}"


def published_texts(output):
    """Every markup file of the output: pages, listings, feeds, calendars.

    The search index holds plain text, not markup (a title "<script>…" is
    stored as those characters), so a text match there proves nothing; the
    search page shows it as text (test_search_shows_markup_in_titles_as_text).
    """
    for path in sorted(output.rglob("*")):
        if path.suffix in {".html", ".xml", ".ics"}:
            # The bytes as written: read_text() would turn every "\r" into
            # "\n", and the CRLF case's absent "\r" could never be found.
            # A calendar's lines end in CRLF by RFC 5545: only those go.
            text = path.read_bytes().decode("utf-8", errors="replace")
            if path.suffix == ".ics":
                text = text.replace("\r\n", "\n")
            yield path.relative_to(output), text
