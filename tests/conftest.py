"""Shared fixtures: the real site built once per test run, and small sites
built from tests/fixtures/ into tmp_path for the cases that must fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Pinned so that "upcoming" and every other time-based output is reproducible.
BUILD_DATE = "2026-11-24T12:00:00+01:00"


def pelican_build(output, content=None, settings="pelicanconf.py", extra=(), cwd=ROOT):
    """Run `pelican CONTENT -s SETTINGS -o OUTPUT` exactly as an editor or CI would."""
    command = [
        sys.executable, "-m", "pelican", str(content or ROOT / "content"),
        "-s", str(ROOT / settings), "-o", str(output),
        "-e", f'ARCHIVE_BUILD_DATE="{BUILD_DATE}"', *extra,
    ]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


class BuiltSite:
    """A built output folder with helpers to read it as a reader would."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, url: str) -> Path:
        path = self.root / url.lstrip("/")
        return path / "index.html" if url.endswith("/") or url == "" else path

    def text(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url), "html.parser")

    def html_files(self):
        return sorted(self.root.rglob("*.html"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content, built once per test run."""
    output = tmp_path_factory.mktemp("site")
    result = pelican_build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture
def small_site(tmp_path):
    """A copy of tests/fixtures/minimal/ to add files to; `.build()` builds it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)

    class SmallSite:
        content = project / "content"
        output = tmp_path / "output"

        def write(self, relative, text, encoding="utf-8"):
            path = self.content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text if isinstance(text, bytes) else text.encode(encoding)
            path.write_bytes(data)
            return path

        def build(self, *extra):
            return pelican_build(self.output, content=self.content, extra=extra, cwd=project)

    return SmallSite()
