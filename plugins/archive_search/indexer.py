"""Run Pagefind over the written site and put its bundle in place.

Pagefind writes into a fresh folder next to the old bundle, which is swapped
in only when Pagefind succeeded: a failed run leaves no half-written index,
and pages removed since the last build leave no stale fragments behind
(Pagefind itself never deletes old files).

Pagefind is given only the pages it indexes: the HTML files with a
``data-pagefind-body`` element (articles and static pages with a search
record). Over the whole site it parses every listing and front door too, only
to drop them: at 10,000 pages (15,909 HTML files, 9,934 indexed) that is a
quarter of its CPU time and 300 MB of its 2.3 GB peak. The pages are
hard-linked into a staging folder with the same relative paths, so the URLs
in the index are the same as from the whole site.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from archive_model.interruption import Superseded

from .stable_index import UnknownIndexFormat, stabilise

logger = logging.getLogger(__name__)

# Pagefind's ready-made UIs; the site uses its own (theme/static/js/search.js)
# on the JS API, so these files would only be served, never used.
UNUSED_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(SystemExit):
    """Pagefind could not build the search index; carries its stderr.

    A SystemExit like archive_model's ContentErrors: the build stops with exit
    status 1 and this message, without a Python traceback around it.
    """

    def __init__(self, message, *, stderr="", returncode=None):
        self.stderr = stderr.strip()
        self.returncode = returncode
        detail = f"\n{self.stderr}" if self.stderr else ""
        super().__init__(f"Sökindexet kunde inte byggas: {message}{detail}")


def pagefind_binary(configured):
    """The Pagefind executable: the configured path, else the one shipped in
    the pagefind-bin wheel."""
    if configured:
        return str(configured)
    try:
        import pagefind_bin  # noqa: PLC0415 (only needed when no path is configured)
    except ImportError as exc:
        raise SearchIndexError(
            "paketet pagefind-bin saknas — kör pip install -e . eller ange SEARCH_PAGEFIND_BINARY"
        ) from exc
    return str(pagefind_bin.get_executable())


# How often a running Pagefind asks whether the preview's build is stale.
POLL_SECONDS = 0.2

# The attribute that makes Pagefind index a page (and, once any page has it,
# only the pages that have it); theme/templates/article.html and page.html
# put it on <main> of every page with a search record.
BODY_MARK = b"data-pagefind-body"


def staging_folder(site, options):
    """Where the indexed pages are linked for Pagefind: inside the output, so
    that hard links work (same file system), hidden, and removed after the run."""
    return Path(site) / f".{Path(options['SEARCH_BUNDLE_DIR']).name}-sidor"


def indexed_pages(site, skip=()):
    """Sorted paths (relative to ``site``) of the HTML files Pagefind indexes:
    those with a ``data-pagefind-body`` element, the mark Pagefind itself
    goes by, so the two cannot disagree. Finding them costs reading every
    HTML file once (under a second at 10,000 pages), far less than Pagefind
    parsing the listings. ``skip`` are folders under ``site`` not to look into.
    """
    skip = {Path(folder) for folder in skip}
    found = []
    for folder, dirs, names in os.walk(site):
        dirs[:] = sorted(d for d in dirs if Path(folder, d) not in skip)
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, site)
            if BODY_MARK in Path(path).read_bytes():
                found.append(relative)
    return sorted(found)


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        # No hard links here (another file system, a file system without them).
        shutil.copyfile(source, target)


def stage_pages(site, staging, skip):
    """The folder to give Pagefind: ``staging`` holding the indexed pages at
    their relative paths, or the whole ``site`` if no page is marked for
    indexing (Pagefind then indexes every page's <body>, as it always did on
    such a site; on an empty folder it would fail)."""
    shutil.rmtree(staging, ignore_errors=True)
    try:
        pages = indexed_pages(site, skip=skip)
        for relative in pages:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site / relative, target)
    except OSError as exc:
        raise SearchIndexError(f"sidorna kunde inte läggas fram för Pagefind ({exc})") from exc
    return staging if pages else site


def pagefind_command(binary, source, bundle, options):
    command = [binary, "--site", str(source), "--output-path", str(bundle), "--quiet"]
    for selector in options["SEARCH_EXCLUDE_SELECTORS"]:
        command += ["--exclude-selectors", selector]
    return on_cpus(command, options["SEARCH_PAGEFIND_CPUS"])


def on_cpus(command, cpus):
    """``command`` run with its threads on the first ``cpus`` CPUs it may use
    (None: as it is). Through Python's own exec, so that Pagefind starts with
    the smaller CPU set and sizes its thread pools by it."""
    if not cpus or not hasattr(os, "sched_setaffinity"):
        return command
    allowed = sorted(os.sched_getaffinity(0))[: int(cpus)]
    start = f"import os, sys; os.sched_setaffinity(0, {allowed!r}); os.execv(sys.argv[1], sys.argv[1:])"
    return [sys.executable, "-c", start, *command]


@dataclass
class IndexRun:
    """Pagefind started over the staged pages; finished by :func:`finish_index`."""

    bundle: Path
    fresh: Path
    staging: Path
    process: subprocess.Popen

    def abandon(self):
        """Stop it and leave nothing behind (the build failed or went stale)."""
        if self.process.returncode is None:
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.fresh, ignore_errors=True)


def start_index(output_path, options):
    """Stage the indexed pages under ``output_path`` and start Pagefind on them."""
    site = Path(output_path).resolve()
    bundle = site / options["SEARCH_BUNDLE_DIR"]
    fresh = site / f".{bundle.name}-ny"
    staging = staging_folder(site, options)
    shutil.rmtree(fresh, ignore_errors=True)
    binary = pagefind_binary(options["SEARCH_PAGEFIND_BINARY"])
    check_runnable(binary)
    try:
        source = stage_pages(site, staging, skip=(bundle, fresh, staging))
        command = pagefind_command(binary, source, fresh, options)
        # cwd = the site: Pagefind reads a pagefind.yml/toml from its working
        # folder, and the project's folder must not change the index.
        process = subprocess.Popen(
            command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return IndexRun(bundle, fresh, staging, process)


def _never():
    return False


def finish_index(run, superseded=_never):
    """Wait for Pagefind, then swap its bundle in for ``<output>/<SEARCH_BUNDLE_DIR>/``."""
    try:
        completed = wait_unless_superseded(run.process, superseded)
    except BaseException:
        run.abandon()
        raise
    shutil.rmtree(run.staging, ignore_errors=True)
    bundle, fresh = run.bundle, run.fresh
    if completed.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(
            f"Pagefind avslutades med status {completed.returncode}",
            stderr=completed.stderr or completed.stdout or "",
            returncode=completed.returncode,
        )
    if not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefind skrev ingen {bundle.name}/pagefind.js")
    try:
        stabilise(fresh)
    except (UnknownIndexFormat, OSError, KeyError, ValueError) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefinds filterindex kunde inte göras stabilt ({exc})") from exc
    for name in UNUSED_UI_FILES:
        (fresh / name).unlink(missing_ok=True)
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    logger.info("Sökindex skrivet till %s", bundle)
    return bundle


def build_index(output_path, options, superseded=_never):
    """Index the pages under ``output_path`` into ``<output>/<SEARCH_BUNDLE_DIR>/``."""
    return finish_index(start_index(output_path, options), superseded)


def check_runnable(binary):
    """Asked before the run: behind the CPU limit (on_cpus) Pagefind is
    started by another process, whose failure would only say 'status 1'."""
    found = shutil.which(binary)
    if found is None and not os.path.exists(binary):
        raise SearchIndexError(f"Pagefind finns inte på {binary!r} (SEARCH_PAGEFIND_BINARY)")
    if found is None:
        raise SearchIndexError(f"Pagefind på {binary!r} går inte att köra: filen är inte körbar")


def wait_unless_superseded(process, superseded=_never):
    """Pagefind's result, unless the preview's build goes out of date while it
    runs (``superseded()``, archive_model/interruption.py): then it is
    stopped at once."""
    while True:
        try:
            stdout, stderr = process.communicate(timeout=POLL_SECONDS)
            break
        except subprocess.TimeoutExpired:
            if superseded():
                process.kill()
                process.communicate()
                raise Superseded from None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
