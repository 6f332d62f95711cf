"""The saved page first: what `invoke serve` shows within a second of a save.

A rebuild reads only the saved file again (Pelican's content cache), but it
still runs every plugin over the whole archive and renders every page: about
a minute at 10,000 pages (issue #10). So before that rebuild the saved page
alone is read again and rendered against the last good build, and the
browser reloads. What plugins work out for a page after reading it is worked
out again for this page where it depends on the page alone (its agenda, its
dates: archive_model/read_again.py) and taken from the page as it was where
it depends on the rest of the archive (its thread's and series' neighbours).
The full rebuild follows and writes every page as `invoke publish` would,
this one included; what changed elsewhere (listings, neighbours' links,
calendars) shows then.

A saved article or page that the last build had is rendered early at the
same address and status, a new one at an address no file has yet; anything
else (a removed or renamed file, a status change, a template, the registry,
a content error, a page a plugin cannot work out alone) waits for the rebuild.
"""

from __future__ import annotations

import logging
import os

from archive_model.contents import content_of
from archive_model.read_again import CannotPreview, decided_again
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

logger = logging.getLogger(__name__)


def known_content(generators):
    """Absolute source path → (generator, content) of the last build."""
    known = {}
    for generator in generators:
        for content in content_of(generator):
            known[os.path.abspath(content.source_path)] = (generator, content)
    return known


def render_saved_pages(pelican, generators, changed):
    """Render the saved pages against the last build; the paths written.

    Returns [] when any change is neither a known page's new text nor a new
    page at a free address (or it cannot be read): then only the full
    rebuild can show it.
    """
    if not generators or not changed:
        return []
    known = known_content(generators)
    fresh = []
    for path in sorted(changed):
        generator, old = known.get(os.path.abspath(path)) or (_generator_for(generators, path), None)
        new = _saved_page(pelican, generator, old, path) if generator else None
        decided = _derive_again(new, old, generator.context) if new else None
        if decided is None:
            return []
        fresh.append((generator, old, new, decided))
    writer = pelican._get_writer()
    written = []
    for generator, old, new, decided in fresh:
        if old is not None:
            _carry_over_derived(old, new, decided)
        _write(writer, generator, new)
        written.append(os.path.join(pelican.output_path, new.save_as))
    writer.flush()
    return written


def _saved_page(pelican, generator, old, path):
    """The page read from its file now, if the early render can show it as
    the rebuild will: a known page at its address and status, or a new page
    at an address no file of the last build has; else None."""
    content_class = type(old) if old else (Article if isinstance(generator, ArticlesGenerator) else Page)
    new = _read(generator, path, content_class)
    if new is None:
        return None
    if old is not None:
        return new if (new.status, new.save_as) == (old.status, old.save_as) else None
    return None if os.path.exists(os.path.join(pelican.output_path, new.save_as)) else new


def _generator_for(generators, path):
    """The generator that reads ``path`` (Pelican's own file rules), or None
    if it is no article or page (a static file, a template, the registry)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            paths, exclude = generator.settings["ARTICLE_PATHS"], generator.settings["ARTICLE_EXCLUDES"]
        elif isinstance(generator, PagesGenerator):
            paths, exclude = generator.settings["PAGE_PATHS"], generator.settings["PAGE_EXCLUDES"]
        else:
            continue
        relative = os.path.relpath(os.path.abspath(path), generator.path)
        if relative in generator.get_files(paths, exclude=exclude):
            return generator
    return None


def _read(generator, path, content_class):
    """The page read from its file now; None if it cannot be read."""
    if issubclass(content_class, Article):
        read_signals = (signals.article_generator_preread, signals.article_generator_context)
    else:
        read_signals = (signals.page_generator_preread, signals.page_generator_context)
    try:
        new = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(os.path.abspath(path), generator.path),
            content_class=content_class,
            context=generator.context,
            preread_signal=read_signals[0],
            preread_sender=generator,
            context_signal=read_signals[1],
            context_sender=generator,
        )
    except Exception:  # noqa: BLE001 — the full rebuild reports it with file and line
        return None
    return new if isinstance(new, (Article, Page)) and new.is_valid() else None


def _derive_again(new, old, context):
    """What the plugins work out again for the saved page alone (its agenda,
    its dates: archive_model/read_again.py); the attribute names they
    decided, or None if a plugin needs the whole archive for it."""
    try:
        return decided_again(new, old, context)
    except CannotPreview as reason:
        logger.debug("%s väntar på ombygget: %s", new.source_path, reason)
    except Exception:
        logger.debug("%s väntar på ombygget", new.source_path, exc_info=True)
    return None


def _carry_over_derived(old, new, decided):
    """What plugins set on the page from the whole archive after reading
    (series and thread neighbours, …) and did not work out again: as in the
    last build."""
    for name, value in vars(old).items():
        if name not in vars(new) and name not in decided:
            setattr(new, name, value)


def _write(writer, generator, new):
    """The call Pelican's generator makes for this page (generate_articles,
    generate_drafts, PagesGenerator.generate_output)."""
    settings = generator.settings
    common = {
        "relative_urls": settings["RELATIVE_URLS"],
        "override_output": hasattr(new, "override_save_as"),
        "url": new.url,
    }
    template = generator.get_template(new.template)
    if isinstance(new, Page):
        signals.page_generator_write_page.send(generator, content=new)
        writer.write_file(new.save_as, template, generator.context, page=new, **common)
        return
    signals.article_generator_write_article.send(generator, content=new)
    extra = {"all_articles": generator.articles} if new.status == "draft" else {}
    writer.write_file(
        new.save_as, template, generator.context,
        article=new, category=getattr(new, "category", None), blog=True, **common, **extra,
    )
