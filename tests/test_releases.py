"""Releases, change sets and the change feed (docs/releases.md), end to end through ``build``.

``feedparser`` is not among the test dependencies, so the Atom feed is parsed with ElementTree and
checked for what RFC 4287 requires of a feed and its entries.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from aidlod import releases as rel
from aidlod.build import build
from aidlod.cli import main
from aidlod.formats import file_content_types
from aidlod.iris import DCAT, DCT, PROV
from aidlod.releases import apply_patch, changed_lines, read_history
from conftest import published_copy, tree

BASE = "https://w3id.org/aidlod/"
ATOM = "{http://www.w3.org/2005/Atom}"
GRANT = "grant/estonia-trafficking-handbook-1"


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def edit(data: Path, old: str, new: str, record: str = "projects/estonia.yaml") -> None:
    path = data / record
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def entries(site: Path) -> list[ET.Element]:
    return ET.parse(site / "feed.atom").getroot().findall(f"{ATOM}entry")


def related(entry: ET.Element) -> dict[str, str]:
    return {link.get("href") or "": link.get("title") or "" for link in entry.findall(f"{ATOM}link")
            if link.get("rel") == "related"}


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(the first site, kept aside; the site after one edited record; the data folder)."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path_factory.mktemp("releases")
    data = root / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    site = root / "site"
    build(data, site)
    shutil.copytree(site, root / "first")
    edit(data, "amount: 65000", "amount: 65500")
    build(data, site)
    mp.undo()
    return root / "first", site, data


def test_an_edit_publishes_a_release_whose_change_set_gives_the_new_dump_exactly(
        two_releases: tuple[Path, Path, Path]) -> None:
    first, site, _data = two_releases
    new, old = read_history(site)
    assert [r.id for r in read_history(first)] == [old.id]
    assert (new.sequence, new.previous) == (2, old.id)
    # the new release's dump is the current gzip dump under a second name, not a second copy on disk
    assert (site / new.folder / "aidlod.nt.gz").samefile(site / "dumps" / "aidlod.nt.gz")
    # the first release's dump stays fetchable under its stable URL, byte for byte
    old_dump = site / old.folder / "aidlod.nt.gz"
    assert old_dump.read_bytes() == (first / old.folder / "aidlod.nt.gz").read_bytes()
    old_lines = gzip.decompress(old_dump.read_bytes()).splitlines(keepends=True)
    assert b"".join(old_lines) == (first / "dumps" / "aidlod.nt").read_bytes()
    patch = (site / new.folder / "changes.rdfp").read_bytes()
    assert b"".join(apply_patch(old_lines, patch)) == (site / "dumps" / "aidlod.nt").read_bytes()
    rows = patch.splitlines()
    assert rows[2] == b"TX ." and rows[-1] == b"TC ."
    # the amount and its two conversions (EUR, USD: docs/tables.md), one line out and one in each
    changed = rows[3:-1]
    assert sorted(r[:2] for r in changed) == [b"A "] * 3 + [b"D "] * 3
    assert any(r.startswith(b"A ") and b'"65500"' in r for r in changed)
    assert sum(b"#amount-in-" in r for r in changed) == 4
    summary = json.loads((site / new.folder / "changes.json").read_bytes())
    assert summary["resources"] == {"added": [], "changed": [GRANT], "removed": []}
    assert summary["triples"] == {"added": 3, "removed": 3}
    assert summary["from"]["sha256"] == old.sha256 and summary["to"]["sha256"] == new.sha256


def test_the_feed_is_atom_and_its_newest_entry_names_exactly_the_changed_resources(
        two_releases: tuple[Path, Path, Path]) -> None:
    _first, site, _data = two_releases
    new, old = read_history(site)
    feed = ET.parse(site / "feed.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}updated") == new.date
    found = entries(site)
    assert [e.findtext(f"{ATOM}id") for e in found] == [BASE + "releases#" + r.id for r in (new, old)]
    for entry in found:
        for required in ("id", "title", "updated", "content"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    assert related(found[0]) == {BASE + GRANT: "changed"}
    links = {link.get("href"): link.get("type") for link in found[0].findall(f"{ATOM}link")}
    assert links[f"{BASE}{new.folder}/changes.rdfp"] == "application/rdf-patch"
    assert links[f"{BASE}{new.folder}/changes.json"] == "application/json"
    assert related(found[1]) == {}  # the first release changed nothing: it is the whole dump
    for url in links:
        assert (site / url[len(BASE):]).is_file() or url == BASE + GRANT


def test_rebuilding_the_same_records_gives_the_same_site_and_no_new_release(
        two_releases: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _first, site, data = two_releases
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = tree(copy)
    build(data, copy)                   # reusing (the copy is not trusted: files are checked, not linked)
    assert tree(copy) == before
    build(data, copy, cold=True)
    assert tree(copy) == before
    assert len(read_history(copy)) == 2


def test_aidlod_diff_prints_the_change_set_the_build_published(two_releases: tuple[Path, Path, Path]) -> None:
    first, site, _data = two_releases
    new, _old = read_history(site)
    runner = CliRunner()
    patch = runner.invoke(main, ["diff", str(first), str(site)])
    assert patch.exit_code == 0, patch.output
    assert patch.stdout_bytes == (site / new.folder / "changes.rdfp").read_bytes()
    summary = runner.invoke(main, ["diff", "--summary", str(first), str(site)])
    assert summary.stdout_bytes == (site / new.folder / "changes.json").read_bytes()
    # dumps given as files work alike, the compressed release dump too
    files = runner.invoke(main, ["diff", str(site / _old.folder / "aidlod.nt.gz"), str(site / "dumps" / "aidlod.nt")])
    assert files.stdout_bytes == patch.stdout_bytes
    backwards = runner.invoke(main, ["diff", "--summary", str(site), str(first)])
    assert json.loads(backwards.stdout_bytes)["resources"]["changed"] == [GRANT]


def test_catalog_void_pages_sitemap_and_robots_announce_the_release_and_the_feed(
        two_releases: tuple[Path, Path, Path]) -> None:
    first, site, _data = two_releases
    new, old = read_history(site)
    ds = URIRef(BASE + "#dataset")
    for name in ("catalog.ttl", "void.ttl"):
        g = Graph().parse(site / name)
        assert g.value(ds, DCT.issued) == Literal(old.date, datatype=XSD.dateTime), name
        assert g.value(ds, DCT.modified) == Literal(new.date, datatype=XSD.dateTime), name
        assert str(g.value(ds, OWL.versionInfo)) == str(g.value(ds, DCAT.version)) == "2", name
        assert g.value(ds, PROV.wasRevisionOf) == URIRef(BASE + "releases#" + old.id), name
        assert g.value(ds, DCAT.previousVersion) == URIRef(BASE + "releases#" + old.id), name
        assert g.value(ds, DCAT.hasCurrentVersion) == URIRef(BASE + "releases#" + new.id), name
        feed = URIRef(BASE + "catalog#feed")
        assert (ds, DCAT.distribution, feed) in g, name
        assert g.value(feed, DCAT.downloadURL) == URIRef(BASE + "feed.atom"), name
        assert g.value(feed, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/"
                                                       "application/atom+xml"), name
    first_catalog = Graph().parse(first / "catalog.ttl")
    assert first_catalog.value(ds, PROV.wasRevisionOf) is None
    assert str(first_catalog.value(ds, OWL.versionInfo)) == "1"
    releases = Graph().parse(site / "releases.ttl")
    assert releases.value(URIRef(BASE + "releases#" + new.id), PROV.wasRevisionOf) == \
        URIRef(BASE + "releases#" + old.id)
    page = (site / "project" / "estonia-trafficking-handbook.en.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="../feed.atom" title="Changes (Atom)">' in page
    assert f"<loc>{BASE}feed.atom</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}feed.atom" in (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    # aidlod serve, nginx and Apache send the feed and the patches with their media types
    assert file_content_types()[".atom"] == "application/atom+xml; charset=utf-8"
    assert file_content_types()[".rdfp"] == "application/rdf-patch; charset=utf-8"


def test_added_and_removed_resources_and_the_kept_releases(data_copy: Path, seed_site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    (data_copy / "projects" / "estonia.yaml").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1100000000")
    build(data_copy, site)
    second, first = read_history(site)
    summary = json.loads((site / second.folder / "changes.json").read_bytes())
    assert {"project/estonia-trafficking-handbook", GRANT} <= set(summary["resources"]["removed"])
    assert summary["resources"]["added"] == []
    assert second.date == "2004-11-09T11:33:20Z" and first.date == "2004-02-29T00:00:00Z"

    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "projects" / "estonia.yaml", data_copy / "projects")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # earlier than release 2: the date stays 2004
    build(data_copy, site, keep_releases=2)
    third, second, first = read_history(site)
    assert third.date == second.date == "2004-11-09T11:33:20Z"
    assert third.sha256 == first.sha256 and third.id != first.id  # the same content again, a new release
    assert set(related(entries(site)[0]).values()) == {"added"}
    assert first.files == {} and not (site / first.folder).exists()  # pruned from the site, kept in the history
    assert len(entries(site)) == 2
    assert Graph().parse(site / "catalog.ttl").value(URIRef(BASE + "#dataset"), DCT.issued) == \
        Literal(first.date, datatype=XSD.dateTime)


def test_a_published_release_edited_in_place_stops_the_build(data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(data_copy, site)
    [release] = read_history(site)
    dump = site / release.folder / "aidlod.nt.gz"
    dump.write_bytes(gzip.compress(b"<urn:x> <urn:y> <urn:z> .\n"))
    edit(data_copy, "amount: 65000", "amount: 65500")
    with pytest.raises(RuntimeError, match=r"is not the file its releases/index\.json records"):
        build(data_copy, site, cold=True)


def test_source_date_epoch_must_be_a_number(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RuntimeError, match="SOURCE_DATE_EPOCH"):
        build(data_copy, tmp_path / "site")
    assert not (tmp_path / "site").exists()


# --- the merge walk -------------------------------------------------------------------------------


LINES = st.sets(st.integers(0, 3000)).map(lambda xs: sorted(b"<urn:%05d> <urn:p> <urn:o> .\n" % x for x in xs))


@settings(max_examples=60, deadline=None)
@given(old=LINES, new=LINES, chunk=st.integers(1, 700))
def test_the_merge_walk_finds_exactly_the_lines_each_side_lacks(old: list[bytes], new: list[bytes], chunk: int) -> None:
    chunks = [old[i:i + chunk] for i in range(0, len(old), chunk)]
    ops = list(changed_lines(chunks, new))
    assert [line for op, line in ops if op == b"D"] == sorted(set(old) - set(new))
    assert [line for op, line in ops if op == b"A"] == sorted(set(new) - set(old))
    assert [line for _, line in ops] == sorted(line for _, line in ops)


def test_the_merge_walk_skips_long_equal_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    old = [b"<urn:%07d> <urn:p> <urn:o> .\n" % i for i in range(0, 200_000, 2)]
    rng = random.Random(5)
    new = sorted((set(old) - set(rng.sample(old, 40))) | {b"<urn:%07d> <urn:p> <urn:o> .\n" % (2 * i + 1)
                                                           for i in rng.sample(range(100_000), 40)})
    chunks = [old[i:i + 30_000] for i in range(0, len(old), 30_000)]
    ops = list(changed_lines(chunks, new))
    assert len(ops) == 80 and apply_patch(old, b"".join(op + b" " + line for op, line in ops)) == new
    assert rel.hash_name("00" * 32) == "ni:///sha-256;AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def test_a_release_is_dated_by_when_the_data_was_recorded_not_by_its_plans() -> None:
    aid = "https://w3id.org/aidlod/ontology#"
    lines = sorted([
        f'<http://e.org/p#b> <{aid}iati-iso-date> "2031-12-31"^^<http://www.w3.org/2001/XMLSchema#date> .\n'.encode(),
        f'<http://e.org/p#id> <{aid}iati-last-updated-datetime> "2025-12-12T15:10:10Z"'
        '^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'.encode(),
        f'<http://e.org/q#id> <{aid}iati-last-updated-datetime> "2024-01-02T00:00:00"'
        '^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'.encode(),
    ])
    # a budget ending in 2031 does not date the release; the latest last-updated-datetime does
    assert rel.release_date(rel.latest_date(lines), environ={}) == "2025-12-12T00:00:00Z"
    # without one, the latest date stated (the seed's case)
    assert rel.release_date(rel.latest_date([lines[0]]), environ={}) == "2031-12-31T00:00:00Z"
    assert rel.release_date(rel.latest_date(lines), previous="2026-01-01T00:00:00Z",
                            environ={}) == "2026-01-01T00:00:00Z"


def test_without_a_record_date_a_release_is_dated_by_its_latest_transaction_not_its_plans() -> None:
    # IOM's activities in d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_115.xml,
    # commit 27495286329b47911637e7396f4212f439a4d106, XM-DAC-47066-IB.0199) state no
    # last-updated-datetime: the release was dated by the planned end and the budget's end, 2022-04-30,
    # a year after the file was made; its latest transaction (2020-11-01) says when the data was current
    aid = "https://w3id.org/aidlod/ontology#"
    date = "^^<http://www.w3.org/2001/XMLSchema#date> .\n"
    lines = sorted(line.encode() for line in [
        f'<http://e.org/p#iati-activity-date-3> <{aid}iati-iso-date> "2022-04-30"{date}',
        f'<http://e.org/p#iati-budget-1-period-end-1> <{aid}iati-iso-date> "2022-04-30"{date}',
        f'<http://e.org/p#iati-transaction-1-transaction-date-1> <{aid}iati-iso-date> "2020-11-01"{date}',
        f'<http://e.org/p#iati-transaction-2-transaction-date-1> <{aid}iati-iso-date> "2020-10-01"{date}',
        f'_:b0 <{aid}iati-iso-date> "2019-01-01"{date}',
    ])
    assert rel.release_date(rel.latest_date(lines), environ={}) == "2020-11-01T00:00:00Z"
    recorded = f'<http://e.org/p#id> <{aid}iati-last-updated-datetime> "2021-05-27"{date}'.encode()
    assert rel.release_date(rel.latest_date([*lines, recorded]), environ={}) == "2021-05-27T00:00:00Z"


def test_a_date_never_set_dates_no_release() -> None:
    # the Netherlands Red Cross's NL-KVK-40409352-PRJ13-207-0003 (OCHA-DAP/hdx-scraper-iati-downloadonly
    # turkeysyriaearthquake/dportal.xml) states an actual start of 0001-01-01, its only date: the release
    # was dated 0001-01-01T00:00:00Z; with no other date it takes the Unix epoch, as a dataset without dates
    aid = "https://w3id.org/aidlod/ontology#"
    never = f'<http://e.org/p#d> <{aid}iati-iso-date> "0001-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    assert rel.release_date(rel.latest_date([never.encode()]), environ={}) == rel.EPOCH
    later = f'<http://e.org/p#e> <{aid}iati-iso-date> "2023-02-06"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    assert rel.release_date(rel.latest_date(sorted([never.encode(), later.encode()])),
                            environ={}) == "2023-02-06T00:00:00Z"


def test_the_docs_change_set_examples_are_what_the_seed_edit_publishes(
        two_releases: tuple[Path, Path, Path]) -> None:
    """docs/releases.md shows the seed's Estonian grant edit: a reader compares it with their own build."""
    import re

    docs = (Path(__file__).resolve().parents[1] / "docs" / "releases.md").read_text(encoding="utf-8")
    _first, site, _data = two_releases
    new, old = read_history(site)
    (example,) = re.findall(r"```\n(H from .*?TC \.\n)```", docs, flags=re.S)
    assert example.encode() == (site / new.folder / "changes.rdfp").read_bytes()
    assert f'"id": "{new.id}"' in docs and f'"previous": "{old.id}"' in docs
    summary = json.loads((site / new.folder / "changes.json").read_bytes())
    assert f'"triples": {summary["to"]["triples"]}' in docs
    added, removed = summary["triples"]["added"], summary["triples"]["removed"]
    assert f'"triples": {{"added": {added}, "removed": {removed}}}' in docs
    assert f"first release is dated `{old.date}`" in docs


def test_a_rebuild_compares_only_the_blocks_that_differ_and_gets_the_whole_diff(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change set of a rebuild reads only the blocks of lines (the dumps' blocks) whose hash the
    other release lacks, and is the patch of the whole files; a record of the blocks that does not
    match the old file is not followed, and a dump edited in place still stops the build."""
    from aidlod import rdfio
    from aidlod.build import incremental
    from aidlod.writers import releases as writer

    monkeypatch.setattr(rdfio, "SPLICE", 4)  # some fifty blocks in the seed's lines
    used: list[bool] = []
    shared_blocks = writer._shared_blocks

    def spy(*args: object) -> object:
        found = shared_blocks(*args)  # type: ignore[arg-type]
        used.append(found is not None)
        if found is not None:
            old_rest, new_rest, _sha = found
            lines = len(args[0].ntriples)  # type: ignore[attr-defined]
            assert 0 < len(old_rest) < lines / 4 and 0 < len(new_rest) < lines / 4, "the differing blocks only"
        return found

    monkeypatch.setattr(writer, "_shared_blocks", spy)
    site = tmp_path / "site"
    build(data_copy, site)
    for step, (old, new) in enumerate([("amount: 65000", "amount: 65500"), ("amount: 65500", "amount: 66000")]):
        before = (site / "dumps" / "aidlod.nt").read_bytes()
        if step == 1:  # a record whose block hashes do not match the old file: the whole files are compared
            blocks = incremental.cache_dir(site) / writer.BLOCKS_CACHE
            recorded = json.loads(blocks.read_text(encoding="utf-8"))
            recorded["blocks"][3][0] = "0" * 32
            blocks.write_text(json.dumps(recorded), encoding="utf-8")
        edit(data_copy, old, new)
        build(data_copy, site)
        assert used[-1] is (step == 0)
        latest = read_history(site)[0]
        patch = (site / latest.folder / "changes.rdfp").read_bytes()
        after = (site / "dumps" / "aidlod.nt").read_bytes()
        assert b"".join(apply_patch(before.splitlines(keepends=True), patch)) == after
        whole = _Bytes()  # the patch of the whole files
        expected = rel.write_patch([before.splitlines(keepends=True)], after.splitlines(keepends=True), BASE,
                                   read_history(site)[1].sha256, latest.sha256, whole)
        assert whole.data == patch and expected.added == expected.removed == 3

    # a published dump edited by hand in a block the edit leaves alone (its SHA256SUMS left as it was):
    # the blocks read are as recorded, the whole file is not, and the release chain stops
    dump = site / "dumps" / "aidlod.nt"
    text = dump.read_bytes()
    assert not text.startswith(b"<https://w3id.org/aidlod/grant/")
    dump.write_bytes(text.replace(b"https://w3id.org/aidlod/", b"https://w3id.org/aidlox/", 1))
    edit(data_copy, "amount: 66000", "amount: 67000")
    with pytest.raises(RuntimeError, match="changed after publishing"):
        build(data_copy, site)
    assert used[-1] is True


class _Bytes:
    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)


def test_diff_of_a_dump_out_of_order_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The patch is written as the walk goes; an old dump whose disorder lies past the first chunk of
    lines was refused only when the walk met it, after the patch's first rows were printed."""
    monkeypatch.setattr(rel, "_CHUNK", 64)  # a few lines a chunk: the disorder lies chunks in
    lines = [f"<http://example.org/s{i:03d}> <http://example.org/p> \"{i}\" .\n" for i in range(40)]
    good, bad = tmp_path / "new.nt", tmp_path / "old.nt"
    good.write_text("".join(lines), encoding="utf-8")
    bad.write_text("".join([*lines[:30], lines[35], *lines[30:35], *lines[36:]]), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(bad), str(good)])
    assert result.exit_code == 1
    assert "is not canonical N-Triples" in result.stderr and str(bad) in result.stderr
    assert result.stdout_bytes == b""
    # the new dump out of order is refused before any row too, as it was
    result = CliRunner().invoke(main, ["diff", str(good), str(bad)])
    assert result.exit_code == 1 and result.stdout_bytes == b""
    # in order, the patch is written
    ok = CliRunner().invoke(main, ["diff", str(good), str(good)])
    assert ok.exit_code == 0 and ok.stdout_bytes.startswith(b"H ")
