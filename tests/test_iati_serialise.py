"""The IATI writer's own XML serialisation: exactly what lxml writes, refusing what lxml refuses."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree
from rdflib import Literal, URIRef

from aidlod import parallel
from aidlod.dataset import Dataset
from aidlod.iati import export, safe_parser
from aidlod.iris import SCHEMA
from aidlod.writers.iati import IatiWriter
from conftest import stage_in

# Every control character, the escaped ones, a sample of the BMP, surrogates, U+FFFE/U+FFFF, astral.
CHARS = [chr(c) for c in [*range(0, 0x800), *range(0xD7F0, 0xE010), *range(0xFFF0, 0x10000), 0x1F600, 0x10FFFF]]


def lxml_text(value: str) -> str:
    el = etree.Element("n")
    el.text = value
    return etree.tostring(el, encoding="unicode")[3:-4]


def lxml_attr(value: str) -> str:
    el = etree.Element("n")
    el.set("a", value)
    return etree.tostring(el, encoding="unicode")[6:-3]


def outcome(fn: object, value: str) -> tuple[str, str]:
    try:
        return "ok", fn(value)  # type: ignore[operator]
    except ValueError as exc:  # UnicodeEncodeError is one
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize(("ours", "theirs"), [(export._text, lxml_text), (export._attr, lxml_attr)])
def test_escaping_is_lxmls_for_every_character(ours: object, theirs: object) -> None:
    refused = 0
    for c in CHARS:
        value = f"a{c}b"
        assert outcome(ours, value) == outcome(theirs, value), hex(ord(c))
        refused += outcome(theirs, value)[0] != "ok"
    assert refused > 2000  # the surrogates and control characters were really tried
    assert export._attr('<"&\n\t\r>') == "&lt;&quot;&amp;&#10;&#9;&#13;&gt;"


def tweaked(pub: Dataset, site: Path, value: Literal) -> Dataset:
    """The seed publication with one more name on its first exported project."""
    first = re.search(rb'linked-data-uri="([^"]+)"', (site / "iati" / "activities.xml").read_bytes())
    assert first is not None
    project = URIRef(first.group(1).decode())
    return Dataset([*pub.triples, (project, SCHEMA.name, value)], pub.iris, pub.data_dir)


def relaid(content: bytes) -> bytes:
    """What lxml itself writes for the same tree (blank text dropped, then pretty-printed)."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    return etree.tostring(etree.fromstring(content, parser), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)


def test_layout_and_escapes_are_what_lxml_writes(seed_build: tuple[Dataset, Path]) -> None:
    pub, site = seed_build
    for name in ("activities.xml", "organisation.xml"):
        content = (site / "iati" / name).read_bytes()
        assert relaid(content) == content
    odd = tweaked(pub, site, Literal('A & <b> "q" \'s\' \ttab\r\nCR-LF æøå 😀', lang="nn"))
    exported = export.export(odd.index, odd.iris)
    assert '<narrative xml:lang="nn">A &amp; &lt;b&gt; "q" \'s\' \ttab&#13;\nCR-LF æøå 😀</narrative>'.encode() \
        in exported.activities
    assert relaid(exported.activities) == exported.activities
    assert etree.fromstring(exported.activities, safe_parser()) is not None


def test_a_value_lxml_refuses_means_no_iati_files(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    odd = tweaked(*seed_build, Literal("bell \x07", lang="en"))
    stage = stage_in(tmp_path)
    IatiWriter().write(odd, stage)
    assert not (tmp_path / "iati").exists()
    assert [w.message for w in stage.warnings] == [f"no IATI XML written: {export._REFUSED_MESSAGE}"]


def test_the_writer_records_the_digests_of_what_it_wrote(seed_build: tuple[Dataset, Path],
                                                         tmp_path: Path) -> None:
    pub, site = seed_build
    fresh = Dataset(pub.triples, pub.iris, pub.data_dir)
    stage = stage_in(tmp_path)
    IatiWriter().write(fresh, stage)
    for name in ("activities.xml", "organisation.xml"):
        content = (tmp_path / "iati" / name).read_bytes()
        assert content == (site / "iati" / name).read_bytes()
        assert stage.digest(f"iati/{name}") == hashlib.sha256(content).hexdigest()


def test_activities_from_worker_processes_are_identical(seed_build: tuple[Dataset, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pub, site = seed_build
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "CHUNK", 2)  # the seed's projects in several chunks
    monkeypatch.setenv("AIDLOD_WORKERS", "2")
    forked = export.export(pub.index, pub.iris)
    assert forked.activities == (site / "iati" / "activities.xml").read_bytes()
    assert forked.activities.count(b"<iati-activity ") > 2
