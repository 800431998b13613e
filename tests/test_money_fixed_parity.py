"""Amounts in a currency pegged to the euro by law (the CFA francs, the Comorian franc, the Cape Verde
escudo): the ECB publishes no rates of them, and they had no amount in EUR or USD anywhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, URIRef

from aidlod import money
from aidlod.build import build
from aidlod.iris import PROV
from test_iati_import_quirks import _file, _import, _page_text, _rows

CFA = "http://data.europa.eu/eli/dec/1998/683/oj"


def test_a_cfa_franc_amount_converts_at_the_fixed_parity_on_any_day() -> None:
    # Saturday 6 June 2020: no ECB rates that day, and none needed from EUR's side
    eur = money.convert(Decimal("655957"), "XOF", date(2020, 6, 6), "EUR")
    assert eur is not None
    assert (eur.amount, eur.source_per_eur, eur.target_per_eur, eur.rate_date) == (
        Decimal("1000.00"), Decimal("655.957"), Decimal(1), date(2020, 6, 6))
    assert eur.sources == (CFA,)
    # to USD: the parity, then the ECB's USD figure of the last working day (Friday: 1.133 per euro)
    usd = money.convert(Decimal("655957"), "XAF", date(2020, 6, 6), "USD")
    assert usd is not None
    assert (usd.amount, usd.target_per_eur, usd.rate_date) == (Decimal("1133.00"), Decimal("1.133"), date(2020, 6, 5))
    assert usd.sources == (money.SOURCE, CFA)
    kmf = money.convert(Decimal("491.96775"), "KMF", date(2020, 6, 6), "EUR")
    cve = money.convert(Decimal("110.265"), "CVE", date(2020, 6, 6), "EUR")
    assert kmf is not None and cve is not None and kmf.amount == cve.amount == Decimal("1.00")
    assert cve.sources == ("http://data.europa.eu/eli/dec/1998/744/oj",)


def test_no_parity_before_the_euro() -> None:
    assert money.convert(Decimal("655957"), "XOF", date(1998, 12, 31), "EUR") is None
    assert money.has_rates("XOF") and not money.has_rates("XYZ")


ACTIVITY = ('<iati-activity default-currency="XOF" xml:lang="fr"><iati-identifier>XM-EXAMPLE-1-SN-01'
            '</iati-identifier><reporting-org ref="XM-EXAMPLE-1" type="21"><narrative>ONG exemple</narrative>'
            '</reporting-org><title><narrative>Puits au Sénégal</narrative></title><participating-org '
            'ref="XM-EXAMPLE-1" role="4" type="21"><narrative>ONG exemple</narrative></participating-org>'
            '<activity-status code="2"/><activity-date iso-date="2020-06-01" type="2"/><recipient-country '
            'code="SN"/><transaction><transaction-type code="3"/><transaction-date iso-date="2020-06-06"/>'
            '<value value-date="2020-06-06">655957</value></transaction></iati-activity>')


def test_an_activity_in_cfa_francs_has_its_amounts_in_eur_and_usd_with_their_sources(tmp_path: Path) -> None:
    # Not a publisher's file (none in XOF is stored): an activity shaped as the West African NGOs' that
    # report in CFA francs. Before, its disbursement had no value_eur or value_usd, the site summed in EUR
    # without it, and the import said XOF has no rates to convert the others to.
    data, lines = _import(tmp_path, _file(ACTIVITY))
    assert any("the site sums and charts amounts in XOF" in line for line in lines), lines
    site = tmp_path / "site"
    build(data, site)
    (row,) = _rows(site, "transactions")
    assert (row["value"], row["currency"]) == ("655957", "XOF")
    assert (row["value_eur"], row["value_usd"]) == ("1000.00", "1133.00")
    assert (row["eur_rate_date"], row["usd_rate_date"]) == ("2020-06-06", "2020-06-05")
    graph = Graph().parse(site / "dumps" / "aidlod.nt")
    sources = {str(o) for o in graph.objects(None, PROV.hadPrimarySource)}
    assert sources == {CFA, money.SOURCE}
    assert (None, PROV.hadPrimarySource, URIRef(CFA)) in graph


def test_the_page_names_the_fixed_parity_beside_the_ecb_rates(tmp_path: Path) -> None:
    # the disbursement's EUR came from the parity alone and its USD from the ECB's figure as well: the page
    # had said "at the ECB reference rates" of every conversion
    data, _lines = _import(tmp_path, _file(ACTIVITY))
    site = tmp_path / "site"
    build(data, site)
    (page,) = sorted((site / "project").glob("*.fr.html"))  # the file's language is the site's
    text = _page_text(page)
    assert ("655 957 XOF (1 000 EUR · 1 133 USD aux taux de référence de la BCE du 5 juin 2020 et à la parité "
            "fixe de XOF avec l’euro)") in text, text
