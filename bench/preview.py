"""The editor's preview: `invoke serve` running, one page saved, until it shows.

Drives the project's own `invoke serve` as a black box, so it measures
whatever the preview does at the time. Time is counted from the moment the
edited file is saved until the edited page in the output folder contains the
edit ("visible"), and until the server logs the end of that rebuild ("done",
the end-of-build line: Pelican's "Done: Processed …" or our preview's
"Klart: …"; None if neither appears before the log goes quiet). Then a new
draft is made with `invoke new` and timed until its page is written.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.incremental import edit_page, edit_target

POLL_SECONDS = 0.02
DONE_LINE = re.compile(r"^(?:Done: Processed|Klart: )", re.MULTILINE)
QUIET_SECONDS = 3
SETTLE_SECONDS = 3
EDITS = 3
NEW_PAGE_TITLE = "Bänkprovets nya sida"
NEW_PAGE_SLUG = "bankprovets-nya-sida"
SKIP_FOLDERS = {"content", "plugins", "theme", "data", "cache", "__pycache__"}


@dataclass
class PreviewResult:
    visible_s: list = field(default_factory=list)
    done_s: list = field(default_factory=list)
    new_page_visible_s: float | None = None
    first_build_s: float | None = None
    error: str | None = None

    @property
    def visible_median(self):
        return statistics.median(self.visible_s) if self.visible_s else None

    @property
    def done_median(self):
        done = [d for d in self.done_s if d is not None]
        return statistics.median(done) if done else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_invoke_serve(workspace, timeout):
    """Start `invoke serve`, wait for its first build, then time EDITS edits."""
    page = edit_target(workspace)
    word = edit_page(workspace, page, 10)
    log_path = workspace.logs / "serve.log"
    result = PreviewResult()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(free_port())],
            cwd=workspace.ours,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            target = _wait_for_word(workspace.ours, page.slug, word, server, timeout)
            if target is None:
                result.error = "invoke serve byggde aldrig sidan: se " + str(log_path)
                return result
            result.first_build_s = time.perf_counter() - start
            # Without an end-of-build line to wait for, a silent log is the best sign.
            logs_done = _wait_for_done_count(log_path, 1, server, timeout)
            quiet = None if logs_done else QUIET_SECONDS
            # The watcher may start only after the first build: a save before
            # that is never seen (an editor's first save is rarely that quick).
            time.sleep(SETTLE_SECONDS)
            for number in range(11, 11 + EDITS):
                done_before = _done_count(log_path)
                saved = time.perf_counter()
                word = edit_page(workspace, page, number)
                if not _poll_file(target, word, server, timeout):
                    result.error = f"redigeringen syntes inte inom {timeout:.0f} s: se {log_path}"
                    return result
                result.visible_s.append(time.perf_counter() - saved)
                finished = _wait_for_done_count(log_path, done_before + 1, server, timeout, quiet)
                result.done_s.append(time.perf_counter() - saved if finished else None)
                time.sleep(SETTLE_SECONDS)  # let the watcher settle before the next save
            result.new_page_visible_s = _time_new_page(workspace, server, timeout)
        finally:
            _stop(server)
    return result


def _time_new_page(workspace, server, timeout):
    """An editor's new page: `invoke new` writes a draft; seconds from the
    file's writing (its mtime: the preview may show it before `invoke new`
    has exited) until its page is found in the output folder (None if not
    within timeout)."""
    subprocess.run(
        [sys.executable, "-m", "invoke", "new", "--type", "nyhet", "--title", NEW_PAGE_TITLE],
        cwd=workspace.ours, check=True, capture_output=True,
    )
    source = workspace.ours / "content" / "nyheter" / f"{NEW_PAGE_SLUG}.md"
    page = workspace.ours / "output" / "utkast" / NEW_PAGE_SLUG / "index.html"
    if not _poll_file(page, NEW_PAGE_TITLE, server, timeout):
        return None
    return time.time() - source.stat().st_mtime


def _done_count(log_path):
    return len(DONE_LINE.findall(Path(log_path).read_text(encoding="utf-8", errors="replace")))


def _wait_for_done_count(log_path, count, server, timeout, quiet=None):
    """True when the log has `count` end-of-build lines; False on timeout, or
    when the log has been silent for `quiet` seconds (if given)."""
    deadline = time.perf_counter() + timeout
    size, quiet_since = -1, time.perf_counter()
    while time.perf_counter() < deadline and server.poll() is None:
        if _done_count(log_path) >= count:
            return True
        now_size = os.path.getsize(log_path)
        if now_size != size:
            size, quiet_since = now_size, time.perf_counter()
        elif quiet and time.perf_counter() - quiet_since > quiet:
            return False
        time.sleep(POLL_SECONDS)
    return False


def _wait_for_word(project, slug, word, server, timeout):
    """The output HTML file of the edited page (found by its word)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and server.poll() is None:
        found = _find_word(project, slug, word)
        if found:
            return found
        time.sleep(1)
    return None


def _find_word(project, slug, word):
    candidates = []
    for folder, dirs, files in os.walk(project):
        # Hidden folders hold scratch copies (Pagefind's staged pages, hard
        # links that vanish after each build), never the page the editor sees.
        dirs[:] = [d for d in dirs if d not in SKIP_FOLDERS and not d.startswith(".")]
        if "index.html" in files and os.path.basename(folder) == slug:
            candidates.append(Path(folder) / "index.html")
    for path in candidates:
        if word in path.read_text(encoding="utf-8", errors="replace"):
            return path
    return None


def _poll_file(path, word, server, timeout):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and server.poll() is None:
        try:
            if word in path.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass  # being replaced right now
        time.sleep(POLL_SECONDS)
    return False


def _stop(server):
    """Stop the server we started (its own process group), politely first."""
    for sig, wait in ((signal.SIGINT, 5), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if server.poll() is not None:
            return
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(wait)
        except subprocess.TimeoutExpired:
            continue
