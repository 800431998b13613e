"""The generated nginx configuration, run by a real nginx, negotiates like `aidlod serve`."""

from __future__ import annotations

import email.utils
import os
import re
import shutil
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from aidlod.queries import examples, read_csv
from aidlod.serve import Config, start_in_thread, stop
from aidlod.writers import hosting
from httpclient import (
    FORMATS,
    add_fake_pages,
    copy_without_pages,
    fetch,
    free_port,
    run_server,
    served_gzipped,
    triples,
    well_known,
)

PROJECT = "project/poland-return-of-victims"
PAGELESS = "project/latvia-riga-drop-in-centre"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.fixture(scope="module")
def paged_site(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site plus HTML pages for one project and the front page (other documents have none)."""
    site = copy_without_pages(seed_site, tmp_path_factory.mktemp("nginx-site") / "site")
    add_fake_pages(site, [PROJECT, "index", "project/index"])
    # a stand-in for the VoID description, to check the /.well-known/void alias
    shutil.copyfile(site / "index.ttl", site / "void.ttl")
    well_known(site)
    return site


@pytest.fixture(scope="module")
def python_server(paged_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(paged_site, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.fixture(scope="module")
def nginx(paged_site: Path, python_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_nginx(paged_site, python_server, ["en", "nb"], None, tmp_path_factory.mktemp("nginx"))


def run_nginx(site: Path, upstream: str, langs: list[str], default: str | None, tmp: Path,
              endpoint: str | None = hosting.OWN_ENDPOINT) -> Iterator[str]:
    """A real nginx serving ``site`` with the generated configuration for ``langs`` (and the dataset's
    SPARQL ``endpoint``, ``hosting.page_endpoint``); yields its URL."""
    binary = require_nginx()
    port = free_port()
    server_block = hosting.nginx_conf("https://w3id.org/aidlod/", langs, root=str(site),
                                      listen=f"127.0.0.1:{port}", sparql_upstream=upstream, default=default,
                                      endpoint=endpoint)
    (tmp / "aidlod.conf").write_text(server_block, encoding="utf-8")
    temp_paths = "".join(f"    {name}_temp_path {tmp}/{name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    access_log off;\n{temp_paths}    include {tmp}/aidlod.conf;\n}}\n", encoding="utf-8")
    yield from run_server([binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], f"http://127.0.0.1:{port}",
                          tmp / "error.log", "nginx")


def require_nginx() -> str:
    from conftest import require_tool

    path = shutil.which("nginx") or (shutil.which("nginx", path="/usr/sbin:/usr/local/sbin"))
    return path if path else require_tool("nginx")


def test_the_built_configuration_is_the_generator_with_its_defaults(seed_build) -> None:
    pub, site = seed_build
    written = (site / "server" / "nginx.conf").read_text(encoding="utf-8")
    assert written == hosting.nginx_conf(pub.iris.base, sorted(pub.languages), default=pub.default_language)
    assert "root /var/www/aidlod/site;" in written
    assert (site / ".htaccess").is_file()


CASES = [
    (f"/{PROJECT}", {"Accept": "text/turtle"}),
    (f"/{PROJECT}", {"Accept": "application/ld+json"}),
    (f"/{PROJECT}", {"Accept": "application/n-triples"}),
    (f"/{PROJECT}", {"Accept": "application/rdf+xml"}),
    (f"/{PROJECT}", {"Accept": "application/json"}),
    (f"/{PROJECT}", {"Accept": "text/n3"}),  # N3 is a superset of Turtle: the Turtle document
    (f"/{PROJECT}", {"Accept": "application/x-turtle"}),
    (f"/{PROJECT}", {"Accept": "text/html"}),
    (f"/{PROJECT}", {"Accept": BROWSER}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "nb-NO,nb;q=0.9,en;q=0.5"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "en-GB,en;q=0.9"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "no"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "de-DE"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "en"}),
    (f"/{PROJECT}?lang=nb", {"Accept": BROWSER, "Accept-Language": "en"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "de, en;q=0.5"}),  # the first range nginx has
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "en;q=0, nb;q=0.5"}),  # q=0 refuses
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "EN-us"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "nn-NO, en;q=0.8"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "fr, *;q=0.5, en;q=0.3"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "ens, en-x-abc;q=0.5"}),
    (f"/{PROJECT}", {"Accept": "*/*"}),
    (f"/{PROJECT}", {}),
    (f"/{PROJECT}", {"Accept": "image/png"}),
    (f"/{PROJECT}?format=ttl", {"Accept": "text/html"}),
    (f"/{PROJECT}?format=jsonld", {"Accept": BROWSER}),
    (f"/{PROJECT}?format=nt", {}),
    (f"/{PROJECT}?format=rdf", {}),
    (f"/{PROJECT}?format=html&lang=nb", {"Accept": "text/turtle"}),
    (f"/{PROJECT}?format=exe", {}),
    (f"/{PAGELESS}", {"Accept": BROWSER}),
    (f"/{PAGELESS}", {"Accept": "text/html"}),
    (f"/{PAGELESS}?format=html", {}),
    ("/ontology", {"Accept": "application/ld+json"}),
    ("/ontology", {"Accept": "text/turtle"}),
    ("/", {"Accept": BROWSER}),
    ("/", {"Accept": "text/turtle"}),
    ("/codelist/ActivityStatus/2", {"Accept": "application/n-triples"}),
    (f"/aidlod/{PROJECT}", {"Accept": "text/turtle"}),
    ("/dumps/aidlod.nt", {"Accept": "text/html"}),
    ("/dumps/aidlod.nt.gz", {}),
    (f"/{PROJECT}.jsonld", {}),
    ("/SHA256SUMS", {}),
    ("/tables/csv-metadata.json", {}),  # CSVW's own media type, by the file's whole name
    ("/aidlod/tables/csv-metadata.json", {}),
    ("/tables/no-such/csv-metadata.json", {}),
    ("/tables/datapackage.json", {}),
    ("/no-such.json", {}),
    ("/dumps/no-such.ttl", {"Accept": "text/turtle"}),
    ("/no/such/thing", {"Accept": "text/turtle"}),
    ("/project/no-such-project", {"Accept": BROWSER}),
    ("/.htaccess", {}),
    ("/.well-known/void", {"Accept": "text/turtle"}),
    ("/.well-known/void", {"Accept": "application/ld+json"}),
    ("/.well-known/other", {}),
    ("/.well-known/security.txt", {}),
    ("/.well-known/.secret", {}),
    ("/aidlod/.well-known/security.txt", {}),
    ("/server/nginx.conf", {}),
    ("/project/", {"Accept": BROWSER}),
    ("/project/", {"Accept": "text/turtle"}),
    ("/country/", {"Accept": BROWSER}),
    (f"/{PROJECT}/", {"Accept": "text/turtle"}),
    ("/dumps/aidlod", {"Accept": "application/n-triples"}),
]


@pytest.mark.parametrize(("path", "headers"), CASES, ids=[f"{p} {h}" for p, h in CASES])
def test_nginx_answers_like_aidlod_serve(nginx: str, python_server: str, paged_site: Path, path: str,
                                         headers: dict[str, str]) -> None:
    ours, theirs = fetch(python_server, path, headers=headers), fetch(nginx, path, headers=headers)
    assert theirs.status == ours.status
    assert theirs.header("Content-Type") == ours.header("Content-Type")
    assert theirs.header("Access-Control-Allow-Origin") == ours.header("Access-Control-Allow-Origin") == "*"
    if ours.status in (200, 406):
        assert theirs.vary() == ours.vary()
    if ours.status == 200:
        assert theirs.header("Content-Location") == ours.header("Content-Location")
        assert theirs.body == ours.body
    if ours.status == 404:
        assert theirs.body == ours.body == hosting.NOT_FOUND_PAGE.encode()


def test_both_servers_answer_a_later_date_and_a_list_of_weak_tags_with_304(nginx: str, python_server: str) -> None:
    """curl -z and wget -N send their copy's time, caches the tags they hold (weak, W/, after nginx's gzip)."""
    path = f"/{PROJECT}.ttl"
    now = email.utils.formatdate(time.time(), usegmt=True)
    for server in (python_server, nginx):
        tag = fetch(server, path).header("ETag") or ""
        assert fetch(server, path, headers={"If-Modified-Since": now}).status == 304, server
        assert fetch(server, path, headers={"If-None-Match": f'"x", W/{tag.removeprefix("W/")}'}).status == 304, server
        assert fetch(server, path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status == 200, server


def test_both_servers_answer_a_byte_range(nginx: str, python_server: str) -> None:
    """wget -c and curl -C - resume a dump: the same part, status and Content-Range from both."""
    for asked in ("bytes=100-199", "bytes=-50", "bytes=99999999-"):
        ours = fetch(python_server, "/dumps/aidlod.nt.gz", headers={"Range": asked})
        theirs = fetch(nginx, "/dumps/aidlod.nt.gz", headers={"Range": asked})
        assert (theirs.status, theirs.header("Content-Range")) == (ours.status, ours.header("Content-Range")), asked
        if ours.status == 206:
            assert theirs.body == ours.body


def test_a_publishers_well_known_file_is_served_and_no_dot_file_beside_it(nginx: str, python_server: str) -> None:
    """security.txt (RFC 9116) from data/public/.well-known/: served by all three servers, though dot files are not."""
    for server in (nginx, python_server):
        r = fetch(server, "/.well-known/security.txt")
        assert (r.status, r.body) == (200, b"Contact: mailto:security@example.org\n"), server
        assert r.media_type == "text/plain"
        assert fetch(server, "/.well-known/.secret").status == 404, server
        assert fetch(server, "/.well-known/../.htaccess").status in (400, 404), server


def test_nginx_compresses_text_for_clients_that_take_gzip(nginx: str, paged_site: Path) -> None:
    """A rich activity's page is megabytes of HTML, a listing's search script half a megabyte: sent gzipped to a
    client that takes it (the same bytes once unpacked), as they are to one that does not, and the gzip dump
    never packed twice; the SPARQL endpoint's answers forwarded from aidlod serve too."""
    served_gzipped(nginx, paged_site, PROJECT)
    gzip = {"Accept-Encoding": "gzip"}
    query = urlencode({"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 100"})
    plain = fetch(nginx, f"/sparql?{query}", headers={"Accept": "text/csv"})
    packed = fetch(nginx, f"/sparql?{query}", headers={"Accept": "text/csv"} | gzip)
    assert plain.status == packed.status == 200
    assert packed.header("Content-Encoding") == "gzip"
    assert zlib.decompress(packed.body, wbits=31) == plain.body


@pytest.mark.parametrize("media", list(FORMATS))
def test_nginx_project_document_parses_to_the_projects_triples(nginx: str, seed_site: Path, media: str) -> None:
    r = fetch(nginx, f"/{PROJECT}", headers={"Accept": media})
    assert r.status == 200
    assert r.header("Content-Type") == f"{media}; charset=utf-8"
    assert r.vary() == ["Accept", "Accept-Language"]
    doc = f"https://w3id.org/aidlod/{PROJECT}#"
    expected = {str(t) for t in ox.parse(path=str(seed_site / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
                if t.subject.value.startswith(doc)}
    assert triples(r.body, media) == expected


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/project/..%2f..%2fetc%2fpasswd",
                                  "/..%5c..%5cetc%5cpasswd"])
def test_nginx_refuses_traversal(nginx: str, path: str) -> None:
    r = fetch(nginx, path)
    assert r.status in (400, 404)
    assert b"root:" not in r.body


def test_nginx_forwards_sparql_to_aidlod_serve(nginx: str) -> None:
    example = examples()[0]
    r = fetch(nginx, "/sparql?" + urlencode({"query": example.text}), headers={"Accept": "text/csv"})
    assert r.status == 200
    assert read_csv(r.body) == example.expected()
    refused = fetch(nginx, "/sparql", "POST", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL")
    assert refused.status == 403


def test_nginx_adds_no_second_cors_header_to_what_aidlod_serve_answers(nginx: str) -> None:
    """The server block's add_header applied to the proxied /sparql answers too, which carry their own:
    "Access-Control-Allow-Origin: *, *", which browsers refuse, for every query from a page on another site."""
    query = "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"})
    for method, path, headers in (("GET", query, {"Origin": "https://example.org"}),
                                  ("OPTIONS", "/sparql", {"Origin": "https://example.org",
                                                          "Access-Control-Request-Method": "POST"}),
                                  ("GET", "/sparql", {"Accept": BROWSER}),
                                  ("GET", "/sparql-ui/sparql-ui.js", {}),
                                  ("GET", f"/{PROJECT}", {"Accept": "text/turtle"}),
                                  ("GET", "/dumps/aidlod.nt", {}), ("GET", "/", {"Accept": BROWSER}),
                                  ("GET", "/no/such/thing", {})):
        r = fetch(nginx, path, method, headers)
        assert r.status in (200, 204, 404), (method, path)
        assert r.headers.get_all("Access-Control-Allow-Origin") == ["*"], (method, path)
        assert len(r.headers.get_all("X-Content-Type-Options") or []) <= 1, (method, path)


@pytest.mark.parametrize("prefix", ["", "/aidlod"])
def test_nginx_forwards_the_query_page_and_its_files(nginx: str, prefix: str) -> None:
    page = fetch(nginx, prefix + "/sparql", headers={"Accept": BROWSER})
    assert page.status == 200 and b'id="yasgui"' in page.body
    script = re.search(rb'src="(sparql-ui/sparql-ui\.js[^"]*)"', page.body)
    assert script
    r = fetch(nginx, f"{prefix}/{script.group(1).decode()}")
    assert r.status == 200 and r.media_type == "text/javascript" and b"Yasgui" in r.body
    assert fetch(nginx, prefix + "/sparql-ui/missing.js").status == 404
    assert fetch(nginx, "/sparql", headers={"Accept": "*/*"}).body.count(b"yasgui") == 0


# --- page languages with regions and scripts: the language negotiation of both servers ---------------

REGIONAL = ("es-419", "pt-br", "zh-hans")


@pytest.fixture(scope="module")
def regional(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``aidlod serve`` and nginx over a site whose pages are es-419 (the default), pt-br and zh-hans."""
    site = copy_without_pages(seed_site, tmp_path_factory.mktemp("regional") / "site")
    add_fake_pages(site, [PROJECT, "index"], langs=REGIONAL)
    srv = start_in_thread(Config(site, workers=1, quiet=True))
    try:
        for base in run_nginx(site, srv.url, list(REGIONAL), "es-419", tmp_path_factory.mktemp("nginx-regional")):
            yield srv.url, base
    finally:
        stop(srv)


@pytest.mark.parametrize(("header", "lang"), [
    ("pt", "pt-br"), ("pt-PT", "pt-br"), ("zh-Hans-CN", "zh-hans"), ("zh-Hant-TW", "zh-hans"), ("ZH", "zh-hans"),
    ("es", "es-419"), ("es-ES, pt-br;q=0.9", "es-419"), ("de, pt;q=0.5", "pt-br"), ("en", "es-419"),
    ("pt;q=0, zh;q=0.5", "zh-hans"), ("*", "es-419"), ("", "es-419"),
])
def test_both_servers_take_the_range_its_truncation_or_the_same_primary_language(
        regional: tuple[str, str], header: str, lang: str) -> None:
    ours, theirs = (fetch(url, f"/{PROJECT}", headers={"Accept": BROWSER, "Accept-Language": header})
                    for url in regional)
    assert ours.header("Content-Location") == theirs.header("Content-Location") == f"/{PROJECT}.{lang}.html"
    assert theirs.body == ours.body


@pytest.mark.parametrize("endpoint", [None, "https://q.example.org/aid?a=1&b=$x;y"])
def test_nginx_forwards_no_sparql_when_the_endpoint_is_not_the_sites_own(
        paged_site: Path, python_server: str, tmp_path_factory: pytest.TempPathFactory, endpoint: str | None) -> None:
    """``sparql_endpoint: none`` or another endpoint: nginx accepts the block, answers ``/sparql`` with the
    404 page (which links the other endpoint, its ``$`` not read as a variable) and still serves the site."""
    for base in run_nginx(paged_site, python_server, ["en", "nb"], None, tmp_path_factory.mktemp("nginx-static"),
                          endpoint=endpoint):
        for path in ("/sparql", "/sparql?query=ASK%7B%7D", "/sparql-ui/yasgui.min.js"):
            r = fetch(base, path)
            assert r.status == 404, path
            assert r.body == hosting.not_found_page(endpoint).encode()
        if endpoint is not None:
            assert b'href="https://q.example.org/aid?a=1&amp;b=%24x;y"' in r.body
        else:
            assert b"SPARQL" not in r.body
        assert fetch(base, f"/{PROJECT}", headers={"Accept": "text/turtle"}).status == 200


def _docs_nginx_steps() -> list[str]:
    """docs/serving.md's commands that put the site's nginx.conf in place, in order."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "serving.md").read_text(encoding="utf-8")
    part = text.split("### nginx", 1)[1].split("\n### ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", part, flags=re.S)
    return [line.strip() for line in block.splitlines() if line.strip()]


# A host following docs/serving.md on Debian (the nginx CI installs) included the site's nginx.conf in the
# http block, left "server_name _" as the file had it, and got a 404 for every page: Debian's default site
# listens on port 80 as "server_name _" too, and nginx ignored this block's name ("conflicting server name
# "_" ... ignored"), answering every request from the default site. The docs also said to edit the file in
# the site, which every build writes anew. They now copy it out, set server_name there and reload; those
# steps run here as written (with sed; the paths and the port aside) beside a default site as Debian's.
def test_the_docs_nginx_steps_serve_the_site_beside_debians_default_site(
        paged_site: Path, python_server: str, tmp_path: Path) -> None:
    import shlex
    import subprocess

    binary = require_nginx()
    copy_step, name_step, check_step = _docs_nginx_steps()
    assert copy_step.startswith("sudo cp ") and check_step.startswith("sudo nginx -t")
    port = free_port()
    built = hosting.nginx_conf("https://w3id.org/aidlod/", ["en", "nb"], root=str(paged_site),
                               listen=f"127.0.0.1:{port}", sparql_upstream=python_server)
    assert "server_name _;" in built
    # the file's own head says the same as the docs (it said to set them in the file, in the site)
    assert "Copy it out of the site" in built and "server_name (your host's name" in built
    conf = tmp_path / "aidlod.conf"
    conf.write_text(built, encoding="utf-8")
    sed = shlex.split(name_step)[1:]
    assert sed[0] == "sed" and sed[-1] == "/etc/nginx/conf.d/aidlod.conf"
    subprocess.run([*sed[:-1], str(conf)], check=True, timeout=30)
    (host,) = re.findall(r"^\s*server_name ([^;\s]+);$", conf.read_text(encoding="utf-8"), flags=re.M)
    assert host != "_"
    debian_default = (f"server {{\n    listen 127.0.0.1:{port} default_server;\n    server_name _;\n"
                      f"    root {tmp_path}/html;\n    location / {{ try_files $uri $uri/ =404; }}\n}}\n")
    (tmp_path / "default").write_text(debian_default, encoding="utf-8")
    temp_paths = "".join(f"    {name}_temp_path {tmp_path}/{name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{ worker_connections 64; }}\nhttp {{\n    access_log off;\n{temp_paths}"
        f"    include {tmp_path}/default;\n    include {conf};\n}}\n", encoding="utf-8")
    for base in run_server([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           f"http://127.0.0.1:{port}", tmp_path / "error.log", "nginx"):
        page = fetch(base, f"/{PROJECT}", headers={"Host": host, "Accept": BROWSER})
        assert page.status == 200 and page.media_type == "text/html"
        turtle = fetch(base, f"/{PROJECT}", headers={"Host": host, "Accept": "text/turtle"})
        assert turtle.status == 200 and turtle.media_type == "text/turtle"
        # the file as the build wrote it: Debian's default site answers instead (what the docs led to)
        assert fetch(base, f"/{PROJECT}", headers={"Host": "localhost", "Accept": BROWSER}).status == 404
