"""The tables (tables/*.csv) of sites built from real publishers' IATI files, as a researcher loads,
joins and sums them: each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import GATES_OPENING, _file, _import, _rows  # the helpers of the IATI import's tests

GATES = (GATES_OPENING + '<default-flow-type code="30"></default-flow-type><default-finance-type code="110">'
         '</default-finance-type><transaction><transaction-type code="2"></transaction-type><transaction-date '
         'iso-date="2020-03-16"></transaction-date><value currency="USD" value-date="2020-03-16">199890</value>'
         '<provider-org ref="DAC-1601" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
         '</narrative></provider-org><receiver-org><narrative xml:lang="EN">Columbia University</narrative>'
         '</receiver-org></transaction></iati-activity>')

SIDA = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
        'SE-0-SE-6-5403060401-AFG-16040</iati-identifier><reporting-org ref="SE-0" secondary-reporter="0" type="10">'
        '<narrative xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19 '
        'Swedish Mission Council frame 2017-2021</narrative></title><description type="1"><narrative '
        'xml:lang="EN">Reprogrammed funds to address COVID-19</narrative></description><participating-org '
        'ref="SE-6" role="3" type="10"><narrative xml:lang="EN">Swedish International Development Cooperation '
        'Agency</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
        'iso-date="2017-01-01" type="2"></activity-date><recipient-country code="AF" percentage="100">'
        '</recipient-country><sector code="16040" percentage="100" vocabulary="1"></sector><default-flow-type '
        'code="10"></default-flow-type><transaction><transaction-type code="2"></transaction-type><transaction-date '
        'iso-date="2017-01-01"></transaction-date><value currency="USD" value-date="2017-01-01">139627.939627</value>'
        '</transaction><transaction><transaction-type code="3"></transaction-type><transaction-date '
        'iso-date="2017-03-28"></transaction-date><value currency="USD" value-date="2017-03-28">93085.2930852931'
        '</value></transaction></iati-activity>')


# Cut down from the Gates Foundation's activity DAC-1601-INV-006216 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_10.xml at 27495286329b47911637e7396f4212f439a4d106) and Sida's activity
# SE-0-SE-6-5403060401-AFG-16040 (saved_data/dportal_50.xml at 27495286329b47911637e7396f4212f439a4d106), one
# download as d-portal gives it: activities of several publishers. No table named an activity's publisher (its
# reporting-org): a researcher summing per publisher had nothing to group by (Sweden's activity names no funder
# among its participating organisations, and its transactions no provider). activities.csv now has the
# reporting organisation's record (a foreign key to organisations.csv, when it has one), identifier and name.
def test_activities_name_their_reporting_organisation(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(GATES, SIDA))
    build(data, tmp_path / "site")
    site = tmp_path / "site"
    reported = {r["iati_identifier"]: (r["reporting_org"], r["reporting_ref"], r["reporting_name"])
                for r in _rows(site, "activities")}
    assert reported == {
        "DAC-1601-INV-006216": ("http://example.org/organisation/dac-1601#id", "DAC-1601",
                                "Bill and Melinda Gates Foundation"),
        # Sweden is named by its reporting-org alone: the import keeps a record of it as stated (a publisher
        # of the dataset's activities has its page and its own organisation file, test_iati_import_quirks44.py)
        "SE-0-SE-6-5403060401-AFG-16040": ("http://example.org/organisation/se-0#id", "SE-0", "Sweden")}
    assert {org for org, _ref, _name in reported.values()} - {""} <= {r["id"] for r in _rows(site, "organisations")}
    # a researcher's sum per publisher: the transactions joined to their activities' reporting organisation
    publisher = {r["id"]: r["reporting_ref"] for r in _rows(site, "activities")}
    committed: dict[str, float] = {}
    for t in _rows(site, "transactions"):
        committed[publisher[t["activity"]]] = committed.get(publisher[t["activity"]], 0) + float(t["value"])
    assert committed == {"DAC-1601": 199890, "SE-0": 139627.939627 + 93085.2930852931}
