"""Browser tests. The fixtures (`served_site`, `browser`, `page`) are in
tests/conftest.py and the helpers in tests/browser_tools.py, shared with
tests/quality/; `serve_folder` stays importable from here for older tests."""

from browser_tools import serve_folder  # noqa: F401
