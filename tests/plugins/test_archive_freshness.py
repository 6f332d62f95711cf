"""Honest dates: "last updated" is the date of the newest commit that changed
a page after it entered the archive (or the front-matter `updated` field),
and old pages of types that can go stale say so, with the date."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from sitebuild import FIXTURES, ROOT, read_page

sys.path.insert(0, str(ROOT / "plugins"))
from archive_freshness.git_history import parse_log, read_ignored_commits

ATOM = "{http://www.w3.org/2005/Atom}"
NEWS = "nyheter/en-giltig-nyhet.md"
NEWS_URL = "arkiv/2019/01/en-giltig-nyhet/index.html"


def git(project, *args, date):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Redaktör",
        "GIT_AUTHOR_EMAIL": "redaktor@example.org",
        "GIT_COMMITTER_NAME": "Redaktör",
        "GIT_COMMITTER_EMAIL": "redaktor@example.org",
        # The author date differs on purpose: the committer date is the one used.
        "GIT_AUTHOR_DATE": "2018-01-01T00:00:00+01:00",
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", "-C", str(project), *args], check=True, env=env, capture_output=True)


def commit_all(small_site, message, date):
    project = small_site.content.parent
    git(project, "add", "-A", date=date)
    git(project, "commit", "-q", "-m", message, date=date)


def meta_rows(html_path):
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    rows = {}
    for row in soup.select(".la-meta__row"):
        time = row.find("time")
        rows[row.dt.get_text(strip=True)] = time["datetime"] if time else None
    return rows


@pytest.fixture
def repository(small_site):
    subprocess.run(["git", "init", "-q", str(small_site.content.parent)], check=True)
    commit_all(small_site, "Sidorna flyttas in", "2019-01-20T10:00:00+01:00")
    return small_site


def test_last_updated_is_the_date_of_the_commit_that_changed_the_file(repository):
    path = repository.content / NEWS
    path.write_text(path.read_text(encoding="utf-8") + "\nEtt tillägg.\n", encoding="utf-8")
    commit_all(repository, "Tillägg", "2021-03-04T23:30:00+00:00")  # 5 March in Stockholm
    result = repository.build()
    assert result.returncode == 0, result.stdout + result.stderr
    rows = meta_rows(repository.output / NEWS_URL)
    assert rows["Publicerad"] == "2019-01-15"
    assert rows["Senast uppdaterad"] == "2021-03-05"
    feed = ET.parse(repository.output / "feeds/alla.atom.xml")
    entry = next(
        e
        for e in feed.iter(f"{ATOM}entry")
        if "en-giltig-nyhet" in e.find(f"{ATOM}link").get("href")
    )
    assert entry.find(f"{ATOM}updated").text.startswith("2021-03-05T00:30:00+01:00")


def test_the_commit_that_added_a_page_is_no_update(repository):
    result = repository.build()
    assert result.returncode == 0, result.stdout + result.stderr
    rows = meta_rows(repository.output / NEWS_URL)
    assert "Senast uppdaterad" not in rows, "entering the archive is not a change"


def test_without_git_history_the_front_matter_updated_is_shown(small_site):
    path = small_site.content / NEWS
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "type: nyhet\n", "type: nyhet\nupdated: 2020-05-01\n"
        ),
        encoding="utf-8",
    )
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    rows = meta_rows(small_site.output / NEWS_URL)
    assert rows["Senast uppdaterad"] == "2020-05-01"


@pytest.mark.parametrize(
    "updated,commit_date,shown",
    [
        (
            "2022-06-01",
            "2021-03-04T10:00:00+01:00",
            "2022-06-01",
        ),  # the editor's later statement wins
        ("2020-05-01", "2021-03-04T10:00:00+01:00", "2021-03-04"),  # a later change wins
        ("2019-01-15", "2019-01-15T18:00:00+01:00", None),  # same day as published: no row
    ],
)
def test_the_later_of_updated_and_the_last_commit_is_shown(repository, updated, commit_date, shown):
    path = repository.content / NEWS
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "type: nyhet\n", f"type: nyhet\nupdated: {updated}\n"
        ),
        encoding="utf-8",
    )
    commit_all(repository, "Ändring", commit_date)
    result = repository.build()
    assert result.returncode == 0, result.stdout + result.stderr
    rows = meta_rows(repository.output / NEWS_URL)
    assert rows.get("Senast uppdaterad") == shown


INVITATION = "---\ntitle: Inbjudan\ndate: {date}\ntype: {type}\n{extra}---\n\nVälkommen!\n"


def notice(html_path):
    soup = BeautifulSoup(read_page(html_path), "html.parser")
    return soup.select_one(".la-outdated")


def test_an_old_invitation_shows_the_outdated_notice_with_its_date(small_site):
    small_site.write(
        "inbjudningar/gammal.md", INVITATION.format(date="2019-02-01", type="inbjudan", extra="")
    )
    small_site.write(
        "inbjudningar/ny.md", INVITATION.format(date="2025-02-01", type="inbjudan", extra="")
    )
    small_site.write(
        "utmaningar/gammal-utmaning.md",
        INVITATION.format(date="2019-02-01", type="utmaning", extra=""),
    )
    small_site.write(
        "inbjudningar/uppdaterad.md",
        INVITATION.format(date="2019-02-01", type="inbjudan", extra="updated: 2024-06-10\n"),
    )
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    old = notice(small_site.output / "arkiv/2019/02/gammal/index.html")
    assert old is not None and old.get("role") == "note"
    assert "Informationen kan vara inaktuell" in old.get_text()
    assert old.time["datetime"] == "2019-02-01" and "publicerades" in old.get_text()
    assert "Välkommen!" in (small_site.output / "arkiv/2019/02/gammal/index.html").read_text(
        encoding="utf-8"
    )
    assert notice(small_site.output / "arkiv/2025/02/ny/index.html") is None, (
        "under three years old"
    )
    assert notice(small_site.output / "arkiv/2019/02/gammal-utmaning/index.html") is None, (
        "challenges do not go stale"
    )
    assert notice(small_site.output / "arkiv/2019/02/uppdaterad/index.html") is None, (
        "updated 2024: under three years"
    )


def test_the_age_is_a_setting(small_site):
    small_site.write(
        "inbjudningar/gammal.md", INVITATION.format(date="2019-02-01", type="inbjudan", extra="")
    )
    result = small_site.build("-e", "FRESHNESS_STALE_AFTER_YEARS=10")
    assert result.returncode == 0, result.stdout + result.stderr
    assert notice(small_site.output / "arkiv/2019/02/gammal/index.html") is None


def test_the_seed_invitation_is_marked_outdated_by_the_pinned_build_date(small_site):
    # The seed's page (tests/fixtures/seed/), not content/'s: it is named.
    name = "inbjudan-till-sjalvhjalpsgrupp-for-anhoriga"
    small_site.write(f"inbjudningar/{name}.md", (FIXTURES / "seed" / "content" / "inbjudningar" / f"{name}.md").read_text(encoding="utf-8"))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((small_site.output / f"arkiv/2018/12/{name}/index.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one(".la-outdated")
    assert box is not None and box.time["datetime"] == "2018-12-19"


def test_git_log_is_read_newest_first_and_first_commits_are_dropped():
    log = (
        "\x1eccc333 2021-05-06T10:00:00+02:00\0\nsub/å b.md\0"
        "\x1ebbb222 2020-02-01T10:00:00+01:00\0\nsub/å b.md\0x.md\0"
        "\x1eaaa111 2020-01-01T10:00:00+01:00\0\nsub/å b.md\0y.md\0"
    )
    changes = parse_log(log)
    assert set(changes) == {"sub/å b.md"}
    assert changes["sub/å b.md"].isoformat() == "2021-05-06T10:00:00+02:00"


def test_ignored_commits_are_no_updates_and_the_newest_counting_one_is_shown():
    log = (
        "\x1eccc333 2021-05-06T10:00:00+02:00\0\na.md\0b.md\0"
        "\x1ebbb222 2020-02-01T10:00:00+01:00\0\na.md\0"
        "\x1eaaa111 2020-01-01T10:00:00+01:00\0\na.md\0b.md\0"
    )
    changes = parse_log(log, ignored=("ccc3",))
    assert changes["a.md"].isoformat() == "2020-02-01T10:00:00+01:00"
    assert "b.md" not in changes, "its only change after it was added is ignored"
    # Ignoring the commit that added a file does not make its next commit the entry.
    assert parse_log(log, ignored=("aaa111",))["a.md"].isoformat() == "2021-05-06T10:00:00+02:00"


def test_the_ignore_file_takes_commit_names_and_names_a_bad_line(tmp_path, caplog):
    listed = tmp_path / ".git-blame-ignore-revs"
    listed.write_text(
        "# flytten från den gamla webbplatsen\n"
        "3561beb2bd220c7b3140a73cee504cbb755b994f\n\n"
        "E41E587A  # events\n"
        "inte-en-commit\n",
        encoding="utf-8",
    )
    assert read_ignored_commits(listed) == ("3561beb2bd220c7b3140a73cee504cbb755b994f", "e41e587a")
    assert f"{listed}:5: 'inte-en-commit' är inget commit-namn" in caplog.text
    assert read_ignored_commits(tmp_path / "saknas") == ()


def test_a_commit_in_git_blame_ignore_revs_is_no_update(repository):
    path = repository.content / NEWS
    path.write_text(path.read_text(encoding="utf-8") + "\nEtt tillägg.\n", encoding="utf-8")
    commit_all(repository, "Tillägg", "2020-06-01T10:00:00+02:00")
    path.write_text(path.read_text(encoding="utf-8").replace("Ett tillägg.", "Ett tillägg!"), encoding="utf-8")
    commit_all(repository, "Flytt till innehållsmodellen", "2021-03-04T10:00:00+01:00")
    project = repository.content.parent
    bulk = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    (project / ".git-blame-ignore-revs").write_text(f"# flytten\n{bulk}\n", encoding="utf-8")
    result = repository.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert meta_rows(repository.output / NEWS_URL)["Senast uppdaterad"] == "2020-06-01"
