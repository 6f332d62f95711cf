"""The Content-Security-Policy gate: every page carries the policy, nothing
in the output needs 'unsafe-inline', and every template page, search
included, works under it in Chromium: no violation reported, no script
error, nothing stored on the reader's device."""

from __future__ import annotations

import pytest
from template_pages import expected_templates, open_template

POLICY_META = 'meta[http-equiv="Content-Security-Policy"]'
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def policy_of(soup):
    meta = soup.select_one(POLICY_META)
    assert meta is not None, "no Content-Security-Policy meta tag"
    return {part.split()[0]: part.split()[1:] for part in meta["content"].split(";") if part.strip()}


def test_every_page_has_a_strict_policy(site):
    for path in site.html_files():
        soup = site.soup(path.relative_to(site.root).as_posix())
        policy = policy_of(soup)
        assert policy["default-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], path
        assert policy["object-src"] == ["'none'"], path


def test_no_markup_needs_unsafe_inline(site):
    """Inline scripts, event-handler attributes and style attributes would be
    blocked by the policy: none may be in the output."""
    problems = []
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        soup = site.soup(relative)
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") not in DATA_SCRIPT_TYPES:
                problems.append(f"{relative}: inline <script>")
        for element in soup.find_all(True):
            for attribute in element.attrs:
                if attribute.startswith("on") or attribute == "style":
                    problems.append(f"{relative}: <{element.name} {attribute}=…>")
            if str(element.get("href", "")).strip().lower().startswith("javascript:"):
                problems.append(f"{relative}: javascript: link")
        problems += [f"{relative}: <style> element" for _ in soup.find_all("style")]
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
@pytest.mark.parametrize("name", expected_templates())
def test_page_works_under_the_policy(name, built_templates, page, served_site):
    violations, errors = [], []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_template(built_templates, name, page, served_site)
    page.wait_for_load_state("networkidle")
    assert not violations, "\n".join(violations)
    assert not errors, "\n".join(errors)
    stored = page.evaluate(
        "async () => [localStorage.length, sessionStorage.length, document.cookie,"
        " (await indexedDB.databases()).length]"
    )
    assert stored == [0, 0, "", 0], f"something was stored on the reader's device: {stored}"
    assert page.context.cookies() == []
