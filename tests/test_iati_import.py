"""IATI import: round trip of aidlod's own export, another publisher's file, safety, identifiers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from aidlod import records
from aidlod.build import build, check
from aidlod.errors import InputError
from aidlod.iati import EXT_NS, SUPPLEMENT, codes, export, ruleset, safe_parser, validate_xsd
from aidlod.iati.importer import import_iati, slugify
from aidlod.iris import AID, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "iati" / "other-publisher.xml"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

# What IATI cannot carry, so the round trip cannot keep it. Everything else in the graph must come
# back identical — titles, descriptions, identifiers, status, dates at their stated precision,
# countries, participations, sectors and shares, default types, grants with amount, currency, date,
# funder, recipient and note, the source document and section. IRIs, date precision, the programme
# and the duration travel in aidlod extension attributes (docs/iati.md), which IATI permits.
NOT_CARRIED = {
    "grants without a known amount": "an IATI transaction needs a value, and zero would be a false "
                                      "fact, so such a grant (and its funder, recipient and programme) "
                                      "has no transaction",
}


def grants_without_amount(g: Graph) -> set[tuple]:
    """The triples of the one thing IATI cannot carry: grants whose amount is unknown."""
    out = set()
    for grant in g.subjects(None, SCHEMA.MonetaryGrant):
        if g.value(grant, SCHEMA.amount) is None:
            out |= set(g.triples((grant, None, None)))
            out |= set(g.triples((None, None, grant)))
    return out


def round_trip(data: Path, tmp: Path) -> tuple[Graph, Graph, bytes]:
    """records → graph → IATI XML → import-iati → records → graph.

    The organisation, country, programme and source records stay; every project record is removed
    and comes back from the IATI file alone.
    """
    first = check(data)
    assert first.errors == []
    xml = export.export(first.mapped.graph, first.mapped.iris).activities
    (tmp / "activities.xml").write_bytes(xml)
    for path in (data / "projects").glob("*.yaml"):
        path.unlink()
    report = import_iati(tmp / "activities.xml", data)
    assert all(a.unmapped == [] and a.notes == [] for a in report.activities), report.lines()
    second = check(data)
    assert second.errors == []
    return first.mapped.graph, second.mapped.graph, xml


def assert_same_except_not_carried(a: Graph, b: Graph) -> None:
    lost = grants_without_amount(a)
    assert set(b) - set(a) == set(), sorted(set(b) - set(a))[:5]
    assert set(a) - set(b) == lost, sorted((set(a) - set(b)) ^ lost)[:5]
    kept = Graph()
    for t in set(a) - lost:
        kept.add(t)
    assert isomorphic(kept, b)
    assert to_isomorphic(kept) == to_isomorphic(b)


def test_round_trip_of_the_seed_gives_the_same_graph(data_copy: Path, tmp_path: Path) -> None:
    a, b, _ = round_trip(data_copy, tmp_path)
    assert_same_except_not_carried(a, b)
    assert len(grants_without_amount(a)) > 0  # Lithuania and Romania: the listed loss is real


def test_round_trip_keeps_dates_at_their_precision_and_every_iati_field(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "projects" / "estonia.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('status: "2"', 'status: "3"\nstart: "2003-05"\nend: "2004-03"\ndefault_flow_type: "10"\n'
                        'default_tied_status: "5"\niati_identifier: NO-BRC-972417920-EE-0042')
    text = text.replace('  - {code: "15160", percentage: 100}',
                        '  - {code: "15160", percentage: 100}\n  - {code: "151", vocabulary: "2", percentage: 100}')
    text = text.replace("    amount: 65000\n    currency: NOK\n",
                        "    amount: 65000\n    currency: NOK\n    date: 2003-06-15\n"
                        "  - funder: mfa\n    amount: 1250.75\n    currency: EUR\n    date: \"2004\"\n"
                        "    note: {en: A second grant., nb: Et andre tilskudd.}\n")
    path.write_text(text, encoding="utf-8")
    a, b, xml = round_trip(data_copy, tmp_path)
    assert_same_except_not_carried(a, b)
    doc = etree.fromstring(xml, safe_parser())
    act = doc.xpath("iati-activity[iati-identifier='NO-BRC-972417920-EE-0042']")[0]
    assert [(d.get("type"), d.get("iso-date")) for d in act.findall("activity-date")] == \
        [("2", "2003-05-01"), ("4", "2004-03-31")]
    assert [t.findtext("value") for t in act.findall("transaction")] == ["65000", "1250.75"]
    assert act.get("default-currency") is None  # two currencies
    assert validate_xsd(xml, "activities") == []
    assert ruleset.check(doc)[0] == []
    assert ruleset.check(doc, ruleset.load(SUPPLEMENT))[0] == []
    assert codes.check(doc)[0] == []  # no inactive code (the publisher's other codes are checked at import)


def test_the_other_publisher_fixture_is_valid_iati_203() -> None:
    content = FIXTURE.read_bytes()
    assert validate_xsd(content, "activities") == []
    failures, _ = ruleset.check(etree.fromstring(content, safe_parser()))
    # Only the activity whose identifier breaks the rules the import must refuse.
    assert {f.element for f in failures} == {"NO-BRC-971277882-MLI-19/0001x"}


def test_another_publishers_file_imports_validates_and_exports_back_valid(tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = import_iati(FIXTURE, data, licence=CC_BY, base_iri="https://example.org/norad/")
    by_id = {a.identifier: a for a in report.activities}
    slashed = by_id["NO-BRC-971277882-MLI-19/0001x"]  # IATI's guidance asks for no slash: kept, said
    assert slashed.project == "mli-19-0001x"
    assert "kept as stated" in slashed.notes[0]
    mali = by_id["NO-BRC-971277882-QZA-160208"]
    assert mali.project == "qza-160208"
    # Everything the plain fields do not hold is kept in the project's iati field: nothing is lost.
    assert mali.unmapped == [] and by_id["NO-BRC-971277882-TAN-2101"].unmapped == []
    kept = next(r.data for r in records.load(data).by_kind["project"] if r.id == "qza-160208")["iati"]
    assert {"humanitarian", "last-updated-datetime", "other-identifier", "contact-info", "policy-marker",
            "budget", "transaction", "document-link", "result"} <= set(kept)
    tanzania = next(r.data for r in records.load(data).by_kind["project"] if r.id == "tan-2101")
    assert "hierarchy" in tanzania["iati"] and "recipient-country" in tanzania["iati"]  # shares kept

    checked = check(data)
    assert checked.errors == []
    g = checked.mapped.graph
    amounts = {(str(g.value(a, SCHEMA.value)), str(g.value(a, SCHEMA.currency)))
               for a in g.subjects(None, SCHEMA.MonetaryAmount)}
    # A commitment is a grant when the plain fields carry it whole and it names its provider; the
    # Tanzanian one names none (its activity's one funding participation, which names Norad in English
    # only, is not taken for it) and the other names its provider or receiver otherwise than the
    # organisation records do: both stay IATI transactions.
    assert amounts == {("250000.5", "USD")}
    tan = URIRef("https://example.org/norad/project/tan-2101#participation-no-brc-971277882-1")
    assert set(g.objects(tan, SCHEMA.name)) == {Literal("Norwegian Agency for Development Cooperation", lang="en")}
    values = {(str(g.value(v, SCHEMA.value)), str(g.value(v, SCHEMA.currency)))
              for v in g.subjects(RDF.type, AID.Value)}
    assert {("1500000", "EUR"), ("750000", "EUR"), ("3000000", "NOK")} <= values
    project = URIRef("https://example.org/norad/project/qza-160208#id")
    assert {lit.language for lit in g.objects(project, SCHEMA.name)} == {"en", "nb", "fr"}

    site = tmp_path / "site"
    build(data, site)
    for name, kind in (("activities.xml", "activities"), ("organisation.xml", "organisations")):
        content = (site / "iati" / name).read_bytes()
        assert validate_xsd(content, kind) == []
        failures = ruleset.check(etree.fromstring(content, safe_parser()))[0]
        # only the identifier the publisher stated with a slash, as in its own file
        assert {f.element for f in failures} == ({"NO-BRC-971277882-MLI-19/0001x"} if kind == "activities" else set())
    supplement = ruleset.load(SUPPLEMENT)
    assert ruleset.check(etree.fromstring((site / "iati" / "activities.xml").read_bytes(), safe_parser()),
                         supplement)[0] == []
    doc = etree.fromstring((site / "iati" / "activities.xml").read_bytes(), safe_parser())
    assert codes.check(doc)[0] == []  # no inactive code (the publisher's other codes are checked at import)
    # Each project cites the imported file itself, copied into the site.
    links = doc.xpath("iati-activity/document-link[@aidlod:source]/@url", namespaces={"aidlod": EXT_NS})
    assert set(links) == {"https://example.org/norad/source/other-publisher.xml"}
    assert doc.xpath("iati-activity/document-link[not(@aidlod:source)]/@url",  # the publisher's own link, kept
                     namespaces={"aidlod": EXT_NS}) == ["https://example.org/norad/projects/QZA-160208"]
    assert (site / "source" / "other-publisher.xml").read_bytes() == FIXTURE.read_bytes()
    assert sorted(doc.xpath("iati-activity/iati-identifier/text()")) == \
        ["NO-BRC-971277882-MLI-19/0001x", "NO-BRC-971277882-QZA-160208", "NO-BRC-971277882-TAN-2101"]
    assert doc.xpath("iati-activity[iati-identifier='NO-BRC-971277882-TAN-2101']/activity-date/@type") == ["2", "4"]


def test_import_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_iati(FIXTURE, data, licence=CC_BY, base_iri="https://example.org/norad/")
    before = sorted(p.name for p in (data / "projects").iterdir())
    with pytest.raises(InputError) as refused:  # nothing to add: an error naming why, nothing written
        import_iati(FIXTURE, data)
    assert sum("--replace" in p.message for p in refused.value.problems) == 3
    assert sorted(p.name for p in (data / "projects").iterdir()) == before
    replaced = import_iati(FIXTURE, data, replace=True)
    assert [a.project for a in replaced.activities] == ["mli-19-0001x", "qza-160208", "tan-2101"]
    assert sorted(p.name for p in (data / "projects").iterdir()) == before
    assert len(list((data / "sources").glob("*.yaml"))) == 1
    assert check(data).errors == []


@pytest.mark.parametrize("content", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<iati-activities version="2.03"><iati-activity>&b;</iati-activity></iati-activities>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<iati-activities version="2.03"><iati-activity><iati-identifier>&e;</iati-identifier>'
    b'</iati-activity></iati-activities>',
    b'<iati-activities version="2.03"><iati-activity>',
    b'<iati-organisations version="2.03"/>',
    b'<iati-activities version="1.05"><iati-activity/></iati-activities>',
])
def test_unsafe_or_foreign_files_are_refused_and_nothing_is_written(content: bytes, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    with pytest.raises(InputError):
        import_iati(bad, tmp_path / "data", licence=CC_BY, base_iri="https://example.org/x/")
    assert not (tmp_path / "data").exists()


def test_the_safe_parser_does_not_expand_entities() -> None:
    doc = etree.fromstring(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', safe_parser())
    assert "root:" not in etree.tostring(doc).decode()


def test_a_new_dataset_needs_a_licence(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="licence"):
        import_iati(FIXTURE, tmp_path / "data", base_iri="https://example.org/norad/")
    assert not (tmp_path / "data").exists()


def _with_currencies(*codes: str) -> bytes:
    """The other publisher's file, its activities stating these default currencies (or none: "")."""
    doc = etree.fromstring(FIXTURE.read_bytes(), safe_parser())
    for activity, code in zip(doc.findall("iati-activity"), codes, strict=True):
        activity.attrib.pop("default-currency", None)
        if code:
            activity.set("default-currency", code)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("codes", "currency", "said"), [
    (("GBP", "GBP", "USD"), "GBP", "sums and charts amounts in GBP, the default currency of 2 of the 3 activities "
                                   "('currency' in dataset.yaml; EUR and USD are in the tables too)"),
    (("USD", "NOK", ""), "NOK", "in NOK"),  # a tie: the code first in order
    # a dataset summed in USD: the tables' other currency is EUR ("EUR and USD are" said USD twice)
    (("USD", "USD", "EUR"), "USD", "('currency' in dataset.yaml; EUR is in the tables too)"),
    (("EUR", "EUR", "USD"), None, None),  # the default already
    (("NGN", "NGN", "EUR"), None, "the activities' default currency NGN has no ECB reference rates"),
    # the ECB publishes no rates of the CFA francs, but their parity to the euro is fixed by law (money.py)
    (("XOF", "XOF", "EUR"), "XOF", "sums and charts amounts in XOF, the default currency of 2 of the 3 activities"),
    (("", "", ""), None, None),
])
def test_a_new_dataset_sums_in_the_activities_default_currency(
        codes: tuple[str, ...], currency: str | None, said: str | None, tmp_path: Path) -> None:
    """A British publisher's site summed its GBP amounts in EUR (CAFOD, FCDO): a new dataset takes the
    default currency most activities state, when the ECB has rates to convert the others to it."""
    source = tmp_path / "file.xml"
    source.write_bytes(_with_currencies(*codes))
    report = import_iati(source, tmp_path / "data", licence=CC_BY)
    dataset = yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset.get("currency") == currency
    about = [n for n in report.notices if "sums and charts amounts" in n]
    assert (said in about[0] if said else not about), about
    if currency:  # and an import into that dataset leaves it
        again = tmp_path / "again.xml"
        again.write_bytes(_with_currencies("EUR", "EUR", "EUR"))
        import_iati(again, tmp_path / "data", replace=True)
        assert yaml.safe_load((tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == currency


@pytest.mark.parametrize(("text", "expected"), [
    ("QZA-160208", "qza-160208"),
    ("NO-BRC-971277882-QZA-16/0208", "no-brc-971277882-qza-16-0208"),
    ("Ærlig & Åpen | Prosjekt?", "aerlig-apen-prosjekt"),
    ("Kirkens Nødhjelp", "kirkens-nodhjelp"), ("Dansk Røde Kors", "dansk-rode-kors"),
    ("Straße der Œuvres, Łódź", "strasse-der-oeuvres-lodz"),
])
def test_slug_rule(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slug_rule_keeps_different_identifiers_apart() -> None:
    first = slugify("A/1")
    assert first == "a-1"
    second = slugify("A&1", taken={first})
    assert second != first and second.startswith("a-1-")
    assert slugify("///") .startswith("x-")
    assert len(slugify("x" * 300)) <= 80


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=200), st.sets(st.text(alphabet="abc-", max_size=5), max_size=5))
def test_every_slug_is_a_valid_record_id(text: str, taken: set[str]) -> None:
    slug = slugify(text, taken)
    assert records.SLUG_RE.match(slug), slug
    assert slug not in taken


def test_import_iati_command_reports_what_it_could_not_map(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = subprocess.run([sys.executable, "-m", "aidlod.cli", "import-iati", str(FIXTURE), "--into", str(data),
                          "--licence", CC_BY, "--base-iri", "https://example.org/norad/"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "activity 'NO-BRC-971277882-MLI-19/0001x': its iati-identifier holds / & | ?" in out.stderr
    assert "activity 'NO-BRC-971277882-QZA-160208': not mapped" not in out.stderr
    assert "imported 3 of 3 activities" in out.stderr
    valid = subprocess.run([sys.executable, "-m", "aidlod.cli", "validate", "--data", str(data), "-q"],
                           capture_output=True, text=True)
    assert valid.returncode == 0, valid.stderr
    out = subprocess.run([sys.executable, "-m", "aidlod.cli", "import-iati", str(FIXTURE), "--into",
                          str(tmp_path / "other")], capture_output=True, text=True)
    assert out.returncode == 1
    assert "--licence" in out.stderr
    shutil.rmtree(data)


XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff",
                           min_codepoint=0x20),
    min_size=0, max_size=60,
)


@settings(max_examples=40, deadline=None)
@given(title=XML_TEXT, ident=st.text(alphabet="AZaz09-/&._: ", min_size=0, max_size=30), amount=XML_TEXT,
       lang=st.sampled_from(["en", "nb", "fr", "zz-Qaaa", "not a tag", ""]))
def test_arbitrary_activities_become_valid_records_or_are_reported(
        tmp_path_factory: pytest.TempPathFactory, title: str, ident: str, amount: str, lang: str) -> None:
    """Whatever the text in the file, the import never crashes, and what it writes passes records.py."""
    act = etree.Element("iati-activity")
    etree.SubElement(act, "iati-identifier").text = "NO-BRC-971277882-" + ident
    org = etree.SubElement(act, "reporting-org", ref="NO-BRC-971277882", type="10")
    etree.SubElement(org, "narrative").text = title
    for tag in ("title", "description"):
        parent = etree.SubElement(act, tag)
        for code in ("en", "nb"):
            n = etree.SubElement(parent, "narrative")
            n.set("{http://www.w3.org/XML/1998/namespace}lang", lang or code)
            n.text = title + code
    etree.SubElement(act, "participating-org", role="1", ref="NO-BRC-971277882")
    etree.SubElement(act, "activity-status", code="2")
    etree.SubElement(act, "activity-date", type="2", **{"iso-date": "2020-01-01"})
    etree.SubElement(act, "sector", code="15180")
    tx = etree.SubElement(act, "transaction")
    etree.SubElement(tx, "transaction-type", code="2")
    etree.SubElement(tx, "transaction-date", **{"iso-date": "2020-01-01"})
    etree.SubElement(tx, "value", currency="EUR", **{"value-date": "2020-01-01"}).text = amount
    root = etree.Element("iati-activities", version="2.03")
    root.append(act)
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    try:
        report = import_iati(path, folder / "data", licence=CC_BY, base_iri="https://example.org/x/")
    except InputError:
        return  # refused with a message, nothing written
    (activity,) = report.activities
    assert activity.project is not None or activity.notes
    if activity.project is not None:
        loaded = records.load(folder / "data")
        assert [r.id for r in loaded.by_kind["project"]] == [activity.project]


@pytest.mark.parametrize(("content", "said"), [
    (b"", "the file is empty: 0 bytes; download it again"),
    (b"<!DOCTYPE html><html><body>503 Service Unavailable</body></html>", "is an HTML page"),
    (b"<html><body>Please log in</body></html>", "is an HTML page"),
    (b'{"statusCode": 401, "message": "Access denied due to missing subscription key."}', "it is JSON"),
    (b'<?xml version="1.0"?>\n<iati-activities version="2.03">\n<iati-activity><iati-identifier>X</iati-iden',
     "the file ends before its elements close"),
])
def test_a_download_gone_wrong_is_named_for_what_it_is(content: bytes, said: str, tmp_path: Path) -> None:
    # what a portal or an API returns instead of the file: the message says what the file is and what to do
    bad = tmp_path / "activities.xml"
    bad.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_iati(bad, tmp_path / "data", licence=CC_BY, base_iri="https://example.org/x/")
    assert said in caught.value.problems[0].message
    assert not (tmp_path / "data").exists()
