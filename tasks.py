"""Editor and CI tasks (`invoke --list`). Pelican runs in-process; every task
wraps `pelican content -s pelicanconf.py -o DIR` and never replaces it."""

import os
import shlex
import shutil
import subprocess
import sys

from invoke import task
from pelican import main as pelican_main

CONFIG = {
    "content": "content",
    "settings": "pelicanconf.py",
    "publish_settings": "publishconf.py",
    "output": "output",
    "host": "localhost",
    "port": 8000,
    "chromium": "/usr/bin/chromium",
}


def run_pelican(*args):
    """Pelican's own command line, in this process."""
    try:
        pelican_main([CONFIG["content"], *args])
    except SystemExit as exit:
        if exit.code:
            raise


@task
def build(c, output=CONFIG["output"]):
    """Build the site for preview into output/."""
    run_pelican("-s", CONFIG["settings"], "-o", output)


@task
def serve(c, port=CONFIG["port"]):
    """Build, serve on http://localhost:8000 and rebuild on every change."""
    run_pelican(
        "-s", CONFIG["settings"], "-o", CONFIG["output"],
        "--autoreload", "--listen", "--bind", CONFIG["host"], "--port", str(port),
    )


@task
def clean(c):
    """Remove the preview output and Pelican's cache."""
    for folder in (CONFIG["output"], "cache"):
        shutil.rmtree(folder, ignore_errors=True)


def ensure_chromium():
    """The browser tests drive Debian's chromium; install it if we may."""
    if shutil.which("chromium") or os.path.exists(CONFIG["chromium"]):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
        return
    sys.exit("Webbläsartesterna behöver Chromium: kör 'sudo apt-get install chromium'.")


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Run all tests (installs Debian's chromium for the browser tests if missing)."""
    ensure_chromium()
    args = [sys.executable, "-m", "pytest", "-q"]
    if k:
        args += ["-k", k]
    c.run(shlex.join(args), pty=False)
