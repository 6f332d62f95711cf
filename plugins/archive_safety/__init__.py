"""Editor safety: the personal-data guard and LIX readability."""

from .plugin import register

__all__ = ["register"]
