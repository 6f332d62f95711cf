"""Output files written only when their bytes change (issue #10).

Every plugin that writes files itself uses :func:`write_output`, as
Pelican's pages do through archive_speed's writer: a build over an earlier
output leaves unchanged files, and their modification times, alone, so a
sync or an upload can tell what changed. Each file is also recorded as an
output of the build (``Build.outputs``), written or not, so that
archive_speed can remove what a later build into the same folder no longer
makes.
"""

from __future__ import annotations

import os
import posixpath

from .build import build_of


def plan_output(settings, save_as, what):
    """Declare, before any page is read, that ``what`` (as an editor reads
    it: "kalendern") writes ``save_as`` in the output folder, or every file
    below it when it ends in "/". A pattern ("serie/{slug}/index.html")
    declares the folder before its first placeholder ("serie/"). No page
    may claim a declared path (archive_checks' collisions): its slug: would
    overwrite the file, or the page be overwritten by it. Plugins declare
    theirs on archive_model's ``build_started``."""
    if not save_as:
        return
    if "{" in save_as:
        folder = save_as.split("{", 1)[0].rpartition("/")[0]
        if not folder:  # a file beside each page ("{url}kalender.ics"): the page's own
            return
        save_as = folder + "/"
    normal = posixpath.normpath(save_as.replace(os.sep, "/")).lstrip("/")
    build_of(settings).planned.setdefault(normal + ("/" if save_as.endswith("/") else ""), what)


def record_output(settings, path):
    """Note that the build of ``settings`` makes the file at ``path``."""
    build_of(settings).outputs.add(os.path.abspath(path))


def write_output(settings, path, data):
    """Write ``data`` (bytes) to ``path`` unless the file holds them already,
    and record it as an output of the build. Returns True when it wrote."""
    record_output(settings, path)
    return write_if_changed(path, data)


def write_if_changed(path, data):
    """Write ``data`` (bytes) to ``path`` unless the file holds them already.
    Returns True when it wrote."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except OSError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    return True
