"""``aidlod import-iati`` stopped by SIGTERM (a CI job's time limit, ``timeout``, ``kill``) ends as on Ctrl-C:
the data folder as it was before the file, no copy of it beside it, no temporary folder left, a message and
exit status 143. Python's default ended the process on the spot: a 2 000-activity file's import stopped as
it wrote left its staging copy of the folder (31 MB, 2 196 files) beside it for good, as each later import
makes its own, and its empty temporary folders in /tmp."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from test_iati_import_multi import BCIE, CABLE
from test_iati_import_quirks import CC_BY, _file

# the import's last step before it swaps the folders is os.sync(): SIGTERM comes there, the staging copy full
STOP_AT_SYNC = """
import os, signal, sys
os.sync = lambda: os.kill(os.getpid(), signal.SIGTERM)
from aidlod.cli import main
sys.argv = ["aidlod", *sys.argv[1:]]
main()
"""


def test_an_import_sent_sigterm_leaves_the_folder_as_it_was_and_nothing_beside_it(tmp_path: Path) -> None:
    data, files, tmp = tmp_path / "data", tmp_path / "files", tmp_path / "tmp"
    files.mkdir()
    tmp.mkdir()
    (files / "bcie.xml").write_bytes(_file(BCIE))
    (files / "caf.xml").write_bytes(_file(CABLE))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
               TMPDIR=str(tmp))
    first = subprocess.run([sys.executable, "-m", "aidlod", "import-iati", str(files / "bcie.xml"), "--into",
                            str(data), "--licence", CC_BY, "-q"], env=env, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    before = sorted((p.relative_to(data), p.read_bytes()) for p in data.rglob("*") if p.is_file())
    stopped = subprocess.run([sys.executable, "-c", STOP_AT_SYNC, "import-iati", str(files / "caf.xml"), "--into",
                              str(data), "-q"], env=env, capture_output=True, text=True, check=False)
    assert stopped.returncode == 128 + signal.SIGTERM, (stopped.returncode, stopped.stderr)
    assert f"aidlod: stopped by SIGTERM; nothing of the file being imported was written ({data} is as it was " \
           "before that file)." in stopped.stderr
    assert sorted((p.relative_to(data), p.read_bytes()) for p in data.rglob("*") if p.is_file()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "files", "tmp"]  # no .data.aidlod-import-*
    assert list(tmp.iterdir()) == []
