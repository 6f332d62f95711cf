"""The setup path's npm folders (lararkiv/cms.py): `npm ci --prefix FOLDER`
runs when FOLDER/node_modules is missing or older than its lock file, and
not otherwise; without npm the Swedish message names the folder's command."""

from __future__ import annotations

import os
import subprocess

import pytest

from lararkiv import cms


def npm_folder(project, folder):
    path = project / folder
    path.mkdir(parents=True)
    (path / "package-lock.json").write_text("{}", encoding="utf-8")
    return path


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, command, check):
        self.calls.append(command)
        return subprocess.CompletedProcess(command, 0)


@pytest.mark.parametrize("folder", [cms.CMS, cms.LIGHTHOUSE])
def test_npm_ci_runs_in_the_folder_until_it_is_installed(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(cms.shutil, "which", lambda name: f"/usr/bin/{name}")
    path = npm_folder(tmp_path, folder)
    run = Recorder()
    assert cms.ensure_installed(tmp_path, folder, run=run)
    assert run.calls == [["/usr/bin/npm", "ci", "--prefix", str(path), "--no-audit", "--no-fund"]]
    marker = path / "node_modules" / ".package-lock.json"
    marker.parent.mkdir()
    marker.write_text("{}", encoding="utf-8")
    assert not cms.ensure_installed(tmp_path, folder, run=run)
    # A lock file newer than the install (a version bump pulled) installs again.
    lock = path / "package-lock.json"
    os.utime(lock, ns=(marker.stat().st_mtime_ns + 10**9,) * 2)
    assert cms.ensure_installed(tmp_path, folder, run=run)
    assert len(run.calls) == 2


def test_without_npm_the_message_names_the_folders_command(tmp_path, monkeypatch):
    monkeypatch.setattr(cms.shutil, "which", lambda name: None)
    npm_folder(tmp_path, cms.LIGHTHOUSE)
    with pytest.raises(cms.CmsSetupError, match=r"Lighthouse-testet behöver Node\.js och npm.*'npm ci --prefix bench/lighthouse'"):
        cms.ensure_installed(tmp_path, cms.LIGHTHOUSE)
