"""Signal wiring for the CMS.

- ``get_generators``: :class:`CmsGenerator` writes /admin/ (a Generator,
  because it writes files), after every page is read: the configuration's
  ``follows`` choices are the build's published pages.
- ``initialized``: the settings are checked at start-up.
"""

from __future__ import annotations

from pelican import signals

from .generator import check_settings, cms_generator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(cms_generator)
