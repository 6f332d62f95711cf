"""Threads: pages linked by ``follows`` (minutes follow an invitation, a
report follows a project). Resolves every ``follows`` to a page, finds the
broken ones, and orders each thread for reading."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from archive_model.errors import ContentError, did_you_mean
from archive_model.reader import display_path


@dataclass(frozen=True)
class ThreadEntry:
    """One page of a thread as another page of it shows it."""

    page: object
    relation: str  # "Inbjudan", "Mötesanteckningar", "Uppföljning", or the type's label
    direct: bool  # linked to the viewing page by its own `follows` or the other's
    current: bool


def sort_key(page):
    return (page.date, page.slug, page.source_path)


def _error(page, message, hint=None):
    reference = page.follows
    return ContentError(display_path(page.source_path), message, line=reference.line, field="follows", hint=hint)


def resolve_follows(pages, is_draft):
    """``({page: the page it follows}, [ContentError])`` over ``pages``."""
    by_slug = {}
    for page in pages:
        by_slug.setdefault(page.slug, []).append(page)
    targets, errors = {}, []
    for page in sorted(pages, key=sort_key):
        reference = getattr(page, "follows", None)
        if not reference:
            continue
        found = by_slug.get(reference.slug, [])
        if not found:
            errors.append(_error(page, f"det finns ingen sida med slug '{reference.slug}'", did_you_mean(reference.slug, sorted(by_slug))))
        elif len(found) > 1:
            files = ", ".join(display_path(p.source_path) for p in found)
            errors.append(_error(page, f"flera sidor har slug '{reference.slug}' ({files})", "ge en av dem ett annat filnamn eller slug"))
        elif is_draft(found[0]) and not is_draft(page):
            errors.append(_error(page, f"'{reference.slug}' är ett utkast (status: draft)", "publicera den sidan först, eller ta bort follows"))
        else:
            targets[page] = found[0]
    cycle_errors, on_cycles = _cycles(targets)
    for page in on_cycles:
        del targets[page]
    return targets, errors + cycle_errors


def _cycles(targets):
    """Errors for every page on a cycle of `follows` (a page following itself,
    directly or through others), each naming the whole cycle; and those pages."""
    errors, members, seen = [], [], set()
    for start in sorted(targets, key=sort_key):
        path, page = [], start
        while page in targets and page not in seen and page not in path:
            path.append(page)
            page = targets[page]
        if page in path:
            cycle = path[path.index(page):]
            chain = " → ".join(p.slug for p in [*cycle, cycle[0]])
            for member in cycle:
                errors.append(_error(member, f"bildar en cirkel: {chain}",
                                     "en sida kan inte följa upp en sida som (via andra) följer upp den själv; ta bort en av länkarna"))
            members.extend(cycle)
        seen.update(path)
    return errors, members


def threads(targets):
    """Each thread (connected by `follows`) as a list of pages in reading
    order: by date, except that a page always comes after the page it
    follows up (its own date may be earlier when it was written up late)."""
    neighbours = {}
    for page, target in targets.items():
        neighbours.setdefault(page, set()).add(target)
        neighbours.setdefault(target, set()).add(page)
    followers = {}
    for page, target in targets.items():
        followers.setdefault(target, []).append(page)
    seen, result = set(), []
    for start in sorted(neighbours, key=sort_key):
        if start in seen:
            continue
        component, stack = set(), [start]
        while stack:
            page = stack.pop()
            if page not in component:
                component.add(page)
                stack.extend(neighbours[page] - component)
        seen |= component
        ready = [(sort_key(p), p) for p in component if p not in targets]
        heapq.heapify(ready)
        ordered = []
        while ready:
            _, page = heapq.heappop(ready)
            ordered.append(page)
            for follower in followers.get(page, []):
                heapq.heappush(ready, (sort_key(follower), follower))
        result.append(ordered)
    return result


def relation(viewer, other, targets, labels):
    """What ``other`` is to ``viewer``: named after its type where the type
    says it ("Inbjudan", "Mötesanteckningar"), else by direction."""
    by_type = labels["types"].get(other.type.slug)
    if targets.get(viewer) is other:
        return by_type or labels["follows"], True
    if targets.get(other) is viewer:
        return by_type or labels["follow_up"], True
    return by_type or other.type.label, False


def thread_entries(viewer, thread, targets, labels, visible):
    entries = []
    for page in thread:
        if page is not viewer and not visible(page):
            continue
        name, direct = relation(viewer, page, targets, labels)
        entries.append(ThreadEntry(page, name, direct, page is viewer))
    return entries
