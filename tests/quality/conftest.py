"""Fixtures for the quality gates on the real site: the production build and
the pages of every built template. The browser fixtures are tests/conftest.py's."""

from __future__ import annotations

import pytest
from sitebuild import BuiltSite, pelican_build
from template_pages import EXTERNAL_LINKS, template_pages


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real content built with publishconf.py, as it is published."""
    output = tmp_path_factory.mktemp("published")
    result = pelican_build(output, settings="publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture(scope="session")
def built_templates(site):
    return template_pages(site.root)


def pytest_terminal_summary(terminalreporter, config):
    """The external links test_links.py found: listed, not fetched."""
    externals = config.stash.get(EXTERNAL_LINKS, None)
    if externals:
        terminalreporter.section(f"externa länkar, inte kontrollerade ({len(externals)})")
        for url, pages in externals.items():
            terminalreporter.write_line(f"{url}  ← {pages[0]}{f' (+{len(pages) - 1})' if len(pages) > 1 else ''}")
