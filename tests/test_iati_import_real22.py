"""IATI import of real publishers' files not tried before, round 22 (docs/iati.md, "Real files tried, 2026-12-08
(branch real-files-22)")."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import yaml
from lxml import etree

from aidlod.build import build
from iati_coverage import uncovered
from test_iati_import_quirks import _import, _page_text

FIXTURES = Path(__file__).parent / "fixtures" / "iati" / "real22"


def _orgs(data: Path) -> list[str]:
    return sorted(p.stem for p in (data / "organisations").glob("*.yaml"))


# fixtures/iati/real22/usaid-bf-cut.xml: three of USAID's activities in Burkina Faso, whole. USAID names the partner
# it does not name by its kind, "NGO - Non United States Other", with the CRS channel code of developing
# country-based NGOs as the OECD's identifier (XM-DAC-23000), as implementer and as each commitment's receiver (by
# receiver-activity-id, no ref). It made one organisation record "NGO - Non United States Other" (XM-DAC-23000, a
# "Partner Country based NGO"), whose page charted every unnamed NGO's commitments of every activity as one
# organisation's. It is a kind of partner: no record; the elements stay as stated and the export writes them back.
def test_usaids_partner_named_by_its_kind_makes_no_organisation_record(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, (FIXTURES / "usaid-bf-cut.xml").read_bytes())
    assert _orgs(data) == ["us-gov-1"]
    assert any("name a kind of organisation" in line and "'NGO - Non United States Other' (ref 'XM-DAC-23000')" in line
               for line in lines), lines
    project = yaml.safe_load((data / "projects" / "686-ssh-10-04.yaml").read_text(encoding="utf-8"))
    assert project["title"] == {"en": "Social Assistance", "fr": "Assistance sociale"}
    assert project["iati"]["participating-org"] == [
        {"ref": "XM-DAC-23000", "type": "24", "role": "4", "narrative": {"en": "NGO - Non United States Other"}}]
    [tx] = project["iati"]["transaction"]
    assert tx["receiver-org"][0]["receiver-activity-id"] == "XM-DAC-23000"
    assert "aidlod-organisation" not in tx["receiver-org"][0]
    source = tmp_path / "usaid-bf.xml"
    source.write_bytes((FIXTURES / "usaid-bf-cut.xml").read_bytes())
    assert uncovered(source, tmp_path / "coverage") == []


def test_usaids_names_of_kinds_are_kinds_and_its_named_partners_organisations() -> None:
    from aidlod.iati.orgnames import _names_its_kind

    def el(xml: str) -> etree._Element:
        return etree.fromstring(xml)

    kind = '<receiver-org ref="{ref}" type="70"><narrative>{name}</narrative></receiver-org>'
    assert _names_its_kind(el(kind.format(ref="XM-DAC-63000", name="Enterprise - Non United States Other")))
    assert _names_its_kind(el('<receiver-org receiver-activity-id="XM-DAC-23000" type="24"><narrative>NGO - Non '
                              'United States Other</narrative></receiver-org>'))
    assert _names_its_kind(el(kind.format(ref="XM-DAC-61000", name="Enterprise - United States")))
    # USAID itself, named by its kind and its name; a partner of such a ref named by its own name; a kind's name
    # with an organisation's identifier
    assert not _names_its_kind(el(kind.format(ref="US-GOV-1", name="U.S. Government - U.S. Agency for "
                                                                  "International Development")))
    assert not _names_its_kind(el('<receiver-org type="10"><narrative>U.S. Government - U.S. Agency for '
                                  'International Development</narrative></receiver-org>'))
    assert not _names_its_kind(el(kind.format(ref="XM-DAC-23000", name="Association Tin Tua")))
    assert not _names_its_kind(el(kind.format(ref="XM-DAC-41114", name="NGO - Non United States Other")))


# fixtures/iati/real22/usaid-cu-cut.xml: USAID's first two activities in Cuba, whole: English and Spanish titles and
# descriptions, People in Need committed USD 4,049 and taken back, USAID's administration costs (USD 8,920 committed
# and disbursed) to "U.S. Government - U.S. Agency for International Development" stated by receiver-activity-id
# US-GOV-1 without ref: USAID's own record (the implementing participating-org of that name and ref), no second.
def test_usaids_cuba_activities_sum_as_the_file_in_english_and_spanish(tmp_path: Path) -> None:
    source = tmp_path / "usaid-cu.xml"
    source.write_bytes((FIXTURES / "usaid-cu-cut.xml").read_bytes())
    data, _lines = _import(tmp_path, source.read_bytes())
    assert _orgs(data) == ["cz-ico-25755277", "us-gov-1"]
    assert uncovered(source, tmp_path / "coverage") == []
    site = tmp_path / "site"
    build(data, site)
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with (site / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        sums[(row["type_code"], row["currency"])] += Decimal(row["value"])
    assert dict(sums) == {("2", "USD"): Decimal("8920.00"), ("3", "USD"): Decimal("8920.00")}
    assert {row["receiver_org"].rsplit("/", 1)[-1] for row in rows} == {"cz-ico-25755277#id", "us-gov-1#id"}
    page = _page_text(site / "project" / "516-15-lac-cuba.es.html")
    assert "Administración y Supervisión" in page
