"""A deterministic synthetic archive of N pages in our content model.

The archive is made of *stories*, the way the real one grows: a series
meeting is an invitation (event, agenda, planned meetings) followed by its
minutes (`follows`, attachments, sometimes related events) and sometimes a
news item; a research breakfast may be followed by a report; projects have
progress, period and quotes; stand-alone invitations have recurring,
multi-day, cancelled or online events. Every page uses the registry's own
types, administrations (in every spelling editors use), topics and series.

Same `pages` and `seed` → the same bytes (tests/test_bench_generator.py).
`python bench/generate.py --pages N DIR` writes one for inspection.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.events import EventMaker
from bench.vocabulary import MONTHS, Vocabulary, archive_words
from bench.writers import small_pdf, write_archive, write_reference

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2012, 1, 9, 9, 0)
SPAN_DAYS = 13 * 365
# The archive's "now" (ARCHIVE_BUILD_DATE): events of the last weeks are upcoming.
BUILD_DATE = "2024-12-02 12:00"
STATIC_PAGES = (
    ("om", "Om lärarkivet"),
    ("tillganglighet", "Tillgänglighetsredogörelse"),
    ("kontakt", "Kontakta oss"),
)
# How often each story starts; a story is one to three pages.
STORIES = {
    "meeting": 26,
    "news": 22,
    "breakfast": 10,
    "invitation": 14,
    "report": 8,
    "project": 8,
    "challenge": 4,
}


@dataclass
class Page:
    folder: str
    slug: str
    front: dict
    body: str
    kind: str = "article"

    @property
    def path(self):
        return f"{self.folder}/{self.slug}.md"


@dataclass
class Archive:
    pages: list = field(default_factory=list)
    attachments: dict = field(default_factory=dict)  # path under content/ → bytes


def load_registry(path=ROOT / "data" / "registry.yaml"):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def slugify(text):
    table = str.maketrans("åäöéü", "aaoeu")
    text = text.lower().translate(table)
    slug = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part)[:60].strip("-")


class Generator:
    def __init__(self, pages, seed, registry, seed_content=ROOT / "content"):
        self.rng = random.Random(seed)
        self.total = pages
        self.registry = registry
        self.words = Vocabulary(self.rng, archive_words(seed_content, registry))
        self.events = EventMaker(self.rng, self.words)
        self.archive = Archive()
        self.slugs = set()
        self.types = registry["types"]
        self.admins = registry["administrations"]
        self.topics = registry["topics"]

    # -- the archive ---------------------------------------------------------
    def generate(self):
        for slug, title in STATIC_PAGES[: max(1, min(len(STATIC_PAGES), self.total // 10))]:
            self.slugs.add(slug)
            body = "\n\n".join(self.words.paragraph() for _ in range(4))
            self.archive.pages.append(Page("sidor", slug, {"title": title}, body, kind="page"))
        for slug, admin in sorted(self.admins.items()):
            if admin.get("challenge"):  # the administration's front door links it
                self._article(
                    "utmaning",
                    START,
                    f"{admin['abbreviation']}: {self.words.heading()}",
                    administrations=[slug],
                    slug=admin["challenge"],
                )
        stories = list(STORIES)
        weights = list(STORIES.values())
        while len(self.archive.pages) < self.total:
            day = SPAN_DAYS * len(self.archive.pages) / self.total
            when = START + dt.timedelta(days=day, hours=self.rng.randint(0, 8))
            story = self.rng.choices(stories, weights)[0]
            getattr(self, f"_{story}")(when)
        del self.archive.pages[self.total :]
        return self.archive

    def _meeting(self, when):
        series = self.rng.choice(["gemensam-utvecklingsgrupp", "ledningsgrupp-for-utveckling"])
        name = self.registry["series"][series]["name"]
        event = self.events.meeting(when + dt.timedelta(days=self.rng.randint(5, 21)))
        start = event["start"]
        topic = self._topic_names(1)[0]
        agenda = [self.words.heading() for _ in range(self.rng.randint(3, 6))] + ["Övrigt"]
        invitation = self._article(
            "inbjudan",
            when,
            f"Välkommen till {name} {start.day} {MONTHS[start.month - 1]} om {topic}",
            series=series,
            agenda=agenda,
            event=event,
            planned_meetings=self.events.planned(start, self._topic_names(3)),
        )
        held = start + dt.timedelta(days=self.rng.randint(1, 8))
        minutes = self._article(
            "motesanteckningar",
            held,
            f"{name} {start:%Y-%m-%d}",
            series=series,
            follows=invitation.slug,
            agenda=agenda,
            attachments=self._attachments(held, 2),
            related_events=self.events.related(held) if self.rng.random() < 0.2 else None,
        )
        if self.rng.random() < 0.25:
            self._article(
                "nyhet",
                held + dt.timedelta(days=self.rng.randint(3, 30)),
                self.words.sentence(4, 9).rstrip(".?!"),
                follows=minutes.slug,
            )

    def _breakfast(self, when):
        event = self.events.breakfast(when + dt.timedelta(days=self.rng.randint(7, 28)))
        topic = self._topic_names(1)[0]
        page = self._article(
            "forskningsfrukost",
            when,
            f"Forskningsfrukost om {topic}",
            series="forskningsfrukost",
            event=event,
            attachments=self._attachments(when, 1),
        )
        if self.rng.random() < 0.4:
            self._article(
                "rapport",
                event["start"] + dt.timedelta(days=self.rng.randint(14, 90)),
                f"Resultat från forskningsfrukosten om {topic}",
                follows=page.slug,
            )

    def _invitation(self, when):
        self._article(
            "inbjudan",
            when,
            self.words.sentence(3, 8).rstrip(".?!"),
            may_be_draft=True,
            event=self.events.invitation(when + dt.timedelta(days=self.rng.randint(7, 40))),
        )

    def _report(self, when):
        series = "bootcamp" if self.rng.random() < 0.3 else None
        self._article(
            "rapport",
            when,
            f"{self.words.heading()} – resultat och fortsättning",
            series=series,
            attachments=self._attachments(when, 3),
            author=self.words.person(),
        )

    def _project(self, when):
        months = self.rng.choice([6, 12, 18, 24, 36])
        period = (
            {"start": when.date(), "months": months}
            if self.rng.random() < 0.5
            else {"start": when.date(), "end": (when + dt.timedelta(days=30 * months)).date()}
        )
        page = self._article(
            "projekt",
            when,
            self.words.heading(),
            progress=self.rng.randint(0, 100),
            period=period,
            quote=self._quote(),
        )
        if self.rng.random() < 0.5:
            self._article(
                "nyhet",
                when + dt.timedelta(days=self.rng.randint(30, 300)),
                f"Nytt från projektet: {self.words.phrase(2, 5)}",
                follows=page.slug,
            )

    def _news(self, when):
        self._article(
            "nyhet",
            when,
            self.words.sentence(4, 10).rstrip(".?!"),
            may_be_draft=True,
            quote=self._quote() if self.rng.random() < 0.2 else None,
            author=self.words.person() if self.rng.random() < 0.3 else None,
        )

    def _challenge(self, when):
        admin = self.rng.choice([slug for slug, a in self.admins.items() if a.get("primary")])
        self._article(
            "utmaning",
            when,
            f"{self.admins[admin]['abbreviation']}: {self.words.heading()}",
            administrations=[admin],
        )

    # -- one page ------------------------------------------------------------
    def _article(
        self,
        type_slug,
        when,
        title,
        *,
        administrations=None,
        slug=None,
        may_be_draft=False,
        **extra,
    ):
        if len(self.archive.pages) >= self.total:
            return self.archive.pages[-1]
        slug = self._unique_slug(slug or title)
        front = {"title": title, "date": when, "type": type_slug}
        front["administrations"] = administrations or self._admin_spellings()
        front["topics"] = self._topic_names(self.rng.randint(1, 4), spellings=True)
        front["summary"] = self.words.sentence(12, 30)
        if self.rng.random() < 0.1:
            front["updated"] = when + dt.timedelta(days=self.rng.randint(1, 400))
        # Only pages nothing follows: a published page may not follow a draft.
        if may_be_draft and self.rng.random() < 0.03:
            front["status"] = "draft"
        front.update({k: v for k, v in extra.items() if v})
        page = Page(self.types[type_slug]["folder"], slug, front, self._body(front))
        self.archive.pages.append(page)
        return page

    def _body(self, front):
        words, rng, parts = self.words, self.rng, []
        parts.append(words.paragraph(2, 5))
        if "event" in front:
            event = front["event"]
            start = event["start"]
            when = (
                f"{start:%Y-%m-%d}, klockan {start:%H.%M}"
                if isinstance(start, dt.datetime)
                else f"{start}"
            )
            parts.append(f"**Tid:** {when}\n\n**Plats:** {event.get('location', 'digitalt')}")
        for _ in range(rng.randint(1, 4)):
            parts.append(f"## {words.heading()}")
            parts.extend(words.paragraph() for _ in range(rng.randint(1, 3)))
            roll = rng.random()
            if roll < 0.3:
                parts.append(
                    "\n".join(f"- {words.sentence(3, 10)}" for _ in range(rng.randint(2, 6)))
                )
            elif roll < 0.4:
                parts.append(
                    "\n".join(f"{i}. {words.sentence(3, 8)}" for i in range(1, rng.randint(3, 6)))
                )
            elif roll < 0.5:
                parts.append(f"> {words.sentence(10, 25)}\n>\n> – {words.person()}")
            elif roll < 0.55:
                rows = [
                    f"| {words.word()} | {rng.randint(1, 500)} |" for _ in range(rng.randint(2, 6))
                ]
                parts.append("\n".join(["| Område | Antal |", "|---|---:|", *rows]))
        earlier = [
            p
            for p in self.archive.pages[-200:]
            if p.kind == "article" and p.front.get("status") != "draft"
        ]
        if earlier and rng.random() < 0.5:
            target = rng.choice(earlier)
            parts.append(f"Läs också [{target.front['title']}]({{filename}}/{target.path}).")
        if rng.random() < 0.1:
            parts.append(
                "Frågor? Skriv till [lararkivet@helsingborg.se](mailto:lararkivet@helsingborg.se)."
            )
        return "\n\n".join(parts)

    def _unique_slug(self, title):
        base = slugify(title) or "sida"
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug

    def _admin_spellings(self):
        chosen = self.rng.sample(sorted(self.admins), self.rng.choices([1, 2, 3], [6, 3, 1])[0])
        spellings = []
        for slug in chosen:
            admin = self.admins[slug]
            options = [slug, admin["abbreviation"], admin["name"], *admin.get("aliases", [])]
            spellings.append(self.rng.choices(options, [12, 4, 3] + [1] * (len(options) - 3))[0])
        return spellings

    def _topic_names(self, count, spellings=False):
        names = []
        for topic in self.rng.sample(self.topics, count):
            options = [topic["name"], *topic.get("aliases", [])] if spellings else [topic["name"]]
            names.append(self.rng.choices(options, [8] + [1] * (len(options) - 1))[0])
        return names

    def _quote(self):
        return {
            "text": self.words.sentence(10, 25),
            "name": self.words.person(),
            "role": f"{self.words.word()}, {self.rng.choice(list(self.admins.values()))['name']}",
        }

    def _attachments(self, when, at_most):
        attachments = []
        for _ in range(self.rng.randint(0, at_most)):
            title = self.words.heading()
            path = f"bilagor/{when:%Y}/{slugify(title)}-{len(self.archive.attachments)}.pdf"
            self.archive.attachments[path] = small_pdf(
                title, [self.words.sentence() for _ in range(6)]
            )
            attachments.append({"file": path, "title": title})
        return attachments


def generate_archive(pages, seed=1, registry=None, seed_content=ROOT / "content"):
    """The archive of `pages` pages (static pages included) for `seed`."""
    return Generator(pages, seed, registry or load_registry(), Path(seed_content)).generate()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("folder", type=Path, help="writes FOLDER/content and FOLDER/reference")
    args = parser.parse_args(argv)
    registry = load_registry()
    archive = generate_archive(args.pages, args.seed, registry)
    write_archive(archive, args.folder / "content")
    write_reference(archive, args.folder / "reference", registry)
    print(f"{len(archive.pages)} sidor, {len(archive.attachments)} bilagor i {args.folder}")


if __name__ == "__main__":
    main()
