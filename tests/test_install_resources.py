"""aidlod installed without its ontology and shapes (a plain ``pip install .``, a copied source tree, an
``AIDLOD_HOME`` that points elsewhere) stops with how to mend it, not "cannot write SITE: None"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aidlod import resources

ROOT = Path(__file__).resolve().parents[1]


def aidlod(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aidlod.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_an_aidlod_home_without_the_ontology_is_named(tmp_path: Path) -> None:
    env = dict(os.environ, AIDLOD_HOME=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    out = tmp_path / "site"
    result = aidlod(["build", "--data", str(ROOT / "data"), "-o", str(out)], env)
    assert result.returncode == 1
    assert f"aidlod: AIDLOD_HOME is {tmp_path}, which holds no ontology/ and shapes/ folders" in result.stderr
    assert "Traceback" not in result.stderr and "None" not in result.stderr
    assert not out.exists()


def test_a_source_tree_without_the_ontology_says_how_to_install(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "aidlod", tmp_path / "src" / "aidlod",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k != "AIDLOD_HOME"}
    env["PYTHONPATH"] = str(tmp_path / "src")
    result = aidlod(["validate", "--data", str(ROOT / "data")], env)
    assert result.returncode == 1
    assert "aidlod: cannot find the ontology/ and shapes/ folders; install aidlod from its repository with " \
           "'pip install -e .' or set AIDLOD_HOME to the repository folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_repository_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIDLOD_HOME", raising=False)
    assert resources.home() == ROOT
    monkeypatch.setenv("AIDLOD_HOME", str(ROOT))
    assert resources.home() == ROOT
