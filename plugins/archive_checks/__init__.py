"""Öppna lärarkivets build-time checks: links, images, attachments, URLs."""

from .plugin import register

__all__ = ["register"]
