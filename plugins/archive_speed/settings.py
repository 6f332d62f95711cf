"""The plugin's settings (prefix ``SPEED_``): defaults in one place.

Every setting here changes how fast a build is, never what it makes: the
site is the same bytes with any of them off, or without the plugin
(tests/test_optimisations.py).
"""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # Read content files on every core (prefetch.py): one worker per core and
    # one more; off on a one-core machine.
    "SPEED_PARALLEL_READ": True,
    # Below this many files to read, starting the worker processes costs
    # more than it saves, and the files are read serially.
    "SPEED_PARALLEL_READ_MIN_FILES": 16,
    # Each article's and page's URL is worked out once, when every file has
    # been read, instead of on every use (urls.py).
    "SPEED_REMEMBER_URLS": True,
    # Tag and category lists answer `in` from a set (members.py), so Pelican's
    # listings do not grow with the square of the archive.
    "SPEED_INDEXED_TAXONOMIES": True,
    # Render ArticlesGenerator's pages on every core (render_batch.py).
    "SPEED_PARALLEL_WRITE": True,
    # Fewer recorded pages than this are rendered in the build's own process:
    # forking costs more than it saves on a small site.
    "SPEED_PARALLEL_WRITE_MIN_FILES": 200,
    # A file that keeps the outputs of the last build into an output folder,
    # so that the next build (in another process) removes those it no longer
    # makes (stale_outputs.py). None: only builds in one process remember them.
    # Set by `invoke serve` and `invoke build` (under cache/), not in settings
    # files: a build into an empty folder (`invoke publish`) needs none.
    "SPEED_OUTPUT_LIST": None,
}


def speed_settings(settings):
    return plugin_settings(settings, DEFAULTS)
