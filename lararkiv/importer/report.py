"""The import's report in Swedish: per page what was inferred, how sure,
from which source line, and what an editor must check."""

from __future__ import annotations

import os


def _value(value):
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def report_text(result, source, content, dry_run):
    counts = {}
    for outcome in result.outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    drafts = sum(1 for p in result.pages if p.draft)
    lines = [
        f"# Importrapport: {os.path.basename(source)}",
        "",
        (("Torrkörning: inget skrevs. " if dry_run else "")
         + f"{len(result.pages)} sidor, varav {drafts} utkast att kontrollera. "
         + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + "."),
        "",
        ("Säkerhet: *säker* = står uttryckligen i källan; *trolig* = härlett med en regel; "
         "*gissning* = antaget, sidan blir utkast. *skyddad* = filen är ändrad sedan importen "
         "och skrevs inte över (använd --skriv-over). *krock* = en annan sida har redan filnamnet."),
        "",
    ]
    lines += [f"- {note}" for note in result.notes]
    for page in result.pages:
        path = os.path.join(content, page.folder, f"{page.slug}.md")
        shown = os.path.join(os.path.basename(os.path.normpath(content)), page.folder, f"{page.slug}.md")
        where = (f"Fil: `{shown}` ({result.outcomes.get(path, '?')}), "
                 f"{'utkast' if page.draft else 'publiceras'}; källan rad {page.post.line}.")
        lines += ["", f"## {page.meta['title']}", "", where, ""]
        for finding in page.findings:
            lines.append(f"- {finding.field}: {_value(finding.value)} — {finding.sure}, rad {finding.line} ({finding.why})")
        for note in page.notes:
            lines.append(f"- obs: {note}")
        for item in page.to_check:
            lines.append(f"- kontrollera: {item}")
    return "\n".join(lines) + "\n"
