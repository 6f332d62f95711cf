"""The content boundary: the build reads regular files inside content/ only.

A symbolic link under content/ could bring any file the build machine can
read into the published site (in CI, the checkout's own .git/config), or a
whole folder of them. Every link, to a file or a folder, inside or outside
content/, is refused with an error naming it and its target when the build
starts; the reader (and archive_speed's reading workers) never read a file
behind one, so nothing behind a link is ever read.

So is a page's link that climbs out of content/ (``{static}../../x``):
Pelican would read the file it names and write it as far above the output
folder as the link climbs.
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote

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
