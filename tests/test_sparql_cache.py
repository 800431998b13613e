"""The SPARQL result cache of `aidlod serve`: same bytes as an evaluation, bounded, never stale."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from aidlod.build import atomic as publish
from aidlod.queries import examples, read_csv
from aidlod.serve import AidlodServer, Config, sparql, start_in_thread, stop
from aidlod.serve.cache import ENTRY_OVERHEAD, ResultCache
from httpclient import Response, fetch

EXAMPLE = examples()[0]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
MARK = "SELECT ?o WHERE { <http://example.org/cache-test> <http://example.org/p> ?o }"
DUMP = Path("dumps") / "aidlod.nt"


@pytest.fixture(scope="module")
def server(seed_site: Path) -> Iterator[AidlodServer]:
    srv = start_in_thread(Config(seed_site, query_timeout=1, max_rows=1000, workers=2, quiet=True))
    yield srv
    stop(srv)


def get(srv: AidlodServer, query: str, accept: str | None = None, **params: str) -> Response:
    headers = {"Accept": accept} if accept else {}
    return fetch(srv.url, "/sparql?" + urlencode({"query": query, **params}), headers=headers)


def headers_without(r: Response, *names: str) -> list[tuple[str, str]]:
    drop = {n.lower() for n in names}
    return [(k, v) for k, v in r.headers.items() if k.lower() not in drop]


def unique(query: str) -> str:
    """The query with a comment that no other test sends, so that its first answer is a miss."""
    return f"# {time.monotonic_ns()}-{os.getpid()}\n{query}"


# --- through the server ------------------------------------------------------------------------------

def test_a_hit_is_byte_identical_to_the_miss_and_skips_the_worker(server: AidlodServer) -> None:
    text = unique(EXAMPLE.text)
    before = server.pool.answered
    miss = fetch(server.url, "/sparql", "POST", {**FORM, "Accept": "text/csv"}, urlencode({"query": text}).encode())
    hit = fetch(server.url, "/sparql", "POST", {**FORM, "Accept": "text/csv"}, urlencode({"query": text}).encode())
    assert (miss.status, miss.header("X-Cache")) == (200, "miss")
    assert (hit.status, hit.header("X-Cache")) == (200, "hit")
    assert read_csv(hit.body) == EXAMPLE.expected()
    assert hit.body == miss.body
    assert headers_without(hit, "X-Cache", "Date") == headers_without(miss, "X-Cache", "Date")
    assert hit.header("Vary") == "Accept" and hit.header("Content-Type") == "text/csv; charset=utf-8"
    assert server.pool.answered == before + 1  # the hit never reached a worker
    # GET and POST ask the same thing: one entry
    assert get(server, text, "text/csv").header("X-Cache") == "hit"


def test_head_gets_the_cached_headers_without_a_body(server: AidlodServer) -> None:
    text = unique(COUNT)
    full = get(server, text, "text/csv")
    head = fetch(server.url, "/sparql?" + urlencode({"query": text}), "HEAD", {"Accept": "text/csv"})
    assert head.header("X-Cache") == "hit" and head.body == b""
    assert head.header("Content-Length") == str(len(full.body))


def test_each_result_format_has_its_own_entry(server: AidlodServer) -> None:
    text = unique(EXAMPLE.text)
    csv = get(server, text, "text/csv")
    json_ = get(server, text, "application/sparql-results+json")
    assert csv.header("X-Cache") == json_.header("X-Cache") == "miss"
    assert csv.media_type == "text/csv" and json_.media_type == "application/sparql-results+json"
    assert csv.body != json_.body
    again = get(server, text, "application/sparql-results+json")
    assert again.header("X-Cache") == "hit" and again.body == json_.body and again.media_type == json_.media_type
    # other ways of asking for the same format share the entry; the negotiated format is the key
    assert get(server, text, format="csv").body == csv.body
    assert get(server, text, format="csv").header("X-Cache") == "hit"
    assert get(server, text, "text/csv;q=0.9, text/html").header("X-Cache") == "hit"
    # the same text as a CONSTRUCT picks from the graph formats: a different key again
    graph = unique("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    ttl = get(server, graph, "text/turtle")
    nt = get(server, graph, "application/n-triples")
    assert (ttl.header("X-Cache"), nt.header("X-Cache")) == ("miss", "miss")
    assert ttl.media_type == "text/turtle" and nt.media_type == "application/n-triples"


def test_errors_refusals_and_timeouts_are_not_cached(server: AidlodServer) -> None:
    entries = len(server.cache)
    syntax = unique("SELEKT * WHERE { ?s ?p ?o }")
    for _ in range(2):
        r = get(server, syntax)
        assert (r.status, r.header("X-Cache")) == (400, "miss")
    not_acceptable = unique("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    for _ in range(2):
        r = get(server, not_acceptable, "image/png")
        assert (r.status, r.header("X-Cache")) == (406, "miss")
    for _ in range(2):  # refused before evaluation: no cache involved at all
        r = get(server, "DROP ALL")
        assert r.status == 403 and r.header("X-Cache") is None
    timeouts = server.pool.timeouts
    for _ in range(2):
        r = get(server, EXPENSIVE, "text/csv")
        assert r.status == 422 and r.header("X-Cache") is None
    assert server.pool.timeouts == timeouts + 2  # the second was evaluated (and cut off) again
    assert len(server.cache) == entries


def test_an_answer_cut_at_the_row_cap_is_cached_with_its_header(server: AidlodServer) -> None:
    text = unique("SELECT * WHERE { ?s ?p ?o }")
    miss = get(server, text, "text/csv")
    hit = get(server, text, "text/csv")
    assert miss.header("X-Result-Truncated") == hit.header("X-Result-Truncated") == "max-rows=1000"
    assert hit.header("X-Cache") == "hit" and hit.body == miss.body


def test_a_small_budget_evicts_the_least_recently_used(seed_site: Path) -> None:
    # ordered: without ORDER BY the rows' order is the store's (the server's on-disk store and this
    # in-memory one may differ), and this test compares bodies
    queries = [f"# eviction {i}\nSELECT * WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT 100" for i in range(5)]
    store = ox.Store()
    store.bulk_load(path=str(seed_site / DUMP), format=ox.RdfFormat.N_TRIPLES)
    body = sparql.run_query(store, queries[0], "csv", None, 10_000).body  # what a worker answers
    cost = len(body) + len(queries[0]) + ENTRY_OVERHEAD  # the same for all five
    srv = start_in_thread(Config(seed_site, workers=1, quiet=True, cache_bytes=4 * cost))  # room for four

    def state(i: int) -> str | None:
        r = get(srv, queries[i], "text/csv")
        assert r.status == 200 and r.body == body
        assert srv.cache.size <= 4 * cost
        return r.header("X-Cache")

    try:
        assert [state(i) for i in range(4)] == ["miss"] * 4
        assert srv.cache.size == 4 * cost
        assert state(0) == "hit"  # now the most recently used: 1, 2, 3, 0
        assert state(4) == "miss"  # no room for a fifth: 1 goes; 2, 3, 0, 4
        assert [state(0), state(4), state(3)] == ["hit", "hit", "hit"]  # 2, 0, 4, 3
        assert state(1) == "miss"  # stored again, 2 goes
        assert [state(2), state(1)] == ["miss", "hit"]
        assert len(srv.cache) == 4
    finally:
        stop(srv)


def test_cache_mb_0_disables_the_cache(seed_site: Path) -> None:
    srv = start_in_thread(Config(seed_site, workers=1, quiet=True, cache_bytes=0))
    try:
        before = srv.pool.answered
        answers = [get(srv, EXAMPLE.text, "text/csv") for _ in range(2)]
        assert [r.header("X-Cache") for r in answers] == [None, None]
        assert answers[0].body == answers[1].body
        assert srv.pool.answered == before + 2
        assert len(srv.cache) == 0
    finally:
        stop(srv)


def test_cache_mb_option_of_the_command(seed_site: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(Path(sparql.__file__).parents[2])}
    base = f"http://127.0.0.1:{port}"
    for option, expected in (("0", [None, None]), ("1", ["miss", "hit"])):
        proc = subprocess.Popen([sys.executable, "-m", "aidlod", "serve", "--site", str(seed_site), "--port",
                                 str(port), "--quiet", "--workers", "1", "--cache-mb", option],
                                stderr=subprocess.DEVNULL, env=env)
        try:
            for _ in range(600):
                try:
                    fetch(base, "/sparql", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            got = [fetch(base, "/sparql?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
                   for _ in range(2)]
            assert [r.header("X-Cache") for r in got] == expected, option
        finally:
            proc.terminate()
            proc.wait(30)
    bad = subprocess.run([sys.executable, "-m", "aidlod", "serve", "--site", str(seed_site), "--cache-mb", "-1"],
                         capture_output=True, env=env, timeout=60)
    assert bad.returncode == 2 and b"--cache-mb" in bad.stderr


# --- a new site swapped in while the server runs -------------------------------------------------------

def small_site(seed_site: Path, target: Path, mark: str) -> Path:
    """A servable site (the seed's dump and front-page triples) whose dump carries one extra triple."""
    (target / "dumps").mkdir(parents=True)
    shutil.copy2(seed_site / "index.nt", target / "index.nt")
    text = (seed_site / DUMP).read_text(encoding="utf-8")
    (target / DUMP).write_text(text + f'<http://example.org/cache-test> <http://example.org/p> "{mark}" .\n',
                               encoding="utf-8")
    return target


def marks(srv: AidlodServer) -> tuple[list[str], str | None]:
    r = get(srv, MARK, "text/csv")
    assert r.status == 200
    return [row["o"] for row in read_csv(r.body)], r.header("X-Cache")


def test_a_site_swapped_in_by_a_build_is_never_answered_from_the_old_cache(seed_site: Path, tmp_path: Path) -> None:
    site = small_site(seed_site, tmp_path / "site", "first")
    srv = start_in_thread(Config(site, workers=2, quiet=True))
    try:
        assert marks(srv) == (["first"], "miss")
        assert marks(srv) == (["first"], "hit")
        # exactly what 'aidlod build' does: a staging folder exchanged with the published one
        publish.promote(small_site(seed_site, tmp_path / "stage", "second"), site)
        assert marks(srv) == (["second"], "miss")
        assert marks(srv) == (["second"], "hit")
        assert srv.pool.reloads >= 1
        # uncached queries see the new store too, on either worker: both were replaced
        for _ in range(4):
            assert read_csv(get(srv, unique(MARK), "text/csv").body) == [{"o": "second"}]
    finally:
        stop(srv)


def test_a_dump_rewritten_in_place_with_its_old_size_and_mtime_is_not_answered_from_the_cache(
        seed_site: Path, tmp_path: Path) -> None:
    site = small_site(seed_site, tmp_path / "site", "aaaa")
    dump = site / DUMP
    srv = start_in_thread(Config(site, workers=1, quiet=True))
    try:
        assert marks(srv) == (["aaaa"], "miss")
        assert marks(srv) == (["aaaa"], "hit")
        before = dump.stat()
        time.sleep(0.05)  # let the clock move on, so the change time differs
        data = dump.read_bytes()
        with dump.open("r+b") as f:  # same inode, same size
            f.seek(data.rindex(b'"aaaa"'))
            f.write(b'"bbbb"')
        os.utime(dump, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
        after = dump.stat()
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
        assert marks(srv) == (["bbbb"], "miss")
    finally:
        stop(srv)


# --- the cache on its own ------------------------------------------------------------------------------

D1 = (1, 1, 10, 100, 100)
D2 = (1, 2, 10, 100, 100)


def answer(size: int, status: int = 200, dump: sparql.DumpIdentity | None = D1) -> sparql.Answer:
    return sparql.Answer(status, "text/csv; charset=utf-8", b"x" * size, dump=dump)


def test_lru_eviction_by_bytes() -> None:
    entry = 800 + 1 + ENTRY_OVERHEAD  # body, the one-letter query text, overhead
    cache = ResultCache(4 * entry)  # room for four
    assert cache.get(D1, ("a",)) is None
    for key in "abcd":
        assert cache.put((key,), answer(800))
    assert cache.size == 4 * entry
    assert cache.get(D1, ("a",)) is not None  # a is now the most recently used: b, c, d, a
    assert cache.put(("e",), answer(800))  # no room for five: the least recently used (b) goes
    assert cache.get(D1, ("b",)) is None
    assert all(cache.get(D1, (k,)) is not None for k in "acde")
    assert cache.size == 4 * entry and len(cache) == 4
    assert cache.put(("a",), answer(700))  # replacing an entry counts its new size only
    assert cache.size == 3 * entry + entry - 100 and len(cache) == 4


def test_what_is_not_stored() -> None:
    cache = ResultCache(4000)
    assert cache.get(D1, ("k",)) is None
    assert not cache.put(("big",), answer(1000 - 3 - ENTRY_OVERHEAD + 1))  # over a quarter of 4000
    for status in (400, 406, 422, 500, 503):
        assert not cache.put(("e",), answer(10, status))
    assert not cache.put(("no dump",), answer(10, dump=None))
    assert not cache.put(("old",), answer(10, dump=D2))  # computed from another dump than the current
    assert len(cache) == 0 and cache.size == 0
    assert cache.put(("fit",), answer(1000 - 3 - ENTRY_OVERHEAD))  # exactly a quarter
    assert not ResultCache(0).enabled


def test_a_new_dump_empties_the_cache() -> None:
    cache = ResultCache(4000)
    cache.get(D1, ("k",))
    cache.put(("k",), answer(10))
    assert cache.get(D1, ("k",)) is not None
    assert cache.get(D2, ("k",)) is None
    assert len(cache) == 0 and cache.size == 0
    assert not cache.put(("k",), answer(10, dump=D1))  # a late answer from the old dump
    assert cache.get(D1, ("k",)) is None
