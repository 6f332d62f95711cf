"""Pages an earlier build in this process wrote that the content no longer makes.

`invoke serve` writes each build over the last one (a failed build must leave
the last good site in place, so the output folder is never emptied first). A
page that moved (a draft published, a new date or slug) or whose file was
deleted would stay behind at its old address: served by the preview, listed
in its sitemap and indexed by its search, all of which read the output
folder. So once every file is read without a content error, the pages the
last build of this output folder made and this one will not make are
removed, with the folders they leave empty, before anything is written.

Only pages are tracked (articles, pages and drafts, whose addresses the
generators know before writing); `invoke publish` builds into an empty
folder and has nothing stale.
"""

from __future__ import annotations

import logging
import os

from archive_model.plugin import content_errors

from .quick_preview import content_of

logger = logging.getLogger(__name__)

# Output folder → the absolute paths of the pages its last build made.
_last_pages = {}


def remove_stale_pages(generators):
    if not generators or content_errors(generators):
        return  # a file that failed to read is missing from the lists, not gone
    output = os.path.abspath(generators[0].output_path)
    pages = {
        os.path.join(output, content.save_as)
        for generator in generators
        for content in content_of(generator)
        if content.save_as
    }
    previous, _last_pages[output] = _last_pages.get(output), pages
    for path in sorted((previous or set()) - pages):
        _remove(path, output)


def _remove(path, output):
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    logger.info("Tog bort %s: ingen sida har den adressen längre", os.path.relpath(path, output))
    folder = os.path.dirname(path)
    while folder != output and folder.startswith(output + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
