"""Nothing half-written (archive_model/staging.py): a failed build, by plain
`pelican … -o DIR` or `invoke build`, leaves DIR exactly as it was, file
times included, and says why in one Swedish line, never a traceback."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from sitebuild import BUILD_DATE, ROOT, snapshot
from taskrun import run_task

sys.path.insert(0, str(ROOT))
from pelicanconf import PLUGINS

# A plugin that fails in the middle of writing: after the second page.
EXPLODING_PLUGIN = '''
from pelican import signals

WRITTEN = []


def explode(path, **_kwargs):
    WRITTEN.append(path)
    if len(WRITTEN) == 2:
        raise KeyError("halvvägs")


def register():
    signals.content_written.connect(explode)
'''
ANOTHER_PAGE = "---\ntitle: En andra nyhet\ndate: 2019-02-01\ntype: nyhet\n---\n\nText.\n"
BROKEN_LINK = "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\n---\n\n[Länk]({filename}/finns-inte.md)\n"


def tree(folder):
    """Every file's bytes and modification time: a folder exactly as it was."""
    files = snapshot(folder)
    return {name: (data, os.stat(Path(folder) / name).st_mtime_ns) for name, data in files.items()}


def exploding_build(site, tmp_path, monkeypatch):
    plugins = tmp_path / "extra_plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "explode_midway.py").write_text(EXPLODING_PLUGIN, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(plugins), os.environ.get("PYTHONPATH")])))
    return site.build("-e", "PLUGINS=" + str([*PLUGINS, "explode_midway"]).replace("'", '"'))


@pytest.fixture
def built(small_site):
    small_site.write("nyheter/en-andra-nyhet.md", ANOTHER_PAGE)
    result = small_site.build()
    assert result.returncode == 0, result.stderr
    small_site.before = tree(small_site.output)
    return small_site


def assert_one_swedish_line(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "fel" in result.stderr


def test_a_content_error_leaves_the_output_exactly_as_it_was(built):
    # The removed page's output would be stale (archive_speed removes such
    # files before writing); the broken link stops the build.
    (built.content / "nyheter" / "en-andra-nyhet.md").unlink()
    built.write("nyheter/trasig-lank.md", BROKEN_LINK)
    result = built.build()
    assert_one_swedish_line(result)
    assert "trasig-lank.md:7" in result.stderr
    assert tree(built.output) == built.before
    assert not (built.output.parent / ".output.bygge").exists()


def test_a_bug_halfway_through_writing_leaves_the_output_as_it_was(built, tmp_path, monkeypatch):
    built.write("nyheter/en-tredje-nyhet.md", ANOTHER_PAGE.replace("andra", "tredje"))
    result = exploding_build(built, tmp_path, monkeypatch)
    assert_one_swedish_line(result)
    assert "ett fel i arkivets kod" in result.stderr and "halvvägs" in result.stderr
    assert tree(built.output) == built.before
    assert not (built.output.parent / ".output.bygge").exists()


def test_a_good_build_replaces_the_output_and_keeps_unchanged_files_times(built):
    built.write("nyheter/en-tredje-nyhet.md", ANOTHER_PAGE.replace("andra", "tredje"))
    result = built.build()
    assert result.returncode == 0, result.stderr
    after = tree(built.output)
    assert "arkiv/2019/02/en-tredje-nyhet/index.html" in after
    unchanged = after["arkiv/2019/01/en-giltig-nyhet/index.html"]
    assert unchanged == built.before["arkiv/2019/01/en-giltig-nyhet/index.html"]
    assert not (built.output.parent / ".output.bygge").exists()


def test_a_killed_builds_staging_folder_is_replaced_not_published(built):
    leftover = built.output.parent / ".output.bygge"
    leftover.mkdir()
    (leftover / "halvfardig.html").write_text("<p>halv</p>", encoding="utf-8")
    assert built.build().returncode == 0
    assert not leftover.exists()
    assert "halvfardig.html" not in snapshot(built.output)


def test_invoke_build_that_fails_leaves_the_output_as_it_was(small_site):
    output = small_site.output
    args = ("build", "--output", output, "--content", small_site.content)
    assert run_task(*args, cwd=small_site.content.parent).returncode == 0
    before = tree(output)
    small_site.write("nyheter/trasig-lank.md", BROKEN_LINK)
    result = run_task(*args, cwd=small_site.content.parent)
    assert_one_swedish_line(result)
    assert "trasig-lank.md:7" in result.stderr
    assert tree(output) == before


def test_the_previews_rebuild_that_fails_midway_leaves_the_output_as_it_was(small_site, monkeypatch):
    """`invoke serve` rebuilds with the same Pelican in one process
    (lararkiv.runner.build): a rebuild that stops on a content error, or on
    a bug after some files were written, leaves the served folder as it was."""
    from pelican.plugins import signals

    from lararkiv import runner

    settings = runner.load_settings(
        str(ROOT / "pelicanconf.py"), str(small_site.content), str(small_site.output),
        {"ARCHIVE_BUILD_DATE": BUILD_DATE},
    )
    pelican = runner.new_pelican(settings)
    runner.build(pelican, io.StringIO())
    before = tree(small_site.output)

    small_site.write("nyheter/trasig-lank.md", BROKEN_LINK)
    with pytest.raises(runner.ContentErrors):
        runner.build(pelican, io.StringIO())
    assert tree(small_site.output) == before

    (small_site.content / "nyheter" / "trasig-lank.md").unlink()
    small_site.write("nyheter/en-andra-nyhet.md", ANOTHER_PAGE)
    written = []

    def explode(path, **_kwargs):
        written.append(path)
        if len(written) == 2:
            raise KeyError("halvvägs")

    signals.content_written.connect(explode)
    try:
        with pytest.raises(KeyError):
            runner.build(pelican, io.StringIO())
    finally:
        signals.content_written.disconnect(explode)
    assert len(written) == 2
    assert tree(small_site.output) == before
    assert pelican.output_path == str(small_site.output)
    runner.build(pelican, io.StringIO())
    assert "arkiv/2019/02/en-andra-nyhet/index.html" in tree(small_site.output)


def test_a_folder_that_cannot_be_staged_is_one_swedish_line(tmp_path, monkeypatch):
    import shutil
    from types import SimpleNamespace

    from archive_model.errors import ContentErrors
    from archive_model.staging import staged

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("gammal", encoding="utf-8")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / ".output.bygge"))

    monkeypatch.setattr(shutil, "copytree", full_disk)
    pelican = SimpleNamespace(output_path=str(output), settings={"PATH": str(tmp_path / "content")})
    with pytest.raises(ContentErrors) as stopped, staged(pelican):
        pytest.fail("the build must not start")
    assert "bygget kunde inte göras vid sidan av utmappen (No space left on device" in str(stopped.value)
    assert (output / "index.html").read_text(encoding="utf-8") == "gammal"
