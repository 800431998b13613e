"""IATI import: where one part of an element is missing, the valid rest of it is kept (by the 2.03
Standard's own rules), said so in the import notes, and the IATI re-export stays valid. Each case is
cut down from a published file, named in the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import CC_BY, RVO_OPENING, _file, _import, _page_text, _rows  # the first file's helpers
from test_iati_organisation_file import ORG_FILE, ROOT

# The World Health Organization's activity XM-DAC-928-MU-2020-21-13.003.AF01.MUS03 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_125.xml at 27495286329b47911637e7396f4212f439a4d106),
# cut down to one budget and one expenditure.
WHO_OPENING = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" xml:lang="EN"><iati-identifier>'
               'XM-DAC-928-MU-2020-21-13.003.AF01.MUS03</iati-identifier><reporting-org ref="XM-DAC-928" type="40">'
               '<narrative xml:lang="EN">World Health Organization</narrative></reporting-org><title><narrative '
               'xml:lang="EN">Essential health services and systems maintained and strengthened in fragile, conflict '
               'and vulnerable settings</narrative></title><description type="1"><narrative xml:lang="EN">Essential '
               'health services and systems maintained and strengthened in fragile, conflict and vulnerable settings'
               '</narrative></description><participating-org ref="XM-DAC-928" role="2" type="40"><narrative '
               'xml:lang="EN">World Health Organization</narrative></participating-org><activity-status code="2">'
               '</activity-status><activity-date iso-date="2020-01-01" type="2"></activity-date><recipient-country '
               'code="MU" percentage="100"><narrative xml:lang="EN">Mauritius</narrative></recipient-country><sector '
               'code="72010" percentage="100" vocabulary="1"></sector>')


def _who(value_date: str) -> str:
    """WHO's activity, its budget's and expenditure's ``value`` with ``value_date`` (attribute text)."""
    return (WHO_OPENING + '<budget status="2" type="1"><period-start iso-date="2020-01-01"></period-start><period-end '
            f'iso-date="2020-12-31"></period-end><value currency="USD"{value_date}>944987.94</value></budget>'
            '<transaction humanitarian="1" ref="Expenditure"><transaction-type code="4"></transaction-type>'
            '<transaction-date iso-date="2021-03-31"></transaction-date><value currency="USD"'
            f'{value_date}>195518.52</value><description><narrative xml:lang="EN">Contractual services</narrative>'
            '</description><provider-org ref="XM-DAC-928"><narrative xml:lang="EN">World Health Organization'
            '</narrative></provider-org></transaction></iati-activity>')


# WHO's activity above (dportal_125.xml at 27495286…) with its values' value-date left out, as publishers
# wrote them while IATI's reference pages showed value-date as optional (IATI/IATI-Standard-SSOT issue #226,
# fixed in 2018; OIPA stored such transactions, zimmerman-team/IATI.cloud issue #227): the 2.03 schema
# requires it on every value, as the day of the exchange rate. The whole transaction was dropped ("not mapped:
# transaction (transaction.value[0].value-date: is required by IATI <value> but missing)"), amount, date,
# provider and all, and so was the budget: the page, the tables and the IATI re-export had neither. Now both
# are kept as stated, without a value-date (no day the publisher did not state); the import note says which
# date stands in for it; the currency conversions take the transaction's date (the budget's period start),
# named by their rule; and the re-export writes that date, marked aidlod:derived="value-date", valid by the
# 2.03 schema.
def test_a_transaction_and_a_budget_without_value_date_keep_their_amounts(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(_who("")))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line for line in lines if "transaction/value: no value-date" in line and "transaction-date (2021-03-31)"
            in line], lines
    assert [line for line in lines if "budget/value: no value-date" in line and "period-start (2020-01-01)" in line]
    project = yaml.safe_load((data / "projects" / "mu-2020-21-13-003-af01-mus03.yaml").read_text(encoding="utf-8"))
    [tx] = project["iati"]["transaction"]
    assert tx["value"] == [{"currency": "USD", "text": "195518.52"}]
    [budget] = project["iati"]["budget"]
    assert budget["value"] == [{"currency": "USD", "text": "944987.94"}]

    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "transactions")
    assert (row["value"], row["currency"], row["date"], row["value_date"]) == ("195518.52", "USD", "2021-03-31", "")
    assert (row["conversion_value_date"], row["value_date_rule"]) == ("2021-03-31", "transaction-date")
    assert row["value_eur"]
    [brow] = _rows(site, "budgets")
    assert (brow["value"], brow["value_date"], brow["value_date_rule"]) == ("944987.94", "", "budget-period-start")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'value-date="2021-03-31" aidlod:derived="value-date">195518.52</value>' in exported
    assert b'value-date="2020-01-01" aidlod:derived="value-date">944987.94</value>' in exported

    # the export imported again: the derived day is the export's, not the publisher's; it is left out
    again = tmp_path / "again"
    report = import_iati(site / "iati" / "activities.xml", again, licence=CC_BY, base_iri="http://example.org/")
    assert not [line for line in report.lines() if "aidlod:derived" in line or "not mapped: transaction" in line
                or "not mapped: budget" in line], report.lines()
    assert [line for line in report.lines() if "transaction/value: no value-date" in line], report.lines()
    [reread] = (again / "projects").iterdir()
    [tx] = yaml.safe_load(reread.read_text(encoding="utf-8"))["iati"]["transaction"]
    assert tx["value"] == [{"currency": "USD", "text": "195518.52"}]


# The same activity as WHO published it (value-date stated): kept as stated, no note, no mark.
def test_a_stated_value_date_is_kept_and_not_marked(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(_who(' value-date="2021-03-31"')))
    assert not [line for line in lines if "value-date" in line], lines
    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "transactions")
    assert (row["value_date"], row["value_date_rule"]) == ("2021-03-31", "stated")
    assert b"aidlod:derived" not in (site / "iati" / "activities.xml").read_bytes()


# Cut down from the Netherlands Enterprise Agency's (RVO's) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106),
# its indicator's measure (1, a unit) left out, its implementing partner's role too, and its document's
# category: the three parts the 2.03 schema requires there whose absence leaves the rest a faithful
# statement. Each dropped its whole element before: the result with its title, baseline, target and actual
# ("not mapped: result (result.indicator[0].measure: is required by IATI <indicator> but missing)"), the
# partner, the document's address. Now each is kept as stated (page, tables), the import note names what is
# missing, and the IATI export, which cannot state what the publisher did not, leaves that element out
# with a warning (and the result whose only indicator it was), the activity and its other elements valid.
def test_an_indicator_a_partner_and_a_document_missing_a_required_part_keep_the_rest(tmp_path: Path) -> None:
    activity = (RVO_OPENING.replace('<activity-status', '<participating-org ref="XM-DAC-41120" type="40"><narrative '
                                    'xml:lang="EN">UNHCR</narrative></participating-org><activity-status')
                + '<document-link format="TEXT/HTML" url="https://www.rvo.nl/dss"><title><narrative xml:lang="EN">'
                'Dutch Surge Support</narrative></title></document-link><result aggregation-status="1" type="1">'
                '<title><narrative xml:lang="EN">Humanitarian aid</narrative></title><indicator ascending="1"><title>'
                '<narrative xml:lang="EN">Duration of mission (in number of days)</narrative></title><baseline '
                'value="0" year="2020"></baseline><period><period-start iso-date="2020-09-07"></period-start>'
                '<period-end iso-date="2020-12-07"></period-end><target value="0"></target><actual value="90">'
                '</actual></period></indicator></result></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    for what in ("participating-org[2]: no @role", "document-link: no <category>", "result/indicator: no @measure"):
        assert [line for line in lines if what in line and "the IATI export leaves it out" in line], (what, lines)
    project = yaml.safe_load((data / "projects" / "dss220cm02.yaml").read_text(encoding="utf-8"))
    [partner] = project["iati"]["participating-org"]
    assert partner == {"ref": "XM-DAC-41120", "type": "40", "narrative": {"en": "UNHCR"}}
    [indicator] = project["iati"]["result"][0]["indicator"]
    assert "measure" not in indicator and indicator["period"][0]["actual"] == [{"value": "90"}]

    site = tmp_path / "site"
    result = build(data, site)
    page = _page_text(site / "project" / "dss220cm02.en.html")
    assert "Participating organisation: UNHCR" in page
    assert "Duration of mission (in number of days)" in page and "September 7, 2020 – December 7, 2020 0 90" in page
    assert "Dutch Surge Support" in page
    [row] = _rows(site, "indicator_periods")
    assert (row["target"], row["actual"]) == ("0", "90")
    assert [r for r in _rows(site, "document_links") if r["url"] == "https://www.rvo.nl/dss"]
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b"NL-KVK-27378529-DSS220CM02" in exported
    assert b"XM-DAC-41120" not in exported and b"Duration of mission" not in exported and b"rvo.nl/dss" not in exported
    warned = [w.message for w in result.warnings if w.message.startswith("left out of the IATI export")]
    assert sorted(warned) == [
        "left out of the IATI export: a <document-link> without <category> (IATI requires it; the publisher did "
        "not state it)",
        "left out of the IATI export: a <indicator> without @measure (IATI requires it; the publisher did not "
        "state it)",
        "left out of the IATI export: a <participating-org> without @role (IATI requires it; the publisher did "
        "not state it)",
        "left out of the IATI export: a <result> whose <indicator> is left out (IATI requires one)"], warned


# Cut down from Norad's activity NO-BRC-971277882-RER-20/0001 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_30.xml at 9f62af357f31eef831bcc3f62ba9133ff3cf158d), its disbursement's
# transaction-date left out (the value-date, the same day, kept). IATI's own statistics read such a
# transaction at its value-date (IATI/IATI-Stats stats/common/__init__.py transaction_date at 02786aa8fcb4,
# IATI/IATI-Dashboard issue #206), as d-portal's importer once did (IATI/D-Portal dstore/js/iati_cook.js, "use
# value-date if transaction-date is missing"). The 2.03 schema requires a transaction-date, so the whole
# disbursement was dropped: NOK 40 000 000 to the EBRD, gone from the page, the tables and the re-export. It
# is kept now, the page dates it by its value-date (as it did for a transaction kept without date), the table
# states no transaction date (the publisher gave none), and the IATI export writes the value-date there,
# marked aidlod:derived="transaction-date", which a re-import leaves out again.
def test_a_transaction_without_transaction_date_is_kept_dated_by_its_value(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="NOK" hierarchy="1" xml:lang="EN"><iati-identifier>NO-BRC-971277882-'
                'RER-20/0001</iati-identifier><reporting-org ref="NO-BRC-971277882" type="10"><narrative xml:lang="EN">'
                'Norad - Norwegian Agency for Development Cooperation</narrative></reporting-org><title><narrative '
                'xml:lang="EN">EBRD - Norway Covid-19 response</narrative></title><description><narrative '
                'xml:lang="EN">Norway will participate in a SME Work Capital Facility as Covid-19 response on the '
                'Western Balkans.</narrative></description><participating-org ref="NO-BRC-972417920" role="3" '
                'type="10"><narrative xml:lang="EN">Norwegian Ministry of Foreign Affairs</narrative>'
                '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2020-07-09" '
                'type="2"><narrative xml:lang="EN">Agreement signed</narrative></activity-date><recipient-region '
                'code="89" percentage="100" vocabulary="1"></recipient-region><sector code="32130" percentage="100" '
                'vocabulary="1"></sector><transaction ref="RER-20/0001:39C84574-145F-41DE-9C86-93F75BBB845D">'
                '<transaction-type code="3"></transaction-type><value currency="NOK" value-date="2020-09-07">40000000'
                '</value><provider-org ref="NO-BRC-972417920"><narrative xml:lang="EN">Norwegian Ministry of Foreign '
                'Affairs</narrative></provider-org></transaction></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line for line in lines if "transaction: no transaction-date" in line and "(2020-09-07)" in line], lines
    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "transactions")
    assert (row["value"], row["currency"], row["date"], row["value_date"]) == ("40000000", "NOK", "", "2020-09-07")
    assert "September 7, 2020" in _page_text(site / "project" / "rer-20-0001.en.html")
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == []
    assert b'<transaction-date iso-date="2020-09-07" aidlod:derived="transaction-date"/>' in exported

    again = tmp_path / "again"
    report = import_iati(site / "iati" / "activities.xml", again, licence=CC_BY, base_iri="http://example.org/")
    assert not [line for line in report.lines() if "aidlod:derived" in line], report.lines()
    [reread] = (again / "projects").iterdir()
    [tx] = yaml.safe_load(reread.read_text(encoding="utf-8"))["iati"]["transaction"]
    assert "transaction-date" not in tx and tx["value"][0]["value-date"] == "2020-09-07"


# WHO's activity above (dportal_125.xml at 27495286…), its 2021 budget stated with its period's start alone
# (the end left out), and the Norwegian Ministry of Foreign Affairs' organisation file of
# test_iati_organisation_file (cut down from its published file) with its 2023 budget's period-start left
# out: the 2.03 schema requires both ends. The whole budget was dropped, its amount with it. It is kept
# now with the end it states: the page says which end that is ("January 1, 2021 – …"), the tables leave
# the other empty, the note names what is missing, and the export, which cannot make up a period, leaves
# that budget out with a warning, the rest of the file valid.
def test_a_budget_stated_with_one_end_of_its_period_keeps_its_amount(tmp_path: Path) -> None:
    activity = _who(' value-date="2021-03-31"').replace(
        '<period-start iso-date="2020-01-01"></period-start><period-end iso-date="2020-12-31"></period-end>',
        '<period-start iso-date="2021-01-01"></period-start>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line for line in lines if "budget: no <period-end> is stated" in line], lines
    site = tmp_path / "site"
    result = build(data, site)
    [row] = _rows(site, "budgets")
    assert (row["period_start"], row["period_end"], row["value"]) == ("2021-01-01", "", "944987.94")
    page = _page_text(site / "project" / "mu-2020-21-13-003-af01-mus03.en.html")
    assert "January 1, 2021 – … · USD 944,987.94" in page
    exported = (site / "iati" / "activities.xml").read_bytes()
    assert validate_xsd(exported, "activities") == [] and b"<budget" not in exported and b"195518.52" in exported
    assert "left out of the IATI export: a <budget> without <period-end> (IATI requires it; the publisher did not " \
           "state it)" in [w.message for w in result.warnings]

    org = tmp_path / "org"
    shutil.copytree(ROOT / "data", org)
    source = tmp_path / "mfa-organisation.xml"
    end = '<period-end iso-date="2023-12-31"/>\n      <value currency="NOK"'
    source.write_text(ORG_FILE.replace('<period-start iso-date="2023-01-01"/>\n      ' + end, end), encoding="utf-8")
    report = import_iati(source, org)
    assert [line for line in report.lines() if "total-budget[2]: no <period-start> is stated" in line], report.lines()
    assert not [line for line in report.lines() if "not mapped: total-budget" in line], report.lines()
    budgets = yaml.safe_load((org / "organisations" / "mfa.yaml").read_text(encoding="utf-8"))["iati"]["total-budget"]
    assert {"period-end": [{"iso-date": "2023-12-31"}], "value": [{"currency": "NOK", "value-date": "2023-02-21",
                                                                   "text": "900000.00"}]} in budgets
    result = build(org, tmp_path / "orgsite")
    exported = (tmp_path / "orgsite" / "iati" / "organisation.xml").read_bytes()
    assert validate_xsd(exported, "organisations") == [] and b"900000.00" not in exported
    assert "left out of the IATI export: a <total-budget> without <period-start> (IATI requires it; the publisher " \
           "did not state it)" in [w.message for w in result.warnings]
