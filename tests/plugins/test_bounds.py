"""Bounds (issue 20): whatever an editor writes, the build's work and
memory stay bounded and the answer is our error, never a RecursionError,
a MemoryError or a crashed process."""

from __future__ import annotations

import pytest
import yaml
from archive_model.yaml_loader import MAX_DEPTH, ArchiveLoader, PureArchiveLoader, load_with_lines

LOADERS = [PureArchiveLoader, ArchiveLoader]

# Nine times nine times nine …: 20 lines held 9**20 strings once expanded.
BOMB = 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 20)
)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "text",
    [BOMB, "title: &t Hej\nsummary: *t\n", "event: &e {start: '2019-02-08 10:00'}\nmore: *e\n"],
    ids=["billion laughs", "a plain alias", "an aliased block"],
)
def test_an_alias_is_refused_before_it_is_expanded(loader, text):
    with pytest.raises(yaml.MarkedYAMLError, match="found an alias, refused"):
        load_with_lines(text, 2, loader)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "text",
    [
        "topics: " + "[" * 200_000 + "]" * 200_000,  # crashed libyaml's composer (the whole process)
        "event: " + "{a: " * (MAX_DEPTH + 1) + "x" + "}" * (MAX_DEPTH + 1),
        "list:\n" + "".join("  " * i + "-\n" for i in range(MAX_DEPTH + 2)),
    ],
    ids=["flow", "blocks", "indented"],
)
def test_nesting_is_bounded_before_anything_is_built(loader, text):
    with pytest.raises(yaml.MarkedYAMLError, match="nesting deeper than the limit"):
        load_with_lines(text, 2, loader)


def test_the_content_models_deepest_fields_are_well_inside_the_bound():
    text = "event:\n  recurrence:\n    except: ['2019-02-08']\nattachments:\n  - {file: a.pdf, title: A}\n"
    data, _lines = load_with_lines(text, 2)
    assert data["event"]["recurrence"]["except"] == ["2019-02-08"]
