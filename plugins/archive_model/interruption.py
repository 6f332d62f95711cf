"""Stopping a build that is already out of date (the preview's).

`invoke serve` builds again after every save. When the editor saves while a
build still runs, the pages it writes are stale: the preview stops it at the
next written file, or while Pagefind runs, and starts the next one. The
preview says so for the builds it starts (:func:`stop_when`), on each
``Build``; long steps of any plugin ask their build (``Build.superseded``).
Outside the preview nothing stops.
"""

from __future__ import annotations

import contextlib

from .build import build_of, build_started


class Superseded(Exception):
    """The editor saved again while this build ran: it stops for the next one."""


@contextlib.contextmanager
def stop_when(check):
    """Every build that starts while the block runs asks ``check()`` at its
    long steps (None: never)."""

    def attach(build, **_kwargs):
        if check is not None:
            build.superseded = check

    build_started.connect(attach, weak=False)
    try:
        yield
    finally:
        build_started.disconnect(attach)


def stop_if_superseded(settings):
    if build_of(settings).superseded():
        raise Superseded
