"""`aidlod serve`: content negotiation over the built site, 404/406, traversal, HEAD, caching headers."""

from __future__ import annotations

import email.utils
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from aidlod.serve import Config, PublishedSite, conneg, start_in_thread, stop
from httpclient import FORMATS, add_fake_pages, copy_without_pages, fetch, free_port, triples

PROJECT = "project/poland-return-of-victims"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.fixture(scope="module")
def server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site without HTML pages: what a build without the page writer serves."""
    site = copy_without_pages(seed_site, tmp_path_factory.mktemp("no-pages") / "site")
    srv = start_in_thread(Config(site, query_timeout=5, workers=1, quiet=True))
    yield srv.url
    stop(srv)


def dump_triples(site: Path, document: str) -> set[str]:
    """The dump's triples whose subject lives in the document (what its IRI dereferences to)."""
    doc = f"https://w3id.org/aidlod/{document}#"
    return {str(t) for t in ox.parse(path=str(site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
            if t.subject.value.startswith(doc)}


# --- negotiation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("media", list(FORMATS))
def test_each_rdf_media_type_gives_the_projects_triples(server: str, seed_site: Path, media: str) -> None:
    r = fetch(server, "/" + PROJECT, headers={"Accept": media})
    assert r.status == 200
    assert r.header("Content-Type") == f"{media}; charset=utf-8"
    assert r.header("Vary") == "Accept, Accept-Language"
    suffix = {"text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt",
              "application/rdf+xml": ".rdf"}[media]
    assert r.header("Content-Location") == f"/{PROJECT}{suffix}"
    assert r.header("Content-Length") == str(len(r.body))
    expected = dump_triples(seed_site, PROJECT)
    assert len(expected) > 20
    assert triples(r.body, media) == expected


def test_the_tables_metadata_is_served_as_csv_on_the_web_metadata(server: str, seed_site: Path) -> None:
    """The front page lists it as application/csvm+json (CSVW's registered type), so it is served so;
    the other JSON files keep application/json."""
    r = fetch(server, "/tables/csv-metadata.json")
    assert r.status == 200
    assert r.header("Content-Type") == "application/csvm+json; charset=utf-8"
    assert r.body == (seed_site / "tables" / "csv-metadata.json").read_bytes()
    assert "(application/csvm+json)" in (seed_site / "index.en.html").read_text(encoding="utf-8")
    other = fetch(server, "/tables/datapackage.json")
    assert other.status == 200
    assert other.header("Content-Type") == "application/json; charset=utf-8"


@pytest.mark.parametrize(("fmt", "media"), [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                             ("nt", "application/n-triples"), ("rdf", "application/rdf+xml"),
                                             ("turtle", "text/turtle")])
def test_format_parameter_overrides_accept(server: str, seed_site: Path, fmt: str, media: str) -> None:
    r = fetch(server, f"/{PROJECT}?format={fmt}", headers={"Accept": "text/html"})
    assert r.status == 200
    assert r.media_type == media
    assert triples(r.body, media) == dump_triples(seed_site, PROJECT)


@pytest.mark.parametrize(("accept", "media"), [
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("application/ld+json;q=0.2, application/n-triples;q=0.9, text/turtle;q=0.1", "application/n-triples"),
    ("text/turtle;q=0, */*;q=0.1", "application/ld+json"),
    ("application/*", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("text/n3", "text/turtle"),  # N3 is a superset of Turtle: the Turtle document answers an N3 client
    ("application/ld+json, text/n3;q=0.5", "application/ld+json"),
    ("*/*", "text/turtle"),
    (None, "text/turtle"),
    (BROWSER, "text/turtle"),  # no HTML pages in this site: a browser gets what it takes under */*
])
def test_q_values_decide(server: str, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    r = fetch(server, "/" + PROJECT, headers=headers)
    assert r.status == 200
    assert r.media_type == media


@pytest.mark.parametrize("accept", ["image/png", "text/html", "text/turtle;q=0, application/*;q=0",
                                    "application/ld+json;q=foo"])
def test_nothing_acceptable_is_406_with_the_list(server: str, accept: str) -> None:
    r = fetch(server, "/" + PROJECT, headers={"Accept": accept})
    assert r.status == 406
    assert r.header("Vary") == "Accept, Accept-Language"
    text = r.body.decode()
    for media in ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"):
        assert media in text
    assert "text/html" not in text  # no pages in this build


def test_format_html_without_pages_is_406_and_unknown_format_400(server: str) -> None:
    assert fetch(server, f"/{PROJECT}?format=html").status == 406
    r = fetch(server, f"/{PROJECT}?format=exe")
    assert r.status == 400
    assert b"ttl" in r.body


def test_base_iri_path_maps_to_the_site(server: str, seed_site: Path) -> None:
    r = fetch(server, f"/aidlod/{PROJECT}", headers={"Accept": "application/n-triples"})
    assert r.status == 200
    assert triples(r.body, "application/n-triples") == dump_triples(seed_site, PROJECT)


def test_front_page_and_vocabulary_documents(server: str) -> None:
    r = fetch(server, "/", headers={"Accept": "text/turtle"})
    assert r.status == 200
    assert r.header("Content-Location") == "/index.ttl"
    assert "<https://w3id.org/aidlod/#dataset>" in {t.split(" ")[0] for t in triples(r.body, "text/turtle")}
    code = fetch(server, "/codelist/ActivityStatus/2", headers={"Accept": "application/ld+json"})
    assert code.status == 200 and code.media_type == "application/ld+json"
    # the ontology exists only as Turtle
    assert fetch(server, "/ontology", headers={"Accept": "text/turtle"}).status == 200
    assert fetch(server, "/ontology", headers={"Accept": "application/ld+json"}).status == 406


def test_files_with_extensions_are_served_directly(server: str, seed_site: Path) -> None:
    for path, media in [("/dumps/aidlod.nt", "application/n-triples"), ("/dumps/aidlod.ttl", "text/turtle"),
                        ("/dumps/aidlod.nt.gz", "application/gzip"), ("/SHA256SUMS", "text/plain"),
                        (f"/{PROJECT}.jsonld", "application/ld+json")]:
        r = fetch(server, path, headers={"Accept": "image/png"})  # no negotiation for a file
        assert r.status == 200, path
        assert r.media_type == media, path
        assert r.body == (seed_site / path[1:]).read_bytes()
        assert r.header("Vary") is None


def test_head_etag_and_conditional_get(server: str) -> None:
    get = fetch(server, f"/{PROJECT}.ttl")
    head = fetch(server, f"/{PROJECT}.ttl", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(len(get.body))
    assert head.header("ETag") == get.header("ETag") and get.header("Last-Modified")
    again = fetch(server, f"/{PROJECT}.ttl", headers={"If-None-Match": get.header("ETag") or ""})
    assert again.status == 304 and again.body == b""


def test_conditional_get_takes_a_list_of_tags_weak_tags_and_a_later_date(server: str) -> None:
    """What caches and harvesters send back: several held tags, a tag nginx's gzip made weak (W/), a date
    later than the file's (curl -z, wget -N give their copy's time); the 304 says the 200's length."""
    get = fetch(server, f"/{PROJECT}.ttl")
    tag, modified = get.header("ETag") or "", get.header("Last-Modified") or ""
    for held in (f'"0123", {tag}', f"W/{tag}", f'W/"0123" , W/{tag}'):
        r = fetch(server, f"/{PROJECT}.ttl", headers={"If-None-Match": held})
        assert r.status == 304 and r.body == b"", held
        assert r.header("Content-Length") == str(len(get.body)) and r.header("ETag") == tag
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-None-Match": '"0123", W/"4567"'}).status == 200
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-Modified-Since": modified}).status == 304
    # a date in the future is no date to trust (RFC 9110, 13.1.3)
    future = "Thu, 01 Jan 2099 00:00:00 GMT"
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-Modified-Since": future}).status == 200
    later = email.utils.formatdate(time.time(), usegmt=True)  # now: after the copy the server serves
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-Modified-Since": later}).status == 304
    earlier = email.utils.formatdate(email.utils.parsedate_to_datetime(modified).timestamp() - 60, usegmt=True)
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-Modified-Since": earlier}).status == 200
    assert fetch(server, f"/{PROJECT}.ttl", headers={"If-Modified-Since": "yesterday"}).status == 200
    # If-None-Match decides when both are sent (RFC 9110, 13.2.2)
    both = {"If-None-Match": '"0123"', "If-Modified-Since": later}
    assert fetch(server, f"/{PROJECT}.ttl", headers=both).status == 200
    negotiated = fetch(server, f"/{PROJECT}", headers={"Accept": "text/turtle", "If-None-Match": f"W/{tag}"})
    assert negotiated.status == 304 and negotiated.header("Content-Location") == f"/{PROJECT}.ttl"


def test_a_byte_range_resumes_a_download(server: str, seed_site: Path) -> None:
    """wget -c and curl -C - resume a dump with Range; the whole file came again, from byte 0."""
    whole = (seed_site / "dumps" / "aidlod.nt.gz").read_bytes()
    full = fetch(server, "/dumps/aidlod.nt.gz")
    assert full.status == 200 and full.header("Accept-Ranges") == "bytes"
    for asked, (first, last) in (("bytes=100-", (100, len(whole) - 1)), ("bytes=0-9", (0, 9)),
                                 ("bytes=-20", (len(whole) - 20, len(whole) - 1)),
                                 (f"bytes=10-{len(whole) + 50}", (10, len(whole) - 1))):
        r = fetch(server, "/dumps/aidlod.nt.gz", headers={"Range": asked})
        assert r.status == 206, asked
        assert r.body == whole[first:last + 1]
        assert r.header("Content-Range") == f"bytes {first}-{last}/{len(whole)}"
        assert r.header("Content-Length") == str(last - first + 1)
    beyond = fetch(server, "/dumps/aidlod.nt.gz", headers={"Range": f"bytes={len(whole)}-"})
    assert beyond.status == 416 and beyond.header("Content-Range") == f"bytes */{len(whole)}"
    for ignored in ("bytes=0-1,5-6", "lines=1-2", "bytes=9-3"):  # the whole file, as RFC 9110 allows
        assert fetch(server, "/dumps/aidlod.nt.gz", headers={"Range": ignored}).body == whole, ignored
    # If-Range: the part only while the file is the one the client has (by ETag or date)
    tag = full.header("ETag") or ""
    assert fetch(server, "/dumps/aidlod.nt.gz", headers={"Range": "bytes=0-9", "If-Range": tag}).status == 206
    stale = fetch(server, "/dumps/aidlod.nt.gz", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status == 200 and stale.body == whole


# --- 404 and traversal ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/nothing-here", "/project/no-such-project", "/project/", "/dumps/x.ttl",
                                  "/.htaccess", "/project/.hidden"])
def test_unknown_paths_give_the_html_404_page(server: str, path: str) -> None:
    r = fetch(server, path, headers={"Accept": "text/turtle"})
    assert r.status == 404
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert b"Not found" in r.body


TRAVERSALS = [
    "/../../../../etc/passwd", "/project/../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/project%2f..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd",
    "/..\\..\\etc\\passwd", "/dumps/aidlod.nt%00.txt", "/%c0%ae%c0%ae/etc/passwd", "/./../etc/passwd",
    "//etc/passwd", "/aidlod/../../etc/passwd", "/dumps/..%2f..%2f..%2fetc%2fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_404(server: str, path: str) -> None:
    r = fetch(server, path)
    assert r.status == 404
    assert b"root:" not in r.body


def test_site_never_resolves_outside_its_folder(seed_site: Path, tmp_path: Path) -> None:
    site = PublishedSite(seed_site)
    for path in TRAVERSALS:
        rel = site.relative(path.split("?")[0])
        assert rel is None or site.file(rel) is None or site.file(rel).is_relative_to(site.root)  # type: ignore[union-attr]
    # a symlink inside the site that points out of it is not followed
    copy = tmp_path / "site"
    shutil.copytree(seed_site / "dumps", copy / "dumps")
    (copy / "leak.txt").symlink_to("/etc/passwd")
    assert PublishedSite(copy).file("leak.txt") is None


# --- with HTML pages present ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def paged_server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site with HTML pages beside the project's and the front page's RDF."""
    site = copy_without_pages(seed_site, tmp_path_factory.mktemp("paged") / "site")
    add_fake_pages(site, [PROJECT, "index"])
    srv = start_in_thread(Config(site, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.mark.parametrize(("headers", "query", "lang"), [
    ({"Accept": BROWSER, "Accept-Language": "nb-NO,nb;q=0.9,en;q=0.5"}, "", "nb"),
    ({"Accept": BROWSER, "Accept-Language": "no"}, "", "nb"),
    ({"Accept": BROWSER, "Accept-Language": "en-GB,en;q=0.9"}, "", "en"),
    ({"Accept": BROWSER, "Accept-Language": "de, nb;q=0.3"}, "", "nb"),
    ({"Accept": BROWSER}, "", "nb"),
    ({"Accept": BROWSER, "Accept-Language": "de-DE, fr;q=0.5"}, "", "nb"),
    ({"Accept": BROWSER, "Accept-Language": "nb"}, "?lang=en", "en"),
    ({"Accept": "text/turtle"}, "?format=html&lang=nb", "nb"),
    ({}, "", "nb"),
])
def test_html_pages_by_language(paged_server: str, headers: dict[str, str], query: str, lang: str) -> None:
    r = fetch(paged_server, f"/{PROJECT}{query}", headers=headers)
    assert r.status == 200
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert r.header("Content-Location") == f"/{PROJECT}.{lang}.html"
    assert r.header("Vary") == "Accept, Accept-Language"
    assert f"<title>{lang}</title>".encode() in r.body


def test_front_page_is_html_for_browsers_and_rdf_for_rdf_clients(paged_server: str) -> None:
    assert fetch(paged_server, "/", headers={"Accept": BROWSER}).header("Content-Location") == "/index.nb.html"
    assert fetch(paged_server, "/", headers={"Accept": "text/turtle"}).header("Content-Location") == "/index.ttl"
    # RDF stays available; a page-less document keeps answering RDF to browsers
    assert fetch(paged_server, "/project/latvia-riga-drop-in-centre",
                 headers={"Accept": BROWSER}).media_type == "text/turtle"


# --- the default page language comes from the site ----------------------------------------------------

@pytest.fixture(scope="module")
def spanish_server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose only page languages are Spanish and English, its index.html the Spanish front page."""
    site = copy_without_pages(seed_site, tmp_path_factory.mktemp("es-en") / "site")
    add_fake_pages(site, [PROJECT, "index"], langs=("es", "en"))
    assert (site / "index.html").read_bytes() == (site / "index.es.html").read_bytes()
    srv = start_in_thread(Config(site, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.mark.parametrize(("headers", "lang"), [
    ({}, "es"),
    ({"Accept": BROWSER}, "es"),
    ({"Accept": BROWSER, "Accept-Language": "de-DE, fr;q=0.5"}, "es"),
    ({"Accept": BROWSER, "Accept-Language": "nb-NO,nb;q=0.9"}, "es"),  # no Bokmål pages here
    ({"Accept": BROWSER, "Accept-Language": "en-GB,en;q=0.9"}, "en"),
])
def test_default_language_is_that_of_the_sites_front_page(spanish_server: str, headers: dict[str, str],
                                                          lang: str) -> None:
    for path, doc in ((f"/{PROJECT}", PROJECT), ("/", "index")):
        r = fetch(spanish_server, path, headers=headers)
        assert r.status == 200
        assert r.header("Content-Location") == f"/{doc}.{lang}.html"
        assert f"<title>{lang}</title>".encode() in r.body


def test_page_languages_are_read_from_the_front_pages(tmp_path: Path) -> None:
    (tmp_path / "dumps").mkdir()
    site = PublishedSite(tmp_path)
    assert (site.languages, site.default_language) == ([], None)
    for lang in ("sv", "en", "fr"):  # pages of the same size: told apart by their bytes
        (tmp_path / f"index.{lang}.html").write_text(f"<title>{lang}</title>", encoding="utf-8")
    (tmp_path / "index.x_y.html").write_text("not a language tag", encoding="utf-8")
    site = PublishedSite(tmp_path)
    assert (site.languages, site.default_language) == (["en", "fr", "sv"], "en")  # no index.html: the first
    shutil.copyfile(tmp_path / "index.sv.html", tmp_path / "index.html")
    assert PublishedSite(tmp_path).default_language == "sv"
    (tmp_path / "index.html").write_text("<title>xx</title>", encoding="utf-8")  # a copy of none of them
    assert PublishedSite(tmp_path).default_language == "en"


# --- the accept parser itself -----------------------------------------------------------------------

def test_accept_parsing_is_strict_about_q_and_lenient_about_space() -> None:
    ranges = conneg.parse_accept(" TEXT/Turtle ; q=0.7 , application/ld+json;q=1.5, */*;q=0.001, bogus")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "turtle", 0.7), ("*", "*", 0.001)]
    assert conneg.quality(ranges, "text/turtle") == 0.7
    assert conneg.quality(ranges, "application/ld+json") == 0.001
    assert conneg.choose(conneg.parse_accept("text/*;q=0.3, text/turtle;q=0"), ["text/turtle", "text/html"]) \
        == "text/html"


REGIONAL = ["es-419", "pt-br", "zh-hans"]


@pytest.mark.parametrize(("header", "lang"), [
    ("pt", "pt-br"),             # the same primary language: better than the default
    ("pt-PT", "pt-br"),
    ("zh-Hans-CN", "zh-hans"),   # RFC 4647 lookup truncates the range: zh-hans-cn, zh-hans
    ("ZH-hans", "zh-hans"),      # case-insensitive
    ("zh-hans-x-private", "zh-hans"),
    ("zh", "zh-hans"),
    ("es", "es-419"),
    ("de, pt-PT;q=0.5, zh;q=0.9", "zh-hans"),  # the ranges in q order
    ("en, *;q=0.5", "es-419"),   # * is the default
    ("de-DE", "es-419"),
    ("", "es-419"),
])
def test_language_negotiation_truncates_the_range_then_takes_the_same_primary_language(header: str, lang: str) -> None:
    assert conneg.choose_language(header, REGIONAL, "es-419") == lang


def test_language_negotiation_keeps_the_available_spelling_and_prefers_the_default_among_equals() -> None:
    assert conneg.choose_language("pt-pt", ["en", "pt-BR"], "en") == "pt-BR"
    assert conneg.choose_language("pt", ["pt-AO", "pt-BR", "en"], "pt-BR") == "pt-BR"
    assert conneg.choose_language("pt", ["pt-AO", "pt-BR", "en"], "en") == "pt-AO"  # the first, in order
    assert conneg.choose_language("nn-NO", ["en", "nb"], "en") == "nb"  # the Norwegian fallback, after the rest
    assert conneg.choose_language("nn-NO", ["en", "nb", "nn"], "en") == "nn"
    assert conneg.lookup_truncations("zh-hant-tw-x-abc-d") == ["zh-hant-tw-x-abc-d", "zh-hant-tw-x-abc", "zh-hant-tw",
                                                              "zh-hant", "zh"]


# --- the command --------------------------------------------------------------------------------------

def test_aidlod_serve_command_serves_and_refuses_a_missing_site(seed_site: Path, tmp_path: Path) -> None:
    port = free_port()
    # the site as a plain argument, as `datasette serve data.db` takes its file
    proc = subprocess.Popen([sys.executable, "-m", "aidlod", "serve", str(seed_site), "--port", str(port),
                             "--quiet", "--workers", "1"], stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                r = fetch(base, "/" + PROJECT, headers={"Accept": "text/turtle"}, timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("aidlod serve did not start")
        assert r.status == 200 and r.media_type == "text/turtle"
    finally:
        proc.terminate()
        proc.wait(10)
    missing = subprocess.run([sys.executable, "-m", "aidlod", "serve", "--site", str(tmp_path / "none")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1
    assert "not a built site" in missing.stderr
    missing = subprocess.run([sys.executable, "-m", "aidlod", "serve", str(tmp_path / "none")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1
    assert f"{tmp_path / 'none'}: not a built site" in missing.stderr
    both = subprocess.run([sys.executable, "-m", "aidlod", "serve", str(seed_site), "--site", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert both.returncode == 2
    assert f"two sites given: --site {tmp_path} and {seed_site}; name one" in both.stderr


def test_other_methods_are_405_and_cors_preflight_is_answered(server: str) -> None:
    for method in ("PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"):
        r = fetch(server, "/" + PROJECT, method=method)
        assert r.status == 405, method
        assert "GET" in (r.header("Allow") or "")
    assert fetch(server, "/" + PROJECT, method="POST", body=b"x").status == 405
    pre = fetch(server, "/sparql", method="OPTIONS", headers={"Origin": "https://example.org",
                                                              "Access-Control-Request-Method": "POST"})
    assert pre.status == 204
    assert pre.header("Access-Control-Allow-Origin") == "*"
    assert "POST" in (pre.header("Access-Control-Allow-Methods") or "")
    assert pre.headers.get_all("Access-Control-Allow-Origin") == ["*"]
    assert fetch(server, "/" + PROJECT).header("Access-Control-Allow-Origin") == "*"


def test_cors_preflight_sends_one_allow_origin_and_allows_the_headers_a_page_asks_for(server: str) -> None:
    """Two Access-Control-Allow-Origin headers read as "*, *", which browsers refuse: a page on another
    site could not POST a query to /sparql. The header names it asks to send are allowed, nothing else."""
    pre = fetch(server, "/sparql", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-requested-with, accept, bad header, a\u00e9"})
    assert pre.status == 204
    assert pre.headers.get_all("Access-Control-Allow-Origin") == ["*"]
    assert pre.header("Access-Control-Allow-Headers") == "Accept, Accept-Language, Content-Type, x-requested-with"


def test_malformed_requests_are_4xx_not_5xx(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    for raw in (b"BREW / HTTP/1.1\r\n\r\n", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
                b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 150 + b"\r\n",
                b"GET /%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(raw)
            status_line = s.makefile("rb").readline()
        code = int(status_line.split()[1])
        assert 400 <= code < 500, (raw[:30], status_line)


def test_every_rdfxml_document_holds_the_same_triples_as_its_ntriples(seed_site: Path) -> None:
    rdf_files = sorted(seed_site.rglob("*.rdf"))
    assert len(rdf_files) == len(list(seed_site.rglob("*.nt"))) - 1  # every document; not the dump
    for rdf in rdf_files:
        nt = rdf.with_suffix(".nt")
        assert triples(rdf.read_bytes(), "application/rdf+xml") == triples(nt.read_bytes(), "application/n-triples")


def test_the_builds_own_pages_are_served_when_it_writes_them(seed_site: Path) -> None:
    if not (seed_site / f"{PROJECT}.nb.html").is_file():
        pytest.skip("this build writes no HTML pages")
    srv = start_in_thread(Config(seed_site, workers=1, quiet=True))
    try:
        for lang in ("nb", "en"):
            r = fetch(srv.url, "/" + PROJECT, headers={"Accept": BROWSER, "Accept-Language": lang})
            assert r.status == 200 and r.header("Content-Type") == "text/html; charset=utf-8"
            assert r.header("Content-Location") == f"/{PROJECT}.{lang}.html"
            assert r.body == (seed_site / f"{PROJECT}.{lang}.html").read_bytes()
        assert fetch(srv.url, "/" + PROJECT, headers={"Accept": "text/turtle"}).media_type == "text/turtle"
        front = fetch(srv.url, "/", headers={"Accept": BROWSER})
        assert front.status == 200 and front.media_type == "text/html"
    finally:
        stop(srv)
