"""IATI XML → records → graph → IATI XML loses nothing, for files that hold every 2.03 element.

The fixtures (tests/fixtures/iati/roundtrip/README.md) cover every element and attribute of the
2.03 activity schema between them (tests/test_iati_fixtures.py checks that), plus 2.01 and 2.02
files, parent and child activities, a regional activity, transaction-level sectors and countries,
negative and zero values, non-DAC vocabularies and narratives only in Spanish without xml:lang.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from aidlod.build import check
from aidlod.iati import export, ruleset, validate_xsd
from aidlod.iati.importer import import_iati
from iati_roundtrip import missing

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "iati" / "roundtrip").glob("*.xml"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module", params=FIXTURES, ids=lambda p: p.name)
def round_trip(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[etree._Element, bytes, list[str]]:
    source: Path = request.param
    data = tmp_path_factory.mktemp("rt") / "data"
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    result = check(data)
    assert result.errors == [], result.errors[:5]
    exported = export.export(result.mapped.graph, result.mapped.iris)
    assert exported.notes == []
    return etree.parse(str(source)).getroot(), exported.activities, report.lines()


def test_every_activity_is_imported_whole(round_trip: tuple[etree._Element, bytes, list[str]]) -> None:
    _root, _xml, lines = round_trip
    # nothing skipped, nothing the records cannot carry (the notices: which currency the site sums in, and which
    # amounts it cannot convert to it: ngo-2.02.xml's one in UGX, of which the ECB publishes no rates)
    assert [line for line in lines if "the site sums and charts amounts in" not in line
            and "cannot be converted to" not in line] == [], lines


def test_the_export_states_everything_the_input_did(round_trip: tuple[etree._Element, bytes, list[str]]) -> None:
    root, xml, _lines = round_trip
    out = {a.findtext("iati-identifier").strip(): a for a in etree.fromstring(xml).findall("iati-activity")}
    inputs = root.findall("iati-activity")
    assert len(out) == len(inputs)
    for activity in inputs:
        ident = activity.findtext("iati-identifier").strip()
        assert missing(activity, out[ident], root.get(XML_LANG)) == [], ident


def test_the_export_is_valid_iati_203(round_trip: tuple[etree._Element, bytes, list[str]]) -> None:
    """Valid against the 2.03 XSD, and the standard ruleset finds nothing the input did not have
    (full-2.03.xml breaks one rule on purpose: it needs both result and indicator references)."""
    root, xml, _lines = round_trip
    assert validate_xsd(xml, "activities") == []
    failures, applied = ruleset.check(etree.fromstring(xml))
    before, _ = ruleset.check(root)
    assert sorted((f.rule, f.context, f.message) for f in failures) == \
        sorted((f.rule, f.context, f.message) for f in before)
    assert sum(applied.values()) > 0


def test_the_comparison_finds_a_lost_value() -> None:
    """The check above can fail: an output missing one attribute deep down, or one narrative."""
    source = FIXTURES[0]
    root = etree.parse(str(source)).getroot()
    activity = root.find("iati-activity")
    changed = etree.fromstring(etree.tostring(activity))
    changed.find("transaction/value").set("value-date", "1999-01-01")
    assert any("transaction" in m for m in missing(activity, changed, root.get(XML_LANG)))
    fewer = etree.fromstring(etree.tostring(activity))
    title = fewer.find("title")
    title.remove(title.findall("narrative")[-1])
    assert any(m.startswith("title") for m in missing(activity, fewer, root.get(XML_LANG)))


def test_codes_by_version_withdrawn_kept_with_a_warning_unknown_reported_and_kept_out(tmp_path: Path) -> None:
    """FlowType 20 (OOF) was withdrawn in 2015 but is valid in a 2.01 file; AidType D03 is not in
    the vendored list, which is not embedded: both are kept with a note (the second as a code newer than
    aidlod's copy of the list), and the import never writes a record the build rejects."""
    source = next(p for p in FIXTURES if p.name == "parent-child-2.01.xml")
    text = source.read_text(encoding="utf-8")
    root = etree.fromstring(text.encode())
    first = root.find("iati-activity")
    ident = first.findtext("iati-identifier").strip()
    flow = first.find("default-flow-type")  # the activity's one (IATI allows one: a second is reported)
    flow.set("code", "20")
    aid = etree.SubElement(first, "default-aid-type", code="D03")
    flow.addnext(aid)
    changed = tmp_path / "codes.xml"
    changed.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    data = tmp_path / "data"
    report = import_iati(changed, data, licence=CC_BY, base_iri="http://example.org/")
    lines = [line for line in report.lines() if ident in line]
    assert any(re.search(r"default-flow-type(\[\d\])?/@code: code '20' of FlowType is withdrawn; kept as stated", line)
               for line in lines), lines
    # AidType is not embedded: a well-formed code its copy lacks is kept as stated, with a note naming the copy
    # (test_iati_codelists_newcodes.py); the unknown code of an embedded list is refused
    assert any(re.search(r"default-aid-type(\[\d\])?/@code: code 'D03' is not in aidlod's copy of the IATI codelist "
                         "AidType", line) for line in lines), lines
    result = check(data)
    assert result.errors == []
    xml = export.export(result.mapped.graph, result.mapped.iris).activities
    out = next(a for a in etree.fromstring(xml).findall("iati-activity") if a.findtext("iati-identifier") == ident)
    assert out.find("default-flow-type").get("code") == "20"
    assert "D03" in [el.get("code") for el in out.findall("default-aid-type")]


def test_related_activities_and_named_organisations_link_to_their_resources(tmp_path: Path) -> None:
    """A related-activity's ref (and a provider-activity-id) that is a project of the dataset links
    to that project's IRI; an organisation named by IATI identifier links to its record."""
    from rdflib import RDF

    from aidlod.iris import AID

    source = next(p for p in FIXTURES if p.name == "parent-child-2.01.xml")
    data = tmp_path / "data"
    import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    g = check(data).mapped.graph
    ident = {str(o): s for s, o in g.subject_objects(AID.iatiIdentifier)}
    links = {(str(g.value(node, AID["iati-ref"])), target) for node, target in g.subject_objects(AID.activity)
             if (node, RDF.type, AID.RelatedActivity) in g}
    parent = "NL-KVK-40000000-P01"
    assert (parent, ident[parent]) in links
    assert {ref for ref, _target in links} == {r for r in ident if r.startswith(parent)}
    assert all(ident[ref] == target for ref, target in links)
    orgs = {str(o): s for s, o in g.subject_objects(AID.iatiOrganisationIdentifier)}
    named = [(g.value(n, AID["iati-ref"]), n, o) for n, o in g.subject_objects(AID.organisation)
             if "#iati-" in str(n)]
    assert named and all(orgs[str(ref)] == org for ref, _n, org in named if ref is not None)
    # an element without ref is linked to the record whose names agree with its own in every language
    from aidlod.iris import SCHEMA

    for ref, n, org in named:
        if ref is None:
            assert set(g.objects(n, AID["iati-narrative"])) <= set(g.objects(org, SCHEMA.name))
