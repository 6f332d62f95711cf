"""`invoke check` prints a LIX table for every page and marks the pages
above SAFETY_LIX_WARN_LEVEL, without failing the check."""

from __future__ import annotations

HARD = (
    "---\ntitle: Svår text\ndate: 2019-02-08\ntype: nyhet\n---\n\n"
    + " ".join(
        ["Förvaltningsövergripande samverkansöverenskommelser utvecklas kontinuerligt."] * 12
    )
    + "\n"
)
EASY = (
    "---\ntitle: Lätt text\ndate: 2019-02-08\ntype: nyhet\n---\n\n"
    + "Vi ses i parken. Ta med kaffe. " * 10
    + "\n"
)


def test_check_prints_lix_per_page_and_warns_above_the_level(project):
    project.write("nyheter/svar-text.md", HARD)
    project.write("nyheter/latt-text.md", EASY)
    result = project.task("check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    hard = next(
        line
        for line in lines
        if line.endswith("nyheter/svar-text.md") or "nyheter/svar-text.md " in line
    )
    easy = next(line for line in lines if line.endswith("nyheter/latt-text.md"))
    # Columns: LIX, bedömning, ord, sida. Easy: 70 words in 20 sentences,
    # none long → 3.5 + 0 ≈ 4. Hard: 48 words in 12 sentences, all long → 4 + 100.
    assert easy.split()[:4] == ["4", "mycket", "lätt", "70"]
    assert hard.split()[:4] == ["104", "mycket", "svår", "48"]
    assert "VARNING: över 50" in hard and "VARNING" not in easy
    # The fixture's news item and two static pages, and these two.
    assert "1 av 5 sidor har LIX över 50" in result.stdout


def test_archived_text_shows_its_lix_without_the_warning(project):
    """`archived: true` (an old post kept as written): the advice to rewrite
    it is muted, its LIX is still in the table (issue 21)."""
    project.write("nyheter/svar-text.md", HARD)
    project.write("nyheter/arkiverad-text.md", HARD.replace("title: Svår text", "title: Gammal text\narchived: true"))
    result = project.task("check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    archived = next(line for line in lines if "nyheter/arkiverad-text.md" in line)
    hard = next(line for line in lines if "nyheter/svar-text.md" in line)
    assert archived.split()[:4] == hard.split()[:4] == ["104", "mycket", "svår", "48"]
    assert "VARNING" in hard and "VARNING" not in archived and "arkiverad text" in archived
    assert "1 av 5 sidor har LIX över 50" in result.stdout
