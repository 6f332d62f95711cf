"""Öppna lärarkivet's CMS plugin: Decap CMS at /admin/, its configuration
generated from the registry and the content model at build time."""

from .plugin import register

__all__ = ["register"]
