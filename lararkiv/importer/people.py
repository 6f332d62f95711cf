"""Who to contact and who speaks: registration (e-mail, phone, contact,
link, deadline) and speakers, read from an event post's Swedish prose."""

from __future__ import annotations

import re

from .findings import GUESS, LIKELY, Finding
from .swedish_dates import find_date

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

PHONE = re.compile(r"\b0\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){1,3}\b")

SPEAKERS = re.compile(r"(?:Medverkar gör|Medverkande(?: är)?:?|Föreläsare:?|Talare:?)\s+(?P<who>[^.\n]+)", re.I)

NAME = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)+)\b")


def registration(text, labelled, reference, post, findings):
    registration = {}
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not re.search(r"anmä?l|anmälan|ring|kontakta", sentence, re.I):
            continue
        email = EMAIL.search(sentence)
        if email and "email" not in registration:
            registration["email"] = email.group(0).rstrip(".")
        phone = PHONE.search(sentence)
        if phone and "phone" not in registration:
            registration["phone"] = phone.group(0)
            contact = re.search(r"(?:ring|kontakta)\s+(.+?)\s+på\s+(?:telefon|tel)", sentence, re.I)
            if contact:
                registration["contact"] = contact.group(1)
        link = re.search(r"\[([^\]]*anmä[^\]]*)\]\((https?://[^)\s]+)\)", sentence, re.I)
        if link and "url" not in registration:
            registration["url"] = link.group(2)
    deadline_text, deadline_line = labelled.get("sista anmälningsdag", (None, None))
    if not deadline_text:
        match = re.search(r"(?:anmäl(?:an|)\s+(?:dig\s+)?senast|sista anmälningsdag(?:en)?(?: är)?)\s+(.+)", text, re.I)
        deadline_text, deadline_line = (match.group(1), match.group(0)) if match else (None, None)
    if deadline_text:
        found = find_date(deadline_text, reference)
        if found:
            registration["deadline"] = found[0].isoformat()
            findings.append(Finding("event.registration.deadline", registration["deadline"], found[2],
                                    post.line_of(deadline_line), found[3]))
    if registration:
        shown = ", ".join(f"{k}: {v}" for k, v in registration.items() if k != "deadline")
        if shown:
            first_value = next(v for k, v in registration.items() if k != "deadline")
            findings.append(Finding("event.registration", shown, LIKELY, post.line_of(first_value),
                                    "adresser och nummer i meningar om anmälan"))
    return registration


# "Anett Schenk och Lars Harrysson som är forskare vid socialhögskolan, Lunds universitet"
RESEARCHERS = re.compile(
    r"(?P<names>[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé-]+(?:(?:, | och )[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé-]+)*)"
    r" som (?:är|arbetar som) (?P<role>forskare|föreläsare|doktorand|professor)\w* (?:vid|på) (?P<place>[^.;]+?)"
    r"(?:,? (?:har|och|som)\b|[.;])")


def _researchers(text, post, findings):
    match = RESEARCHERS.search(text)
    if not match:
        return []
    place = match.group("place").strip()
    place = place[:1].upper() + place[1:]
    speakers = [{"name": n, "affiliation": place} for n in re.split(r", | och ", match.group("names"))]
    # Names and place copied as written: likely, not a guess (no draft for it).
    findings.append(Finding("event.speakers", speakers, LIKELY, post.line_of(match.group(0)),
                            f"”… som är {match.group('role')} vid …”"))
    return speakers


def speakers(text, post, findings):
    match = SPEAKERS.search(text)
    if not match:
        return _researchers(text, post, findings)
    speakers = []
    for part in re.split(r",\s*|\s+och\s+", match.group("who")):
        name = NAME.match(part.strip())
        if not name:
            continue
        rest = part.strip()[name.end():].strip()
        affiliation = re.sub(r"^(från|på|vid)\s+", "", rest).strip() if re.match(r"(från|på|vid)\s", rest) else ""
        speakers.append({"name": name.group(1), "affiliation": affiliation} if affiliation else name.group(1))
    if speakers:
        findings.append(Finding("event.speakers", speakers, GUESS, post.line_of(match.group(0)),
                                "namn efter ”Medverkar gör”/”Medverkande”: kontrollera namn och titlar"))
    return speakers
