"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks37.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from rdflib import Graph

from aidlod.build import build
from aidlod.site.front import TABLE_LABELS
from aidlod.site.i18n import translations
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file
from writers.test_tables import csvw_to_rdf

# CAFOD's activity GB-CHC-285776-NIG117, cut down (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_19.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d): its own reference "NIG117" as an
# other-identifier of type A1, a contact-info of an organisation and an e-mail address, and a description of
# several lines with commas and an apostrophe.
CAFOD = ('<iati-activity default-currency="GBP" hierarchy="1" xml:lang="EN"><iati-identifier>GB-CHC-285776-NIG117'
         '</iati-identifier><reporting-org ref="GB-CHC-285776" type="21"><narrative xml:lang="EN">CAFOD</narrative>'
         '</reporting-org><title><narrative xml:lang="EN">Support to vulnerable households affected by floods in Niger '
         '2020</narrative></title><description><narrative xml:lang="EN">Niger is facing a current context of climate '
         'change in the Sahelian region.\nSome of the factors that contribute to these floods are the following:\n- '
         'Uncontrolled occupation of areas potentially exposed to flood risks, \n- Failure of the city&apos;s sewerage '
         'network,\n\nTo date, 69 people have died.</narrative></description><participating-org activity-id="NIG117" '
         'role="4" type="23"><narrative xml:lang="EN">Caritas Developpement Niger</narrative></participating-org>'
         '<participating-org activity-id="NIG117" ref="GB-CHC-285776" role="1" type="21"><narrative xml:lang="EN">'
         'Catholic Agency For Overseas Development (CAFOD)</narrative></participating-org><other-identifier '
         'ref="NIG117" type="A1"></other-identifier><activity-status code="2"></activity-status><activity-date '
         'iso-date="2020-10-26" type="2"></activity-date><activity-date iso-date="2021-01-25" type="3"></activity-date>'
         '<contact-info><organisation><narrative xml:lang="EN">CAFOD</narrative></organisation><email>'
         'cafod@cafod.org.uk</email></contact-info><recipient-country code="NE" percentage="100"></recipient-country>'
         '<sector code="72010" '
         'percentage="40" vocabulary="1"></sector><sector code="72040" percentage="60" vocabulary="1"></sector>'
         '<transaction ref="68957"><transaction-type code="3"></transaction-type><transaction-date '
         'iso-date="2020-11-04"></transaction-date><value currency="GBP" value-date="2020-11-02">30000.38</value>'
         '<receiver-org><narrative xml:lang="EN">Caritas Developpement Niger</narrative></receiver-org></transaction>'
         '</iati-activity>')

# UNDP's output XM-DAC-41114-OUTPUT-00097897, cut down (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_100.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): its country office's e-mail address
# and web site as a contact of type 1 (general enquiries), and <conditions attached="0">, as on every UNDP output.
UNDP = ('<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
        'XM-DAC-41114-OUTPUT-00097897</iati-identifier><reporting-org ref="XM-DAC-41114" type="40"><narrative '
        'xml:lang="EN">United Nations Development Programme</narrative></reporting-org><title><narrative xml:lang="EN">'
        'COVID-19response to GBV preventi</narrative></title><participating-org ref="XM-DAC-41114" role="4" '
        'type="40"><narrative xml:lang="EN">United Nations Development Programme</narrative></participating-org>'
        '<activity-status code="2"></activity-status><activity-date iso-date="2016-01-01" type="2"></activity-date>'
        '<contact-info type="1"><email>registry.mv@undp.org</email><website>http://www.mv.undp.org/</website>'
        '</contact-info><recipient-country code="MV" percentage="100"><narrative xml:lang="EN">Maldives</narrative>'
        '</recipient-country><sector code="15180" percentage="100" vocabulary="1"></sector><related-activity '
        'ref="XM-DAC-41114-PROJECT-00093667" type="1"></related-activity><conditions attached="0"></conditions>'
        '</iati-activity>')

# The IATI Standard's example activity AA-AAA-123456789-ABC123, cut down, as the IATI Validator keeps it
# (IATI/js-validator-api integration-tests/test-files/iati-act-codelist-basic.xml at
# fb01bbab93d1988c91bbb52443d02ebbd33801c2): an other-identifier with its owner-org, a contact-info with every
# child, two legacy-data and a condition in English and French.
EXAMPLE = ('<iati-activity xml:lang="en" default-currency="USD" hierarchy="1"><iati-identifier>AA-AAA-123456789-ABC123'
           '</iati-identifier><reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0"><narrative>'
           'Organisation name</narrative></reporting-org><title><narrative>Activity title</narrative></title>'
           '<participating-org ref="AA-AAA-123456789" role="3" type="21"><narrative>Name of Agency A</narrative>'
           '</participating-org><other-identifier ref="ABC123-XYZ" type="A1"><owner-org ref="AA-AAA-123456789">'
           '<narrative>Organisation name</narrative></owner-org></other-identifier><activity-status code="2" />'
           '<activity-date iso-date="2012-04-28" type="2" /><contact-info type="1"><organisation><narrative>Agency A'
           '</narrative></organisation><department><narrative>Department B</narrative></department><person-name>'
           '<narrative>A. Example</narrative></person-name><job-title><narrative>Transparency Lead</narrative>'
           '</job-title><telephone>0044111222333444</telephone><email>transparency@example.org</email><website>'
           'http://www.example.org</website><mailing-address><narrative>Transparency House, The Street, Town, City, '
           'Postcode</narrative></mailing-address></contact-info><recipient-country code="AF" percentage="100" />'
           '<sector vocabulary="1" code="11110" percentage="100" /><legacy-data name="Project Status" value="7" '
           'iati-equivalent="activity-status" /><legacy-data name="cost" value="1000" iati-equivalent="transaction" />'
           '<conditions attached="1"><condition type="1"><narrative>Conditions text</narrative><narrative '
           'xml:lang="fr">Conditions texte</narrative></condition></conditions></iati-activity>')


def _typed(site: Path, table: str) -> pd.DataFrame:
    """A table read with pandas as a researcher does: every cell text, then the Data Package's types."""
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == table]
    frame = pd.read_csv(site / "tables" / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""])
    for field in resource["schema"]["fields"]:
        if field["type"] == "boolean":
            frame[field["name"]] = frame[field["name"]].map({"true": True, "false": False})
        elif field["type"] in ("number", "integer"):
            frame[field["name"]] = pd.to_numeric(frame[field["name"]])
    return frame


# CAFOD's GB-CHC-285776-NIG117 and UNDP's XM-DAC-41114-OUTPUT-00097897 (above) state whom to contact (CAFOD by
# e-mail; UNDP's Maldives office by e-mail and web site), CAFOD its own reference NIG117 (other-identifier A1),
# UNDP that no conditions are attached. The graph and the pages kept them, but no table did: a researcher
# matching the activities to CAFOD's own grant list, or asking which aid is conditional, had to query the dumps.
# other_identifiers.csv and contact_info.csv have a row each, keyed by the activity, and activities.csv a
# conditions_attached column; read with the Data Package's types, every row joins activities.csv, and CAFOD's
# description keeps its lines, commas and apostrophe.
def test_cafods_other_identifier_and_undps_contact_and_conditions_are_tabled(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(CAFOD, UNDP))
    assert [line for line in lines if "not mapped" in line] == []
    site = tmp_path / "site"
    build(data, site)
    activities = _typed(site, "activities").set_index("iati_identifier")
    cafod = activities.loc["GB-CHC-285776-NIG117", "id"]
    undp = activities.loc["XM-DAC-41114-OUTPUT-00097897", "id"]
    assert [tuple(r.values()) for r in _rows(site, "other_identifiers")] == [
        (cafod.replace("#id", "#iati-other-identifier-1"), cafod, "NIG117", "A1",
         "Reporting Organisation's internal activity identifier", "", "", "")]
    assert [(r["activity"], r["type_code"], r["type_label"], r["organisation"], r["email"], r["website"])
            for r in _rows(site, "contact_info")] == [
        (cafod, "", "", "CAFOD", "cafod@cafod.org.uk", ""),
        (undp, "1", "General Enquiries", "", "registry.mv@undp.org", "http://www.mv.undp.org/")]
    assert activities["conditions_attached"].fillna("none").to_dict() == {
        "GB-CHC-285776-NIG117": "none", "XM-DAC-41114-OUTPUT-00097897": False}
    for table in ("other_identifiers", "contact_info", "descriptions"):
        assert set(_typed(site, table)["activity"]) <= set(activities["id"])
    (text,) = _typed(site, "descriptions")["text"]
    assert text.endswith("- Failure of the city's sewerage network,\n\nTo date, 69 people have died.")


# The IATI Standard's example activity AA-AAA-123456789-ABC123 (above) states each of these elements once:
# an other-identifier owned by Agency A's organisation, a contact with every part, two legacy-data (the
# publisher's "Project Status" 7, its activity-status) and a policy condition in English and French. No table
# had them. Each has its table, with the codelists' names, CSVW columns that give triples the graph holds,
# the Data Package's keys, a docs/tables.md section and a front-page label in nb, fr and es.
def test_the_example_activitys_identifiers_contact_legacy_data_and_conditions_are_tabled(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(EXAMPLE))
    assert [line for line in lines if "not mapped" in line] == []
    site = tmp_path / "site"
    build(data, site)
    base = "http://example.org/project/abc123"
    [other] = _rows(site, "other_identifiers")
    assert (other["ref"], other["type_code"], other["owner_ref"], other["owner_name"]) == (
        "ABC123-XYZ", "A1", "AA-AAA-123456789", "Organisation name")
    [contact] = _rows(site, "contact_info")
    assert list(contact.values())[2:] == [
        "1", "General Enquiries", "Agency A", "Department B", "A. Example", "Transparency Lead", "0044111222333444",
        "transparency@example.org", "http://www.example.org", "Transparency House, The Street, Town, City, Postcode"]
    assert [tuple(r.values()) for r in _rows(site, "conditions")] == [
        (f"{base}#iati-conditions-1-condition-1", f"{base}#id", "1", "Policy", "Conditions text")]
    assert [tuple(r.values())[1:] for r in _rows(site, "legacy_data")] == [
        (f"{base}#id", "Project Status", "7", "activity-status"), (f"{base}#id", "cost", "1000", "transaction")]
    [activity] = _rows(site, "activities")
    assert activity["conditions_attached"] == "true"
    # the mapped columns are the graph's; every table is keyed by its activity
    graph = Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    assert [t for t in csvw_to_rdf(site / "tables") if t not in graph] == []
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["name"]: [(fk["fields"], fk["reference"]["resource"]) for fk in r["schema"].get("foreignKeys", [])]
            for r in package["resources"]}
    assert keys["other_identifiers"] == [(["activity"], "activities"), (["owner_org"], "organisations")]
    assert keys["contact_info"] == keys["conditions"] == keys["legacy_data"] == [(["activity"], "activities")]
    doc = (Path(__file__).parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    for table in ("other_identifiers", "contact_info", "conditions", "legacy_data"):
        assert f"### `{table}.csv`" in doc
        label = TABLE_LABELS[table]
        assert all(translations(lang).gettext(label) != label for lang in ("nb", "fr", "es"))
