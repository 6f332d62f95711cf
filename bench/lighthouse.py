"""Lighthouse on the built site: the front page and an article, mobile (the
default) and desktop (`--preset=desktop`), the four categories.

Lighthouse is the npm package pinned in bench/lighthouse/package-lock.json
(`npm ci --prefix bench/lighthouse`), run with Debian's chromium
(CHROME_PATH=/usr/bin/chromium, never a downloaded browser). The site is
served from its output folder by Python's http.server on 127.0.0.1: that
server sends no Cache-Control and compresses nothing, so the audits named in
LOCAL_SERVER_AUDITS judge the server, not the site (issue 21 excludes them;
GitHub Pages compresses and sets a cache lifetime; the nginx example in
docs/arkitektur.md#publishing caches /theme/ for a year). In Lighthouse 12
they weigh 0 in the performance score: listed, they cost nothing.

    python bench/lighthouse.py                   # builds the site into a temporary folder
    python bench/lighthouse.py --site /tmp/lh-out --json lighthouse.json

Performance is a timing (simulated throttling on a shared machine): it is
recorded here and in bench/README.md, never asserted.
tests/quality/test_lighthouse.py asserts the other three categories.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
CLI = PACKAGE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# What the loopback test server, not the site, fails: no Cache-Control
# header, no gzip/brotli (Lighthouse 12 ids; the insights are 13's names).
LOCAL_SERVER_AUDITS = {
    "uses-long-cache-ttl", "uses-text-compression", "cache-insight", "document-latency-insight",
}
ARTICLES = "arkiv/*/*/*/index.html"


def pages(site):
    """{name: URL path} of the pages measured: the front page and the first
    article by path (any archive has both)."""
    articles = sorted(Path(site).glob(ARTICLES))
    if not articles:
        raise SystemExit(f"{site}: no article page ({ARTICLES})")
    article = articles[0].relative_to(site).as_posix()[: -len("index.html")]
    return {"front page": "", "article": article}


def run(url, form_factor, categories=CATEGORIES, chrome=None):
    """One Lighthouse run of ``url``; returns its JSON report (a dict)."""
    node = shutil.which("node")
    if not node or not CLI.exists():
        raise FileNotFoundError("Lighthouse is not installed: npm ci --prefix bench/lighthouse")
    command = [
        node, str(CLI), url, "--quiet", "--output=json", "--output-path=stdout",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome or shutil.which("chromium") or "/usr/bin/chromium"}
    # Lighthouse gives up on a page itself (45 s); the timeout is for a hung browser.
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} ({form_factor}) failed:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}: {report['runtimeError']}")
    return report


def scores(report):
    """{category: score 0–100, or None when Lighthouse could not score it}."""
    return {
        name: None if category["score"] is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }


def failing_audits(report, category):
    """The audits of ``category`` that cost points or failed, as
    (id, score, title) — the ones to fix when the category is below 100."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["score"] is None or audit["scoreDisplayMode"] in {"notApplicable", "manual", "informative"}:
            continue
        weighs = ref["weight"] > 0 or audit["scoreDisplayMode"] == "binary" or ref["id"] in LOCAL_SERVER_AUDITS
        if audit["score"] < 1 and weighs:
            found.append((ref["id"], audit["score"], audit["title"]))
    return found


def describe(report, category):
    return "; ".join(
        f"{audit} ({score}): {title}" + (" [local server]" if audit in LOCAL_SERVER_AUDITS else "")
        for audit, score, title in failing_audits(report, category)
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(output):
    command = ["pelican", "content", "-s", "pelicanconf.py", "-o", str(output), "-q"]
    subprocess.run(command, cwd=ROOT, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="a built output folder (default: build one)")
    parser.add_argument("--json", help="write every score and failing audit here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        site = Path(args.site) if args.site else Path(scratch) / "output"
        if not args.site:
            build(site)
        server, base = serve(site)
        try:
            rows = measure(base, pages(site))
        finally:
            server.shutdown()
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def measure(base, measured):
    rows = []
    for name, path in measured.items():
        for form_factor in FORM_FACTORS:
            started = time.monotonic()
            report = run(base + path, form_factor)
            rows.append({
                "page": name, "path": "/" + path, "form_factor": form_factor,
                "scores": scores(report), "seconds": round(time.monotonic() - started, 1),
                "lighthouse": report["lighthouseVersion"],
                "failing": {c: failing_audits(report, c) for c in CATEGORIES},
            })
    return rows


def table(rows):
    header = ["page", "form factor", *CATEGORIES, "s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row["page"], row["form_factor"], *(str(row["scores"][c]) for c in CATEGORIES), str(row["seconds"])]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [
        f"{row['page']} ({row['form_factor']}) {category}: {audit} {score} {title}"
        + (" [local server]" if audit in LOCAL_SERVER_AUDITS else "")
        for row in rows for category, audits in row["failing"].items() for audit, score, title in audits
    ]
    version = rows[0]["lighthouse"] if rows else "?"
    paths = ", ".join(sorted({f"{r['page']} {r['path']}" for r in rows}))
    return "\n".join([f"Lighthouse {version}, chromium {chromium_version()}; {paths}", *lines, *notes])


def chromium_version():
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        output = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return "?"
    match = re.search(r"[\d.]+", output)
    return match.group(0) if match else "?"


if __name__ == "__main__":
    sys.exit(main())
