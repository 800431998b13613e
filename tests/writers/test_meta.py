"""Rules every writer keeps, checked over all of them (in the manner of Datasette's plugin-hook tests)."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from aidlod.writers import BUILT_IN, GROUP, registered
from conftest import ROOT

HERE = Path(__file__).resolve().parent


def test_every_registered_writer_has_its_own_test_module() -> None:
    missing = [w.name for w in registered() if not (HERE / f"test_{w.name.replace('-', '_')}.py").is_file()]
    assert missing == [], f"writers without tests/writers/test_<name>.py: {missing}"


def test_every_built_in_writer_is_registered_through_the_entry_point_group() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"][GROUP]
    assert sorted(declared) == sorted(BUILT_IN)
    assert all(value.startswith("aidlod.writers.") for value in declared.values())
    names = [w.name for w in registered()]
    assert set(BUILT_IN) <= set(names)
    # the catalog describes every other writer's files; the publisher's own (data/public/) are copied after it
    assert names[-2:] == ["catalog", "public"]
    assert names.index("sources") < names.index("pages")


def test_every_file_of_the_site_is_in_the_checksums_with_its_true_hash(seed_site: Path) -> None:
    listed = {}
    for line in (seed_site / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        listed[rel] = digest
    on_disk = {p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk
    for rel, digest in listed.items():
        assert hashlib.sha256((seed_site / rel).read_bytes()).hexdigest() == digest, rel
