"""Every string an editor meets in /admin/ is Swedish: Decap's 'sv' locale
with our additions (plugins/archive_cms/static/sv.mjs) leaves no English
string of the pinned Decap untranslated, except those that read the same."""

from __future__ import annotations

from nodejs import NODE_MODULES, STATIC, run_script

# The same in Swedish: words Swedish borrows, placeholders, a date format.
SAME_IN_SWEDISH = {
    'app.header.media = "Media"',
    'editor.editorToolbar.status = "Status: %{status}"',
    'editor.editorWidgets.markdown.markdown = "Markdown"',
    'ui.toast.onFailToAuth = "%{details}"',
    'workflow.workflow.dateFormat = "MMMM D"',
    'workflow.workflowCard.lastChangeNoAuthor = "%{date}"',
}


def test_no_english_string_is_left():
    left = set(run_script("locale.mjs", NODE_MODULES, STATIC / "sv.mjs").splitlines())
    assert left - SAME_IN_SWEDISH == set()
