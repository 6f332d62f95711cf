"""Output files written only when their bytes change (issue #10).

Every plugin that writes files itself uses this, as Pelican's pages do
through archive_publish's writer: a build over an earlier output leaves
unchanged files, and their modification times, alone, so a sync or an
upload can tell what changed.
"""

from __future__ import annotations


def write_if_changed(path, data):
    """Write ``data`` (bytes) to ``path`` unless the file holds them already.
    Returns True when it wrote."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except OSError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    return True
