"""Chromium and Java are needed by some tests only: without them those tests
are skipped with the reason on a developer's machine, and fail in CI
(CI=true), which installs both and must run every test."""

from __future__ import annotations

import pytest
from browser_tools import missing_tool


@pytest.mark.parametrize("value", ["", "false"])
def test_a_missing_tool_skips_with_its_reason_outside_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="sudo apt-get install chromium"):
        missing_tool("Debian's chromium is missing: sudo apt-get install chromium")


@pytest.mark.parametrize("value", ["true", "1"])
def test_a_missing_tool_fails_in_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        missing_tool("the Nu Html Checker needs Java")
