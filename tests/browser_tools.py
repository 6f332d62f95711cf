"""Browser helpers for tests: Debian's chromium driven by Playwright (never a
downloaded browser, see README) and a loopback server for an output folder.
The fixtures using them (`served_site`, `browser`, `page`) are in
tests/conftest.py, defined once: two session browsers cannot run in one
process (Playwright's sync API allows one at a time). Import as `browser_tools`."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def in_ci():
    """CI sets CI=true (GitHub Actions, .ci/run's machines): there every tool
    the tests need is installed, so a missing one is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def missing_tool(reason):
    """A test's tool is not installed: skip it with ``reason`` on a
    developer's machine, fail in CI (which must run every test)."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: every test must run)")
    pytest.skip(reason)


def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(path):
        missing_tool("Debian's chromium is missing: sudo apt-get install chromium")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection mid-answer (a page left before a
    file arrived) is no error of the site's: no traceback in the test log."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_folder(folder, prefix=""):
    """Serve ``folder`` on a free loopback port; returns (server, base URL).

    With ``prefix`` ("/lararkiv") the site answers under that sub-path only,
    like a host that publishes it below the domain root.
    """

    class Handler(QuietHandler):
        def translate_path(self, path):
            if prefix:
                if not path.startswith(prefix + "/"):
                    return str(folder / "__not_under_prefix__")
                path = path[len(prefix):]
            return super().translate_path(path)

    handler = functools.partial(Handler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}/"
