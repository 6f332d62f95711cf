"""Files an earlier build into the same folder wrote that this build no longer makes.

`invoke serve` writes each build over the last one (a failed build must leave
the last good site in place, so the output folder is never emptied first). A
page that moved (a draft published, a new date or slug) or whose file was
deleted would stay behind at its old address: served by the preview, listed
in its sitemap and indexed by its search, all of which read the output
folder. So would a listing page pagination no longer needs, a removed tag's
page and feed, a removed event's calendar file, an old hashed stylesheet.

Two steps, each only after every file was read without a content error:

- at ``all_generators_finalized`` the pages (articles, pages and drafts,
  whose addresses the generators know before writing) the last build made
  and this one will not are removed, with the folders they leave empty,
  before anything is written, so search and sitemap never see them;
- at ``finalized``, before the sitemap is written, every other file the last
  build wrote and this one did not. What a build wrote is what it recorded
  (archive_model.files.record_output, into ``Build.outputs``: the writer's
  files, plugins' own
  files, the theme's and the content's static files). A file no build
  recorded (Pagefind's bundle, which replaces itself whole; the sitemap, written
  after this step) is never removed.

`invoke publish` builds into an empty folder and has nothing stale. The last
build's lists are kept in memory for the next build of the same process and,
if ``SPEED_OUTPUT_LIST`` names a file (`invoke serve` and `invoke build`
do), on disk for the next process: a draft published between two preview
sessions leaves too.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field

from archive_model.build import build_of
from archive_model.contents import content_of, read_errors
from archive_model.files import write_if_changed

from .settings import speed_settings

logger = logging.getLogger(__name__)


@dataclass
class Outputs:
    pages: set = field(default_factory=set)
    files: set = field(default_factory=set)


@dataclass
class Memory:
    """What the builds of one process (the preview's) know of the builds
    before them, handed from each Build to the next (``carry_over``)."""

    # Output folder → what its last finished build made.
    last: dict = field(default_factory=dict)
    # Files recorded by builds that did not finish (a failed one, one a newer
    # save superseded) or after the last one finished (the preview's early
    # page): stale too unless made again.
    leftovers: set = field(default_factory=set)


STATE = "archive_speed"


def carry_over(build, previous=None, **_kwargs):
    """archive_model's build_started: the new build remembers what the
    builds before it made."""
    memory = previous.state.get(STATE) if previous is not None else None
    memory = memory or Memory()
    if previous is not None:
        memory.leftovers |= previous.outputs
        previous.outputs.clear()
    build.state[STATE] = memory


def _take(paths, folder):
    """The paths in ``folder``, forgotten as they are taken."""
    prefix = os.path.join(os.path.abspath(folder), "")
    taken = {path for path in paths if path.startswith(prefix)}
    paths.difference_update(taken)
    return taken


def remove_stale_pages(generators):
    if not generators or read_errors(generators):
        return  # a file that failed to read is missing from the lists, not gone
    settings = generators[0].settings
    build = build_of(settings)
    memory = build.state.setdefault(STATE, Memory())
    output = os.path.abspath(generators[0].output_path)
    pages = {
        os.path.join(output, content.save_as)
        for generator in generators
        for content in content_of(generator)
        if content.save_as
    }
    last = _last_outputs(memory, output, settings)
    previous = Outputs(last.pages, last.files | _take(memory.leftovers, output))
    statics = [generator for generator in generators if hasattr(generator, "staticfiles")]
    build.state[f"{STATE}.building"] = (previous, pages, statics)
    for path in sorted(previous.pages - pages):
        _remove(path, output)


def remove_stale_files(pelican):
    settings = pelican.settings
    output = os.path.abspath(pelican.output_path)
    build = build_of(settings)
    building = build.state.pop(f"{STATE}.building", None)
    if building is None:
        return  # the build stopped on a content error: its lists are not whole
    previous, pages, statics = building
    files = _take(build.outputs, output) | pages | {
        os.path.join(output, static.save_as)
        for generator in statics
        for static in generator.staticfiles
        if static.save_as
    }
    made = Outputs(pages, files)
    build.state.setdefault(STATE, Memory()).last[output] = made
    kept = speed_settings(settings)["SPEED_OUTPUT_LIST"]
    if kept:
        _write_list(kept, output, made)
    for path in sorted(previous.files - files):
        _remove(path, output)


def _last_outputs(memory, output, settings):
    if output in memory.last:
        return memory.last[output]
    kept = speed_settings(settings)["SPEED_OUTPUT_LIST"]
    return (kept and _read_list(kept, output)) or Outputs()


def _read_list(path, output):
    """The outputs of the last build into ``output`` kept in ``path``; None if
    there is no such list (another output folder, a first build)."""
    try:
        with open(path, encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("output") != output:
        return None
    return Outputs(
        *({os.path.join(output, relative) for relative in kept.get(name, [])} for name in ("pages", "files"))
    )


def _write_list(path, output, made):
    listed = {"output": output}
    for name in ("pages", "files"):
        listed[name] = sorted(os.path.relpath(each, output) for each in getattr(made, name))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_if_changed(path, json.dumps(listed, ensure_ascii=False, indent=0).encode("utf-8"))


def _remove(path, output):
    try:
        os.remove(path)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return  # gone already, or a folder now: nothing of the last build's is left there
    logger.info("Tog bort %s: bygget gör inte den filen längre", os.path.relpath(path, output))
    folder = os.path.dirname(path)
    while folder != output and folder.startswith(output + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
