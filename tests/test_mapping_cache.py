"""The mapping cache: a record the last build mapped from the same bytes is not mapped again, and
mapping with the cache gives exactly what mapping without it gives (terms, their values, origins)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Literal

from aidlod import mapping, records
from aidlod.build import build, incremental
from aidlod.mapping.cached import FILE, MappedCache
from conftest import edit_project as edit
from conftest import linked_copy, only_writers, tree

WRITERS = only_writers("dumps")


def same(a: mapping.Mapped, b: mapping.Mapped) -> None:
    """Equal as rdflib compares, and also in what rdflib's equality does not look at."""
    assert a.triples == b.triples
    for x, y in zip(a.triples, b.triples, strict=True):
        for s, t in zip(x, y, strict=True):
            assert type(s) is type(t) and s.n3() == t.n3()
            if isinstance(s, Literal):
                assert isinstance(t, Literal)
                assert repr(s.value) == repr(t.value) and s.ill_typed == t.ill_typed
    assert a.origins.keys() == b.origins.keys()
    for key, origin in a.origins.items():
        assert origin == b.origins[key]


def mapped(data: Path, cache: MappedCache | None) -> mapping.Mapped:
    return mapping.map_records(records.load(data), cache)


def test_mapping_from_the_cache_equals_mapping_anew(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    plain = mapped(data_copy, None)
    first = MappedCache(path, "code")
    same(mapped(data_copy, first), plain)
    assert first.hits == 0 and not path.exists()  # the build saves it once it has published
    first.save()
    second = MappedCache(path, "code")
    again = mapped(data_copy, second)
    same(again, plain)
    assert second.hits == len(records.load(data_copy).all())  # every record, dataset.yaml too
    # one object per distinct term, across records: rdf:type is the same object in every record's triples
    loaded = records.load(data_copy)
    third = MappedCache(path, "code")
    third.open(str(again.iris.base), mapping.reporting_org_identifier(loaded))
    taken = [third.take(record) for record in loaded.all()]
    types = {id(p) for found in taken if found is not None for _, p, _ in found[0] if p == RDF.type}
    assert third.hits == len(taken) and len(types) == 1


def test_typed_values_come_back_as_stated_not_normalised(data_copy: Path, tmp_path: Path) -> None:
    # GlobalGiving's last-updated-datetime with milliseconds and IDRC's with "Z": rdflib normalises
    # such literals unless told not to; a rebuild from the cache must state them as a cold build does
    edit(data_copy, "estonia.yaml", "iati:\n", 'iati:\n  last-updated-datetime: "2020-09-09T11:28:24.000"\n')
    edit(data_copy, "latvia.yaml", "iati:\n", 'iati:\n  last-updated-datetime: "2016-05-25T00:00:00Z"\n')
    path = tmp_path / "cache" / FILE
    plain = mapped(data_copy, None)
    stated = {str(o) for _s, p, o in plain.triples if str(p).endswith("iati-last-updated-datetime")}
    assert stated == {"2020-09-09T11:28:24.000", "2016-05-25T00:00:00Z"}
    first = MappedCache(path, "code")
    mapped(data_copy, first)
    first.save()
    second = MappedCache(path, "code")
    same(mapped(data_copy, second), plain)
    assert second.hits == len(records.load(data_copy).all())


def test_an_edited_record_is_mapped_again(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    mapped(data_copy, first := MappedCache(path, "code"))
    first.save()
    before = path.read_bytes().splitlines(keepends=True)
    edit(data_copy, "estonia.yaml", "amount: 65000", "amount: 65500")
    cache = MappedCache(path, "code")
    result = mapped(data_copy, cache)
    cache.save()
    same(result, mapped(data_copy, None))
    assert any(o == Literal("65500", datatype=XSD.decimal) for _, _, o in result.triples)
    assert cache.hits == len(before) - 2  # every record but the edited one (the header is a line)
    after = path.read_bytes().splitlines(keepends=True)
    changed = [line for line in after if line not in before]
    assert len(after) == len(before) and len(changed) == 1 and b"estonia.yaml" in changed[0]


def test_another_setting_other_code_or_a_damaged_cache_is_not_used(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    expected = mapped(data_copy, None)
    mapped(data_copy, first := MappedCache(path, "code"))
    first.save()
    other = MappedCache(path, "other code")
    same(mapped(data_copy, other), expected)
    assert other.hits == 0
    # the base IRI is part of every IRI the records map to
    dataset = data_copy / "dataset.yaml"
    text = dataset.read_text(encoding="utf-8")
    base = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("base_iri:"))
    dataset.write_text(text.replace(base, "https://elsewhere.example.org/"), encoding="utf-8")
    moved = MappedCache(path, "code")
    result = mapped(data_copy, moved)
    assert moved.hits == 0 and result.triples == mapped(data_copy, None).triples
    dataset.write_text(text, encoding="utf-8")
    path.write_bytes(path.read_bytes()[:-2])  # the last line cut short
    truncated = MappedCache(path, "code")
    same(mapped(data_copy, truncated), expected)
    assert truncated.hits == 0
    path.write_bytes(b"{not json")
    damaged = MappedCache(path, "code")
    same(mapped(data_copy, damaged), expected)
    assert damaged.hits == 0


def test_rebuilds_map_only_what_changed_and_equal_a_cold_build(
        data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site, cold = tmp_path / "site", tmp_path / "cold"
    count = len(records.load(data_copy).all())
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site, writers=WRITERS)
        assert (incremental.cache_dir(site) / "records" / FILE).is_file()
        linked_copy(site, cold)
        edit(data_copy, "estonia.yaml", "amount: 65000", "amount: 65500")
        caplog.clear()
        build(data_copy, site, writers=WRITERS)
        assert f"{count - 1} of {count} records mapped as in the last build" in caplog.text
        caplog.clear()
        build(data_copy, cold, cold=True, writers=WRITERS)
        assert "mapped as in the last build" not in caplog.text
    assert tree(site) == tree(cold)


@pytest.mark.parametrize("numbers", [b"\x01\x00\x00\x00", b"\xff\xff\xff\x00" * 3, b"\x00\x00"],
                         ids=["not whole triples", "no such term", "not whole numbers"])
def test_a_line_whose_triples_are_damaged_is_mapped_again(data_copy: Path, tmp_path: Path, numbers: bytes) -> None:
    """The triples' term indexes are binary (``cached``): a line whose numbers do not name whole
    triples of its terms is not used, the other lines are."""
    import base64
    import zlib

    path = tmp_path / "cache" / FILE
    expected = mapped(data_copy, None)
    mapped(data_copy, first := MappedCache(path, "code"))
    first.save()
    lines = path.read_bytes().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if b"estonia.yaml" in line)
    head, body, _ = lines[at].split(b"\t")
    lines[at] = b"\t".join([head, body, base64.b64encode(zlib.compress(numbers)) + b"\n"])
    path.write_bytes(b"".join(lines))
    damaged = MappedCache(path, "code")
    same(mapped(data_copy, damaged), expected)
    assert damaged.hits == len(lines) - 2  # the header and the damaged line
