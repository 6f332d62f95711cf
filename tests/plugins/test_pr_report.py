"""lararkiv.pr_report: `invoke check`'s output as the Swedish comment, check
summary and line annotations on a pull request the CMS opened, from the
real output of `invoke check` on a broken page."""

from __future__ import annotations

import shutil
import subprocess
import sys

from sitebuild import FIXTURES, ROOT

from lararkiv.pr_report import MARKER, annotations, markdown, parse

BROKEN = "---\ntitle: Trasig | sida\ndate: 2019-13-01\ntype: nyheter\n---\nText\n"


def check_output(tmp_path, extra=None):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    if extra:
        (project / "content" / "nyheter").mkdir(parents=True, exist_ok=True)
        (project / "content" / "nyheter" / "trasig.md").write_text(extra, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "check", "--content", str(project / "content")],
        capture_output=True, text=True, check=False, cwd=project,
    )
    return result.stdout + result.stderr


def test_each_error_of_invoke_check_is_a_row_with_page_line_field_and_advice(tmp_path):
    errors, summary = parse(check_output(tmp_path, BROKEN))
    assert [(e.path.endswith("nyheter/trasig.md"), e.line, e.field) for e in errors] == [
        (True, 3, "date"), (True, 4, "type")]
    assert summary.startswith("2 fel, ")
    comment = markdown(errors, summary)
    assert comment.startswith(MARKER)
    assert "Kontrollen hittade 2 fel: sidan publiceras inte än" in comment
    assert "| 4 | type | okänd typ 'nyheter' — menade du 'nyhet'? |" in comment
    assert "| 3 | date | '2019-13-01' finns inte i kalendern" in comment


def test_a_clean_change_is_approved(tmp_path):
    errors, summary = parse(check_output(tmp_path))
    assert errors == [] and summary.startswith("inga fel")
    assert "Kontrollen godkände ändringen" in markdown(errors, summary)


def test_a_check_that_did_not_finish_says_so():
    assert "kunde inte köras klart" in markdown([], "")


def test_annotations_mark_the_line_and_escape_newlines():
    errors, _ = parse("content/nyheter/a.md:4: fält 'type': okänd typ 'x'\ncontent/b.md: 100 % trasig\n")
    assert annotations(errors) == (
        "::error file=content/nyheter/a.md,line=4::fält 'type': okänd typ 'x'\n"
        "::error file=content/b.md::100 %25 trasig\n"
    )


def test_pipes_in_a_message_do_not_break_the_table():
    errors, summary = parse("content/a.md:2: fält 'title': a | b\ninvoke check: 1 fel, 0 varningar\n")
    assert "a \\| b" in markdown(errors, summary)
