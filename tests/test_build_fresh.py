"""``aidlod build`` when nothing changed: the published site is kept and the last build's report printed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from aidlod import cli
from aidlod.build import build, fresh, incremental
from test_cli import replace, run

UP_TO_DATE = "nothing changed since the build that published"


def stamps(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a build that writes nothing leaves them all."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def problem_lines(stderr: str) -> list[str]:
    """What a build printed about the data (the lines that name a file), not its progress."""
    return [line for line in stderr.splitlines() if not line.startswith("aidlod: ")]


def test_a_second_build_of_the_same_inputs_writes_nothing_and_prints_the_same_problems(
        data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run("build", "--data", str(data_copy), "-o", str(site), "--problems", str(tmp_path / "p1.txt"))
    assert first.returncode == 0, first.stderr
    assert (incremental.cache_dir(site) / fresh.FILE).is_file()
    before = stamps(site)
    second = run("build", "--data", str(data_copy), "-o", str(site), "--problems", str(tmp_path / "p2.txt"))
    assert second.returncode == 0, second.stderr
    triples = re.search(r"published (\d+) triples", first.stderr)
    assert triples is not None, first.stderr
    assert UP_TO_DATE in second.stderr and f"({triples[1]} triples, 2 warning(s))" in second.stderr, second.stderr
    assert "published" not in second.stderr.replace("that published", "")
    assert stamps(site) == before
    # the same problem lines, and the same --problems file, as the build printed
    assert problem_lines(second.stderr) == problem_lines(first.stderr) and problem_lines(first.stderr)
    assert (tmp_path / "p2.txt").read_text(encoding="utf-8") == (tmp_path / "p1.txt").read_text(encoding="utf-8")


def test_an_edit_a_new_file_cold_or_another_template_folder_builds_again(data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("build", "--data", str(data_copy), "-o", str(site), "-q").returncode == 0
    project = sorted((data_copy / "projects").glob("*.yaml"))[0]
    project.write_text(project.read_text(encoding="utf-8") + "\n# an editor's comment\n", encoding="utf-8")
    edited = run("build", "--data", str(data_copy), "-o", str(site), "-q")
    assert edited.returncode == 0 and UP_TO_DATE not in edited.stderr, edited.stderr
    assert UP_TO_DATE in run("build", "--data", str(data_copy), "-o", str(site), "-q").stderr
    (data_copy / "sources" / "notes.txt").write_text("a file the data folder did not have\n", encoding="utf-8")
    assert UP_TO_DATE not in run("build", "--data", str(data_copy), "-o", str(site), "-q").stderr
    cold = run("build", "--data", str(data_copy), "-o", str(site), "-q", "--cold")
    assert cold.returncode == 0 and UP_TO_DATE not in cold.stderr and "published" in cold.stderr
    templates = tmp_path / "templates"
    templates.mkdir()
    os.environ["AIDLOD_TEMPLATES"] = str(templates)
    try:
        assert UP_TO_DATE not in run("build", "--data", str(data_copy), "-o", str(site), "-q").stderr
    finally:
        del os.environ["AIDLOD_TEMPLATES"]


def test_a_site_published_otherwise_since_is_built_again(data_copy: Path, tmp_path: Path) -> None:
    """The record vouches only for the site its build published, by that site's checksums."""
    site = tmp_path / "site"
    assert run("build", "--data", str(data_copy), "-o", str(site), "-q").returncode == 0
    record = (incremental.cache_dir(site) / fresh.FILE).read_bytes()
    published = (site / "SHA256SUMS").read_bytes()
    project = data_copy / "projects" / "poland.yaml"
    original = project.read_text(encoding="utf-8")
    replace(project, "amount: ", "amount: 1")  # another amount: another site
    build(data_copy, site)  # the library's build, not the command: it keeps no record
    assert not (incremental.cache_dir(site) / fresh.FILE).exists()
    assert (site / "SHA256SUMS").read_bytes() != published
    # the first data again, and the first build's record put back beside the second site
    project.write_text(original, encoding="utf-8")
    (incremental.cache_dir(site) / fresh.FILE).write_bytes(record)
    again = run("build", "--data", str(data_copy), "-o", str(site), "-q")
    assert again.returncode == 0 and UP_TO_DATE not in again.stderr and "published " in again.stderr
    assert '"700000"' in (site / "dumps" / "aidlod.nt").read_text(encoding="utf-8")


def test_inputs_edited_while_a_build_runs_are_built_by_the_next(data_copy: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The record holds the hash of the inputs the build read, taken before it read them."""
    site = tmp_path / "site"
    real = cli.run_build
    project = sorted((data_copy / "projects").glob("*.yaml"))[0]

    def edited_meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        project.write_text(project.read_text(encoding="utf-8") + "\n# edited during the build\n", encoding="utf-8")
        return result

    monkeypatch.setattr(cli, "run_build", edited_meanwhile)
    runner = CliRunner()
    first = runner.invoke(cli.main, ["build", "--data", str(data_copy), "-o", str(site), "-q"])
    assert first.exit_code == 0, first.output
    monkeypatch.setattr(cli, "run_build", real)
    second = runner.invoke(cli.main, ["build", "--data", str(data_copy), "-o", str(site), "-q"])
    assert second.exit_code == 0 and UP_TO_DATE not in second.output, second.output
    third = runner.invoke(cli.main, ["build", "--data", str(data_copy), "-o", str(site), "-q"])
    assert UP_TO_DATE in third.output, third.output


def test_the_inputs_hash_reads_through_linked_folders(tmp_path: Path) -> None:
    """The records' loader follows a linked ``projects`` folder: so does the hash of the inputs."""
    from aidlod.writers import registered

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "p.yaml").write_text("id: p\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "projects").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "loop").symlink_to(elsewhere, target_is_directory=True)  # a cycle is walked once
    before = fresh.inputs_digest(data, "fast", 5, registered())
    assert fresh.inputs_digest(data, "fast", 5, registered()) == before
    (elsewhere / "p.yaml").write_text("id: q\n", encoding="utf-8")
    assert fresh.inputs_digest(data, "fast", 5, registered()) != before
    assert fresh.inputs_digest(data, "pyshacl", 5, registered()) != fresh.inputs_digest(data, "fast", 5, registered())
