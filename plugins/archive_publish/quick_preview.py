"""The saved page first: what `invoke serve` shows within a second of a save.

A rebuild reads only the saved file again (Pelican's content cache), but it
still runs every plugin over the whole archive and renders every page: about
a minute at 10,000 pages (issue #10). So before that rebuild the saved page
alone is read again and rendered against the last good build, with what the
plugins worked out across the archive (its series, thread, freshness) taken
from the page as it was, and the browser reloads. The full rebuild follows
and writes every page as `invoke publish` would, this one included; what
changed elsewhere (listings, neighbours' links, calendars) shows then.

Only a saved article or page that the last build had, at the same address
and status, is rendered early; anything else (a new, removed or renamed
file, a template, the registry, a content error) waits for the rebuild.
"""

from __future__ import annotations

import os
from itertools import chain

from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals


def known_content(generators):
    """Absolute source path → (generator, content) of the last build."""
    known = {}
    for generator in generators:
        for content in _contents(generator):
            known[os.path.abspath(content.source_path)] = (generator, content)
    return known


def _contents(generator):
    if isinstance(generator, ArticlesGenerator):
        return chain(
            generator.articles, generator.translations, generator.hidden_articles,
            generator.hidden_translations, generator.drafts, generator.drafts_translations,
        )
    if isinstance(generator, PagesGenerator):
        return chain(
            generator.pages, generator.translations, generator.hidden_pages,
            generator.hidden_translations, generator.draft_pages, generator.draft_translations,
        )
    return ()


def render_saved_pages(pelican, generators, changed):
    """Render the saved pages against the last build; the paths written.

    Returns [] when any change is not a known page's new text (or it cannot
    be read): then only the full rebuild can show it.
    """
    if not generators or not changed:
        return []
    known = known_content(generators)
    if any(os.path.abspath(path) not in known for path in changed):
        return []
    fresh = []
    for path in sorted(changed):
        generator, old = known[os.path.abspath(path)]
        new = _read_again(generator, old)
        if new is None or (new.status, new.save_as) != (old.status, old.save_as):
            return []
        fresh.append((generator, old, new))
    writer = pelican._get_writer()
    written = []
    for generator, old, new in fresh:
        _carry_over_derived(old, new)
        _write(writer, generator, old, new)
        written.append(os.path.join(pelican.output_path, new.save_as))
    writer.flush()
    return written


def _read_again(generator, old):
    """The page read from its file now; None if it cannot be read."""
    if isinstance(old, Article):
        read_signals = (signals.article_generator_preread, signals.article_generator_context)
    else:
        read_signals = (signals.page_generator_preread, signals.page_generator_context)
    try:
        new = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(old.source_path, generator.path),
            content_class=type(old),
            context=generator.context,
            preread_signal=read_signals[0],
            preread_sender=generator,
            context_signal=read_signals[1],
            context_sender=generator,
        )
    except Exception:  # noqa: BLE001 — the full rebuild reports it with file and line
        return None
    return new if isinstance(new, (Article, Page)) and new.is_valid() else None


def _carry_over_derived(old, new):
    """What plugins set on the page from the whole archive after reading
    (series and thread neighbours, git dates, …): as in the last build."""
    for name, value in vars(old).items():
        if name not in vars(new):
            setattr(new, name, value)


def _write(writer, generator, old, new):
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
    extra = {"all_articles": generator.articles} if old in generator.drafts + generator.drafts_translations else {}
    writer.write_file(
        new.save_as, template, generator.context,
        article=new, category=getattr(new, "category", None), blog=True, **common, **extra,
    )
