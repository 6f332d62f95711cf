"""Events: calendars (/kalender/ and .ics), the event block's structured
data, and "upcoming" lists that stay true; and what feed readers get of the
Atom feeds besides their entries (feeds.py)."""

from .plugin import register

__all__ = ["register"]
