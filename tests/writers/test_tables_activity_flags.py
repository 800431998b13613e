"""activities.csv: the activity-level facts real publishers state once per activity (whether it is
humanitarian, its capital spend); each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import GATES_OPENING, _file, _import, _rows  # the import quirks tests' helpers

# The Foreign, Commonwealth and Development Office's activity GB-1-204603-120, cut down (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_19.xml at 27495286329b47911637e7396f4212f439a4d106).
FCDO_PAKISTAN = (
    '<iati-activity default-currency="GBP" hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>'
    'GB-1-204603-120</iati-identifier><reporting-org ref="GB-GOV-1" type="10"><narrative xml:lang="EN">Foreign, '
    'Commonwealth and Development Office</narrative></reporting-org><title><narrative xml:lang="EN">World Health '
    'Organisation - Covid-19 Response - Phase 2</narrative></title><description><narrative xml:lang="EN">This '
    'activity (World Health Organisation - Covid-19 Response - Phase 2) is a component of Multi-Year Humanitarian '
    'Programme in Pakistan reported by FCDO.</narrative></description><participating-org ref="GB-GOV-1" role="1" '
    'type="10"><narrative xml:lang="EN">Foreign, Commonwealth and Development Office</narrative></participating-org>'
    '<participating-org ref="XM-DAC-928" role="4" type="40"><narrative xml:lang="EN">World Health Organization (WHO)'
    '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
    'iso-date="2020-09-02" type="2"></activity-date><recipient-country code="PK" percentage="100">'
    '</recipient-country><sector code="12261" percentage="100" vocabulary="1"></sector><collaboration-type '
    'code="1"></collaboration-type><default-flow-type code="10"></default-flow-type><capital-spend percentage="0">'
    '</capital-spend><transaction ref="REFCO1"><transaction-type code="2"></transaction-type><transaction-date '
    'iso-date="2020-10-21"></transaction-date><value currency="GBP" value-date="2020-10-21">2000057</value>'
    '</transaction></iati-activity>')


# FCDO's GB-1-204603-120 (above), its COVID-19 response in Pakistan through WHO, is humanitarian
# (@humanitarian="1") and states its capital spend, 0 %; the Gates Foundation's DAC-1601-INV-006216
# (tests/test_iati_import_quirks.py, GATES_OPENING) states humanitarian="0" and no capital spend. No table
# said whether an activity is humanitarian (transactions.csv only, for an activity with transactions, through
# each transaction's inherited flag) nor its capital spend. activities.csv has both, last (the older columns
# keep their places): true or false and the percentage as stated (0 is a stated value, kept), empty when the
# source states none.
def test_an_activitys_humanitarian_flag_and_capital_spend_are_in_activities_csv(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(FCDO_PAKISTAN, GATES_OPENING + "</iati-activity>"))
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "activities")
    assert [(r["iati_identifier"], r["humanitarian"], r["capital_spend"]) for r in rows] == [
        ("DAC-1601-INV-006216", "false", ""), ("GB-1-204603-120", "true", "0")]
    assert list(rows[0])[-3:] == ["humanitarian", "capital_spend", "conditions_attached"]
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "activities"]
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert (types["humanitarian"], types["capital_spend"]) == ("boolean", "number")
