"""Write the pages, never losing an editor's work, and say what happened.

Each written file carries its own checksum in a comment on its second
line. On the next run a file whose text still matches it has not been
touched since the import and may be replaced; one that does not (or has no
such line: written by hand) is left alone unless ``overwrite``.
"""

from __future__ import annotations

import hashlib
import os
import re

import yaml

MARK = "# Importerad av invoke importera"
MARK_LINE = re.compile(rf"^{re.escape(MARK)}.*kontrollsumma ([0-9a-f]{{16}})\n", re.M)
ORDER = ("title", "date", "type", "status", "series", "theme", "follows", "author",
         "administrations", "topics", "summary", "old_url", "attachments", "event")


def _checksum(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _yaml(meta):
    ordered = {k: meta[k] for k in ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)


def page_text(page, source):
    comments = [f"# Källa: {source}, rad {page.post.line}."]
    if page.to_check:
        comments.append("# Utkast: kontrollera detta och ta sedan bort raden status: draft.")
        comments += [f"# - {item}" for item in page.to_check]
    meta = dict(page.meta)
    if page.draft:
        meta["status"] = "draft"
    rest = "\n".join(comments) + "\n" + _yaml(meta) + "---\n\n" + page.body
    return f"---\n{MARK} ({source}): kontrollsumma {_checksum(rest)}\n{rest}"


def editor_changed(existing):
    """True when the file is not the importer's untouched output."""
    match = MARK_LINE.search(existing)
    if not match:
        return True
    rest = existing[: match.start()] + existing[match.end():]
    return _checksum(rest.removeprefix("---\n")) != match.group(1)


def write_page(path, text, *, overwrite=False, dry_run=False):
    """What happened: 'ny', 'uppdaterad', 'oförändrad' or 'skyddad'."""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            existing = handle.read()
        if existing == text:
            return "oförändrad"
        if editor_changed(existing) and not overwrite:
            return "skyddad"
        outcome = "uppdaterad"
    else:
        outcome = "ny"
    if not dry_run:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return outcome
