"""sitemap.xml and robots.txt, from the HTML files this build wrote.

Written at ``finalized`` by walking the output folder, so that every page
counts — Pelican's, and those other plugins' generators write (front doors,
series, calendar, search) — without each plugin having to announce its pages.
Left out: drafts (their folder), 404.html, pages with
``<meta name="robots" content="noindex">`` and the configured prefixes.
"""

from __future__ import annotations

import os
import re
from xml.sax.saxutils import escape

from archive_model.files import write_if_changed

from .settings import absolute_base, publish_settings

NOINDEX = re.compile(rb"<meta\s+name=[\"']robots[\"']\s+content=[\"'][^\"']*noindex", re.I)
# A robots meta tag sits in <head>: the first bytes of a page are enough.
HEAD_BYTES = 8192


def draft_prefixes(settings):
    """The output folders Pelican writes drafts to ("utkast/")."""
    prefixes = set()
    for name in (
        "DRAFT_SAVE_AS",
        "DRAFT_PAGE_SAVE_AS",
        "DRAFT_LANG_SAVE_AS",
        "DRAFT_PAGE_LANG_SAVE_AS",
    ):
        pattern = settings.get(name) or ""
        fixed = pattern.split("{", 1)[0]
        if fixed and "/" in fixed:
            prefixes.add(fixed[: fixed.rindex("/") + 1])
    return prefixes


def page_url(relative):
    """The URL a reader uses: folders end in "/" without index.html."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def is_noindex(path):
    with open(path, "rb") as handle:
        return bool(NOINDEX.search(handle.read(HEAD_BYTES)))


def listed_pages(output, settings):
    """Sorted URLs (relative to the site root) of the pages a sitemap lists."""
    excluded = (*publish_settings(settings)["PUBLISH_SITEMAP_EXCLUDE"], *draft_prefixes(settings))
    not_found = {settings.get("404_SAVE_AS") or "404.html", "404.html"}
    urls = []
    for folder, dirs, names in os.walk(output):
        # Hidden folders are a build's scratch space (the search index's
        # staging and fresh bundle, which Pagefind may still be writing).
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if relative in not_found or relative.startswith(excluded) or is_noindex(path):
                continue
            urls.append(page_url(relative))
    return sorted(urls)


def sitemap_xml(base, urls):
    entries = "".join(f"  <url><loc>{escape(f'{base}/{url}')}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def robots_txt(base, sitemap_save_as):
    lines = ["# Öppna lärarkivet: allt som publiceras får indexeras.", "User-agent: *", "Allow: /"]
    if sitemap_save_as:
        lines.append(f"Sitemap: {base}/{sitemap_save_as}")
    return "\n".join(lines) + "\n"


def write_crawler_files(pelican):
    settings = pelican.settings
    output = pelican.output_path
    base = absolute_base(settings)
    sitemap = publish_settings(settings)["PUBLISH_SITEMAP_SAVE_AS"]
    robots = publish_settings(settings)["PUBLISH_ROBOTS_SAVE_AS"]
    if sitemap:
        # Not recorded as outputs (write_if_changed, not write_output): they
        # are written after archive_speed removed what is stale, and a build
        # always writes them again, so they are never stale themselves.
        write_if_changed(
            os.path.join(output, sitemap),
            sitemap_xml(base, listed_pages(output, settings)).encode("utf-8"),
        )
    if robots:
        write_if_changed(os.path.join(output, robots), robots_txt(base, sitemap).encode("utf-8"))
