"""Öppna lärarkivet's publishing plugin: hashed CSS/JS names, sitemap.xml,
robots.txt; and the editor workflow behind `invoke` (build, check, preview,
atomic publish, new pages)."""

from .plugin import register

__all__ = ["register"]
