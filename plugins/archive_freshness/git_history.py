"""When each content file last changed, from git: one `git log` for the whole
content folder, however many files (the archive must scale to 10,000 pages).

A file's first commit is when it entered the archive (often a migration of
older pages), not a change: only commits after it count as updates. Commits
listed in the repository's ignore file (git's own `.git-blame-ignore-revs`
convention, for bulk changes such as moving old pages into the content model)
are no updates either. The committer date is used, so the answer is the same
for a given commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

RECORD = "\x1e"


def last_changes(folder, ignore_file=".git-blame-ignore-revs"):
    """``{path relative to folder (with '/'): aware datetime}`` of each file's
    newest commit after the one that added it, not counting the commits listed
    in ``ignore_file`` (relative to the repository's top folder); ``None``
    when ``folder`` has no git history (not a repository, or no git installed)."""
    git = shutil.which("git")
    if git is None:
        logger.info("git saknas: 'senast uppdaterad' tas bara från fältet updated")
        return None
    repository = _git(git, folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if repository is None:
        logger.info(
            "%s har ingen git-historik: 'senast uppdaterad' tas bara från fältet updated", folder
        )
        return None
    top, shallow = repository.splitlines()[-2:]
    if shallow == "true":
        logger.warning(
            "git-historiken är avkortad (shallow clone): datumen 'senast uppdaterad' kan bli fel — "
            "hämta hela historiken (git fetch --unshallow, eller fetch-depth: 0 i CI)"
        )
    log = _git(
        git,
        folder,
        "-c",
        "core.quotePath=false",
        "log",
        f"--format={RECORD}%H %cI",
        "--name-only",
        "--relative",
        "-z",
        "--",
        ".",
    )
    ignored = read_ignored_commits(Path(top) / ignore_file) if ignore_file else ()
    return parse_log(log or "", ignored)


def parse_log(log, ignored=()):
    """Newest first, as `git log` prints: each file's newest commit that is
    neither its first (the one that added it) nor one of ``ignored`` (full
    commit names or prefixes of them)."""
    ignored, commits = tuple(ignored), {}
    for record in log.split(RECORD)[1:]:
        header, *names = record.split("\0")
        name_of_commit, date = header.split()
        counts = not name_of_commit.startswith(ignored)
        for name in (n.strip("\n") for n in names):
            if name:
                commits.setdefault(name, []).append((counts, date))
    changes = {}
    for name, history in commits.items():
        updates = [date for counts, date in history[:-1] if counts]
        if updates:
            changes[name] = dt.datetime.fromisoformat(updates[0])
    return changes


COMMIT_NAME = re.compile(r"[0-9a-f]{7,40}")


def read_ignored_commits(path):
    """The commit names in ``path``, one per line (``#`` starts a comment), as
    git reads a `.git-blame-ignore-revs` file; none if there is no file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ()
    names = []
    for number, line in enumerate(lines, start=1):
        entry = line.split("#", 1)[0].strip().lower()
        if COMMIT_NAME.fullmatch(entry):
            names.append(entry)
        elif entry:
            logger.warning(
                "%s:%d: '%s' är inget commit-namn och hoppas över — skriv commitens "
                "hela namn (git log --format=%%H), en per rad",
                path,
                number,
                entry,
            )
    return tuple(names)


def _git(git, folder, *args):
    """git's output, or None. A failing git (e.g. "dubious ownership" in a CI
    container) is a warning, not a failed build: the front matter remains."""
    try:
        result = subprocess.run(
            [git, "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        logger.warning(
            "git kunde inte köras (%s): 'senast uppdaterad' tas bara från fältet updated", exc
        )
        return None
    if result.returncode == 0:
        return result.stdout
    if "not a git repository" not in result.stderr:
        logger.warning(
            "git %s misslyckades i %s: %s — 'senast uppdaterad' tas bara från fältet updated",
            args[-1],
            folder,
            result.stderr.strip(),
        )
    return None
