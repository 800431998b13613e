"""Shared fixtures: the seed site built once per session, and the rule for tools tests need."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from aidlod.build import Publication, build

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """Path of an external tool; skip when absent outside CI, fail when absent in CI.

    CI installs every tool the tests drive (.ci/run), so a missing tool there is a broken set-up,
    not a reason to skip.
    """
    path = shutil.which(name)
    if path is None:
        if in_ci():
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Publication, Path]:
    """The seed data built once: (publication, site folder). Tests must not modify the folder."""
    out = tmp_path_factory.mktemp("seed") / "site"
    pub = build(DATA, out)
    return pub, out


@pytest.fixture(scope="session")
def seed_site(seed_build: tuple[Publication, Path]) -> Path:
    return seed_build[1]


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed data folder, for tests that edit records."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
