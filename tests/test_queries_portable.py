"""The example queries give the same rows in the same order on any SPARQL 1.1 store, not only on Oxigraph.

Run by Apache Jena's ARQ on the dumps (docs/newcomers.md, "Apache Jena and Fuseki"), they differed
from Oxigraph's answers in two ways, both the queries' fault:

- ``ORDER BY ?name`` over language-tagged names: SPARQL 1.1 defines ``<`` for simple literals and
  xsd:string, not for rdf:langString, so their order is each engine's own (ARQ put an Arabic name,
  tagged ``und``, before a French one; Oxigraph orders by the text). ``STR(?name)`` orders the text
  everywhere.
- ties: ``ORDER BY ?project`` where a project has several grants, and ``?code ?year`` with two rows
  of one code and year; rows whose sort keys are equal come in any order (ARQ and Oxigraph each
  their own), so the keys must tell every two rows apart.

And iati/disbursements-per-sector-and-year-in-eur.rq gave a row per code of every codelist for a
disbursement with no DAC sector (its ?s unbound, the pattern after it matched every concept): its
comment says such a disbursement gives no row. These tests run without Jena, on Oxigraph: what they
check is what the queries may rely on in any engine.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.queries import examples, read_csv

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "iati"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _doc_queries() -> list[tuple[str, str]]:
    """The ```sparql blocks of the README and docs/, by where they are."""
    out = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for i, block in enumerate(re.findall(r"```sparql\n(.*?)```", page.read_text(encoding="utf-8"), re.S)):
            out.append((f"{page.name}#{i + 1}", block))
    return out


QUERIES = ([(f"queries/{e.name}.rq", e.text) for e in examples()]
           + [(f"queries/iati/{e.name}.rq", e.text) for e in examples(data="iati")] + _doc_queries())


def order_keys(query: str) -> list[tuple[str, bool]]:
    """The variables of the query's outermost ORDER BY (one that ends its line: a subquery's is followed by
    its closing brace), each with whether it is compared as STR(...) (its text) rather than as the term itself."""
    clauses = re.findall(r"ORDER\s+BY\s+([^}\n]*)$", query, flags=re.I | re.M)
    if not clauses:
        return []
    clause = clauses[-1]
    return [(m.group(1), bool(re.search(r"STR\(\s*$", clause[:m.start()], re.I)))
            for m in re.finditer(r"\?(\w+)", clause)]


def test_order_keys_are_read_as_written() -> None:
    assert order_keys("SELECT ?a WHERE { ?a ?b ?c } ORDER BY DESC(?n) STR(?country) ?code\n") == [
        ("n", False), ("country", True), ("code", False)]
    assert order_keys("SELECT * WHERE { { SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?o }\n}") == []
    assert order_keys("SELECT ?a WHERE { ?a ?b ?c }") == []


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory, seed_site: Path) -> dict[str, ox.Store]:
    """Stores of the seed dump, of three IATI fixture files imported (as tests/test_queries.py) together with
    the hostile fixtures (a narrative in no stated language, tagged 'und'; a disbursement with no sector), and of
    a small synthetic IATI-rich dataset (projects with several grants)."""
    from aidlod.build import build
    from aidlod.iati.importer import import_iati
    from aidlod.synth import generate
    from conftest import only_writers

    folder = tmp_path_factory.mktemp("portable")
    for source in [FIXTURES / "other-publisher.xml", FIXTURES / "roundtrip" / "un-2.03.xml",
                   FIXTURES / "roundtrip" / "ngo-2.02.xml", FIXTURES / "hostile" / "right-to-left-ngo.xml",
                   FIXTURES / "hostile" / "language-regions.xml",
                   FIXTURES / "hostile" / "dates-time-zones.xml"]:
        import_iati(source, folder / "iati", licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    build(folder / "iati", folder / "iati-site", writers=only_writers("dumps"))
    generate(folder / "synth", 12, seed=3)
    build(folder / "synth", folder / "synth-site", writers=only_writers("dumps"))
    stores = {}
    for name, site in [("seed", seed_site), ("iati", folder / "iati-site"), ("synth", folder / "synth-site")]:
        store = ox.Store()
        store.load(path=str(site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
        stores[name] = store
    return stores


@pytest.mark.parametrize(("where", "query"), QUERIES, ids=[w for w, _ in QUERIES])
def test_the_order_is_the_same_in_every_engine(where: str, query: str, dumps: dict[str, ox.Store]) -> None:
    keys = order_keys(query)
    if not keys:
        return  # unordered: any engine gives the rows in its own order, and says so by no ORDER BY
    variables = [v for v, _ in keys]
    checked = 0
    for name, store in dumps.items():
        solutions = list(store.query(query))
        for solution in solutions:
            for var, as_text in keys:
                term = solution[var]
                tagged = isinstance(term, ox.Literal) and term.datatype.value == LANG_STRING
                assert as_text or not tagged, (
                    f"{where}: ORDER BY ?{var} orders language-tagged literals ({term} on the {name} dump), "
                    f"whose order SPARQL leaves to each engine: ORDER BY STR(?{var})")
        # rows with equal sort keys come in an order of the engine's choosing: the keys tell rows apart
        by_key: dict[tuple[str, ...], str] = {}
        for solution in solutions:
            key = tuple("" if solution[v] is None else str(solution[v]) for v in variables)
            row = repr([None if term is None else str(term) for term in solution])
            assert by_key.setdefault(key, row) == row, (
                f"{where}: two rows with the same ORDER BY keys {key} on the {name} dump: their order is the engine's")
        checked += len(solutions)
    assert checked or where.startswith("docs/"), f"{where}: no rows on any dump, nothing checked"


def test_a_disbursement_with_no_dac_sector_gives_no_row(dumps: dict[str, ox.Store]) -> None:
    """Its comment says so; the row per code of every codelist it gave was found comparing ARQ with Oxigraph
    (the extra rows tied on code and year: same keys, other labels)."""
    query = next(e.text for e in examples(data="iati") if e.name == "disbursements-per-sector-and-year-in-eur")
    store = dumps["iati"]
    unsectored = list(store.query(
        "PREFIX aid: <https://w3id.org/aidlod/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?t WHERE { ?a aid:iati-transaction ?t . "
        "?t aid:iati-transaction-type/aid:iati-code/skos:notation \"3\" . "
        "FILTER NOT EXISTS { ?t aid:iati-sector ?own } "
        "FILTER NOT EXISTS { ?a aid:sectorAllocation ?s } FILTER NOT EXISTS { ?a aid:iati-sector ?i } }"))
    assert unsectored, "the dump has no disbursement without a DAC sector: the case is not tested"
    rows = read_csv(store.query(query).serialize(format=ox.QueryResultsFormat.CSV))
    sector_codes = {str(s["code"].value) for s in store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?code WHERE { "
        "?c skos:inScheme <https://w3id.org/aidlod/codelist/Sector#id> ; skos:notation ?code }")}
    assert rows
    assert {r["code"] for r in rows} <= sector_codes, "a row for a code that is no DAC 5-digit sector"
    assert len({(r["code"], r["year"]) for r in rows}) == len(rows)
