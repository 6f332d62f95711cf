"""Fixtures for the quality gates on the real site: the pages of every built
template. The production build and the browser fixtures are tests/conftest.py's."""

from __future__ import annotations

import pytest
from template_pages import EXTERNAL_LINKS, template_pages


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
