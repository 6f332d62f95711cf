"""Make Pagefind's filter index byte-identical between builds.

Pagefind 1.5 writes the values of each filter, and the list of filters in its
metadata file, in hash-map order, which changes from run to run (its own
issue #638: fragments are stable since 1.3, "filter/metadata indexes" are
not). Same input must give the same output here (tests/test_determinism.py),
so after every run the filter files are rewritten with their values sorted,
renamed after their new content, and the metadata file and
pagefind-entry.json are updated to point at them.

The files are gzip'd CBOR after an 8+4 byte signature ("pagefind_dcd"). The
small CBOR codec below covers what Pagefind writes (integers, strings,
arrays, maps); every file is first checked to re-encode to exactly its own
bytes, so a format this code does not understand stops the build instead of
producing an index the browser cannot read.
"""

from __future__ import annotations

import gzip
import hashlib
import json

SIGNATURE = b"pagefind_dcd"


class UnknownIndexFormat(ValueError):
    """A Pagefind file this module cannot rewrite faithfully."""


# --- CBOR (RFC 8949), the subset Pagefind uses --------------------------------


def _decode(data, at):
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], at
        raise UnknownIndexFormat(f"CBOR simple value {info}")
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnknownIndexFormat(f"CBOR length form {info}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = bytes(data[at : at + value])
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise UnknownIndexFormat(f"CBOR major type {major}")


def _head(major, value):
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise UnknownIndexFormat(f"CBOR integer too large: {value}")


def _encode(value):
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else (0xF5 if value else 0xF4)])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise UnknownIndexFormat(f"cannot encode {type(value).__name__}")


def read_file(path):
    payload = gzip.decompress(path.read_bytes())
    if not payload.startswith(SIGNATURE):
        raise UnknownIndexFormat(f"{path.name}: no Pagefind signature")
    body = payload[len(SIGNATURE) :]
    value, end = _decode(body, 0)
    if end != len(body) or _encode(value) != body:
        raise UnknownIndexFormat(f"{path.name}: does not re-encode to the same bytes")
    return value


def write_file(path, value):
    # mtime=0: no timestamp in the gzip header.
    path.write_bytes(gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0))


def content_hash(value, length):
    return hashlib.sha256(_encode(value)).hexdigest()[:length]


# --- the rewrite ---------------------------------------------------------------


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

