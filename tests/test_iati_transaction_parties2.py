"""Transaction parties, continued (docs/iati.md, "Transaction parties"): a planned disbursement's provider-org and
receiver-org make their organisation records by the rules of a transaction's (before, they were linked only to a
record that existed)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build, export_iati
from aidlod.iati import EXT
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _import, _page_text, _rows
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
