"""Running our /admin/ scripts in Node for tests: the YAML library and Decap's
locales come from cms/node_modules (`npm ci --prefix cms`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "cms" / "node_modules"
STATIC = ROOT / "plugins" / "archive_cms" / "static"
HERE = Path(__file__).resolve().parent


def node():
    path = shutil.which("node")
    if not path or not (NODE_MODULES / "yaml").is_dir():
        pytest.fail("Node och Decap saknas: kör 'npm ci --prefix cms' (invoke test gör det)")
    return path


def run_script(script, *args, env=None):
    result = subprocess.run(
        [node(), str(HERE / script), *map(str, args)],
        capture_output=True, text=True, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def roundtrip(files, edits=None, orders=None):
    """``{file: {"unchanged": text, "edited": text}}`` through format.mjs."""
    import os

    env = {**os.environ, "EDITS": json.dumps(edits or {}), "ORDERS": json.dumps(orders or {})}
    out = run_script("roundtrip.mjs", NODE_MODULES, (STATIC / "format.mjs").as_uri(), *files, env=env)
    return {row["file"]: row for row in map(json.loads, out.splitlines())}
