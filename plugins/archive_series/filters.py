"""Jinja filters for attachments."""

from __future__ import annotations

from archive_model.dates import LOCALE
from babel.numbers import format_decimal


def sv_file_size(size):
    """``120 kB``, ``1,4 MB``: decimal units as Swedish readers know them."""
    if size < 1000:
        return f"{size} byte"
    kilobytes = round(size / 1000)
    if kilobytes < 1000:
        return f"{kilobytes} kB"
    return f"{format_decimal(round(size / 1_000_000, 1), format='#,##0.#', locale=LOCALE)} MB"


FILTERS = {"sv_file_size": sv_file_size}
