"""Events: calendars (/kalender/ and .ics), the event block's structured
data, and "upcoming" lists that stay true."""

from .plugin import register

__all__ = ["register"]
