"""The build reads regular files inside content/ only (issue 20's first
class): a symbolic link, to a file or a folder, inside content/ or out of
it, stops the build with an error naming it and its target, and nothing
behind it is read or published."""

from __future__ import annotations

import os

import pytest
from sitebuild import snapshot

SECRET = "hemligt-innehall-som-aldrig-far-publiceras"
PAGE = "---\ntitle: Utanför\ndate: 2019-02-08\ntype: nyhet\n---\n\n" + SECRET + "\n"


@pytest.fixture
def outside(tmp_path):
    """Files outside the content folder, as the build machine has them."""
    folder = tmp_path / "utanfor"
    (folder / "mapp").mkdir(parents=True)
    (folder / "hemlig.txt").write_text(SECRET, encoding="utf-8")
    (folder / "sida.md").write_text(PAGE, encoding="utf-8")
    (folder / "mapp" / "bild.png").write_bytes(SECRET.encode())
    return folder


LINKS = {
    "a file in a folder of attachments": ("bilagor/hemlig.txt", "hemlig.txt"),
    "a page": ("nyheter/lankad.md", "sida.md"),
    "a folder": ("bilder/mapp", "mapp"),
}


@pytest.mark.parametrize("case", LINKS)
def test_a_symbolic_link_stops_the_build_and_nothing_behind_it_is_published(small_site, outside, case):
    link, target = LINKS[case]
    path = small_site.content / link
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside / target, path)
    result = small_site.build("--fatal", "errors")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/{link}: en symbolisk länk (till {outside / target}) tas inte med" in result.stderr
    assert "Traceback" not in result.stderr
    published = snapshot(small_site.output)
    assert not any(SECRET.encode() in data for data in published.values())


def test_a_link_inside_content_is_refused_too(small_site):
    """Even to a file of the archive itself: one file, one address."""
    os.symlink(small_site.content / "sidor", small_site.content / "nyheter" / "sidor-igen")
    result = small_site.build()
    assert result.returncode == 1
    assert "content/nyheter/sidor-igen: en symbolisk länk" in result.stderr


def test_without_links_the_small_site_builds(small_site):
    assert small_site.build().returncode == 0


def test_a_link_out_of_content_is_neither_read_nor_written_above_the_output(small_site, tmp_path):
    (tmp_path / "hemlig.txt").write_text(SECRET, encoding="utf-8")
    climb = os.path.relpath(tmp_path / "hemlig.txt", small_site.content / "nyheter")
    small_site.write("nyheter/ut.md", PAGE.replace(SECRET, f"Se [filen]({{static}}{climb})."))
    result = small_site.build()
    assert result.returncode == 1
    assert f"content/nyheter/ut.md:7: länken {{static}}{climb} leder ut ur content/" in result.stderr
    # Where Pelican would have written it: its path from content/, under the output.
    above = (small_site.output / os.path.relpath(tmp_path / "hemlig.txt", small_site.content)).resolve()
    assert not above.exists() and not small_site.output.exists()
