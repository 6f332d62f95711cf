"""Signal wiring for the personal-data guard.

``all_generators_finalized``: every page has been read (a page that failed
to read is reported by the content model, not scanned) and nothing is written
yet. The guard scans every page's source file and the path of every page and
static file here; a likely personnummer is reported to the build's errors
(archive_model.errors.BuildErrors), which stop the build before the writers
run, so it never reaches the output.
Other e-mail addresses and phone numbers are logged as warnings.

``finalized``: every written text file is read once more (written.py), the
last net for what templates and plugins print; a number stops the build and
the staging folder is thrown away, so nothing is published.
"""

from __future__ import annotations

import logging
import re

from archive_model.build import build_of, reports_faults
from archive_model.contents import contents
from archive_model.reader import display_path
from archive_model.settings import resolve_build_date
from pelican import signals

from .attachments import scan_attachment
from .contacts import city_contacts
from .readable import html_texts, values_in
from .scan import exception_keys, scan_file_name, scan_page
from .settings import safety_settings
from .written import stop_on_written_numbers

logger = logging.getLogger(__name__)

# The build's state of this plugin: the exception keys of every page.
STATE = "archive_safety"

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
    allowed_anywhere = build_of(settings).state.setdefault(STATE, set())
    for content in contents(generators):
        shown = display_path(content.source_path)
        exceptions = content.metadata.get("personal_data_exceptions", ())
        source = _source_text(content.source_path)
        findings = scan_page(
            shown,
            source,
            today=today,
            city=city,
            exceptions=exceptions,
            reviewed=content.metadata.get("personal_data_reviewed", False),
            rendered=rendered_texts(content, source),
        )
        errors += findings.errors
        errors += scan_file_name(
            shown, content.relative_source_path, today, exception_keys(exceptions)
        )
        warnings += findings.warnings
        allowed_anywhere.update(exception_keys(exceptions))
        for attachment in content.metadata.get("attachments", ()):
            if attachment.lost:
                continue
            allowed_in_attachments.setdefault(attachment.file, set()).update(
                exception_keys(exceptions)
            )
    for static in static_files(generators):
        # A page that attaches the file may list its number as an exception.
        allowed = allowed_in_attachments.get(static.relative_source_path, set())
        shown = display_path(static.source_path)
        errors += scan_file_name(shown, static.relative_source_path, today, allowed)
        findings = scan_attachment(shown, static.source_path, today=today, city=city, allowed=allowed)
        errors += findings.errors
        warnings += findings.warnings
    for warning in sorted(warnings, key=lambda w: (w.path, w.line or 0)):
        logger.warning("%s", warning)
    build_of(settings).errors.report(errors)


# Front-matter fields that are no text for readers, or whose values the
# guard reads in another form (the exceptions are what it allows).
NOT_READ = frozenset({"personal_data_exceptions", "personal_data_reviewed"})


def rendered_texts(content, source):
    """What readers get of a page besides its source lines: its HTML's text
    and attribute values (alt texts, link targets), and every front-matter
    value as the reader decoded it (YAML escapes gone), with the line of
    its field. The HTML is the reader's, before Pelican resolves
    {filename} links."""
    texts = []
    text, attributes = html_texts(getattr(content, "_content", "") or "")
    texts += [text, *attributes]
    for name, value in content.metadata.items():
        if name in NOT_READ:
            continue
        line = field_line(source, name)
        for each in values_in(value):
            fragment_text, fragment_attributes = html_texts(each) if "<" in each else (each, [])
            texts += [(piece, line) for piece in (fragment_text, *fragment_attributes)]
    return texts


def field_line(source, name):
    """The line of front-matter field ``name`` in ``source``; None where it
    is not written under that name (an alias, a value the model made)."""
    match = re.search(rf"^{re.escape(name)}\s*:", source.split("\n---", 1)[0], re.M)
    return source.count("\n", 0, match.start()) + 1 if match else None


def guard_written_site(pelican):
    """``finalized``: the last net over every written text file (written.py)."""
    settings = pelican.settings
    allowed = build_of(settings).state.get(STATE, set())
    stop_on_written_numbers(pelican.output_path, resolve_build_date(settings).date(), allowed)


def _source_text(path):
    # The reader has already refused files that are not UTF-8.
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read().replace("\r\n", "\n").replace("\r", "\n")


def register():
    signals.all_generators_finalized.connect(guard_personal_data)
    signals.finalized.connect(guard_written_site)
