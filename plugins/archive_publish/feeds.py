"""What feed readers get besides the entries: Pelican's Atom feeds (the
site's, each type's, each administration's) made into feeds of their own.

Pelican gives every feed the same ``<id>`` (the site's address), the same
``rel="alternate"`` link (the front page), no language, a title with the
type's singular ("Öppna lärarkivet - Inbjudan") and ``<author><name/>`` on
entries without an author. ``feed_generated`` fixes that before the feed is
written: the id is the feed's own address (RFC 4287: an id names one feed,
for good), the alternate link the page that lists the same pages, the title
the one the pages' ``<link rel="alternate">`` give, ``xml:lang`` the site's
language, and the publisher (``PUBLISHER``) the feed's author, which Atom
asks for when an entry names none.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from archive_model.build import build_of


def feed_pages(settings):
    """``{feed path: (title, listing URL)}`` of the feeds Pelican and
    archive_administrations write, relative to the site."""
    site = settings["SITENAME"]
    pages = {}
    if settings.get("FEED_ALL_ATOM"):
        pages[settings["FEED_ALL_ATOM"]] = (f"{site} – alla sidor", settings.get("INDEX_URL", ""))
    registry = build_of(settings).registry
    if settings.get("CATEGORY_FEED_ATOM"):
        for content_type in registry.types.values():
            path = settings["CATEGORY_FEED_ATOM"].format(slug=content_type.slug)
            pages[path] = (f"{site} – {content_type.plural}", settings["CATEGORY_URL"].format(slug=content_type.slug))
    # Their addresses are set by archive_administrations (None without it).
    for admin in registry.administrations.values():
        if admin.feed_url:
            pages[admin.feed_url] = (f"{site} – {admin.name}", admin.url)
    return pages


def _relative(url, base):
    base = (base or "").rstrip("/") + "/"
    return url[len(base):] if url.startswith(base) else url.lstrip("/")


def complete_feed(context, feed):
    """feed_generated: the feed's id, alternate link, title, language and
    author, as the module docstring says."""
    settings = context
    info = feed.feed
    if info.get("feed_url"):
        # The self link is FEED_DOMAIN + the feed's path: unique and stable.
        info["id"] = info["feed_url"]
        page = feed_pages(settings).get(_relative(info["feed_url"], settings.get("FEED_DOMAIN")))
        if page:
            title, listing = page
            info["title"] = title
            site = (settings.get("SITEURL") or "").rstrip("/")
            # Only with an absolute SITEURL: the preview's entries link
            # relative to the site's root, which Pelican's "/" stands for.
            if urlsplit(site).scheme:
                info["link"] = f"{site}/{listing}"
    info["language"] = settings.get("DEFAULT_LANG") or info.get("language")
    if not info.get("author_name"):
        info["author_name"] = settings.get("PUBLISHER") or settings["SITENAME"]
    for item in feed.items:
        if not item.get("author_name"):
            item["author_name"] = None  # the feed's author stands for it
