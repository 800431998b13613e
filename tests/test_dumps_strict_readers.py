"""What a strict reader of the dumps (Apache Jena's RIOT with checking on: docs/push.md, "Apache Jena and
Fuseki") checks, checked here without Jena on dumps of hostile IATI input: every literal's lexical form
is valid for its datatype, every language tag is a well-formed BCP 47 tag, every IRI is absolute and
holds no character an IRI may not. RIOT found nothing to warn about on the seed, an imported and a
synthetic site; these keep it so (rdflib and Oxigraph accept much that RIOT warns about)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "iati"

# RFC 5646 langtag (no grandfathered or private-use-only tags: aidlod writes none)
_LANGTAG = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-x(-[A-Za-z0-9]{1,8})+)?$".replace("^", "^(", 1))
# RFC 3987: no space, control, or any of <>"{}|\^` in an IRI; a scheme first
_BAD_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
XSD = "http://www.w3.org/2001/XMLSchema#"
_TZ = r"(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?"
# The XSD lexical spaces rdflib does not check (its Literal.ill_typed is None for them) and RIOT does
_LEXICAL = {
    f"{XSD}gYear": re.compile(rf"^-?([1-9][0-9]{{4,}}|[0-9]{{4}}){_TZ}$"),
    f"{XSD}gYearMonth": re.compile(rf"^-?([1-9][0-9]{{4,}}|[0-9]{{4}})-(0[1-9]|1[0-2]){_TZ}$"),
    f"{XSD}duration": re.compile(r"^-?P(?=[0-9]|T[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
                                 r"(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$"),
}


def test_the_language_tag_pattern_is_bcp_47() -> None:
    for good in ("en", "nb", "und", "es-419", "zh-Hant-TW", "sr-Latn", "en-GB", "ar"):
        assert _LANGTAG.match(good), good
    for bad in ("en_GB", "e", "english-language-tag", "en-", "-en", "en GB", "419"):
        assert not _LANGTAG.match(bad), bad


def test_the_lexical_patterns_are_xsd_s() -> None:
    good = {"gYear": ("2004", "2004Z", "-0044", "12004"), "gYearMonth": ("2004-02", "2004-12+01:00"),
            "duration": ("P3Y", "P1Y2M3DT4H5M6.5S", "PT36H", "-P1D")}
    bad = {"gYear": ("04", "2004-02", "2004 ", "02004"), "gYearMonth": ("2004-13", "2004-2", "2004"),
           "duration": ("P", "PT", "3Y", "P1YT", "P1.5Y")}
    for name, values in good.items():
        assert all(_LEXICAL[XSD + name].match(v) for v in values), name
    for name, values in bad.items():
        assert not any(_LEXICAL[XSD + name].match(v) for v in values), name


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory, seed_site: Path) -> dict[str, Graph]:
    from aidlod.build import build
    from aidlod.iati.importer import import_iati
    from aidlod.synth import generate
    from conftest import only_writers

    folder = tmp_path_factory.mktemp("strict")
    sources = sorted((FIXTURES / "hostile").glob("*.xml")) + sorted((FIXTURES / "roundtrip").glob("*.xml"))
    for source in [*sources, FIXTURES / "other-publisher.xml"]:
        import_iati(source, folder / "iati", licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    build(folder / "iati", folder / "iati-site", writers=only_writers("dumps"))
    generate(folder / "synth", 8, seed=5)
    build(folder / "synth", folder / "synth-site", writers=only_writers("dumps"))
    return {name: Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
            for name, site in [("seed", seed_site), ("iati", folder / "iati-site"), ("synth", folder / "synth-site")]}


def test_every_term_is_one_a_strict_reader_takes(graphs: dict[str, Graph]) -> None:
    problems: list[str] = []
    seen = {"literal": 0, "tagged": 0, "typed": 0, "iri": 0}
    datatypes: set[str] = set()
    for name, graph in graphs.items():
        for triple in graph:
            for term in triple:
                if isinstance(term, URIRef):
                    seen["iri"] += 1
                    if _BAD_IRI.search(term) or not _SCHEME.match(term):
                        problems.append(f"{name}: IRI {term!r}")
                elif isinstance(term, Literal):
                    seen["literal"] += 1
                    if term.language is not None:
                        seen["tagged"] += 1
                        if not _LANGTAG.match(term.language):
                            problems.append(f"{name}: language tag {term.language!r} on {str(term)[:40]!r}")
                    if term.datatype is not None:
                        seen["typed"] += 1
                        datatype = str(term.datatype)
                        datatypes.add(datatype.rsplit("#", 1)[-1])
                        if datatype in _LEXICAL:
                            ok = bool(_LEXICAL[datatype].match(term))
                        elif datatype == f"{XSD}anyURI":
                            ok = not _BAD_IRI.search(term)
                        elif datatype.startswith(XSD):
                            # a datatype neither rdflib nor this test checks: add its lexical space above
                            assert term.ill_typed is not None, f"unchecked datatype {datatype}"
                            ok = not term.ill_typed
                        else:
                            ok = True  # geo:wktLiteral: no reader checks it
                        if not ok:
                            problems.append(f"{name}: {str(term)!r} is no {datatype}")
                else:
                    assert isinstance(term, BNode)
    assert not problems, problems[:20]
    assert seen["tagged"] > 1000 and seen["typed"] > 1000 and seen["iri"] > 10000, seen
    assert {"date", "dateTime", "decimal", "integer", "boolean", "gYear", "gYearMonth", "anyURI"} <= datatypes
