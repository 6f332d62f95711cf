"""Privacy gate: no page makes the reader's browser contact another site
(scripts, styles, fonts, images, frames), and no shipped script stores
anything on the reader's device (cookies, localStorage, sessionStorage,
IndexedDB). Digg's guidance and the cookie rules (LEK 9:28) cover storage
too; a German court fined a site for loading fonts from Google."""

from __future__ import annotations

import re

from archive_checks.output import SiteOutput

STORAGE_APIS = re.compile(r"\b(document\.cookie|localStorage|sessionStorage|indexedDB|openDatabase)\b")


def test_nothing_is_loaded_from_another_origin(site):
    loads = SiteOutput.read(site.root).third_party_loads()
    assert not loads, "\n".join(loads)


def test_no_shipped_script_uses_cookies_or_storage(site):
    # The CMS (/admin/, editors only) keeps its sign-in and unsaved drafts in
    # the editor's browser: docs/arkitektur.md, "The CMS".
    scripts = [p for p in sorted(site.root.rglob("*.js")) + sorted(site.root.rglob("*.mjs")) if not site.in_cms(p)]
    assert scripts, "no JavaScript in the output: did the build change?"
    users = []
    for path in scripts:
        found = set(STORAGE_APIS.findall(path.read_text(encoding="utf-8", errors="replace")))
        if found:
            users.append(f"{path.relative_to(site.root)}: {', '.join(sorted(found))}")
    assert not users, "\n".join(users)


def test_the_check_would_see_a_font_from_another_origin(tmp_path):
    """Guards the gate: a CSS @import, a font url() and an <img> from elsewhere are found."""
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "a.css").write_text(
        "@import 'https://fonts.example/css';\n@font-face { src: url(https://fonts.example/f.woff2); }\n"
    )
    (tmp_path / "index.html").write_text('<img src="//cdn.example/x.png" alt="x"><a href="https://example.com/">ok</a>')
    loads = SiteOutput.read(tmp_path).third_party_loads()
    assert loads == [
        "index.html: //cdn.example/x.png",
        "theme/a.css: https://fonts.example/css",
        "theme/a.css: https://fonts.example/f.woff2",
    ]
