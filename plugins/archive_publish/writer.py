"""A Pelican writer that leaves a file alone when its bytes would not change.

Pelican's ``Writer`` opens every output file for writing and rewrites it on
every build. In the preview (and any build over an earlier output) nearly
every file comes out the same: rewriting it costs disk writes, and gives
every file a new modification time, so a sync or an upload cannot tell what
changed (issue #10). The page is still rendered; only an unchanged write is
skipped. Pelican's checks against writing one file twice stay as they are.
"""

from __future__ import annotations

import io
import logging
import os

from archive_model.files import write_if_changed
from pelican.writers import FileOverwriteFailedError, Writer

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
    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping (writers.Writer._open_w), then our file.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
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
        return ChangedOnlyFile(filename, encoding)
