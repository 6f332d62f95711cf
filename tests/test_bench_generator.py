"""The benchmark's synthetic archive (bench/generate.py): deterministic, in our
content model, and accepted by our build. Timings belong to bench/run.py, never here."""

from __future__ import annotations

import sys

import pytest
from sitebuild import ROOT, pelican_build

sys.path.insert(0, str(ROOT))

from bench.generate import generate_archive, load_registry
from bench.writers import write_archive, write_reference


def tree(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_same_seed_same_bytes_other_seed_other_archive(tmp_path, registry):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        archive = generate_archive(30, seed, registry)
        write_archive(archive, tmp_path / name / "content")
        write_reference(archive, tmp_path / name / "reference", registry)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_archive_uses_the_whole_content_model(registry):
    pages = generate_archive(1000, 1, registry).pages
    fronts = [p.front for p in pages if p.kind == "article"]
    assert len(pages) == 1000
    assert {f["type"] for f in fronts} == set(registry["types"])
    assert {f.get("series") for f in fronts} - {None} == set(registry["series"])
    published = {p.slug for p in pages if p.front.get("status") != "draft"}
    assert all(f["follows"] in published for f in fronts if "follows" in f)
    assert any(f.get("status") == "draft" for f in fronts)
    events = [f["event"] for f in fronts if "event" in f]
    assert any("recurrence" in e for e in events)
    assert any("sessions" in e for e in events)
    for field in ("related_events", "planned_meetings", "agenda", "attachments", "quote", "period"):
        assert any(field in f for f in fronts), field
    # Administrations in the spellings editors use, not only slugs.
    spellings = {a for f in fronts for a in f["administrations"]}
    assert spellings - set(registry["administrations"])
    words = {w for p in pages for w in p.body.lower().split()}
    assert len(words) > 3000


def test_our_build_accepts_the_archive(tmp_path, registry):
    archive = generate_archive(30, 1, registry)
    write_archive(archive, tmp_path / "content")
    result = pelican_build(tmp_path / "output", content=tmp_path / "content")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    built = {p.parent.name for p in (tmp_path / "output").rglob("index.html")}
    published = [p for p in archive.pages if p.front.get("status") != "draft"]
    missing = [p.path for p in published if p.slug not in built]
    assert not missing
    for attachment in archive.attachments:
        assert (tmp_path / "output" / attachment).read_bytes().startswith(b"%PDF-1.4")
