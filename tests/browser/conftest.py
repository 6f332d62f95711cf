"""Browser fixtures: the built site served on localhost and Debian's chromium
driven by Playwright (never a downloaded browser, see README)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(path):
        pytest.fail("Debian's chromium is missing: apt-get install chromium (invoke test does it as root)")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}/"


@pytest.fixture(scope="session")
def served_site(site):
    """The real site on http://127.0.0.1:PORT/ ; yields the base URL."""
    server, url = serve_folder(site.root)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    tab = context.new_page()
    yield tab
    context.close()
