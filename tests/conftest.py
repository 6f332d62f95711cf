"""Shared fixtures: the real site built once per test run, small sites built
from tests/fixtures/ into tmp_path for the cases that must fail, and the
browser fixtures (here, not in tests/browser/, so that tests/browser/ and
tests/quality/ share one Chromium: Playwright's sync API runs one at a time)."""

from __future__ import annotations

import inspect
import os
import shutil

import pytest
from browser_tools import CHROMIUM_ARGS, chromium_path, missing_tool, serve_folder
from sitebuild import CONTENT_ENV, FIXTURES, BuiltSite, pelican_build

# The fixtures that build or serve the archive under test.
ARCHIVE_FIXTURES = {"site", "published_site", "served_site", "built_templates"}


def pytest_collection_modifyitems(config, items):
    """A test marked runs_first is collected first: with -n auto, xdist hands
    out tests in collection order, so a test of several minutes that came
    last would leave the other cores idle at the end.

    On another archive than content/ (LARARKIV_TEST_CONTENT, set by
    tests/content/test_any_archive.py), the tests that build only a small
    site of their own are the same run again: they are left out, about a
    minute and a half of CI."""
    items.sort(key=lambda item: item.get_closest_marker("runs_first") is None)
    if not os.environ.get(CONTENT_ENV):
        return
    own_site_only = [item for item in items if not reads_the_archive(item)]
    if own_site_only:
        config.hook.pytest_deselected(items=own_site_only)
        items[:] = [item for item in items if reads_the_archive(item)]


def reads_the_archive(item):
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & ARCHIVE_FIXTURES or "small_site" not in fixtures:
        return True
    # A small-site test that also reads the real archive's files.
    return "real_content" in inspect.getsource(item.function)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content, built once per test run."""
    output = tmp_path_factory.mktemp("site")
    result = pelican_build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real content built with publishconf.py, as it is published (absolute
    URLs from publishconf's SITEURL, feeds on), once per test run."""
    output = tmp_path_factory.mktemp("published")
    result = pelican_build(output, settings="publishconf.py")
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


@pytest.fixture(scope="session")
def served_site(site):
    """The real site on http://127.0.0.1:PORT/ ; yields the base URL."""
    server, url = serve_folder(site.root)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api as playwright_api
    except ImportError:
        missing_tool("Playwright is missing: pip install -e '.[dev]'")
    executable = chromium_path()
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    tab = context.new_page()
    yield tab
    context.close()
