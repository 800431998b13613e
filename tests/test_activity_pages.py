"""A project's IATI content on its pages (``aidlod.site.activity``): transactions with totals per
type, year and currency, budgets, locations with their map, results, documents, related activities.

The seed copy gets an ``iati`` block on one project (replacing the seed's own); its pages are
rendered by the site from the mapped graph (the ``pages`` writer's input), with one value node's
amount removed to show how an unknown amount reads (the records check would refuse it).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import RDF, Literal, URIRef

from aidlod import codelists, mapping, records
from aidlod.dataset import Dataset
from aidlod.iris import AID, SCHEMA
from aidlod.site import Site
from aidlod.site.lookup import Lookup
from aidlod.site.memo import PageMemo
from aidlod.site.text import money
from conftest import stage_in

PROJECT = "poland-return-of-victims"
RELATED = "estonia-trafficking-handbook"
HOSTILE = "<script>alert(1)</script>"

# (type, date, value or None when not known, currency): three types, two years, a negative value,
# two currencies within one type and year, an amount not known.
TRANSACTIONS: list[tuple[str, str, str | None, str]] = [
    ("2", "2003-02-01", "1000", "EUR"),
    ("2", "2003-06-01", "500", "EUR"),
    ("2", "2004-01-15", "250", "USD"),
    ("3", "2003-04-01", "400", "EUR"),
    ("3", "2004-02-01", "-100.50", "EUR"),
    ("3", "2004-03-01", "300", "EUR"),
    ("3", "2004-05-01", "200", "NOK"),
    ("4", "2004-07-01", "700", "EUR"),
    ("4", "2004-08-01", None, "EUR"),
]


def read_model(data: Path) -> Dataset:
    mapped = mapping.map_records(records.load(data))
    return Dataset(mapped.triples, mapped.iris, data, mapped.languages)


def identifier(data: Dataset, project: str) -> str:
    iri = data.iris.base + f"project/{project}#id"
    return next(str(o) for p, o in data.index[iri] if p == AID.iatiIdentifier)


def block(related: str) -> dict[str, Any]:
    transactions = []
    for code, day, value, currency in TRANSACTIONS:
        t: dict[str, Any] = {"transaction-type": {"code": code}, "transaction-date": {"iso-date": day}}
        # IATI requires the value; an amount not known is taken out of the graph (``site``)
        t["value"] = {"text": value or "999", "currency": currency, "value-date": day}
        transactions.append(t)
    transactions[0]["description"] = {"narrative": {"en": f"First commitment {HOSTILE}"}}
    transactions[0]["provider-org"] = {"ref": "XM-DAC-41114", "narrative": {"en": "UNDP"}}
    # named as the transaction states it, not as the organisation's record does (FCDO's "UK - Foreign, ...")
    transactions[0]["receiver-org"] = {"narrative": {"en": f"IOM Warsaw {HOSTILE}"}, "aidlod-organisation": "iom"}
    return {
        "default-currency": "EUR",
        "transaction": transactions,
        "budget": [{"type": "1", "status": "2", "period-start": {"iso-date": "2003-01-01"},
                    "period-end": {"iso-date": "2003-12-31"}, "value": {"text": "5000", "value-date": "2003-01-01"}}],
        "location": [{"ref": "L1", "name": {"narrative": {"en": f"Warsaw {HOSTILE}"}},
                      "location-reach": {"code": "1"}, "exactness": {"code": "1"}, "location-class": {"code": "2"},
                      "point": {"srsName": "http://www.opengis.net/def/crs/EPSG/0/4326",
                                "pos": {"text": "52.23 21.01"}}}],
        "result": [{"type": "1", "title": {"narrative": {"en": f"Women supported {HOSTILE}"}},
                    "indicator": [{"measure": "1", "title": {"narrative": {"en": "Number of women"}},
                                   "baseline": {"year": "2002", "value": "7"},
                                   "period": [
                                       {"period-start": {"iso-date": "2003-01-01"},
                                        "period-end": {"iso-date": "2003-12-31"},
                                        "target": {"value": "50"}, "actual": {"value": "41"}},
                                       {"period-start": {"iso-date": "2004-01-01"},
                                        "period-end": {"iso-date": "2004-12-31"},
                                        "target": {"value": "60"},
                                        "actual": {"value": "66", "comment": {"narrative": {"en": "More came"}}}}]}]}],
        "document-link": [
            {"url": "https://example.org/report.pdf", "format": "application/pdf",
             "title": {"narrative": {"en": "Annual report"}}, "category": {"code": "A01"},
             "language": {"code": "en"}, "document-date": {"iso-date": "2004-01-01"}},
            {"url": "javascript:alert(1)", "format": "text/html", "title": {"narrative": {"en": "Trap"}},
             "category": {"code": "A02"}}],
        "related-activity": [{"ref": related, "type": "3"}],
    }


@pytest.fixture()
def site(data_copy: Path, tmp_path: Path) -> Path:
    """The seed copy with the ``iati`` block on one project, its pages rendered."""
    related = identifier(read_model(data_copy), RELATED)
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["iati"] = block(related)
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = read_model(data_copy)
    index = {s: list(pairs) for s, pairs in data.index.items()}
    for n, (_code, _day, value, _currency) in enumerate(TRANSACTIONS, start=1):
        if value is None:  # a value node that states no amount
            node = data.iris.base + f"project/{PROJECT}#iati-transaction-{n}-value-1"
            index[node] = [(p, o) for p, o in index[node] if p not in (SCHEMA.value, RDF.value)]
    out = tmp_path / "site"
    Site(index, data.iris.base, data.languages, data).write(stage_in(out))
    return out


def page(site: Path, lang: str, project: str = PROJECT) -> str:
    return (site / "project" / f"{project}.{lang}.html").read_text(encoding="utf-8")

def _poland_with_iati(data_copy: Path, tmp_path: Path, iati: dict[str, object]) -> Path:
    """The seed's pages, the Polish project's iati field set to ``iati``: the site folder."""
    record = data_copy / "projects" / "poland.yaml"
    doc = yaml.safe_load(record.read_text(encoding="utf-8"))
    doc["iati"] = iati
    record.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = read_model(data_copy)
    out = tmp_path / "site"
    Site({s: list(p) for s, p in data.index.items()}, data.iris.base, data.languages, data).write(stage_in(out))
    return out



def totals_table(html: str) -> dict[tuple[str, str], list[str]]:
    """(type code, year) → the amounts of the totals table."""
    body = html.split('<table class="totals">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><td><a href="#transactions-(\w+)"[^>]*>[^<]*</a></td><td>([^<]*)</td><td>(.*?)</td></tr>',
                      body)
    return {(code, year): re.findall(r'<span class="amount">([^<]*)</span>', cell) for code, year, cell in rows}


def expected_totals(lang: str) -> dict[tuple[str, str], list[str]]:
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    for code, day, value, currency in TRANSACTIONS:
        if value is not None:
            per = sums.setdefault((code, day[:4]), {})
            per[currency] = per.get(currency, Decimal(0)) + Decimal(value)
    out = {key: [money(per[c], c, lang) for c in sorted(per)] for key, per in sums.items()}
    # the project's grant (the seed's NOK 700 000, no date) is an outgoing commitment too
    out[("2", {"nb": "år ikke kjent", "en": "year not known"}[lang])] = [money(Decimal(700000), "NOK", lang)]
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_transactions_by_type_with_totals_per_type_year_and_currency(site: Path, lang: str) -> None:
    html = page(site, lang)
    assert totals_table(html) == expected_totals(lang)
    # the negative disbursement is shown negative on its row
    assert f'<td class="amount negative">{money(Decimal("-100.50"), "EUR", lang)}<br><small class="converted">' in html
    # the expenditure of unknown amount is "not known", never 0
    unknown = {"nb": "1 beløp ikke kjent", "en": "1 amount(s) not known"}[lang]
    assert unknown in html.split('<table class="totals">', 1)[1].split("</table>", 1)[0]
    assert {"nb": "beløp ikke kjent", "en": "amount not known"}[lang] in html
    assert all(money(Decimal(0), "EUR", lang) not in cell for cell in totals_table(html).values())
    # one table per type, headed by the TransactionType codelist's name (English: lang="en" on nb pages)
    names = codelists.load("TransactionType").items
    for code in ("2", "3", "4"):
        name = names[code].names["en"]
        head = f'<h3 id="transactions-{code}"><span lang="en">{name}</span></h3>' if lang == "nb" \
            else f'<h3 id="transactions-{code}">{name}</h3>'
        assert head in html
    # provider → receiver: a narrative name, and an organisation of the data linked to its page, named
    # as the transaction names it (as tables/transactions.csv does), not by its record's name; escaped
    marked = ' lang="en"' if lang == "nb" else ""
    assert (f'→ <a href="../organisation/iom.{lang}.html"{marked}>IOM Warsaw &lt;script&gt;alert(1)'
            '&lt;/script&gt;</a>') in html
    record = {"nb": "Den internasjonale organisasjonen for migrasjon", "en": "International Organization for Migration"}
    assert f'→ <a href="../organisation/iom.{lang}.html">{record[lang]}</a>' not in html


def test_an_amount_in_two_currencies_is_never_summed_across_currencies(site: Path) -> None:
    html = page(site, "en")
    cell = totals_table(html)[("3", "2004")]
    assert cell == ["EUR 199.50", "NOK 200"]
    for mixed in ("399.50", "399.5", "EUR 399", "NOK 399"):
        assert mixed not in html
    assert totals_table(html)[("2", "2004")] == ["USD 250"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_budget_location_map_results_documents_related(site: Path, lang: str) -> None:
    html = page(site, lang)
    assert 'id="activity-budgets"' in html and money(Decimal(5000), "EUR", lang) in html
    # one location, one dot on an inline SVG map with a title; no tiles, no script
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert html.count("<svg") == 1 and svg.count("<circle") == 1
    assert 'role="img"' in svg and "<title>" in svg and "aria-label=" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert {"nb": "52,23; 21,01", "en": "52.23, 21.01"}[lang] in html  # a comma between them in en alone
    # the indicator's table: periods with target and actual (each with its own comment), baseline year and value
    came = {"nb": '<span lang="en">More came</span>', "en": "More came"}[lang]  # marked on the nb page
    assert "<td>50</td><td>41</td>" in html and f"<td>60</td><td>66: {came}</td>" in html
    assert "2002 / 7" in html
    # the baseline's year (a number in IATI) reads as a year in its statement table too, not "2,002"
    assert "<td>2002</td>" in html
    assert not any(grouped in html for grouped in ("2,002", "2\u00a0002", "2 002", "2.002"))
    # documents: the http(s) address is a link, the javascript: one is text
    assert '<a href="https://example.org/report.pdf">https://example.org/report.pdf</a>' in html
    assert "<code>javascript:alert(1)</code>" in html
    assert 'href="javascript:' not in html
    # a document that states no category or language says so with a dash, as its other cells do, not an empty cell
    documents = html.split('<table class="documents">', 1)[1].split("</table>", 1)[0]
    assert "<td></td>" not in documents and "<td>–</td>" in documents
    # the related activity links to the project with that IATI identifier, with its type's name
    assert f'<a href="../project/{RELATED}.{lang}.html">' in html
    assert {"nb": "3 – Søsken", "en": "3 – Sibling"}[lang] in html


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_narratives_are_escaped(site: Path, lang: str) -> None:
    html = page(site, lang)
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<script" not in svg and "&lt;script&gt;" in svg  # the dot's title names the place, escaped


def test_a_part_named_by_its_narrative_still_says_its_significance_and_share(data_copy: Path,
                                                                             tmp_path: Path) -> None:
    # Sida names each of its twelve policy markers (OCHA-DAP/hdx-scraper-iati-viz saved_data/
    # dportal_36.xml): the page listed "Policy marker: Aid to Environment" for a marker of significance 0,
    # "not targeted", as if the activity targeted the environment; FCDO names its six sectors of 5 to
    # 55 % (dportal_25.xml), which the page listed without their shares
    out = _poland_with_iati(data_copy, tmp_path, {"policy-marker": [
        {"vocabulary": "1", "code": "2", "significance": "0", "narrative": {"en": "Aid to Environment"}},
        {"vocabulary": "1", "code": "1", "significance": "1", "narrative": {"en": "Gender Equality"}}],
        "sector": [{"vocabulary": "99", "code": "3", "percentage": "50", "narrative": {"en": "Life and Security"}},
                   {"vocabulary": "99", "code": "4", "percentage": "50", "narrative": {"en": "Right to be Heard"}}]})
    html = page(out, "en")
    assert "Aid to Environment · not targeted" in html
    assert "Gender Equality · significant objective" in html
    assert "Life and Security · 50 %" in html and "Right to be Heard · 50 %" in html


def test_a_participating_org_kept_as_stated_says_its_role(data_copy: Path, tmp_path: Path) -> None:
    # The European Commission (DG INTPA) names the accountable and the implementing organisation alike,
    # "Recipient Government", by no identifier (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_83.xml,
    # XI-IATI-EC_INTPA-2020/38561/0): the page listed "Participating organisation: Recipient Government"
    # twice, with nothing to tell which is which
    out = _poland_with_iati(data_copy, tmp_path, {"participating-org": [
        {"ref": "12000", "role": "2", "narrative": {"en": "Recipient Government"}},
        {"ref": "N/A", "type": "10", "role": "4", "narrative": {"en": "Recipient Government"}}]})
    html = page(out, "en")
    assert "Participating organisation: Recipient Government · Accountable" in html
    assert "Participating organisation: Recipient Government · Implementing" in html


def test_a_part_stating_only_yes_or_no_says_it(data_copy: Path, tmp_path: Path) -> None:
    # The Netherlands' Ministry of Foreign Affairs states <conditions attached="0"/> on every activity
    # (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_122.xml, XM-DAC-7-PPR-4000003957): the page
    # listed a part "Conditions" and nothing else, as if the activity had conditions
    out = _poland_with_iati(data_copy, tmp_path, {"conditions": [{"attached": "0"}]})
    assert "Conditions: conditions attached: no" in page(out, "en")
    assert "har vilkår: nei" in page(out, "nb")


def test_a_contact_point_and_a_sector_by_code_say_who_and_what_share(data_copy: Path, tmp_path: Path) -> None:
    # OCHA's Afghanistan Humanitarian Fund (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_126.xml,
    # XM-OCHA-CBPF-AFG-20/3481/RA3/FSAC/INGO/16077) leaves each contact's organisation empty and names
    # the person, and states a DAC sector of 100 % by its code alone: the page listed "Contact point"
    # twice with nothing else, and "43010 – Multisector aid" without its share
    out = _poland_with_iati(data_copy, tmp_path, {"contact-info": [
        {"person-name": [{"narrative": {"en": "Alice Ribes"}}], "telephone": [{"text": "+33 (0) 6 81 62 73 47"}],
         "email": [{"text": "alice.ribes@acted.org"}]},
        {"email": [{"text": "georgina.wheeler@acted.org"}]}],
        "sector": [{"vocabulary": "1", "code": "43010", "percentage": "100"}]})
    html = page(out, "en")
    assert "Contact point: Alice Ribes" in html and "Contact point: georgina.wheeler@acted.org" in html
    assert "43010 – Multisector aid · 100 %" in html


def test_a_part_of_nothing_but_parts_says_what_they_say(data_copy: Path, tmp_path: Path) -> None:
    # WHO's Afghanistan activities (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_124.xml,
    # XM-DAC-928-AF-2020-21-13.003.EM01.AFG02) state <country-budget-items vocabulary="1"> with one
    # budget item: the page listed "Country budget items" and nothing else
    out = _poland_with_iati(data_copy, tmp_path, {"country-budget-items": [{"vocabulary": "1", "budget-item": [
        {"code": "5.1.1", "percentage": "1",
         "description": [{"narrative": {"en": "Health - policy, planning and administration"}}]}]}]})
    assert re.search(r">Country budget items: [^<]*5\.1\.1", page(out, "en"))


def test_a_part_stating_its_type_alone_says_the_type(data_copy: Path, tmp_path: Path) -> None:
    # The IFC (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_123.xml, XM-DAC-903-SII-44011) states
    # <contact-info type="2"> around an empty mailing address, twice: the page listed "Contact point"
    # twice with nothing else
    out = _poland_with_iati(data_copy, tmp_path, {"contact-info": [{"type": "2"}]})
    assert re.search(r">Contact point: Project Management<", page(out, "en"))


def test_an_outside_lists_code_says_which_list(data_copy: Path, tmp_path: Path) -> None:
    # GlobalGiving (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_58.xml, US-EIN-300108263-GGProj:47199)
    # states each sector in the US National Taxonomy of Exempt Entities (vocabulary 5), by its code
    # alone: the page read "Sector: R24 · 100 %", a code of no list it named
    out = _poland_with_iati(data_copy, tmp_path, {"sector": [{"vocabulary": "5", "code": "R24", "percentage": "100"}]})
    assert ">Sector: National Taxonomy for Exempt Entities (USA) · R24 · 100 %<" in page(out, "en")


def test_a_project_without_iati_content_has_no_such_sections(data_copy: Path, tmp_path: Path) -> None:
    record = data_copy / "projects" / "estonia.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("\niati:")] + "\n", encoding="utf-8")  # the record's last key
    data = read_model(data_copy)
    out = tmp_path / "site"
    Site({s: list(p) for s, p in data.index.items()}, data.iris.base, data.languages, data).write(stage_in(out))
    for lang in ("nb", "en"):
        html = page(out, lang, RELATED)
        assert 'class="activity"' not in html and "<svg" not in html
        assert 'class="activity"' in page(out, lang)  # the Polish project has its sections


def test_a_related_link_depends_on_who_has_the_identifier() -> None:
    """The page memo's ``i ID`` key: which subjects carry an identifier, so a page is rendered anew
    when the project it links to gets or loses it."""
    base = "https://example.org/"
    a, b = URIRef(base + "project/a#id"), URIRef(base + "project/b#id")
    index = {str(a): [(AID.iatiIdentifier, Literal("X-a"))], str(b): [(AID.iatiIdentifier, Literal("X-b"))]}
    look = Lookup(index, base, ["en"])
    assert look.with_identifier("X-a") == [str(a)] and "i X-a" in look.deps
    before = PageMemo(look).key_hash("i X-a")
    index[str(b)].append((AID.iatiIdentifier, Literal("X-a")))
    assert PageMemo(Lookup(index, base, ["en"])).key_hash("i X-a") != before


# A location's latitude and longitude on a page whose language writes decimals with a comma read as four
# numbers ("28,3272, 65,8931" on a German page of OCHA's Pakistan fund); a semicolon tells them apart there.
@pytest.mark.parametrize(("lang", "shown"), [("en", "28.3272, 65.8931"), ("de", "28,3272; 65,8931"),
                                              ("nb", "28,3272; 65,8931"), ("fr", "28,3272; 65,8931"),
                                              ("es", "28,3272; 65,8931"), ("ja", "28.3272, 65.8931")])
def test_coordinates_are_told_apart_in_every_language(lang: str, shown: str) -> None:
    from decimal import Decimal

    from aidlod.site.text import coordinates

    assert coordinates(Decimal("28.3272"), Decimal("65.8931"), lang) == shown
