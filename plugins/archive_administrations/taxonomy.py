"""The Administration taxonomy: a registry entry with the URLs of its pages.

Articles carry these instead of bare registry entries, so every template that
shows a badge can link it (``admin.url``) without knowing this plugin's
settings. Everything the registry says about the administration (slug, name,
abbreviation, description, primary, challenge, contact, colour, aliases) reads
straight through, so code written against registry entries keeps working.
"""

from __future__ import annotations

import re

from pelican.urlwrappers import URLWrapper

from .settings import administration_settings


class Administration(URLWrapper):
    """Reads ADMINISTRATION_URL / ADMINISTRATION_SAVE_AS like Pelican's Tag."""

    def __init__(self, entry, settings):
        super().__init__(entry.name, administration_settings(settings))
        self.entry = entry
        self.slug = entry.slug

    def __getattr__(self, name):
        # Only called for attributes the wrapper lacks: the registry's fields.
        # Guarded so that copying or unpickling (no `entry` yet) cannot recurse.
        if name.startswith("__") or name == "entry" or "entry" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.entry, name)

    def __eq__(self, other):
        # Equal to the registry entry it wraps too: `admin in article.administrations`
        # holds whichever of the two a caller has in hand.
        if hasattr(other, "slug") and hasattr(other, "abbreviation"):
            return self.slug == other.slug
        return super().__eq__(other)

    def __ne__(self, other):
        return not self == other

    __hash__ = URLWrapper.__hash__

    @property
    def contact_email(self):
        """The registry's contact when it is an e-mail address (shown as a
        mailto: link), else None (free text such as a phone number)."""
        contact = str(self.entry.contact or "").strip()
        return contact if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact) else None

    @property
    def feed_url(self):
        """The Atom feed's URL relative to the site, or None without feeds."""
        pattern = self.settings["ADMINISTRATION_FEED_ATOM"]
        return pattern.format(slug=self.slug) if pattern else None


def wrap_administrations(content):
    """content_object_init: give each article's administrations their URLs."""
    entries = getattr(content, "administrations", None)
    if not entries:
        return
    wrapped = [
        a if isinstance(a, Administration) else Administration(a, content.settings) for a in entries
    ]
    content.administrations = wrapped
    if "administrations" in content.metadata:
        content.metadata["administrations"] = wrapped
