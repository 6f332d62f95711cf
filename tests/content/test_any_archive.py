"""The real-site checks hold for any archive, not only today's: content/ is
copied, a generated batch of varied pages is added (bench's generator: every
type of the registry, events, recurrences, series, related events, planned
meetings, threads through `follows`, drafts, attachments), and the real-site
test folders run on that archive in a subprocess (LARARKIV_TEST_CONTENT, read
by tests/sitebuild.py), exactly as they run on content/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from sitebuild import CONTENT_ENV, ROOT

from bench.generate import Generator, load_registry
from bench.writers import write_archive

# The tests that read the archive under test (the `site` and
# `published_site` fixtures): the site gates, the content tests, the
# plugins' tests of the real site and the templates' HTML. The browser tests
# of tests/browser/ hold on it too (`LARARKIV_TEST_CONTENT=DIR pytest
# tests/browser`), but would add minutes to every run; the accessibility
# gate in tests/quality/ drives Chromium here.
REAL_SITE_CHECKS = [
    "tests/content",
    "tests/quality",
    "tests/theme",
    "tests/plugins/test_archive_administrations.py",
    "tests/plugins/test_archive_freshness.py",
    "tests/plugins/test_archive_publish.py",
    "tests/plugins/test_archive_search.py",
    "tests/plugins/test_archive_series.py",
    "tests/plugins/test_search_staging.py",
]
# Lighthouse scores the templates, which are the same whatever the archive
# holds: a minute of CI for nothing new.
NOT_RERUN = ["tests/quality/test_lighthouse.py"]
# Enough pages for every kind of story at least once, few enough to keep CI short.
BATCH = 60
SEED = 21


def generated_batch():
    """The batch, its slugs clear of the real archive's (the registry's
    challenges keep theirs: the batch's own challenges get new slugs)."""
    registry = load_registry()
    generator = Generator(BATCH, SEED, registry, ROOT / "content")
    generator.slugs |= {path.stem for path in (ROOT / "content").rglob("*.md")}
    archive = generator.generate()
    # The generator's static pages (om, kontakt …) are the real archive's own.
    archive.pages = [page for page in archive.pages if page.kind == "article"]
    return archive


@pytest.fixture(scope="module")
def batch():
    return generated_batch()


def test_the_batch_has_every_kind_of_page(batch):
    fronts = [page.front for page in batch.pages]
    assert {front["type"] for front in fronts} == set(load_registry()["types"])
    events = [front["event"] for front in fronts if "event" in front]
    assert any("recurrence" in event for event in events)
    for field in ("series", "follows", "related_events", "planned_meetings", "attachments"):
        assert any(front.get(field) for front in fronts), f"no page with {field}"
    assert any(front.get("status") == "draft" for front in fronts)


@pytest.mark.runs_first
def test_every_real_site_check_holds_on_an_enlarged_archive(batch, tmp_path, request):
    if os.environ.get(CONTENT_ENV):
        pytest.skip("this run is already on another archive than content/")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    clashes = [path for path in batch.attachments if (content / path).exists()]
    assert not clashes, f"the batch would overwrite the archive's files: {clashes}"
    write_archive(batch, content)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *REAL_SITE_CHECKS,
               *(f"--ignore={path}" for path in NOT_RERUN)]
    # `-m "not browser"` of this run holds for the inner one too.
    if request.config.getoption("markexpr"):
        command += ["-m", request.config.getoption("markexpr")]
    env = {**os.environ, CONTENT_ENV: str(content)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
