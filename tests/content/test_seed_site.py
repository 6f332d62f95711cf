"""The real content builds and says what it should: every seed item has its
page with the right title, type and Swedish date, and the listings lead to it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

# (URL, title, type label, published date as shown)
SEED_PAGES = [
    ("arkiv/2019/02/forskningsfrukost-om-samverkan-med-foreningar/", "Välkommen till forskningsfrukost om samverkan med föreningar", "Forskningsfrukost", "fredag 1 februari 2019"),
    ("arkiv/2019/01/gemensam-utvecklingsgrupp-21-januari-om-stod-till-foraldrar-med-placerade-barn/", "Gemensam utvecklingsgrupp 21 januari om stöd till föräldrar med placerade barn", "Inbjudan", "måndag 14 januari 2019"),
    ("arkiv/2018/12/inbjudan-till-sjalvhjalpsgrupp-for-anhoriga/", "Inbjudan till självhjälpsgrupp för anhöriga", "Inbjudan", "onsdag 19 december 2018"),
    ("arkiv/2018/12/gemensam-utvecklingsgrupp-2018-12-10/", "Gemensam utvecklingsgrupp träffades den 10 december och pratade om diskriminering", "Mötesanteckningar", "måndag 17 december 2018"),
    ("arkiv/2018/12/tjanstedesigner-med-logik-i-verktygsladan/", "Tjänstedesigner med logik i verktygslådan", "Nyhet", "fredag 14 december 2018"),
    ("arkiv/2018/12/ideslussens-bootcamp-hos-socialforvaltningen-resultat-och-fortsattning/", "Idéslussens Bootcamp hos socialförvaltningen – resultat och fortsättning", "Rapport", "torsdag 13 december 2018"),
    ("arkiv/2018/12/att-vilja-vidare-till-ett-meningsfullt-liv/", "Att vilja vidare till ett meningsfullt liv", "Nyhet", "onsdag 12 december 2018"),
    ("arkiv/2018/12/kartlaggning-av-aktivitetsbehov-hos-utsatta-grupper/", "Kartläggning av aktivitetsbehov hos utsatta grupper", "Projekt", "tisdag 11 december 2018"),
    ("arkiv/2018/12/gemensam-utvecklingsgrupp-10-december-om-plan-for-lika-mojligheter/", "Välkommen till Gemensam utvecklingsgrupp 10 december om Plan för lika möjligheter", "Inbjudan", "måndag 3 december 2018"),
    ("arkiv/2022/03/gemensam-utvecklingsgrupp-2022-03-21/", "Gemensam utvecklingsgrupp 21 mars 2022", "Mötesanteckningar", "måndag 21 mars 2022"),
    ("arkiv/2019/01/sopacts-behovsdrivna-larprocess/", "Sopacts behovsdrivna lärprocess", "Projekt", "tisdag 1 januari 2019"),
    ("arkiv/2019/04/tva-kreativa-dagar-pa-pixlapiren/", "Två kreativa dagar på Pixlapiren", "Inbjudan", "måndag 15 april 2019"),
    ("arkiv/2019/04/de-fyra-forvaltningarnas-behov/", "De fyra förvaltningarnas behov", "Utmaning", "måndag 1 april 2019"),
    ("arkiv/2019/04/amf-organisera-sig-kring-behov-och-mojligheter/", "Arbetsmarknadsförvaltningens utmaning: organisera sig kring behov och möjligheter", "Utmaning", "måndag 1 april 2019"),
    ("arkiv/2019/04/sff-tryckeriet-en-plats-for-samskapande/", "Skol- och fritidsförvaltningens utmaning: Tryckeriet – en plats för samskapande", "Utmaning", "måndag 1 april 2019"),
    ("arkiv/2019/04/sof-en-meningsfull-vardag/", "Socialförvaltningens utmaning: en meningsfull vardag", "Utmaning", "måndag 1 april 2019"),
    ("arkiv/2019/04/vof-forebygga-ofrivillig-ensamhet/", "Vård- och omsorgsförvaltningens utmaning: förebygga ofrivillig ensamhet", "Utmaning", "måndag 1 april 2019"),
]
OCR_DAMAGE = ["fran ", "socialférvaltningen", "l6sningar", "Kkreativt", "tjanster", "invanare", "Inbabithon", "hilsa"]


def page_ids(pages):
    return [url.rstrip("/").rsplit("/", 1)[-1] for url, *_ in pages]


@pytest.mark.parametrize("url,title,type_label,shown_date", SEED_PAGES, ids=page_ids(SEED_PAGES))
def test_each_seed_item_has_its_page(site, url, title, type_label, shown_date):
    soup = site.soup(url)
    assert soup.html["lang"] == "sv"
    assert soup.h1.get_text(strip=True) == title
    assert soup.select_one(".la-article__type").get_text(strip=True) == type_label
    published = soup.select_one(".la-meta time")
    assert published.get_text(strip=True) == shown_date
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", published["datetime"])


@pytest.mark.parametrize("url,title,type_label,shown_date", SEED_PAGES, ids=page_ids(SEED_PAGES))
def test_type_and_year_listings_link_to_each_seed_item(site, url, title, type_label, shown_date):
    year = url.split("/")[1]
    type_slug = site.soup(url).select_one(".la-article__type a")["href"].rstrip("/").rsplit("/", 1)[-1]
    for listing in (f"typ/{type_slug}/", f"arkiv/{year}/"):
        assert url in linked_targets(site, listing), f"{listing} does not link to {url}"


def linked_targets(site, listing_url):
    """Every page a listing (and its following pages) links to, site-relative."""
    targets, pending, seen = set(), [listing_url], set()
    while pending:
        current = pending.pop()
        seen.add(current)
        for link in site.soup(current).select("a[href]"):
            target = urlparse(urljoin("/" + current, link["href"])).path.lstrip("/")
            targets.add(target)
            if "/sida/" in target and target not in seen:
                pending.append(target)
    return targets


def test_front_page_shows_the_four_challenges_and_the_latest(site):
    soup = site.soup("")
    # The visible name; screen readers also hear ", förvaltningens utmaning".
    challenges = [a.find(string=True).strip() for a in soup.select(".la-challenges a")]
    assert challenges == [
        "Arbetsmarknadsförvaltningen",
        "Skol- och fritidsförvaltningen",
        "Socialförvaltningen",
        "Vård- och omsorgsförvaltningen",
    ]
    latest = soup.select(".la-listing .la-card__title a")
    assert latest[0].get_text(strip=True) == "Gemensam utvecklingsgrupp 21 mars 2022"


def test_ocr_damage_appears_nowhere(site):
    # The visible text: URLs and heading ids are ASCII slugs on purpose.
    for path in site.html_files():
        visible = site.soup(str(path.relative_to(site.root))).get_text(" ")
        for word in OCR_DAMAGE:
            assert word not in visible, f"{word!r} in {path}"


def test_no_placeholder_text_or_orphan_photo_credits(site):
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        assert "Lorem ipsum" not in text and "Foto: Jac Dupont" not in text, path


def test_the_404_page_exists_and_leads_on(site):
    soup = site.soup("404.html")
    assert soup.h1.get_text(strip=True) == "Sidan finns inte"
    assert soup.select("main a[href]")


def test_nothing_is_loaded_from_another_origin(site):
    """No CDN, web font, analytics or embedded frame: every script, style,
    font, image and frame comes from the site itself."""
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and "stylesheet" not in element.get("rel", []) and "preload" not in element.get("rel", [])):
                    continue
                assert not urlparse(value).netloc and not value.startswith("//"), f"{path}: {tag} {value}"
        assert "@import url(http" not in path.read_text(encoding="utf-8")
    for css in site.root.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def test_pages_have_one_h1_and_landmarks(site):
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        assert len(soup.find_all("h1")) == 1, path
        assert soup.find("main", id="main-content"), path
        assert soup.select_one("a.la-skip-link[href='#main-content']"), path


def test_preview_links_are_relative_so_the_site_works_under_any_sub_path(site):
    """RELATIVE_URLS is on in pelicanconf: a root-absolute link ("/arkiv/")
    would leave a site published under /lararkiv/ (macros must be imported
    `with context` to see SITEURL)."""
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        for element in soup.select("[href], [src], [action]"):
            for attribute in ("href", "src", "action"):
                value = element.get(attribute, "")
                assert not (value.startswith("/") and not value.startswith("//")), f"{path}: {attribute}={value}"
