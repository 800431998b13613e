"""Charts of commitments and disbursements (``aidlod.site.charts``): the sums, and the seed's pages.

Commitments are transactions of type 2 (grants included), disbursements types 3 and 4; an unknown
amount is counted as unknown, never as zero; each chart's figures are in a table beside it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from rdflib import SKOS, URIRef

from aidlod.dataset import Dataset
from aidlod.iris import AID, SCHEMA, IRIs, site_path
from aidlod.site import Site
from aidlod.site.charts import (
    AREA,
    NO_AREA,
    NO_SECTOR,
    OTHERS,
    SECTOR,
    YEAR,
    Cell,
    Figures,
    Labeller,
    aggregate,
    figure_text,
    ranked,
    series_of,
    total,
)
from aidlod.site.text import money
from aidlod.splits import Part, parts
from conftest import stage_in

SVG = "{http://www.w3.org/2000/svg}"


def part(source: str, type_code: str, value: Decimal | int | None, *, year: str = "2004", area: str = "c:a",
         sector: str = "s:x", table: str = "transactions", kind: str = "transaction",
         converted: dict[str, Decimal | None] | None = None, currency: str = "NOK") -> Part:
    """A hand-made part of a transaction (all of it: shares 1)."""
    amount = Decimal(value) if value is not None else None
    return Part(source=source, activity="p:1", table=table, kind=kind, type_code=type_code,
                date=f"{year}-01-01" if year else "", year=year, area_kind="country" if area else "",
                area_code=area[-2:] if area else "", area=area, area_share=Decimal(1), sector_vocabulary="1",
                sector_code="15180" if sector else "", sector=sector, sector_share=Decimal(1), share=Decimal(1),
                currency=currency, value=amount, converted=converted if converted is not None else {})


# -- sums -----------------------------------------------------------------------------------------

def test_commitments_are_type_2_and_disbursements_types_3_and_4() -> None:
    table = aggregate([part("t1", "2", 100), part("t2", "3", 40), part("t3", "4", 2),
                       part("t4", "1", 1000), part("t5", "11", 7), part("t6", "7", 5),
                       part("b1", "2", 999, table="budgets", kind="budget"),  # a revised budget, not a commitment
                       part("pd", "1", 999, table="planned_disbursements", kind="planned-disbursement")],
                      "NOK", YEAR)
    cell = table["2004"]
    assert cell.commitments.known == 100 and cell.commitments.counted == 1
    assert cell.disbursements.known == 42 and cell.disbursements.counted == 2
    assert list(table) == ["2004"]
    assert series_of(part("g", "2", 5, kind="grant")) == "commitments"
    assert series_of(part("b", "3", 5, table="budgets")) is None


def test_unknown_amounts_are_counted_never_added_as_zero() -> None:
    table = aggregate([part("t1", "2", 700, area="c:lv"), part("t2", "2", None, area="c:lv"),
                       part("t3", "2", None, area="c:lt"),
                       # one transaction split in two sectors, both parts unknown: one transaction
                       part("t4", "2", None, area="c:ro", sector="s:1"),
                       part("t4", "2", None, area="c:ro", sector="s:2")],
                      "NOK", AREA)
    lv, lt, ro = table["c:lv"].commitments, table["c:lt"].commitments, table["c:ro"].commitments
    assert (lv.known, lv.counted, lv.unknown) == (700, 1, {"t2"})
    assert (lt.known, lt.counted, lt.unknown) == (0, 0, {"t3"})
    assert len(ro.unknown) == 1
    assert flat(figure_text(lv, "NOK", "en")) == "NOK 700 + 1 of unknown amount"
    assert flat(figure_text(lt, "NOK", "en")) == "unknown"
    assert flat(figure_text(table["c:lt"].disbursements, "NOK", "en")) == ""  # nothing at all: not a zero
    assert flat(figure_text(lv, "NOK", "nb")) == "700 kr + 1 med ukjent beløp"
    assert flat(figure_text(lt, "NOK", "nb")) == "ukjent"


def test_amounts_in_the_summary_currency_only() -> None:
    eur = part("t1", "3", 10, currency="EUR", converted={"NOK": Decimal("117.5"), "USD": Decimal(11)})
    not_converted = part("t2", "3", 10, currency="XDR", converted={"NOK": None})
    cell = aggregate([eur, not_converted], "NOK", YEAR)["2004"].disbursements
    assert (cell.known, cell.counted, cell.unknown) == (Decimal("117.5"), 1, {"t2"})
    assert flat(figure_text(cell, "NOK", "en")) == "NOK 118 + 1 of unknown amount"  # whole units, half to even


def test_negative_values_stay_negative() -> None:
    table = aggregate([part("t1", "3", 500), part("t2", "4", -800), part("t3", "2", -50)], "NOK", YEAR)
    assert table["2004"].disbursements.known == -300
    assert table["2004"].commitments.known == -50
    assert flat(figure_text(table["2004"].disbursements, "NOK", "en")) == "NOK -300"


def test_no_year_and_no_area_are_categories_of_their_own() -> None:
    table = aggregate([part("t1", "2", 1, year=""), part("t2", "2", 2, year="2003")], "NOK", YEAR)
    assert [k for k, _ in ranked(table, YEAR)] == ["2003", "\0no-year"]
    areas = aggregate([part("t1", "2", 1, area="")], "NOK", AREA)
    assert list(areas) == [NO_AREA]
    other = part("t1", "2", 1, sector="")
    other = Part(**{**other.__dict__, "sector_vocabulary": "99", "sector_code": "A1"})
    sectors = aggregate([other, part("t2", "2", 1, sector="")], "NOK", SECTOR)
    assert set(sectors) == {"\0code:99:A1", NO_SECTOR}
    names = Labeller(None, "index", "en")  # type: ignore[arg-type]
    assert names.name("\0code:99:A1") == "A1 (sector vocabulary 99)" and names.href("\0code:99:A1") is None
    assert names.name(NO_AREA) == "country or region not given" and names.name("2004") == "2004"


def test_the_largest_categories_then_others() -> None:
    table = aggregate([part(f"t{i}", "2", i, area=f"c:{i:02d}") for i in range(1, 8)]
                      + [part("u", "2", None, area="c:01")], "NOK", AREA)
    rows = ranked(table, AREA, top=4)
    assert [k for k, _ in rows] == ["c:07", "c:06", "c:05", OTHERS]
    others = rows[-1][1].commitments
    assert others.known == 1 + 2 + 3 + 4 and others.unknown == {"u"}
    assert total(dict(rows)).commitments.known == sum(range(1, 8))


def test_organisations_are_the_providers_and_receivers_and_categories_sum_their_sectors() -> None:
    """A transaction's ``provider-org``/``receiver-org`` and a grant's funder and recipient make
    the organisation pages' figures; a sector's ``skos:broader`` category sums it too."""
    base = "https://example.org/d/"
    org = {k: URIRef(f"{base}organisation/{k}#id") for k in ("giver", "taker", "bystander", "funder")}
    t, node, grant = URIRef(f"{base}project/p#t-1"), URIRef(f"{base}project/p#t-1-provider"), URIRef(f"{base}grant/g-1")
    sector, category = "https://example.org/codelist/Sector/15180#id", "https://example.org/codelist/SectorCategory/151#id"
    triples = [(t, AID["iati-provider-org"], node), (node, AID.organisation, org["giver"]),
               (t, AID["iati-receiver-org"], URIRef(f"{base}project/p#t-1-receiver")),
               (URIRef(f"{base}project/p#t-1-receiver"), AID.organisation, org["taker"]),
               (grant, SCHEMA.funder, org["funder"]), (grant, AID.recipientOrganisation, org["taker"]),
               (URIRef(sector), SKOS.broader, URIRef(category))]
    data = Dataset(triples, IRIs(base))
    assert data.summary_currency == "EUR"
    figures = Figures(data, [part(str(t), "3", 10, sector=sector, currency="EUR", area="c:a"),
                             part(str(t), "3", 5, sector=sector, currency="EUR", area="c:b"),
                             part(str(grant), "2", None, kind="grant", sector=sector, currency="EUR"),
                             part("nobody", "4", 1, currency="EUR")])
    giver = figures.of("organisation", str(org["giver"]))
    assert giver is not None and giver["area"]["c:a"].disbursements.known == 10
    assert total(giver["area"]).disbursements.known == 15 and total(giver["area"]).commitments.empty
    taker = figures.of("organisation", str(org["taker"]))
    assert taker is not None and total(taker["year"]).disbursements.known == 15
    assert total(taker["year"]).commitments.unknown == {str(grant)}
    assert figures.of("organisation", str(org["bystander"])) is None
    assert figures.of("organisation", str(org["funder"])) is not None
    cat = figures.of("sector", category)
    assert cat is not None and total(cat["area"]).disbursements.known == 15
    front = figures.of("dataset", "")
    assert front is not None and total(front["sector"]).disbursements.known == 16


# -- the seed site ---------------------------------------------------------------------------------

def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def chart_table(doc: lxml.html.HtmlElement, ident: str) -> dict[str, list[str]]:
    """The table beside the chart ``ident``: row name → its figures."""
    tables = doc.xpath(f"//div[@class='chart-pair'][figure[@id='{ident}']]/table")
    assert len(tables) == 1, ident
    rows = {}
    for tr in tables[0].xpath("./tbody/tr"):
        name = tr.xpath("./th")[0].text_content()
        rows[name] = [flat(td.text_content()) for td in tr.xpath("./td")]
    return rows


def flat(text: str) -> str:
    """Text with its no-break spaces as spaces (an amount in a chart never breaks)."""
    return text.replace("\u00a0", " ")


def svg_of(html: str, ident: str) -> ET.Element:
    """The chart's SVG, parsed as XML (it must be well-formed on its own)."""
    start = html.index(f'<figure class="chart" id="{ident}"')
    svg = html[html.index("<svg ", start):html.index("</svg>", start) + len("</svg>")]
    return ET.fromstring(svg)


def seed_per_country(pub: Dataset) -> dict[str, tuple[Decimal, int]]:
    """(known NOK, grants of unknown amount) per country, from the seed's grants (each seed project
    is in one country, so a grant goes whole to it)."""
    out: dict[str, tuple[Decimal, int]] = {}
    for p in pub.projects():
        countries = [str(c) for c in pub.objects(p, SCHEMA.areaServed)]
        assert len(countries) == 1
        known, unknown = out.get(countries[0], (Decimal(0), 0))
        for g in pub.grants(p):
            if g.amount is not None and g.currency == "NOK":
                known += g.amount
            else:
                unknown += 1
        out[countries[0]] = (known, unknown)
    return out


def test_the_front_page_per_country_table_has_the_seed_grants(seed_build: tuple[Dataset, Path]) -> None:
    pub, out = seed_build
    assert pub.summary_currency == "NOK"
    expected = seed_per_country(pub)
    for lang in ("en", "nb"):
        rows = chart_table(page(out / f"index.{lang}.html"), "chart-area")
        names = {str(pub.text(c, SCHEMA.name, lang)): c for c in expected}
        assert set(rows) == set(names)
        for name, figures in rows.items():
            known, unknown = expected[names[name]]
            if not unknown:
                assert figures[0] == flat(money(known, "NOK", lang))
            elif known:
                assert figures[0] == f"{flat(money(known, 'NOK', lang))} + {unknown} " + (
                    "of unknown amount" if lang == "en" else "med ukjent beløp")
            else:
                assert figures[0] == ("unknown" if lang == "en" else "ukjent")
            assert figures[1] == ("none" if lang == "en" else "ingen")  # the seed has no disbursements
    # per year: the same grants, all in 2003, the value date the documented rule gives them (their
    # programme's start; the two without an amount too), the two unknown ones counted, not added
    years = chart_table(page(out / "index.en.html"), "chart-year")
    total_known = sum((k for k, _u in expected.values()), Decimal(0))
    assert years == {"2003": [f"{flat(money(total_known, 'NOK', 'en'))} + 2 of unknown amount", "none"]}
    en = chart_table(page(out / "index.en.html"), "chart-area")
    assert en["Bulgaria"][0] == "NOK 1,100,000"  # the cross-check: "1,1 millioner kroner"
    assert en["Lithuania"][0] == "unknown" and en["Romania"][0] == "unknown"
    assert "0" not in en["Lithuania"][0]


def test_the_front_page_charts_are_svg_with_title_desc_legend(seed_site: Path) -> None:
    html = (seed_site / "index.en.html").read_text(encoding="utf-8")
    for ident in ("chart-year", "chart-area", "chart-sector"):
        svg = svg_of(html, ident)
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{ident}-title {ident}-desc"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text and "(NOK)" in title.text
        assert svg.find(f"{SVG}desc") is not None
        legend = [t.text for t in svg.findall(f"{SVG}g[@class='legend']/{SVG}text")]
        assert legend == ["Commitments", "Disbursements and expenditure"]
        # every figure the chart writes is in the table
        table = chart_table(page(seed_site / "index.en.html"), ident)
        in_table = {f for figures in table.values() for f in figures}
        for row in svg.findall(f"{SVG}g[@class='row']"):
            for value in row.findall(f"{SVG}text"):
                if "bar-value" in (value.get("class") or ""):
                    assert flat(value.text or "") in in_table
    # Lithuania: a row that says unknown and has no bar
    svg = svg_of(html, "chart-area")
    rows = {r.find(f"{SVG}text").text: r for r in svg.findall(f"{SVG}g[@class='row']")}  # type: ignore[union-attr]
    assert rows["Lithuania"].findall(f"{SVG}rect") == []
    assert [t.text for t in rows["Lithuania"].findall(f"{SVG}text")][1:] == ["unknown"]
    assert len(rows["Bulgaria"].findall(f"{SVG}rect")) == 1


def test_a_country_page_has_charts_with_their_tables(seed_build: tuple[Dataset, Path]) -> None:
    pub, out = seed_build
    bulgaria = seed_per_country(pub)[f"{pub.iris.base}country/bg#id"][0]
    doc = page(out / "country" / "bg.en.html")
    assert [h.text_content() for h in doc.xpath("//section[@class='charts']/h3")] == [
        "Commitments and disbursements in this country per year (NOK)",
        "Commitments and disbursements in this country per sector (NOK)"]
    years = chart_table(doc, "chart-year")
    assert sum((Decimal(v[0].removeprefix("NOK ").replace(",", "")) for v in years.values()), Decimal(0)) == bulgaria
    sectors = chart_table(doc, "chart-sector")
    assert sectors == {"15113 – Anti-corruption organisations and institutions": ["NOK 1,100,000", "none"]}
    for table in doc.xpath("//table[@class='chart-table']"):
        assert [flat(td.text_content()) for td in table.xpath("./tfoot//td")] == ["NOK 1,100,000", "none"]
        assert table.xpath("./caption") and table.xpath("./thead//th[@scope='col']")
    svg = svg_of((out / "country" / "bg.en.html").read_text(encoding="utf-8"), "chart-sector")
    assert svg.find(f"{SVG}title") is not None
    lithuania = page(out / "country" / "lt.en.html")
    assert {tuple(v) for v in chart_table(lithuania, "chart-year").values()} == {("unknown", "none")}
    # the grant is half in each of two sectors: one grant of unknown amount in each, none in the total
    assert chart_table(lithuania, "chart-sector") == {
        "15130 – Legal and judicial development": ["unknown", "none"],
        "15180 – Ending violence against women and girls": ["unknown", "none"]}
    by_sector = lithuania.xpath("//table[@class='chart-table']")[1]
    assert [flat(td.text_content()) for td in by_sector.xpath("./tfoot//td")] == ["unknown", "none"]


def test_a_sector_page_has_charts_with_their_tables(seed_build: tuple[Dataset, Path]) -> None:
    """15180 (violence against women): half of Latvia's grants, and half of Lithuania's grant, of
    unknown amount; its category (151, government and civil society) sums all its sectors."""
    pub, out = seed_build
    sector = next(p for p in parts(pub) if p.sector_code == "15180").sector
    doc = page(out / f"{site_path(sector, pub.iris.base)}.en.html")
    countries = chart_table(doc, "chart-area")
    assert countries == {"Latvia": ["NOK 250,000", "none"], "Lithuania": ["unknown", "none"]}
    total_cells = doc.xpath("//table[@class='chart-table']")[1].xpath("./tfoot//td")
    assert [flat(td.text_content()) for td in total_cells] == ["NOK 250,000 + 1 of unknown amount", "none"]
    nb = chart_table(page(out / f"{site_path(sector, pub.iris.base)}.nb.html"), "chart-area")
    assert nb["Latvia"] == ["250 000 kr", "ingen"] and nb["Litauen"] == ["ukjent", "ingen"]
    category = next(iter(pub.objects(sector, SKOS.broader)))
    assert isinstance(category, URIRef)
    whole = chart_table(page(out / f"{site_path(str(category), pub.iris.base)}.en.html"), "chart-area")
    assert whole["Latvia"] == ["NOK 250,000", "none"]  # 15180's half; the other half is in 130
    assert whole["Bulgaria"] == ["NOK 1,100,000", "none"] and whole["Lithuania"] == ["unknown", "none"]
    # a code no project uses has no page (the site publishes the codes its data uses)
    assert not (out / "codelist" / "Sector" / "11110.en.html").exists()


def test_an_organisation_page_sums_the_transactions_it_provides_or_receives(seed_build: tuple[Dataset, Path]) -> None:
    pub, out = seed_build
    csd = page(out / "organisation" / "csd.en.html")
    assert chart_table(csd, "chart-area") == {"Bulgaria": ["NOK 1,100,000", "none"]}
    assert "provider or receiver" in csd.text_content()
    mfa = chart_table(page(out / "organisation" / "mfa.en.html"), "chart-area")  # the funder of every grant
    assert set(mfa) == {str(pub.text(c, SCHEMA.name, "en")) for c in seed_per_country(pub)}
    assert mfa["Bulgaria"] == ["NOK 1,100,000", "none"] and mfa["Romania"] == ["unknown", "none"]
    seldi = page(out / "organisation" / "seldi.en.html")  # implements, but neither gives nor gets a grant
    assert not seldi.xpath("//table[@class='chart-table']")
    assert ("No commitment, disbursement or expenditure names this organisation as its provider or receiver."
            in seldi.text_content())


def test_figures_are_the_same_from_the_dataset_and_from_its_parts(seed_build: tuple[Dataset, Path]) -> None:
    pub, _out = seed_build
    a = Figures(pub)
    b = Figures(pub, list(parts(pub)))
    assert a.tables.keys() == b.tables.keys()
    for key in a.tables:
        assert a.digest(key[1]) == b.digest(key[1])


def test_a_page_is_rendered_anew_when_its_figures_change(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    """The charts' figures are a dependency of the page (``Lookup.derived``)."""
    pub, _out = seed_build
    s = Site(pub.index, pub.iris.base, pub.languages, pub)
    stage = stage_in(tmp_path / "a")
    s.lookup.deps = set()
    s.write_resource(stage, "country/bg", "en")
    country = f"{pub.iris.base}country/bg#id"
    assert f"c {country}" in s.lookup.deps
    before = s.memo.key_hash(f"c {country}")
    s.charts.figures.tables[("area", country)]["year"] = {"1999": Cell()}
    s.memo._hashes.clear()
    assert s.memo.key_hash(f"c {country}") != before


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_chart_text_is_in_the_page_language(seed_site: Path, lang: str) -> None:
    html = (seed_site / f"index.{lang}.html").read_text(encoding="utf-8")
    word = {"nb": "Tilsagn", "en": "Commitments"}[lang]
    assert re.search(rf'<th scope="col">{word}</th>', html)


def test_a_chart_tables_name_in_another_language_than_the_interface_text_is_marked(
        seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    """Bulgaria named in nb only: the en front page's per-country table marks that row ``lang="nb"``."""
    from rdflib import Literal

    pub, _out = seed_build
    bulgaria = f"{pub.iris.base}country/bg#id"
    index = {s: list(pairs) for s, pairs in pub.index.items()}
    index[bulgaria] = [(p, o) for p, o in index[bulgaria]
                       if not (isinstance(o, Literal) and o.language not in (None, "nb"))]
    s = Site(index, pub.iris.base, pub.languages, pub)
    assert Labeller(s.lookup, "index", "en").lang_of(bulgaria) == "nb"
    assert Labeller(s.lookup, "index", "nb").lang_of(bulgaria) is None
    assert Labeller(s.lookup, "index", "en").lang_of(OTHERS) is None
    out = tmp_path / "site"
    s.write(stage_in(out))
    en = (out / "index.en.html").read_text(encoding="utf-8")
    assert re.search(r'<th scope="row" lang="nb"><a href="country/bg\.en\.html">Bulgaria</a></th>', en)
    nb = (out / "index.nb.html").read_text(encoding="utf-8")
    assert re.search(r'<th scope="row"><a href="country/bg\.nb\.html">Bulgaria</a></th>', nb)


def test_a_bar_label_is_cut_by_width_and_never_inside_a_character() -> None:
    """A long label is cut to 29 Latin letters' width and "…"; a Chinese, Japanese or Korean character
    counts as two (29 of them ran off the chart's left edge), and a letter keeps its marks (a Nepali label
    cut after 29 code points lost the vowel sign of its last letter)."""
    from aidlod.site.charts import short_label

    assert short_label("Education policy and administrative management") == "Education policy and administ…"
    assert short_label("Basic drinking water supply") == "Basic drinking water supply"
    assert short_label("中华人民共和国教育部国际合作与交流司对外援助项目") == "中华人民共和国教育部国际合作…"
    assert short_label("교육 정책 및 행정 관리 교육 시설 및 훈련") == "교육 정책 및 행정 관리 교육 …"
    # Nepal's Ministry of Education, Science and Technology: cut after 29 code points it read "… तथ…", the
    # vowel sign of तथा ("and") lost
    nepali = "नेपाल सरकार शिक्षा विज्ञान तथा प्रविधि मन्त्रालय"
    assert short_label(nepali) == "नेपाल सरकार शिक्षा विज्ञान तथा प्रविधि मन्त्…"
    assert short_label("e\u0301" * 40) == "e\u0301" * 29 + "…"
