"""The content boundary: the build reads regular files inside content/ only.

A symbolic link under content/ could bring any file the build machine can
read into the published site (in CI, the checkout's own .git/config), or a
whole folder of them. Every link, to a file or a folder, inside or outside
content/, is refused with an error naming it and its target; the reader
refuses to read through one, so nothing behind a link is ever read.

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


def link_on_path(path, root):
    """The first symbolic link on the way from ``root`` to ``path`` (``path``
    included), or None; ``path`` itself when it is not inside ``root``."""
    root, path = os.path.abspath(root), os.path.abspath(path)
    relative = os.path.relpath(path, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return current
    return None


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


def links_under(root, show):
    """An error for every symbolic link below ``root``, not followed;
    ``show(path)`` is how a path is named to the editor."""
    errors = []
    for directory, folders, names in os.walk(root):
        for name in sorted(folders + names):
            path = os.path.join(directory, name)
            if os.path.islink(path):
                errors.append(link_error(path, show(path)))
        folders[:] = sorted(f for f in folders if not os.path.islink(os.path.join(directory, f)))
    return errors


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
