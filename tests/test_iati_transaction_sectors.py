"""IATI import, pages and tables of activities that state their sectors and recipient countries on
each transaction instead of on the activity (IATI 2.03 allows either, never both): each case is cut
down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from lxml import etree

from aidlod.build import build
from aidlod.iati import SUPPLEMENT, ruleset
from aidlod.queries import examples, read_csv
from test_iati_import_quirks import _file, _import, _page_text, _rows  # the same helpers as the first file

USAID = '<narrative xml:lang="EN">U.S. Agency for International Development</narrative>'


def _usaid_transaction(ref: str, kind: str, date: str, value: str, country: str, cluster: bool) -> str:
    return (f'<transaction humanitarian="1" ref="{ref}"><transaction-type code="{kind}"></transaction-type>'
            f'<transaction-date iso-date="{date}"></transaction-date><value currency="USD" value-date="{date}">'
            f'{value}</value><disbursement-channel code="2"></disbursement-channel><sector code="12264" '
            'vocabulary="1"><narrative xml:lang="EN">COVID-19 control</narrative></sector><sector code="7001" '
            'vocabulary="99"><narrative xml:lang="EN">Protection, Assistance and Solutions</narrative></sector>'
            + ('<sector code="7" vocabulary="10"></sector>' if cluster else '')
            + (f'<recipient-country code="{country}"></recipient-country>' if country else '') + '</transaction>')


def _usaid_activity(budget: str = "", cameroon: str = "CM", on_itself: str = "") -> str:
    """The USAID activity below, cut down (with ``budget`` and ``on_itself`` added to it when given)."""
    return ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>US-GOV-1-'
            f'720FDA20GR00078</iati-identifier><reporting-org ref="US-GOV-1" type="10">{USAID}</reporting-org>'
            '<title><narrative xml:lang="FR">Activit&#xE9;s du secours COVID-19</narrative><narrative '
            'xml:lang="EN">Emergency COVID-19 Activities</narrative></title><description>'
            '<narrative xml:lang="EN">Emergency COVID-19 activities to conflict-affected populations in Niger, '
            'Chad, Cameroon and Burkina Faso.</narrative></description><participating-org ref="US-GOV-1" '
            f'role="1" type="10">{USAID}</participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2020-07-10" type="2"></activity-date><activity-scope code="4">'
            '</activity-scope><default-flow-type code="10"></default-flow-type><default-finance-type code="110">'
            '</default-finance-type>' + on_itself + budget
            + _usaid_transaction("499437AE1F41", "2", "2020-07-31", "1196664", "CM", True)
            + _usaid_transaction("1C5F6DB52F76", "3", "2020-11-30", "723531", cameroon, False)
            + _usaid_transaction("D49BCC78C6A9", "2", "2020-07-31", "1300406", "NE", True)
            + _usaid_transaction("9239DD78F356", "3", "2021-03-31", "-67772", "NE", False)
            + '</iati-activity>')


# Cut down from USAID's activity US-GOV-1-720FDA20GR00078 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_61.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d): an emergency grant in Cameroon
# and Niger (and Chad and Burkina Faso) that states no recipient country or sector of its own, each
# transaction its country and its sectors. The page said nowhere which countries the activity serves
# (only each transaction's), no schema:areaServed linked it to them, activity_countries.csv had no row
# of it, its page stated no sector, and the example query of projects per sector had no row of it. The
# countries and sectors are the activity's now, said to be its transactions'; the IATI export keeps them
# on the transactions, where the file states them.
def test_countries_and_sectors_stated_on_each_transaction_are_the_activitys(tmp_path: Path) -> None:
    activity = _usaid_activity()
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "720fda20gr00078.en.html")
    assert "Area served Cameroon Niger (from its transactions)" in page
    assert ("Sector 12264 – COVID-19 control 7 – Health 7001 – Protection, Assistance and Solutions "
            "(from its transactions)") in page
    assert "(depuis ses transactions)" in _page_text(site / "project" / "720fda20gr00078.fr.html")
    served = {(row["country_code"], row["percentage"]) for row in _rows(site, "activity_countries")}
    assert served == {("CM", ""), ("NE", "")}  # no share the file does not state
    doc = json.loads((site / "project" / "720fda20gr00078.jsonld").read_text(encoding="utf-8"))
    nodes = doc.get("@graph", [doc])
    [project] = [n for n in nodes if str(n.get("@id", "")).endswith("720fda20gr00078#id")]
    assert sorted(str(a.get("@id", a)) if isinstance(a, dict) else a for a in project["schema:areaServed"]) == [
        "http://example.org/country/cm#id", "http://example.org/country/ne#id"]
    assert "Area served Emergency COVID-19 Activities" in _page_text(site / "country" / "cm.en.html")
    # the IATI export keeps the transaction form: no recipient-country or sector on the activity
    [exported] = etree.parse(str(site / "iati" / "activities.xml")).getroot().findall("iati-activity")
    assert exported.findall("recipient-country") == [] and exported.findall("sector") == []
    assert [c.get("code") for c in exported.findall("transaction/recipient-country")] == ["CM", "CM", "NE", "NE"]
    assert len(exported.findall("transaction/sector")) == 10
    # the example query of projects per sector has it in the DAC sector its transactions state (it had
    # no row of it), without a share
    store = ox.Store()
    store.load(path=str(site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    [example] = [e for e in examples() if e.name == "projects-by-sector"]
    rows = read_csv(store.query(example.text).serialize(format=ox.QueryResultsFormat.CSV))
    assert rows == [{"code": "12264", "sector": "COVID-19 control", "project": "Emergency COVID-19 Activities",
                     "percentage": ""}]


# Cut down from the US State Department's activity US-GOV-11-JM-19JM3720P0541 (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_57.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d): its country,
# Jamaica, is on the activity, its sectors (DAC 16063 and the State Department's own 1004) on each
# transaction. The page stated no sector; Jamaica, the activity's own, is not said to be the transactions'.
def test_sectors_stated_on_each_transaction_beside_a_country_on_the_activity(tmp_path: Path) -> None:
    usg = '<narrative xml:lang="EN">The federal government of the United States</narrative>'

    def transaction(date: str, value: str) -> str:
        return ('<transaction humanitarian="0"><transaction-type code="3"></transaction-type><transaction-date '
                f'iso-date="{date}"></transaction-date><value currency="USD" value-date="{date}">{value}</value>'
                '<description><narrative xml:lang="EN">Original - OTHER CONTRACTUAL EXP (NOC)</narrative>'
                '</description><sector code="1004" vocabulary="99"><narrative xml:lang="EN">Counter-Narcotics'
                '</narrative></sector><sector code="16063" vocabulary="1"><narrative xml:lang="EN">Narcotics control'
                '</narrative></sector></transaction>')

    activity = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
                f'US-GOV-11-JM-19JM3720P0541</iati-identifier><reporting-org ref="US-USAGOV" type="10">{usg}'
                '</reporting-org><title><narrative xml:lang="EN">INL DRUG DEMAND REDUCTION MEDIA CAMPAIGN COVID 19'
                '</narrative></title><description><narrative xml:lang="EN">INL DRUG DEMAND REDUCTION MEDIA CAMPAIGN '
                'COVID 19 ZIP [Covers miscellaneous contractual services not otherwise classified.]</narrative>'
                f'</description><participating-org ref="US-USAGOV" role="1" type="10">{usg}</participating-org>'
                '<participating-org ref="US-GOV-11" role="2" type="10"><narrative xml:lang="EN">U.S. Department of '
                'State</narrative></participating-org><other-identifier ref="US-GOV" type="B1"></other-identifier>'
                '<activity-status code="4"></activity-status><activity-date iso-date="2020-07-07" type="2">'
                '</activity-date><recipient-country code="JM" percentage="100"></recipient-country>'
                + transaction("2020-07-07", "1989.66") + transaction("2020-08-05", "155.17") + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    page = _page_text(site / "project" / "us-gov-11-jm-19jm3720p0541.en.html")
    assert "Sector 16063 – Narcotics control 1004 – Counter-Narcotics (from its transactions)" in page
    assert "Area served Jamaica Default" in page  # its own: not noted as its transactions'
    [exported] = etree.parse(str(site / "iati" / "activities.xml")).getroot().findall("iati-activity")
    assert [c.get("code") for c in exported.findall("recipient-country")] == ["JM"]
    assert exported.findall("sector") == []


# The USAID activity above (US-GOV-1-720FDA20GR00078, dportal_61.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d)
# with a budget added, which that file does not state (USAID's activities of other files do): a budget
# has no country or sector of its own, and the activity states none, so splits.csv put it nowhere
# (area and sector "unspecified"), although its transactions state where the money goes; a plain
# country of the activity would have shared it equally. It is split as the commitments are now, by
# their value (Cameroon 1,196,664 and Niger 1,300,406 of USD 2,497,070), with the rule "weighted".
def test_a_budget_of_an_activity_that_states_its_countries_on_its_transactions_is_weighted_by_them(
        tmp_path: Path) -> None:
    activity = _usaid_activity(budget='<budget type="1" status="1"><period-start iso-date="2020-07-10">'
                                      '</period-start><period-end iso-date="2021-01-09"></period-end><value '
                                      'currency="USD" value-date="2020-07-10">2000000</value></budget>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    budget = [(row["area_code"], row["area_rule"], row["sector_code"], row["sector_rule"], row["value"])
              for row in _rows(site, "splits") if row["table"] == "budgets"]
    assert budget == [("CM", "weighted", "12264", "weighted", "958454.51"),
                      ("NE", "weighted", "12264", "weighted", "1041545.49")]


# The same activity with its budget, and one of its disbursements in another currency (EUR): the budget is
# weighted by the commitments (all USD), which the disbursements do not weigh into, so the currency of a
# disbursement says nothing of it. splits.csv put it nowhere ("unspecified") for the other currency, where
# iatiflattener (the Country Development Finance Data tool's flattener) put it in Cameroon and Niger by the
# commitments (docs/iati.md, "Read by aggregators' tools": the round-trip fixture GB-CHC-1234567-EA-2018-03's
# GBP budget, beside a UGX disbursement). The disbursements' amounts unknown, the same.
def test_a_budget_weighted_by_commitments_is_not_unspecified_for_a_disbursement_in_another_currency(
        tmp_path: Path) -> None:
    activity = _usaid_activity(budget='<budget type="1" status="1"><period-start iso-date="2020-07-10">'
                                      '</period-start><period-end iso-date="2021-01-09"></period-end><value '
                                      'currency="USD" value-date="2020-07-10">2000000</value></budget>')
    other = 'currency="USD" value-date="2020-11-30">'
    assert activity.count(other) == 1
    activity = activity.replace(other, 'currency="EUR" value-date="2020-11-30">')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "splits")
    assert {row["currency"] for row in rows if row["table"] == "transactions"} == {"USD", "EUR"}
    budget = [(row["area_code"], row["area_rule"], row["sector_code"], row["sector_rule"], row["value"])
              for row in rows if row["table"] == "budgets"]
    assert budget == [("CM", "weighted", "12264", "weighted", "958454.51"),
                      ("NE", "weighted", "12264", "weighted", "1041545.49")]


# The same USAID activity (dportal_61.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d) against the IATI
# 2.03 rule of transaction/sector and transaction/recipient-country: on the activity or on its
# transactions, never both, and then on each transaction. As published it keeps the rule; broken on
# purpose (Cameroon stated on the activity too, or a disbursement without its country) it did not
# breach any rule aidlod checks, and the site's pages and splits would have been built from it silently.
def test_the_rule_of_sectors_and_countries_on_the_activity_or_on_each_transaction_is_checked() -> None:
    rules = ruleset.load(SUPPLEMENT)

    def breaches(activity: str) -> list[str]:
        failures, _applied = ruleset.check(etree.fromstring(_file(activity)), rules)
        return [json.loads(f.case)["message"] for f in failures if "(IATI 2.03)" in json.loads(f.case)["message"]]

    assert breaches(_usaid_activity()) == []
    both = breaches(_usaid_activity(on_itself='<recipient-country code="CM" percentage="100"></recipient-country>'
                                              '<sector code="12264" percentage="100"></sector>'))
    assert both == ["an activity states its sectors on itself or on its transactions, not both (IATI 2.03)",
                    "an activity states its recipient countries and regions on itself or on its transactions, not "
                    "both (IATI 2.03)"]
    assert breaches(_usaid_activity(cameroon="")) == [
        "when an activity states its recipient countries or regions on its transactions, each of them states its "
        "recipient country or region (IATI 2.03)"]
