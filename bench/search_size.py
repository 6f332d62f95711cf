"""Search index size and what a reader's first query downloads.

    python bench/search_size.py                 # builds the seed site into a temp folder
    python bench/search_size.py --site output   # or measures a built site
    python bench/search_size.py --query samverkan

Serves the site on localhost, opens /sok/ in Debian's chromium (as the browser
tests do), submits one query and sums the bytes of every response: the page
itself, then the search (pagefind.js, the WebAssembly, the metadata, filter
and index chunks, and the fragments of the results shown). The local server
sends files uncompressed, so these are file sizes; a host with gzip/brotli
sends less for the text files (Pagefind's own index files are already gzip'd).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_DATE = "2026-11-24T12:00:00+01:00"


def browser_fixtures():
    spec = importlib.util.spec_from_file_location("browser_tools", ROOT / "tests" / "browser_tools.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(output):
    command = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
               "-o", str(output), "-e", f'ARCHIVE_BUILD_DATE="{BUILD_DATE}"']
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def index_size(site):
    bundle = site / "pagefind"
    groups = defaultdict(lambda: [0, 0])
    for path in bundle.rglob("*"):
        if path.is_file():
            part = path.relative_to(bundle).parts[0] if len(path.relative_to(bundle).parts) > 1 else "(bundle root)"
            groups[part][0] += 1
            groups[part][1] += path.stat().st_size
    return dict(groups)


def first_query(site, query):
    fixtures = browser_fixtures()
    from playwright.sync_api import expect, sync_playwright  # noqa: PLC0415

    server, base = fixtures.serve_folder(site)
    sizes = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=fixtures.chromium_path(), args=fixtures.CHROMIUM_ARGS
            )
            tab = browser.new_context().new_page()
            tab.on("response", lambda r: sizes.append((r.url.removeprefix(base), len(r.body()))))
            tab.goto(base + "sok/")
            tab.wait_for_load_state("networkidle")
            page_bytes = sum(size for _url, size in sizes)
            page_files = len(sizes)
            sizes.clear()
            tab.fill("#la-search-q", query)
            tab.press("#la-search-q", "Enter")
            expect(tab.locator("[data-la-search-results][aria-busy=false]")).to_have_count(1, timeout=15000)
            results = tab.locator(".la-search-result").count()
            browser.close()
    finally:
        server.shutdown()
    return page_bytes, page_files, list(sizes), results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built output folder (default: build the seed site)")
    parser.add_argument("--query", default="förening")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = args.site or Path(temp) / "site"
        if not args.site:
            build(site)
        pages = sum(1 for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
        groups = index_size(site)
        print(f"Indexed pages: {pages}")
        print("Index (pagefind/):")
        for part, (files, size) in sorted(groups.items()):
            print(f"  {part:<16} {files:>4} files {size / 1024:>8.1f} KiB")
        total_files = sum(f for f, _ in groups.values())
        total = sum(s for _, s in groups.values())
        print(f"  {'total':<16} {total_files:>4} files {total / 1024:>8.1f} KiB")
        page_bytes, page_files, requests, results = first_query(site, args.query)
        print(f"Search page /sok/ before any query: {page_files} files, {page_bytes / 1024:.1f} KiB")
        print(f"First query {args.query!r} ({results} results shown): {len(requests)} requests,"
              f" {sum(s for _, s in requests) / 1024:.1f} KiB")
        for url, size in requests:
            print(f"  {size / 1024:>8.1f} KiB  {url.split('?')[0]}")


if __name__ == "__main__":
    main()
