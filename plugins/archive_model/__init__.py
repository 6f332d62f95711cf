"""Öppna lärarkivets content model: registry, front-matter reader, validation."""

from .plugin import register

__all__ = ["register"]
