"""The benchmark's workspace and the builds it times.

A workspace is a temporary folder with two projects:
- `ours/`: copies of pelicanconf.py, publishconf.py, tasks.py, plugins/,
  theme/ and data/ from the working tree (so it measures whatever the code is
  now) and the synthetic archive in `content/`;
- `reference/`: stock Pelican (default theme, no plugins) with the same
  Markdown bodies under Pelican's own `Title:`/`Date:` metadata.

Our full build is `invoke publish`'s equivalent: `pelican content -s
publishconf.py`, plus the search index. If the build itself wrote no
`pagefind/` folder (no search plugin yet), the harness runs Pagefind on the
output as the search plugin would, and says so (`search_by`).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from bench.generate import BUILD_DATE, ROOT, Archive, generate_archive, load_registry
from bench.measure import run_measured
from bench.writers import write_archive, write_reference

PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "tasks.py")
PROJECT_FOLDERS = ("plugins", "theme", "data")
# Pelican's content cache as CI would restore it: keyed by file content,
# because a fresh clone gives every file a new modification time.
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CHECK_MODIFIED_METHOD": "md5",
    "CACHE_PATH": "cache",
}
# Our builds run at a fixed "now", so what is upcoming does not change between runs.
PINNED = {"ARCHIVE_BUILD_DATE": BUILD_DATE}


@dataclass
class Workspace:
    root: Path
    archive: Archive

    @property
    def ours(self):
        return self.root / "ours"

    @property
    def reference(self):
        return self.root / "reference"

    @property
    def logs(self):
        return self.root / "logs"


def prepare(root, pages, seed, ref=None, source=ROOT):
    """Generate the archive and lay out both projects under `root`.

    The project files come from the working tree, or from the git revision
    `ref` (others' uncommitted edits then cannot break a measurement).
    """
    root = Path(root)
    ours = root / "ours"
    ours.mkdir(parents=True)
    _copy_project(Path(source), ours, ref)
    registry = load_registry(ours / "data" / "registry.yaml")
    archive = generate_archive(pages, seed, registry, Path(source) / "content")
    workspace = Workspace(root, archive)
    write_archive(archive, workspace.ours / "content")
    write_reference(archive, workspace.reference, registry)
    workspace.logs.mkdir()
    return workspace


def _copy_project(source, target, ref):
    names = [*PROJECT_FILES, *PROJECT_FOLDERS]
    if ref:
        present = subprocess.run(
            ["git", "ls-tree", "--name-only", ref],
            cwd=source,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        archive = subprocess.run(
            ["git", "archive", ref, *[n for n in names if n in present]],
            cwd=source,
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
        return
    for name in PROJECT_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FOLDERS:
        shutil.copytree(source / name, target / name, ignore=ignore)


def pelican_command(settings_file, output, overrides=None):
    """Pelican's command line; `overrides` become `-e KEY=<json>`."""
    command = [sys.executable, "-m", "pelican", "content", "-s", settings_file, "-o", str(output)]
    if overrides:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return command


def pagefind_command(output):
    return [str(pagefind_bin.get_executable()), "--site", str(output)]


@dataclass
class BuildResult:
    """One build and its search step (None when the build indexed by itself)."""

    pelican: object
    search: object
    output: Path

    @property
    def wall_s(self):
        return self.pelican.wall_s + (self.search.wall_s if self.search else 0.0)

    @property
    def cpu_s(self):
        return self.pelican.cpu_s + (self.search.cpu_s if self.search else 0.0)

    @property
    def peak_rss_mb(self):
        return max(self.pelican.peak_rss_mb, self.search.peak_rss_mb if self.search else 0.0)

    @property
    def search_by(self):
        return "harness" if self.search else "build"


def build_ours(workspace, output, label, settings=None, cold=True):
    """Our publish build into `output`, then the search index if it made none."""
    output = Path(output)
    if cold:
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(workspace.ours / "cache", ignore_errors=True)
    pelican = run_measured(
        pelican_command("publishconf.py", output, {**PINNED, **(settings or {})}),
        workspace.ours,
        workspace.logs / f"{label}.log",
        env=_env(),
    )
    search = None
    if not (output / "pagefind").is_dir():
        search = run_measured(
            pagefind_command(output), workspace.ours, workspace.logs / f"{label}-pagefind.log"
        )
    return BuildResult(pelican, search, output)


def build_reference(workspace, output, label):
    """Stock Pelican, then Pagefind over its whole output."""
    output = Path(output)
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(workspace.reference / "cache", ignore_errors=True)
    pelican = run_measured(
        pelican_command("pelicanconf.py", output),
        workspace.reference,
        workspace.logs / f"{label}.log",
        env=_env(),
    )
    search = run_measured(
        pagefind_command(output), workspace.reference, workspace.logs / f"{label}-pagefind.log"
    )
    return BuildResult(pelican, search, output)


def _env():
    # Pelican's console output goes to a log file: no colours, no terminal width guess.
    return {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
