"""Meeting series and threads: /serie/<slug>/ pages, follows links both ways,
agenda blocks and attachments."""

from .plugin import register

__all__ = ["register"]
