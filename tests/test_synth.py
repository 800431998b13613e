"""The synthetic data generator: deterministic, valid when asked for no faults, faulty where asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aidlod.build import check
from aidlod.cli import main
from aidlod.synth import FAULTS, WARNING_FAULTS, generate
from conftest import tree


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 40, seed=7, faults=0.2)
    b = generate(tmp_path / "b", 40, seed=7, faults=0.2)
    c = generate(tmp_path / "c", 40, seed=8, faults=0.2)
    assert tree(a.out) == tree(b.out)
    assert a.faults == b.faults
    assert tree(a.out) != tree(c.out)
    assert len(list((a.out / "projects").glob("*.yaml"))) == 40


def test_clean_folder_validates_without_errors(tmp_path: Path) -> None:
    synth = generate(tmp_path / "data", 60, seed=3)
    checked = check(synth.out)
    assert synth.faults == {}
    assert checked.errors == []
    projects = {str(s) for s in checked.mapped.graph.subjects() if "/project/" in str(s)}
    assert len({s.split("#")[0] for s in projects}) == 60


def test_every_injected_fault_is_found_and_nothing_else(tmp_path: Path) -> None:
    synth = generate(tmp_path / "data", 120, seed=5, faults=0.5)
    assert len(synth.faults) == 60
    assert set(synth.faults.values()) == set(FAULTS)
    checked = check(synth.out)
    errors = {r for r, kind in synth.faults.items() if kind not in WARNING_FAULTS}
    warned = {r for r, kind in synth.faults.items() if kind in WARNING_FAULTS}
    assert errors and warned
    assert {p.record for p in checked.errors} == errors
    assert {p.record for p in checked.warnings if "is missing" in p.message} == warned


def test_cli_writes_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    result = CliRunner().invoke(main, ["synth", "--projects", "5", "--out", str(out), "--seed", "2",
                                       "--faults", "0.4"])
    assert result.exit_code == 0, result.output
    assert "2 with an injected fault" in result.output
    assert (out / "dataset.yaml").is_file()
    assert len(list((out / "projects").glob("*.yaml"))) == 5


def test_synth_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    from aidlod.synth import generate

    precious = tmp_path / "records"
    precious.mkdir()
    (precious / "mine.yaml").write_text("id: mine\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not written by 'aidlod synth'"):
        generate(precious, 3)
    assert (precious / "mine.yaml").read_text(encoding="utf-8") == "id: mine\n"
    out = tmp_path / "synthetic"
    generate(out, 3)
    generate(out, 3)  # its own output is replaced
    assert (out / "projects").is_dir()
