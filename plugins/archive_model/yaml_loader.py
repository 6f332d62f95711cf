"""YAML as editors mean it: `13:30` is a time, `2019-02-30` is an error we
explain ourselves, and every key remembers its line for error messages."""

from __future__ import annotations

import re

import yaml

_SEXAGESIMAL = re.compile(r":[0-5]?\d")


class PureArchiveLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's timestamp and base-60 number rules.

    Dates and times stay strings so the content model parses them with Swedish
    error messages, `end: 15:30` is not read as the integer 930 and
    `end: 15.30` not as the decimal number 15.3.
    """


# libyaml's C parser reads front matter about ten times faster than the pure
# one (issue #10); the rules above and the key lines are the same with both
# (tests/test_optimisations.py). Without libyaml, the pure loader does it all.
_FAST_BASE = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class ArchiveLoader(_FAST_BASE):
    """The same rules on libyaml's parser (PureArchiveLoader's are the measure)."""


def _int_or_text(loader, node):
    if _SEXAGESIMAL.search(node.value):
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _float_or_text(_loader, node):
    """A number with a decimal point stays as written: no field takes a
    decimal number, and `end: 15.30` is a time that YAML would make 15.3
    (and `title: 1.10` the text "1.1")."""
    return node.value


for _loader in (PureArchiveLoader, ArchiveLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_constructor("tag:yaml.org,2002:int", _int_or_text)
    _loader.add_constructor("tag:yaml.org,2002:float", _float_or_text)


def load_with_lines(text, first_line, loader_class=ArchiveLoader):
    """Parse ``text`` (YAML starting on file line ``first_line``).

    Returns ``(data, lines)`` where ``lines`` maps a key path such as
    ``("event", "end")`` or ``("speakers", 0, "name")`` to its file line.
    Invalid YAML is read again by the pure loader, so that the error an
    editor sees (its wording and line) does not depend on libyaml.
    """
    try:
        return _load(text, first_line, loader_class)
    except yaml.YAMLError:
        if loader_class is PureArchiveLoader:
            raise
        return _load(text, first_line, PureArchiveLoader)


# No field of the content model nests deeper than a few levels (event:
# with recurrence: under it); libyaml's composer recurses once per level
# and a page of "[[[[…" deep enough crashed the whole process.
MAX_DEPTH = 16
ALIAS_REFUSED = "found an alias, refused"
TOO_DEEP = "found nesting deeper than the limit"
# Each level of nesting needs one of these characters (a flow bracket, a
# block entry, a key); a text with few of them cannot nest deep enough to
# harm the composer, and without "*" holds no alias: such a text (every
# page's front matter) skips the event scan, which would double the time
# YAML takes (170 → 336 µs a page), and its depth is checked on the nodes.
NESTING_MARKS = "[{-?:"
SCAN_ABOVE_MARKS = 200


def needs_scan(text):
    return "*" in text or sum(text.count(mark) for mark in NESTING_MARKS) > SCAN_ABOVE_MARKS


def refuse_aliases_and_depth(text, loader_class):
    """Read the events of ``text`` once, before any node is made: an alias
    (``*namn``) is refused before it can be expanded (a few lines of
    aliases made a page of gigabytes), and nesting is bounded."""
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, ALIAS_REFUSED, event.start_mark)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(None, None, TOO_DEEP, event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _load(text, first_line, loader_class):
    if needs_scan(text):
        refuse_aliases_and_depth(text, loader_class)
    loader = loader_class(text)
    lines = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        # Lines (and the depth) first: nothing is built of a refused text.
        _collect_lines(node, (), first_line, lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _collect_lines(node, path, first_line, lines):
    if len(path) >= MAX_DEPTH and isinstance(node, yaml.CollectionNode):
        raise yaml.composer.ComposerError(None, None, TOO_DEEP, node.start_mark)
    lines[path] = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            _refuse_duplicate(key, seen)
            child = (*path, key.value)
            _collect_lines(value, child, first_line, lines)
            lines[child] = key.start_mark.line + first_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), first_line, lines)


def _refuse_duplicate(key, seen):
    """YAML keeps the last of two equal keys without a word: a page copied
    from another with a second `title:` added would lose its new title."""
    if not isinstance(key, yaml.ScalarNode):
        return
    if key.value in seen:
        raise yaml.constructor.ConstructorError(
            "while constructing a mapping", seen[key.value].start_mark,
            f"found duplicate key '{key.value}'", key.start_mark,
        )
    seen[key.value] = key
