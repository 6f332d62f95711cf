"""Swedish text for the synthetic archive, deterministic for a given seed.

The general vocabulary is the most frequent Swedish words of wordfreq's
"small" list (word frequencies from subtitles, Wikipedia, news and web text,
shipped inside the wheel, so nothing is fetched at run time), drawn with their
real frequencies: the search index and the Markdown parser then see the mix
of common and rare words that real prose has. Domain words (administrations,
topics, series from data/registry.yaml and the words of the real pages in
content/) are mixed in, so the text reads like this archive and searches for
"samverkan" or "föreningsliv" hit many pages as they would in the real one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from pathlib import Path

import wordfreq

GENERAL_WORDS = 8000
SWEDISH_WORD = re.compile(r"^[a-zåäöé]{2,}$")
# Subtitle slang and swearing that an archive's text would not have.
UNWANTED = frozenset(
    {
        "jävla",
        "jävlar",
        "jäkla",
        "jäkligt",
        "fan",
        "skit",
        "helvete",
        "satan",
        "bajs",
        "kuk",
        "fitta",
        "knulla",
        "haha",
        "hmm",
        "okej",
        "ok",
        "yeah",
        "baby",
        "fuck",
    }
)
# Share of words drawn from the archive's own vocabulary instead of general Swedish.
DOMAIN_SHARE = 0.2

FIRST_NAMES = (
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kerstin",
    "Emma",
    "Ingrid",
    "Malin",
    "Johanna",
    "Linnea",
    "Sofia",
    "Elin",
    "Hanna",
    "Ida",
    "Annika",
    "Helena",
    "Marie",
    "Camilla",
    "Lars",
    "Mikael",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Peter",
    "Thomas",
    "Jan",
    "Daniel",
    "Fredrik",
    "Hans",
    "Mats",
    "Magnus",
    "Andreas",
    "Stefan",
    "Björn",
    "Jonas",
    "Ali",
    "Fatima",
    "Mohammed",
    "Amir",
    "Leila",
    "Yusuf",
    "Mirja",
    "Åsa",
    "Göran",
    "Örjan",
    "Sören",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Ali",
    "Mohammed",
    "Åberg",
    "Öberg",
    "Wikström",
    "Nylén",
    "Schön",
    "Björklund",
    "Ahlgren",
    "Holm",
    "Sjöberg",
)
AFFILIATIONS = (
    "Socialhögskolan, Lunds universitet",
    "Malmö universitet",
    "FoU Helsingborg",
    "Helsingborgs stad",
    "Region Skåne",
    "Högskolan Kristianstad",
    "Länsstyrelsen i Skåne",
    "Antidiskrimineringsbyrån Norra Skåne",
    "Fontänhuset Helsingborg",
    "Röda Korset Helsingborg",
    "Stadsmissionen i Skåne",
    "Idéslussen",
    "Sopact",
    "Hbg Works",
)
VENUES = (
    ("Fontänhuset Helsingborg", "Norra strandgatan 8, Helsingborg"),
    ("Mindpark, lokal Auditoriet", "Bredgatan 11, Helsingborg"),
    ("Träffpunkt Sköldenborg", "Hebsackersgatan 6, Helsingborg"),
    ("Pixlapiren", "Oceanhamnen, Helsingborg"),
    ("Tryckeriet", "Kopparmöllegatan 5, Helsingborg"),
    ("Rådhuset, sessionssalen", "Drottninggatan 2, Helsingborg"),
    ("Helsingborgs stadsbibliotek", "Stadsparken, Helsingborg"),
    ("Dunkers kulturhus", "Kungsgatan 11, Helsingborg"),
    ("Planteringen, @Plantan", "Planteringsvägen 60, Helsingborg"),
    ("Drottninghögs bibliotek", "Bergaliden 14, Helsingborg"),
)
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


class Vocabulary:
    """Words, sentences and names drawn from one random generator."""

    def __init__(self, rng, domain_words=()):
        self.rng = rng
        words, weights = general_words()
        self.words = words
        self._cumulative = list(itertools.accumulate(weights))
        self.domain_words = sorted(set(domain_words)) or words[:200]

    def word(self):
        if self.rng.random() < DOMAIN_SHARE:
            return self.rng.choice(self.domain_words)
        point = self.rng.random() * self._cumulative[-1]
        return self.words[bisect.bisect_left(self._cumulative, point)]

    def phrase(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def sentence(self, low=6, high=18):
        text = self.phrase(low, high)
        return text[0].upper() + text[1:] + self.rng.choice(".....?!")

    def paragraph(self, low=2, high=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def heading(self):
        text = self.phrase(2, 5)
        return text[0].upper() + text[1:]

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"


def general_words():
    """wordfreq's most frequent Swedish words (letters only) and their frequencies."""
    words = [
        w
        for w in wordfreq.top_n_list("sv", GENERAL_WORDS * 2)
        if SWEDISH_WORD.match(w) and w not in UNWANTED
    ]
    words = words[:GENERAL_WORDS]
    return words, [wordfreq.word_frequency(w, "sv") for w in words]


def archive_words(content_folder: Path, registry: dict):
    """Lower-case words of the real pages and the registry's names."""
    texts = [
        _body(path.read_text(encoding="utf-8")) for path in sorted(content_folder.rglob("*.md"))
    ]
    for section in ("administrations", "series"):
        texts += [str(entry.get("name", "")) for entry in registry.get(section, {}).values()]
        texts += [str(entry.get("description", "")) for entry in registry.get(section, {}).values()]
    texts += [topic["name"] for topic in registry.get("topics", [])]
    words = re.findall(r"[a-zåäöé]{3,}", "\n".join(texts).lower())
    return sorted(set(words) - UNWANTED)


def _body(text):
    """The text a reader sees: no front matter, link targets or addresses."""
    parts = text.split("\n---\n", 1)
    body = parts[1] if len(parts) == 2 else text
    return re.sub(r"\]\([^)]*\)|https?://\S+|\S+@\S+", " ", body)
