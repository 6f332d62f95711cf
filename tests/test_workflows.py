"""The GitHub workflows (.github/workflows/) cannot run here, so what can go
wrong in them without GitHub is checked: each is a valid workflow (GitHub's
own schema, vendored in check-jsonschema: no network), and what they name
exists in this project: the invoke tasks, `.ci/run`, the folder `invoke
publish` writes, the content cache's folder and its inputs, and the
`SITEURL` that publishconf.py reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml
from sitebuild import ROOT

sys.path.insert(0, str(ROOT))

import tasks

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def load(path):
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_there_are_workflows_to_check():
    assert {p.name for p in WORKFLOWS} == {"checks.yml", "cms.yml", "publish.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_for_github(path):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_commands_in_the_workflow_exist_here(path):
    commands = [step["run"] for step in steps(load(path)) if "run" in step]
    invoked = {name.replace("-", "_") for command in commands for name in re.findall(r"\binvoke (\w[\w-]*)", command)}
    assert invoked, "every workflow runs an invoke task"
    for name in invoked:
        assert hasattr(getattr(tasks, name, None), "body"), f"{path.name}: `invoke {name}` is no task in tasks.py"
    for command in commands:
        for script in re.findall(r"(?:^|\s)(\.ci/\S+)", command):
            assert os.access(ROOT / script, os.X_OK), f"{path.name}: {script} is missing or not executable"


def test_publish_uploads_what_invoke_publish_writes_and_caches_what_it_reads():
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    build = workflow["jobs"]["build"]["steps"]
    (upload,) = [s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == tasks.CONFIG["publish_output"]
    (cache,) = [s for s in build if s.get("uses", "").startswith("actions/cache")]
    assert cache["with"]["path"] == tasks.CONFIG["cache"]
    # A restored cache is only trusted when every input of the cache's name is in the key.
    key = cache["with"]["key"]
    for name in tasks.CONFIG["cache_inputs"]:
        pattern = name if name.endswith(".py") else name.split("/")[0] + "/**"
        assert f"'{pattern}'" in key, f"the cache key misses {name}"
    (publish,) = [s for s in build if "invoke publish" in s.get("run", "")]
    assert "SITEURL" in publish["env"]
    assert 'os.environ.get("SITEURL"' in (ROOT / "publishconf.py").read_text(encoding="utf-8")
