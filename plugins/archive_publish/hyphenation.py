"""Soft hyphens in the long words of every page, so that Swedish compounds
break with a hyphen on a phone, in every browser.

CSS's ``hyphens: auto`` needs the browser's own Swedish dictionary. Chromium
on Linux (headless CI's too) and older browsers have none, and
``overflow-wrap: break-word`` then splits "Arbetsmarknadsförvalt|ningen"
anywhere, with no hyphen. A soft hyphen (U+00AD) works in every browser: it
is invisible unless the line breaks there, and then shows as a hyphen. Pyphen
gives the break points, from LibreOffice's Swedish hyphenation patterns.

Only the text of ``<body>`` changes: never tags or attributes, nor the text
of ``<pre>``, ``<code>``, ``<script>``, ``<style>``, ``<textarea>``, nor web
or e-mail addresses and words with digits. What reads the text ignores soft
hyphens: Pagefind indexes and finds the whole word, screen readers read it
whole, and the personal-data guard folds them away (readable.py).
"""

from __future__ import annotations

import functools
import re

import jinja2
import pyphen

from .settings import publish_settings

SOFT_HYPHEN = "\u00ad"
# Letters kept together at each end of a word: no line ends in a two-letter
# scrap ("ut-") or starts with one ("-en").
EDGE_LETTERS = 3
# A tag, its quoted attribute values whole (they may hold ">"), or a comment.
TAG = re.compile(r"""(<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>)""", re.S)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
UNTOUCHED = frozenset({"pre", "code", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
# A whitespace-separated piece of text that is an address, not words.
ADDRESS = re.compile(r"://|www\.|@")


@functools.cache
def _dictionary(language):
    return pyphen.Pyphen(lang=language, left=EDGE_LETTERS, right=EDGE_LETTERS)


@functools.lru_cache(maxsize=65536)
def hyphenate_word(word, language):
    return _dictionary(language).inserted(word, hyphen=SOFT_HYPHEN)


# A word Pyphen may split: letters only, not the name of a character
# reference ("&aring;") nor joined to digits.
WORD = re.compile(rf"(?<![&#\w])[^\W\d_]{{{2 * EDGE_LETTERS},}}(?!\w)")


def hyphenate_text(text, language, min_length):
    """``text`` (plain, or HTML text between tags) with soft hyphens in the
    words of each run of ``min_length`` characters or more without a space
    ("Arbetsmarknadsförvaltningen", "fritidsbank/sportotek"): only such a
    run can be wider than a line. Addresses are left whole, and so is a run
    where the editor wrote soft hyphens (``&shy;``) of their own."""
    return _long_run(min_length).sub(lambda run: _hyphenate_run(run.group(), language), text)


@functools.cache
def _long_run(min_length):
    return re.compile(rf"\S{{{min_length},}}")


def _hyphenate_run(run, language):
    if ADDRESS.search(run) or SOFT_HYPHEN in run:
        return run
    return WORD.sub(lambda word: hyphenate_word(word.group(), language), run)


def hyphenate_html(html, language, min_length):
    """A whole page: the text of its <body>, outside UNTOUCHED elements."""
    body = html.find("<body")
    if body < 0:
        return html
    start = html.index(">", body) + 1
    parts = TAG.split(html[start:])
    untouched = 0
    for index, part in enumerate(parts):
        if index % 2:
            untouched += _depth_change(part)
        elif not untouched and part.strip():
            parts[index] = hyphenate_text(part, language, min_length)
    return html[:start] + "".join(parts)


def _depth_change(tag):
    match = TAG_NAME.match(tag)
    if not match or match[2].lower() not in UNTOUCHED or tag.endswith("/>"):
        return 0
    return -1 if match[1] else 1


def hyphenating_template_class(settings):
    """A Jinja template class whose pages come out hyphenated (see above);
    None when PUBLISH_SOFT_HYPHENS_MIN_LENGTH is 0 or Pyphen has no patterns
    for the site's DEFAULT_LANG."""
    min_length = publish_settings(settings)["PUBLISH_SOFT_HYPHENS_MIN_LENGTH"]
    language = pyphen.language_fallback(settings.get("DEFAULT_LANG", "sv"))
    if not min_length or not language:
        return None

    class HyphenatingTemplate(jinja2.Template):
        def render(self, *args, **kwargs):
            return hyphenate_html(super().render(*args, **kwargs), language, min_length)

    return HyphenatingTemplate
