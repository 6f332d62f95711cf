"""Issue #10: the per-page work of rendering, done once instead of on every
use, changes nothing in the output. Each test compares an optimised build
with the plain one, or a remembered value with Pelican's own computation, on
the real site and on a small synthetic archive (bench/generate.py: every
type, events, series, threads, drafts). No timing is asserted here."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import zlib
import zoneinfo
from html import escape
from pathlib import Path

import pytest
from archive_checks.site_map import build_site_map
from archive_model import registry as registry_module
from archive_model.build import BUILD, Build
from archive_model.contents import contents
from archive_model.dates import iso_date
from archive_model.interruption import Superseded
from archive_model.registry import Registry
from archive_model.staging import staging_folder
from archive_series.agenda import _Finder
from archive_series.threads import sort_key
from archive_speed import render_batch
from archive_speed.members import MemberList
from pelican import signals
from pelican.utils import SafeDatetime
from sitebuild import BUILD_DATE, CMS_FOLDER, ROOT, pelican_build, snapshot
from unidecode import unidecode

from lararkiv import runner

sys.path.insert(0, str(ROOT))

from bench.generate import generate_archive, load_registry
from bench.writers import write_archive

SETTINGS = ("pelicanconf.py", "publishconf.py")



@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The bench's synthetic archive, small: 120 pages of every kind."""
    content = tmp_path_factory.mktemp("archive") / "content"
    write_archive(generate_archive(120, 1, load_registry(), ROOT / "content"), content)
    return content


@pytest.fixture(params=["real", "archive"])
def content(request, archive):
    return ROOT / "content" if request.param == "real" else archive


def build(output, content, settings="pelicanconf.py", extra=()):
    # The Pagefind index is not what these tests are about, and is the
    # search plugin's to test.
    result = pelican_build(output, content=content, settings=settings, extra=extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return snapshot(output)


def read(content, output, settings, overrides=None):
    overrides = {"ARCHIVE_BUILD_DATE": BUILD_DATE, **(overrides or {})}
    settings = runner.load_settings(str(ROOT / settings), str(content), str(output), overrides)
    pelican = runner.new_pelican(settings)
    return runner.read_site(pelican)


def articles_and_pages(generators):
    return contents(generators)


# --- URLs worked out once (archive_speed.urls) ---------------

@pytest.mark.parametrize("settings", SETTINGS)
def test_each_remembered_url_is_the_one_pelican_works_out(content, settings, tmp_path):
    """Drafts, hidden pages and static pages included; a `url:` field an
    editor wrote stays the editor's."""
    contents = articles_and_pages(read(content, tmp_path / "out", settings))
    assert len(contents) > 15
    for item in contents:
        remembered = item.url
        assert vars(item).get("override_url") == remembered
        if "url" not in item.metadata:
            del item.override_url
            assert item.url == remembered, item.source_path


def test_urls_are_pelicans_own_when_not_remembered(tmp_path):
    contents = articles_and_pages(read(ROOT / "content", tmp_path / "out", "pelicanconf.py",
                                       {"SPEED_REMEMBER_URLS": False}))
    assert contents and not any("override_url" in vars(item) for item in contents)


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("switch", ["SPEED_REMEMBER_URLS", "SPEED_INDEXED_TAXONOMIES"])
def test_a_site_built_with_each_optimisation_is_byte_identical(content, settings, switch, tmp_path):
    """Remembered URLs (above) and member lists (below): on and off, the same site."""
    plain = build(tmp_path / "plain", content, settings, ("-e", f"{switch}=false"))
    optimised = build(tmp_path / "optimised", content, settings)
    assert len(plain) > 50
    assert optimised == plain



# --- Threads: who follows a page, in one pass (archive_series) ---------------

def test_followed_by_lists_every_page_that_follows_in_reading_order(archive, tmp_path):
    """What a scan of every page per page gave: the pages whose `follows`
    names this one, by date, slug and file."""
    contents = articles_and_pages(read(archive, tmp_path / "out", "pelicanconf.py"))
    followed = 0
    for page in contents:
        if not hasattr(page, "followed_by"):
            continue
        expected = [p for p in contents if getattr(p, "follows_page", None) is page]
        assert page.followed_by == sorted(expected, key=sort_key), page.source_path
        followed += bool(expected)
    assert followed > 5


# --- Agenda finder: line starts by the regex engine (archive_series.agenda) --

def test_the_agenda_finder_knows_where_each_line_starts(archive, tmp_path):
    contents = articles_and_pages(read(archive, tmp_path / "out", "pelicanconf.py"))
    texts = [item._content for item in contents] + ["", "a", "\n", "\n\nx\r\ny\n"]
    for html in texts:
        expected = [0] + [index + 1 for index, char in enumerate(html) if char == "\n"]
        assert _Finder(html, ["Dagordning"])._line_starts == expected
    assert any(getattr(item, "agenda", None) for item in contents)


# --- iso_date without Pelican's strftime (archive_model.dates) ---------------

ISO_VALUES = [
    dt.date(2019, 2, 8),
    dt.datetime(2019, 12, 31, 23, 59),
    dt.datetime(2024, 3, 1, 0, 5, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")),
    SafeDatetime(2024, 12, 31, 0, 5),
    SafeDatetime(1000, 1, 1),
    dt.date(999, 9, 9),
    dt.date(9999, 12, 31),
]


@pytest.mark.parametrize("value", ISO_VALUES, ids=[repr(v) for v in ISO_VALUES])
def test_iso_date_is_what_strftime_writes(value):
    assert iso_date(value) == value.strftime("%Y-%m-%d")


# --- Registry names folded once per name (archive_model.registry) ------------

def test_a_remembered_fold_is_the_fold_of_the_name(archive, tmp_path):
    registry = registry_module.load_registry(str(ROOT / "data" / "registry.yaml"))
    entries = [*registry.administrations.values(), *registry.topics.values()]
    names = [spelling for entry in entries for spelling in (entry.slug, entry.name, *entry.aliases)]
    contents = articles_and_pages(read(archive, tmp_path / "out", "pelicanconf.py"))
    tags = [tag for item in contents for tag in getattr(item, "tags", None) or ()]
    odd = ["Ö-vik", "  Skol- och fritidsförvaltningen ", "ÅÄÖ", "", "ß", 2019, "é"]
    assert names and tags
    for value in [*names, *tags, *odd] * 2:  # the second time from the cache
        plain = "".join(ch for ch in unidecode(str(value)).lower() if ch.isalnum())
        assert registry_module.fold(value) == plain


# --- Tag and category lists answer `in` from a set (archive_speed.members) ---

class Equal:
    """Compares by value, as a Tag does: `in` must ask __eq__."""

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Equal) and other.value == self.value

    __hash__ = None


def test_a_member_list_answers_in_as_a_list_does():
    first, second, outsider = object(), object(), object()
    members, plain = MemberList(), []
    for item in (first, second, first):  # an article tagged twice
        for answers in (members, plain):
            assert (first in answers, second in answers, outsider in answers) == \
                (first in plain, second in plain, outsider in plain)
            answers.append(item)
    assert members == plain and type(members[:1]) is list
    members.remove(first)
    plain.remove(first)
    assert (first in members, second in members) == (first in plain, second in plain)
    assert first in members and second in members
    members.remove(first)
    assert first not in members
    valued = MemberList([Equal(1)])
    assert Equal(1) in valued and Equal(2) not in valued


def test_tags_and_categories_are_member_lists(tmp_path):
    generators = read(ROOT / "content", tmp_path / "out", "pelicanconf.py")
    articles = next(g for g in generators if hasattr(g, "tags") and hasattr(g, "dates"))
    listed = [*articles.tags.values(), *(members for _category, members in articles.categories)]
    assert listed and all(type(members) is MemberList for members in listed)
    context = dict(articles.context["tags"])
    assert all(context[tag] is members for tag, members in articles.tags.items())


# --- The checks' site map asks each page's save_as once (archive_checks) -----

def test_the_site_map_holds_each_pages_own_save_as(archive, tmp_path):
    generators = read(archive, tmp_path / "out", "publishconf.py")
    site = build_site_map(generators)
    assert len(site.pages) > 100
    for page in site.pages:
        assert page.save_as == page.content.save_as
        if page.save_as:
            assert site.by_save_as[page.save_as] is page


# --- ArticlesGenerator's pages rendered on every core (archive_speed.render_batch)

@pytest.mark.parametrize("settings", SETTINGS)
def test_a_site_rendered_on_every_core_is_byte_identical(content, settings, tmp_path):
    """Pages recorded and rendered by forked processes (forced even on the
    small sites) equal pages rendered one by one, with relative URLs
    (pelicanconf) and absolute ones (publishconf)."""
    if render_batch.processes({}) < 2:  # on one CPU both builds render one by one
        pytest.skip("one CPU: nothing is rendered in parallel to compare")
    plain = build(tmp_path / "plain", content, settings, ("-e", "SPEED_PARALLEL_WRITE=false"))
    parallel = build(tmp_path / "parallel", content, settings, ("-e", "SPEED_PARALLEL_WRITE_MIN_FILES=1"))
    assert len(plain) > 50
    assert parallel == plain


def test_content_written_comes_when_the_rendered_file_is_there(archive, tmp_path):
    """Pelican's promise to plugins: `content_written(path, context=…)` is
    sent once the file holds the page. A recorded page's signal waits for
    the batch; its context is the one the page was rendered with."""
    if render_batch.processes({}) < 2:
        pytest.skip("one CPU: no page is recorded for later rendering")
    heard = {}

    def on_written(path, context):
        found = Path(path).read_text(encoding="utf-8") if os.path.exists(path) else None
        heard[path] = (found, context.get("article"))

    overrides = {"SPEED_PARALLEL_WRITE_MIN_FILES": 1, "ARCHIVE_BUILD_DATE": BUILD_DATE}
    settings = runner.load_settings(str(ROOT / "pelicanconf.py"), str(archive), str(tmp_path / "out"), overrides)
    signals.content_written.connect(on_written)
    try:
        runner.new_pelican(settings).run()
    finally:
        signals.content_written.disconnect(on_written)

    # Pelican writes into the staging folder (archive_model.staging), which
    # becomes the output when the build is whole; the CMS's page is its own.
    staged = staging_folder(str(tmp_path / "out"))
    built = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.html")}
    assert {os.path.relpath(path, staged) for path in heard} >= built - {f"{CMS_FOLDER}/index.html"}
    empty = [path for path, (found, _article) in heard.items() if not found]
    assert not empty, f"heard of before the file was written: {empty[:3]}"
    articles = [(found, article) for found, article in heard.values() if article is not None]
    assert len(articles) > 50
    for found, article in articles:
        assert escape(article.title, quote=False) in found


class PidTemplate:
    """Renders its text and the process that rendered it; fails on request."""

    def __init__(self, text, fail=False):
        self.text, self.fail = text, fail

    def render(self, localcontext):
        if self.fail:
            raise ValueError(f"trasig mall för {localcontext['output_file']}")
        logging.getLogger("archive_publish.test").warning("renderade %s", localcontext["output_file"])
        return f"{self.text}|{os.getpid()}"


def jobs_for(folder, names, fail=()):
    shared = {"localsiteurl": None}
    return [
        render_batch.Job(PidTemplate(name, name in fail), {"output_file": name, "localsiteurl": f"../{i}"}, shared,
                         str(folder / name))
        for i, name in enumerate(names)
    ], shared


@pytest.fixture
def three_processes(monkeypatch):
    monkeypatch.setattr(render_batch, "processes", lambda settings: 3)
    return {"SPEED_PARALLEL_WRITE_MIN_FILES": 1, BUILD: Build(registry=Registry())}


def test_recorded_pages_are_rendered_by_forked_processes_and_all_written(tmp_path, three_processes, caplog):
    names = [f"sida-{i}.html" for i in range(30)]
    jobs, shared = jobs_for(tmp_path, names)
    shared["localsiteurl"] = "../29"  # as the last recorded page left it
    render_batch.render(jobs, three_processes)
    written = {name: (tmp_path / name).read_text().split("|") for name in names}
    assert all(text == name for name, (text, _pid) in written.items())
    assert len({pid for _text, pid in written.values()}) == 3, "this process and two forked ones"
    assert shared["localsiteurl"] == "../29", "the shared context is left as after serial writing"
    logged = sorted(r.getMessage() for r in caplog.records if r.name == "archive_publish.test")
    assert logged == sorted(f"renderade {name}" for name in names), "forked processes' records are logged here"


def test_writes_to_one_file_stay_in_order_in_one_process(tmp_path, three_processes):
    jobs, _shared = jobs_for(tmp_path, [f"sida-{i}.html" for i in range(10)])
    later, _ = jobs_for(tmp_path, ["sida-3.html"])
    later[0].template.text = "skriven sist"
    render_batch.render(jobs + later, three_processes)
    assert (tmp_path / "sida-3.html").read_text().startswith("skriven sist|")


def test_an_error_in_a_forked_process_stops_the_build_with_its_message(tmp_path, three_processes):
    names = [f"sida-{i}.html" for i in range(30)]
    # Pick a page a forked process renders (not this process's share).
    broken = next(n for n in names if zlib.crc32(str(tmp_path / n).encode()) % 3 != 0)
    jobs, _shared = jobs_for(tmp_path, names, fail={broken})
    with pytest.raises(ValueError, match=f"trasig mall för {broken}") as raised:
        render_batch.render(jobs, three_processes)
    assert any("parallell skrivprocess" in note for note in raised.value.__notes__)


def test_a_small_batch_is_rendered_here(tmp_path, monkeypatch):
    monkeypatch.setattr(render_batch, "processes", lambda settings: 3)
    jobs, _shared = jobs_for(tmp_path, ["a.html", "b.html"])
    render_batch.render(jobs, {"SPEED_PARALLEL_WRITE_MIN_FILES": 200, BUILD: Build(registry=Registry())})
    assert {(tmp_path / n).read_text().split("|")[1] for n in ("a.html", "b.html")} == {str(os.getpid())}


def test_a_newer_save_stops_the_rendering_and_leaves_no_process_behind(tmp_path, three_processes, monkeypatch):
    """The preview (Build.superseded): this process stops after its
    next page, the forked ones are stopped and waited for."""
    forked = []

    class Remembered(render_batch.Child):
        def __init__(self, jobs):
            super().__init__(jobs)
            forked.append(self.pid)

    monkeypatch.setattr(render_batch, "Child", Remembered)
    jobs, _shared = jobs_for(tmp_path, [f"sida-{i}.html" for i in range(30)])
    three_processes[BUILD].superseded = lambda: True  # the editor saved again
    with pytest.raises(Superseded):
        render_batch.render(jobs, three_processes)
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already waited for: no zombie left
