"""The CMS's tooling: Decap installed from npm, decap-server for `invoke redigera`.

``ensure_installed`` runs ``npm ci --prefix cms`` (the versions pinned in
cms/package-lock.json) when cms/node_modules is missing or older than the
lock file; `invoke test`, `redigera` and `screenshots`, which need
decap-server, call it, and `.ci/run`'s full path runs it. It installs the
project's other npm folder the same way: ``bench/lighthouse`` (Lighthouse,
for `invoke test`, tests/quality/test_lighthouse.py and bench/lighthouse.py).
``start_decap_server`` runs decap-server on the loopback interface for the
preview server to forward /api/v1 to.

``ensure_bundles`` is what a build needs of cms/ and nothing more: the
browser bundles /admin/ is made of (archive_cms copies decap-cms/dist and
yaml/browser/dist). Each is self-contained, so each package is fetched
alone, at the version and checksum its lock gives, instead of the 470
packages (390 MB) that `npm ci` adds for decap-server and Decap's sources:
about 2 seconds instead of 35 for `invoke build`, `publish`, `serve` and
the site gates.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import tarfile
import tempfile
import time


class CmsSetupError(RuntimeError):
    """Node or npm is missing, or the install failed: a Swedish sentence."""


# The npm folders (relative to the project) and what needs them, for messages.
CMS = "cms"
LIGHTHOUSE = "bench/lighthouse"
PURPOSES = {CMS: "redigeringsverktyget (/admin/)", LIGHTHOUSE: "Lighthouse-testet"}


def cms_folder(project, folder=CMS):
    return os.path.join(project, *folder.split("/"))


def is_installed(project, folder=CMS):
    folder = cms_folder(project, folder)
    marker = os.path.join(folder, "node_modules", ".package-lock.json")
    lock = os.path.join(folder, "package-lock.json")
    try:
        return os.stat(marker).st_mtime_ns >= os.stat(lock).st_mtime_ns
    except OSError:
        return False


def ensure_installed(project, folder=CMS, run=subprocess.run):
    """Install ``folder``'s npm packages (Decap and decap-server by default)
    at the versions pinned in its package-lock.json if needed."""
    if is_installed(project, folder):
        return False
    purpose = PURPOSES[folder]
    npm = _npm(purpose, folder)
    print(f"Installerar {purpose} (npm ci --prefix {folder}) …", flush=True)
    result = run([npm, "ci", "--prefix", cms_folder(project, folder), "--no-audit", "--no-fund"], check=False)
    if result.returncode != 0:
        raise CmsSetupError(f"'npm ci --prefix {folder}' misslyckades: se meddelandena ovan")
    return True


# The packages whose browser bundles /admin/ is built from (archive_cms).
BUNDLE_PACKAGES = ("decap-cms", "yaml")


def locked_packages(project, names=BUNDLE_PACKAGES):
    """``{name: (version, integrity)}`` from cms/package-lock.json."""
    with open(os.path.join(cms_folder(project), "package-lock.json"), encoding="utf-8") as handle:
        packages = json.load(handle)["packages"]
    return {name: (packages[f"node_modules/{name}"]["version"], packages[f"node_modules/{name}"]["integrity"])
            for name in names}


def installed_version(project, name):
    try:
        with open(os.path.join(cms_folder(project), "node_modules", name, "package.json"), encoding="utf-8") as handle:
            return json.load(handle).get("version")
    except (OSError, ValueError):
        return None


def ensure_bundles(project, run=subprocess.run, names=BUNDLE_PACKAGES):
    """The packages of BUNDLE_PACKAGES at their locked versions in
    cms/node_modules/ (where `npm ci` puts them too), if any is missing or
    another version: `npm pack` fetches each alone (from npm's cache when it
    has it), its checksum must be the lock's, and it is unpacked in place."""
    wanted = {name: locked for name, locked in locked_packages(project, names).items()
              if installed_version(project, name) != locked[0]}
    if not wanted:
        return False
    npm = _npm("redigeringsverktyget (/admin/)", CMS)
    print(f"Hämtar {', '.join(wanted)} för /admin/ (npm pack) …", flush=True)
    with tempfile.TemporaryDirectory() as download:
        specs = [f"{name}@{version}" for name, (version, _) in wanted.items()]
        result = run([npm, "pack", *specs, "--pack-destination", download, "--silent"],
                     check=False, stdout=subprocess.DEVNULL)
        if result.returncode != 0:
            raise CmsSetupError(f"'npm pack {' '.join(specs)}' misslyckades: se meddelandena ovan")
        for name, (version, integrity) in wanted.items():
            tarball = os.path.join(download, f"{name}-{version}.tgz")
            _check_integrity(tarball, integrity, f"{name}@{version}")
            _unpack(tarball, os.path.join(cms_folder(project), "node_modules", name))
    return True


def _check_integrity(path, integrity, package):
    algorithm, _, expected = integrity.partition("-")
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, algorithm).digest()
    if base64.b64encode(digest).decode("ascii") != expected:
        raise CmsSetupError(
            f"{package} från npm har inte den kontrollsumma som cms/package-lock.json anger: "
            "installera inte — fråga en utvecklare"
        )


def _unpack(tarball, target):
    """npm's tarball (everything under package/) into ``target``, replaced whole."""
    staging = target + ".ny"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with tarfile.open(tarball) as archive:
            for member in archive:
                _extract(archive, member, staging)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(os.path.join(staging, "package"), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(archive, member, root):
    # By hand, not extractall(filter="data"): Debian 12's Python 3.11.2
    # predates the filter. Files and folders under package/ only.
    parts = member.name.split("/")
    if parts[0] != "package" or ".." in parts or not (member.isfile() or member.isdir()):
        raise CmsSetupError(f"oväntad fil i npm-paketet: {member.name}")
    target = os.path.join(root, *parts)
    if member.isdir():
        os.makedirs(target, exist_ok=True)
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with archive.extractfile(member) as source, open(target, "wb") as written:
        shutil.copyfileobj(source, written)


def _npm(purpose, folder):
    npm = shutil.which("npm")
    if not npm:
        raise CmsSetupError(
            f"{purpose} behöver Node.js och npm: installera dem "
            f"(sudo apt-get install nodejs npm) och kör 'npm ci --prefix {folder}'"
        )
    return npm


def start_decap_server(project, repository, port, mode="fs"):
    """decap-server on 127.0.0.1:PORT over ``repository``; returns the process.

    ``mode`` "fs" writes the files only (the editor commits as usual);
    "git" commits each save to the repository's current branch.
    """
    node = shutil.which("node")
    if not node:
        raise CmsSetupError("decap-server behöver Node.js: sudo apt-get install nodejs")
    script = os.path.join(cms_folder(project), "node_modules", "decap-server", "dist", "index.js")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": mode,
           "GIT_REPO_DIRECTORY": os.path.abspath(repository), "LOG_LEVEL": "warn"}
    process = subprocess.Popen([node, script], env=env, cwd=repository)
    wait_for_port(port, process)
    return process


def wait_for_port(port, process, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CmsSetupError(f"decap-server avslutades direkt (kod {process.returncode}): se meddelandet ovan")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    process.terminate()
    raise CmsSetupError(f"decap-server svarade inte på port {port}")


def upstream_url(port):
    return f"http://127.0.0.1:{port}/api/v1"


def port_in_use(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
