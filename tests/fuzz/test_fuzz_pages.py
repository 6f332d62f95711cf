"""Property-based fuzzing of pages (Hypothesis): front matter and Markdown
of every shape an editor, careless or hostile, might commit — fields of the
wrong type, nesting, Unicode, extreme dates, recurrences, paths that climb,
raw HTML, hidden personnummer.

- The reader, called directly (fast, many examples): each generated file
  gives a page or our ContentError, never another exception.
- The whole build, a batch of generated pages per `pelican` run (a run costs
  ~2 s, so a batch of pages per run, not one): it either succeeds and its
  output passes the safety scan (no script of its own, nothing loaded from
  another origin, no file outside the output folder, no personnummer), or
  it fails with our Swedish error lines, no traceback, and leaves the
  output folder as it was.

Bounded for CI: the "lararkiv" profile (derandomized, so every run tries
the same examples; no example database). HYPOTHESIS_PROFILE=lang runs more.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sitebuild import FIXTURES, ROOT, pelican_build, snapshot

sys.path.insert(0, str(ROOT / "plugins"))
from archive_model.errors import ContentError
from archive_model.reader import ArchiveReader
from archive_model.registry import load_registry
from archive_safety.identity_numbers import find_identity_numbers
from archive_safety.readable import fold
from pelican.settings import read_settings

settings.register_profile(
    "lararkiv",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("lang", parent=settings.get_profile("lararkiv"), max_examples=600, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "lararkiv"))

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
BUILD_DATE = dt.date(2026, 11, 24)
# Skatteverket's test personnummer, and ways readers see it that a pattern may not.
PERSONNUMMER = st.sampled_from([
    "121212-1212", "1212**12**-1212", "&#49;&#50;1212-1212", "121212\u00a01212", "121212\u20111212",
    "１２１２１２-１２１２", "١٢١٢١٢-١٢١٢", "121212-\n1212", "19121212-1212",
])

# -- strategies ---------------------------------------------------------------

short_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    short_text, st.integers(-(10**12), 10**12), st.booleans(), st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)),
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
date_like = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str),
    st.sampled_from(["2019-02-08", "2019-02-08 08:15", "2019-02-30", "2019-02-08 25:00", "0001-01-01", "9999-12-31 23:59", "i morgon", ""]),
    anything,
)
recurrence = st.one_of(
    st.sampled_from(["FREQ=WEEKLY;COUNT=3", "FREQ=DAILY;UNTIL=20190301", "FREQ=MONTHLY;BYDAY=1MO;COUNT=4", "FREQ=YEARLY", "nonsens"]),
    st.fixed_dictionaries({}, optional={"freq": st.sampled_from(["weekly", "daily", "monthly", "x"]), "count": st.integers(-5, 500), "until": date_like, "interval": st.integers(-2, 50)}),
    anything,
)
event_fields = st.fixed_dictionaries(
    {"start": date_like},
    optional={"end": date_like, "location": short_text, "address": short_text, "recurrence": recurrence, "speakers": anything},
)
link_target = st.sampled_from([
    "{filename}/nyheter/en-giltig-nyhet.md", "{static}/../../etc/passwd", "{attach}../x.pdf", "https://example.org/",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//example.org/x.js", "/arkiv/", "#ankare",
    "{filename}/finns-inte.md", "mailto:anna@example.org",
])
body_piece = st.one_of(
    short_text,
    PERSONNUMMER.map(lambda n: f"Nummer {n} här."),
    link_target.map(lambda t: f"[länk]({t})"),
    link_target.map(lambda t: f"![bild]({t})"),
    st.sampled_from([
        "<script>alert(1)</script>", '<img src="https://example.org/x.png" alt="x">', '<a href="javascript:alert(1)">x</a>',
        '<p onclick="alert(1)">x</p>', '<iframe src="https://example.org/"></iframe>', '<style>body{}</style>',
        "<svg><script>alert(1)</script></svg>", "## Rubrik", "> citat", "- punkt\n- punkt", "```\nkod\n```",
        "[^1]\n\n[^1]: fotnot", "| a | b |\n|---|---|\n| 1 | 2 |", '<div markdown="1">*x*</div>', "&#x3C;script&#x3E;",
    ]),
)
body = st.lists(body_piece, max_size=6).map("\n\n".join)
# Mostly text an editor writes, now and then one of the pieces above.
plausible_body = st.lists(st.one_of(short_text, short_text, short_text, body_piece), max_size=4).map("\n\n".join)
front_matter = st.fixed_dictionaries(
    {"title": st.one_of(short_text.filter(str.strip), anything, PERSONNUMMER.map("Elev {}".format))},
    optional={
        "date": date_like,
        "type": st.one_of(st.sampled_from(list(REGISTRY.types)), anything),
        "administrations": st.one_of(st.lists(st.sampled_from(list(REGISTRY.administrations)), max_size=3), anything),
        "topics": st.one_of(st.lists(st.sampled_from(list(REGISTRY.topics)), max_size=3), anything),
        "series": st.one_of(st.sampled_from(list(REGISTRY.series)), anything),
        "summary": st.one_of(short_text, anything, PERSONNUMMER.map("Sammanfattning {}".format)),
        "status": st.sampled_from(["draft", "hidden", "published", "", "x"]),
        "slug": st.one_of(short_text, st.sampled_from(["../x", "robots", "sok", "pagefind"])),
        "save_as": st.sampled_from(["robots.txt", "../utanfor.html", "x/index.html", "/etc/x"]),
        "url": st.sampled_from(["../", "x/", "https://example.org/"]),
        "template": st.sampled_from(["page", "article", "../../x", "finns-inte"]),
        "event": st.one_of(event_fields, anything),
        "attachments": st.one_of(st.lists(st.fixed_dictionaries({"file": st.sampled_from(["bilagor/x.pdf", "../x", "/etc/passwd"]), "title": short_text}), max_size=2), anything),
        "personal_data_reviewed": anything,
        "unknown_field": anything,
    },
)


# A page an editor would write, its body of any pieces above: most builds of
# junk fail on the first field, and the safety scan must see built pages too.
plausible_front_matter = st.fixed_dictionaries(
    {
        "title": short_text.filter(lambda t: t.strip() and "\n" not in t and "\r" not in t),
        "date": st.dates(dt.date(1990, 1, 1), dt.date(2026, 1, 1)).map(str),
        "type": st.just("nyhet"),
    },
    optional={
        "administrations": st.lists(st.sampled_from(list(REGISTRY.administrations)), max_size=2, unique=True),
        "summary": short_text,
        "status": st.sampled_from(["draft", "hidden"]),
    },
)


def page_text(fields, text):
    try:
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):
        front = "title: Ogiltig\n"
    return f"---\n{front}---\n\n{text}\n"


pages = st.builds(page_text, front_matter, body)

# -- the reader -----------------------------------------------------------------

@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-reader")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    content = root / "project" / "content"
    config = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content), "OUTPUT_PATH": str(root / "out")})
    config["ARCHIVE_BUILD_DATE"] = BUILD_DATE.isoformat()
    return content, config


@settings(max_examples=int(os.environ.get("FUZZ_PAGES", "250")))
@given(text=pages)
def test_the_reader_gives_a_page_or_our_error(reader_site, text):
    content, config = reader_site
    path = content / "nyheter" / "fuzz.md"
    path.write_text(text, encoding="utf-8")
    try:
        ArchiveReader(config).read(str(path))
    except ContentError as error:
        assert error.path.endswith("content/nyheter/fuzz.md"), error
        assert "Traceback" not in str(error)
        assert "ett fel i arkivets kod" not in error.message, error


# -- the build --------------------------------------------------------------------

# A batch's build takes 2–3 s and a few hundred MB (Pelican and Pagefind);
# far longer or far more is a resource bomb, which must end the build with
# our error, not the machine (YAML aliases once took 11 GB for one page).
BUILD_SECONDS = 90
BUILD_BYTES = 2**30
FOLDERS = {slug: kind.folder for slug, kind in REGISTRY.types.items()}


@pytest.fixture(scope="module")
def last_published(tmp_path_factory):
    """The small site, built once: the output every failed build must leave."""
    root = tmp_path_factory.mktemp("fuzz-published")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    result = pelican_build(root / "output", content=root / "project" / "content", cwd=root / "project")
    assert result.returncode == 0, result.stderr
    return root / "output"


def install(batch, project):
    for index, (fields, text) in enumerate(batch):
        kind = fields.get("type") if isinstance(fields.get("type"), str) else None
        folder = "sidor" if index % 4 == 3 else FOLDERS.get(kind, "nyheter")
        path = project / "content" / folder / f"fuzz-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(fields, text), encoding="utf-8")


RESOURCE_ATTRIBUTES = {"script": "src", "img": "src", "link": "href", "iframe": "src", "object": "data", "embed": "src", "source": "src", "audio": "src", "video": "src"}


def unsafe_in(output):
    """What a reader's browser must never get from the built site."""
    problems = []
    for path in sorted(output.rglob("*")):
        if path.is_symlink() or not path.resolve().is_relative_to(output.resolve()):
            problems.append(f"{path}: outside the output folder")
        if path.is_file() and path.suffix in {".html", ".xml", ".ics", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if find_identity_numbers(fold(text), BUILD_DATE):
                problems.append(f"{path}: a personnummer")
            if path.suffix == ".html":
                soup = BeautifulSoup(text, "html.parser")
                problems += [f"{path}: {p}" for e in soup.find_all(True) for p in unsafe_element(e)]
    return problems


def unsafe_element(element):
    for name, value in element.attrs.items():
        shown = " ".join(value) if isinstance(value, list) else str(value)
        if name.startswith("on"):
            yield f"{element.name} {name}="
        if name in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|data|vbscript):", shown, re.I):
            yield f"{name}={shown[:40]}"
    attribute = RESOURCE_ATTRIBUTES.get(element.name)
    loads = element.name != "link" or {"stylesheet", "icon"} & set(element.get("rel") or [])
    if attribute and loads and urlsplit(str(element.get(attribute) or "")).netloc:
        yield f"{element.name} from {element.get(attribute)}"
    if element.name == "script" and not element.get("src") and element.get("type") != "application/ld+json":
        yield "an inline script"
    if element.name in ("iframe", "object", "embed"):
        yield f"<{element.name}>"


@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", "20")))
@given(
    batch=st.tuples(
        st.lists(st.tuples(plausible_front_matter, plausible_body), min_size=1, max_size=6),
        st.lists(st.tuples(front_matter, body), max_size=1),
    ).map(lambda parts: parts[0] + parts[1])
)
def test_a_batch_of_pages_builds_safely_or_fails_leaving_the_output(batch, tmp_path_factory, last_published):
    root = tmp_path_factory.mktemp("fuzz-build")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    install(batch, root / "project")
    output = root / "output"
    shutil.copytree(last_published, output)
    before = snapshot(output)
    # A resource bomb (an endless recurrence, a huge expansion) fails here.
    result = pelican_build(output, content=root / "project" / "content", cwd=root / "project",
                           timeout=BUILD_SECONDS, memory=BUILD_BYTES)
    log = result.stdout + result.stderr
    assert "Traceback" not in log, log
    assert sorted(p.name for p in root.iterdir()) == ["output", "project"], "nothing beside the output folder"
    # --hypothesis-show-statistics: how many builds succeeded, and why the
    # others were refused (the first error's kind, without its details).
    first = re.search(r"^  \S+?: (?:fält '[^']*': )?([^'\d—(]*)", log, re.M)
    event(f"build: {'ok' if result.returncode == 0 else 'refused: ' + (first[1].strip() if first else '?')}")
    if result.returncode == 0:
        assert unsafe_in(output) == [], log
    else:
        assert re.search(r"^\d+ fel i innehållet, inget skrevs", log, re.M), log
        assert snapshot(output) == before, "a failed build must leave the output as it was"
    shutil.rmtree(root)
