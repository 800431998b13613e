"""The dataset's sorted N-Triples on disk (``rdfio.SortedLines``) read exactly as the in-memory list."""

from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import pickle
import zlib
from array import array
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Literal, URIRef

from aidlod import rdfio, releases
from aidlod.dataset import Dataset, Statistics
from aidlod.iris import IRIs

EX = "https://example.org/"


def _triples(n: int) -> list[tuple[URIRef, URIRef, Literal]]:
    # out of order, with every tenth triple repeated (the same triple from two records)
    out = [(URIRef(f"{EX}s{(i * 7919) % n}"), URIRef(f"{EX}p{i % 3}"), Literal(f"v{i} ünïcode \"q\"\n"))
           for i in range(n)]
    return out + out[::10]


def _on_disk(triples: list[tuple[URIRef, URIRef, Literal]]) -> rdfio.SortedLines:
    """The sorted lines of ``triples`` as ``Dataset.ntriples`` makes them (by way of their index by subject)."""
    lines = Dataset(triples, IRIs(EX)).ntriples
    assert isinstance(lines, rdfio.SortedLines)
    return lines


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 16 lines: many blocks to write and read back."""
    monkeypatch.setattr(rdfio, "LINES_BLOCK", 16)


@pytest.mark.parametrize("n", [0, 1, 15, 16, 17, 40, 333])
def test_on_disk_lines_equal_the_in_memory_sort(small_blocks: None, n: int) -> None:
    triples = _triples(n)
    expected = rdfio.sorted_ntriples(triples)
    lines = _on_disk(triples)
    assert len(lines) == len(expected) == n
    assert list(lines) == expected
    assert [lines[i] for i in range(n)] == expected
    assert lines.raw() == b"".join(expected)


def test_subjects_that_begin_alike_sort_as_whole_lines(small_blocks: None) -> None:
    """Sorting subject by subject gives the order of sorting every line: a subject that begins another
    (``s1``, ``s1-2``, ``s1#part``, ``s10``), non-ASCII IRIs, and objects that would reorder the lines if
    the subjects' order were taken from the IRIs without their closing ``>``."""
    names = ["s1", "s1-2", "s1#part", "s1/x", "s10", "s1_", "é", "e", "ü/1", "S", "s1%20"]
    triples = [(URIRef(f"{EX}{name}"), URIRef(f"{EX}p{k}"), Literal(f"{name} {k}"))
               for i, name in enumerate(names) for k in range(i % 4 + 1)]
    triples += [(URIRef(f"{EX}s1"), URIRef(f"{EX}p0"), URIRef(f"{EX}s1-2")), triples[0]]
    expected = rdfio.sorted_ntriples(triples)
    assert list(_on_disk(triples)) == expected
    assert list(_on_disk(list(reversed(triples)))) == expected


def test_slices_and_indexes_across_blocks(small_blocks: None) -> None:
    triples = _triples(100)
    expected = rdfio.sorted_ntriples(triples)
    lines = _on_disk(triples)
    for start, stop in [(0, 16), (3, 40), (15, 17), (16, 32), (90, 100), (95, 200), (50, 50), (60, 10)]:
        assert lines[start:stop] == expected[start:stop]
        assert lines.raw(start, stop) == b"".join(expected[start:stop])
        assert rdfio.joined(lines, start, stop) == rdfio.joined(expected, start, stop)
    assert lines[-1] == expected[-1]
    assert lines[::7] == expected[::7]
    with pytest.raises(IndexError):
        lines[100]


def test_lines_on_disk_are_not_pickled() -> None:
    """A worker on another machine cannot read this machine's temporary file: say so, not fail later."""
    lines = _on_disk(_triples(5))
    with pytest.raises(TypeError, match="temporary file"):
        pickle.dumps(lines)


def test_a_pickled_dataset_sorts_its_own_lines() -> None:
    """A Dask worker gets the read model pickled: without this machine's temporary file, and still whole."""
    from aidlod.dataset import Dataset
    from aidlod.iris import IRIs

    data = Dataset(_triples(30), IRIs(EX))
    expected = list(data.ntriples)
    copy = pickle.loads(pickle.dumps(data))
    assert list(copy.ntriples) == expected


def test_a_released_dataset_keeps_its_triples() -> None:
    """The build drops the list of triples after the sort: every view, a pickled copy's sort too,
    still sees the same triples (remade from the index)."""
    from aidlod.dataset import Dataset
    from aidlod.iris import IRIs

    given = _triples(30)
    data = Dataset(list(given), IRIs(EX))
    expected = list(data.ntriples)
    data.release_triples()
    assert data._triples is None
    assert sorted(data.triples) == sorted(given)
    assert data.size == len(given) == 33
    copy = pickle.loads(pickle.dumps(data))
    assert list(copy.ntriples) == expected
    assert len(data.graph) == len(set(given))


_RDF_TYPE = b"<" + str(RDF.type).encode() + b">"


def statistics(lines: list[bytes]) -> Statistics:
    """VoID's counts read from sorted distinct lines, each line split (what the sort counts from the
    terms it formats, made here the plain way to compare with)."""
    def iri(term: bytes) -> URIRef:
        return URIRef(term[1:-1].decode("utf-8"))

    subjects: list[bytes] = []  # in the lines' order, each once
    objects: set[bytes] = set()
    typed: dict[bytes, list[int]] = {}  # class → its members' places in ``subjects``
    properties: Counter[bytes] = Counter()
    for line in lines:
        s, p, rest = line.split(b" ", 2)
        if not subjects or subjects[-1] != s:
            subjects.append(s)
        objects.add(rest[:-3])
        properties[p] += 1
        if p == _RDF_TYPE:
            typed.setdefault(rest[:-3], []).append(len(subjects) - 1)
    classes = {c: members for c, members in typed.items() if c.startswith(b"<")}
    return Statistics(triples=len(lines), subjects=len(set(subjects)), objects=len(objects),
                      typed=len({s for members in typed.values() for s in members}),
                      properties=Counter({iri(p): n for p, n in properties.items()}),
                      classes=Counter({iri(c): len(members) for c, members in classes.items()}),
                      members={iri(c): array("I", members) for c, members in classes.items()},
                      subjects_order=[str(iri(s)) for s in subjects])


def line_digests(lines: list[bytes]) -> dict[str, str]:
    """Subject IRI → BLAKE2b of its lines, read from the lines (what the sort hashes as it writes them)."""
    return {subject[1:-1].decode("utf-8"): hashlib.blake2b(b"".join(group), digest_size=16).hexdigest()
            for subject, group in itertools.groupby(lines, key=lambda line: line[:line.index(b" ")])}


def test_statistics_and_subject_digests_as_read_from_the_lines() -> None:
    """The counts and the subjects' hashes the sort makes equal those read from the lines it wrote."""
    triples = _triples(333) + [(URIRef(f"{EX}s{i}"), RDF.type, URIRef(f"{EX}C{i % 4}")) for i in range(0, 333, 5)]
    lines = rdfio.sorted_ntriples(triples)
    assert len(line_digests(lines)) == 333
    dataset = Dataset(triples, IRIs(EX))
    assert dataset.statistics == statistics(lines)
    assert dict(dataset.subject_digests) == line_digests(lines)
    other = Dataset(triples, IRIs(EX))  # the hashes asked for first, the counts after
    assert dict(other.subject_digests) == line_digests(lines) and other.statistics == statistics(lines)


def test_lines_written_into_the_stage_count_and_hash_as_they_go(tmp_path: Path, small_blocks: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``Dataset.write_ntriples`` (the build's sort, straight into the N-Triples dump) gives the same
    file, counts and subjects' hashes as the sort into a temporary file and the pass over it, duplicate
    triples and classes included."""
    from aidlod.build.stage import Stage
    from aidlod.releases import latest_date

    monkeypatch.setattr(rdfio, "SPLICE", 8)  # dump blocks of some 8 subjects: dozens of them
    triples = _triples(333) + [(URIRef(f"{EX}s{i}"), RDF.type, URIRef(f"{EX}C{i % 4}")) for i in range(0, 333, 5)]
    dates = [Literal("2019-03-04", datatype=XSD.date), Literal("2021-05-06T07:08:09Z", datatype=XSD.dateTime),
             Literal("2022", datatype=XSD.gYear), Literal("2023-01", datatype=XSD.gYearMonth),
             Literal("2030", datatype=XSD.integer), Literal("2031-01-01")]
    triples += [(URIRef(f"{EX}s{i}"), URIRef(f"{EX}when"), dates[i % len(dates)]) for i in range(0, 333, 7)]
    lines = rdfio.sorted_ntriples(triples)
    stage = Stage(tmp_path / "stage", tmp_path / "site")
    (tmp_path / "stage").mkdir()
    written = Dataset(triples, IRIs(EX))
    with stage.open("dumps/aidlod.nt") as out:
        written.write_ntriples(out, stage.path("dumps/aidlod.nt"))
    # made as the lines went by: no later pass over the file is needed for them
    assert written._statistics is not None and written._sorted_made is not None
    assert (tmp_path / "stage" / "dumps" / "aidlod.nt").read_bytes() == b"".join(lines)
    assert stage.digest("dumps/aidlod.nt") == hashlib.sha256(b"".join(lines)).hexdigest()
    assert list(written.ntriples) == lines and written.ntriples[40] == lines[40]
    assert written.statistics == statistics(lines) and written.statistics.triples == len(lines)
    assert dict(written.subject_digests) == line_digests(lines) and len(written.subject_digests) == 333
    alone = Dataset(triples, IRIs(EX))
    assert alone.statistics == written.statistics and alone.subject_digests == written.subject_digests
    # the date a release takes: the sort's, from the lines with a typed date, is the scan of every line's
    # (not the integer 2030, nor the plain text "2031-01-01")
    assert written.latest_date == alone.latest_date == latest_date(lines) == "2023-01-01T00:00:00Z"
    # the dumps' blocks: every line once, in order, a block starting at each subject the rule picks
    blocks = written.line_blocks
    assert blocks == alone.line_blocks
    assert blocks.crc == zlib.crc32(b"".join(lines)) and blocks.size == len(b"".join(lines))
    assert [start for _, start, _ in blocks.spans] == [0] + [stop for _, _, stop in blocks.spans[:-1]]
    assert blocks.spans[-1][2] == len(lines) and len(blocks.spans) > 3
    for digest, start, stop in blocks.spans:
        assert digest == hashlib.blake2b(b"".join(lines[start:stop]), digest_size=16).hexdigest()
        subjects = [line[:line.index(b" ")] for line in lines[start:stop]]
        assert start == 0 or rdfio.starts_block(subjects[0])
        assert not any(rdfio.starts_block(b) for a, b in itertools.pairwise(subjects) if a != b)


def test_subject_ends_cut_each_documents_lines_from_the_dump() -> None:
    """``Dataset.subject_ends`` (each subject's end in the sorted lines, made by the sort) gives every
    document the byte ranges that a pass over the lines gives it, and those ranges joined are the sorted
    N-Triples of the document's own triples: subjects that begin alike (``d1``, ``d1#a``, ``d10``), a
    non-ASCII IRI, and subjects of no document."""
    from aidlod.writers.documents import ranges_by_document

    names = ["d1", "d1#a", "d1#b-2", "d10", "d10#x", "d1-2", "dé", "dé#1", "loose"]
    triples = [(URIRef(f"{EX}{name}"), URIRef(f"{EX}p{k}"), Literal(f"{name} {k}"))
               for i, name in enumerate(names) for k in range(i % 3 + 1)]
    triples += [(URIRef(f"{EX}d1#a"), URIRef(f"{EX}p0"), URIRef(f"{EX}d10")), triples[0]]
    data = Dataset(triples, IRIs(EX))
    docs = {"d1": [f"{EX}d1", f"{EX}d1#a", f"{EX}d1#b-2"], "d10": [f"{EX}d10", f"{EX}d10#x"],
            "d1-2": [f"{EX}d1-2"], "de": [f"{EX}dé", f"{EX}dé#1"], "none": [f"{EX}absent"]}
    order, ends = data.subject_ends
    lines = list(data.ntriples)
    raw = b"".join(lines)
    assert len(order) == len(ends) == len(names) and ends[-1] == len(raw)
    # the reference: a pass over the lines, each line's subject looked up
    path_of = {s: path for path, subjects in docs.items() for s in subjects}
    expected: dict[str, list[tuple[int, int]]] = {path: [] for path in docs}
    at = 0
    for line in lines:
        path = path_of.get(line[1:line.index(b">")].decode("utf-8"))
        if path is not None:
            found = expected[path]
            if found and found[-1][1] == at:
                found[-1] = (found[-1][0], at + len(line))
            else:
                found.append((at, at + len(line)))
        at += len(line)
    cut = ranges_by_document(docs, order, ends)
    assert cut == expected
    assert len(cut["d1"]) == 2 and cut["none"] == []  # d1-2 sorts between d1#… and d1>
    for path, subjects in docs.items():
        own = [t for t in triples if str(t[0]) in subjects]
        assert b"".join(raw[a:b] for a, b in cut[path]) == b"".join(rdfio.sorted_ntriples(own))


def test_bisection_on_disk_equals_the_in_memory_one(small_blocks: None) -> None:
    """``SortedLines.bisect_left`` (by the blocks' first lines, then within one block) finds the place
    ``bisect.bisect_left`` finds in the list: before, at and after each line, and outside them all."""
    triples = _triples(333)
    expected = rdfio.sorted_ntriples(triples)
    lines = _on_disk(triples)
    probes = [b"", b"<", b"\xff", *expected, *(line[:-3] for line in expected), *(line + b"x" for line in expected)]
    for x in probes:
        assert lines.bisect_left(x) == rdfio.bisect_lines(lines, x) == bisect.bisect_left(expected, x)
    assert _on_disk([]).bisect_left(b"<x") == 0


def test_a_change_set_of_many_documents_reads_each_block_of_the_lines_about_once(
        small_blocks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change set counts each touched document's lines in the new release by bisection. On disk, a
    bisection over the lines read a block at nearly each step: a rebuild after a new version of a file
    of 2 000 activities (5 000 documents changed) spent a quarter of an hour there, the first build 2.5
    minutes. Now each block is read about once, and the resources are those of the in-memory lines."""
    triples = [(URIRef(f"{EX}project/p{i}#{part}"), URIRef(f"{EX}p{k}"), Literal(f"v{i} {k}"))
               for i in range(200) for part in ("id", "grant-1") for k in range(3)]
    expected = rdfio.sorted_ntriples(triples)
    lines = _on_disk(triples)
    old = [line.replace(b' "v', b' "old ') if b"#id>" in line and b"p0>" in line else line for line in expected]
    old = sorted([*old, f"<{EX}project/gone#id> <{EX}p0> \"x\" .\n".encode()])
    blocks = len(expected) // rdfio.LINES_BLOCK + 1
    reads = Counter[int]()
    read = rdfio.SortedLines._read

    def counted(self: rdfio.SortedLines, b: int) -> bytes:
        reads[b] += 1
        return read(self, b)

    monkeypatch.setattr(rdfio.SortedLines, "_read", counted)
    on_disk = releases.write_patch([old], lines, EX, "0" * 64, "1" * 64, io.BytesIO())
    in_memory = releases.write_patch([old], expected, EX, "0" * 64, "1" * 64, io.BytesIO())
    assert on_disk.resources == in_memory.resources
    assert len(on_disk.resources["changed"]) == 200 and on_disk.resources["removed"] == ["project/gone"]
    assert sum(reads.values()) <= 3 * blocks, (sum(reads.values()), blocks)
