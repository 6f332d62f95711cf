"""Pages an earlier build into the same folder wrote that the content no longer makes.

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
folder and has nothing stale. The list is kept in memory for the next build
of the same process and, if ``PUBLISH_PAGE_LIST`` names a file (`invoke
serve` and `invoke build` do), on disk for the next process: a draft
published between two preview sessions leaves too.
"""

from __future__ import annotations

import json
import logging
import os

from archive_model.files import write_if_changed
from archive_model.plugin import content_errors

from .quick_preview import content_of
from .settings import publish_setting

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
    kept = publish_setting(generators[0].settings, "PUBLISH_PAGE_LIST")
    previous = _last_pages.get(output)
    if previous is None and kept:
        previous = _read_list(kept, output)
    _last_pages[output] = pages
    if kept:
        _write_list(kept, output, pages)
    for path in sorted((previous or set()) - pages):
        _remove(path, output)


def _read_list(path, output):
    """The pages of the last build into ``output`` kept in ``path``; None if
    there is no such list (another output folder, a first build)."""
    try:
        with open(path, encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("output") != output:
        return None
    return {os.path.join(output, page) for page in kept.get("pages", [])}


def _write_list(path, output, pages):
    listed = {"output": output, "pages": sorted(os.path.relpath(page, output) for page in pages)}
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_if_changed(path, json.dumps(listed, ensure_ascii=False, indent=0).encode("utf-8"))


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
