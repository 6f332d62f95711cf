"""The content boundary: the build reads regular files inside content/ only.

A symbolic link under content/ could bring any file the build machine can
read into the published site (in CI, the checkout's own .git/config), or a
whole folder of them. Every link, to a file or a folder, inside or outside
content/, is refused with an error naming it and its target when the build
starts; the reader (and archive_speed's reading workers) never read a file
behind one, so nothing behind a link is ever read.

So is a page's link that climbs out of content/ (``{static}../../x``):
Pelican would read the file it names and write it as far above the output
folder as the link climbs, and a slug that could name another folder or
file (``../robots``, ``Kalender``): the address a page claims among the
build's other outputs is checked by archive_checks (the write plan).
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from .errors import ContentError


def symbolic_links(root):
    """Every symbolic link below ``root``, files and folders, not followed
    (absolute paths, sorted): found once when a build starts (``Build.links``)."""
    links = []
    for directory, folders, names in os.walk(root):
        links += [os.path.join(directory, n) for n in folders + names if os.path.islink(os.path.join(directory, n))]
        folders[:] = sorted(f for f in folders if not os.path.islink(os.path.join(directory, f)))
    return sorted(os.path.abspath(link) for link in links)


def behind_link(path, links):
    """The link among ``links`` that ``path`` is, or lies behind; else None."""
    path = os.path.abspath(path)
    return next((link for link in links if path == link or path.startswith(link + os.sep)), None)


def link_error(link, shown):
    """The editor's error for the link at ``link`` (shown as ``shown``)."""
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    return ContentError(
        shown,
        f"en symbolisk länk (till {target}) tas inte med: bygget läser bara filer som ligger i content/",
        hint="lägg en kopia av filen här i stället för länken, eller ta bort länken",
    )


# Pelican's links to the archive's own files, in the page's HTML: {static},
# {attach} and {filename} (and the older |static|), up to a query or anchor.
INTRASITE_LINK = re.compile(r"""(?:href|src)=(["'])[{|](static|attach|filename)[|}]([^"'?#]*)""")


def escaping_links(html, relative_dir):
    """``(what, path)`` of each link in ``html`` (a page in ``relative_dir``
    of content/) whose file would lie outside content/, as Pelican resolves
    it: from content/ for a path with a leading /, else from the page."""
    for match in INTRASITE_LINK.finditer(html or ""):
        what, value = match.group(2), match.group(3)
        path = unquote(value)
        path = path[1:] if path.startswith("/") else posixpath.join(relative_dir, path)
        normal = posixpath.normpath(path)
        if normal == ".." or normal.startswith("../") or posixpath.isabs(normal):
            yield what, value


# What a slug may hold: it becomes a folder of the site ("{slug}/index.html").
# A "/", "..", a dot or a capital letter could reach another folder, a file
# the build writes (robots.txt) or, on a case-blind disk, another page.
SLUG = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)*\Z")


def as_slug(text, settings):
    """``text`` as Pelican makes a slug of it (a file name, a title)."""
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slugify(text, regex_subs=subs, preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def file_name_slug_error(shown, settings, title):
    """A page without slug: takes its address from its file name: an
    error when no address can be made of it ("(((.md" gives none, Pelican
    skipped the page with an English line; "---.md" gives the folder "-")."""
    name = shown.replace("\\", "/").rsplit("/", 1)[-1]
    slug = as_slug(name.rsplit(".", 1)[0], settings)
    if SLUG.match(slug):
        return None
    meant = as_slug(title, settings).strip("-_") if title else ""
    meant = meant if SLUG.match(meant) else "sidans-namn"
    return ContentError(shown, f"filnamnet '{name}' ger ingen adress: bara bokstäver a–z, siffror och bindestreck blir kvar",
                        hint=f"byt namn på filen, t.ex. till {meant}.md, eller skriv slug: {meant} i front matter")
