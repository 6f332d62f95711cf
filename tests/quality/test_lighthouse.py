"""Lighthouse scores accessibility, best practices and SEO 100 on the front
page and an article, mobile and desktop (issue 21).

One Lighthouse run per page and form factor, those three categories only.
Performance is a timing: bench/lighthouse.py measures it and bench/README.md
records it; no test asserts it. Lighthouse is the npm package pinned in
bench/lighthouse/ (installed here with `npm ci` if missing and npm is there);
without Node, npm or Chromium the test is skipped, and fails with CI=true.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from browser_tools import chromium_path, missing_tool
from sitebuild import ROOT

from lararkiv import cms

sys.path.insert(0, str(ROOT))

# bench/ is imported from the project root, as tests/test_bench_generator.py does.
from bench import lighthouse

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def lighthouse_installed():
    if not shutil.which("node"):
        missing_tool("Lighthouse needs Node.js: sudo apt-get install nodejs npm")
    try:
        cms.ensure_installed(ROOT, cms.LIGHTHOUSE)
    except cms.CmsSetupError as error:
        missing_tool(str(error))


@pytest.mark.parametrize("form_factor", lighthouse.FORM_FACTORS)
@pytest.mark.parametrize("name", ["front page", "article"])
def test_scores_100(name, form_factor, lighthouse_installed, site, served_site):
    url = served_site + lighthouse.pages(site.root)[name]
    report = lighthouse.run(url, form_factor, ASSERTED, chrome=chromium_path())
    scores = lighthouse.scores(report)
    assert set(scores) == set(ASSERTED)
    below = {category: score for category, score in scores.items() if score != 100}
    assert not below, f"{url} ({form_factor}): " + "; ".join(
        f"{category} {score}: {lighthouse.describe(report, category)}" for category, score in below.items()
    )
