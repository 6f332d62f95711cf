"""A Pelican writer that leaves a file alone when its bytes would not change.

Pelican's ``Writer`` opens every output file for writing and rewrites it on
every build. In the preview (and any build over an earlier output) nearly
every file comes out the same: rewriting it costs disk writes, and gives
every file a new modification time, so a sync or an upload cannot tell what
changed (issue #10). The page is still rendered; only an unchanged write is
skipped. Pelican's checks against writing one file twice stay as they are.

On a machine with several cores it also records ArticlesGenerator's pages
instead of rendering them at once, and renders them on every core when
ArticlesGenerator is done (render_batch.py, :meth:`ChangedOnlyWriter.flush`).
"""

from __future__ import annotations

import io
import logging
import os

from archive_model.files import record_output, write_if_changed
from pelican import signals
from pelican.writers import Writer

try:
    from pelican.writers import FileOverwriteFailedError
except ImportError:  # Pelican < 4.12 raises a plain RuntimeError there
    FileOverwriteFailedError = RuntimeError

from . import render_batch

logger = logging.getLogger(__name__)


class ChangedOnlyFile(io.StringIO):
    """Text collected in memory, written on close only if it changed."""

    def __init__(self, path, encoding):
        super().__init__()
        self.path = path
        self.target_encoding = encoding

    def close(self):
        if not self.closed:
            write_if_changed(self.path, self.getvalue().encode(self.target_encoding))
        super().close()


class ChangedOnlyWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        # Pages recorded for render_batch until flush(); None: render at once.
        self._jobs = [] if render_batch.processes(self.settings) > 1 else None

    def write_file(self, name, template, context, *args, **kwargs):
        if self._jobs is None:
            super().write_file(name, template, context, *args, **kwargs)
            return
        template = render_batch.RecordingTemplate(template, context, self._jobs)
        # Pelican sends content_written once the file is there; a recorded
        # page's file comes with flush(), and so does its signal.
        with signals.content_written.muted():
            super().write_file(name, template, context, *args, **kwargs)

    def flush(self):
        """Render and write the recorded pages, then tell content_written's
        receivers, as Pelican would have; from now on render at once."""
        jobs, self._jobs = self._jobs, None
        if not jobs:
            return
        render_batch.render(jobs, self.settings)
        for job in jobs:
            signals.content_written.send(job.path, context=job.local_context())

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping (writers.Writer._open_w), then our file.
        recorded = self._jobs[-1] if self._jobs and self._jobs[-1].path is None else None
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            if recorded:
                self._jobs.pop()
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already '
                    "written to it previously (set `override=True` if intended)"
                )
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        record_output(self.settings, filename)  # also when a forked process writes it
        if recorded:  # the page comes with flush(); Pelican writes "" here
            recorded.path = filename
            return io.StringIO()
        return ChangedOnlyFile(filename, encoding)
