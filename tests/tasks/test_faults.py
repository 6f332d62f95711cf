"""A bug of ours, not a mistake in the text: the invoke tasks end with one
Swedish line that says so, never a Python traceback, unless a developer
asks for it (LARARKIV_DEBUG)."""

from __future__ import annotations

import io
import sys

import pytest
from archive_model.errors import DEBUG_ENV
from invoke import Exit
from sitebuild import ROOT

sys.path.insert(0, str(ROOT))

import tasks
from lararkiv import preview


def broken_build():
    raise KeyError("slug")


def test_a_bug_ends_the_task_with_one_swedish_line(monkeypatch):
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    with pytest.raises(Exit) as stopped:
        tasks.fail_on_content_errors(broken_build)
    message = stopped.value.message
    assert stopped.value.code == 1
    assert "\n" not in message and "Traceback" not in message
    assert "ett fel i arkivets kod, inte i texten (KeyError: 'slug')" in message
    assert f"{DEBUG_ENV}=1" in message


def test_with_the_debug_flag_the_bug_is_raised_as_it_is(monkeypatch):
    monkeypatch.setenv(DEBUG_ENV, "1")
    with pytest.raises(KeyError):
        tasks.fail_on_content_errors(broken_build)


def test_the_preview_shows_a_bug_as_one_line_and_keeps_serving(monkeypatch):
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr(preview, "build", lambda *args, **kwargs: broken_build())
    state = preview.PreviewState()
    stream = io.StringIO()
    assert preview.build_for_preview(object(), state, stream) is None
    printed = stream.getvalue()
    assert "Traceback" not in printed
    assert printed.strip().splitlines() == [
        line for line in printed.strip().splitlines() if "ett fel i arkivets kod" in line
    ]
