"""Skärmbilderna av redigeringsverktyget (/admin/) i docs/redaktorsguide.md,
tagna i Debians chromium (headless, via Playwright) som `invoke redigera`
visar det: webbplatsen byggd i en tillfällig mapp, decap-server på en kopia
av content/ i ett tillfälligt git-repo. Kör `invoke screenshots`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from lararkiv import cms, preview  # noqa: E402 — after the project is on the path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 860}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        site, repository = scratch / "site", scratch / "repo"
        subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
                        "-o", str(site), "-q"], check=True, cwd=ROOT)
        shutil.copytree(ROOT / "content", repository / "content")
        subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
        port = free_port()
        decap = cms.start_decap_server(ROOT, repository, port)
        server = preview.start_server(site, preview.PreviewState(), "127.0.0.1", 0,
                                      api_upstream=cms.upstream_url(port), plain_prefixes=("/admin/",))
        base = f"http://127.0.0.1:{server.server_address[1]}/admin/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport=VIEWPORT, locale="sv-SE")
                page.goto(base)
                page.get_by_role("button", name="Logga in").click()
                page.goto(base + "#/collections/inbjudan")
                expect(page.get_by_text("Två kreativa dagar på Pixlapiren")).to_be_visible()
                page.screenshot(path=HERE / "redigera-lista.png")
                page.get_by_text("Två kreativa dagar på Pixlapiren").click()
                expect(page.get_by_text("Publiceringsdatum")).to_be_visible()
                page.wait_for_timeout(1000)
                page.screenshot(path=HERE / "redigera-sida.png")
                page.goto(base + "#/collections/inbjudan/new")
                expect(page.get_by_text("Publiceringsdatum")).to_be_visible()
                page.locator("input").first.fill("Träff om samverkan")
                page.wait_for_timeout(500)
                page.screenshot(path=HERE / "redigera-ny.png")
                browser.close()
        finally:
            decap.terminate()
            decap.wait()
            server.shutdown()
    print("Skärmbilderna av redigeringsverktyget finns i", HERE)


if __name__ == "__main__":
    main()
