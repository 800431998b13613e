"""IATI import of files that publishing tools other than AidStream and IATI Publisher wrote, and of the
versions earlier rounds covered least (2.01): what they state, read as IATI reads it."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from test_iati_import_quirks import _import

# The UK Department for International Development's activity GB-1-109635-101, IATI 2.01, as OIPA (now
# IATI.cloud) stored an upload of it (zimmerman-team/IATI.cloud OIPA/media/5e87f792-3d59-4f06-afcf-a8efa8523553.xml
# at 5ff9dcdb2c550d14655482197068ce371029d7cc), cut to two of its policy markers (2.01's vocabulary 1, the
# OECD DAC's, with significance 0), one budget and one transaction. It states its currency on each amount.
DFID_201 = ('<iati-activity hierarchy="2" xml:lang="en" last-updated-datetime="2016-02-27T18:29:33"{currency}>'
            '<iati-identifier>GB-1-109635-101</iati-identifier><reporting-org type="10" ref="GB-GOV-1" '
            'secondary-reporter="false"><narrative xml:lang="en">Department for International Development'
            '</narrative></reporting-org><title><narrative xml:lang="en">NOTFORPROFITORG and P0118 for Mountain '
            'Peoples Rights CSCF308</narrative></title><participating-org role="3" ref="GB-GOV-1" type="10">'
            '<narrative xml:lang="en">Department for International Development</narrative></participating-org>'
            '<activity-status code="4"/><activity-date type="2" iso-date="2005-04-01"/><recipient-country code="AL"/>'
            '<policy-marker code="1" vocabulary="1" significance="0"><narrative xml:lang="en">Gender Equality'
            '</narrative></policy-marker><policy-marker code="3" vocabulary="1" significance="2"><narrative '
            'xml:lang="en">Participatory Development/Good Governance</narrative></policy-marker>'
            '<budget type="1"><period-start iso-date="2005-04-01"/><period-end iso-date="2005-06-30"/>'
            '<value value-date="2005-04-01"{amount_currency}>58287.00</value></budget>'
            '<transaction><transaction-type code="2"/><transaction-date iso-date="2005-04-01"/>'
            '<value value-date="2005-04-01"{amount_currency}>162393.00</value></transaction></iati-activity>')


def _dfid(root: str, currency: str = "", amount_currency: str = ' currency="GBP"') -> bytes:
    activity = DFID_201.format(currency=currency, amount_currency=amount_currency)
    return f"<iati-activities {root}>{activity}</iati-activities>".encode()


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "tables" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# DFID's 2.01 file as stated: its policy markers of 2.01's vocabulary 1 are the OECD DAC's, labelled in the
# table with their significance, and the export (2.03) writes them back, valid by the schema.
def test_a_2_01_file_keeps_its_dac_policy_markers_and_exports_them_valid(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _dfid('version="2.01" generated-datetime="2016-03-21T17:30:29.409391"'))
    assert not [line for line in lines if "not mapped" in line or "the root <" in line], lines
    build(data, tmp_path / "site")
    markers = _rows(tmp_path / "site", "policy_markers")
    assert [(m["vocabulary_label"], m["code"], m["label"], m["significance_label"]) for m in markers] == [
        ("OECD DAC CRS", "1", "Gender Equality", "not targeted"),
        ("OECD DAC CRS", "3", "Participatory Development/Good Governance", "principal objective")]
    exported = (tmp_path / "site" / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'<policy-marker vocabulary="1" code="3" significance="2">' in exported


# The same activity as a tool that states default-currency once, on the file's root, writes it (the amounts
# without a currency of their own, the activity without default-currency). IATI defines default-currency on
# each iati-activity, not on the root, so the root's was dropped without a word, and the note on the amounts
# said only that "the activity states no default-currency". Now the import says the root states one, which
# IATI does not read there; the amounts still stay without a currency (none is guessed).
def test_default_currency_on_the_root_is_reported_not_read(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _dfid('default-currency="GBP" version="2.01"', amount_currency=""))
    assert any("the root <iati-activities> states default-currency='GBP', which IATI does not define there; "
               "IATI states it on each <iati-activity>, which takes none from the root: not read" in line
               for line in lines), lines
    assert any("no currency, and the activity states no default-currency" in line for line in lines), lines
    project = yaml.safe_load((data / "projects" / "gb-1-109635-101.yaml").read_text(encoding="utf-8"))
    assert "default-currency" not in project["iati"]
    assert [v.get("currency") for t in project["iati"]["transaction"] for v in t["value"]] == [None]


# A root attribute the schema defines (version, generated-datetime, linked-data-default, xml:lang) or one of
# another namespace (which the schema allows) is no such note.
def test_the_roots_own_and_other_namespaces_attributes_are_no_note(tmp_path: Path) -> None:
    root = ('xmlns:akvo="http://akvo.org/iati-activities" akvo:version="1" xml:lang="en" version="2.01" '
            'generated-datetime="2016-03-21T17:30:29"')
    _data, lines = _import(tmp_path, _dfid(root))
    assert not [line for line in lines if "the root <" in line], lines
