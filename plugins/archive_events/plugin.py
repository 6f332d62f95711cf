"""Signal wiring for the events plugin.

- ``get_generators``: the calendar generator writes new files (/kalender/,
  .ics), which is a Generator's job (STYLE.md); it also publishes the event
  occurrences into the shared context before any template is rendered.
- ``generator_init``: the filters the event block needs (its .ics link and
  JSON-LD), in every generator's Jinja environment.
- archive_model's ``build_started``: the calendar page and the .ics files
  are declared (files.plan_output), so no page's slug: can claim them.

Events themselves are parsed and validated by archive_model's reader
(event_fields.py), once, at read time.
"""

from __future__ import annotations

from functools import partial

from archive_model.build import build_started
from archive_model.dates import format_day
from archive_model.files import plan_output
from pelican import signals

from .generator import CalendarGenerator
from .jsonld import page_jsonld
from .settings import events_settings


def calendar_generator(pelican):
    return CalendarGenerator


def event_ics_url(article, config):
    """The page's own .ics, relative to SITEURL."""
    return config["EVENTS_PAGE_ICS"].format(url=article.url)


def webcal_url(relative, config):
    """``webcal://host/kalender/alla.ics``: the link that opens a calendar app
    to subscribe (Apple Calendar, Outlook, Thunderbird), where an https link
    would download the file once. '' without an absolute EVENTS_SITE_URL."""
    base = config["EVENTS_SITE_URL"]
    if not base:
        return ""
    return "webcal://" + base.split("://", 1)[1] + "/" + relative


def sv_date_no_year(value):
    """``tisdag 21 maj``: the first day of a range whose last day has the year."""
    return format_day(value, "EEEE d MMMM")


def add_event_filters(generator):
    config = events_settings(generator.settings)
    generator.env.filters.update(
        event_ics_url=partial(event_ics_url, config=config),
        event_jsonld=partial(page_jsonld, config=config),
        webcal_url=partial(webcal_url, config=config),
        sv_date_no_year=sv_date_no_year,
    )


def check_settings(pelican):
    # Fail at start-up, not after every page has been read.
    events_settings(pelican.settings)


def plan_calendars(_build, settings=None, **_kwargs):
    config = events_settings(settings)
    for name in ("EVENTS_CALENDAR_SAVE_AS", "EVENTS_ICS_ALL", "EVENTS_ICS_ADMINISTRATION", "EVENTS_ICS_TYPE"):
        plan_output(settings, config[name], "kalendern")


def register():
    signals.initialized.connect(check_settings)
    build_started.connect(plan_calendars)
    signals.get_generators.connect(calendar_generator)
    signals.generator_init.connect(add_event_filters)
