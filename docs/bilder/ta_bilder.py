"""Skärmbilderna i docs/redaktorsguide.md: förhandsvisningen (`invoke serve`)
fotograferad i Debians chromium (headless, via Playwright). Kör `invoke
screenshots`; bilderna skrivs hit, till docs/bilder/.

Förhandsvisningen körs på en kopia av innehållet i en tillfällig mapp, så att
utkastet och felet som bilderna visar aldrig hamnar i content/.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1100, "height": 860}
PAGE = "arkiv/2019/02/forskningsfrukost-om-samverkan-med-foreningar/"
DRAFT_TITLE = "Forskningsfrukost om ofrivillig ensamhet"
BROKEN = "nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("förhandsvisningen svarade inte")


def invoke(*args, cwd, **kwargs):
    return [sys.executable, "-m", "invoke", "-r", str(ROOT), *args], {"cwd": cwd, **kwargs}


def main():
    with tempfile.TemporaryDirectory(prefix="lararkiv-bilder-") as folder:
        work = Path(folder)
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        command, options = invoke(
            "new",
            "--type",
            "forskningsfrukost",
            "--title",
            DRAFT_TITLE,
            "--administrations",
            "vof",
            "--content",
            str(content),
            cwd=work,
        )
        subprocess.run(command, check=True, **options)
        port = free_port()
        command, options = invoke(
            "serve",
            "--port",
            str(port),
            "--content",
            str(content),
            "--output",
            str(work / "output"),
            cwd=work,
        )
        server = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            **options,
        )
        base = f"http://localhost:{port}/"
        try:
            wait_until(lambda: urllib.request.urlopen(base, timeout=5).status == 200)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(
                    viewport=VIEWPORT, locale="sv-SE", timezone_id="Europe/Stockholm"
                )
                page.goto(base + PAGE)
                page.screenshot(path=HERE / "forhandsvisning-sida.png")
                page.goto(base + "utkast/forskningsfrukost-om-ofrivillig-ensamhet/")
                page.screenshot(path=HERE / "forhandsvisning-utkast.png")
                page.goto(base + PAGE)
                broken = content / BROKEN
                broken.write_text(
                    broken.read_text(encoding="utf-8").replace(
                        "administrations: [", "administrations: [socialförvaltning, ", 1
                    ),
                    encoding="utf-8",
                )
                page.get_by_role("alert").wait_for(timeout=30_000)
                # The live reload has just happened: let the new page finish.
                page.wait_for_load_state("load")
                page.goto(page.url)
                page.screenshot(path=HERE / "forhandsvisning-fel.png")
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGINT)
            server.wait(timeout=10)
    for name in (
        "forhandsvisning-sida.png",
        "forhandsvisning-utkast.png",
        "forhandsvisning-fel.png",
    ):
        print(f"docs/bilder/{name}")


if __name__ == "__main__":
    main()
