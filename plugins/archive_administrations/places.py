"""Each administration with the addresses of its pages, for one build.

The registry's :class:`~archive_model.registry.Administration` is the one
object for an administration: the reader files pages under it, templates
show its badge and plugins compare it. Its addresses depend on this plugin's
settings (ADMINISTRATION_URL, …, named after Pelican's CATEGORY_URL), so they
are set here when a build starts, before any page is read.
"""

from __future__ import annotations

import os
from dataclasses import replace

from .settings import administration_settings


def place_administrations(build, settings, **_kwargs):
    """archive_model's build_started: the build's registry with each
    administration's url, save_as, page_name and feed_url."""
    options = administration_settings(settings)
    placed = {
        slug: _placed(admin, options) for slug, admin in build.registry.administrations.items()
    }
    build.registry = replace(build.registry, administrations=placed)


def _placed(admin, options):
    fields = {"slug": admin.slug, "name": admin.name}
    url = options["ADMINISTRATION_URL"].format(**fields)
    feed = options["ADMINISTRATION_FEED_ATOM"]
    return replace(
        admin,
        url=url,
        save_as=options["ADMINISTRATION_SAVE_AS"].format(**fields),
        # As Pelican's URLWrapper.page_name: the URL without its extension.
        page_name=os.path.splitext(options["ADMINISTRATION_URL"])[0].format(**fields),
        feed_url=feed.format(**fields) if feed else None,
    )
