"""Signal wiring for the administrations.

- ``initialized``: check this plugin's settings once, at start-up.
- ``content_object_init``: as each page is read, its administrations become
  :class:`Administration` objects with URLs, so every template, listing and
  plugin sees linked badges from the start.
- ``get_generators``: the generator that writes the front doors, the overview
  and the feeds (new files → a Generator, not a signal).
- ``feed_generated``: a feed without entries would say it was updated "now"
  (feedgenerator reads the clock); pin it to the build date so two builds stay
  byte-identical (an administration may be in the registry before any page).
"""

from __future__ import annotations

from archive_model.settings import resolve_build_date
from pelican import signals

from .generator import AdministrationsGenerator
from .settings import check_settings
from .taxonomy import wrap_administrations


def check_plugin_settings(pelican):
    check_settings(pelican.settings)


def add_generator(pelican):
    return AdministrationsGenerator


def pin_empty_feed_date(context, feed):
    if not feed.items:
        build_date = resolve_build_date(context)
        feed.latest_post_date = lambda: build_date


def register():
    signals.initialized.connect(check_plugin_settings)
    signals.content_object_init.connect(wrap_administrations)
    signals.get_generators.connect(add_generator)
    signals.feed_generated.connect(pin_empty_feed_date)
