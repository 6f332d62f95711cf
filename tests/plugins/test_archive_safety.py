"""The personal-data guard and LIX: likely personnummer stop the build with
file and line, deliberate exceptions build, other people's e-mail addresses
and phone numbers are named until reviewed, LIX matches hand computation.

No number here is a real person's. The twelve-digit ones are dated 1831–1835:
personnummer began in 1947, so nobody born then ever had one. Ten-digit forms
cannot be made safe that way (their ten digits are someone's whatever the
century), so they are built from dates and birth numbers of Skatteverket's
published test personnummer, which belong to no one. The check digits are
computed here, by the test's own Luhn, and compared to Skatteverket's.
Private phone numbers are from PTS' series reserved for fiction
(070-174 06 05 – 070-174 06 99); private e-mail addresses use example.org.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from archive_safety.contacts import city_contacts, find_contacts
from archive_safety.identity_numbers import find_identity_numbers
from archive_safety.readability import lix_of_html
from archive_safety.scan import scan_page

from lararkiv.report import format_lix_report, lix_rows

TODAY = dt.date(2026, 11, 24)  # the tests' pinned build date (sitebuild.BUILD_DATE)
SETTINGS = {"PATH": str(ROOT / "content"), "ARCHIVE_REGISTRY": str(ROOT / "data" / "registry.yaml")}


def check_digit(nine):
    """Luhn as Skatteverket describes it: weights 2,1,2,… , digit sums, 10 − last digit."""
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(nine))
    return (10 - total % 10) % 10


def number(born, birth_number, form="12-", *, coordination=False, wrong_check=False, month=None, day=None):
    """A personnummer-shaped string. ``form``: digits (10/12) and separator;
    ``month``/``day`` override the date's to write impossible ones."""
    month = month if month is not None else born.month
    day = day if day is not None else born.day + (60 if coordination else 0)
    core = f"{born:%y}{month:02d}{day:02d}{birth_number:03d}"
    check = (check_digit(core) + (1 if wrong_check else 0)) % 10
    digits, separator = int(form[:2]), form[2:]
    date_part = (f"{born:%Y}" if digits == 12 else f"{born:%y}") + core[2:6]
    return f"{date_part}{separator}{core[6:]}{check}"


# Skatteverket's test personnummer (date, birth number, published check digit).
SKATTEVERKET_TEST = {
    "tolvan": (dt.date(1912, 12, 12), 121, 2),
    "1990": (dt.date(1990, 6, 2), 239, 7),
    "2000": (dt.date(2000, 1, 5), 238, 0),
    "1950": (dt.date(1950, 5, 5), 51, 2),
    "1900": (dt.date(1900, 1, 4), 239, 9),
}


@pytest.mark.parametrize("name", SKATTEVERKET_TEST)
def test_the_generator_computes_skatteverkets_check_digits(name):
    born, birth_number, published = SKATTEVERKET_TEST[name]
    assert number(born, birth_number, "12")[-1] == str(published)


def _test(name, form):
    born, birth_number, _ = SKATTEVERKET_TEST[name]
    return number(born, birth_number, form)


OLD = dt.date(1831, 3, 14)
IDENTITY_CASES = [
    # (case, text, expected kind or None, expected birth date)
    ("twelve_digits_hyphen", number(OLD, 482), "personnummer", OLD),
    ("twelve_digits_no_separator", number(dt.date(1835, 11, 30), 127, "12"), "personnummer", dt.date(1835, 11, 30)),
    ("ten_digits_hyphen_under_100", _test("1990", "10-"), "personnummer", dt.date(1990, 6, 2)),
    ("ten_digits_no_separator", _test("2000", "10"), "personnummer", dt.date(2000, 1, 5)),
    ("ten_digits_plus_over_100", _test("1900", "10+"), "personnummer", dt.date(1900, 1, 4)),
    ("plus_moves_a_century_back", _test("tolvan", "10+"), "personnummer", dt.date(1912, 12, 12)),
    ("hyphen_means_under_100", _test("tolvan", "10-"), "personnummer", dt.date(2012, 12, 12)),
    ("en_dash_from_a_word_processor", _test("1950", "10–"), "personnummer", dt.date(1950, 5, 5)),
    ("space_separator", _test("2000", "10 "), "personnummer", dt.date(2000, 1, 5)),
    ("in_a_sentence", f"Klienten ({number(OLD, 482)}) kom i tid.", "personnummer", OLD),
    ("coordination_day_plus_60", number(dt.date(1833, 7, 9), 345, coordination=True), "samordningsnummer", dt.date(1833, 7, 9)),
    ("coordination_no_separator", number(dt.date(1833, 7, 31), 345, "12", coordination=True), "samordningsnummer", dt.date(1833, 7, 31)),
    ("leap_day_in_a_leap_year", number(dt.date(1832, 2, 29), 214), "personnummer", dt.date(1832, 2, 29)),
    # Not personnummer:
    ("luhn_invalid_twelve", number(OLD, 482, wrong_check=True), None, None),
    ("luhn_invalid_ten", number(*SKATTEVERKET_TEST["1990"][:2], "10-", wrong_check=True), None, None),
    ("leap_day_in_a_common_year", number(dt.date(1831, 2, 28), 214, day=29), None, None),
    ("month_13", number(OLD, 482, month=13), None, None),
    ("day_32", number(dt.date(1831, 1, 1), 482, day=32), None, None),
    ("day_00", number(dt.date(1831, 1, 1), 482, day=0), None, None),
    ("coordination_day_92", number(dt.date(1831, 1, 1), 482, day=92), None, None),
    ("unknown_century", "17" + number(OLD, 482)[2:], None, None),
    ("inside_a_longer_digit_run", "9" + number(OLD, 482, "12"), None, None),
    ("followed_by_more_digits", number(OLD, 482, "12") + "7", None, None),
    ("part_of_a_hyphenated_case_number", "2019-" + number(OLD, 482, "12"), None, None),
    ("followed_by_a_hyphenated_digit", number(OLD, 482) + "-5", None, None),
    ("organisation_number_month_20", "212000-" + "135" + str(check_digit("212000135")), None, None),
    ("phone_number", "042-10 50 00", None, None),
    ("mobile_number", "070-174 06 05", None, None),
    ("international_phone_number", "+46 42 10 50 00", None, None),
    ("case_number", "Dnr SOF 2019/0123", None, None),
    ("long_case_number", "Dnr 2018-000123", None, None),
    ("date", "2019-02-08", None, None),
    ("compact_date", "20190208", None, None),
    ("date_and_time", "2019-02-08 0815", None, None),
]


@pytest.mark.parametrize("case,text,kind,born", IDENTITY_CASES, ids=[c[0] for c in IDENTITY_CASES])
def test_identity_numbers_are_found_only_when_luhn_and_date_hold(case, text, kind, born):
    found = find_identity_numbers(text, TODAY)
    if kind is None:
        assert found == [], f"{text!r} is not a personnummer"
    else:
        assert [(n.kind, n.born) for n in found] == [(kind, born)], text
        assert found[0].text in text and found[0].text[:2] == text[text.index(found[0].text):][:2]


def test_a_birth_date_in_the_future_is_no_personnummer():
    later = number(dt.date(1835, 1, 1), 482)
    assert find_identity_numbers(later, dt.date(1834, 12, 31)) == []
    assert len(find_identity_numbers(later, dt.date(1835, 1, 1))) == 1


CITY = city_contacts(SETTINGS, ["helsingborg.se"])
CONTACT_CASES = [
    # (case, text, kind, allowed without review)
    ("city_email", "kontaktcenter@helsingborg.se", "e-postadress", True),
    ("city_subdomain_email", "rektor@skola.helsingborg.se", "e-postadress", True),
    ("lookalike_domain", "anna@helsingborg.se.example.org", "e-postadress", False),
    ("private_email", "anna.andersson@example.org", "e-postadress", False),
    ("registry_number", "042-10 50 00", "telefonnummer", True),
    ("registry_number_international", "+46 42 10 50 00", "telefonnummer", True),
    ("registry_number_other_spacing", "042-104044", "telefonnummer", True),
    ("private_mobile", "070-174 06 05", "telefonnummer", False),
    ("private_mobile_compact", "0701740699", "telefonnummer", False),
    ("private_international", "+46 70 174 06 50", "telefonnummer", False),
]


@pytest.mark.parametrize("case,text,kind,allowed", CONTACT_CASES, ids=[c[0] for c in CONTACT_CASES])
def test_contacts_are_found_and_only_the_citys_are_allowed(case, text, kind, allowed):
    found = find_contacts(f"Kontakt: {text}.")
    assert [(c.kind, c.text) for c in found] == [(kind, text)]
    assert CITY.allows(found[0]) is allowed


@pytest.mark.parametrize("text", ["kl. 13.30–15.30", "2019-02-08", "Dnr 2018-000123", "0,5 procent", "252 25 Helsingborg"])
def test_times_dates_and_case_numbers_are_no_phone_numbers(text):
    assert find_contacts(text) == []


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")), ids=lambda p: p.name)
def test_the_seed_content_has_nothing_to_review(path):
    findings = scan_page(path.name, path.read_text(encoding="utf-8"), today=TODAY, city=CITY)
    assert findings.errors == [] and findings.warnings == [], findings


# Building -------------------------------------------------------------------

def page(body="Text.", extra=""):
    return f"---\ntitle: Planterad\ndate: 2019-02-08\ntype: nyhet\n{extra}---\n\n{body}\n"


PLANTED = number(OLD, 482)


def test_a_planted_personnummer_stops_the_build_with_file_and_line(small_site):
    small_site.write("nyheter/planterad.md", page(f"Första stycket.\n\nBesökaren har personnummer {PLANTED}."))
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nyheter/planterad.md:9: möjligt personnummer '18…-…'" in output, output
    assert "personal_data_exceptions" in output
    assert PLANTED not in output and PLANTED[2:] not in output, "the log must not repeat the number"
    assert not small_site.output.exists(), "a failed build must write nothing"


HIDDEN = {
    "nyheter/dold.md": page(f"Personnummer {PLANTED}.", "status: hidden\n"),
    "sidor/dold.md": f"---\ntitle: Dold\nstatus: hidden\n---\n\nPersonnummer {PLANTED}.\n",
}


@pytest.mark.parametrize("path", HIDDEN)
def test_a_hidden_page_passes_the_guard_too(small_site, path):
    # A hidden page is published at its address, only not listed: its text
    # reaches readers as any page's does (hidden articles were not scanned).
    small_site.write(path, HIDDEN[path])
    result = small_site.build()
    assert result.returncode != 0
    assert f"{path}:{HIDDEN[path].count(chr(10))}: möjligt personnummer" in result.stderr


def test_a_personnummer_in_front_matter_names_its_line(small_site):
    small_site.write("nyheter/i-sammanfattning.md", page(extra=f"summary: Gäller {PLANTED}\n"))
    result = small_site.build()
    assert result.returncode != 0
    assert "nyheter/i-sammanfattning.md:5: möjligt personnummer" in result.stdout + result.stderr


def test_a_coordination_number_is_named_as_such(small_site):
    small_site.write("nyheter/samordning.md", page(number(dt.date(1833, 7, 9), 345, "12", coordination=True)))
    result = small_site.build()
    assert "nyheter/samordning.md:7: möjligt samordningsnummer '18…'" in result.stdout + result.stderr


def test_the_same_page_with_a_documented_exception_builds(small_site):
    exception = f'personal_data_exceptions:\n  - value: "{PLANTED}"\n    reason: påhittat exempelnummer i en instruktion\n'
    small_site.write("nyheter/planterad.md", page(f"Skriv så här: {PLANTED}.", exception))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (small_site.output / "arkiv/2019/02/planterad/index.html").read_text(encoding="utf-8")
    assert PLANTED in html


def test_a_stale_personnummer_exception_is_named_without_the_number(small_site, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    exception = f'personal_data_exceptions:\n  - {{value: "{PLANTED}", reason: exempel som har tagits bort}}\n'
    small_site.write("nyheter/borttaget.md", page("Inget nummer längre.", exception))
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "borttaget.md:6: fält 'personal_data_exceptions': undantaget '18…' finns inte längre på sidan" in output
    assert PLANTED[2:] not in output


def test_an_exception_needs_a_reason(small_site):
    small_site.write("nyheter/utan-skal.md", page(extra=f'personal_data_exceptions:\n  - value: "{PLANTED}"\n'))
    result = small_site.build()
    assert result.returncode != 0
    assert "nyheter/utan-skal.md:6: fält 'personal_data_exceptions.0': 'reason' saknas" in result.stdout + result.stderr


def test_a_personnummer_in_an_attachments_file_name_stops_the_build(small_site):
    small_site.write(f"bilagor/beslut-{PLANTED}.pdf", b"%PDF-1.4\n")
    result = small_site.build()
    assert result.returncode != 0
    assert "möjligt personnummer '18…-…' i filnamnet — byt namn på filen eller mappen" in result.stdout + result.stderr


def test_the_attaching_pages_exception_covers_the_file_name(small_site):
    small_site.write(f"bilagor/exempel-{PLANTED}.pdf", b"%PDF-1.4\n")
    extra = (
        f'attachments:\n  - {{file: "bilagor/exempel-{PLANTED}.pdf", title: Exempel}}\n'
        f'personal_data_exceptions:\n  - {{value: "{PLANTED}", reason: påhittat exempelnummer}}\n'
    )
    small_site.write("nyheter/med-bilaga.md", page("Se bilagan.", extra))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_personnummer_in_a_pages_file_name_stops_the_build(small_site):
    small_site.write(f"nyheter/ansokan-{PLANTED}.md", page())
    result = small_site.build()
    assert result.returncode != 0
    assert "möjligt personnummer '18…-…' i filnamnet" in result.stdout + result.stderr


def test_other_peoples_contacts_are_named_until_the_page_is_reviewed(small_site, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # Pelican's log wraps at the terminal's width
    body = "Ring Anna på 070-174 06 05 eller skriv till anna@example.org. Stadens växel: 042-10 50 00."
    small_site.write("nyheter/kontakter.md", page(body))
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "nyheter/kontakter.md:7: telefonnummer '070-174 06 05' är inte stadens" in output
    assert "nyheter/kontakter.md:7: e-postadress 'anna@example.org' är inte stadens" in output
    assert "042-10 50 00" not in output

    small_site.write("nyheter/kontakter.md", page(body, "personal_data_reviewed: true\n"))
    result = small_site.build()
    output = result.stdout + result.stderr
    # Built, not stopped before the check ran: a failed build names nothing either.
    assert result.returncode == 0, output
    assert "inte stadens" not in output


def test_an_exception_that_is_no_longer_on_the_page_is_named(small_site, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    exception = 'personal_data_exceptions:\n  - {value: anna@example.org, reason: föreningens kontaktperson}\n'
    small_site.write("nyheter/gammalt-undantag.md", page("Ingen adress längre.", exception))
    result = small_site.build()
    assert result.returncode == 0
    assert "gammalt-undantag.md:6: fält 'personal_data_exceptions': undantaget 'anna@example.org' finns inte längre på sidan" in result.stdout + result.stderr


# LIX ----------------------------------------------------------------------------

LIX_TEXTS = [
    # (case, rendered HTML, words, sentences, long words, LIX by hand)
    (
        "easy",
        "<p>Vi ses i parken. Solen skiner och alla är glada. Ta med kaffe!</p>",
        # Words: Vi ses i parken (4) + Solen skiner och alla är glada (6) + Ta med kaffe (3) = 13.
        # Sentences: 3 (". . !"). Long words (7+ letters): none; parken, skiner have 6.
        # LIX = 13 / 3 + 100 × 0 / 13 = 4.33
        13, 3, 0, 13 / 3,
    ),
    (
        "official_with_heading_names_and_code",
        (
            "<h2>Förvaltningsövergripande samverkansöverenskommelse</h2>"
            "<p>Socialförvaltningen arbetar tillsammans med föreningslivet. "
            "Målet är en meningsfull vardag för alla invånare.</p>"
            "<ul><li>Anna Andersson</li><li>Bertil Carlsson</li></ul>"
            "<pre><code>ettlångtkodordsominteräknas</code></pre>"
        ),
        # Heading, the list of names and the code are left out.
        # Sentence 1: Socialförvaltningen(L) arbetar(L) tillsammans(L) med föreningslivet(L) = 5 words, 4 long.
        # Sentence 2: Målet är en meningsfull(L) vardag för alla invånare(L) = 8 words, 2 long.
        # LIX = 13 / 2 + 100 × 6 / 13 = 6.5 + 46.15 = 52.65
        13, 2, 6, 13 / 2 + 600 / 13,
    ),
    (
        "abbreviations_times_colon_and_a_list_of_sentences",
        (
            "<p>Mötet börjar kl. 13.30 i Rådhuset. Ta t.ex. med egna frågor: Vi svarar gärna.</p>"
            "<ol><li>Alla deltagare får skriftlig information i förväg.</li></ol>"
        ),
        # Words (13.30 is a number, t.ex is one word): Mötet börjar kl i Rådhuset(L) Ta t.ex med egna
        # frågor Vi svarar gärna = 13, 1 long; sentences: "Rådhuset." "frågor:" (before a capital)
        # "gärna." = 3 ("kl." and "t.ex." end none).
        # The list item is a sentence: Alla deltagare(L) får skriftlig(L) information(L) i förväg
        # = 7 words, 3 long, 1 sentence.
        # LIX = 20 / 4 + 100 × 4 / 20 = 5 + 20 = 25
        20, 4, 4, 25,
    ),
]


@pytest.mark.parametrize("case,html,words,sentences,long_words,value", LIX_TEXTS, ids=[t[0] for t in LIX_TEXTS])
def test_lix_matches_hand_computation(case, html, words, sentences, long_words, value):
    lix = lix_of_html(html)
    assert (lix.words, lix.sentences, lix.long_words) == (words, sentences, long_words)
    assert lix.value == pytest.approx(value)


def test_lix_labels_follow_the_scale():
    assert lix_of_html(LIX_TEXTS[0][1]).label == "mycket lätt"
    assert lix_of_html(LIX_TEXTS[1][1]).label == "svår"
    assert lix_of_html("<h1>Bara rubrik</h1>").label == "ingen text"


@dataclass
class FakePage:
    source_path: str
    title: str
    content: str


def test_the_lix_report_warns_above_the_level_and_lists_every_page():
    hard = "<p>" + " ".join(["Förvaltningsövergripande samverkansöverenskommelser utvecklas kontinuerligt."] * 10) + "</p>"
    pages = [
        FakePage(str(ROOT / "content/nyheter/latt.md"), "Lätt", "<p>" + "Vi ses i parken. " * 10 + "</p>"),
        FakePage(str(ROOT / "content/nyheter/svar.md"), "Svår", hard),
    ]
    text, count = format_lix_report(lix_rows(pages), {"SAFETY_LIX_WARN_LEVEL": 50})
    lines = text.splitlines()
    assert count == 1
    hard_line = next(line for line in lines if "content/nyheter/svar.md" in line)
    easy_line = next(line for line in lines if "content/nyheter/latt.md" in line)
    assert "VARNING: över 50" in hard_line and "VARNING" not in easy_line
    assert lines.index(hard_line) < lines.index(easy_line), "hardest first"
    text, count = format_lix_report(lix_rows(pages), {"SAFETY_LIX_WARN_LEVEL": 200})
    assert count == 0 and "VARNING" not in text
