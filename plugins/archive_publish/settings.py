"""The plugin's settings (prefix ``PUBLISH_``): defaults in one place."""

from __future__ import annotations

from archive_model.settings import plugin_settings

DEFAULTS = {
    # Theme files served under a content-hashed name (`base.3f2a9c01d4.css`),
    # so hosts may cache them for a year and an edit still reaches readers.
    "PUBLISH_HASHED_EXTENSIONS": (".css", ".js", ".mjs"),
    # Hex digits of SHA-256 in a hashed name: 10 make a collision between two
    # versions of one file practically impossible and keep the names short.
    "PUBLISH_HASH_LENGTH": 10,
    # Where the crawler files are written (relative to the output folder);
    # an empty value turns the file off.
    "PUBLISH_SITEMAP_SAVE_AS": "sitemap.xml",
    "PUBLISH_ROBOTS_SAVE_AS": "robots.txt",
    # The theme's icon (below its static folder) copied to the site's root,
    # where browsers and crawlers ask for /favicon.ico whatever the page links.
    "PUBLISH_FAVICON": "icons/favicon.ico",
    "PUBLISH_FAVICON_SAVE_AS": "favicon.ico",
    # Soft hyphens in the words of every run of text this long without a
    # space (hyphenation.py), so that compounds break with a hyphen in any
    # browser: 12 characters are wider than a heading's line on a 320 px
    # phone ("Tjänstedesigner" broke there). 0: none.
    "PUBLISH_SOFT_HYPHENS_MIN_LENGTH": 12,
    # The absolute URL of the site's root for sitemap locations and robots.txt. None: SITEURL
    # when it is absolute (publishconf), else FEED_DOMAIN (the preview).
    "PUBLISH_SITE_BASE": None,
    # Output paths (prefixes) never listed in the sitemap; drafts' folder and
    # 404.html are excluded on top of these, as is any page marked noindex.
    "PUBLISH_SITEMAP_EXCLUDE": ("pagefind/", "theme/"),
    # The Content-Security-Policy of every page's <meta> tag and, as
    # "{policy}", of the headers file. Only the site itself may supply
    # scripts, styles, images, fonts and data; no inline scripts or style
    # attributes, no frames, no plugins, forms post only to the site.
    # 'wasm-unsafe-eval' lets Pagefind run its WebAssembly (no eval of scripts).
    "PUBLISH_CONTENT_SECURITY_POLICY": (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        "img-src 'self'; font-src 'self'; connect-src 'self'; media-src 'self'; "
        "object-src 'none'; frame-src 'none'; worker-src 'self'; base-uri 'self'; form-action 'self'"
    ),
    # The headers file for hosts that read one (Netlify, Cloudflare Pages);
    # empty: none. GitHub Pages ignores it (docs/arkitektur.md, threat model).
    "PUBLISH_HEADERS_SAVE_AS": "_headers",
    # (path, headers) in order; see archive_publish/headers.py for how hosts
    # combine rules that match one path. frame-ancestors and the others
    # cannot be set by a <meta> tag.
    "PUBLISH_HEADER_RULES": (
        (
            "/*",
            {
                "Content-Security-Policy": "{policy}; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff",
                # frame-ancestors for browsers that predate it.
                "X-Frame-Options": "DENY",
                # The site has no analytics: other sites need not learn
                # which page a reader came from.
                "Referrer-Policy": "same-origin",
                "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
                "Cross-Origin-Opener-Policy": "same-origin",
            },
        ),
    ),
}


def publish_settings(settings):
    return plugin_settings(settings, DEFAULTS)


def absolute_base(settings):
    """The absolute base URL for sitemap locations and robots.txt."""
    origin = publish_settings(settings)["PUBLISH_SITE_BASE"]
    if origin:
        return origin.rstrip("/")
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return (settings.get("FEED_DOMAIN") or "http://localhost:8000").rstrip("/")
