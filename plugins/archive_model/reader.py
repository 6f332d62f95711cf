"""A Pelican reader for Markdown with YAML front matter (python-frontmatter's
boundaries, Python-Markdown's body), validating every page as it is read."""

from __future__ import annotations

import os
from dataclasses import dataclass

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown import Markdown
from pelican.readers import BaseReader

from .errors import ContentError
from .model import Fields, build_metadata
from .registry import load_registry
from .sanitize import sanitize
from .settings import archive_setting, registry_path
from .yaml_loader import load_with_lines

BOUNDARY = YAMLHandler.FM_BOUNDARY


def display_path(path):
    """``content/x.md`` as the editor sees it from the project folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


@dataclass
class SourceParts:
    """What a content file says, before Pelican's metadata is built from it:
    picklable, so a worker process can make it (prefetch.py)."""

    raw: object
    lines: dict
    html: str | None
    # Raised after the metadata is built, as a serial read would.
    body_error: Exception | None


def read_source_parts(source_path, max_bytes, markdown):
    """Decode, split, parse the YAML and convert the body of one file.

    Errors in the front matter are raised; an error in the body is kept in
    ``body_error``: the reader raises it only if the metadata is valid, so
    an editor sees the same first error as when the body was converted last.
    """
    shown = display_path(source_path)
    text = decode_source(source_path, shown, max_bytes)
    front, front_line, body = split_front_matter(text, shown)
    try:
        raw, lines = load_with_lines(front, front_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ContentError(
            shown,
            f"ogiltig YAML i front matter: {exc.problem or exc.context}",
            line=mark.line + front_line if mark else front_line,
            hint="kontrollera indrag och kolon; sätt text som innehåller ': ' inom citattecken",
        ) from exc
    markdown.reset()
    # The raw-HTML policy (sanitize.py) runs on the body once, here, so
    # pages, summaries, listings, feeds and the search index all get it.
    body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        html = sanitize(markdown.convert(body), body, shown, body_line)
    except Exception as error:  # noqa: BLE001 - raised later, in the reader's order
        return SourceParts(raw, lines, None, error)
    return SourceParts(raw, lines, html, None)


def decode_source(source_path, shown, max_bytes):
    with open(source_path, "rb") as handle:
        data = handle.read()
    if len(data) > max_bytes:
        raise ContentError(
            shown,
            f"filen är {len(data) // 1000} kB, gränsen är {max_bytes // 1000} kB",
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
    file_extensions = ["md", "markdown"]

    def __init__(self, settings):
        super().__init__(settings)
        self.errors = []
        self.registry = load_registry(registry_path(settings))
        self._markdown = Markdown(**settings["MARKDOWN"])
        # Set by the plugin when the generator knows its files (prefetch.py).
        self.prefetch = None

    def read(self, source_path):
        try:
            return self._read(source_path)
        except ContentError as error:
            # Kept for the end-of-reading report (plugin.stop_on_content_errors);
            # raising lets Pelican mark the file as failed.
            self.errors.append(error)
            raise
        except Exception as exc:
            # A bug of ours must still name the file it happened on.
            self.errors.append(ContentError(display_path(source_path), f"kunde inte läsas: {exc!r}"))
            raise

    def _read(self, source_path):
        parts = self.prefetch.take(source_path) if self.prefetch else None
        if parts is None:
            max_bytes = archive_setting(self.settings, "ARCHIVE_MAX_FILE_BYTES")
            parts = read_source_parts(source_path, max_bytes, self._markdown)
        shown = display_path(source_path)
        fields = Fields(shown, parts.lines, self.registry, self.settings)
        metadata = build_metadata(parts.raw, fields, self._kind(source_path))
        if parts.body_error is not None:
            raise parts.body_error
        return parts.html, metadata

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
