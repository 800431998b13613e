"""Transaction parties, continued (docs/iati.md, "Transaction parties"): a planned disbursement's provider-org and
receiver-org make their organisation records by the rules of a transaction's, and an organisation element whose ref
is a record's identifier in another letter case or with other dashes is linked to that record (``aidlod-organisation``
on the element, its ref as stated): before, the import matched it to the record and made none, and the graph, which
links a ref to the record of that identifier as stated, linked it to nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from lxml import etree
from rdflib import URIRef

from aidlod import mapping, records
from aidlod.build import build, export_iati
from aidlod.iati import EXT
from aidlod.iati.importer import import_iati
from aidlod.iris import AID
from test_iati_import_quirks import _activity, _file, _import, _page_text, _rows
from test_iati_transaction_parties import EXPORTABLE, PROJECT, _linked, _orgs, _stated

# ODA Korea's activity (tests/test_iati_transaction_parties.py), given a planned disbursement from the Export-Import
# Bank of Korea (by its ref, no record) to a partner named without ref (no record): neither is a participating-org.
PLANNED = (b'<planned-disbursement type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>'
           b'<value currency="USD" value-date="2024-01-01">100</value><provider-org ref="KR-GOV-052" type="10" '
           b'provider-activity-id="KR-GOV-052-1"><narrative xml:lang="EN">Export-Import Bank of Korea</narrative>'
           b'</provider-org><receiver-org type="22"><narrative xml:lang="EN">Partner NGO</narrative></receiver-org>'
           b'</planned-disbursement>\n')
WITH_PLANNED = EXPORTABLE.replace(b"<transaction ", PLANNED + b"<transaction ", 1)
TITLE = "Enhancing Community Resilience in Conflict and Disaster-Affected Communities in Myanmar"


def _project(data: Path, name: str = PROJECT) -> dict:
    return yaml.safe_load((data / "projects" / name).read_text(encoding="utf-8"))


def test_a_planned_disbursements_parties_make_their_records(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, WITH_PLANNED)
    assert not [line for line in lines if "not mapped" in line], lines
    orgs = _orgs(data)
    assert sorted(orgs) == ["kr-gov-010", "kr-gov-051", "kr-gov-052", "partner-ngo", "xm-dac-47066"]
    assert {k: v for k, v in orgs["kr-gov-052"].items() if k != "source"} == {
        "id": "kr-gov-052", "name": {"en": "Export-Import Bank of Korea"}, "type": "10",
        "iati_identifier": "KR-GOV-052"}
    assert {k: v for k, v in orgs["partner-ngo"].items() if k != "source"} == {
        "id": "partner-ngo", "name": {"en": "Partner NGO"}, "type": "22"}
    # the planned disbursement stays as stated: the provider linked by its ref, the receiver by its record's id
    [planned] = _project(data)["iati"]["planned-disbursement"]
    assert planned["provider-org"] == [{"ref": "KR-GOV-052", "provider-activity-id": "KR-GOV-052-1", "type": "10",
                                        "narrative": {"en": "Export-Import Bank of Korea"}}]
    assert planned["receiver-org"] == [{"type": "22", "narrative": {"en": "Partner NGO"},
                                        "aidlod-organisation": "partner-ngo"}]
    assert {("provider-org", "kr-gov-052#id"), ("receiver-org", "partner-ngo#id")} <= _linked(data)
    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "planned_disbursements")
    assert (row["provider_org"], row["provider_ref"], row["provider_name"], row["provider_activity"]) == (
        "http://example.org/organisation/kr-gov-052#id", "KR-GOV-052", "Export-Import Bank of Korea", "KR-GOV-052-1")
    assert (row["receiver_org"], row["receiver_ref"], row["receiver_name"], row["receiver_type_code"]) == (
        "http://example.org/organisation/partner-ngo#id", "", "Partner NGO", "22")
    assert f"{TITLE} › Provider organisation: Export-Import Bank of Korea" in _page_text(
        site / "organisation" / "kr-gov-052.en.html")
    assert f"{TITLE} › Receiver organisation: Partner NGO" in _page_text(site / "organisation" / "partner-ngo.en.html")
    activity = (site / "project" / "kr-gov-051-2023010103248.en.html").read_text(encoding="utf-8")
    for org in ("kr-gov-052", "partner-ngo"):
        assert re.search(rf'href="[^"]*organisation/{org}(\.en\.html)?[^"]*"', activity), org


def _planned(xml: bytes) -> etree._Element:
    [found] = etree.fromstring(xml).iter("planned-disbursement")
    return found


def test_the_iati_export_writes_the_planned_disbursement_as_the_file_stated_it(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, WITH_PLANNED)
    out = tmp_path / "export"
    export_iati(data, out)
    written = _planned((out / "activities.xml").read_bytes())
    assert _stated(written) == _stated(_planned(WITH_PLANNED))
    links = {el.tag: el.get(EXT + "organisation") for el in written if el.tag.endswith("-org")}
    assert links == {"provider-org": "http://example.org/organisation/kr-gov-052#id",
                     "receiver-org": "http://example.org/organisation/partner-ngo#id"}, links
    # imported again into the same data, the file changes nothing
    again = tmp_path / "again"
    again.mkdir()
    (again / "published.xml").write_bytes((out / "activities.xml").read_bytes())
    before = _orgs(data)
    import_iati(again / "published.xml", data, replace=True)
    assert _orgs(data) == before
    assert _project(data)["iati"]["planned-disbursement"][0]["receiver-org"][0]["aidlod-organisation"] == "partner-ngo"


# IOM, XM-DAC-47066, a participating-org of the activity; its disbursement's receiver states its ref in small
# letters, a planned disbursement's with an en dash: the import matched both to its record and made none, and the
# graph linked neither.
VARIANTS = EXPORTABLE.replace(
    b'<activity-status', b'<participating-org ref="XM-DAC-47066" role="4" type="40"><narrative xml:lang="EN">IOM'
    b'</narrative></participating-org><activity-status', 1).replace(
    b'<receiver-org ref="XM-DAC-47066"', b'<receiver-org ref="xm-dac-47066"').replace(
    b"<transaction ", PLANNED.replace(b'<receiver-org type="22"><narrative xml:lang="EN">Partner NGO</narrative>',
                                      "<receiver-org ref=\"XM\u2013DAC-47066\"><narrative xml:lang=\"EN\">IOM"
                                      "</narrative>".encode()) + b"<transaction ", 1)


def test_a_partys_ref_in_another_case_or_with_other_dashes_is_linked_to_its_record(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, VARIANTS)
    assert not [line for line in lines if "not mapped" in line], lines
    project = _project(data)
    assert project["participants"][-1] == {"organisation": "xm-dac-47066", "role": "4"}
    [tx] = project["iati"]["transaction"]
    assert tx["receiver-org"] == [{"ref": "xm-dac-47066", "type": "40", "narrative": {"en": "IOM"},
                                   "aidlod-organisation": "xm-dac-47066"}]
    assert sorted(_orgs(data)) == ["kr-gov-010", "kr-gov-051", "kr-gov-052", "xm-dac-47066"]
    [planned] = project["iati"]["planned-disbursement"]
    assert planned["receiver-org"] == [{"ref": "XM\u2013DAC-47066", "narrative": {"en": "IOM"},
                                        "aidlod-organisation": "xm-dac-47066"}]
    assert "aidlod-organisation" not in tx["provider-org"][0]  # KR-GOV-051 as its record states it: by its ref
    assert _linked(data) == {("provider-org", "kr-gov-051#id"), ("provider-org", "kr-gov-052#id"),
                             ("receiver-org", "xm-dac-47066#id")}
    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "transactions")
    assert (row["receiver_org"], row["receiver_ref"], row["receiver_name"]) == (
        "http://example.org/organisation/xm-dac-47066#id", "xm-dac-47066", "IOM")
    [row] = _rows(site, "planned_disbursements")
    assert (row["receiver_org"], row["receiver_ref"]) == (
        "http://example.org/organisation/xm-dac-47066#id", "XM\u2013DAC-47066")
    page = _page_text(site / "organisation" / "xm-dac-47066.en.html")
    assert "› Transaction: Incoming Funds · October 2, 2023 · KRW 5,160,000,000 › Receiver organisation: IOM" in page
    assert "› Planned disbursement: Original · January 1, 2024 – December 31, 2024 · USD 100 › Receiver " \
           "organisation: IOM" in page
    # the export states the ref as the file did, and links the record
    out = tmp_path / "export"
    export_iati(data, out)
    written = etree.fromstring((out / "activities.xml").read_bytes())
    assert [(r.get("ref"), r.get(EXT + "organisation")) for r in written.iter("receiver-org")] == [
        ("XM\u2013DAC-47066", "http://example.org/organisation/xm-dac-47066#id"),
        ("xm-dac-47066", "http://example.org/organisation/xm-dac-47066#id")]


def test_a_participating_org_kept_whole_and_an_owner_org_in_another_case_are_linked_to_their_record(
        tmp_path: Path) -> None:
    # a participating-org of no role (kept whole in the iati field) and an other-identifier's owner-org, both naming
    # UNICEF's record (XM-DAC-41122, the reporting organisation) in small letters
    body = ('<title><narrative>A</narrative></title><participating-org ref="xm-dac-41122"><narrative>UNICEF'
            '</narrative></participating-org><other-identifier ref="A-1" type="B1"><owner-org ref="xm-dac-41122">'
            '<narrative>UNICEF</narrative></owner-org></other-identifier>')
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-A", body)))
    assert sorted(_orgs(data)) == ["xm-dac-41122"]
    iati = _project(data, "a.yaml")["iati"]
    assert iati["participating-org"][0]["ref"] == "xm-dac-41122"
    assert iati["participating-org"][0]["aidlod-organisation"] == "xm-dac-41122"
    owner = iati["other-identifier"][0]["owner-org"][0]
    assert (owner["ref"], owner["aidlod-organisation"]) == ("xm-dac-41122", "xm-dac-41122")
    triples = mapping.map_records(records.load(data)).triples
    kinds = {str(p).rsplit("#iati-", 1)[-1]: o for _s, p, o in triples
             if p in (AID["iati-participating-org"], AID["iati-owner-org"])}
    linked = {s: o for s, p, o in triples if p == AID.organisation and isinstance(o, URIRef)}
    assert {kind: str(linked.get(node)) for kind, node in kinds.items()} == {
        "participating-org": "http://example.org/organisation/xm-dac-41122#id",
        "owner-org": "http://example.org/organisation/xm-dac-41122#id"}


def test_a_party_read_before_its_publishers_own_form_of_the_identifier_is_linked_to_its_record(tmp_path: Path) -> None:
    # UNICEF disburses to Frontline AIDS by its identifier in small letters (a record of that form made for it);
    # Frontline AIDS's own activity, later in the file, states its own form, which the record takes (``_own_form``):
    # the disbursement's receiver, read before, stays as stated and is linked to the record
    disbursing = _activity("XM-DAC-41122-A", '<title><narrative>A</narrative></title><transaction><transaction-type '
                           'code="3"/><transaction-date iso-date="2020-01-01"/><value currency="USD" value-date='
                           '"2020-01-01">10</value><receiver-org ref="gb-chc-1038860" type="21"><narrative>Frontline '
                           'AIDS</narrative></receiver-org></transaction>')
    own = ('<iati-activity xml:lang="en"><iati-identifier>GB-CHC-1038860-B</iati-identifier><reporting-org '
           'ref="GB-CHC-1038860" type="21"><narrative>Frontline AIDS</narrative></reporting-org><title><narrative>B'
           '</narrative></title><participating-org ref="GB-CHC-1038860" role="4" type="21"><narrative>Frontline AIDS'
           '</narrative></participating-org><activity-status code="2"/><activity-date iso-date="2015-01-01" '
           'type="2"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(disbursing, own))
    orgs = _orgs(data)
    assert sorted(orgs) == ["gb-chc-1038860", "xm-dac-41122"]
    assert orgs["gb-chc-1038860"]["iati_identifier"] == "GB-CHC-1038860"
    [tx] = _project(data, "a.yaml")["iati"]["transaction"]
    assert tx["receiver-org"] == [{"ref": "gb-chc-1038860", "type": "21", "narrative": {"en": "Frontline AIDS"},
                                   "aidlod-organisation": "gb-chc-1038860"}]
    assert _linked(data) == {("receiver-org", "gb-chc-1038860#id")}


def test_an_organisation_files_recipient_org_in_small_letters_is_linked_to_its_record(tmp_path: Path) -> None:
    # the seed's Norwegian ministry's organisation file (tests/test_iati_organisation_file.py), its recipient-org
    # budget's recipient IOM stated "xm-dac-47066": the seed's record iom (XM-DAC-47066), not another
    from test_iati_organisation_file import ORG_FILE, ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    source = tmp_path / "mfa-organisation.xml"
    source.write_text(ORG_FILE.replace('<recipient-org ref="XM-DAC-47066">', '<recipient-org ref="xm-dac-47066">'),
                      encoding="utf-8")
    before = sorted(p.name for p in (data / "organisations").glob("*.yaml"))
    import_iati(source, data)
    assert sorted(p.name for p in (data / "organisations").glob("*.yaml")) == before
    block = yaml.safe_load((data / "organisations" / "mfa.yaml").read_text(encoding="utf-8"))["iati"]
    [recipient] = block["recipient-org-budget"][0]["recipient-org"]
    assert (recipient["ref"], recipient["aidlod-organisation"]) == ("xm-dac-47066", "iom")
    triples = mapping.map_records(records.load(data)).triples
    [node] = [o for s, p, o in triples if p == AID["iati-recipient-org"]]
    assert {str(o).rsplit("/", 1)[-1] for s, p, o in triples if s == node and p == AID.organisation} == {"iom#id"}
