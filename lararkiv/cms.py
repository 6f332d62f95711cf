"""The CMS's tooling: Decap installed from npm, decap-server for `invoke redigera`.

``ensure_installed`` runs ``npm ci --prefix cms`` (the versions pinned in
cms/package-lock.json) when cms/node_modules is missing or older than the
lock file; the setup path (`invoke serve`, `build`, `publish`, `test`,
`redigera`) and `.ci/run` call it. It installs the project's other npm
folder the same way: ``bench/lighthouse`` (Lighthouse, for `invoke test`,
tests/quality/test_lighthouse.py and bench/lighthouse.py). ``start_decap_server`` runs decap-server
on the loopback interface for the preview server to forward /api/v1 to.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
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
    npm = shutil.which("npm")
    if not npm:
        raise CmsSetupError(
            f"{purpose} behöver Node.js och npm: installera dem "
            f"(sudo apt-get install nodejs npm) och kör 'npm ci --prefix {folder}'"
        )
    print(f"Installerar {purpose} (npm ci --prefix {folder}) …", flush=True)
    result = run([npm, "ci", "--prefix", cms_folder(project, folder), "--no-audit", "--no-fund"], check=False)
    if result.returncode != 0:
        raise CmsSetupError(f"'npm ci --prefix {folder}' misslyckades: se meddelandena ovan")
    return True


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
