"""IATI import of an organisation ref that is an OrganisationType code and its name: no identifier."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from test_iati_import_quirks import _file, _import

# The European Investment Bank's shape of activity (LuukHakvoort/mdbs_scraper_corrected-public
# tests/fixtures/eib_iati_sample.xml at ddeab316c8723d2fa8c69c6324cbac1f1dc3a2bc, whose author describes it as
# EIB's real disclosure shape with example names), cut to its partners: the European Development Fund funding
# and the EIB extending, both stated with ref "40-Multilateral", and the borrower with "70-Private Sector".
EIB = ('<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>XM-DAC-918-3-20010242-84835'
       '</iati-identifier><reporting-org ref="XM-DAC-918-3" type="15" secondary-reporter="0"><narrative>European '
       'Investment Bank</narrative></reporting-org><title><narrative>SOLAR PV EXAMPLE PROJECT</narrative></title>'
       '<participating-org ref="40-Multilateral" role="1"><narrative>EDF</narrative></participating-org>'
       '<participating-org ref="40-Multilateral" type="40" role="3"><narrative>EIB</narrative></participating-org>'
       '<participating-org ref="70-Private Sector" type="70" role="4"><narrative>EXAMPLE SOLAR MOZAMBIQUE LDA'
       '</narrative></participating-org><activity-status code="3"/><activity-date iso-date="2015-04-29" type="2"/>'
       '<recipient-country code="MZ" percentage=" 100.000000000"/><transaction ref="300531"><transaction-type '
       'code="2"/><transaction-date iso-date="2015-04-29"/><value currency="EUR" value-date="2015-04-29">11720706'
       '</value></transaction></iati-activity>')


# Before, "40-Multilateral" was read as an organisation identifier: the EDF and the EIB became one record,
# named EDF, of identifier 40-Multilateral and type 40, so the EIB's extending was shown and stated as the
# EDF's. A type code and its name name a kind of organisation, never one: each partner is now a record of its
# own, by its name, as with GlobalGiving's XI-BRIDGE-null, and the ref stays on the element as stated.
def test_an_organisation_type_as_ref_identifies_no_organisation(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(EIB, root='version="2.02"'))
    assert not [line for line in lines if "not mapped" in line], lines
    records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").glob("*.yaml")}
    assert sorted(records) == ["edf", "eib", "example-solar-mozambique-lda", "xm-dac-918-3"]
    assert not [r for r in records.values() if "Multilateral" in str(r.get("iati_identifier"))]
    project = yaml.safe_load((data / "projects" / "20010242-84835.yaml").read_text(encoding="utf-8"))
    assert [(p["aidlod-organisation"], p.get("ref")) for p in project["iati"]["participating-org"]] == [
        ("edf", "40-Multilateral"), ("eib", "40-Multilateral"), ("example-solar-mozambique-lda", "70-Private Sector")]
    site = tmp_path / "site"
    build(data, site)
    with (site / "tables" / "participating_organisations.csv").open(encoding="utf-8", newline="") as f:
        rows = [(r["organisation"].rsplit("/", 1)[-1], r["organisation_ref"], r["organisation_name"], r["role_code"])
                for r in csv.DictReader(f)]
    assert sorted(rows) == [("edf#id", "40-Multilateral", "EDF", "1"), ("eib#id", "40-Multilateral", "EIB", "3"),
                            ("example-solar-mozambique-lda#id", "70-Private Sector", "EXAMPLE SOLAR MOZAMBIQUE LDA",
                             "4")]
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert exported.count(b'ref="40-Multilateral"') == 2 and validate_xsd(exported, "activities") == []
