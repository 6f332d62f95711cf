"""Signal wiring for the build-time checks.

``all_generators_finalized``: every file has been read and every page knows
its URL, but nothing has been written yet. Checks that need the whole site
(a link's target, a shared URL) run here and report to the build's errors
(archive_model.errors.BuildErrors), which stop the build before anything is
written, so the published folder is left exactly as it was. What these
checks say of a file that could not be read (a link to it) is left out
there: fixing that file fixes it.
"""

from __future__ import annotations

from archive_model.build import build_of, reports_faults
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


@reports_faults
def report_site_errors(generators):
    if generators:
        build_of(generators[0].settings).errors.report(site_errors(generators))


def register():
    signals.all_generators_finalized.connect(report_site_errors)
