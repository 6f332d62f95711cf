"""Run one command and measure it: wall time, CPU time and peak memory of its
process tree.

CPU time (user + system of the command and every descendant it waited for,
from `os.wait4`) is reported beside wall time because it hardly changes when
other jobs share the machine, while wall time does.

Peak memory is taken two ways and the larger is reported:
- exactly, per process: `os.wait4` returns the child's rusage, whose
  `ru_maxrss` covers the child and every descendant it waited for (Pagefind
  run by Pelican included) — but as the maximum of single processes;
- by sampling the whole tree every 50 ms with psutil and summing the RSS of
  the processes alive at once (Pelican still holds its memory while a
  plugin runs Pagefind under it), which can miss a spike shorter than 50 ms.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05
LOG_TAIL_LINES = 60


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; carries the end of its output."""

    def __init__(self, run):
        self.run = run
        super().__init__(
            f"{' '.join(map(str, run.command))} avslutades med {run.returncode}:\n{run.log_tail()}"
        )


@dataclass
class Run:
    command: list
    wall_s: float
    peak_rss_mb: float
    returncode: int
    log: Path
    cpu_s: float = 0.0
    samples: int = field(default=0)
    peak_by_name: dict = field(default_factory=dict)  # sampled MB per executable name

    def log_tail(self, lines=LOG_TAIL_LINES):
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


class TreeSampler(threading.Thread):
    """Largest summed RSS of a process and its descendants, sampled, and the
    largest RSS per executable name (to tell Pagefind run by a plugin apart)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.by_name = {}
        self.samples = 0
        self.stopped = threading.Event()

    def run(self):
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stopped.wait(SAMPLE_SECONDS):
            total = 0
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    name = process.name()
                except psutil.NoSuchProcess:
                    continue
                total += rss
                self.by_name[name] = max(self.by_name.get(name, 0), rss)
            self.peak = max(self.peak, total)
            self.samples += 1


def run_measured(command, cwd, log, env=None, check=True):
    """Run `command` in `cwd` with its output in `log`; a :class:`Run`."""
    log = Path(log)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    exact_mb = usage.ru_maxrss / 1024  # kB on Linux
    run = Run(
        list(command),
        wall,
        max(exact_mb, sampler.peak / 2**20),
        process.returncode,
        log,
        usage.ru_utime + usage.ru_stime,
        sampler.samples,
        {name: round(rss / 2**20) for name, rss in sampler.by_name.items()},
    )
    if check and run.returncode != 0:
        raise CommandFailed(run)
    return run
