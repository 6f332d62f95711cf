"""Signal wiring for the CMS.

- ``get_generators``: :class:`CmsGenerator` writes /admin/ (a Generator,
  because it writes files), after every page is read: the configuration's
  ``follows`` choices are the build's published pages.
- ``initialized``: the settings are checked at start-up.
- archive_model's ``build_started``: /admin/ is declared (files.plan_output):
  no page can claim it.
"""

from __future__ import annotations

from archive_model.build import build_started
from pelican import signals

from .generator import check_settings, cms_generator, plan_cms_folder


def register():
    signals.initialized.connect(check_settings)
    build_started.connect(plan_cms_folder)
    signals.get_generators.connect(cms_generator)
