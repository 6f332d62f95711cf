"""What the build is about to write, known before anything is written:
every page and file by its output path, and the ids inside each text."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import chain

from archive_model.build import build_of
from archive_model.reader import display_path

from .settings import checks_settings

ARTICLE_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages", "draft_translations")


HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class TextParts(HTMLParser):
    """The ids, links (href/src with their tag), images, headings
    (level, text) and links with no text (their href) of one text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.images = set(), [], []
        self.headings, self.unnamed_links = [], []
        # Headings and links being read, [tag, text, href], innermost last;
        # an image's alt text names a link as text does.
        self._open = []
        self.feed(html or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name]))
        if tag == "img":
            self.images.append(attributes)
            self.handle_data(attributes.get("alt") or "")
        if tag in HEADINGS or (tag == "a" and attributes.get("href")):
            self._open.append([tag, "", attributes.get("href")])

    def handle_data(self, data):
        for item in self._open:
            item[1] += data

    def handle_endtag(self, tag):
        if not self._open or tag != self._open[-1][0]:
            return
        _tag, text, href = self._open.pop()
        if tag in HEADINGS:
            self.headings.append((HEADINGS[tag], " ".join(text.split())))
        elif not text.strip():
            self.unnamed_links.append(href)


@dataclass
class Page:
    """One content file as the checks see it."""

    content: object
    source: str  # as the editor sees it: content/nyheter/x.md
    parts: TextParts
    # Pelican formats it from the settings on every access: asked once here.
    save_as: str


@dataclass
class SiteMap:
    settings: dict
    pages: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # save_as → what writes it
    folders: dict = field(default_factory=dict)  # "pagefind/" → what writes every file below it
    by_source: dict = field(default_factory=dict)  # path relative to PATH → Page
    by_save_as: dict = field(default_factory=dict)  # output path → Page (10,000 pages: no scans)
    generated_sections: set = field(default_factory=set)

    @property
    def content_root(self):
        return os.path.abspath(self.settings["PATH"])

    def page_for_save_as(self, save_as):
        return self.by_save_as.get(save_as)

    def sections(self):
        return {path.split("/", 1)[0] for path in self.files}


def contents(generators):
    """Every article and page of the build, drafts and hidden ones included."""
    for generator in generators:
        names = ARTICLE_LISTS if hasattr(generator, "articles") else PAGE_LISTS if hasattr(generator, "pages") else ()
        yield from chain.from_iterable(getattr(generator, name, []) for name in names)


def build_site_map(generators):
    settings = generators[0].settings
    context = generators[0].context
    site = SiteMap(settings)
    for content in contents(generators):
        save_as = content.save_as
        parts = TextParts(content._content)
        page = Page(content, display_path(content.source_path), parts, save_as)
        site.pages.append(page)
        site.by_source[content.relative_source_path] = page
        if save_as:
            site.files.setdefault(save_as, []).append(page.source)
            site.by_save_as.setdefault(save_as, page)
    for static in context.get("staticfiles", []):
        site.files.setdefault(static.save_as, []).append(display_path(static.source_path))
    for name, what in listings(settings, context):
        site.files.setdefault(name, []).append(what)
    site.files.update({name: ["temat"] for name in theme_files(settings)})
    # Sections that exist only once other generators have written them;
    # a section the build already knows (arkiv/, typ/ …) is checked page by page.
    navigation = {url.strip("/").split("/", 1)[0] for url, _label in settings.get("NAVIGATION", []) if url.strip("/")}
    declared = set(checks_settings(settings)["CHECKS_GENERATED_SECTIONS"])
    site.generated_sections = (declared | navigation) - site.sections()
    add_write_plan(site, settings)
    return site


def add_write_plan(site, settings):
    """What the plugins declared they write (archive_model.files.plan_output),
    and Pelican's folders for drafts and feeds: no page may claim them. Added
    after the sections are known: a plugin's section (/forvaltning/) stays
    one whose pages exist only once written."""
    for planned, what in build_of(settings).planned.items():
        if planned.endswith("/"):
            site.folders.setdefault(planned, what)
        else:
            site.files.setdefault(planned, []).append(what)
    for folder, what in ((draft_folder(settings), "utkasten"), (feed_folder(settings), "flödena")):
        if folder:
            site.folders.setdefault(folder, what)


def listings(settings, context):
    """(save_as, description) of the pages and feeds Pelican writes itself."""
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield save_as, f"mallen {name}"
    for kind in ("categories", "tags"):
        for wrapper, _articles in context.get(kind, []):
            if wrapper.save_as:
                yield wrapper.save_as, f"listan {wrapper.url}"
    for archives in context.get("period_archives", {}).values():
        for archive in archives:
            if archive.get("save_as"):
                yield archive["save_as"], "arkivlistan"
    if settings.get("FEED_ALL_ATOM"):
        yield settings["FEED_ALL_ATOM"], "flödet"
    for wrapper, _articles in context.get("categories", []):
        if settings.get("CATEGORY_FEED_ATOM"):
            yield settings["CATEGORY_FEED_ATOM"].format(slug=wrapper.slug), "flödet"


def draft_folder(settings):
    """The folder drafts are written to ("utkast/"), where `invoke publish`
    refuses to find anything: no page may be written there either."""
    return _folder_of(settings.get("DRAFT_SAVE_AS"))


def feed_folder(settings):
    """The folder of the site's feed ("feeds/"), Pelican's for every feed."""
    return _folder_of(settings.get("FEED_ALL_ATOM"))


def _folder_of(pattern):
    folder = (pattern or "").split("{", 1)[0].rpartition("/")[0]
    return folder + "/" if folder else None


def theme_files(settings):
    theme = settings["THEME"]
    target = settings.get("THEME_STATIC_DIR", "theme")
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = os.path.join(theme, folder)
        for directory, _dirs, names in os.walk(root):
            for name in names:
                relative = os.path.relpath(os.path.join(directory, name), root)
                yield f"{target}/{relative}".replace(os.sep, "/")


