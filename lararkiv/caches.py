"""Where the invoke tasks keep what outlives one build: Pelican's content
cache and archive_speed's list of the last build's outputs."""

from __future__ import annotations

import hashlib
import os


def content_cache_path(cache, project, inputs, kind="publish", *keys):
    """A cache folder under ``cache`` per kind of build (preview, publish),
    ``keys`` and version of ``inputs`` (the registry, plugins and settings,
    relative to ``project``): Pelican's cache only knows each file's bytes,
    so a changed registry must not reuse pages read with the old one."""
    digest = hashlib.sha256()
    for key in keys:
        digest.update(os.path.abspath(key).encode() + b"\0")
    for name in inputs:
        path = os.path.join(project, name)
        for file in _files(path):
            digest.update(os.path.relpath(file, project).encode() + b"\0")
            with open(file, "rb") as handle:
                digest.update(handle.read())
    return os.path.join(cache, f"{kind}-{digest.hexdigest()[:12]}")


def _files(path):
    if os.path.isfile(path):
        return [path]
    return sorted(
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(path)
        for name in names
        if name.endswith((".py", ".yaml"))
    )


def output_list_path(cache, output):
    """Where `invoke serve` and `invoke build` keep the outputs of their last
    build into ``output``, so the next one removes what it no longer makes
    (SPEED_OUTPUT_LIST, archive_speed/stale_outputs.py)."""
    key = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:12]
    return os.path.join(cache, f"utdata-{key}.json")
