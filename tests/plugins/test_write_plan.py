"""No page may claim an address the build writes otherwise (issue 20): the
plugins declare their files and folders when a build starts
(archive_model.files.plan_output), and archive_checks refuses a page whose
slug: or file name lands on one of them, before anything is written."""

from __future__ import annotations

import re

import pytest
from archive_model.build import BUILD, Build
from archive_model.files import plan_output
from sitebuild import snapshot


@pytest.mark.parametrize(
    ("save_as", "planned"),
    [
        ("robots.txt", "robots.txt"),
        ("/sok/index.html", "sok/index.html"),
        ("pagefind/", "pagefind/"),
        ("serie/{slug}/index.html", "serie/"),
        ("kalender/typ/{slug}.ics", "kalender/typ/"),
        ("forvaltning/farger-{hash}.css", "forvaltning/"),
    ],
)
def test_a_declared_output_is_a_file_or_the_folder_before_its_first_placeholder(save_as, planned):
    # A Build of its own: no plugin's build_started receiver declares anything.
    settings = {BUILD: Build(registry=None)}
    plan_output(settings, save_as, "något")
    assert settings[BUILD].planned == {planned: "något"}


@pytest.mark.parametrize("save_as", ["", None, "{url}kalender.ics"])
def test_nothing_is_declared_for_no_file_or_a_file_beside_each_page(save_as):
    settings = {BUILD: Build(registry=None)}
    plan_output(settings, save_as, "något")
    assert settings[BUILD].planned == {}


PAGE = "---\ntitle: Sida {slug}\nslug: {slug}\n---\n\nEn sida.\n"
SLUG = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)*\Z")


def test_no_page_can_claim_a_folder_or_file_the_build_writes(small_site):
    """Whatever the small site's build writes at the top of its output (each
    plugin's folder and file), a page whose slug names it is refused, each
    with its own error, and the output stays as it was."""
    assert small_site.build().returncode == 0
    before = snapshot(small_site.output)
    own = {p.stem for p in (small_site.content / "sidor").glob("*.md")}
    written = sorted(p.name for p in small_site.output.iterdir() if p.is_dir())
    claims = [name for name in written if SLUG.match(name) and name not in own]
    assert {"kalender", "pagefind", "sok", "theme", "forvaltning", "serie", "feeds"} <= set(claims)
    for name in claims:
        small_site.write(f"sidor/tar-{name}.md", PAGE.format(slug=name))
    result = small_site.build()
    assert result.returncode == 1
    for name in claims:
        assert re.search(rf"content/sidor/tar-{name}\.md:3: fält 'slug': sidan får .*/{name}/", result.stderr), name
    assert "Traceback" not in result.stderr
    assert snapshot(small_site.output) == before
