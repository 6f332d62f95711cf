"""Reading content files on every core (issue #10).

Pelican reads files one by one; most of a read is ours and needs no Pelican
state: decoding, splitting, YAML (`reader.read_front`), Markdown and the
raw-HTML policy (`reader.convert_body`). When a generator knows its files,
every file it will read is sent to a process pool; `ArchiveReader` then takes
each file's parts when Pelican asks for it and builds the metadata in this
process, as a serial read does. What a worker logs is replayed after the
metadata, where a serial read logs it, and errors are raised in the reader's
order, so the build's output and its messages are the same with or without
the pool (tests/test_optimisations.py).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor

from archive_model.errors import ContentError
from archive_model.reader import convert_body, read_front
from archive_model.settings import model_settings
from markdown import Markdown

from .settings import speed_settings

logger = logging.getLogger(__name__)


def worker_count(settings):
    """Worker processes for this build: 0 means read serially."""
    if not speed_settings(settings)["SPEED_PARALLEL_READ"]:
        return 0
    cores = os.cpu_count() or 1
    # One more worker than cores: the build process takes each file's parts
    # and builds its metadata while the workers convert, and a spare worker
    # keeps every core busy then (10,000 pages, 2 cores: 16.3 s to read
    # against 17.3 s with one per core; bench/README "Session 6").
    return cores + 1 if cores > 1 else 0


class Prefetch:
    """Futures of every file a generator will read, taken one by one."""

    def __init__(self, paths, settings, workers):
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(settings["MARKDOWN"], model_settings(settings)["ARCHIVE_MAX_FILE_BYTES"]),
        )
        self._futures = {path: self._executor.submit(_read_in_worker, path) for path in paths}

    def take(self, source_path):
        """The file's parts, or None to read it here (not sent, or the worker failed)."""
        future = self._futures.pop(os.path.abspath(source_path), None)
        if not self._futures:
            self._executor.shutdown(wait=False)
        if future is None:
            return None
        try:
            outcome = future.result()
        except Exception:  # e.g. a body error that cannot be pickled: read it here
            logger.debug("prefetch of %s failed; reading it here", source_path, exc_info=True)
            return None
        if isinstance(outcome, ContentError):
            raise outcome
        return outcome

    def close(self):
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)


def start_prefetch(reader, paths, settings):
    """Send ``paths`` (absolute, in the order Pelican will read them) to
    worker processes for ``reader`` to take."""
    workers = worker_count(settings)
    if workers and len(paths) >= speed_settings(settings)["SPEED_PARALLEL_READ_MIN_FILES"]:
        if reader.prefetch is not None:
            reader.prefetch.close()
        reader.prefetch = Prefetch(paths, settings, min(workers, len(paths)))


class _WorkerState:
    """Each worker process's Markdown converter and file limit, set once by
    the pool's initializer (a process-wide slot is the pool's way to give a
    worker state; nothing in the build process uses it)."""

    markdown = None
    max_bytes = None


class RecordCollector(logging.Handler):
    """Log records kept to be sent to the build process and logged there
    (also by archive_publish's forked rendering processes)."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        # Formatted here: arguments may not pickle.
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _start_worker(markdown_settings, max_bytes):
    _WorkerState.markdown = Markdown(**markdown_settings)
    _WorkerState.max_bytes = max_bytes


def _read_in_worker(path):
    """One file's SourceParts with the body converted, or its ContentError."""
    try:
        parts = read_front(path, _WorkerState.max_bytes)
    except ContentError as error:
        return error
    collector = RecordCollector()
    root = logging.getLogger()
    handlers, root.handlers = root.handlers, [collector]
    try:
        parts.html = convert_body(parts, _WorkerState.markdown)
    except Exception as error:  # noqa: BLE001 - raised by the reader, in its order
        parts.body_error = error
    finally:
        root.handlers = handlers
    parts.converted, parts.body, parts.body_log = True, None, collector.records
    return parts
