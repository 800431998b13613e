"""What a SPARQL user and a researcher get from the dumps and the endpoint of a site built from several
real publishers' IATI files (continued from test_sparql_real_data.py): each case is cut down from a
published file, named in the test, and the answers are checked against the XML."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from aidlod.build import build
from aidlod.queries import examples, read_csv
from aidlod.serve import Config, start_in_thread, stop
from conftest import only_writers
from httpclient import fetch
from test_iati_import_quirks import _file  # the same helpers as the import's tests
from test_sparql_real_data import _dump, _run  # a dump of imported activities in a store, and a query on it

FCDO = '<narrative xml:lang="EN">Foreign, Commonwealth and Development Office</narrative>'
WHO = '<narrative xml:lang="EN">World Health Organization (WHO)</narrative>'


def _fcdo_disbursement(ref: str, day: str, value: str) -> str:
    return (f'<transaction ref="{ref}"><transaction-type code="3"></transaction-type><transaction-date '
            f'iso-date="{day}"></transaction-date><value currency="GBP" value-date="{day}">{value}</value>'
            '<description><narrative xml:lang="EN">Emergency / Humanitarian Assistance</narrative></description>'
            '<provider-org ref="GB-GOV-1">'
            '<narrative xml:lang="EN">UK - Foreign, Commonwealth and Development Office (FCDO)</narrative>'
            f'</provider-org><receiver-org ref="XM-DAC-928" type="40">{WHO}</receiver-org></transaction>')


# FCDO's activity GB-1-204603-120 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_19.xml
# at 27495286329b47911637e7396f4212f439a4d106), cut down: Pakistan, five DAC sectors, two quarterly budgets and
# two disbursements in GBP.
FCDO_WHO = ('<iati-activity default-currency="GBP" hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>'
            f'GB-1-204603-120</iati-identifier><reporting-org ref="GB-GOV-1" type="10">{FCDO}</reporting-org><title>'
            '<narrative xml:lang="EN">World Health Organisation - Covid-19 Response - Phase 2</narrative></title>'
            '<description><narrative xml:lang="EN">This activity (World Health Organisation - Covid-19 Response - '
            'Phase 2) is a component of Multi-Year Humanitarian Programme in Pakistan reported by FCDO.</narrative>'
            f'</description><participating-org ref="GB-GOV-1" role="1" type="10">{FCDO}</participating-org>'
            f'<participating-org ref="XM-DAC-928" role="4" type="40">{WHO}</participating-org><activity-status '
            'code="2"></activity-status><activity-date iso-date="2020-09-02" type="2"></activity-date><activity-date '
            'iso-date="2021-12-31" type="3"></activity-date><recipient-country code="PK" percentage="100">'
            '</recipient-country><sector code="12261" percentage="10" vocabulary="1"></sector><sector code="12281" '
            'percentage="30" vocabulary="1"></sector><sector code="12110" percentage="20" vocabulary="1"></sector>'
            '<sector code="72010" percentage="20" vocabulary="1"></sector><sector code="12182" percentage="20" '
            'vocabulary="1"></sector><budget type="2"><period-start iso-date="2020-10-01"></period-start><period-end '
            'iso-date="2020-12-31"></period-end><value currency="GBP" value-date="2020-09-02">1500057</value></budget>'
            '<budget type="2"><period-start iso-date="2021-04-01"></period-start><period-end iso-date="2021-06-30">'
            '</period-end><value currency="GBP" value-date="2020-09-02">500000</value></budget>'
            + _fcdo_disbursement("9054569", "2020-10-28", "750057")
            + _fcdo_disbursement("9091607", "2020-12-16", "750000")
            + '</iati-activity>')

RVO = '<narrative xml:lang="EN">Netherlands Enterprise Agency</narrative>'

# The Netherlands Enterprise Agency's (RVO) activity NL-KVK-27378529-DSS220CM02 (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106), cut down: Cameroon,
# a disbursement in EUR without provider-org, and a result whose indicator has a baseline, a target and an actual.
RVO_CAMEROON = ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>NL-KVK-27378529-'
                'DSS220CM02</iati-identifier><reporting-org ref="NL-KVK-27378529" secondary-reporter="0" type="10">'
                f'{RVO}</reporting-org><title><narrative xml:lang="EN">WASH Officer UNHCR Cameroon (DSS220CM02)'
                '</narrative></title><description type="1"><narrative xml:lang="EN">WASH Officer Cameroon UNHCR '
                '&#x2013; supporting the UNHCR Country Operation to coordinate the provision of WASH services.'
                f'</narrative></description><participating-org ref="NL-KVK-27378529" role="1" type="10">{RVO}'
                '</participating-org><activity-status code="3"></activity-status><activity-date iso-date="2020-09-07" '
                'type="2"></activity-date><activity-date iso-date="2020-12-07" type="3"></activity-date>'
                '<recipient-country code="CM" percentage="100"></recipient-country><sector code="14030" '
                'percentage="100" vocabulary="1"></sector><transaction><transaction-type code="3"></transaction-type>'
                '<transaction-date iso-date="2020-12-21"></transaction-date><value currency="EUR" '
                'value-date="2020-12-21">19518.03</value><receiver-org type="90"><narrative xml:lang="EN"></narrative>'
                '</receiver-org></transaction><result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
                'Humanitarian aid</narrative></title><indicator ascending="1" measure="1"><title><narrative '
                'xml:lang="EN">Duration of mission (in number of days)</narrative></title><baseline value="0" '
                'year="2020"></baseline><period><period-start iso-date="2020-09-07"></period-start><period-end '
                'iso-date="2020-12-07"></period-end><target value="0.0000000000"></target><actual '
                'value="90.0000000000"></actual></period></indicator></result></iati-activity>')


# FCDO's GB-1-204603-120 and RVO's NL-KVK-27378529-DSS220CM02 (above) imported together and served by
# `aidlod serve`. The query page and the plain form at /sparql offered the seed data's examples only: on this
# site "NOK granted per country", "Where each grant figure comes from" and "Grants the source mentions without
# a figure" answer nothing (no NOK, no grants), and the examples written for imported IATI activities
# (queries/iati/: budgets per period, disbursements per year in euros, result indicators, ...) were not offered.
def test_the_endpoint_offers_the_example_queries_for_imported_iati_activities(tmp_path: Path) -> None:
    _dump(tmp_path, FCDO_WHO, RVO_CAMEROON)
    iati = examples(data="iati")
    assert {e.name for e in iati} >= {"budgets-per-period", "disbursements-per-year-in-eur", "result-indicators"}
    srv = start_in_thread(Config(tmp_path / "site", query_timeout=30, max_rows=1000, workers=1, quiet=True))
    try:
        plain = fetch(srv.url, "/sparql").body.decode()
        browser = fetch(srv.url, "/sparql", headers={"Accept": "text/html"}).body.decode()
        config = re.search(r'<script type="application/json" id="sparql-ui-config">(.*?)</script>', browser, re.S)
        assert config is not None
        tabs = {tab["title"]: tab["query"] for tab in json.loads(config.group(1))["examples"]}
        for e in iati:
            assert e.title.replace("'", "&#x27;").replace('"', "&quot;") in plain, e.name
            assert tabs.get(e.title) == e.text, e.name
        # and what they answer through the endpoint is the files' figures
        answers = {e.name: read_csv(fetch(srv.url, "/sparql?" + urlencode({"query": e.text}),
                                          headers={"Accept": "text/csv"}).body) for e in iati}
    finally:
        stop(srv)
    budgets = [(r["activity"], r["start"], r["currency"], r["value"]) for r in answers["budgets-per-period"]]
    assert budgets == [("GB-1-204603-120", "2020-10-01", "GBP", "1500057"),
                       ("GB-1-204603-120", "2021-04-01", "GBP", "500000")]
    [year] = answers["disbursements-per-year-in-eur"]
    assert (year["year"], year["disbursements"], year["unconverted"]) == ("2020", "3", "0")
    assert Decimal(year["total"]) > Decimal("19518.03") + Decimal("1500057")  # pounds are worth more than euros
    [indicator] = answers["result-indicators"]
    assert (indicator["activity"], indicator["baseline"], indicator["target"], indicator["actual"]) == (
        "NL-KVK-27378529-DSS220CM02", "0", "0.0000000000", "90.0000000000")


# FCDO's GB-1-204603-120 (dportal_19.xml) and RVO's NL-KVK-27378529-DSS220CM02 (dportal_30.xml), both above, as
# a researcher builds one site of several publishers: each file imported in turn, FCDO's first (so FCDO is the
# dataset's reporting organisation). "Activities per sector per publisher" read from aid:iati-reporting-org found
# RVO's activity only: an activity of the dataset's own reporting organisation keeps no reporting-org of its own,
# and neither queries/README.md nor an example said where its publisher is. queries/iati/activities-per-sector-
# per-publisher.rq now takes the dataset's reporting organisation for those.
def test_activities_per_sector_are_counted_for_every_publisher_of_the_site(tmp_path: Path) -> None:
    from aidlod.iati.importer import import_iati

    data = tmp_path / "data"
    for name, activity in (("fcdo.xml", FCDO_WHO), ("rvo.xml", RVO_CAMEROON)):
        (tmp_path / name).write_bytes(_file(activity))
        import_iati(tmp_path / name, data, licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    build(data, tmp_path / "site", writers=only_writers("dumps"))
    store = ox.Store()
    store.load(path=str(tmp_path / "site" / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    rows = _run(store, next(e.text for e in examples(data="iati") if e.name == "activities-per-sector-per-publisher"))
    # the sectors each file states, under its reporting-org's ref
    assert [(r["publisher"], r["code"], r["activities"]) for r in rows] == [
        ("GB-GOV-1", "12110", "1"), ("GB-GOV-1", "12182", "1"), ("GB-GOV-1", "12261", "1"), ("GB-GOV-1", "12281", "1"),
        ("GB-GOV-1", "72010", "1"), ("NL-KVK-27378529", "14030", "1")]
    readme = (Path(__file__).resolve().parent.parent / "queries" / "README.md").read_text(encoding="utf-8")
    assert "aid:reportingOrganisation/aid:iatiOrganisationIdentifier" in readme


# Spain's Ministry of Foreign Affairs and Cooperation (MAEC), activity ES-DIR3-E04585801-009-001301 (zimmerman-team/
# IATI.cloud OIPA/iati_prot/MAEC_IATI_INDONESIA.xml at aaf902442304383247481e7a7bee61435a02fb1b: IATI 2.01, a
# budget with neither type nor status), beside FCDO's GB-1-204603-120 (above: budgets of type 2, revised, without
# status). queries/iati/budgets-per-period.rq gave both an empty status and MAEC's an empty type, and told a user
# to keep original budgets with FILTER(?typeCode = "1"), a variable it never bound: that filter kept nothing,
# and once bound would drop every budget that states no type. A budget without status is indicative (the 2.03
# schema), one without type the original, as the pages and tables read them; the query now says which were stated.
def test_budgets_per_period_read_an_unstated_type_and_status_as_the_standard_does(tmp_path: Path) -> None:
    maec = ('<iati-activity><iati-identifier>ES-DIR3-E04585801-009-001301</iati-identifier><reporting-org '
            'ref="ES-DIR3-E04585801" type="10"><narrative xml:lang="en">Ministry of Foreign Affairs and Cooperation, '
            'Spain</narrative></reporting-org><title><narrative xml:lang="es">Personas cooperantes voluntarias en '
            'organismos internacionales</narrative></title><description><narrative xml:lang="es">UNESCO YACARTA'
            '</narrative></description><participating-org role="1" type="10" xml:lang="en"><narrative>Spain'
            '</narrative></participating-org><activity-status code="3"/><activity-date type="1" '
            'iso-date="2011-11-01"/><activity-date type="3" iso-date="2012-11-01"/><recipient-country code="ID" '
            'percentage="100" xml:lang="es"/><sector vocabulary="1" code="43081"/><collaboration-type code="1" '
            'xml:lang="es"/><default-flow-type code="10"/><default-aid-type code="D01"/><default-tied-status '
            'code="4"/><budget><period-start iso-date="2011-11-01"/><period-end iso-date="2011-12-31"/><value '
            'currency="EUR" value-date="2011-11-01">9270</value></budget><transaction><transaction-type code="3"/>'
            '<transaction-date iso-date="2011-12-31"/><value currency="EUR" value-date="2011-12-31">9270</value>'
            '</transaction></iati-activity>')
    store = _dump(tmp_path, FCDO_WHO, maec.replace("<iati-activity>", '<iati-activity version="2.01">'))
    query = next(e.text for e in examples(data="iati") if e.name == "budgets-per-period")
    rows = _run(store, query)
    assert [(r["activity"], r["start"], r["typeCode"], r["type"], r["statusCode"], r["status"], r["stated"],
             r["value"]) for r in rows] == [
        ("ES-DIR3-E04585801-009-001301", "2011-11-01", "1", "Original", "1", "Indicative", "neither", "9270"),
        ("GB-1-204603-120", "2020-10-01", "2", "Revised", "1", "Indicative", "type", "1500057"),
        ("GB-1-204603-120", "2021-04-01", "2", "Revised", "1", "Indicative", "type", "500000")]
    # the adaptation the query's comment offers works: the original budgets are MAEC's
    originals = _run(store, query.replace("} ORDER BY", '  FILTER(?typeCode = "1")\n} ORDER BY'))
    assert [r["activity"] for r in originals] == ["ES-DIR3-E04585801-009-001301"]


# FCDO's GB-1-204603-120 (above: two disbursements in GBP to Pakistan) and RVO's NL-KVK-27378529-DSS220CM02 (above:
# one in EUR to Cameroon, without provider-org), imported together. "Total disbursements per recipient country and
# year in one currency", the first thing a researcher asks of such a site, had no example:
# disbursements-per-year-in-eur.rq has no country, commitments-per-country.rq no year and no conversion, and
# joining the two by hand (schema:areaServed and the euro conversion) counts a transaction that states its own
# country under the activity's too. queries/iati/disbursements-per-country-and-year-in-eur.rq answers it; the
# figures are the XML's, at the ECB's rates.
def test_disbursements_per_country_and_year_in_euros_are_the_files_figures(tmp_path: Path) -> None:
    from datetime import date

    from aidlod import money

    store = _dump(tmp_path, FCDO_WHO, RVO_CAMEROON)
    rows = _run(store, next(e.text for e in examples(data="iati")
                            if e.name == "disbursements-per-country-and-year-in-eur"))
    pounds = [converted.amount for day, value in (("2020-10-28", "750057"), ("2020-12-16", "750000"))
              if (converted := money.convert(Decimal(value), "GBP", date.fromisoformat(day), "EUR")) is not None]
    assert len(pounds) == 2
    assert [(r["code"], r["year"], r["disbursements"], Decimal(r["total"]), r["unconverted"]) for r in rows] == [
        ("CM", "2020", "1", Decimal("19518.03"), "0"), ("PK", "2020", "2", sum(pounds), "0")]


# UNDP's activity XM-DAC-41114-OUTPUT-00114481 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_98.xml at 27495286329b47911637e7396f4212f439a4d106), cut down to its result: like every UNDP output it
# states its indicator's targets and actuals as comments alone ("2.1. 3 / 2.2. 80"), no value. The example
# result-indicators.rq gave the period with an empty target and an empty actual: all UNDP says of its results
# was in no column. It now gives each period's target and actual comments.
def test_result_indicators_give_the_targets_and_actuals_a_publisher_states_as_comments(tmp_path: Path) -> None:
    undp = '<narrative xml:lang="EN">United Nations Development Programme</narrative>'
    activity = ('<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'XM-DAC-41114-OUTPUT-00114481</iati-identifier><reporting-org ref="XM-DAC-41114" type="40">'
                f'{undp}</reporting-org><title><narrative xml:lang="EN">Mutual Learning Programme</narrative></title>'
                '<description type="1"><narrative xml:lang="EN">At the request of Governments and social partners , '
                'the ILO has agreed to support mutual learning and voluntary peer review across member States in the '
                'field of employment.</narrative></description><participating-org ref="11266" role="1" type="10">'
                '<narrative xml:lang="EN">Austrian Development Agency</narrative></participating-org>'
                f'<participating-org ref="XM-DAC-41114" role="4" type="40">{undp}</participating-org>'
                '<activity-status code="2"></activity-status><activity-date iso-date="2019-01-01" type="2">'
                '</activity-date><recipient-region code="89" percentage="100" vocabulary="1"><narrative '
                'xml:lang="EN">Europe, regional</narrative></recipient-region><sector code="16050" percentage="100" '
                'vocabulary="1"></sector><result aggregation-status="1" type="1"><title><narrative xml:lang="EN">'
                'Annual Output Results</narrative></title><indicator ascending="0" measure="1"><title><narrative '
                'xml:lang="EN">Output Indicator</narrative></title><description><narrative xml:lang="EN">2.1 # of '
                'peer-learning events successfully conducted \n2.2  # of participants in the MLP</narrative>'
                '</description><baseline year="2019"><comment><narrative xml:lang="EN">2.1. MLP piloted during phase '
                '1 of the project with 2 peer-learning events</narrative></comment></baseline><period><period-start '
                'iso-date="2019-01-01"></period-start><period-end iso-date="2019-12-31"></period-end><target><comment>'
                '<narrative xml:lang="EN">2.1. 3\n2.2. 80</narrative></comment></target><actual><comment><narrative '
                'xml:lang="EN">.2.1. 2 MLP conducted on profiling and operational planning.</narrative></comment>'
                '</actual></period></indicator></result></iati-activity>')
    store = _dump(tmp_path, activity)
    [row] = _run(store, next(e.text for e in examples(data="iati") if e.name == "result-indicators"))
    assert (row["indicator"], row["start"], row["target"], row["actual"]) == ("Output Indicator", "2019-01-01", "", "")
    assert row["targetComment"] == "2.1. 3\n2.2. 80"
    assert row["actualComment"] == ".2.1. 2 MLP conducted on profiling and operational planning."
