"""Where the site points at SPARQL (``sparql_endpoint`` in ``dataset.yaml``): the site's own ``/sparql`` by
default, another endpoint named by its IRI (the store ``aidlod push`` fills), or none for a static host.
The graph states it (``void:sparqlEndpoint`` of the dataset) and the front page, the "Referenced by"
lists' query links, the VoID description and the DCAT catalog follow it; a change of it renders every
page that links a query anew."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from aidlod.build import build
from aidlod.iris import DCAT, VOID
from aidlod.site import views
from aidlod.writers import hosting
from conftest import DATA

BASE = "https://w3id.org/aidlod/"
STORE = "https://store.example.org/aid/query"
DATASET = URIRef(BASE + "#dataset")
# a "Referenced by" list's last line, whatever its link
MORE = re.compile(r"<dd>and (\d+) more(?:: <a href=\"([^\"]+)\">every one, listed by a SPARQL query</a>)?</dd>")


def _data(tmp: Path, endpoint: str | None) -> Path:
    data = tmp / "data"
    shutil.copytree(DATA, data)
    if endpoint is not None:
        path = data / "dataset.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"sparql_endpoint: {endpoint}\n", encoding="utf-8")
    return data


def _site(tmp: Path, endpoint: str | None) -> Path:
    """The seed built with ``sparql_endpoint`` set (None: not given), at most one entry per "Referenced
    by" list's property, so that the organisations', countries' and codes' pages end in a query link."""
    site = tmp / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views, "REF_LIMIT", 1)
        build(_data(tmp, endpoint), site)
    return site


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("own"), None)


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("other"), STORE)


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("static"), "none")


def _mores(site: Path) -> dict[str, list[tuple[int, str]]]:
    """Each English page's "and N more" lines: (N, link or "")."""
    found = {}
    for page in sorted(site.rglob("*.en.html")):
        lines = MORE.findall(unescape(page.read_text(encoding="utf-8")))
        if lines:
            found[page.relative_to(site).as_posix()] = [(int(n), href) for n, href in lines]
    return found


def _endpoints(site: Path) -> tuple[list[str], list[str], list[str]]:
    """The endpoint the dump, the VoID description and the catalog's data service state."""
    dump = Graph().parse(site / "dumps" / "aidlod.nt")
    void = Graph().parse(site / "void.ttl")
    catalog = Graph().parse(site / "catalog.ttl")
    return ([str(o) for o in dump.objects(DATASET, VOID.sparqlEndpoint)],
            [str(o) for o in void.objects(DATASET, VOID.sparqlEndpoint)],
            sorted(str(o) for o in catalog.objects(None, DCAT.endpointURL)))


def test_by_default_the_site_points_at_its_own_endpoint(own: Path) -> None:
    assert _endpoints(own) == ([BASE + "sparql"], [BASE + "sparql"], [BASE + "sparql"])
    front = (own / "index.en.html").read_text(encoding="utf-8")
    assert f'<a href="sparql"><code>{BASE}sparql</code></a>' in front
    mores = _mores(own)
    assert len(mores) >= 10  # the seed's organisations, countries and codes
    for rel, lines in mores.items():
        for _n, href in lines:
            assert href.startswith("../" * rel.count("/") + "sparql#query="), (rel, href)


def test_the_catalog_describes_the_own_endpoint_by_its_service_description(own: Path, other: Path) -> None:
    """'aidlod serve' answers the SPARQL 1.1 Service Description at its endpoint (asked for RDF): the catalog's
    data service says so for the site's own endpoint, and for no other (what another one answers is unknown)."""
    for site, described in ((own, [BASE + "sparql"]), (other, [])):
        catalog = Graph().parse(site / "catalog.ttl")
        assert sorted(str(o) for o in catalog.objects(None, DCAT.endpointDescription)) == described


def test_another_endpoint_is_linked_and_asked_by_the_protocol(own: Path, other: Path) -> None:
    assert _endpoints(other) == ([STORE], [STORE], [STORE])
    front = (other / "index.en.html").read_text(encoding="utf-8")
    assert f'<a href="{STORE}"><code>{STORE}</code></a>' in front
    assert 'href="sparql"' not in front
    theirs, ours = _mores(other), _mores(own)
    assert theirs.keys() == ours.keys()
    for rel, lines in theirs.items():
        assert [n for n, _h in lines] == [n for n, _h in ours[rel]]
        for (_n, href), (_m, local) in zip(lines, ours[rel], strict=True):
            parts = urlsplit(href)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == STORE
            # the same query the site's own query page would run
            assert parse_qs(parts.query)["query"] == [unquote(local.split("#query=", 1)[1])]


def test_the_query_link_runs_on_the_named_endpoint(other: Path) -> None:
    """What the link asks the endpoint for, run on the site's dump: as many as the line counts, plus
    the one the list shows."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(other / "dumps" / "aidlod.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    checked = 0
    for lines in _mores(other).values():
        for n, href in lines:
            query = parse_qs(urlsplit(href).query)["query"][0]
            assert len(list(store.query(query))) == n + 1  # type: ignore[arg-type]
            checked += 1
    assert checked >= 10


def test_a_static_site_points_at_no_endpoint(static: Path, own: Path) -> None:
    assert _endpoints(static) == ([], [], [])
    catalog = Graph().parse(static / "catalog.ttl")
    assert not list(catalog.subjects(None, DCAT.DataService))
    for page in sorted(static.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "sparql#query=" not in text and "?query=" not in text, page
        assert 'id="site-sparql"' not in text, page
    # the lists still say how many more there are, with no link
    mores = _mores(static)
    assert mores.keys() == _mores(own).keys()
    assert all(href == "" for lines in mores.values() for _n, href in lines)


def test_changing_the_endpoint_renders_the_pages_anew(tmp_path: Path) -> None:
    """A rebuild after ``sparql_endpoint: none`` leaves no page linking the old endpoint's query page
    (every page reads the dataset's statements, and the pages' reuse memo counts the endpoint too)."""
    site = tmp_path / "site"
    data = _data(tmp_path, None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views, "REF_LIMIT", 1)
        build(data, site)
        assert any(href for lines in _mores(site).values() for _n, href in lines)
        path = data / "dataset.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "sparql_endpoint: none\n", encoding="utf-8")
        build(data, site)
    assert _mores(site) and not any(href for lines in _mores(site).values() for _n, href in lines)
    assert not any("sparql#query=" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_the_server_files_follow_the_endpoint(own: Path, other: Path, static: Path) -> None:
    """Only the site's own endpoint is kept from crawlers and forwarded by nginx to ``aidlod serve``; the
    404 page links whichever endpoint the dataset names, and none for a static site."""
    def files(site: Path) -> tuple[str, str]:
        return ((site / "robots.txt").read_text(encoding="utf-8"),
                (site / "server" / "nginx.conf").read_text(encoding="utf-8"))

    robots, nginx = files(own)
    assert "Disallow: /aidlod/sparql\n" in robots
    assert "location = /sparql {" in nginx and "location ^~ /sparql-ui/ {" in nginx
    assert '<a href=\\"/sparql\\">SPARQL endpoint</a>' in nginx
    # aidlod serve's own 404 page is the one the nginx block of the default carries
    assert hosting.NOT_FOUND_PAGE == hosting.not_found_page(hosting.OWN_ENDPOINT)
    for site, link in ((other, f'<a href=\\"{STORE}\\">SPARQL endpoint</a>'), (static, None)):
        robots, nginx = files(site)
        assert "Disallow" not in robots and "Sitemap: " + BASE + "sitemap.xml" in robots
        assert "location = /sparql" not in nginx and "/sparql-ui/" not in nginx and "proxy_pass" not in nginx
        if link:
            assert link in nginx
        else:
            assert "SPARQL endpoint" not in nginx and '<a href=\\"/\\">Front page</a></p>' in nginx


def test_the_404_page_escapes_the_endpoint() -> None:
    """An endpoint IRI is HTML-escaped on the 404 page, and a ``$`` written ``%24`` (nginx would read it
    as a variable in the page it returns)."""
    page = hosting.not_found_page("https://q.example.org/s?a=1&b=$x")
    assert '<a href="https://q.example.org/s?a=1&amp;b=%24x">SPARQL endpoint</a>' in page
    conf = hosting.nginx_conf(BASE, ["en"], endpoint="https://q.example.org/s?a=1&b=$x")
    assert "$x" not in conf and "location = /sparql" not in conf
