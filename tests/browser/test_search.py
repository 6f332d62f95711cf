"""Search in a real browser: the built site served on localhost, queries typed
into /sok/ in headless Chromium against the real Pagefind index.

Every expectation is derived from the built pages themselves (their text,
their facts, their dates), never from a list of known answers.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from browser_tools import serve_folder
from sitebuild import ROOT, readable

sys.path.insert(0, str(ROOT / "plugins"))
from archive_search.settings import DEFAULTS

EXCLUDED = ", ".join(DEFAULTS["SEARCH_EXCLUDE_SELECTORS"])

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

RESULTS = "[data-la-search-results]"
STATUS = "[data-la-search-status]"


def wait_for_results(tab):
    """Wait until the running search has rendered (aria-busy back to false)."""
    expect(tab.locator(f"{RESULTS}[aria-busy=false]")).to_have_count(1, timeout=15000)


def open_search(tab, base, query=""):
    tab.goto(base + "sok/" + (f"?{query}" if query else ""))
    wait_for_results(tab)


def submit(tab, term):
    tab.fill("#la-search-q", term)
    tab.press("#la-search-q", "Enter")
    wait_for_results(tab)


def shown_results(tab):
    """Every rendered result: url path, title, ISO date, type, administrations."""
    more = tab.locator("[data-la-search-more]")
    while more.is_visible():
        before = tab.locator(".la-search-result").count()
        more.click()
        expect(tab.locator(".la-search-result")).not_to_have_count(before)
    return tab.eval_on_selector_all(
        ".la-search-result",
        """items => items.map(item => ({
            url: new URL(item.querySelector('a').href).pathname,
            title: item.querySelector('h3').textContent.replace(/\u00ad/g, ''),
            date: item.querySelector('time') ? item.querySelector('time').getAttribute('datetime') : null,
            type: (item.querySelector('.la-search-result__type') || {}).textContent || null,
            administrations: ((item.querySelector('.la-search-result__administrations') || {}).textContent || '')
                .split(', ').filter(Boolean),
            marks: [...item.querySelectorAll('mark')].map(m => m.textContent.replace(/\u00ad/g, '').toLowerCase()),
        }))""",
    )


def status_count(tab):
    """The number of results the live region announces."""
    text = tab.locator(STATUS).text_content()
    if text.startswith("Inga träffar"):
        return 0
    # "7 träffar för …", "Visar 20 av 34 träffar." once more are shown, or,
    # after Pagefind's shorter-word fallback, "Inga sidor innehåller ”x”.
    # 6 sidor har ord som börjar likadant …"
    match = (
        re.match(r"(\d+) träff", text)
        or re.match(r"Visar \d+ av (\d+) träff", text)
        or re.search(r"”\. (\d+) sid", text)
    )
    assert match, text
    return int(match.group(1))


def page_text(site, url):
    """The indexed text of a built page: its main content without the parts
    the plugin excludes (fact list, notices, series navigation)."""
    main = site.soup(url).select_one("main[data-pagefind-body]")
    assert main is not None, f"{url} is a result but not an indexed page"
    for excluded in main.select(EXCLUDED):
        excluded.decompose()
    return main.get_text(" ", strip=True).lower()


def page_filters(site, url):
    found = {}
    for tag in site.soup(url).select("meta[data-pagefind-filter]"):
        found.setdefault(tag["data-pagefind-filter"].removesuffix("[content]"), []).append(tag["content"])
    return found


def indexed_urls(site):
    urls = []
    for path in site.html_files():
        relative = "/" + path.relative_to(site.root).as_posix()
        url = relative.removesuffix("index.html")
        if site.soup(url).select_one("main[data-pagefind-body]"):
            urls.append(url)
    return urls


def test_swedish_stemming_finds_other_forms_of_the_word(page, served_site, site):
    open_search(page, served_site, "q=föreningarna")
    results = shown_results(page)
    assert results and status_count(page) == len(results)
    # Pages that say "förening" or "föreningar" but never "föreningarna".
    other_forms = [
        r for r in results
        if "föreningarna" not in page_text(site, r["url"])
        and re.search(r"\bförening(ar|en)?\b", page_text(site, r["url"]))
    ]
    assert other_forms, [r["url"] for r in results]
    highlighted = {mark for r in results for mark in r["marks"]}
    assert any(mark.startswith("förening") for mark in highlighted), highlighted


def test_words_typed_without_diacritics_find_the_same_pages(page, served_site):
    open_search(page, served_site, "q=förening")
    exact = {r["url"] for r in shown_results(page)}
    submit(page, "forening")
    folded = shown_results(page)
    assert exact and {r["url"] for r in folded} == exact


def test_topics_and_their_aliases_find_their_pages(page, served_site, site):
    """Snowball cannot join "ensam" and "ensamhet", and no stemmer joins
    "civilsamhälle" and "föreningsliv": the topic words in the index do."""
    tagged = {
        topic: {url for url in indexed_urls(site) if topic in page_filters(site, url).get("amne", [])}
        for topic in ("ofrivillig ensamhet", "föreningsliv")
    }
    for query, topic in [("ensamhet", "ofrivillig ensamhet"), ("civilsamhälle", "föreningsliv")]:
        open_search(page, served_site, f"q={query}")
        found = {r["url"] for r in shown_results(page)}
        assert tagged[topic] and tagged[topic] <= found, (query, tagged[topic] - found)


def test_each_result_shows_title_date_type_and_administrations_of_its_page(page, served_site, site):
    open_search(page, served_site, "q=samverkan")
    results = shown_results(page)
    # The list starts out not busy: without this a search that never ran
    # (no script, a script error) would show nothing and check nothing.
    assert results, "no results shown for 'samverkan'"
    for result in results:
        soup = site.soup(result["url"])
        assert result["title"] == soup.h1.get_text(strip=True)
        filters = page_filters(site, result["url"])
        assert [result["type"]] == filters["typ"]
        assert result["administrations"] == filters.get("forvaltning", [])
        sort_date = soup.select_one("meta[data-pagefind-sort]")["content"]
        assert result["date"] == (None if sort_date.startswith("0000") else sort_date)


def check_filter(tab, key, value):
    group = tab.locator(f"[data-la-search-group={key}]")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    group.get_by_label(value, exact=False).first.check()
    wait_for_results(tab)


def option_count(tab, key, value):
    option = tab.locator(f"[data-la-search-group={key}] .la-search__option").filter(
        has=tab.locator(f"input[value='{value}']")
    )
    return int(option.locator("[data-la-search-count]").text_content().strip("()"))


def test_filter_by_administration(page, served_site):
    admin = "Socialförvaltningen"
    open_search(page, served_site, "q=samverkan")
    unfiltered = shown_results(page)
    expected = {r["url"] for r in unfiltered if admin in r["administrations"]}
    assert expected and len(expected) < len(unfiltered), "the query must have pages of other administrations"
    assert option_count(page, "forvaltning", admin) == len(expected)
    check_filter(page, "forvaltning", admin)
    filtered = shown_results(page)
    assert {r["url"] for r in filtered} == expected
    assert "med 1 filter" in page.locator(STATUS).text_content()
    assert parse_qs(urlparse(page.url).query)["forvaltning"] == [admin]
    # Within a group values add up (SOF or another): the other values keep
    # the counts they have for the query alone, and checking one widens.
    other = next(a for r in unfiltered for a in r["administrations"] if a != admin)
    with_other = {r["url"] for r in unfiltered if other in r["administrations"]}
    assert option_count(page, "forvaltning", other) == len(with_other)
    check_filter(page, "forvaltning", other)
    assert {r["url"] for r in shown_results(page)} == expected | with_other


@pytest.mark.parametrize("query", ["samverkan", "ensamhet", "förening"])
def test_filter_counts_follow_the_query(page, served_site, query):
    open_search(page, served_site, f"q={query}")
    results = shown_results(page)
    assert results, f"no results shown for {query!r}"
    for key, facts in [("forvaltning", "administrations"), ("typ", "type")]:
        values = page.eval_on_selector_all(f"[data-la-search-group={key}] input", "boxes => boxes.map(b => b.value)")
        assert values, f"no {key} filter on the search page: no count to check"
        for value in values:
            expected = sum(1 for r in results if value in (r[facts] if key == "forvaltning" else [r[facts]]))
            assert option_count(page, key, value) == expected, (query, key, value)


def test_sort_by_date_newest_and_oldest(page, served_site):
    open_search(page, served_site, "q=samverkan")
    relevance = shown_results(page)
    page.select_option("#la-search-sort", "nyast")
    wait_for_results(page)
    newest = shown_results(page)
    page.select_option("#la-search-sort", "aldst")
    wait_for_results(page)
    oldest = shown_results(page)
    assert {r["url"] for r in newest} == {r["url"] for r in oldest} == {r["url"] for r in relevance}
    dates = [r["date"] or "0000-00-00" for r in newest]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    assert [r["date"] or "0000-00-00" for r in oldest] == sorted(dates)
    assert parse_qs(urlparse(page.url).query)["sortera"] == ["aldst"]


def test_header_form_deep_links_and_the_page_runs_the_query(page, served_site, site):
    page.goto(served_site)
    page.fill("#la-header-search-q", "föreningsbidrag")
    page.press("#la-header-search-q", "Enter")
    page.wait_for_url(re.compile(r"/sok/\?q="))
    wait_for_results(page)
    assert page.input_value("#la-search-q") == "föreningsbidrag"
    results = shown_results(page)
    assert results
    assert all("föreningsbidrag" in page_text(site, r["url"]) for r in results)
    assert page.title().startswith("”föreningsbidrag”")


def test_works_under_a_sub_path_with_relative_urls(page, site):
    server, base = serve_folder(site.root, prefix="/lararkiv")
    try:
        open_search(page, base, "q=förening")
        results = shown_results(page)
        assert results and all(r["url"].startswith("/lararkiv/") for r in results)
        page.click(".la-search-result a")
        page.wait_for_url(re.compile(r"/lararkiv/(arkiv|om|tillganglighet)/"))
        assert readable(page.locator("h1").text_content()).strip() == results[0]["title"]
    finally:
        server.shutdown()


def test_without_javascript_the_page_explains_and_offers_the_listings(browser, served_site):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    tab = context.new_page()
    try:
        tab.goto(served_site)
        tab.fill("#la-header-search-q", "förening")
        tab.press("#la-header-search-q", "Enter")
        tab.wait_for_url(re.compile(r"/sok/\?q=f"))
        expect(tab.locator(".la-search__fallback")).to_be_visible()
        expect(tab.locator(".la-search__fallback")).to_contain_text("JavaScript")
        expect(tab.locator(".la-search__form")).to_be_hidden()
        links = tab.locator(".la-search__fallback a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        for target in ("arkiv/", "amne/", "forvaltning/"):
            href = next((h for h in hrefs if h.endswith(target)), None)
            assert href, f"no link to {target} among {hrefs}"
            # Follow the link itself (resolved like the browser would), not a
            # URL built from the target: a wrong href must fail here.
            url = urljoin(tab.url, href)
            assert url == served_site + target, (href, url)
            response = tab.goto(url)
            assert response.status == 200, href
            tab.go_back()
    finally:
        context.close()


def folded(text):
    return unicodedata.normalize("NFD", text.lower()).encode("ascii", "ignore").decode()


def words(element):
    return {w.lower() for w in re.findall(r"\w{6,}", element.get_text(" "))}


@pytest.mark.parametrize("part", ["navigation, header and footer", "excluded parts of content pages"])
def test_words_outside_the_indexed_text_find_nothing(page, served_site, site, part):
    urls = indexed_urls(site)
    indexed = set()
    for url in urls:
        indexed |= {folded(w) for w in re.findall(r"\w+", page_text(site, url))}
        for tag in site.soup(url).select("meta[data-pagefind-meta]"):
            indexed |= {folded(w) for w in re.findall(r"\w+", tag["content"])}
    candidates = set()
    if part == "navigation, header and footer":
        for element in site.soup("").select("header, nav, footer, .la-skip-link"):
            candidates |= words(element)
    else:
        for url in urls:
            for element in site.soup(url).select(f"main[data-pagefind-body] :is({EXCLUDED})"):
                candidates |= words(element)
    # Words no indexed word begins like (Pagefind matches stems and prefixes).
    absent = sorted(w for w in candidates if not any(i.startswith(folded(w)[:4]) for i in indexed))
    assert absent, f"every word of the {part} also occurs in content: nothing to check"
    for word in absent[:4]:
        open_search(page, served_site, f"q={word}")
        # Pagefind falls back to a shorter beginning of an unknown word
        # ("serien" → "ser"); the page says so, and no hit is the word itself.
        assert page.locator(STATUS).text_content().startswith("Inga"), word
        marks = [folded(m) for r in shown_results(page) for m in r["marks"]]
        assert not any(m.startswith(folded(word)[:4]) for m in marks), (word, marks)


def test_results_count_is_announced_and_more_results_take_focus(page, served_site):
    status = page.locator(STATUS)
    open_search(page, served_site, "q=och")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    total = status_count(page)
    assert total > 10, "a common word must give more than one page of results"
    assert page.locator(".la-search-result").count() == 10
    page.locator("[data-la-search-more]").click()
    expect(page.locator(".la-search-result")).to_have_count(min(20, total))
    focused = page.evaluate("document.activeElement.closest('.la-search-result') !== null")
    assert focused
    assert page.evaluate("document.activeElement.href") == page.locator(".la-search-result a").nth(10).evaluate("a => a.href")
    expect(status).to_contain_text(f"av {total} träffar")


def focus_style(tab):
    return tab.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return {id: e.id, tag: e.tagName, outline: s.outlineStyle, shadow: s.boxShadow}; })()"
    )


def tab_until(tab, predicate, limit=60):
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if predicate(focus_style(tab)):
            return focus_style(tab)
    raise AssertionError("never reached by Tab")


def test_keyboard_only_search_filter_and_open_a_result(page, served_site):
    page.goto(served_site + "sok/")
    field = tab_until(page, lambda f: f["id"] == "la-search-q")
    assert field["outline"] != "none"
    page.keyboard.type("samverkan")
    page.keyboard.press("Enter")
    wait_for_results(page)
    before = status_count(page)
    summary = tab_until(page, lambda f: f["tag"] == "SUMMARY")
    assert summary["outline"] != "none" or summary["shadow"] != "none"
    page.keyboard.press("Enter")  # opens the first filter group
    box = tab_until(page, lambda f: f["tag"] == "INPUT" and f["id"].startswith("la-filter-"))
    assert box["outline"] != "none"
    page.keyboard.press("Space")
    wait_for_results(page)
    assert "med 1 filter" in page.locator(STATUS).text_content()
    assert status_count(page) <= before
    tab_until(page, lambda f: f["tag"] == "A")
    while page.evaluate("document.activeElement.closest('.la-search-result') === null"):
        tab_until(page, lambda f: f["tag"] == "A")
    title = readable(page.evaluate("document.activeElement.textContent"))
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert readable(page.locator("h1").text_content()).strip() == title


LAYOUT_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_loading_a_search_shifts_no_layout(browser, served_site, viewport):
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    tab = context.new_page()
    try:
        tab.add_init_script(LAYOUT_SHIFTS)
        open_search(tab, served_site, "q=samverkan")
        expect(tab.locator(".la-search-result").first).to_be_visible()
        assert tab.evaluate("window.__layoutShift") == 0
    finally:
        context.close()


def test_a_term_sent_with_enter_while_typing_is_searched_once(page, served_site):
    """Typing searches after a pause; Enter sends at once. The pending typing
    search must not run after it, or the results are rendered (and announced
    to a screen reader) twice, under a keyboard user already moving on."""
    open_search(page, served_site)
    page.evaluate(
        "window.__searches = 0; new MutationObserver(() => {"
        " if (document.querySelector('[data-la-search-results]').getAttribute('aria-busy') === 'true')"
        " window.__searches += 1; }).observe(document.querySelector('[data-la-search-results]'),"
        " {attributes: true, attributeFilter: ['aria-busy']});"
    )
    page.focus("#la-search-q")
    page.keyboard.type("samverkan")
    page.keyboard.press("Enter")
    wait_for_results(page)
    page.wait_for_timeout(800)  # past the 300 ms pause after typing
    assert page.evaluate("window.__searches") == 1
    assert status_count(page) > 0
