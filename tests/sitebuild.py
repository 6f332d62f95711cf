"""Building sites for tests: `pelican_build` runs the real command line,
`BuiltSite` reads an output folder as a reader would, and `snapshot` takes a
folder's files to compare two builds. Import it as `sitebuild`."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The real-site tests (tests/content/, tests/quality/, the `site` fixtures)
# build this content folder when set, else content/: the same invariants run
# on the real archive and on an enlarged copy (tests/content/test_any_archive.py).
CONTENT_ENV = "LARARKIV_TEST_CONTENT"
# The editors' CMS (archive_cms's CMS_OUTPUT): a single-page app with its own
# policy and storage, tested in tests/plugins/test_archive_cms.py and
# tests/browser/test_cms.py; the readers' pages are everything else.
CMS_FOLDER = "admin"
# Pinned so that "upcoming" and every other time-based output is reproducible.
BUILD_DATE = "2026-11-24T12:00:00+01:00"


SOFT_HYPHEN = "\u00ad"


def readable(text: str) -> str:
    """Text as a reader reads it: without the soft hyphens
    (archive_publish/hyphenation.py) that are invisible unless a line breaks
    there. tests/plugins/test_soft_hyphens.py reads the files as written."""
    return text.replace(SOFT_HYPHEN, "")


def read_page(path) -> str:
    """A built page's HTML as a reader reads it (readable)."""
    return readable(Path(path).read_text(encoding="utf-8"))


def snapshot(folder):
    """Every file below ``folder`` with its bytes, by relative path (empty if
    the folder does not exist): two builds compared file by file."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    files = sorted(folder.rglob("*"))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files if p.is_file()}


def real_content():
    """The archive the real-site tests build: LARARKIV_TEST_CONTENT or content/."""
    return Path(os.environ.get(CONTENT_ENV) or ROOT / "content")


def pelican_build(output, content=None, settings="pelicanconf.py", extra=(), cwd=ROOT, timeout=None, memory=None):
    """Run `pelican CONTENT -s SETTINGS -o OUTPUT` exactly as an editor or CI
    would; ``timeout`` (seconds): a build that runs longer fails the test;
    ``memory`` (bytes): the build's address space, so a page that would take
    more ends the build (a MemoryError, or the process killed) instead of the
    machine."""
    command = [
        sys.executable, "-m", "pelican", str(content or real_content()),
        "-s", str(ROOT / settings), "-o", str(output),
        "-e", f'ARCHIVE_BUILD_DATE="{BUILD_DATE}"', *extra,
    ]
    limit = (lambda: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))) if memory else None
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout, preexec_fn=limit
    )


class BuiltSite:
    """A built output folder with helpers to read it as a reader would."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, url: str) -> Path:
        path = self.root / url.lstrip("/")
        return path / "index.html" if url.endswith("/") or url == "" else path

    def text(self, url: str) -> str:
        """The page's HTML as a reader reads it (read_page)."""
        return read_page(self.path(url))

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url), "html.parser")

    def html_files(self):
        """The readers' pages: every HTML file but the CMS's."""
        return sorted(p for p in self.root.rglob("*.html") if not self.in_cms(p))

    def in_cms(self, path):
        return path.relative_to(self.root).parts[:1] == (CMS_FOLDER,)
