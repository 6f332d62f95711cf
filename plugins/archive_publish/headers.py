"""Response headers for hosts that read a headers file (``_headers``:
Netlify, Cloudflare Pages and others of that style).

A ``<meta>`` Content-Security-Policy protects our HTML pages only, and some
directives cannot be set there at all (``frame-ancestors``). Headers protect
every response: also a PDF, an image, a feed. The pages' meta policy and the
headers file's come from one setting, ``PUBLISH_CONTENT_SECURITY_POLICY``,
so the two cannot drift apart (tests/plugins/test_headers_file.py).

Rules are per path (``PUBLISH_HEADER_RULES``: ``(path, headers)`` in order,
headers a dict or a sequence of ``(name, value)`` pairs), so a part of the site that needs its own policy (an editing UI under
/admin/) gets its own rule. In a value, ``{policy}`` is the pages' policy.
Where two rules match one path, Netlify lets the later rule's header win;
Cloudflare Pages joins both values, and two CSP headers are both enforced.
A value of None writes Cloudflare's ``! Name``, which detaches the header an
earlier rule set; as pairs, a rule can detach and set one header:
``("/admin/*", [("Content-Security-Policy", None), ("Content-Security-Policy", "…")])``.
"""

from __future__ import annotations

import os

from archive_model.files import write_if_changed
from archive_model.settings import SettingsError
from markupsafe import Markup

from .settings import publish_settings


class HeaderRuleError(SettingsError):
    """A header rule that would make a broken headers file."""


def content_security_policy(settings):
    """The pages' policy, for the meta tag: a setting, never content."""
    policy = publish_settings(settings)["PUBLISH_CONTENT_SECURITY_POLICY"]
    if any(char in policy for char in '"<>&\n'):
        raise HeaderRuleError(f"PUBLISH_CONTENT_SECURITY_POLICY får inte innehålla \" < > & eller radbrytning: {policy}")
    # Checked above: nothing in it could leave the attribute.
    return Markup(policy)


def headers_file(settings):
    """The text of the headers file."""
    options = publish_settings(settings)
    policy = content_security_policy(settings)
    lines = ["# Svarshuvuden för värdar som läser en _headers-fil (archive_publish/headers.py)."]
    for path, headers in options["PUBLISH_HEADER_RULES"]:
        if not path.startswith("/") or any(c.isspace() for c in path):
            raise HeaderRuleError(f"PUBLISH_HEADER_RULES: sökvägen '{path}' ska börja med / och sakna blanksteg")
        lines.append(path)
        for name, value in headers.items() if isinstance(headers, dict) else headers:
            if value is None:
                lines.append(f"  ! {name}")
                continue
            written = value.replace("{policy}", str(policy))
            if "\n" in written or "\n" in name or ":" in name:
                raise HeaderRuleError(f"PUBLISH_HEADER_RULES: huvudet '{name}' för {path} går inte att skriva")
            lines.append(f"  {name}: {written}")
    return "\n".join(lines) + "\n"


def write_headers_file(pelican):
    """``finalized``: the headers file, written again by every build (like
    the sitemap, never recorded as a page)."""
    save_as = publish_settings(pelican.settings)["PUBLISH_HEADERS_SAVE_AS"]
    if save_as:
        path = os.path.join(pelican.output_path, save_as)
        write_if_changed(path, headers_file(pelican.settings).encode("utf-8"))
