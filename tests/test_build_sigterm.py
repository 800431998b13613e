"""``aidlod build`` stopped by SIGTERM (a service manager, a CI job's time limit, ``kill``) ends as on Ctrl-C:
its workers stopped, its staging folder removed, the published site as it was, a message and exit status 143."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from aidlod.build import build
from conftest import ROOT
from processes import children, running


def _sums_hold(site: Path) -> str:
    """The site's SHA256SUMS, every file it lists checked against it."""
    sums = (site / "SHA256SUMS").read_text(encoding="utf-8")
    for line in sums.splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest, name
    return sums


def test_a_build_sent_sigterm_stops_cleanly_and_leaves_the_old_site(tmp_path: Path, data_copy: Path) -> None:
    site = tmp_path / "site"
    build(data_copy, site)
    before = _sums_hold(site)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
               AIDLOD_WORKERS="2")
    command = [sys.executable, "-m", "aidlod.cli", "build", "--data", str(data_copy), "--output", str(site), "--cold"]
    proc = subprocess.Popen(command, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    seen: list[str] = []
    while line := proc.stderr.readline():  # stopped in the writers, with the staging folder full
        seen.append(line)
        if "writing documents" in line:
            break
    workers = children(proc.pid)
    assert any(site.parent.glob(f"{site.name}.aidlod-staging-*")), "".join(seen)
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 128 + signal.SIGTERM, rest
    assert "stopped by SIGTERM; nothing was published" in rest
    assert not list(site.parent.glob(f"{site.name}.aidlod-staging-*")), "the staging folder was left"
    assert _sums_hold(site) == before
    deadline = time.monotonic() + 20
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(pid) for pid in workers), "a worker outlived the stopped build"


def test_a_worker_forked_while_the_build_stops_on_sigterm_just_ends() -> None:
    """A worker forked under the build's handler inherits it: SIGTERM ends the worker by the signal, as
    without the handler, rather than raising the build's ``Stopped`` in the worker's own work."""
    from aidlod import cli

    with cli._stopped_by_sigterm():
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(10)
            except BaseException:
                os._exit(3)
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, status
