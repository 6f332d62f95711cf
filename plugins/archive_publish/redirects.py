"""Redirect pages at the old site's addresses (a page's ``old_url``).

Static hosting has no redirect rules we can rely on, so each old address
gets a page of the theme (``redirect.html``: the site's header, footer and
security policy): a meta refresh (no JavaScript), a canonical link to the
page's new address and a visible link for whoever's browser does not
follow. It is marked ``noindex``, so the sitemap leaves it out, and it has no
``data-pagefind-body``, so search never indexes it. An old address that
another output of the site claims (a page's own address, a listing, the
theme's files, another page's old address) stops the build with a Swedish
error: a redirect must never replace a page.
"""

from __future__ import annotations

import os

from archive_model.build import build_of
from archive_model.errors import ContentError
from archive_model.reader import display_path, line_of
from pelican.generators import Generator


def redirect_file(path):
    """The file a static host serves for the old path."""
    relative = path.lstrip("/")
    if relative.endswith("/") or not os.path.splitext(relative)[1]:
        return relative.rstrip("/") + "/index.html"
    return relative


def site_prefixes(settings):
    """First path segments the site's own outputs live under ("arkiv",
    "theme", "feeds" …), read from every *_SAVE_AS setting."""
    prefixes = {settings.get("THEME_STATIC_DIR", "theme").strip("/").split("/")[0], "pagefind"}
    for name, value in settings.items():
        if name.endswith("_SAVE_AS") and isinstance(value, str) and "/" in value:
            head = value.split("/", 1)[0]
            if head and "{" not in head:
                prefixes.add(head)
    return prefixes


class RedirectsGenerator(Generator):
    def generate_context(self):
        contents = [*self.context.get("articles", ()), *self.context.get("pages", ()),
                    *self.context.get("hidden_pages", ())]
        claimed = {c.save_as: f"sidan {display_path(c.source_path)}" for c in contents if c.save_as}
        claimed.update(dict.fromkeys(("index.html", "404.html", "robots.txt", "sitemap.xml"), "webbplatsen"))
        prefixes = site_prefixes(self.settings)
        self.redirects, errors = [], []
        for content in contents:
            for old in getattr(content, "old_urls", ()):
                target = redirect_file(old)
                if target == content.save_as:
                    continue  # the page kept its address: nothing to redirect
                owner = claimed.get(target) or (
                    f"webbplatsens mapp /{target.split('/')[0]}/" if target.split("/")[0] in prefixes else None)
                if owner:
                    errors.append(ContentError(
                        display_path(content.source_path), f"den gamla adressen {old} skulle skriva över {target}, som {owner} redan skriver",
                        line=line_of(content.source_path, "old_url"), field="old_url",
                        hint="ta bort den gamla adressen, eller ge den andra sidan en annan adress"))
                    continue
                claimed[target] = f"omdirigeringen från {display_path(content.source_path)}"
                self.redirects.append((target, content))
        build_of(self.settings).errors.report(errors)

    def generate_output(self, writer):
        template = self.get_template("redirect")
        relative = self.settings.get("RELATIVE_URLS", False)
        for target, content in sorted(self.redirects, key=lambda r: r[0]):
            writer.write_file(target, template, self.context, relative_urls=relative,
                              url=target.removesuffix("index.html"), redirect_page=content)
