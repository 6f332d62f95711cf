"""Öppna lärarkivets search: a Pagefind index over the written site and the page at /sok/."""

from .plugin import register

__all__ = ["register"]
