"""A page's "Referenced by" list stops at ``views.REF_LIMIT`` entries per property (a funder of
10 000 activities); its last line links to the site's SPARQL page with the query that lists every
one. Checked here by running that query on the site's own dump: it finds exactly the entries the
list counts, the ones shown among them, and none from the page's own document."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph
import pytest

from aidlod.build import build
from aidlod.iris import site_path
from aidlod.site import views
from conftest import DATA

LINK = re.compile(r'<dd>and (\d+) more: <a href="((?:\.\./)*)sparql#query=([^"]+)">every one, listed by a SPARQL query'
                  r"</a></dd>")


@pytest.fixture(scope="module")
def short_lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site built with at most one entry per property in each "Referenced by" list."""
    site = tmp_path_factory.mktemp("refs") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views, "REF_LIMIT", 1)
        build(DATA, site)
    return site


def _refs_section(page: str) -> str:
    return page.split('<section aria-labelledby="site-refs">', 1)[1].split("</section>", 1)[0]


def _listed(section: str) -> list[list[str]]:
    """The links of each property of a "Referenced by" list, in order."""
    groups = [part.split("</dt>", 1)[1] for part in section.split("<dt")[1:]]
    return [re.findall(r'<dd><a href="([^"]+)"', group) for group in groups]


def test_the_link_lists_every_entry_the_page_counts(short_lists: Path, seed_site: Path) -> None:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(short_lists / "dumps" / "aidlod.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    base = "https://w3id.org/aidlod/"
    checked = 0
    for page in sorted(short_lists.glob("*/*.en.html")) + sorted(short_lists.glob("codelist/*/*.en.html")):
        text = page.read_text(encoding="utf-8")
        if 'aria-labelledby="site-refs"' not in text:
            continue
        rel = page.relative_to(short_lists).as_posix()
        section = _refs_section(text)
        full = _listed(_refs_section((seed_site / rel).read_text(encoding="utf-8")))  # the whole lists
        short = _listed(section)
        assert len(short) == len(full)
        mores = {int(n): (up, q) for n, up, q in LINK.findall(unescape(section))}
        for whole, cut in zip(full, short, strict=True):
            assert len(cut) == 1 and cut[0] in whole
            if len(whole) == 1:
                continue
            up, quoted = mores[len(whole) - 1]
            assert up == "../" * rel.count("/")  # the site's /sparql, from this page's folder
            query = unquote(quoted)
            found = [str(row["s"].value) for row in store.query(query)]  # type: ignore[union-attr]
            assert len(found) == len(whole) == len(set(found)), (rel, query)
            doc = base + rel.removesuffix(".en.html")
            assert not [s for s in found if s.split("#")[0] == doc]  # none from the page's own document
            # each one found is one the whole list links to, at its page and fragment (none for a
            # document's own subject, #id or the dataset's #dataset)
            links = sorted((posixpath.normpath(posixpath.join(posixpath.dirname(rel), urlsplit(h).path)
                                               ).removesuffix(".en.html"), urlsplit(h).fragment) for h in whole)
            iris = sorted((site_path(s, base), "" if s.split("#")[1] in ("id", "dataset") else s.split("#")[1])
                          for s in found)
            assert iris == links, (rel, found, whole)
            checked += 1
    assert checked >= 10, checked  # the seed's organisations, countries and codes


def test_a_list_that_shows_everything_has_no_link(seed_site: Path) -> None:
    page = (seed_site / "organisation" / "iom.en.html").read_text(encoding="utf-8")
    section = _refs_section(page)
    assert "<dd><a href=" in section and "sparql#query=" not in section


def test_no_query_is_made_from_an_iri_sparql_would_not_read() -> None:
    assert views.rest_query("https://w3id.org/aidlod/ontology#organisation",
                            ["https://w3id.org/aidlod/organisation/x#id"]) is not None
    for bad in ("https://example.org/a>b", 'https://example.org/a"b', "https://example.org/a b",
                "https://example.org/a{b}"):
        assert views.rest_query("https://w3id.org/aidlod/ontology#organisation", [bad]) is None
        assert views.rest_query(bad, ["https://w3id.org/aidlod/organisation/x#id"]) is None


def test_a_query_for_many_subjects_names_their_document_not_each_one() -> None:
    # a document many of whose parts are pointed to by one property: the link stays short, the same rows
    doc = "https://w3id.org/aidlod/project/x"
    pred = "https://w3id.org/aidlod/ontology#p"
    few = views.rest_query(pred, [f"{doc}#t-{i}" for i in range(views.REST_TARGETS)])
    many = views.rest_query(pred, [f"{doc}#t-{i}" for i in range(views.REST_TARGETS + 1)])
    assert few is not None and many is not None
    assert f"<{doc}#t-0>" in few and "VALUES" in few
    assert "VALUES" not in many and f'"{doc}")' in many
    store = pyoxigraph.Store()
    p = pyoxigraph.NamedNode("https://w3id.org/aidlod/ontology#p")
    for i in range(30):  # other documents point at its parts; one of its own parts points at another
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"https://w3id.org/aidlod/project/y{i}#id"), p,
                                  pyoxigraph.NamedNode(f"{doc}#t-{i}")))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"{doc}#t-0"), p, pyoxigraph.NamedNode(f"{doc}#t-1")))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://w3id.org/aidlod/project/z#id"), p,
                              pyoxigraph.NamedNode("https://w3id.org/aidlod/project/xx#t-0")))  # another document
    rows = [str(r["s"].value) for r in store.query(many)]  # type: ignore[union-attr]
    assert rows == sorted(f"https://w3id.org/aidlod/project/y{i}#id" for i in range(30))
