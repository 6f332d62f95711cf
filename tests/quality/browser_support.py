"""Kept for tests that import `serve_folder` from here; the helpers live in
tests/browser_tools.py and the fixtures in tests/conftest.py."""

from browser_tools import serve_folder  # noqa: F401
