"""Install the example writer plugin (tests/plugins) into a folder, the way pip lays a package out.

The package is copied beside a ``.dist-info`` folder whose ``entry_points.txt`` is made from the
plugin's own ``pyproject.toml`` (or from the entry points a test names), so ``importlib.metadata``
finds the writer exactly as it finds a pip-installed one, with no network and no build step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[1] / "plugins"
PACKAGE = "aidlod_example_writer"


def install(target: Path, entry_points: dict[str, str] | None = None) -> Path:
    """Lay the plugin out in ``target``; return ``target`` (to put on PYTHONPATH)."""
    meta = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    eps = entry_points if entry_points is not None else meta["entry-points"]["aidlod.writers"]
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PLUGIN / PACKAGE, target / PACKAGE, dirs_exist_ok=True)
    info = target / f"{PACKAGE}-{meta['version']}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n",
                                   encoding="utf-8")
    lines = ["[aidlod.writers]", *(f"{name} = {value}" for name, value in sorted(eps.items()))]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    return target


def aidlod(path: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the aidlod command line with the plugin folder ``path`` on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(path), env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "aidlod", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600, check=False)
