"""The LIX table `invoke check` prints: one row per page, hardest first, and
a warning for each page above ``SAFETY_LIX_WARN_LEVEL``.

Not part of the build: LIX is advice for editors, and a build run with
``--fatal warnings`` must not fail because a text is hard to read.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass

from archive_model.contents import contents
from archive_model.reader import display_path
from archive_safety.readability import Lix, lix_of_html
from archive_safety.settings import safety_settings
from pelican import signals

GUIDE = "docs/redaktorsguide.md, avsnittet ”Personuppgifter, läsbarhet och datum”"


@dataclass(frozen=True)
class LixRow:
    path: str
    title: str
    lix: Lix
    # `archived: true`: an old text kept as it was written; its LIX is
    # shown, but rewriting it is not the advice.
    archived: bool = False

    def too_hard(self, level, min_words):
        return (
            not self.archived
            and self.lix.rounded is not None
            and self.lix.words >= min_words
            and self.lix.rounded > level
        )


def lix_rows(contents):
    """A row per page, from its rendered HTML, hardest first."""
    rows = [
        LixRow(display_path(c.source_path), c.title, lix_of_html(c.content), getattr(c, "archived", False))
        for c in contents
    ]
    return sorted(rows, key=lambda r: (-(r.lix.value or 0), r.path))


def format_lix_report(rows, settings):
    """``(text, number of pages above the level)`` in Swedish."""
    options = safety_settings(settings)
    level, min_words = options["SAFETY_LIX_WARN_LEVEL"], options["SAFETY_LIX_MIN_WORDS"]
    lines = [
        f"LIX (läsbarhetsindex) per sida — varning över {level}:",
        "  LIX  bedömning      ord  sida",
    ]
    hard = 0
    for row in rows:
        value = "–" if row.lix.rounded is None else str(row.lix.rounded)
        note = ""
        if row.too_hard(level, min_words):
            hard += 1
            note = f"  VARNING: över {level}, korta meningarna och byt ut långa ord"
        elif row.archived:
            note = "  (arkiverad text: ingen varning)"
        elif row.lix.rounded is not None and row.lix.words < min_words:
            note = f"  (under {min_words} ord: LIX säger lite)"
        lines.append(f"  {value:>3}  {row.lix.label:<12} {row.lix.words:>5}  {row.path}{note}")
    lines.append(f"{hard} av {len(rows)} sidor har LIX över {level}. Så sänker du LIX: {GUIDE}.")
    return "\n".join(lines), hard


@contextlib.contextmanager
def collected_contents():
    """A list that fills with every article and page read while the block
    runs: `invoke check` reads the site without keeping its generators."""
    found = []

    def collect(generators):
        found[:] = contents(generators)

    signals.all_generators_finalized.connect(collect)
    try:
        yield found
    finally:
        signals.all_generators_finalized.disconnect(collect)


def print_lix_report(contents, settings, file=None):
    """Print the table for ``contents`` (articles and pages); returns how many
    pages are above the level. For `invoke check`."""
    text, hard = format_lix_report(lix_rows(contents), settings)
    print(text, file=file or sys.stdout)
    return hard
