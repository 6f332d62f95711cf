"""Would feeding Pagefind page by page while Pelican writes shorten the build?

    python bench/pagefind_service.py SITE [--cpus 1]

Pagefind's service mode (`pagefind --service`, what its Python and Node APIs
drive) takes pages one at a time (`AddFile`) and builds the bundle on request
(`WriteFiles`). Only the adding could overlap Pelican's rendering; the writing
comes after the last page either way. This sends SITE's indexed pages (those
with `data-pagefind-body`, as the search plugin gives Pagefind) over the
service protocol on `--cpus` CPUs and prints how long the adding and the
writing take, beside the CLI over the same pages on the same CPUs (what the
search plugin runs). SITE is a built output folder.
"""

from __future__ import annotations

import argparse
import base64
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from archive_search.indexer import (  # noqa: E402
    indexed_pages,
    on_cpus,
    pagefind_binary,
    pagefind_command,
    stage_pages,
)
from archive_search.settings import search_settings  # noqa: E402

from bench.measure import run_measured  # noqa: E402


class Service:
    """Pagefind's service protocol: base64 JSON messages, each ended by ','."""

    def __init__(self, command, cwd):
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.replies, self.sent = {}, 0
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pending = b""
        while chunk := self.process.stdout.read1(1 << 20):
            *messages, pending = (pending + chunk).split(b",")
            with self.arrived:
                for message in messages:
                    reply = json.loads(base64.b64decode(message))
                    self.replies[reply.get("message_id")] = reply["payload"]
                self.arrived.notify_all()

    def send(self, payload):
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        self.process.stdin.flush()
        return self.sent

    def reply(self, message_id):
        with self.arrived:
            self.arrived.wait_for(lambda: message_id in self.replies)
            payload = self.replies.pop(message_id)
        if payload["type"] == "Error":
            raise RuntimeError(payload["message"])
        return payload

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def through_service(site, pages, bundle, cpus, selectors):
    """Seconds to add every page and to write the bundle, and the peak MB."""
    start = time.perf_counter()
    service = Service(on_cpus([pagefind_binary(None), "--service"], cpus), cwd=site)
    index = service.reply(service.send({"type": "NewIndex", "config": {"exclude_selectors": selectors}}))
    added = [
        service.send({
            "type": "AddFile",
            "index_id": index["index_id"],
            "file_path": relative,
            "url": None,
            "file_contents": (site / relative).read_text(encoding="utf-8"),
        })
        for relative in pages
    ]
    for message_id in added:
        service.reply(message_id)
    adding = time.perf_counter() - start
    service.reply(service.send({"type": "WriteFiles", "index_id": index["index_id"], "output_path": str(bundle)}))
    writing = time.perf_counter() - start - adding
    service.close()
    return adding, writing, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def through_cli(site, work, options):
    """Pagefind as the search plugin runs it (indexer.py): staged pages, its command."""
    staged = stage_pages(site, work / "site", skip=[site / options["SEARCH_BUNDLE_DIR"]])
    command = pagefind_command(pagefind_binary(None), staged, work / "cli", options)
    return run_measured(command, cwd=work, log=work / "cli.log")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--cpus", type=int, default=1, help="CPUs Pagefind may use (0: all)")
    options = parser.parse_args(argv)
    site = options.site.resolve()
    settings = {**search_settings({}), "SEARCH_PAGEFIND_CPUS": options.cpus or None}
    pages = indexed_pages(site, skip=[site / settings["SEARCH_BUNDLE_DIR"]])
    work = Path(tempfile.mkdtemp(prefix="pagefind-service-"))
    try:
        cli = through_cli(site, work, settings)
        adding, writing, peak = through_service(
            site, pages, work / "service", options.cpus, settings["SEARCH_EXCLUDE_SELECTORS"]
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(pages)} indexed pages, Pagefind on {options.cpus or 'all'} CPU(s)")
    print(f"CLI (--site)       {cli.wall_s:6.1f} s  peak {cli.peak_rss_mb:6.0f} MB")
    print(f"service: add pages {adding:6.1f} s")
    print(f"service: write     {writing:6.1f} s  peak {peak:6.0f} MB")
    print(f"service: total     {adding + writing:6.1f} s")


if __name__ == "__main__":
    main()
