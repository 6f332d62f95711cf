"""Running the invoke tasks as an editor or CI does: `invoke TASK …` in a
subprocess, against a copy of a small content folder in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import FIXTURES, ROOT

# The plugins are top-level modules, as Pelican imports them.
sys.path.insert(0, str(ROOT / "plugins"))

# Same instant for every build in these tests (archive_model reads it).
SOURCE_DATE_EPOCH = "1795000000"


def run_task(*args, cwd):
    """`invoke -r ROOT ARGS…` from ``cwd``; returns the CompletedProcess."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def snapshot(folder: Path):
    """Every file below ``folder`` with its bytes (empty if it does not exist)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Project:
    """A working folder with its own content/ (a copy of tests/fixtures/minimal)."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURES / "minimal" / "content", self.content)

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def task(self, *args):
        return run_task(*args, "--content", self.content, cwd=self.root)

    def task_without_content(self, *args):
        return run_task(*args, cwd=self.root)


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)
