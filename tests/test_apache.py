"""The generated ``.htaccess``, run by a real Apache: the answers `aidlod serve` gives, its 404 page, no dot files."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidlod.serve import Config, start_in_thread, stop
from aidlod.writers import hosting
from httpclient import fetch, free_port, readable_by_all, run_server, served_gzipped, well_known

PROJECT = "project/poland-return-of-victims"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
MODULES = Path("/usr/lib/apache2/modules")  # Debian's apache2 package


def require_apache() -> str:
    from conftest import require_tool

    path = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin:/usr/local/sbin")
    return path if path else require_tool("apache2")


@pytest.fixture(scope="module")
def served_site(seed_site: Path) -> Iterator[Path]:
    """A copy of the seed site that Apache's unprivileged children may read (pytest's folders are
    private to their owner)."""
    root = Path(tempfile.mkdtemp(prefix="aidlod-apache-"))
    try:
        root.chmod(0o755)
        site = root / "site"
        shutil.copytree(seed_site, site)
        well_known(site)
        readable_by_all(site)
        yield site
    finally:
        shutil.rmtree(root)


@pytest.fixture(scope="module")
def apache(served_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Apache (mod_rewrite, mod_headers, mod_mime, mod_deflate) serving the site with its ``.htaccess`` only:
    no types file, no rule of Debian's configuration."""
    binary = require_apache()
    tmp = tmp_path_factory.mktemp("apache")
    port = free_port()
    user = 'User "#65534"\nGroup "#65534"\n' if os.geteuid() == 0 else ""  # nobody, when started as root
    modules = "".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so\n"
                      for name in ("mpm_event", "authz_core", "mime", "rewrite", "headers", "dir", "filter",
                                   "deflate"))
    (tmp / "httpd.conf").write_text(
        f"ServerRoot {tmp}\nDefaultRuntimeDir {tmp}\nServerName localhost\n{user}Listen 127.0.0.1:{port}\n"
        f"PidFile {tmp}/httpd.pid\nErrorLog {tmp}/error.log\nLogLevel warn\n{modules}TypesConfig /dev/null\n"
        f"DocumentRoot {served_site}\n"
        f"<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n"
        f"<Directory {served_site}>\n    AllowOverride {hosting.APACHE_OVERRIDE}\n"
        f"    Require all granted\n</Directory>\n",
        encoding="utf-8")
    yield from run_server([binary, "-f", str(tmp / "httpd.conf"), "-DFOREGROUND"], f"http://127.0.0.1:{port}",
                          tmp / "error.log", "apache2")


@pytest.fixture(scope="module")
def python_server(served_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(served_site, workers=1, quiet=True))
    yield srv.url
    stop(srv)


SAME = [
    (f"/{PROJECT}", {"Accept": "text/turtle"}),
    (f"/{PROJECT}", {"Accept": "text/n3"}),  # N3 is a superset of Turtle: the Turtle document
    (f"/{PROJECT}", {"Accept": "application/json"}),
    (f"/{PROJECT}", {"Accept": "application/ld+json"}),
    (f"/{PROJECT}", {"Accept": "application/n-triples"}),
    (f"/{PROJECT}", {"Accept": "application/rdf+xml"}),
    (f"/{PROJECT}", {"Accept": BROWSER}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "nb-NO,nb;q=0.9,en;q=0.5"}),
    (f"/{PROJECT}", {"Accept": BROWSER, "Accept-Language": "en-GB,en;q=0.9"}),
    (f"/{PROJECT}?lang=nb", {"Accept": BROWSER, "Accept-Language": "en"}),
    (f"/{PROJECT}?format=ttl", {"Accept": "text/html"}),
    (f"/{PROJECT}?format=jsonld", {"Accept": BROWSER}),
    (f"/{PROJECT}?format=html&lang=nb", {"Accept": "text/turtle"}),
    (f"/aidlod/{PROJECT}", {"Accept": "text/turtle"}),
    ("/", {"Accept": BROWSER}),
    ("/", {"Accept": "text/turtle"}),
    ("/codelist/ActivityStatus/2", {"Accept": "application/n-triples"}),
    ("/.well-known/void", {"Accept": "text/turtle"}),
    ("/dumps/aidlod.nt.gz", {}),
    (f"/{PROJECT}.jsonld", {}),
    ("/SHA256SUMS", {}),
    ("/tables/csv-metadata.json", {}),
    ("/no/such/thing", {"Accept": "text/turtle"}),
    ("/project/no-such-project", {"Accept": BROWSER}),
    ("/no-such.json", {}),
    ("/.htaccess", {}),
    ("/.well-known/other", {}),
    ("/.well-known/security.txt", {}),
    ("/.well-known/.secret", {}),
    ("/dumps/.hidden", {}),
]


@pytest.mark.parametrize(("path", "headers"), SAME, ids=[f"{p} {h}" for p, h in SAME])
def test_apache_answers_like_aidlod_serve(apache: str, python_server: str, path: str,
                                          headers: dict[str, str]) -> None:
    """The same file, media type and charset, ``Vary`` where negotiated; a 404 with the site's 404 page
    (as Apache sends an inline page: one line, ISO-8859-1, so its one non-ASCII letter a reference)."""
    ours, theirs = fetch(python_server, path, headers=headers), fetch(apache, path, headers=headers)
    assert theirs.status == ours.status
    assert theirs.header("Access-Control-Allow-Origin") == ours.header("Access-Control-Allow-Origin") == "*"
    assert theirs.header("X-Content-Type-Options") == "nosniff"
    if ours.status == 200:
        assert theirs.header("Content-Type") == ours.header("Content-Type")
        assert theirs.body == ours.body
        if ours.header("Vary"):
            assert theirs.vary() == ours.vary()
    if ours.status == 404:
        assert theirs.media_type == "text/html"
        page = hosting.inline_not_found_page()
        assert theirs.body == page.encode("ascii") and "Nothing is published at this address." in page


def test_apache_compresses_text_for_clients_that_take_gzip(apache: str, served_site: Path) -> None:
    """As the nginx block: text gzipped for a client that takes it (the same bytes unpacked), the gzip dump not."""
    served_gzipped(apache, served_site, PROJECT)


def test_the_htaccess_names_the_datasets_endpoint_or_none() -> None:
    """The inline 404 page is the nginx block's: another endpoint linked (escaped for HTML and for
    Apache's quoted argument), none for a static host."""
    other = hosting.htaccess("https://w3id.org/aidlod/", ["en"], endpoint='https://q.example.org/a?x=1&y="2"')
    line = next(line for line in other.splitlines() if line.startswith("ErrorDocument 404 "))
    assert 'href=\\"https://q.example.org/a?x=1&amp;y=&quot;2&quot;\\"' in line
    assert line.endswith('</html>"') and line.count('"') == line.count('\\"') + 2
    static = hosting.htaccess("https://w3id.org/aidlod/", ["en"], endpoint=None)
    assert "SPARQL" not in next(line for line in static.splitlines() if line.startswith("ErrorDocument 404 "))


def _docs_virtual_host() -> tuple[list[str], str]:
    """docs/serving.md's Apache virtual host and the modules its text says to enable."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "serving.md").read_text(encoding="utf-8")
    apache_part = text.split("### Apache", 1)[1]
    (modules,) = re.findall(r"`a2enmod ([a-z_ ]+)`", apache_part)
    (block,) = re.findall(r"```apache\n(.*?)```", apache_part, flags=re.S)
    return modules.split(), block


# A host following docs/serving.md with Apache found the .htaccess serving the pages while /sparql, which
# the front page links, answered 404: the docs said only that "an Apache host needs its own proxy rule",
# and gave none (nginx's block has its own). The docs now give the virtual host; it runs here as written,
# its folder, its port and aidlod serve's port aside: the site, the endpoint, the service description
# naming Apache's address, and the query page's files.
def test_the_docs_apache_virtual_host_serves_the_site_and_forwards_sparql(
        served_site: Path, python_server: str, tmp_path: Path) -> None:
    binary = require_apache()
    modules, block = _docs_virtual_host()
    assert "proxy_http" in modules
    port = free_port()
    serve_host = python_server.removeprefix("http://").rstrip("/")
    vhost = (block.replace("/var/www/aidlod/site", str(served_site)).replace("*:80", f"127.0.0.1:{port}")
             .replace("127.0.0.1:8000", serve_host))
    user = 'User "#65534"\nGroup "#65534"\n' if os.geteuid() == 0 else ""
    loads = "".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so\n" for name in ["mpm_event", "authz_core",
                                                                                    *modules])
    (tmp_path / "httpd.conf").write_text(
        f"ServerRoot {tmp_path}\nDefaultRuntimeDir {tmp_path}\nServerName localhost\n{user}Listen 127.0.0.1:{port}\n"
        f"PidFile {tmp_path}/httpd.pid\nErrorLog {tmp_path}/error.log\nLogLevel warn\n{loads}TypesConfig /dev/null\n"
        f"<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n{vhost}", encoding="utf-8")
    for base in run_server([binary, "-f", str(tmp_path / "httpd.conf"), "-DFOREGROUND"], f"http://127.0.0.1:{port}",
                           tmp_path / "error.log", "apache2"):
        page = fetch(base, f"/{PROJECT}", headers={"Accept": BROWSER})
        assert page.status == 200 and page.media_type == "text/html"
        ask = "/sparql?query=ASK%7B%7D"
        theirs, ours = fetch(base, ask), fetch(python_server, ask)
        assert theirs.status == ours.status == 200 and theirs.body == ours.body
        assert theirs.headers.get_all("Access-Control-Allow-Origin") == ["*"]  # one, as nginx now sends it
        preflight = fetch(base, "/sparql", "OPTIONS", {"Origin": "https://example.org",
                                                       "Access-Control-Request-Method": "POST"})
        assert preflight.status == 204 and preflight.headers.get_all("Access-Control-Allow-Origin") == ["*"]
        posted = fetch(base, "/sparql", method="POST", body=b"query=ASK%7B%7D",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert posted.status == 200 and posted.body == ours.body
        described = fetch(base, "/sparql", headers={"Accept": "text/turtle"})
        assert f"<{base}/sparql>".encode() in described.body
        form = fetch(base, "/sparql", headers={"Accept": BROWSER}).body.decode()
        (css,) = re.findall(r'href="[^"]*?(sparql-ui/sparql-ui\.css[^"]*)"', form)
        assert fetch(base, "/" + css.replace("&amp;", "&")).status == 200
        assert fetch(base, "/sparql/x").status == 404  # /sparql itself, nothing below it
