"""js/upcoming.js in headless Chromium with a fixed clock: events that have
ended by the reader's clock leave "Kommande händelser" without a rebuild;
without JavaScript the build-time state shows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from browser_tools import serve_folder
from sitebuild import FIXTURES, pelican_build, readable

pytestmark = pytest.mark.browser

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BREAKFAST = "arkiv/2019/02/forskningsfrukost-om-samverkan-med-foreningar/"
GUG_21_JANUARY = "Gemensam utvecklingsgrupp 21 januari om stöd till föräldrar med placerade barn"
BREAKFAST_TITLE = "Välkommen till forskningsfrukost om samverkan med föreningar"


@pytest.fixture(scope="module")
def january_site(tmp_path_factory):
    """The seed archive (tests/fixtures/seed/, not content/: these pages are
    named) as built on 20 January 2019, when the 21 January meeting, the
    research breakfast and most self-help meetings were ahead."""
    output = tmp_path_factory.mktemp("built-2019-01-20")
    seed = FIXTURES / "seed" / "content"
    result = pelican_build(output, content=seed, cwd=seed.parent, extra=("-e", 'ARCHIVE_BUILD_DATE="2019-01-20T12:00:00+01:00"'))
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(output)
    yield url
    server.shutdown()


def titles(page, selector):
    return [readable(text) for text in page.locator(f"{selector} li[data-la-event-end] .la-event-list__title").all_inner_texts()]


def open_at(browser, url, now=None, javascript=True):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", java_script_enabled=javascript)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A script that fails to load is no page error, yet nothing of it runs.
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    if now is not None:
        page.clock.set_fixed_time(now)
    page.goto(url)
    return page, errors


def test_without_javascript_the_build_time_state_shows(browser, january_site):
    page, _ = open_at(browser, january_site + "kalender/", javascript=False)
    upcoming = titles(page, ".la-calendar__upcoming")
    assert upcoming[:2] == [GUG_21_JANUARY, "Inbjudan till självhjälpsgrupp för anhöriga"]
    assert BREAKFAST_TITLE in upcoming
    page.context.close()


def test_ended_events_leave_upcoming_by_the_readers_clock(browser, january_site):
    now = dt.datetime(2019, 2, 9, 12, 0, tzinfo=STOCKHOLM)
    page, errors = open_at(browser, january_site + "kalender/", now)
    upcoming = titles(page, ".la-calendar__upcoming")
    assert GUG_21_JANUARY not in upcoming and BREAKFAST_TITLE not in upcoming
    # The self-help group's 27 February meeting is still ahead; its January one is not.
    ends = page.locator(".la-calendar__upcoming li[data-la-event-end]").evaluate_all(
        "items => items.map(item => item.getAttribute('data-la-event-end'))")
    assert ends and all(dt.datetime.fromisoformat(end) > now for end in ends)
    past_2019 = page.locator('[data-la-past-year="2019"]')
    assert past_2019.locator("> h3").inner_text() == "2019"
    moved = titles(page, '[data-la-past-year="2019"]')
    # Newest first, and titles now sit one level below the year heading.
    assert moved[:2] == [BREAKFAST_TITLE, "Inbjudan till självhjälpsgrupp för anhöriga"]
    assert GUG_21_JANUARY in moved
    assert page.locator('[data-la-past-year="2019"] h4.la-event-list__title').count() == len(moved)
    assert errors == []
    page.context.close()


def test_when_everything_has_ended_the_front_page_opens_with_the_past(browser, january_site):
    """The front page never opens with an empty section: once nothing in
    "Kommande händelser" is ahead by the reader's clock, it is hidden."""
    page, errors = open_at(browser, january_site, dt.datetime(2023, 1, 1, tzinfo=STOCKHOLM))
    assert titles(page, "[data-la-upcoming]") == []
    assert not page.locator(".la-front-events__upcoming").is_visible()
    assert page.locator("main h2:visible").first.inner_text() == "Tidigare händelser"
    past = titles(page, "[data-la-past]")
    assert len(past) == 3  # the front page keeps its length
    assert errors == []
    page.context.close()


def test_event_page_says_it_has_taken_place(browser, january_site):
    before, _ = open_at(browser, january_site + BREAKFAST, dt.datetime(2019, 2, 8, 9, 0, tzinfo=STOCKHOLM))
    assert not before.locator("[data-la-ended-notice]").is_visible()
    before.context.close()
    after, errors = open_at(browser, january_site + BREAKFAST, dt.datetime(2019, 2, 8, 10, 1, tzinfo=STOCKHOLM))
    # The notice is in the page, hidden, from the build: its text alone says
    # nothing about the script; it must be shown.
    notice = after.locator("[data-la-ended-notice]")
    assert notice.is_visible(), "the ended notice stays hidden"
    assert notice.inner_text() == "Händelsen har redan ägt rum."
    assert errors == []
    after.context.close()


def test_real_site_keeps_past_events_out_of_upcoming(browser, served_site):
    """A reader long after every event of the archive sees none of them as
    upcoming, the years of past events newest first, and the script runs
    cleanly (whatever events the archive holds)."""
    page, errors = open_at(browser, served_site + "kalender/", dt.datetime(2100, 1, 1, tzinfo=STOCKHOLM))
    assert titles(page, ".la-calendar__upcoming") == []
    assert page.locator(".la-calendar__upcoming [data-la-event-list-empty]").inner_text() == "Inga kommande händelser."
    years = page.locator(".la-calendar__year > h3").all_inner_texts()
    assert years and years == sorted(set(years), reverse=True)
    assert page.evaluate("document.querySelectorAll('script[src*=\"upcoming\"]').length") == 1
    assert errors == []  # with nothing left to move, the script's own failures show only here
    page.context.close()


def test_upcoming_list_without_a_past_list_drops_ended_items(browser, january_site):
    """Series pages show only "Kommande" (no past list beside it)."""
    url = january_site + "serie/gemensam-utvecklingsgrupp/"
    now = dt.datetime(2019, 1, 21, 16, 0, tzinfo=STOCKHOLM)
    ends_of = "items => items.map(item => item.getAttribute('data-la-event-end'))"
    page, _ = open_at(browser, url, javascript=False)
    assert GUG_21_JANUARY in titles(page, "[data-la-upcoming]")
    built = page.locator("[data-la-upcoming] li[data-la-event-end]").evaluate_all(ends_of)
    page.context.close()
    page, errors = open_at(browser, url, now)
    remaining = titles(page, "[data-la-upcoming]")
    assert GUG_21_JANUARY not in remaining
    ends = page.locator("[data-la-upcoming] li[data-la-event-end]").evaluate_all(ends_of)
    # Exactly the items still ahead stay: dropping every item must fail too.
    ahead = [end for end in built if dt.datetime.fromisoformat(end) > now]
    assert ahead, "the series has no later meeting: nothing to keep"
    assert ends == ahead
    assert errors == []
    page.context.close()


def test_administration_page_drops_what_has_ended(browser, january_site):
    """An administration's "Kommande händelser" has no past list beside it:
    what has ended by the reader's clock leaves it, and once nothing is left
    the page says so instead of listing old meetings as coming."""
    url = january_site + "forvaltning/vof/"
    ends_of = "items => items.map(item => item.getAttribute('data-la-event-end'))"
    upcoming = "#kommande-rubrik + [data-la-upcoming]"
    page, _ = open_at(browser, url, javascript=False)
    built = page.locator(f"{upcoming} li[data-la-event-end]").evaluate_all(ends_of)
    page.context.close()
    now = dt.datetime(2019, 2, 28, 12, 0, tzinfo=STOCKHOLM)
    ahead = [end for end in built if dt.datetime.fromisoformat(end) > now]
    assert ahead and len(ahead) < len(built), "the clock must fall between the built meetings"
    page, errors = open_at(browser, url, now)
    assert page.locator(f"{upcoming} li[data-la-event-end]").evaluate_all(ends_of) == ahead
    assert not page.locator(f"{upcoming} [data-la-event-list-empty]").is_visible()
    assert errors == []
    page.context.close()
    page, errors = open_at(browser, url, dt.datetime(2023, 1, 1, tzinfo=STOCKHOLM))
    assert page.locator(f"{upcoming} li[data-la-event-end]").count() == 0
    assert page.locator(f"{upcoming} [data-la-event-list-empty]").inner_text() == "Inga kommande händelser just nu."
    assert page.locator(f"{upcoming} [data-la-event-list-empty]").is_visible()
    assert errors == []
    page.context.close()
