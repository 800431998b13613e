"""Crash safety: ``aidlod build`` killed with SIGKILL at any moment never leaves a half-written site.

An earlier build of slightly different data is published with its build cache, so every new build
reuses its unchanged files by hard links, as a publisher's rebuild does (the case where a build
shares files with the site it replaces). A build of the current data is started and killed at
seeded random moments, one in each stratum of the whole length of a build (start-up, loading,
SHACL, every writer, checksums, the swap, deleting the old site); builds that finish before their
moment must have published the new site. Afterwards the published folder must be exactly the
complete old site or the complete new one: every file matches its ``SHA256SUMS`` line, the files are
exactly those listed, and the list is the old or the new one. Leftovers of a killed build (staging
folders, pending cache files) must not matter, and the next build must succeed and clean them up.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from aidlod import sparqlstore
from aidlod.build import build, incremental
from conftest import DATA, ROOT

# Kill moments, one drawn in each stratum so that every part of a build is hit whatever the seed:
# strata of its progress lines (start-up to the last writer), the moment right after the swap, and
# strata of the tail after the checksums appear (past its end the build has finished).
PROGRESS_STRATA = 6
TAIL_STRATA = ((0.0, 0.4), (0.4, 0.8), (0.8, 1.2))
RUNS = PROGRESS_STRATA + 1 + len(TAIL_STRATA)


def cli(*args: str) -> subprocess.Popen[str]:
    # This checkout's code first; what PYTHONPATH already held (e.g. its entry points) after it.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-m", "aidlod.cli", *args], env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def verify(site: Path) -> str:
    """Check ``site`` is complete and self-consistent; return its SHA256SUMS text."""
    sums = (site / "SHA256SUMS").read_text(encoding="utf-8")
    listed: dict[str, str] = {}
    for line in sums.splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir()}
    assert present == set(listed) | {"SHA256SUMS"}, "files missing or not listed"
    for name, digest in listed.items():
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest, name
    return sums


def make_old_site(data: Path, old_site: Path) -> None:
    """A site published by an earlier build, of ``DATA`` with one project renamed, with its cache."""
    shutil.copytree(DATA, data)
    record = sorted((data / "projects").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    assert "\n  en: " in text
    record.write_text(text.replace("\n  en: ", "\n  en: Earlier ", 1), encoding="utf-8")
    build(data, old_site)


def restore(pristine: Path, site: Path) -> None:
    """Put the earlier site and its build cache in ``site``'s place, trusted as published there.

    The site's files are hard links to ``pristine``'s (page reuse checks the inode it recorded);
    the test checks at its end that no build wrote through one.
    """
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(incremental.cache_dir(site), ignore_errors=True)
    shutil.copytree(pristine, site, copy_function=os.link)
    shutil.copytree(incremental.cache_dir(pristine), incremental.cache_dir(site))
    assert incremental.previous_site(site) == site.absolute()


def build_into(site: Path) -> None:
    proc = cli("build", "-q", "--data", str(DATA), "--output", str(site))
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else b""


def kill_at(site: Path, progress_lines: int | None, delay: float, swapped: str | None = None) -> str:
    """Start a build, kill it ``delay`` s after a moment of its own; say how it ended.

    The moment is its n-th progress line (0: its start) or, for ``None``, the checksums appearing in
    its staging folder (the last step before the swap), or with ``swapped`` (the new SHA256SUMS) the
    moment the new site is in place, while the old one is being deleted. Moments are counted from the build's own
    progress rather than from a clock, so that they stay spread over every stage however fast or
    loaded the machine is.
    """
    proc = cli("build", "--data", str(DATA), "--output", str(site))
    assert proc.stderr is not None
    if swapped is not None:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline and not _shows(site, swapped):
            time.sleep(0.002)
    elif progress_lines is None:
        deadline = time.monotonic() + 120
        while (proc.poll() is None and time.monotonic() < deadline
               and not any(site.parent.glob(f"{site.name}.aidlod-staging-*/SHA256SUMS"))):
            time.sleep(0.005)
    else:
        for _ in range(progress_lines):
            if not proc.stderr.readline():
                break
    time.sleep(delay)
    ended = "finished" if proc.poll() is not None else "killed"
    if ended == "killed":
        os.kill(proc.pid, signal.SIGKILL)
    code = proc.wait(timeout=300)
    assert code in (0, -signal.SIGKILL), proc.stderr.read()
    proc.stderr.close()
    return ended


def _shows(site: Path, sums: str) -> bool:
    try:
        return (site / "SHA256SUMS").read_text(encoding="utf-8") == sums
    except OSError:
        return False


def measure(site: Path) -> tuple[int, float]:
    """A complete build's progress lines, and how long it runs after its checksums appear (the sync,
    swap and clean-up).

    That tail depends on the machine (one ``os.sync`` flushes every file system), so kill moments in
    it are drawn as fractions of the tail measured here rather than as fixed delays.
    """
    proc = cli("build", "--data", str(DATA), "--output", str(site))
    seen = None
    while proc.poll() is None:
        if seen is None and any(site.parent.glob(f"{site.name}.aidlod-staging-*/SHA256SUMS")):
            seen = time.monotonic()
        time.sleep(0.005)
    assert proc.wait() == 0
    assert proc.stderr is not None
    lines = len(proc.stderr.read().splitlines())
    proc.stderr.close()
    assert seen is not None, "the build wrote no checksums in its staging folder"
    return lines, time.monotonic() - seen


def moments(rng: random.Random, lines: int, tail: float) -> list[tuple[int | None, float, bool]]:
    """(progress line or None for the checksums, delay, after the swap) of each run, in a seeded order."""
    width = lines / PROGRESS_STRATA
    planned: list[tuple[int | None, float, bool]] = []
    for i in range(PROGRESS_STRATA):
        low, high = int(i * width), int((i + 1) * width)
        planned.append((rng.randrange(low, max(low + 1, high)), rng.uniform(0.0, 0.3), False))
    planned.append((None, 0.0, True))
    planned += [(None, rng.uniform(low, high) * tail, False) for low, high in TAIL_STRATA]
    rng.shuffle(planned)
    return planned


def complete_stores(site: Path) -> None:
    """Every SPARQL store under a real name beside ``site`` is complete (a killed build may leave only
    ``.tmp-`` folders, which are never opened)."""
    root = sparqlstore.store_root(site)
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.is_dir() and not folder.name.startswith("."):
            key = json.loads((folder / sparqlstore.KEY).read_text(encoding="utf-8"))
            assert key["sha256"] == folder.name and (folder / sparqlstore.DB / "CURRENT").is_file()


def test_sigkill_at_random_moments_leaves_old_or_new_site(tmp_path: Path) -> None:
    pristine_old = tmp_path / "old" / "site"
    make_old_site(tmp_path / "old-data", pristine_old)
    old_sums = verify(pristine_old)
    restore(pristine_old, tmp_path / "measure" / "site")
    lines, tail = measure(tmp_path / "measure" / "site")
    # Builds are deterministic: what this complete build published is what every build here publishes.
    new_sums = verify(tmp_path / "measure" / "site")
    assert old_sums != new_sums

    site = tmp_path / "pub" / "site"
    site.parent.mkdir()
    rng = random.Random(20260429)
    outcomes = {"old": 0, "new": 0, "killed": 0, "finished": 0}
    for line, delay, swapped in moments(rng, lines, tail):
        if not site.exists() or verify(site) != old_sums or incremental.previous_site(site) is None:
            restore(pristine_old, site)  # what a killed build left beside the site stays
        outcomes[kill_at(site, line, delay, swapped=new_sums if swapped else None)] += 1
        sums = verify(site)
        assert sums in (old_sums, new_sums)
        outcomes["old" if sums == old_sums else "new"] += 1
        complete_stores(site)

    print(f"crash safety: {outcomes}")
    assert outcomes["killed"] >= RUNS // 2, outcomes
    assert outcomes["old"] >= 1 and outcomes["new"] >= 1, outcomes

    # The next build succeeds, publishes the new site and removes what killed builds left behind.
    build_into(site)
    assert verify(site) == new_sums
    complete_stores(site)
    stats = sparqlstore.Stats(**vars(sparqlstore.STATS))
    assert sparqlstore.ensure(site) == sparqlstore.store_root(site) / sparqlstore.listed_sha256(site)
    assert sparqlstore.STATS.created == stats.created  # the build's store, opened as it is
    # The lock file and the incremental-build marker belong beside a published site; nothing else may.
    kept = ("site", ".site.lock", ".site.aidlod-cache")
    leftovers = sorted(p.name for p in site.parent.iterdir() if p.name not in kept)
    assert leftovers == []
    assert not [p.name for p in incremental.cache_dir(site).iterdir() if incremental.PENDING in p.name]
    # No build wrote through a hard link into the earlier site's files.
    assert verify(pristine_old) == old_sums
