"""import-iati of files given by their address, as the IATI Registry lists them: fetched from a
loopback server the test starts, imported under their address, which their source record keeps."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from aidlod.iati.download import downloaded, file_name, is_url
from conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "iati" / "roundtrip" / "ngo-2.02.xml"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A loopback web server of a folder holding the fixture as XML and gzipped."""
    root = tmp_path / "www"
    (root / "files").mkdir(parents=True)
    (root / "files" / "ngo activities.xml").write_bytes(FIXTURE.read_bytes())
    (root / "files" / "ngo.xml.gz").write_bytes(gzip.compress(FIXTURE.read_bytes(), mtime=0))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1", "HOME": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "aidlod.cli", "import-iati", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_an_address_is_fetched_imported_under_its_name_and_kept_as_the_source(server: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = f"{server}/files/ngo%20activities.xml"
    done = _run(url, "--into", str(data), "--licence", "https://creativecommons.org/licenses/by/4.0/")
    assert done.returncode == 0, done.stderr
    assert f"aidlod: imported 2 of 2 activities into {data}" in done.stderr
    (source,) = (data / "sources").glob("*.yaml")
    record = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert record["url"] == url and record["file"] == "ngo-activities.xml"
    assert (data / "sources" / "ngo-activities.xml").read_bytes() == FIXTURE.read_bytes()
    assert len(list((data / "projects").glob("*.yaml"))) == 2


def test_a_compressed_download_by_address_and_an_address_that_fails_beside_a_file(
        server: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = f"{server}/files/gone.xml"
    done = _run(f"{server}/files/ngo.xml.gz", missing, "--into", str(data),
                "--licence", "https://creativecommons.org/licenses/by/4.0/")
    assert done.returncode == 1  # one address failed: reported, the other imported
    assert f"{missing}: could not be fetched: HTTP 404 File not found" in done.stderr
    assert f"aidlod: imported 2 of 2 activities of {server}/files/ngo.xml.gz/ngo.xml" in done.stderr
    assert "aidlod: 1 of 2 files imported" in done.stderr and f"files not imported: {missing}" in done.stderr
    (source,) = (data / "sources").glob("*.yaml")
    assert yaml.safe_load(source.read_text(encoding="utf-8"))["url"] == f"{server}/files/ngo.xml.gz"


def test_a_path_that_does_not_exist_is_refused_before_anything_is_fetched(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "nothing.xml"), "--into", str(tmp_path / "data"))
    assert done.returncode == 2 and "nothing.xml' does not exist (nor is it an http or https address)" in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_download_larger_than_the_limit_stops_and_names_itself(server: str) -> None:
    url = f"{server}/files/ngo%20activities.xml"
    with downloaded([url], limit=1000) as (fetched,):
        assert [p.message for p in fetched.problems] == [f"is {FIXTURE.stat().st_size} bytes, more than the 1000 "
                                                         "bytes import-iati fetches; download it and import the file"]
    with downloaded([url], limit=10 << 20) as (fetched,):
        assert fetched.problems == [] and fetched.path.read_bytes() == FIXTURE.read_bytes()
        folder = fetched.path.parent
    assert not folder.exists()  # the temporary folder is gone with the context


def test_addresses_and_their_file_names() -> None:
    assert is_url("https://example.org/a.xml") and is_url("HTTP://example.org/") and not is_url("data/a.xml")
    assert not is_url("file:///etc/passwd") and not is_url("ftp://example.org/a.xml")
    assert file_name("https://example.org/iati/ngo%20activities.xml") == "ngo-activities.xml"
    assert file_name("https://example.org/../../etc/passwd") == "passwd"
    assert file_name("https://example.org/a/..%2F..%2Fsecret.xml") == "secret.xml"
    # a query (a datastore's search) or no last segment: the address's hash tells the downloads apart
    first, second = (file_name(f"https://api.example.org/datastore/iati?q=country:{c}") for c in ("KE", "UG"))
    assert re.fullmatch(r"iati-[0-9a-f]{8}\.xml", first) and first != second
    assert re.fullmatch(r"ngo-activities-[0-9a-f]{8}\.xml", file_name("https://e.org/ngo%20activities.xml?x=1"))
    assert re.fullmatch(r"download-[0-9a-f]{8}\.xml", file_name("https://example.org/"))


class _Keyed(_Quiet):
    """Serves the fixture only with the right key; ``/away`` redirects to another server."""

    elsewhere = ""

    def do_GET(self) -> None:
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", self.elsewhere + "/files/ngo%20activities.xml")
            self.end_headers()
            return
        if self.headers.get("Ocp-Apim-Subscription-Key") != "s3cret":
            self.send_response(401)
            self.end_headers()
            return
        super().do_GET()


class _Recording(_Quiet):
    """Serves the folder and records the headers each request came with."""

    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers))
        super().do_GET()


def _serve(handler: type, root: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def test_a_header_is_sent_to_the_address_and_never_to_another_host_it_redirects_to(tmp_path: Path) -> None:
    root = tmp_path / "www"
    (root / "files").mkdir(parents=True)
    (root / "files" / "ngo activities.xml").write_bytes(FIXTURE.read_bytes())
    other, other_url = _serve(_Recording, root)
    _Keyed.elsewhere = other_url
    keyed, url = _serve(_Keyed, root)
    try:
        refused = _run(f"{url}/files/ngo%20activities.xml", "--into", str(tmp_path / "a"))
        assert refused.returncode == 1
        assert "could not be fetched: HTTP 401 Unauthorized; the server asks for credentials: give them with " \
               "--header (the IATI Datastore API: --header 'Ocp-Apim-Subscription-Key: KEY')" in refused.stderr
        key = ("--header", "Ocp-Apim-Subscription-Key: s3cret", "--licence", "https://creativecommons.org/licenses/by/4.0/")
        done = _run(f"{url}/files/ngo%20activities.xml", *key, "--into", str(tmp_path / "b"))
        assert done.returncode == 0, done.stderr
        _Recording.seen.clear()
        moved = _run(f"{url}/away", *key, "--into", str(tmp_path / "c"))
        assert moved.returncode == 0, moved.stderr  # the other host serves it without a key
        assert _Recording.seen and not any("s3cret" in str(h) for h in _Recording.seen)
        bad = _run(f"{url}/away", "--header", "no colon here", "--into", str(tmp_path / "d"))
        assert bad.returncode == 2 and "is not a header of the form 'Name: value'" in bad.stderr
    finally:
        for httpd in (keyed, other):
            httpd.shutdown()
            httpd.server_close()
