"""The manifest of a published folder: every file and its SHA-256.

`invoke publish` writes it last into the verified new site, before the
swap; `invoke rollback` swaps a folder back in only if it holds exactly what
its manifest lists. A folder a killed publish left half-deleted, or one
changed by hand, is refused with the files that differ.

It is a hidden JSON file at the root: never a page, so neither the sitemap
nor the search index (both list HTML pages) ever lists it. The same site
gives the same manifest, byte for byte (sorted, no time in it).
"""

from __future__ import annotations

import hashlib
import json
import os

MANIFEST = ".lararkiv-manifest.json"
CHUNK = 1 << 20


def file_hash(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_files(folder):
    """Relative paths (``/``-separated) of every file under ``folder``, the
    manifest itself left out; symbolic links count as files (a build writes
    none, so one is reported)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
            if relative != MANIFEST:
                found.append(relative)
    return sorted(found)


def make_manifest(folder):
    """The manifest of ``folder`` as it is now (bytes of the JSON file)."""
    files = {relative: file_hash(os.path.join(folder, relative)) for relative in folder_files(folder)}
    return json.dumps({"sha256": files}, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def write_manifest(folder):
    """Write the manifest into ``folder``, then make sure it is on disk: it is
    the mark that the folder is whole, so it is written last."""
    path = os.path.join(folder, MANIFEST)
    temporary = path + ".tmp"
    data = make_manifest(folder)
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def manifest_problems(folder, limit=5):
    """Why ``folder`` is not the whole site its manifest lists, as Swedish
    sentences (empty: it is)."""
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as handle:
            listed = json.load(handle)["sha256"]
    except FileNotFoundError:
        return [f"{MANIFEST} saknas: mappen kommer inte från en hel publicering"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{MANIFEST} går inte att läsa ({error})"]
    present = set(folder_files(folder))
    missing = sorted(set(listed) - present)
    extra = sorted(present - set(listed))
    changed = sorted(
        name for name in set(listed) & present if file_hash(os.path.join(folder, name)) != listed[name]
    )
    problems = []
    for what, names in (("saknas", missing), ("är ändrad", changed), ("finns inte i manifestet", extra)):
        if names:
            shown = ", ".join(names[:limit]) + (f" och {len(names) - limit} till" if len(names) > limit else "")
            problems.append(f"{len(names)} filer {what}: {shown}")
    return problems
