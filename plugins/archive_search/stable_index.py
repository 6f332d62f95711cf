"""Make Pagefind's filter index byte-identical between builds.

Pagefind 1.5 writes the values of each filter, and the list of filters in its
metadata file, in hash-map order, which changes from run to run (its own
issue #638: fragments are stable since 1.3, "filter/metadata indexes" are
not). Same input must give the same output here (tests/test_determinism.py),
so after every run the filter files are rewritten with their values sorted,
renamed after their new content, and the metadata file and
pagefind-entry.json are updated to point at them.

The files are gzip'd CBOR after an 8+4 byte signature ("pagefind_dcd"),
read and written with cbor2; every file is first checked to re-encode to
exactly its own bytes, so a format cbor2 does not give back as Pagefind wrote
it stops the build instead of producing an index the browser cannot read.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import cbor2

SIGNATURE = b"pagefind_dcd"


class UnknownIndexFormat(ValueError):
    """A Pagefind file this module cannot rewrite faithfully."""


def read_file(path):
    payload = gzip.decompress(path.read_bytes())
    if not payload.startswith(SIGNATURE):
        raise UnknownIndexFormat(f"{path.name}: no Pagefind signature")
    body = payload[len(SIGNATURE) :]
    try:
        value = cbor2.loads(body)
    except cbor2.CBORDecodeError as exc:
        raise UnknownIndexFormat(f"{path.name}: {exc}") from exc
    if cbor2.dumps(value) != body:
        raise UnknownIndexFormat(f"{path.name}: does not re-encode to the same bytes")
    return value


def write_file(path, value):
    # mtime=0: no timestamp in the gzip header.
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0))


def content_hash(value, length):
    return hashlib.sha256(cbor2.dumps(value)).hexdigest()[:length]


def stabilise(bundle):
    """Sort the filter values and filter lists of every language in ``bundle``."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(meta_path)
        if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[3], list)):
            raise UnknownIndexFormat(f"{meta_path.name}: unexpected layout")
        filters = []
        for name, old_hash in meta[3]:
            filters.append([name, _rewrite_filter(bundle / "filter", old_hash, language)])
        meta[3] = sorted(filters)
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        new_hash = f"{language}_{content_hash(meta, 10)}"
        meta_path.unlink()
        write_file(bundle / f"pagefind.{new_hash}.pf_meta", meta)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _rewrite_filter(folder, old_hash, language):
    path = folder / f"{old_hash}.pf_filter"
    name, values = read_file(path)
    canonical = [name, sorted(values, key=lambda value: value[0])]
    new_hash = f"{language}_{content_hash(canonical, 7)}"
    path.unlink()
    write_file(folder / f"{new_hash}.pf_filter", canonical)
    return new_hash

