"""What a SPARQL user asks of the dump of real publishers' IATI files, the README's and queries/'
examples as a newcomer runs them: each case is cut down from a published file, named in the test, and
the answers are checked against the XML."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from aidlod.build import build
from aidlod.queries import examples, read_csv
from conftest import only_writers
from test_iati_import_quirks import _file, _import  # the same helpers as the import's tests


def _dump(tmp_path: Path, *activities: str) -> ox.Store:
    """The N-Triples dump of ``activities`` imported and built (dumps only), loaded in a store."""
    data, _lines = _import(tmp_path, _file(*activities))
    build(data, tmp_path / "site", writers=only_writers("dumps"))
    store = ox.Store()
    store.load(path=str(tmp_path / "site" / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _run(store: ox.Store, query: str) -> list[dict[str, str]]:
    return read_csv(store.query(query).serialize(format=ox.QueryResultsFormat.CSV))


def _example(name: str, data: str = "seed") -> str:
    return next(e for e in examples(data=data) if e.name == name).text


UNDP = '<narrative xml:lang="{lang}">United Nations Development Programme</narrative>'


def _undp(ident: str, lang: str, title: str, funder: str, sector: str) -> str:
    undp = UNDP.format(lang=lang)
    return (f'<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="{lang}"><iati-identifier>'
            f'{ident}</iati-identifier><reporting-org ref="XM-DAC-41114" type="40">{undp}</reporting-org><title>'
            f'<narrative xml:lang="{lang}">{title}</narrative></title>{funder}<participating-org ref="XM-DAC-41114" '
            f'role="4" type="40">{undp}</participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2020-11-30" type="2"></activity-date><recipient-country code="CU" '
            f'percentage="100"></recipient-country><sector code="{sector}" percentage="100" vocabulary="1"></sector>'
            '<budget status="2" type="2"><period-start iso-date="2021-01-01"></period-start><period-end '
            'iso-date="2021-12-31"></period-end><value currency="USD" value-date="2021-04-30">240372</value></budget>'
            '</iati-activity>')


# Cut down from UNDP's activities XM-DAC-41114-OUTPUT-00120932 (Cuba, all in Spanish: xml:lang="ES", its
# funder "GOVERNMENT OF RUSSIAN FEDERATION" named in Spanish) and XM-DAC-41114-OUTPUT-00120926 (Cape Verde,
# in English) (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_100.xml at
# 27495286329b47911637e7396f4212f439a4d106). The README's "projects by organisation and IATI role" and
# queries/projects-by-sector.rq kept English titles and names only (FILTER(lang(...) = "en")): the Cuban
# activity, its funder and its sector 74020 were in no row, as if UNDP had no such project.
def test_projects_titled_in_another_language_only_are_in_the_example_queries(tmp_path: Path) -> None:
    russia = ('<participating-org ref="00206" role="1" type="10"><narrative xml:lang="ES">GOVERNMENT OF RUSSIAN '
              'FEDERATION</narrative></participating-org>')
    own = f'<participating-org ref="XM-DAC-41114" role="1">{UNDP.format(lang="EN")}</participating-org>'
    store = _dump(tmp_path,
                  _undp("XM-DAC-41114-OUTPUT-00120932", "ES", "Empleo Autoabastecimiento covi", russia, "74020"),
                  _undp("XM-DAC-41114-OUTPUT-00120926", "EN", "COVID-19 - INTEGRATED RESPONSE", own, "16050"))
    roles = {(r["organisation"], r["role"], r["project"])
             for r in _run(store, _example("projects-by-organisation-and-role"))}
    assert roles == {
        ("GOVERNMENT OF RUSSIAN FEDERATION", "Funding", "Empleo Autoabastecimiento covi"),
        ("United Nations Development Programme", "Implementing", "Empleo Autoabastecimiento covi"),
        ("United Nations Development Programme", "Funding", "COVID-19 - INTEGRATED RESPONSE"),
        ("United Nations Development Programme", "Implementing", "COVID-19 - INTEGRATED RESPONSE")}
    sectors = [(r["code"], r["project"], r["percentage"]) for r in _run(store, _example("projects-by-sector"))]
    assert sectors == [("16050", "COVID-19 - INTEGRATED RESPONSE", "100"),
                       ("74020", "Empleo Autoabastecimiento covi", "100")]
    # the README's copy is the example's
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    query = _example("projects-by-organisation-and-role")
    assert query[query.index("SELECT"):] in readme


def _disbursement(date: str, currency: str, value: str, provider: str, receiver: str) -> str:
    return (f'<transaction><transaction-type code="3"></transaction-type><transaction-date iso-date="{date}">'
            f'</transaction-date><value currency="{currency}" value-date="{date}">{value}</value>{provider}{receiver}'
            '</transaction>')


EC_NEAR = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
           'XI-IATI-EC_NEAR-2018/398-605</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" secondary-reporter="0" '
           'type="15"><narrative xml:lang="EN">European Commission - DG Neighbourhood and Enlargement Negotiations'
           '</narrative></reporting-org><title><narrative xml:lang="EN">EU Support to the East of Ukraine: Recovery, '
           'Peacebuilding and Governance</narrative></title><participating-org ref="XI-IATI-EC_NEAR" role="1" '
           'type="15"><narrative xml:lang="EN">European Commission - Directorate-General for Neighbourhood and '
           'Enlargement Negotiations (NEAR)</narrative></participating-org><activity-status code="2">'
           '</activity-status><activity-date iso-date="2018-08-01" type="2"></activity-date><recipient-country '
           'code="UA" percentage="100"></recipient-country><sector code="15112" percentage="100" vocabulary="1">'
           '</sector>{}</iati-activity>')
GATES = ('<iati-activity default-currency="USD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
         'DAC-1601-INV-006246</iati-identifier><reporting-org ref="DAC-1601" secondary-reporter="0" type="60">'
         '<narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></reporting-org><title>'
         '<narrative xml:lang="EN">COVID-19: NCDC Emergency Preparedness</narrative></title>'
         '<participating-org ref="DAC-1601" role="1" '
         'type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation</narrative></participating-org>'
         '<activity-status code="3"></activity-status><activity-date iso-date="2020-02-26" type="2"></activity-date>'
         '<recipient-country code="NG" percentage="100"></recipient-country><sector code="12264" percentage="100" '
         'vocabulary="1"></sector>{}</iati-activity>')
CHRISTIAN_AID = ('<iati-activity default-currency="GBP" hierarchy="2" humanitarian="1" xml:lang="EN"><iati-identifier>'
                 'GB-CHC-1105851-40F6E3</iati-identifier><reporting-org ref="GB-CHC-1105851" type="21"><narrative '
                 'xml:lang="EN">Christian Aid</narrative></reporting-org><title><narrative xml:lang="EN">DEC Emergency '
                 'covid response in DRC Beni</narrative></title><participating-org ref="GB-CHC-1105851" role="1">'
                 '<narrative xml:lang="EN">Christian Aid</narrative></participating-org><activity-status code="3">'
                 '</activity-status><activity-date iso-date="2020-08-01" type="2"></activity-date><recipient-country '
                 'code="CD" percentage="100"></recipient-country><sector code="EMERGENCY RESPONSE &#x2013; HEALTH" '
                 'percentage="100" vocabulary="99" vocabulary-uri="https://Christianaid.org.uk"></sector>{}'
                 '</iati-activity>')


# Cut down from three publishers' activities in three currencies, each from d-portal's downloads
# (OCHA-DAP/hdx-scraper-iati-viz at 27495286329b47911637e7396f4212f439a4d106): the European Commission's
# XI-IATI-EC_NEAR-2018/398-605 (saved_data/dportal_90.xml: two disbursements in EUR, 2018 and 2019), the
# Gates Foundation's DAC-1601-INV-006246 (saved_data/dportal_10.xml: USD) and Christian Aid's
# GB-CHC-1105851-40F6E3 (saved_data/dportal_20.xml: GBP). queries/README.md and
# transactions-per-type-currency-year.rq told a user to "sum the conversions (aid:convertedAmount with
# schema:currency "EUR")" for a total in euros; an amount already in EUR has no conversion to EUR, so
# that sum left out the Commission's EUR 22 million, every euro amount. No example summed across currencies.
def test_disbursements_in_euros_count_the_amounts_stated_in_euros(tmp_path: Path) -> None:
    from datetime import date
    from decimal import Decimal

    from aidlod import money

    undp = '<receiver-org><narrative xml:lang="EN">United Nations Development Programme</narrative></receiver-org>'
    ec = '<provider-org ref="XI-IATI-EC_NEAR" type="15"></provider-org>'
    gates = ('<provider-org ref="DAC-1601" type="60"><narrative xml:lang="EN">Bill and Melinda Gates Foundation'
             '</narrative></provider-org>')
    ncdc = '<receiver-org><narrative xml:lang="EN">Nigeria Centre for Disease Control</narrative></receiver-org>'
    caid = ('<provider-org provider-activity-id="GB-CHC-1105851-40F6E3" ref="GB-CHC-1105851" type="21"><narrative '
            'xml:lang="EN">Christian Aid</narrative></provider-org>')
    cbca = ('<receiver-org type="22"><narrative xml:lang="EN">Communaut&#xE9; Baptiste au Centre de l&apos;Afrique'
            '</narrative></receiver-org>')
    stated = [("2018-11-05", "EUR", "8055957.62"), ("2019-11-25", "EUR", "14000000"),
              ("2020-02-28", "USD", "685714"), ("2020-11-19", "GBP", "34155")]
    store = _dump(tmp_path,
                  EC_NEAR.format(_disbursement(*stated[0], ec, undp) + _disbursement(*stated[1], ec, undp)),
                  GATES.format(_disbursement(*stated[2], gates, ncdc)),
                  CHRISTIAN_AID.format(_disbursement(*stated[3], caid, cbca)))
    want: dict[str, Decimal] = {}
    for day, currency, value in stated:  # the figures of the XML, in euros at the ECB's rates
        amount = Decimal(value)
        if currency != "EUR":
            converted = money.convert(amount, currency, date.fromisoformat(day), "EUR")
            assert converted is not None
            amount = converted.amount
        want[day[:4]] = want.get(day[:4], Decimal(0)) + amount
    rows = _run(store, _example("disbursements-per-year-in-eur", data="iati"))
    assert {r["year"]: Decimal(r["total"]) for r in rows} == want
    assert want["2019"] == Decimal("14000000")
    assert [(r["year"], r["disbursements"], r["unconverted"]) for r in rows] == [
        ("2018", "1", "0"), ("2019", "1", "0"), ("2020", "2", "0")]
    readme = (Path(__file__).resolve().parent.parent / "queries" / "README.md").read_text(encoding="utf-8")
    assert "an amount already in EUR has none" in readme
