"""What a reader downloads: an article page, and a first search query.

Article: the page's HTML plus every stylesheet it links (print.css included:
browsers fetch it too; `@import`s followed), each gzip-compressed at level 6
as a static host would serve it. Scripts are counted apart: reading must not
need them. Reported for the median article and the largest one.

First query: headless Chromium (Debian's /usr/bin/chromium through Playwright)
loads a probe page from the built site served on 127.0.0.1, imports
`/pagefind/pagefind.js`, runs one search and loads the first FIRST_RESULTS
results' data, as a results list shows them. Every response is counted as a
static host would send it: text (JS, CSS, JSON, HTML) gzip-compressed, the
Pagefind index, fragment and WebAssembly files as they are (Pagefind
compresses them itself). The probe page itself is not counted.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import html.parser
import http.server
import re
import statistics
import threading
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

FIRST_RESULTS = 5
QUERY = "samverkan"
CHROMIUM = "/usr/bin/chromium"
PROBE_NAME = "__bench_search_probe.html"
TEXT_TYPES = ("javascript", "css", "json", "html", "text/")


def gz_size(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs.get("href") or "")
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def _local(output, page, href, site_url):
    """The file behind `href` as linked from `page` in `output`."""
    if site_url and href.startswith(site_url):
        href = href[len(site_url) :]
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme or parsed.netloc:
        return None  # another origin: should not exist (tests check it)
    path = urllib.parse.unquote(parsed.path)
    target = output / path.lstrip("/") if path.startswith("/") else page.parent / path
    return target.resolve() if target.resolve().is_file() else None


def _stylesheet_files(css_file, seen):
    if css_file in seen:
        return
    seen.add(css_file)
    for href in re.findall(
        r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", css_file.read_text(errors="replace")
    ):
        nested = (css_file.parent / href).resolve()
        if nested.is_file():
            _stylesheet_files(nested, seen)


def page_weight(output, page, site_url=""):
    """(HTML+CSS gzip bytes, scripts gzip bytes) of one built page."""
    data = page.read_bytes()
    links = _Links()
    links.feed(data.decode("utf-8", errors="replace"))
    sheets = set()
    for href in links.stylesheets:
        found = _local(output, page, href, site_url)
        if found:
            _stylesheet_files(found, sheets)
    scripts = {_local(output, page, src, site_url) for src in links.scripts} - {None}
    return (
        gz_size(data) + sum(gz_size(s.read_bytes()) for s in sheets),
        sum(gz_size(s.read_bytes()) for s in scripts),
    )


def article_weights(output, slugs, site_url=""):
    """Weights of every article page in `output` (`<slug>/index.html` or `<slug>.html`)."""
    slugs = set(slugs)
    weights = {}
    for page in Path(output).rglob("*.html"):
        name = page.parent.name if page.name == "index.html" else page.stem
        if name in slugs and "sida" not in page.parts:
            weights[page.relative_to(output).as_posix()] = page_weight(Path(output), page, site_url)
    if not weights:
        return None
    by_size = sorted(weights.items(), key=lambda item: item[1][0])
    median_path, (median, median_js) = by_size[len(by_size) // 2]
    largest_path, (largest, _) = by_size[-1]
    return {
        "article_bytes_gz": median,
        "article_page": median_path,
        "article_js_bytes_gz": median_js,
        "article_bytes_gz_max": largest,
        "article_page_max": largest_path,
        "article_bytes_gz_mean": round(statistics.mean(w for w, _ in weights.values())),
        "articles_weighed": len(weights),
    }


PROBE = """<!doctype html><html lang="sv"><meta charset="utf-8"><title>probe</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(%(query)s);
const data = await Promise.all(search.results.slice(0, %(first)d).map((r) => r.data()));
document.title = "klar " + search.results.length + " " + data.length;
</script></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def first_query_bytes(output, query=QUERY):
    """Bytes a first search for `query` downloads, and what they are."""
    output = Path(output)
    if not (output / "pagefind" / "pagefind.js").is_file():
        return None
    probe = output / PROBE_NAME
    probe.write_text(PROBE % {"query": f'"{query}"', "first": FIRST_RESULTS}, encoding="utf-8")
    files = {}
    try:
        with serve(output) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            page = browser.new_page()

            def count(response):
                path = urllib.parse.urlparse(response.url).path
                if path.endswith(PROBE_NAME):
                    return
                body = response.body()
                kind = response.headers.get("content-type", "")
                text = any(t in kind for t in TEXT_TYPES) and not path.endswith(".pagefind")
                files[path] = gz_size(body) if text else len(body)

            page.on("response", count)
            page.goto(f"{base}/{PROBE_NAME}")
            page.wait_for_function("document.title.startsWith('klar')", timeout=60_000)
            results = int(page.title().split()[1])
            browser.close()
    finally:
        probe.unlink(missing_ok=True)
    groups = {}
    for path, size in files.items():
        name = path.rsplit("/", 1)[-1]
        suffix = name.rsplit(".", 1)[-1]
        group = {
            "pf_meta": "meta",
            "pf_index": "index",
            "pf_fragment": "fragments",
            "pf_filter": "filters",
        }.get(suffix, "wasm" if name.startswith("wasm.") else name)
        groups[group] = groups.get(group, 0) + size
    return {
        "first_query_bytes": sum(files.values()),
        "first_query_files": len(files),
        "first_query_results": results,
        "first_query_parts": groups,
        "query": query,
    }
