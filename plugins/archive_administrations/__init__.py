"""Öppna lärarkivets administrations (förvaltningar): a front door per
administration, badges that link to it, an Atom feed each."""

from .plugin import register

__all__ = ["register"]
