"""The plugin's settings (prefix ``CMS_``): defaults in one place."""

from __future__ import annotations

import os

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
    # OAuth proxy that signs editors in (docs/cms-inloggning.md).
    "CMS_REPO": "helsingborg/lararkiv",
    "CMS_BRANCH": "main",
    "CMS_AUTH_URL": None,
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


def cms_settings(settings):
    return plugin_settings(settings, DEFAULTS, check)
