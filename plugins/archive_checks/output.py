"""Checks on a written site folder (after the build, before publishing):
every internal link and resource resolves to a file and every anchor to an
id; external links are listed, never fetched; nothing is loaded from
another origin.

Usable without Pelican: ``python plugins/archive_checks/output.py output/``
prints the problems (exit status 1 if any) and the external links.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that make the browser load something by itself (not a click).
RESOURCE_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
    ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"),
}
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
LOCAL = "local.invalid"  # the site's own origin while resolving


@dataclass
class Reference:
    page: str  # output path of the file that refers
    url: str  # as written
    loads: bool  # fetched by the browser itself (script, style, image, frame, font)


@dataclass
class HtmlFile:
    ids: set = field(default_factory=set)
    references: list = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.file = page, HtmlFile()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attributes.get(name):
                self.file.ids.add(attributes[name])
        for name, value in attributes.items():
            if not value:
                continue
            if (tag, name) in RESOURCE_ATTRIBUTES:
                urls = [u.split()[0] for u in value.split(",") if u.strip()] if name == "srcset" else [value]
                self.file.references += [Reference(self.page, url, True) for url in urls]
            elif name == "href" and tag in {"a", "area", "link"}:
                loads = tag == "link" and bool(set((attributes.get("rel") or "").lower().split()) & LOADED_LINK_RELS)
                self.file.references.append(Reference(self.page, value, loads))
            elif name == "action" and tag == "form":
                self.file.references.append(Reference(self.page, value, False))


def page_url(relative):
    """The URL path a file is served at: ``a/index.html`` → ``/a/``."""
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


@dataclass
class SiteOutput:
    root: Path
    html: dict = field(default_factory=dict)  # output path → HtmlFile
    css: list = field(default_factory=list)  # References from stylesheets

    @classmethod
    def read(cls, root):
        site = cls(Path(root))
        for path in sorted(site.root.rglob("*.html")):
            relative = path.relative_to(site.root).as_posix()
            parser = _Parser(relative)
            parser.feed(path.read_text(encoding="utf-8"))
            site.html[relative] = parser.file
        for path in sorted(site.root.rglob("*.css")):
            relative = path.relative_to(site.root).as_posix()
            for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
                site.css.append(Reference(relative, match.group(1) or match.group(2), True))
        return site

    def references(self):
        for file in self.html.values():
            yield from file.references
        yield from self.css

    def resolve(self, reference):
        """``(output path or None, fragment)`` of an internal reference; None if external."""
        absolute = urlsplit(urljoin(f"http://{LOCAL}{page_url(reference.page)}", reference.url))
        if absolute.scheme not in {"http", "https"} or absolute.netloc != LOCAL:
            return None
        path = unquote(absolute.path).lstrip("/")
        for candidate in (path, f"{path}index.html" if path.endswith("/") or not path else f"{path}/index.html"):
            if candidate and (self.root / candidate).is_file():
                return candidate, absolute.fragment
        return "", absolute.fragment

    def broken_internal_links(self):
        """``page: url — why`` for every internal link or resource that leads nowhere."""
        problems = []
        for reference in self.references():
            resolved = self.resolve(reference)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target:
                problems.append(f"{reference.page}: {reference.url} — ingen sådan fil")
            elif fragment and target in self.html and unquote(fragment) not in self.html[target].ids:
                problems.append(f"{reference.page}: {reference.url} — ankaret finns inte i {target}")
        return sorted(set(problems))

    def external_links(self):
        """{url: [pages]} of links to other sites (http and https), not fetched."""
        found = {}
        for reference in self.references():
            if self.resolve(reference) is None and urlsplit(reference.url).scheme in {"http", "https"}:
                found.setdefault(reference.url, []).append(reference.page)
        return {url: sorted(set(pages)) for url, pages in sorted(found.items())}

    def third_party_loads(self):
        """``page: url`` for every script, style, font, image or frame from another origin."""
        problems = []
        for reference in self.references():
            if reference.loads and self.resolve(reference) is None and not reference.url.startswith("data:"):
                problems.append(f"{reference.page}: {reference.url}")
        return sorted(set(problems))


def main(argv):
    site = SiteOutput.read(argv[1] if len(argv) > 1 else "output")
    problems = site.broken_internal_links() + [f"{p} — hämtas från en annan webbplats" for p in site.third_party_loads()]
    for problem in problems:
        print(problem)
    externals = site.external_links()
    print(f"{len(problems)} fel; {len(externals)} externa länkar (inte kontrollerade):")
    for url, pages in externals.items():
        print(f"  {url}  ({len(pages)} sidor)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
