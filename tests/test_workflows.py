"""The GitHub workflows (.github/workflows/) cannot run here, so what can go
wrong in them without GitHub is checked: each is a valid workflow (GitHub's
own schema, vendored in check-jsonschema: no network), and what they name
exists in this project: the invoke tasks, `.ci/run`, the folder `invoke
publish` writes, the content cache's folder and its inputs, and the
`SITEURL` that publishconf.py reads."""

from __future__ import annotations

import os
import re
import shutil
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
    scripts = {script for command in commands for script in re.findall(r"(?:^|\s)(\.ci/[\w-]+)", command)}
    for script in scripts:
        assert os.access(ROOT / script, os.X_OK), f"{path.name}: {script} is missing or not executable"
    # The invoke tasks the workflow runs, itself or through .ci/ scripts.
    texts = commands + [(ROOT / script).read_text(encoding="utf-8") for script in scripts]
    invoked = {name.replace("-", "_") for text in texts for name in re.findall(r"\binvoke (\w[\w-]*)", text)}
    assert invoked, "every workflow runs an invoke task"
    for name in invoked:
        assert hasattr(getattr(tasks, name, None), "body"), f"{path.name}: `invoke {name}` is no task in tasks.py"


def changes_in_repo(tmp_path, files, base_files=("README.md",)):
    """.ci/changes in a scratch repository: a base commit, then ``files``
    changed on top of it; returns what it prints for that base."""
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "changes", tmp_path / ".ci" / "changes")

    def git(*args):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q")
    for name in base_files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("base\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD")
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("changed\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "change")
    result = subprocess.run(["bash", ".ci/changes", base], cwd=tmp_path, capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("files", "path"),
    [
        (["content/nyheter/ny.md"], "grindar"),
        (["content/nyheter/ny.md", "content/bilagor/a.pdf"], "grindar"),
        (["content/nyheter/ny.md", "tasks.py"], "allt"),
        (["theme/templates/base.html"], "allt"),
        (["data/registry.yaml"], "allt"),
    ],
)
def test_a_change_to_content_only_takes_the_short_path(tmp_path, files, path):
    assert changes_in_repo(tmp_path, files) == path


def test_an_unknown_base_runs_everything(tmp_path):
    changes_in_repo(tmp_path, ["content/nyheter/ny.md"])
    for base in ("", "0000000000000000000000000000000000000000"):
        result = subprocess.run(["bash", ".ci/changes", base], cwd=tmp_path, capture_output=True, text=True, check=True)
        assert result.stdout.strip() == "allt", base


def test_publishing_runs_the_site_gates_not_the_developer_suite():
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    commands = "\n".join(step.get("run", "") for step in steps(workflow))
    assert ".ci/run grindar" in commands
    assert not re.search(r"\.ci/run\s*$", commands, re.M) and "invoke test" not in commands
    assert workflow["jobs"]["build"]["needs"] == "gates"


STUBBED = ("python3", "pip", "npm", "invoke", "chromium", "java", "apt-get")


def ci_run_commands(tmp_path, *args, failing=None):
    """The commands `.ci/run ARGS` runs, in order, with every tool a stub
    that records its command line (and `python3 -m venv` a fake .venv); the
    tool named ``failing`` exits 1."""
    project, stubs, log = tmp_path / "project", tmp_path / "bin", tmp_path / "log"
    (project / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", project / ".ci" / "run")
    (project / ".ci" / "pelican-range").write_text(f'echo "pelican-range" >> "{log}"\n', encoding="utf-8")
    stubs.mkdir()
    for name in STUBBED:
        stub = stubs / name
        stub.write_text(
            f'#!/bin/sh\necho "{name} $*" >> "{log}"\n'
            'if [ "$1 $2" = "-m venv" ]; then mkdir -p .venv/bin && : > .venv/bin/activate; fi\n'
            + ("exit 1\n" if name == failing else ""),
            encoding="utf-8",
        )
        stub.chmod(0o755)
    env = {"PATH": f"{stubs}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(tmp_path)}
    subprocess.run(["bash", ".ci/run", *args], cwd=project, env=env, check=True, capture_output=True)
    return [line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith("python3 -c")]


def test_a_content_change_installs_the_gates_alone_and_runs_the_check_first(tmp_path):
    assert ci_run_commands(tmp_path, "grindar", "abc123") == [
        "python3 -m venv .venv",
        "pip install -q -e .[gates]",
        "invoke check",
        "invoke grindar --base abc123",
    ]


def test_any_other_change_sets_up_as_the_readme_says_and_runs_everything(tmp_path):
    commands = ci_run_commands(tmp_path)
    # pip and the two npm folders install side by side, in any order.
    assert commands[0] == "python3 -m venv .venv"
    assert sorted(commands[1:4]) == [
        "npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error",
        "npm ci --prefix cms --no-audit --no-fund --loglevel=error",
        "pip install -q -e .[dev]",
    ]
    assert commands[4:] == ["invoke check", "invoke lint", "invoke test", "pelican-range"]


def test_a_failed_npm_install_stops_the_run(tmp_path):
    with pytest.raises(subprocess.CalledProcessError):
        ci_run_commands(tmp_path, failing="npm")


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


def test_ci_sets_the_project_up_with_the_readmes_test_command():
    """The README's second command is what a newcomer runs; .ci/run runs the
    same steps (with pip's -q), so CI breaks when the README's command would."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    serve, test = [line.split("#")[0].strip() for line in block.splitlines()[:2]]
    assert serve.endswith("invoke serve") and 'pip install -e . ' in serve, "serving installs the runtime only"
    assert test.endswith("invoke test") and '".[dev]"' in test
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("pip install -q ", "pip install ")
    for step in test.removesuffix("invoke test").split("&&"):
        if step.strip():
            assert re.search(rf"^{re.escape(step.strip())}$", script, re.M), f".ci/run lacks `{step.strip()}`"
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
