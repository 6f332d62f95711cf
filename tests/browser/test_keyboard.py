"""Keyboard use: the skip link is the first stop and moves focus to the main content."""

import pytest
from sitebuild import readable

pytestmark = pytest.mark.browser


def test_skip_link_is_first_and_visible_on_focus(page, served_site):
    page.goto(served_site)
    page.keyboard.press("Tab")
    focused = readable(page.evaluate("document.activeElement.textContent.trim()"))
    assert focused == "Hoppa till huvudinnehållet"
    box = page.locator(".la-skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["width"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_focus_is_visible_on_links(page, served_site):
    page.goto(served_site)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
