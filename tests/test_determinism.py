"""Byte-identical output across processes: nothing may depend on set or dict order under hashing.

An in-process second build shares the first one's string-hash seed, so set-order bugs hide there;
this build runs in a fresh interpreter with another PYTHONHASHSEED.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_build_under_another_hash_seed_is_byte_identical(tmp_path: Path, seed_site: Path) -> None:
    out = tmp_path / "site"
    # This checkout's code first; what PYTHONPATH already held (e.g. its entry points) after it.
    env = dict(os.environ, PYTHONHASHSEED="12345",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "aidlod.cli", "build", "-q", "--data", str(ROOT / "data"),
                    "--output", str(out)], check=True, env=env, capture_output=True)
    ours = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    theirs = (seed_site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert [line for line in ours if line not in theirs] == []
    assert ours == theirs
