"""Signal wiring for the build-time checks.

``all_generators_finalized``: every file has been read and every page knows
its URL, but nothing has been written yet. Checks that need the whole site
(a link's target, a shared URL) run here and stop the build with one
:class:`ContentErrors` listing every problem, so the published folder is left
exactly as it was. Registered after archive_model (PLUGINS order): files that
could not be read are reported first, on their own, because links to them
would only repeat the same problem.
"""

from __future__ import annotations

from archive_model.errors import ContentErrors
from pelican import signals

from .collisions import collision_errors
from .content_checks import check_pages
from .content_files import content_file_errors
from .site_map import build_site_map


def site_errors(generators):
    """Every cross-page problem of this build, sorted by file and line."""
    site = build_site_map(generators)
    errors = check_pages(site) + collision_errors(site) + content_file_errors(site)
    return sorted(errors, key=lambda e: (e.path, e.line or 0, e.message))


def stop_on_site_errors(generators):
    errors = site_errors(generators)
    if errors:
        raise ContentErrors(errors)


def register():
    signals.all_generators_finalized.connect(stop_on_site_errors)
