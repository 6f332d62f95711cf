"""Running the invoke tasks as an editor or CI does, for tests: `invoke TASK …`
in a subprocess against a copy of a small content folder, and `invoke serve`
as a background process. Import it as `taskrun`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitebuild import FIXTURES, ROOT

# Same instant for every build in these tests (archive_model reads it).
SOURCE_DATE_EPOCH = "1795000000"


def run_task(*args, cwd):
    """`invoke -r ROOT ARGS…` from ``cwd``; returns the CompletedProcess."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *map(str, args)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)



class Project:
    """A working folder with its own content/ (a copy of tests/fixtures/minimal)."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURES / "minimal" / "content", self.content)

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def task(self, *args):
        return run_task(*args, "--content", self.content, cwd=self.root)

    def task_without_content(self, *args):
        return run_task(*args, cwd=self.root)


WAIT_SECONDS = 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """(status, text) of a GET; errors too, with their body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, what):
    """Poll ``condition`` until true; fail the test naming ``what`` if it never is."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


# `python -m invoke` with Ctrl+C (SIGINT) as from a terminal: xdist's workers
# ignore SIGINT, a child inherits that, and Python then never raises
# KeyboardInterrupt in it. (Not preexec_fn: unsafe with the tests' threads.)
INVOKE_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'invoke'; runpy.run_module('invoke', run_name='__main__', alter_sys=True)"
)


class Preview:
    """`invoke serve --port P --content C --output O` running in its own session."""

    def __init__(self, content, output, log):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}/"
        self.log = log
        command = [
            sys.executable,
            "-c",
            INVOKE_WITH_CTRL_C,
            "-r",
            str(ROOT),
            "serve",
            "--port",
            str(self.port),
            "--content",
            str(content),
            "--output",
            str(output),
        ]
        self.process = subprocess.Popen(
            command,
            cwd=content.parent,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: fetch(self.url)[0] == 200, f"the preview on {self.url}\n{self.output()}")

    def output(self):
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def stop(self):
        """Ctrl+C; True when the preview ended on it, False when it had to be killed."""
        if self.process.poll() is not None:
            return True
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=10)
            return True
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            return False
