"""Signal wiring for the personal-data guard.

``all_generators_finalized``: every page has been read (a page that failed
to read is reported by the content model, not scanned) and nothing is written
yet. The guard scans every page's source file and the path of every page and
static file here; a likely personnummer is reported to the build's errors
(archive_model.errors.BuildErrors), which stop the build before the writers
run, so it never reaches the output.
Other e-mail addresses and phone numbers are logged as warnings.
"""

from __future__ import annotations

import logging

from archive_model.build import build_of, reports_faults
from archive_model.contents import contents
from archive_model.reader import display_path
from archive_model.settings import resolve_build_date
from pelican import signals

from .contacts import city_contacts
from .scan import exception_keys, scan_file_name, scan_page
from .settings import safety_settings

logger = logging.getLogger(__name__)

def static_files(generators):
    return [f for g in generators for f in getattr(g, "staticfiles", None) or ()]


@reports_faults
def guard_personal_data(generators):
    if not generators:
        return
    settings = generators[0].settings
    today = resolve_build_date(settings).date()
    city = city_contacts(settings, safety_settings(settings)["SAFETY_ALLOWED_EMAIL_DOMAINS"])
    errors, warnings = [], []
    allowed_in_attachments = {}
    for content in contents(generators):
        shown = display_path(content.source_path)
        exceptions = content.metadata.get("personal_data_exceptions", ())
        findings = scan_page(
            shown,
            _source_text(content.source_path),
            today=today,
            city=city,
            exceptions=exceptions,
            reviewed=content.metadata.get("personal_data_reviewed", False),
        )
        errors += findings.errors
        errors += scan_file_name(
            shown, content.relative_source_path, today, exception_keys(exceptions)
        )
        warnings += findings.warnings
        for attachment in content.metadata.get("attachments", ()):
            if attachment.lost:
                continue
            allowed_in_attachments.setdefault(attachment.file, set()).update(
                exception_keys(exceptions)
            )
    for static in static_files(generators):
        # A page that attaches the file may list its number as an exception.
        allowed = allowed_in_attachments.get(static.relative_source_path, set())
        errors += scan_file_name(
            display_path(static.source_path), static.relative_source_path, today, allowed
        )
    for warning in sorted(warnings, key=lambda w: (w.path, w.line or 0)):
        logger.warning("%s", warning)
    build_of(settings).errors.report(errors)


def _source_text(path):
    # The reader has already refused files that are not UTF-8.
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read().replace("\r\n", "\n").replace("\r", "\n")


def register():
    signals.all_generators_finalized.connect(guard_personal_data)
