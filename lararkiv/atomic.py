"""Atomic publishing: build next to the published folder, verify, swap.

``public.ny`` is built and verified while ``public`` keeps serving; only then
are the two exchanged, and the old site is kept as ``public.forra`` for
``invoke rollback``; each published folder carries a manifest of its files
and their hashes (manifest.py), which rollback checks first. On Linux the exchange is one atomic ``renameat2`` call
(a web server never sees a missing or half-written folder); elsewhere it is
two renames a moment apart. A failed build never touches ``public``.
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from archive_model.staging import exchange
from archive_publish.settings import absolute_base, publish_settings
from archive_publish.sitemap import draft_prefixes

from lararkiv.manifest import manifest_problems

NEW_SUFFIX = ".ny"
PREVIOUS_SUFFIX = ".forra"
# Where the previous previous waits, whole, until the swap is done.
DISCARDED_SUFFIX = ".kasseras"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ASSET_REFERENCE = re.compile(rb"<(?:link|script)\b[^>]*?\b(?:href|src)=[\"']([^\"'#?]+)[\"']", re.I)


class PublishError(RuntimeError):
    """The new site failed verification; the published folder is untouched."""


def new_folder(published):
    return os.path.abspath(published) + NEW_SUFFIX


def previous_folder(published):
    return os.path.abspath(published) + PREVIOUS_SUFFIX


def fresh_new_folder(published):
    """An empty folder next to ``published`` (a crashed run may have left one)."""
    folder = new_folder(published)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def swap_in(published, new):
    """Make ``new`` the published folder; keep the old one as the previous.

    Nothing is deleted before the new site is in place: the previous
    previous is first moved aside whole (one rename), and removed only after
    the swap. A publish killed at any step leaves ``published`` either the
    old site or the new one, each whole, and ``.forra`` either absent or a
    whole earlier site (its manifest says which: :func:`rollback`)."""
    published = os.path.abspath(published)
    previous = previous_folder(published)
    if not os.path.exists(published):
        os.rename(new, published)
        return
    discarded = previous + DISCARDED_SUFFIX
    shutil.rmtree(discarded, ignore_errors=True)  # a killed run's leftovers
    if os.path.exists(previous):
        os.rename(previous, discarded)
    if exchange(new, published):
        os.rename(new, previous)
    else:
        os.rename(published, previous)
        os.rename(new, published)
    shutil.rmtree(discarded, ignore_errors=True)


def rollback(published):
    """Exchange the published and the previous site (again: forward), once
    the previous one is verified whole against its manifest."""
    published = os.path.abspath(published)
    previous = previous_folder(published)
    if not os.path.isdir(previous):
        raise PublishError(f"det finns ingen tidigare version att gå tillbaka till ({previous})")
    problems = manifest_problems(previous)
    if problems:
        raise PublishError(
            f"den tidigare versionen ({previous}) är inte hel, så den publiceras inte: "
            + "; ".join(problems)
        )
    if not exchange(previous, published):
        parked = published + ".byte"
        os.rename(published, parked)
        os.rename(previous, published)
        os.rename(parked, previous)


def verify_output(folder, settings):
    """Problems that must stop a publish, as Swedish sentences (empty: fine)."""
    problems = []
    for required in ("index.html", "404.html"):
        if not os.path.isfile(os.path.join(folder, required)):
            problems.append(f"{required} saknas i bygget")
    for prefix in draft_prefixes(settings):
        if os.path.exists(os.path.join(folder, prefix)):
            problems.append(
                f"utkast finns i bygget ({prefix}); publishconf.py ska stänga av DRAFT_SAVE_AS"
            )
    problems += verify_sitemap(folder, settings)
    problems += verify_asset_references(folder, settings)
    return problems


def verify_sitemap(folder, settings):
    name = publish_settings(settings)["PUBLISH_SITEMAP_SAVE_AS"]
    if not name:
        return []
    try:
        tree = ET.parse(os.path.join(folder, name))
    except (OSError, ET.ParseError) as exc:
        return [f"{name} går inte att läsa som XML: {exc}"]
    base = absolute_base(settings)
    problems = []
    for loc in tree.getroot().iter(f"{SITEMAP_NS}loc"):
        target = local_target(folder, folder, loc.text or "", base)
        if target is None or not os.path.isfile(target):
            problems.append(f"{name}: {loc.text} finns inte i bygget")
    return problems


def verify_asset_references(folder, settings):
    """Every stylesheet and script a page loads from the site exists."""
    base = absolute_base(settings)
    problems = []
    checked = set()
    for root, _dirs, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            page = os.path.join(root, name)
            with open(page, "rb") as handle:
                text = handle.read()
            for match in ASSET_REFERENCE.finditer(text):
                reference = match.group(1).decode("utf-8", "replace")
                target = local_target(folder, os.path.dirname(page), reference, base)
                if target in checked:
                    continue
                checked.add(target)
                if target is not None and not os.path.isfile(target):
                    shown = os.path.relpath(page, folder)
                    problems.append(f"{shown}: {reference} finns inte i bygget")
    return problems


def local_target(folder, page_folder, reference, base):
    """The output file a URL points to; None for another site's URL."""
    if reference == base or reference.startswith(base + "/"):
        reference = "/" + reference[len(base) :].lstrip("/")
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if path.startswith("/"):
        target = os.path.join(folder, path.lstrip("/"))
    else:
        target = os.path.join(page_folder, path)
    if path.endswith("/") or path == "":
        target = os.path.join(target, "index.html")
    return os.path.normpath(target)
