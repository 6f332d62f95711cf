"""`invoke check`: every planted problem, each as `file:line: message`, in one
run, with exit status 1 — and nothing written anywhere."""

from __future__ import annotations

from sitebuild import snapshot


def luhn_valid_identity_number(birth="311218", serial="987"):
    """A generated personnummer with a valid check digit, dated 1831 — before
    Swedish personnummer existed, so it cannot be a real person's."""
    digits = [int(d) for d in birth + serial]
    total = sum(sum(divmod(d * (2 - i % 2), 10)) for i, d in enumerate(digits))
    return f"18{birth}-{serial}{(10 - total % 10) % 10}"


HEAD = "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\n---\n"
PLANTED = {
    # file: (text, line, words the message must contain)
    "nyheter/omojligt-datum.md": (
        "---\ntitle: Rubrik\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n",
        3,
        "finns inte i kalendern",
    ),
    "nyheter/okand-typ.md": (
        "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyheter\n---\nText.\n",
        4,
        "menade du 'nyhet'",
    ),
    "rapporter/okand-forvaltning.md": (
        (
            "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: rapport\n"
            "administrations: [sof, socialförvaltning]\n---\nText.\n"
        ),
        5,
        "okänd förvaltning 'socialförvaltning'",
    ),
    "nyheter/ogiltig-yaml.md": (
        "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: [nyhet\n---\nText.\n",
        4,
        "ogiltig YAML",
    ),
    "nyheter/trasig-lank.md": (
        HEAD + "Ett stycke.\n\nLäs [mer]({filename}/nyheter/finns-inte.md).\n",
        8,
        "finns-inte.md",
    ),
    "nyheter/personnummer.md": (
        HEAD + "Ett stycke.\n\nEn rad.\n\n" + luhn_valid_identity_number() + " stod här.\n",
        10,
        "personnummer",
    ),
}


def test_check_reports_every_planted_problem_with_file_and_line(project):
    for relative, (text, _line, _words) in PLANTED.items():
        project.write(relative, text)
    before = snapshot(project.root)
    result = project.task("check")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for relative, (_text, line, words) in PLANTED.items():
        location = f"content/{relative}:{line}: "
        found = [entry for entry in lines if entry.startswith(location)]
        assert found, f"{location} missing in:\n{result.stdout}"
        assert any(words in entry for entry in found), found
    assert f"{len(lines)} fel" in result.stderr
    # Nothing written: not beside the content, not in an output folder.
    assert snapshot(project.root) == before
    assert not (project.root / "output").exists()


def test_check_passes_valid_content_and_writes_nothing(project):
    before = snapshot(project.root)
    result = project.task("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "inga fel" in result.stdout
    assert snapshot(project.root) == before


def test_each_problem_is_reported_once(project):
    project.write("nyheter/omojligt-datum.md", PLANTED["nyheter/omojligt-datum.md"][0])
    result = project.task("check")
    assert result.stdout.count("omojligt-datum.md") == 1, result.stdout + result.stderr
    # Pelican's own "Could not process" line would only repeat it, without the line.
    assert "Could not process" not in result.stderr


def test_a_link_to_a_broken_page_is_not_reported_twice(project):
    project.write("nyheter/omojligt-datum.md", PLANTED["nyheter/omojligt-datum.md"][0])
    project.write(
        "nyheter/lankar-dit.md", HEAD + "Läs [den]({filename}/nyheter/omojligt-datum.md).\n"
    )
    result = project.task("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    reported = [line for line in lines if "omojligt-datum.md:3:" in line]
    # Reported at all: an empty report would pass the comparison below.
    assert reported, result.stdout + result.stderr
    assert lines == reported
    assert "lankar-dit.md" not in result.stdout
