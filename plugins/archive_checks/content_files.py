"""Files under content/ that the build would pass over without a word, and
pages in the folder of another type.

Pelican reads only ``.md`` files in the folders of ARTICLE_PATHS and
PAGE_PATHS and copies only STATIC_PATHS: a page saved as ``x.md.txt`` or
``x.MD``, in ``content/`` itself or in a misspelt folder, or a picture beside
its page, is simply left out, and the editor looks for it in vain.
"""

from __future__ import annotations

import os
import posixpath

from archive_model.build import build_of
from archive_model.errors import ContentError, did_you_mean
from archive_model.reader import display_path, line_of

PAGE_EXTENSIONS = (".md", ".markdown")
# Pelican's other page formats: never read here (archive_model's reader is
# the only one), and never published.
OTHER_PAGE_FORMATS = (".html", ".htm", ".rst")
# Left by editors' tools, never meant to be published.
JUNK_NAMES = {"thumbs.db", "desktop.ini"}


def content_file_errors(site):
    return unread_file_errors(site) + type_folder_errors(site)


def unread_file_errors(site):
    settings = site.settings
    static = _folders(settings.get("STATIC_PATHS", []))
    read = _folders([*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])])
    excluded = _excluded_folders(settings, read)
    errors = []
    for relative in _files(site.content_root):
        # Pelican reads it (a file it failed to read is reported already).
        read_by_pelican = _inside(relative, read) and relative.endswith(PAGE_EXTENSIONS)
        if read_by_pelican or _is_junk(relative) or _inside(relative, static) or _inside(relative, excluded):
            continue
        errors.append(_unread_error(site, relative, read, static))
    return errors


def _unread_error(site, relative, read, static):
    shown = display_path(os.path.join(site.content_root, relative))
    folder, name = posixpath.split(relative)
    stem, extension = posixpath.splitext(name)
    if extension.lower() in PAGE_EXTENSIONS or posixpath.splitext(stem)[1].lower() in PAGE_EXTENSIONS:
        if _inside(relative, read) and extension not in PAGE_EXTENSIONS:
            fixed = stem if extension.lower() not in PAGE_EXTENSIONS else stem + extension.lower()
            return ContentError(shown, "filen läses inte: bara namn som slutar på .md blir sidor",
                                hint=f"byt namn på filen till content/{posixpath.join(folder, fixed)}")
        top = folder.split("/", 1)[0]
        where = "den ligger direkt i content/" if not folder else f"mappen content/{top}/ är ingen av sidornas mappar"
        choices = {f: f"content/{f}/" for f in read}
        hint = did_you_mean(top, choices) if top else "mapparna är " + ", ".join(choices.values())
        return ContentError(shown, f"sidan läses inte: {where}", hint=f"flytta den till mappen för sidans typ; {hint}")
    if extension.lower() in OTHER_PAGE_FORMATS:
        return ContentError(shown, f"filen läses inte: sidor skrivs i Markdown (.md), inte som .{extension.lower().lstrip('.')}",
                            hint=f"skriv sidan som content/{posixpath.join(folder, stem)}.md med front matter "
                            "(invoke new skapar en mall)")
    shown_static = " eller ".join(f"content/{f}/" for f in static)
    return ContentError(shown, "filen publiceras inte: den ligger inte i en mapp för bilder och bilagor",
                        hint=f"flytta den till {shown_static} och länka med {{static}}/…")


def type_folder_errors(site):
    """A page whose `type:` belongs in another type's folder: one of the two
    is wrong (often a page copied from another type as a start)."""
    owners = {t.folder: t.slug for t in build_of(site.settings).registry.types.values()}
    errors = []
    for page in site.pages:
        content_type = page.content.metadata.get("type")
        top = page.content.relative_source_path.replace(os.sep, "/").split("/", 1)[0]
        owner = owners.get(top)
        if content_type is None or owner is None or owner == content_type.slug:
            continue
        errors.append(ContentError(
            page.source,
            f"sidan ligger i content/{top}/, mappen för typen '{owner}', men har type: {content_type.slug}",
            line=line_of(page.content.source_path, "type:"),
            field="type",
            hint=f"flytta filen till content/{content_type.folder}/ eller skriv type: {owner}",
        ))
    return errors


def _files(root):
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def _folders(paths):
    return [posixpath.normpath(p.replace("\\", "/")).strip("/") for p in paths]


def _inside(relative, folders):
    return any(relative.startswith(f + "/") for f in folders if f not in ("", "."))


def _excluded_folders(settings, read):
    """The folders left out on purpose (Pelican also excludes each kind's
    folders from the other kind: those are read all the same)."""
    excludes = _folders([*settings.get("ARTICLE_EXCLUDES", []), *settings.get("PAGE_EXCLUDES", [])])
    return [e for e in excludes if e not in read]


def _is_junk(relative):
    name = posixpath.basename(relative)
    return name.startswith((".", "~$")) or name.endswith("~") or name.lower() in JUNK_NAMES
