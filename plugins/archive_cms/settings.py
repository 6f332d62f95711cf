"""The plugin's settings (prefix ``CMS_``): defaults in one place."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from archive_model.settings import SettingsError, plugin_settings

# The repository this plugin lives in: Decap is installed next to it by
# `npm ci --prefix cms` (tooling of the repository, not content).
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULTS = {
    # /admin/ in every build; publishconf.py may switch it off.
    "CMS_ENABLED": True,
    # The folder of the CMS in the output (relative, ends without "/").
    "CMS_OUTPUT": "admin",
    # Where `npm ci --prefix cms` put Decap and the YAML library.
    "CMS_NODE_MODULES": os.path.join(REPOSITORY, "cms", "node_modules"),
    # The GitHub repository the CMS commits to, its branch, and the
    # OAuth proxy that signs editors in (lararkiv/cms_auth.py,
    # docs/cms-inloggning.md): its origin (Decap compares it with the
    # origin of the proxy's messages, so no path) and the path Decap opens
    # there. None: Decap's default (Netlify's service).
    "CMS_REPO": "helsingborg/lararkiv",
    "CMS_BRANCH": "main",
    "CMS_AUTH_BASE_URL": None,
    "CMS_AUTH_ENDPOINT": "auth",
    # Drafts become branches and pull requests (draft, in review, ready).
    "CMS_EDITORIAL_WORKFLOW": True,
    # Where `invoke redigera`'s preview server forwards the CMS to
    # decap-server: the same origin as /admin/, so no other origin is asked.
    "CMS_LOCAL_BACKEND_URL": "/api/v1",
    # Origins besides the site's own the CMS may contact (its policy's
    # connect-src): GitHub's API for the github backend.
    "CMS_CONNECT_ORIGINS": ("https://api.github.com",),
}


def check(merged, _settings):
    output = str(merged["CMS_OUTPUT"]).strip("/")
    if not output or ".." in output.split("/"):
        raise SettingsError(f"CMS_OUTPUT: '{merged['CMS_OUTPUT']}' ska vara en mapp i webbplatsen, t.ex. 'admin'")
    merged["CMS_OUTPUT"] = output
    if merged["CMS_AUTH_BASE_URL"]:
        merged["CMS_AUTH_BASE_URL"] = auth_origin(merged["CMS_AUTH_BASE_URL"])
    merged["CMS_AUTH_ENDPOINT"] = str(merged["CMS_AUTH_ENDPOINT"] or "auth").strip("/")


def auth_origin(value):
    """The proxy's origin as Decap needs it: scheme, host and port only."""
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.path.strip("/") or parts.query:
        raise SettingsError(
            f"CMS_AUTH_BASE_URL: '{value}' ska vara inloggningstjänstens adress utan sökväg, "
            "t.ex. 'https://lararkiv-inloggning.helsingborg.se' (sökvägen hör till CMS_AUTH_ENDPOINT)")
    return f"{parts.scheme}://{parts.netloc}"


def cms_settings(settings):
    return plugin_settings(settings, DEFAULTS, check)
