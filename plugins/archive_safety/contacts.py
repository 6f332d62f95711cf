"""E-mail addresses and phone numbers in free text, and the city's own.

The city's addresses (``SAFETY_ALLOWED_EMAIL_DOMAINS``) and numbers (the
registry's ``contact_numbers`` and administrations' ``contact``) may stand on
any page. Any other address or number may be a private person's: the build
names it until an editor has reviewed the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_model.build import build_of

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})", re.UNICODE
)
# RFC 5321's longest local part and domain.
EMAIL_WINDOW = 320
# Swedish numbers as people write them: 042-10 50 00, 0701-74 06 05,
# 08-123 456 78, +46 42 10 50 00, 0046 (0)42 105000. Groups of digits joined
# by single spaces or hyphens, starting with 0 or a country code.
PHONE = re.compile(
    r"(?=[+0])(?<![\w+/.,-])"
    r"(?:\+\d{2}|00\d{2}|0)(?:[ -]?\(0\))?"
    r"(?:[ -]?\d){6,11}"
    r"(?![\w-])"
)


@dataclass(frozen=True)
class Contact:
    kind: str  # "e-postadress" or "telefonnummer"
    text: str
    start: int
    end: int

    @property
    def key(self):
        return phone_key(self.text) if self.kind == "telefonnummer" else self.text.lower()


def phone_key(text):
    """One spelling per number: ``+46 (0)42-10 50 00`` → ``042105000``."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.strip().startswith("+46"):
        digits = "0" + digits[2:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    return digits


def find_emails(text):
    """E-mail addresses, looked for only around each "@": running the
    pattern over a whole page costs far more than finding the "@"s."""
    found = {}
    at = text.find("@")
    while at != -1:
        offset = max(0, at - EMAIL_WINDOW)
        for match in EMAIL.finditer(text, offset, at + EMAIL_WINDOW):
            if match.start() <= at < match.end():
                found[match.start()] = Contact(
                    "e-postadress", match.group(), match.start(), match.end()
                )
        at = text.find("@", at + 1)
    return list(found.values())


def find_contacts(text):
    """E-mail addresses and phone numbers in ``text``, in order."""
    found = find_emails(text)
    emails = [(c.start, c.end) for c in found]
    for match in PHONE.finditer(text):
        if any(start <= match.start() < end for start, end in emails):
            continue
        found.append(Contact("telefonnummer", match.group().strip(), match.start(), match.end()))
    return sorted(found, key=lambda c: c.start)


@dataclass(frozen=True)
class CityContacts:
    """What needs no review: the city's e-mail domains and phone numbers."""

    domains: tuple
    phone_keys: frozenset

    def allows(self, contact):
        if contact.kind == "e-postadress":
            domain = contact.text.rsplit("@", 1)[1].lower()
            return any(domain == d or domain.endswith("." + d) for d in self.domains)
        return contact.key in self.phone_keys


def city_contacts(settings, allowed_domains):
    """The allow-list from the settings and the registry."""
    registry = build_of(settings).registry
    numbers = list(registry.contact_numbers)
    numbers += [a.contact for a in registry.administrations.values() if a.contact]
    keys = {
        phone_key(c.text) for n in numbers for c in find_contacts(n) if c.kind == "telefonnummer"
    }
    return CityContacts(tuple(d.lower().lstrip("@") for d in allowed_domains), frozenset(keys))
