"""Honest dates: "last updated" from git history, notices on outdated pages."""

from .plugin import register

__all__ = ["register"]
