"""A Pelican reader for Markdown with YAML front matter (python-frontmatter's
boundaries, Python-Markdown's body), validating every page as it is read."""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown import Markdown
from pelican.readers import BaseReader

from .boundary import behind_link, escaping_links, file_name_slug_error, link_error
from .build import build_of
from .errors import ContentError, fault, flatten, raise_all
from .model import Fields, build_metadata
from .sanitize import sanitize
from .settings import model_settings
from .yaml_errors import explain as explain_yaml_error
from .yaml_loader import load_with_lines

BOUNDARY = YAMLHandler.FM_BOUNDARY


def display_path(path):
    """``content/x.md`` as the editor sees it from the project folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


@dataclass
class SourceParts:
    """A content file's front matter and body, before Pelican's metadata is
    built from them: picklable, so a worker process can make them
    (prefetch.py) and even convert the body ahead of the reader."""

    shown: str
    raw: object
    lines: dict
    body: str | None
    body_line: int
    converted: bool = False
    html: str | None = None
    # Raised, and the log records replayed, after the metadata is built:
    # the editor sees what a serial read shows, in the same order.
    body_error: Exception | None = None
    body_log: list = field(default_factory=list)


def read_front(source_path, max_bytes):
    """Decode and split one file and parse its front matter (errors raised)."""
    shown = display_path(source_path)
    text = decode_source(source_path, shown, max_bytes)
    front, front_line, body = split_front_matter(text, shown)
    try:
        raw, lines = load_with_lines(front, front_line)
    except yaml.MarkedYAMLError as exc:
        line, message, hint = explain_yaml_error(exc, front_line)
        raise ContentError(shown, message, line=line, hint=hint) from exc
    check_hidden_comments(front, front_line, shown)
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return SourceParts(shown, raw, lines, body, body_line)


# An unquoted value with " #" and a letter or digit after it: YAML reads the
# rest as a comment, so "title: Möte #3" is silently the title "Möte".
# A comment meant as one has a space after "#" ("date: 2019-02-01  # antaget").
HIDDEN_COMMENT = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^'\"\[{|>#\s][^\n]*?)[ \t]+(?P<cut>#\w[^\n]*)$")


def check_hidden_comments(front, first_line, shown):
    for number, line in enumerate(front.split("\n"), start=first_line):
        match = HIDDEN_COMMENT.match(line)
        if match:
            key, value, cut = match["key"], match["value"], match["cut"]
            raise ContentError(
                shown,
                f"'{cut}' läses som en kommentar i YAML och kommer inte med i värdet '{value}'",
                line=number,
                field=key,
                hint=f'sätt hela värdet inom citattecken, {key}: "{value} {cut}"; '
                "är det en kommentar, skriv ett mellanslag efter #",
            )


def convert_body(parts, markdown):
    """The body's HTML. The raw-HTML policy (sanitize.py) runs on it once,
    here, so pages, summaries, listings, feeds and the search index all get it.
    Markup nested thousands deep (``****…x…****``) exhausts Python-Markdown's
    recursion: the editor's error, not a bug of ours."""
    markdown.reset()
    try:
        return sanitize(markdown.convert(parts.body), parts.body, parts.shown, parts.body_line)
    except (RecursionError, MemoryError) as exc:
        markdown.reset()
        raise ContentError(
            parts.shown,
            "texten går inte att bygga: markeringar (*, _, >, [ …) står i för många nivåer i varandra",
            line=parts.body_line,
            hint="ta bort upprepade tecken; skriv *kursiv* och **fet** bara runt enstaka ord",
        ) from exc


def decode_source(source_path, shown, max_bytes):
    try:
        with open(source_path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        # Listed when the build started, gone when its turn came.
        raise ContentError(shown, "filen finns inte längre: den togs bort eller flyttades medan bygget pågick",
                           hint="bygg igen") from exc
    except OSError as exc:
        raise ContentError(shown, f"filen kunde inte läsas ({exc.strerror or exc})",
                           hint="kontrollera att filen går att öppna, och bygg igen") from exc
    if len(data) > max_bytes:
        size = os.path.getsize(source_path)
        raise ContentError(
            shown,
            f"filen är {size // 1000} kB, gränsen är {max_bytes // 1000} kB",
            hint="dela upp texten på flera sidor eller lägg stora dokument som bilagor",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(
            shown,
            "filen är inte sparad som UTF-8",
            line=data[: exc.start].count(b"\n") + 1,
            hint="spara om filen med teckenkodningen UTF-8",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ArchiveReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]  # noqa: RUF012 — a list, as Pelican's BaseReader has it

    def __init__(self, settings):
        super().__init__(settings)
        self.errors = []
        self.registry = build_of(settings).registry
        self._markdown = Markdown(**settings["MARKDOWN"])
        # Set by archive_speed when the generator knows its files: each
        # file's parts read ahead in a worker process (or None to read here).
        self.prefetch = None

    def read(self, source_path):
        try:
            return self._read(source_path)
        except ContentError as error:
            # Kept for the build's errors (plugin.report_read_errors); raising
            # lets Pelican mark the file as failed. A group (several fields)
            # is kept as its errors, one line each.
            self.errors.extend(flatten([error]))
            raise
        except Exception as exc:
            # A bug of ours must still name the file it happened on.
            self.errors.append(fault(display_path(source_path), exc))
            raise

    def _read(self, source_path):
        link = behind_link(source_path, build_of(self.settings).links)
        if link is not None:
            raise link_error(link, display_path(link))
        parts = self.prefetch.take(source_path) if self.prefetch else None
        if parts is None:
            max_bytes = model_settings(self.settings)["ARCHIVE_MAX_FILE_BYTES"]
            parts = read_front(source_path, max_bytes)
        fields = Fields(parts.shown, parts.lines, self.registry, self.settings)
        metadata = build_metadata(parts.raw, fields, self._kind(source_path))
        unnamed = "slug" not in metadata and file_name_slug_error(parts.shown, self.settings, metadata.get("title"))
        if unnamed:
            raise unnamed
        if not parts.converted:
            html = convert_body(parts, self._markdown)
        else:
            for record in parts.body_log:
                logging.getLogger(record.name).handle(record)
            if parts.body_error is not None:
                raise parts.body_error
            html = parts.html
        self._refuse_links_out(html, source_path, parts.shown)
        return html, metadata

    def _refuse_links_out(self, html, source_path, shown):
        relative = os.path.relpath(os.path.abspath(source_path), os.path.abspath(self.settings["PATH"]))
        folder = posixpath.dirname(relative.replace(os.sep, "/"))
        errors = [
            ContentError(
                shown,
                f"länken {{{what}}}{value} leder ut ur content/: bygget tar bara filer i arkivet",
                line=line_of(source_path, f"{{{what}}}{value}"),
                hint="lägg filen i content/bilagor/ eller content/bilder/ och länka "
                "{static}/bilagor/filnamn",
            )
            for what, value in escaping_links(html, folder)
        ]
        raise_all(errors)

    def _kind(self, source_path):
        content = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), content)
        pages = [os.path.normpath(p) for p in self.settings["PAGE_PATHS"]]
        return "page" if any(relative.startswith(p + os.sep) for p in pages) else "article"


def split_front_matter(text, shown):
    """``(front matter, its first line number, body)``; errors say how to fix."""
    if not text.strip():
        raise ContentError(shown, "filen är tom", line=1, hint="börja med front matter: ---, title:, date:, type:, ---")
    lines = text.split("\n")
    if not BOUNDARY.match(lines[0]):
        raise ContentError(
            shown,
            "front matter saknas",
            line=1,
            hint="första raden ska vara '---', följd av fälten (title, date, type) och en rad '---'",
        )
    for index, line in enumerate(lines[1:], start=1):
        if BOUNDARY.match(line):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :])
    raise ContentError(
        shown,
        "front matter avslutas aldrig",
        line=1,
        hint="lägg till en rad med bara '---' efter det sista fältet",
    )


def line_of(source_path, needle):
    """The first line of the file that contains ``needle`` (None if none)."""
    try:
        with open(source_path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except (OSError, UnicodeDecodeError):
        return None
