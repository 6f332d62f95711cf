"""The plugin's settings: defaults in one place, merged over the user's."""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # E-mail domains of the city's own addresses: allowed on any page.
    # Subdomains count too (x@skola.helsingborg.se). Others need a review.
    "SAFETY_ALLOWED_EMAIL_DOMAINS": ["helsingborg.se"],
    # `invoke check` warns about pages whose LIX is above this (50 = "svår").
    "SAFETY_LIX_WARN_LEVEL": 50,
    # Below this many words LIX says little; such pages are listed, not warned.
    "SAFETY_LIX_MIN_WORDS": 30,
}


def safety_settings(settings):
    """The plugin's settings: the user's values over the defaults."""
    return plugin_settings(settings, DEFAULTS)
