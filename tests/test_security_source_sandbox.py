"""A source document is published as the data folder holds it, of any type: a contributor's
``sources/report.html`` (or an SVG, or XML with XHTML script in it, as an imported IATI file may be) was
served as HTML from the site's own origin, its script run there. aidlod serve, the nginx configuration
and the ``.htaccess`` send source documents with ``Content-Security-Policy: sandbox`` (no script, an
origin of their own); the pages the build writes for a source keep their own policy."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidlod import formats
from aidlod.build import build
from aidlod.serve import Config, start_in_thread, stop
from httpclient import fetch, readable_by_all
from test_apache import apache  # noqa: F401 -- the fixture, run on served_site below
from test_nginx import run_nginx

DATA = Path(__file__).resolve().parents[1] / "data"
EVIL = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>\n"


@pytest.fixture(scope="module")
def served_site() -> Iterator[Path]:
    """The seed data with its source document replaced by an HTML page with script, built into a folder
    Apache's unprivileged children may read."""
    root = Path(tempfile.mkdtemp(prefix="aidlod-sandbox-"))
    try:
        data = root / "data"
        shutil.copytree(DATA, data)
        (data / "sources" / "report.html").write_bytes(EVIL)
        record = data / "sources" / "mfa-trafficking-2004.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("file: 000_8b726fcce5652894.txt",
                                                                    "file: report.html"), encoding="utf-8")
        build(data, root / "site")
        root.chmod(0o755)
        readable_by_all(root / "site")
        yield root / "site"
    finally:
        shutil.rmtree(root)


@pytest.fixture(scope="module")
def python_server(served_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(served_site, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.fixture(scope="module")
def nginx(served_site: Path, python_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_nginx(served_site, python_server, ["nb", "en"], None, tmp_path_factory.mktemp("nginx"))


def test_the_source_document_is_published_as_given(served_site: Path) -> None:
    assert (served_site / "source" / "report.html").read_bytes() == EVIL


@pytest.mark.parametrize("server", ["python_server", "nginx", "apache"])
def test_a_source_document_is_sandboxed_and_the_sources_page_is_not(request: pytest.FixtureRequest,
                                                                    server: str) -> None:
    url = request.getfixturevalue(server)
    r = fetch(url, "/source/report.html")
    assert r.status == 200 and r.body == EVIL
    assert r.header("Content-Security-Policy") == "sandbox"
    page = fetch(url, "/source/mfa-trafficking-2004.en.html")
    assert page.status == 200 and page.header("Content-Security-Policy") is None
    for other in ("/index.en.html", "/project/estonia-trafficking-handbook", "/source/mfa-trafficking-2004"):
        assert fetch(url, other).header("Content-Security-Policy") is None, other


def test_which_paths_are_sandboxed() -> None:
    assert formats.sandboxed("/source/report.html") and formats.sandboxed("/aidlod/source/a.svg")
    assert formats.sandboxed("/source/data.xml") and formats.sandboxed("/source/x.rdf")
    assert not formats.sandboxed("/source/mfa-trafficking-2004.nb.html")
    assert not formats.sandboxed("/project/x.en.html") and not formats.sandboxed("/source/")
