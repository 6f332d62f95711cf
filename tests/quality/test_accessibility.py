"""Accessibility gate: axe-core in headless Chromium finds no WCAG 2.1 A/AA
violation on one page of every template, and keyboard use works on each.

axe finds about half of all WCAG problems; the rest needs a person (see the
accessibility statement, content/sidor/tillganglighet.md).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from template_pages import expected_templates, open_template

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {' '.join(node['target'])}: {node['html'][:160]}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("name", expected_templates())
def test_no_wcag_21_aa_violations(name, built_templates, page, served_site):
    url = open_template(built_templates, name, page, served_site)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, f"{url}:\n{describe(violations)}"


@pytest.mark.parametrize("name", expected_templates())
def test_skip_link_and_visible_focus(name, built_templates, page, served_site):
    open_template(built_templates, name, page, served_site)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "la-skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next stop after the main content starts must show where focus is.
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    tag, outline, width, shadow = style
    assert tag != "BODY", "nothing after the skip target takes focus"
    assert (outline != "none" and width != "0px") or shadow != "none", f"focus not visible on {tag}: {style}"


@pytest.mark.parametrize("name", expected_templates())
def test_reflows_at_320_css_pixels(name, built_templates, page, served_site):
    """WCAG 1.4.10: at 320 CSS px (1280 px zoomed to 400 %) nothing scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    url = open_template(built_templates, name, page, served_site)
    overflow = page.evaluate(
        "(() => { const width = document.documentElement.clientWidth;"
        " const wide = [...document.querySelectorAll('body *')]"
        "   .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'absolute')"
        "   .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));"
        " return [document.documentElement.scrollWidth - width, wide.slice(0, 5)]; })()"
    )
    assert overflow[0] <= 0, f"{url} scrolls sideways by {overflow[0]} px at 320 px: {overflow[1]}"
    # overflow-x: hidden on html or body stops the scrolling but cuts the
    # content off, which fails 1.4.10 as well: nothing may stick out.
    assert not overflow[1], f"{url} has content past the right edge at 320 px: {overflow[1]}"
