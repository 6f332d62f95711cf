"""Run Pagefind over the written site and put its bundle in place.

Pagefind writes into a fresh folder next to the old bundle, which is swapped
in only when Pagefind succeeded: a failed run leaves no half-written index,
and pages removed since the last build leave no stale fragments behind
(Pagefind itself never deletes old files).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

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


def pagefind_command(binary, site, bundle_subdir, exclude_selectors):
    command = [binary, "--site", str(site), "--output-subdir", bundle_subdir, "--quiet"]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    return command


def build_index(output_path, options):
    """Index the HTML under ``output_path`` into ``<output>/<SEARCH_BUNDLE_DIR>/``."""
    site = Path(output_path).resolve()
    bundle = site / options["SEARCH_BUNDLE_DIR"]
    fresh = site / f".{bundle.name}-ny"
    shutil.rmtree(fresh, ignore_errors=True)
    binary = pagefind_binary(options["SEARCH_PAGEFIND_BINARY"])
    command = pagefind_command(binary, site, fresh.name, options["SEARCH_EXCLUDE_SELECTORS"])
    try:
        # cwd = the site: Pagefind reads a pagefind.yml/toml from its working
        # folder, and the project's folder must not change the index.
        subprocess.run(command, cwd=site, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise SearchIndexError(f"Pagefind finns inte på {binary!r} (SEARCH_PAGEFIND_BINARY)") from exc
    except PermissionError as exc:
        raise SearchIndexError(f"Pagefind på {binary!r} går inte att köra: {exc.strerror}") from exc
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(
            f"Pagefind avslutades med status {exc.returncode}",
            stderr=exc.stderr or exc.stdout or "",
            returncode=exc.returncode,
        ) from exc
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
