"""What one build shares across the plugins: its registry, its errors, the
files it makes, and whatever a plugin keeps of it.

A :class:`Build` is made when a build starts (``get_generators``, the first
signal of every run, also of the preview's next build with the same
Pelican) and kept in the build's settings, the one object the reader, every
generator, every signal's sender and lararkiv's runner share; each
generator's context gets it too (``generator_init``). Plugins read it with
:func:`build_of`, never from a module of their own: nothing outlives the
build, and two builds in one process never mix.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from blinker import signal

from .errors import BuildErrors, ContentError, fault
from .registry import Registry, load_registry
from .settings import registry_path

# The key in settings (and in each generator's context).
BUILD = "ARCHIVE_BUILD"

# Sent once per build with the new Build, before any file is read: a plugin
# may complete the registry for this build (archive_administrations gives
# each administration the URLs of its pages), so every page, template and
# plugin sees one object per administration.
build_started = signal("archive_build_started")


def _never():
    return False


@dataclass
class Build:
    registry: Registry
    errors: BuildErrors = field(default_factory=BuildErrors)
    # Absolute paths of the files this build makes, written or found
    # unchanged (files.py): what archive_speed compares between builds.
    outputs: set = field(default_factory=set)
    # What the build will write besides the pages, declared before anything
    # is read (files.plan_output): output path, or a folder ending in "/"
    # written as a whole, → who writes it. No page may claim one of them.
    planned: dict = field(default_factory=dict)
    # The preview's question "has the editor saved again?" (interruption.py).
    superseded: object = _never
    # The symbolic links under content/, found when the build starts: refused,
    # and never read through (boundary.py).
    links: tuple = ()
    # What a plugin keeps of this build, under its own name (a run of
    # Pagefind, the git history): nothing of a build lives in a module.
    state: dict = field(default_factory=dict)

    def __reduce__(self):
        # Pelican's content cache pickles page metadata whose Tag, Category
        # and Author objects hold the settings, this key included. A Build
        # belongs to its process and its build, never to a cache.
        return (_no_build, ())


def _no_build():
    return None


def start_build(settings):
    """A new Build for ``settings``: the registry read once, no errors yet.
    build_started's receivers get the build before it too (``previous``,
    None for the first): what must outlive one build is handed on there."""
    previous = settings.get(BUILD)
    build = Build(registry=load_registry(registry_path(settings)))
    settings[BUILD] = build
    build_started.send(build, settings=settings, previous=previous)
    return build


def build_of(settings):
    """The Build ``settings`` (or a generator's context) belong to; outside
    a Pelican run (a task, a test) one is started on first use."""
    return settings.get(BUILD) or start_build(settings)


def reports_faults(receiver):
    """For an ``all_generators_finalized`` receiver: its content errors, and
    a bug of ours in it as one Swedish line naming the step, go to the
    build's errors, which stop the build with the rest of them, never with a
    traceback."""

    @functools.wraps(receiver)
    def guarded(generators):
        if not generators:
            return None
        errors = build_of(generators[0].settings).errors
        try:
            return receiver(generators)
        except ContentError as error:
            errors.report(error)
        except Exception as error:  # noqa: BLE001 — any bug, shown as our one line
            step = receiver.__module__.split(".")[0]
            errors.report(fault(f"({step})", error))
        return None

    return guarded
