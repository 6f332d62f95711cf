"""Stopping a build that is already out of date (the preview's).

`invoke serve` builds again after every save. When the editor saves while a
build still runs, the pages it writes are stale: the preview stops it at the
next written file, or while Pagefind runs, and starts the next one. The
preview says so for the duration of a build (:func:`stop_when`); long steps
of any plugin ask :func:`superseded`. Outside the preview nothing stops.
"""

from __future__ import annotations

import contextlib


class Superseded(Exception):
    """The editor saved again while this build ran: it stops for the next one."""


_check = None


@contextlib.contextmanager
def stop_when(check):
    """While the block runs, :func:`superseded` asks ``check()`` (None: never)."""
    global _check  # noqa: PLW0603 — one build at a time runs in a process
    _check = check
    try:
        yield
    finally:
        _check = None


def superseded():
    return bool(_check and _check())


def stop_if_superseded():
    if superseded():
        raise Superseded
