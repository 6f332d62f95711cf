"""tests/browser/conftest.py's fixtures and helpers for the quality gates.
A conftest cannot be imported by name (every one is called `conftest`), so
it is loaded once, by path, here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "browser_fixtures", Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
)
browser_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_fixtures)
serve_folder = browser_fixtures.serve_folder
