"""Event blocks for the synthetic archive, shaped as docs/innehallsmodell.md says.

Every event is valid as an editor would write it: end after start, a
registration deadline before the start, a recurrence whose first date falls
on its own weekday rule, multi-day events with one session a day.
"""

from __future__ import annotations

import calendar
import datetime as dt

from bench.vocabulary import AFFILIATIONS, VENUES

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
STATUSES = ("scheduled",) * 16 + ("cancelled", "postponed", "full")


class EventMaker:
    def __init__(self, rng, words):
        self.rng = rng
        self.words = words

    def _place(self, event):
        location, address = self.rng.choice(VENUES)
        event["location"] = location
        event["address"] = address
        return event

    def meeting(self, day):
        start = day.replace(hour=13, minute=30)
        event = {"start": start, "end": start.replace(hour=15, minute=30).time()}
        return self._place(event)

    def breakfast(self, day):
        start = day.replace(hour=8, minute=15)
        speakers = [
            {"name": self.words.person(), "affiliation": self.rng.choice(AFFILIATIONS)}
            for _ in range(self.rng.randint(1, 2))
        ]
        event = {
            "start": start,
            "end": start.replace(hour=10, minute=0),
            "note": "Frukost serveras från kl. 07.45.",
            "speakers": speakers,
            "organizer": "FoU Helsingborg",
            "registration": self._registration(start),
        }
        return self._place(event)

    def invitation(self, day):
        roll = self.rng.random()
        if roll < 0.3:
            event = self._recurring(day)
        elif roll < 0.45:
            event = self._multi_day(day)
        else:
            start = day.replace(
                hour=self.rng.choice([9, 10, 13, 17, 18]), minute=self.rng.choice([0, 30])
            )
            event = {"start": start, "end": start + dt.timedelta(hours=self.rng.choice([1, 2, 3]))}
        if self.rng.random() < 0.2:
            event["online_url"] = f"https://helsingborg.se/digitalt-mote/{day:%Y%m%d}"
        else:
            self._place(event)
        if self.rng.random() < 0.5:
            event["registration"] = self._registration(event["start"])
        event["organizer"] = self.rng.choice(AFFILIATIONS)
        event["status"] = self.rng.choice(STATUSES)
        return event

    def _recurring(self, day):
        """First date on the rule's own weekday, e.g. the last Wednesday of the month."""
        if self.rng.random() < 0.5:
            weekday = self.rng.randrange(5)
            first = day + dt.timedelta(days=(weekday - day.weekday()) % 7)
            rule = {"freq": "weekly", "byday": WEEKDAYS[weekday], "count": self.rng.randint(4, 12)}
        else:
            month = day.replace(day=1) + dt.timedelta(days=32)
            last = calendar.monthrange(month.year, month.month)[1]
            first = month.replace(day=last)
            while first.weekday() != 2:
                first -= dt.timedelta(days=1)
            rule = {"freq": "monthly", "byday": "-1WE", "count": self.rng.randint(3, 10)}
        start = first.replace(hour=13, minute=30)
        return {"start": start, "end": start.replace(hour=15, minute=30).time(), "recurrence": rule}

    def _multi_day(self, day):
        start = day.replace(hour=0, minute=0).date()
        days = self.rng.randint(2, 3)
        sessions = [
            {
                "start": start + dt.timedelta(days=i),
                "title": self.words.heading(),
                "description": self.words.sentence(6, 14),
            }
            for i in range(days)
        ]
        return {"start": start, "end": start + dt.timedelta(days=days - 1), "sessions": sessions}

    def _registration(self, start):
        registration = {"email": "anmalan@helsingborg.se", "phone": "042-10 50 00"}
        if self.rng.random() < 0.5:
            registration["url"] = "https://helsingborg.se/anmalan"
        deadline = start - dt.timedelta(days=self.rng.randint(2, 10))
        registration["deadline"] = (
            deadline.date() if isinstance(deadline, dt.datetime) else deadline
        )
        return registration

    def planned(self, after, themes):
        """The series' next dates that are not pages yet, some with a theme."""
        planned = []
        for index in range(self.rng.randint(1, 3)):
            day = (after + dt.timedelta(days=28 * (index + 1))).date()
            entry = {"date": day}
            if self.rng.random() < 0.6:
                entry["theme"] = themes[index % len(themes)]
            planned.append(entry)
        return planned

    def related(self, after):
        events = []
        for index in range(self.rng.randint(1, 3)):
            start = (after + dt.timedelta(days=7 * (index + 1))).replace(hour=9, minute=0)
            event = self._place(
                {
                    "title": self.words.heading(),
                    "start": start,
                    "end": start + dt.timedelta(hours=2),
                }
            )
            event["organizer"] = self.rng.choice(AFFILIATIONS)
            events.append(event)
        return events
