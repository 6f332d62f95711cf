"""Signal wiring for the administrations.

- ``initialized``: check this plugin's settings once, at start-up.
- archive_model's ``build_started`` (before any page is read): each
  administration in the build's registry gets the addresses of its pages
  (places.py), so every page, template and plugin sees linked badges from
  the start, on the one object the registry has.
- archive_model's ``build_started`` too: the administrations' pages, feeds
  and stylesheet are declared (files.plan_output), so no page claims them.
- ``get_generators``: the generator that writes the front doors, the overview
  and the feeds (new files → a Generator, not a signal).
- ``feed_generated``: a feed without entries would say it was updated "now"
  (feedgenerator reads the clock); pin it to the build date so two builds stay
  byte-identical (an administration may be in the registry before any page).
"""

from __future__ import annotations

from archive_model.build import build_started
from archive_model.files import plan_output
from archive_model.settings import resolve_build_date
from pelican import signals

from .generator import AdministrationsGenerator
from .places import place_administrations
from .settings import administration_settings


def check_settings(pelican):
    administration_settings(pelican.settings)


def add_generator(pelican):
    return AdministrationsGenerator


def pin_empty_feed_date(context, feed):
    if not feed.items:
        build_date = resolve_build_date(context)
        feed.latest_post_date = lambda: build_date


def plan_administration_pages(_build, settings=None, **_kwargs):
    options = administration_settings(settings)
    for name in ("ADMINISTRATIONS_SAVE_AS", "ADMINISTRATION_SAVE_AS", "ADMINISTRATION_FEED_ATOM",
                 "ADMINISTRATIONS_COLOURS_SAVE_AS"):
        plan_output(settings, options[name], "förvaltningarnas sidor")


def register():
    signals.initialized.connect(check_settings)
    build_started.connect(place_administrations)
    build_started.connect(plan_administration_pages)
    signals.get_generators.connect(add_generator)
    signals.feed_generated.connect(pin_empty_feed_date)
