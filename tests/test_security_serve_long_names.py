"""``aidlod serve`` answers an address whose segment is longer than a file name can be (255 bytes on
Linux) with 404 like any other unpublished address: the file system's ENAMETOOLONG came out of the
stat as an exception, a 500 and a traceback in the server's log per request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aidlod.serve import Config, start_in_thread, stop
from httpclient import fetch

LONG = "a" * 300


@pytest.fixture(scope="module")
def server(seed_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(seed_site, query_timeout=1, max_rows=100, workers=1, quiet=True))
    yield srv.url
    stop(srv)


@pytest.mark.parametrize("path", [f"/{LONG}", f"/project/{LONG}.en.html", f"/project/{LONG}", f"/{LONG}/x",
                                  f"/{LONG}/x.ttl", "/" + "%C3%A9" * 200])
def test_a_segment_longer_than_a_file_name_is_not_found(server: str, path: str) -> None:
    r = fetch(server, path)
    assert r.status == 404, (r.status, r.body[:200])
    assert fetch(server, "/index.en.html").status == 200
