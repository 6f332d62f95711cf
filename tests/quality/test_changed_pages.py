"""`invoke grindar --base REF` checks the page of every changed content file
in Chromium: each content file must lead to its built page (a draft and a
file that is no page to none), and the changed pages join the sample."""

from __future__ import annotations

import yaml
from sitebuild import real_content
from template_pages import CHANGED, CHANGED_ENV, changed_sources, expected_templates, page_of_source


def test_every_content_file_leads_to_its_page(site):
    content = real_content()
    pages = sorted(content.rglob("*.md"))
    assert pages
    for path in pages:
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        url = page_of_source(site.root, str(path))
        if front.get("status") in ("draft", "utkast"):
            assert url is None, path
            continue
        assert url is not None, f"{path}: no page found"
        assert site.soup(url).h1.get_text(strip=True) == str(front["title"]).strip(), path


def test_a_file_that_is_no_page_leads_nowhere(site):
    assert page_of_source(site.root, "content/bilagor/finns-inte.md") is None


def test_changed_files_join_the_sample(monkeypatch):
    monkeypatch.setenv(CHANGED_ENV, "content/nyheter/a.md\ncontent/bilagor/b.pdf\n\ncontent/nyheter/a.md\n")
    assert changed_sources() == ["content/nyheter/a.md"]
    assert expected_templates()[-1] == f"{CHANGED} (content/nyheter/a.md)"

