"""When each content file last changed, from git: one `git log` for the whole
content folder, however many files (the archive must scale to 10,000 pages).

A file's first commit is when it entered the archive (often a migration of
older pages), not a change: only commits after it count as updates. The
committer date is used, so the answer is the same for a given commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess

logger = logging.getLogger(__name__)

RECORD = "\x1e"


def last_changes(folder):
    """``{path relative to folder (with '/'): aware datetime}`` of each file's
    newest commit after the one that added it; ``None`` when ``folder`` has
    no git history (not a repository, or no git installed)."""
    git = shutil.which("git")
    if git is None:
        logger.info("git saknas: 'senast uppdaterad' tas bara från fältet updated")
        return None
    inside = _git(git, folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
    if inside is None:
        logger.info(
            "%s har ingen git-historik: 'senast uppdaterad' tas bara från fältet updated", folder
        )
        return None
    if inside.split()[-1:] == ["true"]:
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
        f"--format={RECORD}%cI",
        "--name-only",
        "--relative",
        "-z",
        "--",
        ".",
    )
    return parse_log(log or "")


def parse_log(log):
    """Newest first, as `git log` prints: keep each file's newest date and
    drop files seen in one commit only."""
    newest, commits = {}, {}
    for record in log.split(RECORD)[1:]:
        date, *names = record.split("\0")
        when = dt.datetime.fromisoformat(date.strip())
        for name in (n.strip("\n") for n in names):
            if name:
                newest.setdefault(name, when)
                commits[name] = commits.get(name, 0) + 1
    return {name: when for name, when in newest.items() if commits[name] > 1}


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
