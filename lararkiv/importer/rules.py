"""data/import-mapping.yaml's rules and the registry's names: a post's
type, series, administrations and topics, each with its reason."""

from __future__ import annotations

import re

import yaml
from archive_model.registry import fold

from .findings import GUESS, LIKELY, SURE, Finding


class MappingError(ValueError):
    """The import rules cannot be read; a Swedish sentence naming the file."""


def load_mapping(path):
    try:
        with open(path, encoding="utf-8") as handle:
            mapping = yaml.safe_load(handle) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise MappingError(f"{path}{where}: importreglerna är inte giltig YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(mapping, dict):
        raise MappingError(f"{path}: importreglerna ska vara fält med värden (types:, series: …)")
    return mapping


def matches(when, post, text):
    for key, wanted in (when or {}).items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if key in ("category", "tag"):
            have = {fold(v) for v in (post.categories if key == "category" else post.tags)}
            if not have & {fold(v) for v in values}:
                return False
        elif key == "title":
            if not any(re.search(v, post.title, re.I) for v in values):
                return False
        elif key == "text":
            if not any(re.search(v, f"{post.title}\n{text}", re.I) for v in values):
                return False
        else:
            raise ValueError(f"okänt villkor '{key}' i importregler (tillåtna: category, tag, title, text)")
    return True


def _rule_source(when):
    return ", ".join(f"{k}: {v}" for k, v in when.items())


def classify(page, mapping, registry, text, has_event):
    post = page.post
    for rule in mapping.get("types", []):
        if matches(rule["when"], post, text):
            sure = SURE if rule.get("sure", True) else GUESS
            page.meta["type"] = registry.content_type(rule["type"]).slug
            page.findings.append(Finding("type", rule["type"], sure, post.line, f"regel {_rule_source(rule['when'])}"))
            break
    else:
        guess = mapping.get("event_type", "inbjudan") if has_event else mapping.get("default_type", "nyhet")
        page.meta["type"] = guess
        page.findings.append(Finding("type", guess, GUESS, post.line,
                                     "ingen regel passade; " + ("inlägget har en händelse" if has_event else "standardtypen")))
        page.to_check.append(f"typen '{guess}' är en gissning")
    for rule in mapping.get("series", []):
        if matches(rule["when"], post, text):
            series = registry.a_series(rule["series"]).slug
            page.meta["series"] = series
            page.findings.append(Finding("series", series, SURE, post.line, f"regel {_rule_source(rule['when'])}"))
            break
    _administrations(page, mapping, registry, text)
    _topics(page, mapping, registry, text)


def _mentions(text, spelling):
    # Swedish inflects names: "socialförvaltningen", "-ens", "FoU:s".
    return re.search(rf"(?<!\w){re.escape(spelling)}(?:en|ens|s|:s)?(?!\w)", text, re.I)


def _administrations(page, mapping, registry, text):
    post, found = page.post, {}
    whole = f"{post.title}\n{text}"
    for admin in registry.administrations.values():
        for spelling in admin.spellings:
            if len(spelling) < 3 or (spelling == admin.slug and "-" not in spelling):
                continue
            stem = re.sub(r"en$", "", spelling) if spelling.lower().endswith("förvaltningen") else spelling
            match = _mentions(whole, stem)
            if match:
                found.setdefault(admin.slug, Finding("administrations", admin.slug, SURE, post.line_of(match.group(0)),
                                                     f"texten nämner ”{match.group(0)}”"))
                break
    for term in (*post.categories, *post.tags):
        try:
            admin = registry.administration(term)
        except LookupError:
            continue
        found.setdefault(admin.slug, Finding("administrations", admin.slug, SURE, post.line,
                                             f"kategorin eller taggen ”{term}”"))
    series = page.meta.get("series")
    organiser = registry.series[series].organiser if series else None
    if organiser:
        try:
            admin = registry.administration(organiser)
            found.setdefault(admin.slug, Finding("administrations", admin.slug, LIKELY, post.line,
                                                 f"serien {series} arrangeras av {organiser}"))
        except LookupError:
            pass
    for rule in mapping.get("administrations", []):
        if matches(rule["when"], post, text):
            for value in rule["administrations"]:
                slug = registry.administration(value).slug
                found.setdefault(slug, Finding("administrations", slug, LIKELY, post.line,
                                               f"regel {_rule_source(rule['when'])}"))
    if found:
        page.meta["administrations"] = list(found)
        page.findings.extend(found.values())


def _topics(page, mapping, registry, text):
    post, found = page.post, {}
    whole = f"{post.title}\n{text}"
    for term in (*post.tags, *post.categories):
        try:
            found.setdefault(registry.topic(term).name, term)
        except LookupError:
            continue
    for topic in registry.topics.values():
        for spelling in (topic.name, *topic.aliases):
            if len(spelling) >= 5 and _mentions(whole, spelling):
                found.setdefault(topic.name, spelling)
    for rule in mapping.get("topics", []):
        if matches(rule["when"], post, text):
            for value in rule["topics"]:
                found.setdefault(registry.topic(value).name, _rule_source(rule["when"]))
    if found:
        page.meta["topics"] = list(found)
        page.findings.append(Finding("topics", list(found), LIKELY, post.line, "ord i texten och importreglerna"))
