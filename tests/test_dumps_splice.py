"""The Turtle, gzip and JSON-LD dumps of a rebuild: blocks of unchanged subjects are copied from the
published dumps, the rest made anew, and the files equal a cold build's."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest

from aidlod import rdfio
from aidlod.build import build, incremental
from aidlod.writers import dumps
from conftest import linked_copy, logged_anew, only_writers, published_copy

DUMPS = ("dumps/aidlod.ttl", "dumps/aidlod.nt.gz", "dumps/aidlod.jsonld")
# Only the dumps writer: the pages and documents (most of a build's time) play no part in splicing.
WRITERS = only_writers("dumps")


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of some 8 subjects, so that the seed's dumps have dozens of them."""
    monkeypatch.setattr(rdfio, "SPLICE", 8)


def _made(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """(blocks made anew, blocks taken) by the last build."""
    line = [r.getMessage() for r in caplog.records if "dump blocks anew" in r.getMessage()][-1]
    words = line.split()
    return int(words[1]), int(words[words.index("took") + 1])


def _rebuild_and_cold(data: Path, site: Path, cold: Path, caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """Rebuild ``site``, build ``cold`` cold from a copy of it; the dumps must be the same bytes."""
    linked_copy(site, cold)
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, site, writers=WRITERS)
        made = _made(caplog)
        build(data, cold, cold=True, writers=WRITERS)
        assert logged_anew(caplog, "dump blocks") == sum(_made(caplog))  # a cold build takes nothing
    for rel in DUMPS:
        assert (site / rel).read_bytes() == (cold / rel).read_bytes(), rel
    # the spliced gzip is the gzip of the N-Triples dump, read by any gzip reader
    assert gzip.decompress((site / "dumps/aidlod.nt.gz").read_bytes()) == (site / "dumps/aidlod.nt").read_bytes()
    return made


def test_rebuilds_remake_only_the_blocks_of_what_changed(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """Unchanged, then one edited amount, then a record added and another deleted, then a damaged
    cache: each rebuild's dumps are a cold build's, made from the old blocks but for those holding
    what changed (or those the damaged cache no longer vouches for)."""
    site = published_copy(seed_site, tmp_path / "site")
    build(data_copy, site, writers=WRITERS)  # the seed site was built without small blocks: this build records its own
    before = {rel: (site / rel).read_bytes() for rel in DUMPS}
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site, writers=WRITERS)
    made, taken = _made(caplog)
    assert made == 0 and taken >= 20, (made, taken)
    assert {rel: (site / rel).read_bytes() for rel in DUMPS} == before

    projects = data_copy / "projects"
    estonia = projects / "estonia.yaml"
    estonia.write_text(estonia.read_text(encoding="utf-8").replace("amount: 65000", "amount: 65500"), encoding="utf-8")
    made, taken = _rebuild_and_cold(data_copy, site, tmp_path / "cold-1", caplog)
    # the grant's amount node, in the Turtle, the gzip and the JSON-LD dump (its own block in each, or shared)
    assert 1 <= made <= 6 and taken >= 30, (made, taken)
    assert "65500" in (site / "dumps" / "aidlod.ttl").read_text(encoding="utf-8")

    (projects / "estonia-copy.yaml").write_text(
        estonia.read_text(encoding="utf-8").replace("id: estonia", "id: estonia-copy", 1), encoding="utf-8")
    (projects / "romania.yaml").unlink()
    cold = tmp_path / "cold-2"
    made, taken = _rebuild_and_cold(data_copy, site, cold, caplog)
    assert made >= 2 and taken >= 10, (made, taken)

    # A damaged cache: a dump's recorded hash is not the published file's, and half the JSON-LD blocks'
    # recorded places are shifted by one byte (a cache edited by hand). Those blocks are made anew.
    cache = incremental.cache_dir(site) / dumps.CACHE_FILE
    recorded = json.loads(cache.read_text(encoding="utf-8"))
    ttl, jsonld = recorded["dumps"]["dumps/aidlod.ttl"], recorded["dumps"]["dumps/aidlod.jsonld"]
    gz = recorded["dumps"]["dumps/aidlod.nt.gz"]
    ttl["sha256"] = "0" * 64
    shifted = 0
    for span in list(jsonld["blocks"].values())[::2]:
        span[0] += 1
        shifted += 1
    cache.write_text(json.dumps(recorded), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site, writers=WRITERS)
    made, taken = _made(caplog)
    assert made == len(ttl["blocks"]) + shifted, (made, taken)
    assert taken == len(gz["blocks"]) + len(jsonld["blocks"]) - shifted, (made, taken)
    for rel in DUMPS:  # the data as for the last cold build
        assert (site / rel).read_bytes() == (cold / rel).read_bytes(), rel
