"""Can this machine's headless Chromium hyphenate? (issue 21, docs/arkitektur.md)

Long compounds in a 90 px wide paragraph, once with `hyphens: manual` and
once with `hyphens: auto`, per language; and the Swedish one with editors'
soft hyphens (`&shy;`). Prints each paragraph's height and its number of
lines (distinct tops of its text's Range rects). Where `auto` gives the
same layout as `manual`, Chromium has no hyphenation dictionary for the
language: Chrome downloads them with its component updater, which Debian's
chromium does not ship them with (and our flags switch off).

    python bench/hyphenation.py
"""

from __future__ import annotations

import html
import shutil

from playwright.sync_api import sync_playwright

WORDS = {
    "sv": "Arbetsmarknadsförvaltningens utvecklingsavdelning",
    "en": "Internationalization counterrevolutionaries",
    "de": "Donaudampfschifffahrtsgesellschaftskapitän",
}
SOFT = "Arbets&shy;marknads&shy;förvaltningens utvecklings&shy;avdelning"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
LINES = ("e => { const r = document.createRange(); r.selectNodeContents(e);"
         " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")


def probe_page():
    paragraphs = [
        f'<p lang="{lang}" style="hyphens:{mode}" id="{lang} {mode}">{html.escape(text)}</p>'
        for lang, text in WORDS.items() for mode in ("manual", "auto")
    ]
    paragraphs.append(f'<p lang="sv" style="hyphens:manual" id="sv &amp;shy;">{SOFT}</p>')
    style = "<style>p{width:90px;font:16px sans-serif;margin:0 0 1em;overflow-wrap:break-word}</style>"
    return "<!doctype html><html lang=\"sv\">" + style + "".join(paragraphs)


def main():
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page()
        page.set_content(probe_page())
        print(f"chromium {browser.version}")
        measured = {}
        for element in page.query_selector_all("p"):
            name = element.get_attribute("id")
            measured[name] = (element.bounding_box()["height"], page.evaluate(LINES, element))
            print(f"{name:12} height {measured[name][0]:5.0f} px, {measured[name][1]} lines")
        browser.close()
    for lang in WORDS:
        verdict = "hyphenates" if measured[f"{lang} auto"] != measured[f"{lang} manual"] else "does NOT hyphenate"
        print(f"hyphens:auto, lang={lang}: {verdict}")


if __name__ == "__main__":
    main()
