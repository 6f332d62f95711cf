"""Publish and rollback with a manifest (lararkiv/manifest.py, atomic.py):
each published folder lists its files and their SHA-256; the previous site
is never deleted before the new one is in place; `invoke rollback` swaps
back only a folder that is whole. A publish killed at every step of the
swap leaves a whole site published and nothing broken to roll back to."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitebuild import snapshot

from lararkiv import atomic
from lararkiv.manifest import MANIFEST, manifest_problems, write_manifest

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def make_site(folder, mark):
    """A small published-looking folder whose every file carries ``mark``."""
    for relative in ("index.html", "404.html", "arkiv/a/index.html", "theme/css/site.css"):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{mark} {relative}", encoding="utf-8")
    write_manifest(folder)
    return snapshot(folder)


class Killed(BaseException):
    """The process dies here: no handler, no cleanup runs."""


def dying_at(step, monkeypatch):
    """Make the swap's file-system steps (renames, the exchange, removals)
    stop the process at the ``step``-th; a removal killed midway leaves half
    its files. Returns the list of steps taken."""
    taken = []
    real_rename, real_rmtree, real_exchange = os.rename, shutil.rmtree, atomic.exchange

    def step_or_die(name):
        taken.append(name)
        if len(taken) == step:
            raise Killed(name)

    def rename(source, target):
        step_or_die("rename")
        real_rename(source, target)

    def exchange(first, second):
        step_or_die("exchange")
        return real_exchange(first, second)

    def rmtree(path, ignore_errors=False):
        if len(taken) + 1 == step and os.path.isdir(path):
            files = sorted(p for p in snapshot(path))
            for relative in files[: len(files) // 2]:
                os.remove(os.path.join(path, relative))
        step_or_die("rmtree")
        real_rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    monkeypatch.setattr(atomic, "exchange", exchange)
    return taken


def test_a_whole_folder_passes_and_every_kind_of_damage_is_named(tmp_path):
    site = tmp_path / "site"
    make_site(site, "A")
    assert manifest_problems(site) == []
    (site / "index.html").write_text("ändrad", encoding="utf-8")
    (site / "404.html").unlink()
    (site / "extra.html").write_text("x", encoding="utf-8")
    problems = " ".join(manifest_problems(site))
    assert "1 filer saknas: 404.html" in problems
    assert "1 filer är ändrad: index.html" in problems
    assert "1 filer finns inte i manifestet: extra.html" in problems
    (site / MANIFEST).unlink()
    assert "saknas" in manifest_problems(site)[0]


def test_the_manifest_is_the_same_for_the_same_site(tmp_path):
    make_site(tmp_path / "a", "A")
    make_site(tmp_path / "b", "A")
    assert (tmp_path / "a" / MANIFEST).read_bytes() == (tmp_path / "b" / MANIFEST).read_bytes()
    listed = json.loads((tmp_path / "a" / MANIFEST).read_text(encoding="utf-8"))["sha256"]
    assert sorted(listed) == ["404.html", "arkiv/a/index.html", "index.html", "theme/css/site.css"]


def steps_of_a_swap(tmp_path, monkeypatch):
    root = tmp_path / "count"
    for name, mark in (("public.forra", "A"), ("public", "B"), ("public.ny", "C")):
        make_site(root / name, mark)
    with monkeypatch.context() as patch:
        taken = dying_at(0, patch)
        atomic.swap_in(root / "public", root / "public.ny")
    return len(taken)


def test_a_publish_killed_at_any_step_of_the_swap_breaks_nothing(tmp_path, monkeypatch):
    steps = steps_of_a_swap(tmp_path, monkeypatch)
    assert steps >= 4  # removal of leftovers, the moves, the exchange, the removal
    for step in range(1, steps + 1):
        root = tmp_path / f"kill-{step}"
        sites = {mark: make_site(root / name, mark) for name, mark in (("public.forra", "A"), ("public", "B"), ("public.ny", "C"))}
        public, previous = root / "public", root / "public.forra"
        with monkeypatch.context() as patch:
            dying_at(step, patch)
            with pytest.raises(Killed):
                atomic.swap_in(public, root / "public.ny")
        # Published: the old site or the new one, whole.
        assert snapshot(public) in (sites["B"], sites["C"]), step
        # Rollback: to a whole earlier site, or refused in Swedish.
        try:
            atomic.rollback(public)
        except atomic.PublishError as refused:
            assert "det finns ingen tidigare version" in str(refused) or "inte hel" in str(refused)
            assert snapshot(public) in (sites["B"], sites["C"]), step
        else:
            assert snapshot(public) in (sites["A"], sites["B"]), step
            assert manifest_problems(public) == []
            atomic.rollback(public)  # and forward again
        # The next publish goes through, whatever the last one left.
        sites["D"] = make_site(Path(atomic.fresh_new_folder(public)), "D")
        atomic.swap_in(public, atomic.new_folder(public))
        assert snapshot(public) == sites["D"]
        assert manifest_problems(previous) == []


def test_rollback_refuses_a_half_deleted_previous_site(tmp_path):
    make_site(tmp_path / "public", "B")
    previous = make_site(tmp_path / "public.forra", "A")
    (tmp_path / "public.forra" / "arkiv" / "a" / "index.html").unlink()
    published = snapshot(tmp_path / "public")
    with pytest.raises(atomic.PublishError, match=r"inte hel.*1 filer saknas: arkiv/a/index.html"):
        atomic.rollback(tmp_path / "public")
    assert snapshot(tmp_path / "public") == published
    assert snapshot(tmp_path / "public.forra") != previous


@pytest.fixture
def published_twice(project):
    public = project.root / "public"
    assert project.task("publish", "--output", public).returncode == 0
    project.write("nyheter/en-ny-nyhet.md", "---\ntitle: En ny nyhet\ndate: 2019-03-01\ntype: nyhet\n---\n\nText.\n")
    assert project.task("publish", "--output", public).returncode == 0
    project.public = public
    return project


def test_every_published_folder_carries_a_manifest_that_is_no_page(published_twice):
    public = published_twice.public
    for folder in (public, published_twice.root / "public.forra"):
        assert manifest_problems(folder) == []
    sitemap = ET.parse(public / "sitemap.xml").getroot()
    assert not [loc.text for loc in sitemap.iter(f"{SITEMAP}loc") if "manifest" in loc.text]
    assert b"manifest" not in b"".join(p.read_bytes() for p in (public / "pagefind").rglob("*.json"))


def test_invoke_rollback_refuses_an_incomplete_folder_in_swedish(published_twice):
    public = published_twice.public
    before = snapshot(public)
    (published_twice.root / "public.forra" / "404.html").unlink()
    result = published_twice.task_without_content("rollback", "--output", public)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "är inte hel, så den publiceras inte" in result.stderr and "404.html" in result.stderr
    assert snapshot(public) == before
