"""`invoke check`'s errors as a pull request's Swedish summary.

The CMS opens a pull request for every page an editor saves
(.github/workflows/cms.yml). The editor never sees a terminal: this turns
the check's output into Markdown for the pull request's comment and check
summary, one row per error with the page, the line and what to do, and into
GitHub annotations (``::error file=…,line=…::…``) that mark the line in the
pull request's "Files changed".

    python -m lararkiv.pr_report check.txt            # Markdown
    python -m lararkiv.pr_report --annotations check.txt
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

# `content/a.md:4: fält 'type': okänd typ 'nyheter' — menade du 'nyhet'?`
ERROR_LINE = re.compile(r"^(?P<path>\S+?\.(?:md|markdown|yaml|yml))(?::(?P<line>\d+))?: (?P<message>.+)$")
SUMMARY_LINE = re.compile(r"^invoke check: (?P<summary>.+)$")
MARKER = "<!-- lararkiv-kontroll -->"


@dataclass(frozen=True)
class CheckError:
    path: str
    line: int | None
    message: str

    @property
    def field(self):
        match = re.match(r"fält '([^']+)': ", self.message)
        return match.group(1) if match else ""

    @property
    def text(self):
        """The message without the field's prefix, which has its own column."""
        return re.sub(r"^fält '[^']+': ", "", self.message)


def parse(output):
    """The errors and the summary line of `invoke check`'s output."""
    errors, summary = [], ""
    for raw in output.splitlines():
        line = raw.strip()
        if match := ERROR_LINE.match(line):
            number = match.group("line")
            errors.append(CheckError(match.group("path"), int(number) if number else None, match.group("message")))
        elif match := SUMMARY_LINE.match(line):
            summary = match.group("summary")
    return errors, summary


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(errors, summary):
    """The comment: a verdict the editor understands, then every error."""
    if not errors and summary.startswith("inga fel"):
        return f"{MARKER}\n### ✅ Kontrollen godkände ändringen\n\nInga fel i innehållet ({cell(summary)}). Sidan kan publiceras.\n"
    if not errors:
        return (f"{MARKER}\n### ❌ Kontrollen kunde inte köras klart\n\n"
                "Felet står i körningens logg (Details). Be webbplatsens administratör om hjälp.\n")
    count = "1 fel" if len(errors) == 1 else f"{len(errors)} fel"
    rows = "".join(
        f"| `{cell(e.path)}` | {e.line or ''} | {cell(e.field)} | {cell(e.text)} |\n" for e in errors
    )
    return (
        f"{MARKER}\n### ❌ Kontrollen hittade {count}: sidan publiceras inte än\n\n"
        "Öppna sidan i redigeringsverktyget (/admin/), rätta fälten nedan och spara igen. "
        "Kontrollen körs då en gång till.\n\n"
        "| sida | rad | fält | vad som är fel och vad du kan göra |\n|---|---|---|---|\n"
        f"{rows}"
    )


def annotations(errors):
    lines = []
    for error in errors:
        where = f"file={error.path}" + (f",line={error.line}" if error.line else "")
        message = error.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::error {where}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    as_annotations = "--annotations" in args
    args = [a for a in args if a != "--annotations"]
    with open(args[0], encoding="utf-8", errors="replace") as handle:
        errors, summary = parse(handle.read())
    sys.stdout.write(annotations(errors) if as_annotations else markdown(errors, summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
