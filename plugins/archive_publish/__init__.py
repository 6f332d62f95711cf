"""Öppna lärarkivet's publishing plugin: theme CSS/JS under hashed names,
sitemap.xml, robots.txt and complete Atom feeds."""

from .plugin import register

__all__ = ["register"]
