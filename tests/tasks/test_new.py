"""`invoke new`: the right file in the right folder, that builds, never overwritten."""

from __future__ import annotations

import re

import pytest
import yaml
from archive_model.registry import load_registry
from sitebuild import ROOT, BuiltSite, pelican_build

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
TITLE = "Ålderdom & ensamhet: vad säger forskningen?"
SLUG = "alderdom-ensamhet-vad-sager-forskningen"


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return text.split("---\n")[1]


@pytest.mark.parametrize("type_slug", sorted(REGISTRY.types))
def test_new_writes_the_types_folder_with_front_matter_and_swedish_comments(project, type_slug):
    result = project.task(
        "new",
        "--type",
        type_slug,
        "--title",
        TITLE,
        "--date",
        "2019-02-08",
        "--administrations",
        "SOF, amf",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = project.content / REGISTRY.types[type_slug].folder / f"{SLUG}.md"
    assert path.is_file(), result.stdout
    front = front_matter(path)
    fields = yaml.safe_load(front)
    assert fields["title"] == TITLE
    assert fields["type"] == type_slug
    assert str(fields["date"]) == "2019-02-08"
    assert fields["administrations"] == ["sof", "amf"]
    assert fields["status"] == "draft"
    # Every field the editor sees has a Swedish comment right above it.
    lines = front.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[index - 1].startswith("#"), f"{line!r} has no comment above it"
    assert "Ta bort raden när sidan är klar att publiceras" in front


def test_every_new_page_builds_as_a_draft_at_the_address_it_prints(project, tmp_path):
    printed = {}
    for type_slug in sorted(REGISTRY.types):
        result = project.task(
            "new", "--type", type_slug, "--title", f"Ny sida av typen {type_slug}"
        )
        assert result.returncode == 0, result.stderr
        printed[type_slug] = re.search(r"I invoke serve: http://localhost:8000(/\S*)", result.stdout)[1]
    output = tmp_path / "output"
    built = pelican_build(output, content=project.content, cwd=project.root)
    assert built.returncode == 0, built.stdout + built.stderr
    site = BuiltSite(output)
    for type_slug in sorted(REGISTRY.types):
        slug = f"ny-sida-av-typen-{type_slug}"
        assert printed[type_slug] == f"/utkast/{slug}/"
        assert (
            site.soup(printed[type_slug]).h1.get_text(strip=True) == f"Ny sida av typen {type_slug}"
        )


def test_new_refuses_to_overwrite_an_existing_file(project):
    first = project.task("new", "--type", "nyhet", "--title", "Samma rubrik")
    assert first.returncode == 0, first.stderr
    path = project.content / "nyheter" / "samma-rubrik.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nRedaktörens text.\n", encoding="utf-8")
    before = path.read_bytes()
    second = project.task("new", "--type", "nyhet", "--title", "Samma rubrik")
    assert second.returncode == 1
    assert "finns redan" in second.stderr
    assert path.read_bytes() == before


def test_new_refuses_a_slug_used_by_another_type(project):
    project.task("new", "--type", "nyhet", "--title", "Samma rubrik")
    again = project.task("new", "--type", "rapport", "--title", "Samma rubrik")
    assert again.returncode == 1
    assert "nyheter/samma-rubrik.md finns redan" in again.stderr
    assert not (project.content / "rapporter" / "samma-rubrik.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--type", "frukost", "--title", "X"), "menade du 'forskningsfrukost'?"),
        (
            ("--type", "nyhet", "--title", "X", "--administrations", "socialförvaltning"),
            "menade du 'sof'",
        ),
        (("--type", "nyhet", "--title", "X", "--topics", "ensamheten"), "'ofrivillig ensamhet'"),
        (("--type", "nyhet", "--title", "X", "--date", "2019-02-30"), "finns inte i kalendern"),
        (("--type", "nyhet", "--title", "!!!"), "ger inget filnamn"),
    ],
)
def test_new_explains_bad_arguments_and_writes_nothing(project, args, message):
    before = sorted(project.content.rglob("*"))
    result = project.task("new", *args)
    assert result.returncode == 1
    assert "Ingen sida skapades" in result.stderr
    assert message in result.stderr
    assert sorted(project.content.rglob("*")) == before


def test_new_keeps_a_time_and_resolves_topics(project):
    result = project.task(
        "new",
        "--type",
        "inbjudan",
        "--title",
        "Träff",
        "--date",
        "2019-01-21 13:00",
        "--topics",
        "föreningar,H22",
    )
    assert result.returncode == 0, result.stderr
    fields = yaml.safe_load(front_matter(project.content / "inbjudningar" / "traff.md"))
    assert str(fields["date"]) == "2019-01-21 13:00"
    assert fields["topics"] == ["föreningsliv", "H22 City Expo"]


# A commented example line of an archetype: `# field: …` or its indented
# continuation `#   - …` (explanations are prose, never `word:` at the start).
EXAMPLE_LINE = re.compile(r"^# ((?:[a-z_]+:(?: |$))|(?:  +\S))")


def uncommented(text):
    """The page with every commented example of its front matter in use."""
    front, separator, body = text.partition("\n---\n")
    lines = [line[2:] if EXAMPLE_LINE.match(line) else line for line in front.splitlines()]
    return "\n".join(lines) + separator + body


@pytest.mark.parametrize("type_slug", sorted(REGISTRY.types))
def test_the_archetype_shows_the_optional_blocks_as_comments(project, type_slug):
    result = project.task("new", "--type", type_slug, "--title", "Block", "--date", "2019-02-08")
    assert result.returncode == 0, result.stderr
    text = (project.content / REGISTRY.types[type_slug].folder / "block.md").read_text(encoding="utf-8")
    fields = yaml.safe_load(front_matter_of(uncommented(text)))
    for block in ("follows", "related_events", "planned_meetings", "agenda", "attachments", "event"):
        assert f"\n# {block}:" in text and block in fields, f"{type_slug}: {block} is not shown"
    assert "status" in fields["event"], f"{type_slug}: the event's status is not shown"


def front_matter_of(text):
    return text.split("---\n")[1]


def test_a_page_with_every_example_in_use_builds(project, tmp_path):
    """Each archetype's page, every commented example taken into use and the
    draft line removed, builds: the examples are valid as they stand."""
    for type_slug in sorted(REGISTRY.types):
        result = project.task("new", "--type", type_slug, "--title", f"Alla block {type_slug}", "--date", "2019-02-08")
        assert result.returncode == 0, result.stderr
        path = project.content / REGISTRY.types[type_slug].folder / f"alla-block-{type_slug}.md"
        text = uncommented(path.read_text(encoding="utf-8")).replace("status: draft\n", "")
        path.write_text(text, encoding="utf-8")
        # What the examples name must exist: the page `follows` points to
        # and the attachments' files.
        fields = yaml.safe_load(front_matter_of(text))
        project.write(f"nyheter/{fields['follows']}.md", "---\ntitle: Tidigare\ndate: 2018-12-03\ntype: nyhet\n---\nText.\n")
        for attachment in fields["attachments"]:
            (project.content / attachment["file"]).parent.mkdir(parents=True, exist_ok=True)
            (project.content / attachment["file"]).write_bytes(b"%PDF-1.4\n%%EOF\n")
    built = pelican_build(tmp_path / "output", content=project.content, cwd=project.root)
    assert built.returncode == 0, built.stdout + built.stderr
    site = BuiltSite(tmp_path / "output")
    for type_slug in sorted(REGISTRY.types):
        (page,) = site.root.glob(f"arkiv/2019/02/alla-block-{type_slug}/index.html")
        soup = site.soup(page.relative_to(site.root).as_posix().removesuffix("index.html"))
        assert soup.select_one(".la-events-on-page"), f"{type_slug}: no event block on the page"
