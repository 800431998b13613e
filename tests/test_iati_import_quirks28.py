"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks27.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from aidlod.build import build
from aidlod.iati import ruleset
from test_iati_import_quirks import _file, _import, _page_text, _rows  # the same helpers as the first file
from test_iati_import_quirks18 import cordaid  # Cordaid's activity of one indicator

ORG = '<narrative>Organisation name</narrative>'


def _example(ident: str, dates: str, body: str) -> str:
    """The IATI Standard's example activity as IATI's Validator keeps it to test one rule, cut down."""
    return (f'<iati-activity xml:lang="en" default-currency="USD" hierarchy="1"><iati-identifier>{ident}'
            f'</iati-identifier><reporting-org ref="XM-DAC-41127" type="40" secondary-reporter="0">{ORG}'
            '</reporting-org><title><narrative>Activity title</narrative></title><description type="1"><narrative>'
            'General activity description text.</narrative></description><participating-org ref="BB-BBB-123456789" '
            'role="1" type="40"><narrative>Name of Agency B</narrative></participating-org><activity-status code="2"/>'
            f'{dates}<recipient-country code="AF" percentage="50"/><recipient-country code="AG" percentage="50"/>'
            '<sector vocabulary="1" code="11110" percentage="50"/><sector vocabulary="1" code="11230" percentage="50"/>'
            f'{body}</iati-activity>')


# Cut down from the IATI Standard's example activity XM-DAC-41127-123 as the IATI Validator keeps it to test
# the time-limit rule (IATI/js-validator-api integration-tests/test-files/iati-act-timeLimit-error.xml at
# 120020ff66d7d51bc5155d24566c253c787bfc14): its budget runs from 2014-01-01 to 2015-02-20, and the example
# XM-DAC-41127-1 of iati-multi-act-dateOrder-error.xml (at 69c921b2eebea8bbef049801c9c777673e8e5bb3) plans
# its start (2016-04-15) after its planned end (2015-12-31). The quality page headed their findings with the
# ruleset's rule type and XPath ("time_limit //budget", "date_order //iati-activity"), and said what was
# wrong in XPaths and Python lists ("activity-date[@type='1']/@iso-date (2016-04-15) is after ...",
# "(period-start/@iso-date and period-end/@iso-date are more than a year apart)", without the dates); which
# of an activity's budgets was at fault was not said (the activity's identifier alone); the ruleset a rule
# is of read "aidlod" or "standard", which did not tell that IATI's Validator does not apply aidlod's.
def test_ruleset_findings_say_in_plain_words_what_is_wrong_where_and_what_the_standard_wants(tmp_path: Path) -> None:
    budget = ('<budget type="1" status="1"><period-start iso-date="2014-01-01"/><period-end iso-date="2015-02-20"/>'
              '<value currency="EUR" value-date="2014-01-01">3000</value></budget>')
    disbursement = ('<planned-disbursement type="1"><period-start iso-date="2014-01-01"/><period-end iso-date='
                    '"2014-12-31"/><value currency="EUR" value-date="2014-01-01">3000</value></planned-disbursement>')
    data, _lines = _import(tmp_path, _file(
        _example("XM-DAC-41127-123", '<activity-date iso-date="2012-04-15" type="1"/><activity-date '
                 'iso-date="2012-04-28" type="2"/><activity-date iso-date="2015-12-31" type="3"/>',
                 disbursement + budget),
        _example("XM-DAC-41127-1", '<activity-date iso-date="2016-04-15" type="1"/><activity-date '
                 'iso-date="2015-12-31" type="3"/>', disbursement + disbursement.replace("2014", "2015"))))
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "quality.en.html").read_text(encoding="utf-8")
    text = _page_text(tmp_path / "site" / "quality.en.html")
    iati = text[text.index("The IATI ruleset"):]
    # what the standard wants heads each rule's findings, as the table of breaches names it
    assert ('<td><a href="#iati-1">a budget&#39;s period is a year at most (the 2.03 schema: budget/period-end)</a>'
            "</td></tr>") in page
    assert ("an activity's planned start date (activity-date type 1) is not after its planned end date (type 3)"
            in iati)
    assert '<h3 id="iati-1-h"><span>time_limit' not in page and "<code>time_limit</code> <code>//budget</code></a>" \
        not in page
    # what is wrong, where: the activity and the element in it, with the values it states
    assert ("XM-DAC-41127-123 · budget : the period-start (2014-01-01) and the period-end (2015-02-20) are 415 days "
            "apart") in iati
    assert ('XM-DAC-41127-1 : the activity-date type="1" (2016-04-15) is after the activity-date type="3" '
            "(2015-12-31)") in iati
    assert "@iso-date" not in iati.split("Count:")[-1] and "['" not in iati and '["' not in iati.replace('{"', "")
    # linked to the activity's page
    assert 'href="project/123.en.html"><code>XM-DAC-41127-123 · budget</code></a>' in page
    # which ruleset says so, by name: the budget rule is aidlod's (the 2.03 schema's), not the Validator's
    assert "1 aidlod's supplementary rules a budget's period is a year at most" in iati
    assert "1 IATI standard ruleset an activity's planned start date" in iati



# The same file: the page's totals read "0 findings, 0 rules with findings" and, under "Findings by rule",
# "No findings: the data meets every rule.", above the IATI ruleset's list of two breaches: a publisher
# reading the top of the page took the file for one that meets the rules. The totals now count the IATI
# ruleset's breaches too, and the SHACL section says which rules it speaks of.
def test_the_quality_pages_totals_count_the_iati_rule_breaches(tmp_path: Path) -> None:
    budget = ('<budget type="1" status="1"><period-start iso-date="2014-01-01"/><period-end iso-date="2015-02-20"/>'
              '<value currency="EUR" value-date="2014-01-01">3000</value></budget>')
    data, _lines = _import(tmp_path, _file(
        _example("XM-DAC-41127-123", '<activity-date iso-date="2012-04-15" type="1"/><activity-date '
                 'iso-date="2012-04-28" type="2"/><activity-date iso-date="2015-12-31" type="3"/>', budget),
        _example("XM-DAC-41127-1", '<activity-date iso-date="2016-04-15" type="1"/><activity-date '
                 'iso-date="2015-12-31" type="3"/>', "")))
    build(data, tmp_path / "site")
    text = _page_text(tmp_path / "site" / "quality.en.html")
    assert "0 findings 0 rules with findings 0 resources with findings 2 IATI activities checked 2 breaches of the " \
           "IATI rules" in text
    assert "No findings: the data meets every SHACL rule." in text
    # in Norwegian too (the activities have no Norwegian title: SHACL findings of their own)
    (data / "dataset.yaml").write_text((data / "dataset.yaml").read_text(encoding="utf-8").replace(
        "languages:\n- en", "languages:\n- en\n- nb"), encoding="utf-8")
    build(data, tmp_path / "site-nb")
    nb = _page_text(tmp_path / "site-nb" / "quality.nb.html")
    assert "2 IATI-aktiviteter sjekket 2 brudd på IATI-reglene" in nb
    # and a SHACL finding names the activity by its IATI identifier, as the ruleset's do: it read "123 · title",
    # the record id aidlod made of it, which the publisher does not know it by
    assert "XM-DAC-41127-123 (123) · title" in nb and "XM-DAC-41127-1 (1) · title" in nb


# Cut down from Cordaid's activity NL-KVK-41160054-201234 in d-portal's download for the Pakistan floods
# (OCHA-DAP/hdx-scraper-iati-downloadonly pakistanfloods/dportal.xml, commit
# 0b2ee2d848d9c9babef37a3a582c2941021036d5): its baseline states the day it was gathered,
# <baseline iso-date="2022-12-31" year="2022">. tables/indicator_periods.csv had the year alone: the day
# was in the graph and on the page, not in the table a researcher reads. It is now the last column,
# baseline_date, in the CSVW metadata and the Data Package too; a baseline without one leaves it empty.
def test_a_baselines_date_is_in_the_indicator_periods_table(tmp_path: Path) -> None:
    def activity(ident: str, baseline: str) -> str:
        return cordaid(ident, f'{baseline}<period><period-start iso-date="2022-09-17"/><period-end '
                       'iso-date="2023-03-31"/><target value="5000"/></period>')

    data, _lines = _import(tmp_path, _file(
        activity("NL-KVK-41160054-201234", '<baseline iso-date="2022-12-31" value="4810" year="2022"><dimension '
                 'name="Age (-18/18+)" value="Age 18 &gt;"/></baseline>'),
        activity("NL-KVK-41160054-201235", '<baseline value="4810" year="2022"/>')))
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "indicator_periods")
    assert [(r["baseline_year"], r["baseline_date"]) for r in rows] == [("2022", "2022-12-31"), ("2022", "")]
    header = (site / "tables" / "indicator_periods.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",indicator_description,baseline_date")
    metadata = json.loads((site / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    [table] = [t for t in metadata["tables"] if t["url"].endswith("indicator_periods.csv")]
    assert table["tableSchema"]["columns"][-1]["name"] == "baseline_date"
    package = json.loads((site / "tables" / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["path"].endswith("indicator_periods.csv")]
    assert resource["schema"]["fields"][-1]["name"] == "baseline_date"


# The IATI Standard's example activity XM-DAC-41127-1 (iati-multi-act-dateOrder-error.xml, above) cut down
# further, to no participating-org: the build cannot export it (IATI requires one) and the quality page's
# "Other warnings of the build" said so of "project/1", a path of aidlod's site, where the publisher knows
# the activity as XM-DAC-41127-1.
def test_a_build_warning_names_the_activity_by_its_iati_identifier(tmp_path: Path) -> None:
    dates = '<activity-date iso-date="2012-04-15" type="1"/><activity-date iso-date="2015-12-31" type="3"/>'
    partnerless = _example("XM-DAC-41127-1", dates, "").replace(
        '<participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>Name of Agency B</narrative>'
        '</participating-org>', "")
    data, _lines = _import(tmp_path, _file(partnerless, _example("XM-DAC-41127-123", dates, "")))
    build(data, tmp_path / "site")
    text = _page_text(tmp_path / "site" / "quality.en.html")
    others = text[text.index("Other warnings of the build"):text.index("The IATI ruleset")]
    assert "not exported to IATI: IATI requires a participating organisation Count: 1 XM-DAC-41127-1 (project/1)" \
        in others


def test_a_percentage_that_is_no_number_fails_the_sum_rule_rather_than_stopping_the_check() -> None:
    # A decimal NaN does not compare: ``abs(NaN - 100) <= 0`` raised InvalidOperation, so one sector
    # percentage of "abc" stopped the whole check instead of failing its rule (the comment said it failed).
    doc = etree.fromstring(b'<iati-activities><iati-activity><iati-identifier>XM-EXAMPLE-1</iati-identifier>'
                           b'<sector code="11110" percentage="abc"/><sector code="11120" percentage="50"/>'
                           b'</iati-activity></iati-activities>')
    spec = {"//iati-activity": {"strict_sum": {"cases": [{"paths": ["sector/@percentage"], "sum": 100}]}}}
    failures, applied = ruleset.check(doc, spec)
    assert applied == {"strict_sum": 1}
    assert [f.message for f in failures] == ["the percentages of sector add up to a value that is not a number, "
                                             "not 100"], failures
