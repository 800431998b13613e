"""The releases writer alone (after the dumps it names): a first release as in a full build, then a
second one, from a stage whose published site is the first, with its change set and feed entry."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from aidlod.build.stage import Stage
from aidlod.dataset import Dataset
from aidlod.iris import SCHEMA
from aidlod.releases import apply_patch, read_history
from aidlod.writers.dumps import DumpsWriter
from aidlod.writers.releases import ReleasesWriter

from .common import run, written_as_built

ATOM = "{http://www.w3.org/2005/Atom}"


def test_releases_writer_first_release(seed_build: tuple[Dataset, Path], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data, site = seed_build
    stage = run(ReleasesWriter(), data, tmp_path, before=(DumpsWriter(),))
    files = written_as_built(stage, site)
    [release] = read_history(tmp_path)
    assert release.sequence == 1 and release.previous is None and release.changes is None
    assert release.date == "2004-02-29T00:00:00Z"  # the latest date the seed states (the workshop, 2004-02)
    assert sorted(set(files) - set(stage.files("dumps"))) == [
        "feed.atom", "releases.ttl", f"releases/{release.id}/aidlod.nt.gz", "releases/index.json"]
    assert gzip.decompress((tmp_path / release.folder / "aidlod.nt.gz").read_bytes()) == b"".join(data.ntriples)


def test_releases_writer_second_release(seed_build: tuple[Dataset, Path], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1100000000")  # 2004-11-09T11:33:20Z
    data, _site = seed_build
    first = tmp_path / "first"
    run(ReleasesWriter(), data, first, before=(DumpsWriter(),))
    project = URIRef(data.base + "project/estonia-trafficking-handbook#id")
    renamed = [(s, p, Literal("Handbook", lang="en") if (s, p) == (project, SCHEMA.name) and o.language == "en"
                else o) for s, p, o in data.triples]
    edited = Dataset(renamed, data.iris, data.data_dir, data.languages)

    stage = Stage(tmp_path / "second", tmp_path / "second", published=first)
    (tmp_path / "second").mkdir()
    for writer in (DumpsWriter(), ReleasesWriter()):
        writer.write(edited, stage)
    new, old = read_history(tmp_path / "second")
    assert (new.sequence, new.previous, new.date) == (2, old.id, "2004-11-09T11:33:20Z")
    assert new.changes == {"resources_added": 0, "resources_changed": 1, "resources_removed": 0,
                           "triples_added": 1, "triples_removed": 1}
    folder = tmp_path / "second" / new.folder
    # the first release's files were carried over (copied and checked: the stage trusts no previous site)
    assert (tmp_path / "second" / old.folder / "aidlod.nt.gz").read_bytes() == \
        (first / old.folder / "aidlod.nt.gz").read_bytes()
    before = gzip.decompress((tmp_path / "second" / old.folder / "aidlod.nt.gz").read_bytes())
    after = apply_patch(before.splitlines(keepends=True), (folder / "changes.rdfp").read_bytes())
    assert b"".join(after) == (tmp_path / "second" / "dumps" / "aidlod.nt").read_bytes()
    summary = json.loads((folder / "changes.json").read_bytes())
    assert summary["resources"] == {"added": [], "changed": ["project/estonia-trafficking-handbook"], "removed": []}

    feed = ET.parse(tmp_path / "second" / "feed.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [data.base + "releases#" + r for r in (new.id, old.id)]
    related = [link.get("href") for link in entries[0].findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert related == [data.base + "project/estonia-trafficking-handbook"]
    assert stage.unrecorded() == []


def test_a_feed_entry_names_at_most_a_thousand_resources(seed_build: tuple[Dataset, Path]) -> None:
    from aidlod.releases import Release
    from aidlod.writers.releases import FEED_LINKS, feed

    data, _site = seed_build
    paths = [f"project/p{i:05d}" for i in range(FEED_LINKS + 500)]
    summary = json.dumps({"resources": {"added": paths, "changed": [], "removed": []},
                          "triples": {"added": 9000, "removed": 0}}).encode()
    release = Release(2, "ab" * 32, "2004-01-01T00:00:00Z", 9, "1-" + "cd" * 6,
                      files={"releases/2-abababababab/changes.json": "00" * 32})
    root = ET.fromstring(feed(data, [release], {release.id: summary}))
    [entry] = root.findall(f"{ATOM}entry")
    related = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert len(related) == FEED_LINKS and related[0].get("href") == data.base + "project/p00000"
    assert f"changes.json lists all {FEED_LINKS + 500}" in (entry.findtext(f"{ATOM}content") or "")
