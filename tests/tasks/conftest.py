"""Fixtures for the task tests: a project folder with a small content/."""

from __future__ import annotations

import sys

import pytest
from sitebuild import ROOT
from taskrun import Project

# The plugins are top-level modules, as Pelican imports them.
sys.path.insert(0, str(ROOT / "plugins"))


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)
