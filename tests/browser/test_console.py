"""What Lighthouse's best-practices audits read from the console (issue 21):
opening the front page and an article asks for nothing that is missing (the
favicon included) and logs no error, on a phone and a desktop."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def first_article(site):
    return next(
        path.relative_to(site.root).as_posix().removesuffix("index.html")
        for path in sorted(site.root.glob("arkiv/*/*/*/index.html"))
    )


@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_pages_load_without_errors_or_missing_files(browser, site, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
    try:
        for url in ("", first_article(site)):
            page.goto(served_site + url, wait_until="networkidle")
            # What a browser asks for by itself, whatever the page links.
            assert page.request.get(served_site + "favicon.ico").ok
    finally:
        context.close()
    assert problems == []
