"""What Pagefind itself costs, apart from our build: why the memory and
first-query targets of issue #10 are out of reach at 10,000 pages.

    python bench/pagefind_limits.py SITE [--work DIR]

SITE is a built output folder (e.g. the bench's `ours/output` kept with
`--keep`, or `pelican content -s publishconf.py -o SITE`). Runs Pagefind, as
the search plugin does (its exclude selectors), over variants of the indexed
pages and prints wall time, peak memory and the size of the meta index that
every first query downloads:

- `whole site`: every HTML file (what the search plugin did before it staged);
- `indexed pages`: only the pages with `data-pagefind-body` (what it does now);
- `… on one core`: the same with Pagefind's threads on one CPU;
- `… main only`: each page cut down to its <main> and the data-pagefind tags,
  so Pagefind parses as little HTML as possible;
- `… no date sort` / `… no filters`: the tags for sorting/filtering removed;
- `… since YEAR` / `… before YEAR`: the two halves of an index split by the
  year in the page's address (`--split-year`, default 2022: the bench
  archive's last three years), as Pagefind's `mergeIndex` would combine them.

For every variant but the first it also loads, in Chromium, what a first
search downloads from that variant's bundle (bench/transfer.py).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from archive_search.indexer import indexed_pages, pagefind_binary  # noqa: E402
from archive_search.settings import search_settings  # noqa: E402

from bench.measure import run_measured  # noqa: E402
from bench.transfer import first_query_bytes  # noqa: E402

MAIN = re.compile(r"<main\b.*?</main>", re.S)
PAGEFIND_TAG = re.compile(r"<meta [^>]*data-pagefind-[^>]*>")


def main_only(html):
    tags = "".join(PAGEFIND_TAG.findall(html))
    found = MAIN.search(html)
    body = found.group(0) if found else ""
    return f'<!doctype html><html lang="sv"><head>{tags}</head><body>{body}</body></html>'


def without(attribute):
    pattern = re.compile(rf' data-pagefind-{attribute}="[^"]*"')
    return lambda html: pattern.sub("", html)


ARCHIVE_YEAR = re.compile(r"^arkiv/(\d{4})/")


def year_of(relative):
    """The year in an archived page's address; None for a page outside the archive."""
    found = ARCHIVE_YEAR.match(Path(relative).as_posix())
    return int(found.group(1)) if found else None


def since(year):
    return lambda relative: (year_of(relative) or year) >= year


def before(year):
    return lambda relative: (year_of(relative) or year) < year


def variants(split_year):
    """(name, transform of each page's HTML, CPUs, which pages) for each run."""
    return (
        ("whole site", None, None, None),
        ("indexed pages", str, None, None),
        ("indexed pages on one core", str, {0}, None),
        ("indexed pages, main only", main_only, None, None),
        ("indexed pages, no date sort", without("sort"), None, None),
        ("indexed pages, no filters", without("filter"), None, None),
        (f"indexed pages since {split_year}", str, None, since(split_year)),
        (f"indexed pages before {split_year}", str, None, before(split_year)),
    )


def write_variant(site, pages, transform, folder):
    for relative in pages:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(transform((site / relative).read_text(encoding="utf-8")), encoding="utf-8")


def measure(source, bundle, work, name, cpus):
    shutil.rmtree(bundle, ignore_errors=True)
    command = [pagefind_binary(None), "--site", source, "--output-path", bundle, "--quiet"]
    for selector in search_settings({})["SEARCH_EXCLUDE_SELECTORS"]:
        command += ["--exclude-selectors", selector]
    if cpus:
        command = ["taskset", "-c", ",".join(map(str, sorted(cpus))), *command]
    run = run_measured(command, cwd=work, log=work / "logs" / f"{name}.log")
    meta = sum(p.stat().st_size for p in bundle.glob("*.pf_meta"))
    return run.wall_s, run.peak_rss_mb, meta


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--split-year", type=int, default=2022, help="where the split variants divide the archive")
    options = parser.parse_args(argv)
    site = options.site.resolve()
    work = Path(options.work or tempfile.mkdtemp(prefix="pagefind-limits-")).resolve()
    skip = [site / search_settings({})["SEARCH_BUNDLE_DIR"]]
    pages = indexed_pages(site, skip=skip)
    print(f"{len(pages)} indexed pages in {site}")
    print(f"{'variant':32} {'pages':>6} {'wall s':>7} {'peak MB':>8} {'meta B':>8} {'1st query B':>11}")
    for name, transform, cpus, chosen in variants(options.split_year):
        if transform is None:  # the built site as it is; its bundle beside it
            selected = list(site.rglob("*.html"))
            wall, peak, meta = measure(site, work / "bundle", work, name, cpus)
            query = None
        else:
            source = work / "site"
            selected = [page for page in pages if chosen is None or chosen(page)]
            shutil.rmtree(source, ignore_errors=True)
            write_variant(site, selected, transform, source)
            wall, peak, meta = measure(source, source / "pagefind", work, name, cpus)
            query = first_query_bytes(source)
        shown = f"{query['first_query_bytes']:11d}" if query else f"{'':11}"
        print(f"{name:32} {len(selected):6d} {wall:7.1f} {peak:8.0f} {meta:8d} {shown}", flush=True)
    if not options.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
