"""Every invoke task explains itself in Swedish: `invoke --list`, and
`invoke TASK --help` with a line for each option (`invoke new --help` too,
which failed while its type and title were required positionals)."""

from __future__ import annotations

import inspect
import re
import sys

import pytest
from sitebuild import ROOT
from taskrun import run_task

sys.path.insert(0, str(ROOT))

import tasks

TASKS = sorted(name for name, value in vars(tasks).items() if hasattr(value, "body"))
# Words that only Swedish help has (ASCII-only help would be English).
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|eller|till|utan|som|med|bara|vars|att|den|det|ett|en|i|av)\b")


def test_the_list_names_every_task_in_swedish(tmp_path):
    result = run_task("--list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in TASKS:
        (line,) = [line for line in result.stdout.splitlines() if line.strip().startswith(name.replace("_", "-") + " ")]
        assert SWEDISH.search(line), f"invoke --list: {line.strip()}"


@pytest.mark.parametrize("name", TASKS)
def test_each_task_has_swedish_help_for_itself_and_every_option(name, tmp_path):
    task = getattr(tasks, name)
    options = list(inspect.signature(task.body).parameters)[1:]
    assert set(options) <= set(task.help), f"{name}: no help for {set(options) - set(task.help)}"
    for option in options:
        assert SWEDISH.search(task.help[option]), f"{name} --{option}: {task.help[option]!r}"
    result = run_task(name.replace("_", "-"), "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SWEDISH.search(task.body.__doc__.splitlines()[0]), task.body.__doc__


def test_new_without_type_or_title_says_how_in_swedish(project):
    before = sorted(project.content.rglob("*"))
    for args in ((), ("--type", "nyhet"), ("--title", "Rubrik")):
        result = project.task("new", *args)
        assert result.returncode == 1
        assert 'invoke new --type nyhet --title "Rubriken på sidan"' in result.stderr
        assert "did not receive" not in result.stderr
    assert sorted(project.content.rglob("*")) == before
