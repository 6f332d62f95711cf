"""What the importer inferred, how sure, and from which source line."""

from __future__ import annotations

from dataclasses import dataclass

# How sure: stated in the source; derived by a rule; assumed (the page is a draft).
SURE, LIKELY, GUESS = "säker", "trolig", "gissning"


@dataclass
class Finding:
    field: str
    value: object
    sure: str
    line: int
    why: str
