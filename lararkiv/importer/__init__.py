"""Move an old WordPress archive in: `invoke importera KÄLLA`, or
``import_archive(...)`` from Python without invoke.

sources (WXR, plain-text listings) → pages (types, dates, events, links)
→ writer (checksummed files, never over an editor's change) → a Swedish
report of every inference, how sure it is and its source line. Uncertain
pages are written with ``status: draft`` and what to check.
"""

from .run import ImportResult, import_archive

__all__ = ["ImportResult", "import_archive"]
