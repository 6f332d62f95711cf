"""Pagefind is given only the indexed pages (issue #10): the HTML files with a
search record, hard-linked into a staging folder inside the output. The
bundle must be the very bundle Pagefind builds from the whole site; listings
and other pages without a record never reach Pagefind; the staging folder is
gone after every run, failed or not."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import archive_search.plugin as search_plugin
import pytest
from archive_model.build import start_build
from archive_model.staging import staging_folder as build_staging_folder
from archive_search.indexer import (
    UNUSED_UI_FILES,
    SearchIndexError,
    build_index,
    indexed_pages,
    on_cpus,
    pagefind_binary,
    staging_folder,
    start_index,
)
from archive_search.settings import DEFAULTS, search_settings
from archive_search.stable_index import stabilise
from sitebuild import ROOT, BuiltSite, pelican_build, snapshot

STAGING = ".pagefind-sidor"


def relative(root, path):
    return path.relative_to(root).as_posix()


def pages_with(site, selector):
    """Relative paths of the built HTML pages that have an element matching ``selector``."""
    return {
        relative(site.root, path)
        for path in site.html_files()
        if site.soup("/" + relative(site.root, path)).select_one(selector)
    }


def recording_pagefind(tmp_path, exit_status=None):
    """A Pagefind that writes what it was given (the --site folder and its
    files with their inodes) to ``given.json``, then runs the real Pagefind,
    or exits with ``exit_status`` instead."""
    record = tmp_path / "given.json"
    script = tmp_path / "pagefind-som-antecknar"
    run = (
        f"sys.exit({exit_status})"
        if exit_status is not None
        else f"os.execv({pagefind_binary(None)!r}, [{pagefind_binary(None)!r}, *sys.argv[1:]])"
    )
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "site = sys.argv[sys.argv.index('--site') + 1]\n"
        "files = {}\n"
        "for folder, _dirs, names in os.walk(site):\n"
        "    for name in names:\n"
        "        path = os.path.join(folder, name)\n"
        "        files[os.path.relpath(path, site).replace(os.sep, '/')] = os.stat(path).st_ino\n"
        f"with open({str(record)!r}, 'w') as out:\n"
        "    json.dump({'site': os.path.abspath(site), 'files': files,\n"
        "               'sitemap_written': os.path.exists('sitemap.xml')}, out)\n"
        f"{run}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, record


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The real site built with a Pagefind that notes what it is given."""
    tmp = tmp_path_factory.mktemp("stegvis")
    binary, record = recording_pagefind(tmp)
    output = tmp / "site"
    result = pelican_build(output, extra=("-e", f'SEARCH_PAGEFIND_BINARY="{binary}"'))
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output), json.loads(record.read_text(encoding="utf-8"))


def test_the_bundle_is_the_bundle_pagefind_makes_of_the_whole_site(site, tmp_path):
    """What the plugin ran before it staged the pages, with the same options."""
    whole = tmp_path / "hela-sajten"
    command = [pagefind_binary(None), "--site", str(site.root), "--output-path", str(whole)]
    command += ["--quiet"]
    for selector in DEFAULTS["SEARCH_EXCLUDE_SELECTORS"]:
        command += ["--exclude-selectors", selector]
    subprocess.run(command, cwd=site.root, check=True, capture_output=True)
    stabilise(whole)
    for name in UNUSED_UI_FILES:
        (whole / name).unlink(missing_ok=True)
    built = snapshot(site.root / "pagefind")
    assert built.keys() == snapshot(whole).keys()
    assert built == snapshot(whole)


def test_pagefind_is_given_exactly_the_pages_with_a_search_record(recorded):
    built, given = recorded
    with_record = pages_with(built, "meta[data-pagefind-sort]")
    assert set(given["files"]) == with_record == pages_with(built, "main[data-pagefind-body]")
    # Listings, the front page, the search page and 404 have no record.
    listings = ["index.html", "arkiv/index.html", "amne/index.html", "sok/index.html", "404.html"]
    for listing in listings:
        assert (built.root / listing).is_file()
        assert listing not in given["files"], listing
    assert {"om/index.html", "tillganglighet/index.html"} <= set(given["files"])


def test_the_pages_are_hard_links_in_a_staging_folder_that_is_gone_after_the_run(recorded, site):
    built, given = recorded
    # Pagefind ran in the build's own staging folder (archive_model/staging.py),
    # which then became the output folder.
    assert given["site"] == str(Path(build_staging_folder(built.root.resolve())) / STAGING)
    assert not (built.root / STAGING).exists()
    for path, inode in given["files"].items():
        assert (built.root / path).stat().st_ino == inode, path
    # The same content gives the same index, whichever Pagefind ran it.
    assert snapshot(built.root / "pagefind") == snapshot(site.root / "pagefind")


def test_every_marked_page_is_found_and_nothing_else(tmp_path):
    pages = {
        "artikel/index.html": "<main data-pagefind-body>Text</main>",
        "lista/index.html": "<main>Lista</main>",
        "fran-ett-tillagg/index.html": "<main data-pagefind-body>Skriven av ett tillägg</main>",
        "pagefind/index.html": "<main data-pagefind-body>Hoppas över</main>",
        "kalender.ics": "data-pagefind-body",
    }
    for path, text in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    found = indexed_pages(tmp_path, skip=[tmp_path / "pagefind"])
    assert [p.replace(os.sep, "/") for p in found] == [
        "artikel/index.html",
        "fran-ett-tillagg/index.html",
    ]


def copy_without_index(site, tmp_path):
    copy = tmp_path / "kopia"
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("pagefind"))
    return copy


def test_pages_are_copied_where_hard_links_fail_and_give_the_same_bundle(
    site, tmp_path, monkeypatch
):
    copy = copy_without_index(site, tmp_path)

    def no_links(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    build_index(copy, search_settings({}))
    assert snapshot(copy / "pagefind") == snapshot(site.root / "pagefind")
    assert not staging_folder(copy, search_settings({})).exists()


def test_a_failure_while_staging_stops_with_a_message_and_leaves_nothing_behind(
    site, tmp_path, monkeypatch
):
    copy = copy_without_index(site, tmp_path)
    (copy / "pagefind").mkdir()
    (copy / "pagefind" / "pagefind.js").write_text("// det gamla indexet")

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", full_disk)
    monkeypatch.setattr(shutil, "copyfile", full_disk)
    with pytest.raises(SearchIndexError, match="Sökindexet kunde inte byggas"):
        build_index(copy, search_settings({}))
    assert (copy / "pagefind" / "pagefind.js").read_text() == "// det gamla indexet"
    assert not [p.name for p in copy.iterdir() if p.name.startswith(".pagefind")]


def test_a_failing_pagefind_leaves_no_staging_folder(small_site, tmp_path):
    binary, record = recording_pagefind(tmp_path, exit_status=3)
    result = small_site.build("-e", f'SEARCH_PAGEFIND_BINARY="{binary}"')
    assert result.returncode == 1
    assert "Sökindexet kunde inte byggas" in result.stderr
    given = json.loads(record.read_text(encoding="utf-8"))
    build_folder = Path(build_staging_folder(small_site.output.resolve()))
    assert given["site"] == str(build_folder / STAGING)
    assert "om/index.html" in given["files"]
    # The failed build left nothing: no output folder, no staging folder.
    assert not build_folder.exists()
    assert not small_site.output.exists()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux only")
def test_pagefind_can_be_kept_to_fewer_cpus_and_builds_the_same_bundle(site, tmp_path):
    """SEARCH_PAGEFIND_CPUS (default 1): fewer threads, less memory, and the
    same index as Pagefind on every CPU."""
    counting = tmp_path / "cpus"
    counting.write_text(
        f"#!{sys.executable}\nimport os\nprint(len(os.sched_getaffinity(0)))\n", encoding="utf-8"
    )
    counting.chmod(0o755)
    ran = subprocess.run(on_cpus([str(counting)], 1), capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "1"
    copy = copy_without_index(site, tmp_path)
    assert search_settings({})["SEARCH_PAGEFIND_CPUS"] == 1
    build_index(copy, {**search_settings({}), "SEARCH_PAGEFIND_CPUS": None})
    assert snapshot(copy / "pagefind") == snapshot(site.root / "pagefind")


def test_pagefind_starts_once_the_indexed_pages_are_written_before_the_rest(recorded):
    """It runs while calendars, administrations' pages and static files are
    written, and `finalized` (where the sitemap is written) only waits for it."""
    _built, given = recorded
    assert given["sitemap_written"] is False


def test_a_pagefind_left_running_by_a_failed_build_is_stopped_when_the_next_starts(
    site, tmp_path
):
    copy = copy_without_index(site, tmp_path)
    slow = tmp_path / "langsam-pagefind"
    slow.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    slow.chmod(0o755)
    search_plugin.register()  # as Pelican does: connects it to build_started
    settings = {"PATH": str(ROOT / "content")}
    failed = start_build(settings)
    run = start_index(copy, {**search_settings({}), "SEARCH_PAGEFIND_BINARY": str(slow)})
    search_plugin.early_index(settings).run = run
    assert run.process.poll() is None and run.staging.is_dir()
    start_build(settings)  # the next build: archive_model's build_started
    assert run.process.returncode is not None
    assert not run.staging.exists() and not run.fresh.exists()
    assert failed.state[search_plugin.STATE].run is None
