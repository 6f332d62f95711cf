"""Output files written only when their bytes change (issue #10).

Every plugin that writes files itself uses this, as Pelican's pages do
through archive_publish's writer: a build over an earlier output leaves
unchanged files, and their modification times, alone, so a sync or an
upload can tell what changed. Each file is also recorded as an output of
the build, written or not (``record_output``), so that a later build into
the same folder can remove what it no longer makes.
"""

from __future__ import annotations

import os

# Absolute paths of the output files recorded since they were last taken:
# what a build wrote or found unchanged (archive_publish's stale_outputs
# compares a build's with the last one's, to remove what is no longer made).
_recorded = set()


def record_output(path):
    """Note that this build makes the file at ``path``."""
    _recorded.add(os.path.abspath(path))


def take_outputs(folder):
    """The recorded files in ``folder``, forgotten as they are taken."""
    prefix = os.path.join(os.path.abspath(folder), "")
    taken = {path for path in _recorded if path.startswith(prefix)}
    _recorded.difference_update(taken)
    return taken


def write_if_changed(path, data):
    """Write ``data`` (bytes) to ``path`` unless the file holds them already.
    Returns True when it wrote. Either way the file is recorded as an output."""
    record_output(path)
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except OSError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    return True
