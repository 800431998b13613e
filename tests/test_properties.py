"""Property-based tests: whatever the loader accepts survives every output unchanged.

The loader is the gate: it refuses text with C0 controls other than tab and newline (XML 1.0,
used by the IATI output, cannot carry them), surrogates and U+FFFE/U+FFFF, and identifiers that are
not slugs. The properties state the other side of that bargain: any text it accepts comes back
from Turtle, N-Triples and JSON-LD (read by Oxigraph, rdflib and pyld) exactly as accepted; any
identifier, code, file name or IRI it accepts gives IRIs every parser takes; and no file content
whatever makes it fail with anything but a clear ``InputError``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyld import jsonld
from rdflib import Graph, Literal, URIRef

from aidlod import iris, mapping, records
from aidlod.dataset import Dataset
from aidlod.errors import InputError
from aidlod.writers import dumps
from conftest import DATA, require_tool, stage_in

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
BASE = "https://example.org/data/"
SCHEMA_NAME = "https://schema.org/name"
SCHEMA_ALT = "https://schema.org/alternateName"

# Text that hits the edges: controls, quotes, markup, escapes, line separators, astral planes.
NASTY = st.sampled_from([*"\t\n\r\x00\x01\x1b\x7f\x85\xa0\u2028\u2029\u202e\ufeff\ufffd\U0001f600<>&\"'\\`{}#%\u00e6 ",
                         "]]>", "</script>", "<!--", '"""', "\\u0022"])
TEXT = st.one_of(st.text(), st.lists(st.one_of(NASTY, st.text(max_size=3))).map("".join))


def check(spec: records.Check, value: Any, where: str) -> tuple[Any, list]:
    problems: list = []
    ctx = records.Context("data/x.yaml", "x", problems)
    return spec(value, where, ctx), problems


def literal_values(graph_nt: bytes, predicate: str) -> set[tuple[str, str | None]]:
    out = set()
    for t in ox.parse(graph_nt, format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value == predicate:
            out.add((t.object.value, t.object.language))
    return out


def read_back(folder: Path, predicate: str) -> dict[str, set[tuple[str, str | None]]]:
    """The (text, language) pairs of ``predicate`` as each parser reads each dump."""
    d = folder / "dumps"
    found: dict[str, set[tuple[str, str | None]]] = {}
    for name, fmt in (("aidlod.nt", ox.RdfFormat.N_TRIPLES), ("aidlod.ttl", ox.RdfFormat.TURTLE),
                      ("aidlod.jsonld", ox.RdfFormat.JSON_LD)):
        triples = ox.parse(path=str(d / name), format=fmt)
        found[f"oxigraph {name}"] = {(t.object.value, t.object.language) for t in triples
                                     if t.predicate.value == predicate}
    for name, fmt in (("aidlod.nt", "nt"), ("aidlod.ttl", "turtle"), ("aidlod.jsonld", "json-ld")):
        g = Graph().parse(d / name, format=fmt)
        found[f"rdflib {name}"] = {(str(o), o.language) for o in g.objects(None, URIRef(predicate))
                                   if isinstance(o, Literal)}
    doc = json.loads((d / "aidlod.jsonld").read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    found["pyld aidlod.jsonld"] = literal_values(nquads.encode("utf-8"), predicate)
    return found


def organisation(name: str, acronym: str) -> dict[str, Any]:
    return {"id": "org", "name": {"en": name, "nb": "x"}, "acronym": acronym}


@SETTINGS
@given(name=TEXT, acronym=TEXT)
def test_accepted_text_survives_every_dump(name: str, acronym: str) -> None:
    data, problems = check(records.obj(records.SCHEMAS["organisation"]), organisation(name, acronym), "")
    if problems:
        # Refused: each problem names the field it is about, never a crash.
        assert {p.field for p in problems} <= {"name.en", "acronym"}, problems
        assert all(p.message for p in problems)
        return
    record = records.Record("organisation", "org", "data/organisations/org.yaml", data, "0")
    mapped = mapping.map_record(record, iris.IRIs(BASE))
    graph = Graph()
    for triple in mapped.triples:
        graph.add(triple)
    with tempfile.TemporaryDirectory() as tmp:
        # a folder inside the temporary one: a stage outside a build keeps its writers' cache files
        # beside its folder, which must go with it (they were left in /tmp, one per example)
        site = Path(tmp) / "site"
        dumps.DumpsWriter().write(Dataset(graph, iris.IRIs(BASE)), stage_in(site))
        names = read_back(site, SCHEMA_NAME)
        acronyms = read_back(site, SCHEMA_ALT)
    for parser, values in names.items():
        assert values == {(data["name"]["en"], "en"), ("x", "nb")}, parser
    for parser, values in acronyms.items():
        assert values == {(data["acronym"], None)}, parser


def accepted_iris(value: str) -> list[str]:
    """Every IRI the loader would let ``value`` take part in, or [] when it refuses ``value``."""
    out: list[str] = []
    minted = iris.IRIs(BASE)
    slug, problems = check(records.slug, value, "id")
    if not problems:
        out += [str(minted.thing(kind, slug)) for kind in iris.SEGMENTS]
        out.append(str(minted.part("project", slug, f"participation-{slug}-1")))
    code, problems = check(records.code, value, "status")
    if not problems:
        out.append(str(iris.codelist_concept("Sector", code)))
        out.append(str(minted.part("project", "p", f"sector-1-{code}")))
    filename, problems = check(records.SCHEMAS["source"]["file"][0], value, "file")
    if not problems:
        out.append(str(minted.source_file(filename)))
    link, problems = check(records.iri, value, "homepage")
    if not problems:
        out.append(link)
    return out


IDENT = st.one_of(
    st.text(),
    st.text(alphabet="abcXYZ019-._/ %#:?&<>\"{}|^`\\\x01\u00e9"),
    st.builds(lambda s: "https://example.org/" + s, st.text()),
    st.builds(lambda s: "https://example.org/" + s, st.text(alphabet="ab%#/?:@[]!$&'()*+,;=~-._ \x7f2Fz")),
)


@SETTINGS
@given(value=IDENT)
def test_arbitrary_identifiers_are_refused_or_give_valid_iris(value: str) -> None:
    for iri in accepted_iris(value):
        ox.NamedNode(iri)  # raises on an invalid IRI
        line = f'<{iri}> <{SCHEMA_NAME}> "x" .\n'
        assert [t.subject.value for t in ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES)] == [iri]
        assert list(Graph().parse(data=line, format="nt").subjects()) == [URIRef(iri)]
        assert list(Graph().parse(data=line, format="turtle").subjects()) == [URIRef(iri)]


def test_many_accepted_iris_pass_rapper(tmp_path: Path) -> None:
    """Raptor, a third parser, reads every IRI from a seeded sample of accepted identifiers."""
    rapper = require_tool("rapper")
    rng = random.Random(7)
    alphabet = "abcz0189-._/%#:?&<>\"{}|^`\\ \u00e9A"
    lines = []
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        for candidate in (value, "https://example.org/" + value):
            lines += [f'<{iri}> <{SCHEMA_NAME}> "x" .\n' for iri in accepted_iris(candidate)]
    assert len(lines) > 500
    path = tmp_path / "iris.nt"
    path.write_text("".join(lines), encoding="utf-8")
    proc = subprocess.run([rapper, "-i", "ntriples", "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"returned {len(lines)} triples" in proc.stderr


@SETTINGS
@given(raw=st.one_of(st.text(max_size=40), st.from_regex(r"[-+]?[0-9_.:eE]{1,12}", fullmatch=True)))
def test_accepted_numbers_are_exact_decimals(raw: str) -> None:
    value, problems = check(records.number("an amount", 2), records.YamlNumber(raw), "grants[0].amount")
    if problems:
        assert [p.field for p in problems] == ["grants[0].amount"]
        return
    assert isinstance(value, Decimal) and value.is_finite()
    assert value == Decimal(raw)
    lexical = str(mapping.decimal_literal(value))
    assert "e" not in lexical.lower()
    assert Decimal(lexical) == value
    term = ox.Literal(lexical, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    assert Decimal(term.value) == value


@pytest.fixture(scope="module")
def scratch_data() -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(DATA, target)
        yield target


def assert_clear_or_loads(data: Path) -> None:
    try:
        records.load(data)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file.startswith("data/") and problem.message
            assert "\n" not in str(problem)


@SETTINGS
@given(content=st.one_of(st.text(), st.binary(), st.lists(st.one_of(NASTY, st.sampled_from(
    ["id: x\n", "- ", ": ", "[", "{", "&a ", "*a ", "!!", "? ", "---\n", "2003-02-30", "065000", "  "]))).map("".join)))
def test_any_file_content_gives_a_clear_error(scratch_data: Path, content: str | bytes) -> None:
    target = scratch_data / "projects" / "fuzz.yaml"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_bytes(content.encode("utf-8", "surrogatepass"))
    assert_clear_or_loads(scratch_data)


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                   st.dates().map(str))
YAML_VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), inner, max_size=4)),
    max_leaves=20)
PROJECT_FIELDS = sorted(records.SCHEMAS["project"])


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from([*PROJECT_FIELDS, "extra"]), YAML_VALUE, max_size=8))
def test_any_yaml_structure_gives_a_clear_error(scratch_data: Path, fields: dict[str, Any]) -> None:
    estonia = yaml.safe_load((DATA / "projects" / "estonia.yaml").read_text(encoding="utf-8"))
    estonia.update(fields)
    estonia["id"] = "fuzz" if "id" not in fields else fields["id"]
    (scratch_data / "projects" / "fuzz.yaml").write_text(yaml.safe_dump(estonia, allow_unicode=True), encoding="utf-8")
    assert_clear_or_loads(scratch_data)


# --- hostile text through the whole build: dumps always, HTML and IATI XML where those writers exist

HOSTILE = ("</script><script>alert(1)</script><!-- \"q\" & 'a' ]]> \u2028\u202e "
           "<svg onload=alert(1)> javascript:alert(1) {{7*7}} \\u003c")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aidlod.build import build

    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA, data)
    path = data / "projects" / "estonia.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("en: Handbook on human trafficking in Estonia\n", f"en: {json.dumps(HOSTILE)}\n", 1)
    path.write_text(text, encoding="utf-8")
    build(data, root / "site")
    return root / "site"


def test_hostile_text_survives_the_built_dumps(hostile_site: Path) -> None:
    nt = (hostile_site / "dumps" / "aidlod.nt").read_bytes()
    assert (HOSTILE, "en") in literal_values(nt, SCHEMA_NAME)
    doc = ox.parse(path=str(hostile_site / "project" / "estonia-trafficking-handbook.ttl"),
                   format=ox.RdfFormat.TURTLE)
    assert HOSTILE in {t.object.value for t in doc if t.predicate.value == SCHEMA_NAME}


def test_hostile_text_is_escaped_in_every_html_page(hostile_site: Path) -> None:
    """Every HTML page the build writes: the markup in the text never becomes markup."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages, "the build wrote no HTML pages"
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<svg onload" not in html, page
        for block in re.findall(r'<script[^>]*application/ld\+json[^>]*>(.*?)</script>', html, re.S):
            doc = json.loads(block)  # the JSON-LD block is intact: the text did not close it early
            shown += HOSTILE in json.dumps(doc, ensure_ascii=False)
        shown += "&lt;script&gt;alert(1)" in html
    assert shown, "the hostile title appears on no page at all"


def test_hostile_text_survives_iati_xml(hostile_site: Path) -> None:
    xml = hostile_site / "iati" / "activities.xml"
    assert xml.is_file(), "the build wrote no IATI XML"
    from lxml import etree

    tree = etree.parse(str(xml), etree.XMLParser(resolve_entities=False, no_network=True))
    assert HOSTILE in {t.strip() for t in tree.xpath("//text()")}
