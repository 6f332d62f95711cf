"""`invoke serve` starts watching after its first build: a save made while
that build ran must still trigger a rebuild."""

from __future__ import annotations

import os
import threading

from lararkiv import preview


def test_a_save_during_the_first_build_is_the_first_change(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    page = content / "sida.md"
    page.write_text("före\n", encoding="utf-8")
    before = preview.file_times([str(content)])
    # The editor saves while the first build runs (before the watcher starts).
    page.write_text("efter\n", encoding="utf-8")
    os.utime(page, ns=(before[str(page)] + 10**9, before[str(page)] + 10**9))
    added = content / "ny.md"
    added.write_text("ny\n", encoding="utf-8")
    stop = threading.Event()
    stop.set()  # no live watching needed: only what was missed
    first = next(preview.changes([str(content)], stop_event=stop, before=before))
    assert first == {str(page), str(added)}


def test_nothing_missed_means_no_extra_rebuild(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "sida.md").write_text("text\n", encoding="utf-8")
    before = preview.file_times([str(content), str(tmp_path / "saknas.py")])
    stop = threading.Event()
    stop.set()
    assert list(preview.changes([str(content)], stop_event=stop, before=before)) == []
