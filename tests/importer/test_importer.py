"""invoke importera / lararkiv.importer: the seeds' real Swedish posts in,
typed pages out; re-runs change nothing and never overwrite an editor."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from archive_model.registry import load_registry
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from quality.test_validity import OUTDATED_VALIDATOR, vnu_jar
from sitebuild import ROOT, pelican_build
from taskrun import run_task

from lararkiv.importer import import_archive
from lararkiv.importer.events import read_event, split_place
from lararkiv.importer.sources import Post
from lararkiv.importer.swedish_dates import find_date
from lararkiv.importer.text import repair

FIXTURES = Path(__file__).parent / "fixtures"
LISTING = FIXTURES / "nyhetsarkiv-2018-2019.txt"
WXR = FIXTURES / "wordpress-export.xml"


def run_import(source, content, **options):
    content.mkdir(parents=True, exist_ok=True)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    return import_archive(
        str(source), content=str(content), registry=load_registry(str(ROOT / "data" / "registry.yaml")),
        settings=settings, mapping_path=str(ROOT / "data" / "import-mapping.yaml"), **options)


def front_matter(path):
    text = Path(path).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def listing_import(content, **options):
    titles = (FIXTURES / "nyhetsarkiv-rubriker.txt").read_text(encoding="utf-8").splitlines()
    return run_import(LISTING, content, titles=titles, listing_date=dt.date(2019, 2, 1), **options)


def test_listing_reproduces_the_hand_migrated_front_matter(tmp_path):
    result = listing_import(tmp_path / "content")
    expected = yaml.safe_load((FIXTURES / "handmigrerat.yaml").read_text(encoding="utf-8"))
    imported = {}
    for path in result.outcomes:
        meta = front_matter(path)
        imported[meta["title"].casefold()] = meta
    assert len(imported) == len(expected)
    for title, hand in expected.items():
        meta = imported[title.casefold()]
        assert meta["type"] == hand["type"], title
        assert meta.get("series") == hand["series"], title
        assert set(meta.get("administrations", [])) == set(hand["administrations"]), title
        if "event" in hand:
            assert str(meta["event"]["start"]) == hand["event"]["start"], title
            assert str(meta["event"]["end"]) == hand["event"]["end"], title
            assert meta["event"]["location"] == hand["event"]["location"], title
        else:
            assert "event" not in meta, title
        # The listing has no publication dates: each is a guess, so a draft
        # that says what to check.
        assert meta["status"] == "draft", title
        assert "publiceringsdatumet" in Path(next(p for p in result.outcomes if front_matter(p) == meta)).read_text(encoding="utf-8")


def test_speakers_registration_and_recurrence_from_the_prose(tmp_path):
    result = listing_import(tmp_path / "content")
    events = {page.meta["title"]: page.meta.get("event") for page in result.pages}
    breakfast = events["Välkommen till forskningsfrukost om samverkan med föreningar"]
    assert breakfast["speakers"] == [
        {"name": "Anett Schenk", "affiliation": "Socialhögskolan, Lunds universitet"},
        {"name": "Lars Harrysson", "affiliation": "Socialhögskolan, Lunds universitet"},
    ]
    assert breakfast["address"] == "Bredgatan 11, Helsingborg"
    group = events["Inbjudan till självhjälpsgrupp för anhöriga"]
    assert group["recurrence"] == {"freq": "monthly", "byday": "-1WE", "count": 10}
    assert group["registration"] == {"email": "anhorigstod@helsingborg.se", "phone": "042-10 40 44",
                                     "contact": "anhörigkonsult Anna Pihlqvist"}


def test_an_invitation_and_its_minutes_are_linked_with_follows(tmp_path):
    result = listing_import(tmp_path / "content")
    pages = {front_matter(p)["title"]: (Path(p).stem, front_matter(p)) for p in result.outcomes}
    invitation = pages["Välkommen till Gemensam utvecklingsgrupp 10 december om Plan för lika möjligheter"][0]
    minutes = pages["Gemensam Utvecklingsgrupp träffades den 10 december och pratade om diskriminering"][1]
    assert minutes["follows"] == invitation


def test_running_again_changes_nothing_and_an_edited_page_is_kept(tmp_path):
    content = tmp_path / "content"
    first = listing_import(content)
    assert set(first.outcomes.values()) == {"ny"}
    before = {p: Path(p).read_bytes() for p in first.outcomes}
    again = listing_import(content)
    assert set(again.outcomes.values()) == {"oförändrad"}
    assert {p: Path(p).read_bytes() for p in again.outcomes} == before
    edited = next(iter(before))
    Path(edited).write_text(Path(edited).read_text(encoding="utf-8") + "\nRedaktörens tillägg.\n", encoding="utf-8")
    kept = listing_import(content)
    assert kept.outcomes[edited] == "skyddad"
    assert "Redaktörens tillägg." in Path(edited).read_text(encoding="utf-8")
    overwritten = listing_import(content, overwrite=True)
    assert overwritten.outcomes[edited] == "uppdaterad"
    assert Path(edited).read_bytes() == before[edited]


def test_a_page_an_editor_wrote_is_never_replaced(tmp_path):
    content = tmp_path / "content"
    path = content / "nyheter" / "tjanstedesigner-med-logik-i-verktygsladan.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Redaktörens egen sida\ndate: 2018-12-14\ntype: nyhet\n---\n\nText.\n", encoding="utf-8")
    result = listing_import(content)
    assert result.outcomes[str(path)] == "skyddad"
    assert "Redaktörens egen sida" in path.read_text(encoding="utf-8")


def test_a_dry_run_writes_nothing(tmp_path):
    content = tmp_path / "content"
    result = listing_import(content, dry_run=True)
    assert set(result.outcomes.values()) == {"ny"}
    assert not list(content.rglob("*.md"))
    assert "Torrkörning" in result.report


def test_wordpress_export(tmp_path):
    result = run_import(WXR, tmp_path / "content")
    pages = {front_matter(p)["title"]: (Path(p), front_matter(p)) for p in result.outcomes}
    breakfast_path, breakfast = pages["Välkommen till forskningsfrukost om samverkan med föreningar"]
    # Published 00:30 Swedish time, 23:30 the day before in UTC.
    assert str(breakfast["date"]) == "2019-02-01 00:30"
    assert breakfast["type"] == "forskningsfrukost"
    assert "status" not in breakfast
    assert breakfast["old_url"] == "https://oppnasoc.helsingborg.se/2019/02/01/valkommen-till-forskningsfrukost/"
    body = breakfast_path.read_text(encoding="utf-8")
    # A link to another imported post becomes a {filename} link; the embed a link.
    assert "]({filename}/inbjudningar/gemensam-utvecklingsgrupp-21-januari.md)" in body
    assert "(https://www.youtube.com/watch?v=abc123)" in body and "[embed]" not in body
    # A link to an old page that was not imported stays, and is reported.
    assert "[fritidsbanken](https://oppnasoc.helsingborg.se/2018/12/12/fritidsbanken/)" in body
    assert ("länken https://oppnasoc.helsingborg.se/2018/12/12/fritidsbanken/ leder till den gamla sajten "
            "men till en sida som inte importerades") in result.report
    invitation_path, invitation = pages["Gemensam utvecklingsgrupp 21 januari om stöd till föräldrar med placerade barn"]
    # WordPress's excerpt is the summary; a tag that is a topic, a category
    # that is an administration, are taken as they are.
    assert invitation["summary"].startswith("Årets första Gemensamma utvecklingsgrupp handlar om")
    assert "föräldrastöd" in invitation["topics"] and invitation["administrations"][0] == "sof"
    # What the build refuses is turned into what it takes, and reported.
    text = invitation_path.read_text(encoding="utf-8")
    assert "[Bild: Fontänhuset](https://oppnasoc.helsingborg.se/wp-content/uploads/2019/01/fontanhuset.jpg)" in text
    assert "javascript:" not in text and "Klicka här" in text
    assert "bilden https://oppnasoc.helsingborg.se/wp-content/uploads/2019/01/fontanhuset.jpg" in result.report
    _minutes_path, minutes = pages["Gemensam utvecklingsgrupp träffades den 21 januari och pratade om föräldrastöd"]
    assert minutes["type"] == "motesanteckningar" and minutes["author"] == "Bengt Nilsson"
    assert minutes["follows"] == "gemensam-utvecklingsgrupp-21-januari"
    assert "gug-2019-01-21.pdf" in result.report and "[gallery" in result.report
    damaged_path, damaged = pages["Gemensam utvecklingsgrupp 21 mars 2022"]
    text = damaged_path.read_text(encoding="utf-8")
    for repaired in ("socialförvaltningens", "lösningar", "ohälsa", "för många"):
        assert repaired in text
    assert damaged["status"] == "draft" and "event" not in damaged
    # The report names the export's own line for what it read.
    plats = next(n for n, line in enumerate(WXR.read_text(encoding="utf-8").splitlines(), 1)
                 if "Plats:</strong> Mindpark" in line)
    assert f"event.location: Mindpark, lokal Auditoriet — säker, rad {plats} " in result.report
    # A WordPress page is a static page; the bin is left out, and said so.
    about_path, about = pages["Om Öppna Helsingborg"]
    assert about_path.parent.name == "sidor" and "type" not in about
    assert "## Vad är det här?" in about_path.read_text(encoding="utf-8")
    assert "Gammalt test" not in pages and "'Gammalt test' (trash) hoppades över" in result.report


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("måndagen den 21 januari", dt.date(2018, 12, 1), dt.date(2019, 1, 21)),
    ("Fredagen den 8 februari", dt.date(2019, 6, 1), dt.date(2019, 2, 8)),
    ("onsdag 30 januari", dt.date(2018, 12, 19), dt.date(2019, 1, 30)),
    ("den 10 december 2018", dt.date(2020, 1, 1), dt.date(2018, 12, 10)),
])
def test_swedish_dates_take_their_year_from_the_weekday_or_the_post(text, reference, expected):
    assert find_date(text, dt.datetime.combine(reference, dt.time()))[0] == expected


@pytest.mark.parametrize(("prose", "expected"), [
    (("När: tisdag 12 mars kl 13.30–15.30\nVar: Stadshuset, Drottninggatan 2\n"
      "Sista anmälningsdag: 5 mars\nAnmälan till anmalan@helsingborg.se."),
     {"start": "2019-03-12 13:30", "end": "2019-03-12 15:30", "location": "Stadshuset",
      "address": "Drottninggatan 2, Helsingborg",
      "registration": {"email": "anmalan@helsingborg.se", "deadline": "2019-03-05"}}),
    ("Tid: 21–22 maj\nPlats: Pixlapiren",
     {"start": "2019-05-21", "end": "2019-05-22", "location": "Pixlapiren"}),
    ("Tid: fredag 15 mars kl 9–12", {"start": "2019-03-15 09:00", "end": "2019-03-15 12:00"}),
    ("Tid: onsdag 13 mars klockan 18", {"start": "2019-03-13 18:00"}),
    ("Välkommen! Plats: Mindpark", None),
])
def test_event_fields_from_swedish_prose(prose, expected):
    post = Post(title="Inbjudan", body=prose, is_html=False, source="x.txt", line=1, body_line=2)
    event, findings = read_event(post, prose, dt.datetime(2019, 2, 20), "Helsingborg")
    assert event == expected
    for finding in findings:
        assert finding.line in range(2, 2 + prose.count("\n") + 1), finding


@pytest.mark.parametrize(("place", "expected"), [
    ("Mindpark, lokal Auditoriet (Bredgatan 11)", ("Mindpark, lokal Auditoriet", "Bredgatan 11, Helsingborg")),
    ("Fontänhuset Helsingborg, Norra strandgatan 8", ("Fontänhuset Helsingborg", "Norra strandgatan 8, Helsingborg")),
    ("Fontänhuset Helsingborg", ("Fontänhuset Helsingborg", None)),
])
def test_places_and_addresses(place, expected):
    assert split_place(place, "Helsingborg") == expected


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("socialférvaltningen", "socialförvaltningen"), ("l6sningar", "lösningar"), ("ohédlsa", "ohälsa"),
    ("fÃ¶r", "för"), ("Kkreativt", "kreativt"),
])
def test_ocr_and_mojibake_repair(damaged, repaired):
    assert repair(damaged, [])[0] == repaired


def assert_valid_html(output):
    """The validity gate (tests/quality/test_validity.py) over the imported site."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("the Nu Html Checker needs Java: apt-get install default-jre-headless (.ci/run does it)")
    result = subprocess.run(
        [java, "-jar", vnu_jar(), "--format", "json", "--skip-non-html", "--exit-zero-always", str(output)],
        capture_output=True, text=True, check=False, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    assert messages, "vnu read no page"
    errors = [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] in {"error", "non-document-error"}
              and not any(text in m["message"] for text in OUTDATED_VALIDATOR)]
    assert not errors, "\n".join(errors[:20])


@pytest.fixture
def imported_project(tmp_path):
    """A project folder whose content is the WXR fixture and seed 003's
    listing imported into the minimal site, the drafts published as an
    editor would after checking them."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", project)
    result = run_import(WXR, project / "content")
    listing = listing_import(project / "content")
    for path in [*result.outcomes, *listing.outcomes]:
        text = Path(path).read_text(encoding="utf-8")
        Path(path).write_text(text.replace("status: draft\n", ""), encoding="utf-8")
    return project


def test_the_imported_site_passes_invoke_check_and_builds_redirects(imported_project, tmp_path):
    checked = run_task("check", "--content", imported_project / "content", cwd=imported_project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    output = tmp_path / "output"
    built = pelican_build(output, content=imported_project / "content", cwd=imported_project)
    assert built.returncode == 0, built.stdout + built.stderr
    redirect = "2019/02/01/valkommen-till-forskningsfrukost/index.html"
    soup = BeautifulSoup((output / redirect).read_text(encoding="utf-8"), "html.parser")
    target = soup.find("link", rel="canonical")["href"]
    # Relative in the preview's settings (RELATIVE_URLS), from the old folder.
    new_page = posixpath.normpath(posixpath.join(posixpath.dirname(redirect), target))
    assert new_page == "arkiv/2019/02/valkommen-till-forskningsfrukost"
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert soup.find("a", href=target)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not soup.select("[data-pagefind-body]") and not soup.select("script:not([src])")
    # A page of the site like any other: its policy, skip link and footer.
    assert soup.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert soup.select_one("a.la-skip-link") and soup.find("footer")
    assert (output / new_page / "index.html").exists()
    # A static page that kept its address needs no redirect, and gets none.
    about = BeautifulSoup((output / "om-oppna-helsingborg" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.find("h1").get_text(strip=True) == "Om Öppna Helsingborg"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/2019/02/01/valkommen-till-forskningsfrukost/" not in sitemap
    assert_valid_html(output)
    assert "/arkiv/2019/02/valkommen-till-forskningsfrukost/" in sitemap
    # An old address that another output claims is a bad-content case
    # (tests/bad_content/old_url_claims_listing.md).


def test_undated_posts_are_dated_by_their_place_in_the_listing(tmp_path):
    result = listing_import(tmp_path / "content")
    dates = [dt.date.fromisoformat(str(page.meta["date"])[:10]) for page in result.pages]
    # The listing runs newest first; every date is a guess that says so.
    assert dates == sorted(dates, reverse=True)
    for page in result.pages:
        (finding,) = [f for f in page.findings if f.field == "date"]
        assert finding.sure == "gissning" and finding.why.startswith("källan har inget datum")


def test_invoke_importera_dry_run(tmp_path):
    content = tmp_path / "content"
    result = run_task("importera", LISTING, "--content", content, "--torrkorning",
                      "--rubriker", FIXTURES / "nyhetsarkiv-rubriker.txt", "--listdatum", "2019-02-01",
                      cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skulle skrivas:" in result.stdout and "# Importrapport" in result.stdout
    assert not list(content.rglob("*.md"))


def test_invoke_importera_names_an_unreadable_export(tmp_path):
    broken = tmp_path / "export.xml"
    broken.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>', encoding="utf-8")
    result = run_task("importera", broken, "--content", tmp_path / "content", cwd=tmp_path)
    assert result.returncode == 1
    assert "Ingenting importerades" in result.stderr and "Traceback" not in result.stderr


def test_invoke_importera_names_broken_rules(tmp_path):
    rules = tmp_path / "regler.yaml"
    rules.write_text("types:\n  - when: {title: [oavslutad\n", encoding="utf-8")
    result = run_task("importera", LISTING, "--content", tmp_path / "content", "--regler", rules, cwd=tmp_path)
    assert result.returncode == 1
    assert f"{rules}:" in result.stderr and "importreglerna är inte giltig YAML" in result.stderr
    assert "Traceback" not in result.stderr
