"""The setup path's npm folders (lararkiv/cms.py): `npm ci --prefix FOLDER`
runs when FOLDER/node_modules is missing or older than its lock file, and
not otherwise; without npm the Swedish message names the folder's command.
A build's bundles (`cms.ensure_bundles`) are fetched alone, at the lock's
version and checksum."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from invoke import Exit
from sitebuild import ROOT

from lararkiv import cms

sys.path.insert(0, str(ROOT))
import tasks


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


def npm_tarball(folder, name, version, members=None):
    """An npm package tarball (everything under package/); its integrity."""
    members = members or {"package/package.json": json.dumps({"name": name, "version": version}),
                          "package/dist/bundle.js": f"/* {name} {version} */"}
    path = folder / f"{name}-{version}.tgz"
    with tarfile.open(path, "w:gz") as archive:
        for member, text in members.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


class Registry:
    """`npm pack NAME@VERSION … --pack-destination DIR` from prepared tarballs."""

    def __init__(self, shelf):
        self.shelf = shelf
        self.packed = []

    def __call__(self, command, check, stdout=None):
        destination = Path(command[command.index("--pack-destination") + 1])
        for spec in command[2:command.index("--pack-destination")]:
            name, version = spec.rsplit("@", 1)
            shutil.copy(self.shelf / f"{name}-{version}.tgz", destination)
            self.packed.append(spec)
        return subprocess.CompletedProcess(command, 0)


def locked_project(project, shelf, versions, members=None):
    shelf.mkdir(exist_ok=True)
    packages = {}
    for name, version in versions.items():
        integrity = npm_tarball(shelf, name, version, (members or {}).get(name))
        packages[f"node_modules/{name}"] = {"version": version, "integrity": integrity}
    (project / "cms").mkdir(parents=True, exist_ok=True)
    (project / "cms" / "package-lock.json").write_text(json.dumps({"packages": packages}), encoding="utf-8")


@pytest.fixture
def with_npm(monkeypatch):
    monkeypatch.setattr(cms.shutil, "which", lambda name: f"/usr/bin/{name}")


def test_a_build_fetches_the_locked_bundles_alone_until_they_are_there(tmp_path, with_npm):
    project, shelf = tmp_path / "project", tmp_path / "shelf"
    locked_project(project, shelf, {"decap-cms": "3.16.3", "yaml": "2.9.1"})
    registry = Registry(shelf)
    assert cms.ensure_bundles(project, run=registry)
    assert registry.packed == ["decap-cms@3.16.3", "yaml@2.9.1"]
    bundle = project / "cms" / "node_modules" / "decap-cms" / "dist" / "bundle.js"
    assert bundle.read_text(encoding="utf-8") == "/* decap-cms 3.16.3 */"
    assert not cms.ensure_bundles(project, run=registry)
    # A version bump in the lock fetches that package again, and only it.
    locked_project(project, shelf, {"decap-cms": "3.17.0", "yaml": "2.9.1"})
    assert cms.ensure_bundles(project, run=registry)
    assert registry.packed[2:] == ["decap-cms@3.17.0"]
    assert bundle.read_text(encoding="utf-8") == "/* decap-cms 3.17.0 */"


def test_a_bundle_whose_checksum_is_not_the_locks_is_not_installed(tmp_path, with_npm):
    project, shelf = tmp_path / "project", tmp_path / "shelf"
    locked_project(project, shelf, {"decap-cms": "3.16.3", "yaml": "2.9.1"})
    npm_tarball(shelf, "yaml", "2.9.1", {"package/package.json": '{"version": "2.9.1"}', "package/x.js": "changed"})
    with pytest.raises(cms.CmsSetupError, match=r"yaml@2\.9\.1 från npm har inte den kontrollsumma som cms/package-lock\.json anger"):
        cms.ensure_bundles(project, run=Registry(shelf))
    assert not (project / "cms" / "node_modules" / "yaml").exists()


def test_a_tarball_that_climbs_out_of_its_folder_is_refused(tmp_path, with_npm):
    project, shelf = tmp_path / "project", tmp_path / "shelf"
    members = {"yaml": {"package/package.json": '{"version": "2.9.1"}', "package/../../utanfor.js": "x"}}
    locked_project(project, shelf, {"yaml": "2.9.1"}, members)
    with pytest.raises(cms.CmsSetupError, match=r"oväntad fil i npm-paketet: package/\.\./\.\./utanfor\.js"):
        cms.ensure_bundles(project, run=Registry(shelf), names=("yaml",))
    assert not list(tmp_path.rglob("utanfor.js"))
    assert not list((project / "cms" / "node_modules").iterdir()), "nothing half-unpacked is left"


def test_a_preview_goes_on_without_the_bundles_but_publishing_stops(monkeypatch, capsys):
    """`invoke build` and `serve` build without /admin/ when npm cannot fetch
    it, as plain `pelican` does; `publish` and `grindar` stop."""
    def no_npm(_project):
        raise cms.CmsSetupError("redigeringsverktyget (/admin/) behöver Node.js och npm")

    monkeypatch.setattr(tasks.cms, "ensure_bundles", no_npm)
    tasks.ensure_cms_bundles(required=False)
    assert "behöver Node.js och npm — förhandsvisningen byggs utan /admin/" in capsys.readouterr().err
    with pytest.raises(Exit) as stopped:
        tasks.ensure_cms_bundles()
    assert stopped.value.code == 1 and "behöver Node.js och npm" in stopped.value.message
