"""The bad-input corpus: every hostile or mistaken data folder ends in one clear message.

Each case in ``tests/bad_input/*.yaml`` describes edits to a fresh copy of ``data/`` and the
substrings its one message must hold (the file, the record and the field). The build must exit 1
with that message and no traceback, print no raw control character, and leave everything on disk
(the previously published site beside the data, the data itself) byte for byte as it was.

Case keys: ``why``; ``edits`` (each with ``path`` relative to data/ and one operation: ``replace``
[old, new], ``write``, ``write_hex``, ``prepend_hex``, ``append``, ``delete``, ``copy`` (from a
data path), ``empty_folder``, ``symlink`` (target; ``{outside}`` is a folder beside data/),
``symlink_dir_copy``, ``mkdir``, ``fifo``; ``repeat`` [placeholder, text, count] expands large
values at run time); ``expect`` (substrings of the message); ``output`` (default ``site``, which
starts as a copy of a successful build); ``output_files`` (extra files put into the output, ``""``
for the output itself as a file); ``cwd`` and ``data`` (run from another folder); ``subprocess``
(run the real command with a timeout, for cases that could hang a process).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from aidlod.cli import main
from conftest import linked_copy

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CASES_DIR = Path(__file__).parent / "bad_input"
CASES = sorted(CASES_DIR.glob("*.yaml"))
SUMMARY = re.compile(r"^aidlod: (\d+) error\(s\)(?:; nothing was (?:published|written))?\.$")


def load_case(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# Digests of the files seen so far, by what identifies a file's content on disk: every case's output
# is a hard-linked copy of the session's seed site, so its 7 900 files are hashed once, not twice a
# case. A write through a link changes its mtime (the seed site was written seconds earlier), so the
# file is hashed again and differs. Not the ctime: making each case's links changes it on every file.
_DIGESTS: dict[tuple[int, int, int, int], str] = {}


def _digest(path: str, st: os.stat_result) -> str:
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    found = _DIGESTS.get(key)
    if found is None:
        with open(path, "rb") as handle:
            found = _DIGESTS[key] = hashlib.sha256(handle.read()).hexdigest()
    return found


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: file contents hashed, links by target, other kinds by type."""
    out: dict[str, str] = {}
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                rel = prefix + entry.name
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    out[rel] = "link:" + os.readlink(entry.path)
                elif stat.S_ISREG(st.st_mode):
                    out[rel] = _digest(entry.path, st)
                elif stat.S_ISDIR(st.st_mode):
                    out[rel] = "dir"
                    pending.append((entry.path, rel + "/"))
                else:
                    out[rel] = f"special:{stat.S_IFMT(st.st_mode)}"
    return out


def _expand(text: str, edit: dict[str, Any]) -> str:
    if "repeat" in edit:
        placeholder, piece, count = edit["repeat"]
        text = text.replace(placeholder, piece * count)
    return text


def apply_edit(data: Path, outside: Path, edit: dict[str, Any]) -> None:
    target = data / edit["path"]
    if "replace" in edit:
        old, new = edit["replace"]
        content = target.read_text(encoding="utf-8")
        assert old in content, f"{old!r} not in {target}"
        target.write_text(content.replace(old, _expand(new, edit), 1), encoding="utf-8")
    elif "write" in edit:
        target.write_text(_expand(edit["write"], edit), encoding="utf-8")
    elif "write_hex" in edit:
        target.write_bytes(bytes.fromhex(edit["write_hex"]))
    elif "prepend_hex" in edit:
        target.write_bytes(bytes.fromhex(edit["prepend_hex"]) + target.read_bytes())
    elif "append" in edit:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(_expand(edit["append"], edit))
    elif "delete" in edit:
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    elif "copy" in edit:
        shutil.copyfile(data / edit["copy"], target)
    elif "empty_folder" in edit:
        shutil.rmtree(target)
        target.mkdir()
    elif "symlink" in edit:
        if target.exists():
            target.unlink()
        target.symlink_to(edit["symlink"].replace("{outside}", str(outside)))
    elif "symlink_dir_copy" in edit:
        away = Path(edit["symlink_dir_copy"].replace("{outside}", str(outside)))
        shutil.move(target, away)
        target.symlink_to(away, target_is_directory=True)
    elif "mkdir" in edit:
        target.mkdir()
    elif "fifo" in edit:
        os.mkfifo(target)
    else:  # pragma: no cover - a malformed case file
        raise AssertionError(f"unknown edit {edit}")


def prepare(tmp: Path, case: dict[str, Any], seed_site: Path) -> tuple[Path, list[str]]:
    """Lay out data/, an outside folder and the output; return (folder to run in, CLI arguments)."""
    data = tmp / "data"
    shutil.copytree(DATA, data)
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret\n", encoding="utf-8")
    for edit in case.get("edits", []):
        apply_edit(data, outside, edit)
    output = case.get("output", "site")
    if output == "site":
        linked_copy(seed_site, tmp / "site")
    for name, content in (case.get("output_files") or {}).items():
        path = tmp / output / name if name else tmp / output
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            path.unlink()  # a link to the session's seed site: never write through it
        path.write_text(content, encoding="utf-8")
    cwd = tmp / case.get("cwd", ".")
    cwd.mkdir(exist_ok=True)
    return cwd, ["build", "-q", "--data", case.get("data", "data"), "--output", output]


def run(cwd: Path, args: list[str], use_subprocess: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    if use_subprocess:
        # This checkout's code first; what PYTHONPATH already held (e.g. its entry points) after it.
        path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
        env = dict(os.environ, PYTHONPATH=path)
        proc = subprocess.run([sys.executable, "-m", "aidlod.cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=120)
        return proc.returncode, proc.stdout + proc.stderr
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash: show the traceback as the failure
    return result.exit_code, result.output


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 60
    for path in CASES:
        case = load_case(path)
        assert case["why"] and case["expect"], path.name


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_bad_input(case_file: Path, tmp_path: Path, seed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(case_file)
    cwd, args = prepare(tmp_path, case, seed_site)
    before = snapshot(tmp_path)

    code, output = run(cwd, args, bool(case.get("subprocess")), monkeypatch)

    assert code == 1, output
    assert "Traceback" not in output
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", output), repr(output)
    lines = output.splitlines()
    if lines and SUMMARY.match(lines[-1]):
        assert SUMMARY.match(lines[-1]).group(1) == "1", output  # type: ignore[union-attr]
        lines = lines[:-1]
    assert len(lines) == 1, f"expected one message, got:\n{output}"
    for expected in case["expect"]:
        assert expected in lines[0], f"{expected!r} not in {lines[0]!r}"
    assert snapshot(tmp_path) == before, "the build changed files on disk"
