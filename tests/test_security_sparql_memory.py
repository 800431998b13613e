"""A SPARQL query cannot take the host's memory: CONCAT doubling a string in a chain of BINDs (some 800
bytes of query) allocated gigabytes faster than the time limit stopped it. Each worker may allocate a
bounded amount beyond its open store (``--query-memory-mb``); past it the query's worker ends, the request
gets 500 and the worker is restarted. The test uses a small limit so that it never needs much memory."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from aidlod.serve import Config, start_in_thread, stop
from httpclient import fetch


def _doubling(levels: int) -> str:
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(levels))
    return f'SELECT (STRLEN(?a{levels}) AS ?n) WHERE {{ BIND("{"a" * 100}" AS ?a0) {binds} }}'


@pytest.fixture(scope="module")
def server(seed_site: Path) -> Iterator[str]:
    srv = start_in_thread(Config(seed_site, query_timeout=60, max_rows=100, workers=1, quiet=True,
                                 query_memory=200 * 2**20))
    yield srv.url
    stop(srv)


def test_a_query_past_the_memory_limit_ends_its_worker_and_the_endpoint_answers_on(server: str) -> None:
    small = fetch(server, "/sparql?" + urlencode({"query": _doubling(10), "format": "csv"}))
    assert small.status == 200 and b"102400" in small.body
    start = time.monotonic()
    r = fetch(server, "/sparql?" + urlencode({"query": _doubling(24)}), timeout=120)  # 1.6 GB in the last BIND
    # said as what it is: "try again" (what any other death of a worker says) would fail again
    assert r.status == 500 and b"needed more memory than a query may have here (200 MB)" in r.body, r.body[:200]
    assert b"--query-memory-mb" in r.body and b"try again" not in r.body
    assert time.monotonic() - start < 50  # stopped by the limit, not by the time limit
    again = fetch(server, "/sparql?" + urlencode({"query": _doubling(10), "format": "csv"}))
    assert again.status == 200 and b"102400" in again.body


def test_an_answer_past_a_sixteenth_of_the_limit_is_refused_not_held_for_a_slow_client(server: str) -> None:
    # 100 * 2**18 bytes (26 MB) of CSV: within what the worker may allocate, past what it sends (12.5 MB)
    r = fetch(server, "/sparql?" + urlencode({"query": _doubling(18).replace("(STRLEN(?a18) AS ?n)", "?a18"),
                                              "format": "csv"}), timeout=120)
    assert r.status == 422 and b"larger than 12 MB" in r.body, (r.status, r.body[:200])
    assert fetch(server, "/sparql?" + urlencode({"query": _doubling(10), "format": "csv"})).status == 200


def test_the_option_of_the_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aidlod.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "--query-memory-mb" in result.output
    bad = CliRunner().invoke(main, ["serve", str(tmp_path), "--query-memory-mb", "-1"])
    assert bad.exit_code == 2
