"""The articles' pages rendered on every core (issue #10).

Pelican renders and writes the pages of ArticlesGenerator one by one, on one
core; at 10,000 pages that is the largest part of a build after reading.
While ArticlesGenerator writes, :class:`~.writer.ChangedOnlyWriter` only
records each call: Pelican's own `write_file` runs as always (pagination,
local context, its checks against writing a file twice), but the template's
`render` and the file are held back as a :class:`Job`. When ArticlesGenerator
is done (`article_writer_finalized`), the jobs are split by output path over
this process and one forked process per further core, each rendering and
writing its share. A fork shares the whole build's state as it is, so every
page renders from exactly the context the serial writer would have used; the
bytes are the same either way (tests/test_optimisations_render.py).

`content_written` is sent for each page after the whole batch is written,
with the page's own context, so its receivers find the file as Pelican
promises (they hear of ArticlesGenerator's pages later, not earlier).

A forked process never writes to the terminal itself: another thread of the
build (Pelican's progress display, the preview's server) may have held the
terminal's lock when it was forked. What it logs is sent back with its result
and logged by the build process.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import traceback
import zlib
from dataclasses import dataclass

from archive_model.build import build_of
from archive_model.files import write_if_changed
from archive_model.interruption import Superseded

from .prefetch import RecordCollector
from .settings import speed_settings


@dataclass
class Job:
    """One page as Pelican's writer would render it: its local context is
    the shared context with ``own`` on top (a whole copy per page would
    hold 200 MB at 10,000 pages until the batch is rendered)."""

    template: object
    own: dict
    shared_context: dict
    path: str = None

    def run(self):
        # What Pelican's _write_file does before rendering: with relative
        # URLs a page's links are made relative to it through the shared context.
        if self.own["localsiteurl"]:
            self.shared_context["localsiteurl"] = self.own["localsiteurl"]
        html = self.template.render(self.local_context())
        write_if_changed(self.path, html.encode("utf-8"))

    def local_context(self):
        """The context Pelican's writer renders this page with."""
        return {**self.shared_context, **self.own}


ABSENT = object()  # stands for a key the shared context does not have


class RecordingTemplate:
    """Stands in for the template in one `write_file` call: records the
    render as a job instead of rendering (the writer adds the path)."""

    def __init__(self, template, shared_context, jobs):
        self.template, self.shared_context, self.jobs = template, shared_context, jobs

    def render(self, localcontext):
        shared = self.shared_context
        own = {key: value for key, value in localcontext.items() if shared.get(key, ABSENT) is not value}
        # Pelican has just set the shared one to this page's; it changes per page.
        own["localsiteurl"] = localcontext["localsiteurl"]
        self.jobs.append(Job(self.template, own, shared))
        return ""



def processes(settings):
    """How many processes render a batch: 1 means this one only."""
    if not speed_settings(settings)["SPEED_PARALLEL_WRITE"] or not hasattr(os, "fork"):
        return 1  # off, or Windows (no fork): one by one
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def render(jobs, settings):
    """Render and write every job; on several cores when there are enough."""
    count = processes(settings)
    superseded = build_of(settings).superseded
    if count == 1 or len(jobs) < speed_settings(settings)["SPEED_PARALLEL_WRITE_MIN_FILES"]:
        _render_share(jobs, superseded)
        return
    shares = [[] for _ in range(count)]
    for job in jobs:  # by path: every write to one file stays in one process, in order
        shares[zlib.crc32(job.path.encode()) % count].append(job)
    # The shared context stays as the last recorded page left it, as after
    # Pelican's serial writing, whatever this process rendered last.
    left = {id(job.shared_context): (job.shared_context, job.shared_context.get("localsiteurl")) for job in jobs}
    children = [Child(share) for share in shares[1:]]
    try:
        _render_share(shares[0], superseded)
        for child in children:
            child.wait(superseded)
    except BaseException:
        for child in children:
            child.stop()
        raise
    finally:
        for context, localsiteurl in left.values():
            context["localsiteurl"] = localsiteurl


def _render_share(jobs, superseded):
    for job in jobs:
        job.run()
        if superseded():
            raise Superseded


class Child:
    """A forked process rendering its share; sends back its log records and
    any error through a pipe."""

    def __init__(self, jobs):
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: render, report, exit without cleanup
            os.close(read_end)
            os._exit(_render_in_child(jobs, write_end))
        os.close(write_end)
        self.report = os.fdopen(read_end, "rb")

    def wait(self, superseded):
        data = self.report.read()  # until the child exits and its end closes
        self.report.close()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if superseded():
            raise Superseded
        if not data:  # killed before it could answer (e.g. out of memory)
            raise RuntimeError(f"en parallell skrivprocess avslutades utan svar (status {status})")
        records, error, text = pickle.loads(data)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if error is not None:
            error.add_note(f"(i en parallell skrivprocess)\n{text}")
            raise error

    def stop(self):
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:  # already gone
            pass
        self.report.close()
        self.pid = None


def _render_in_child(jobs, write_end):
    collector = RecordCollector()
    logging.getLogger().handlers[:] = [collector]
    error = None
    try:
        for job in jobs:
            job.run()
    except BaseException as failure:  # noqa: BLE001 — reported to the parent
        error = failure
    with os.fdopen(write_end, "wb") as report:
        report.write(_pickled(collector.records, error))
    return 0 if error is None else 1


def _pickled(records, error):
    text = "".join(traceback.format_exception(error)) if error is not None else ""
    try:
        return pickle.dumps((records, error, text))
    except Exception:  # noqa: BLE001 — an error that cannot be pickled
        return pickle.dumps((records, RuntimeError(str(error)), text))
