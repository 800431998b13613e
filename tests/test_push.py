"""`aidlod push` against a real Oxigraph server that the tests start and stop, also under faults.

Readers query the pushed graph by naming it (`default-graph-uri`, or `FROM`), never the union of
all graphs: the temporary graph of a push in progress is a separate named graph.
"""

from __future__ import annotations

import base64
import itertools
import json
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from aidlod.build import build
from aidlod.cli import main
from aidlod.push import (
    PUSHED_RELEASE,
    Client,
    PushError,
    Stats,
    _chunks,
    credentials_from_env,
    push,
    read_dump,
    state_graph,
    temporary_graph,
)
from aidlod.queries import examples, read_csv
from conftest import published_copy, require_tool
from httpclient import free_port

GRAPH = "https://w3id.org/aidlod/"


class Oxigraph:
    """An `oxigraph serve` process on loopback over a folder that survives restarts."""

    def __init__(self, exe: str, location: Path) -> None:
        self.exe, self.location, self.port = exe, location, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.query_url, self.update_url = self.url + "/query", self.url + "/update"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([self.exe, "serve", "--location", str(self.location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.proc.returncode}")
            try:
                if requests.get(self.query_url, params={"query": "ASK {}"}, timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError("oxigraph did not answer within 30 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; what a crash or an OOM kill does."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def client(self) -> Client:
        return Client(self.query_url, self.update_url, timeout=30, retries=0)

    def select_csv(self, query: str, graph: str = GRAPH) -> list[dict[str, str]]:
        """Run a query over ``graph`` as the default graph, as a reader of the pushed data does."""
        resp = requests.post(self.query_url, data={"query": query, "default-graph-uri": graph},
                             headers={"Accept": "text/csv"}, timeout=30)
        resp.raise_for_status()
        return read_csv(resp.content)

    def ask(self, query: str, graph: str | None = GRAPH) -> bool:
        """ASK over ``graph`` as the default graph; ``graph=None`` for the whole store (GRAPH ?g)."""
        data = {"query": query} if graph is None else {"query": query, "default-graph-uri": graph}
        resp = requests.post(self.query_url, data=data,
                             headers={"Accept": "application/sparql-results+json"}, timeout=30)
        resp.raise_for_status()
        return bool(resp.json()["boolean"])


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    server = Oxigraph(require_tool("oxigraph"), tmp_path / "oxigraph-db")
    server.start()
    yield server
    server.stop()


class Proxy(ThreadingHTTPServer):
    """A loopback HTTP proxy in front of the store that can demand credentials, stall or fail."""

    daemon_threads = True

    def __init__(self, upstream: str, *, basic: tuple[str, str] | None = None, token: str | None = None,
                 delay: float = 0.0, fail_first: int = 0) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream, self.delay, self.fail_first = upstream, delay, fail_first
        self.accepted: set[str] = set()
        if basic:
            self.accepted.add("Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode())
        if token:
            self.accepted.add(f"Bearer {token}")
        self.count = 0
        self.hook: Callable[[bytes], None] | None = None  # called with each request body before forwarding
        self.lock = threading.Lock()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()


class _ProxyHandler(BaseHTTPRequestHandler):
    server: Proxy

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes, ctype: str = "text/plain", extra: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout), as the slow-network test intends

    def _forward(self) -> None:
        srv = self.server
        with srv.lock:
            srv.count += 1
            fail = srv.fail_first > 0
            srv.fail_first -= fail
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if srv.delay:
            time.sleep(srv.delay)
        if srv.accepted and self.headers.get("Authorization") not in srv.accepted:
            self._answer(401, b"unauthorised", extra={"WWW-Authenticate": 'Basic realm="store"'})
            return
        if fail:
            self._answer(503, b"store busy")
            return
        if srv.hook is not None:
            srv.hook(body)
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        try:
            resp = requests.request(self.command, srv.upstream + self.path, data=body, headers=headers, timeout=60)
        except requests.RequestException:
            self._answer(502, b"the store is down")  # what a reverse proxy answers
            return
        self._answer(resp.status_code, resp.content, resp.headers.get("Content-Type", "text/plain"))

    do_GET = _forward
    do_POST = _forward


@pytest.fixture()
def proxies() -> Iterator[list[Proxy]]:
    made: list[Proxy] = []
    yield made
    for p in made:
        p.close()


def expected_stats(site: Path) -> Stats:
    return read_dump(site / "dumps" / "aidlod.nt").stats


def run_cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["push", *args], env=env or {})


# --- the happy path ----------------------------------------------------------------------------


def test_push_seed_then_example_queries_give_their_expected_results(seed_site: Path, oxigraph: Oxigraph) -> None:
    result = run_cli("--site", str(seed_site), "--query-url", oxigraph.query_url,
                     "--update-url", oxigraph.update_url)
    assert result.exit_code == 0, result.output
    assert f"pushed {expected_stats(seed_site).triples} triples to <{GRAPH}>" in result.output
    assert oxigraph.client().stats(GRAPH) == expected_stats(seed_site)
    # the temporary graph is gone, and nothing else was written anywhere in the store
    assert oxigraph.client().stats(temporary_graph(GRAPH)).triples == 0
    assert oxigraph.ask("ASK { GRAPH ?g { ?s ?p ?o } }", graph=None)
    assert not oxigraph.ask(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{GRAPH}>) }}", graph=None)
    for example in examples():
        assert oxigraph.select_csv(example.text) == example.expected(), example.name


def test_push_takes_the_site_as_a_plain_argument_too(seed_site: Path, oxigraph: Oxigraph) -> None:
    result = run_cli(str(seed_site), "--query-url", oxigraph.query_url, "--update-url", oxigraph.update_url)
    assert result.exit_code == 0, result.output
    assert oxigraph.client().stats(GRAPH) == expected_stats(seed_site)
    result = run_cli(str(seed_site), "--site", str(seed_site.parent), "--query-url", oxigraph.query_url,
                     "--update-url", oxigraph.update_url)
    assert result.exit_code == 2
    assert f"two sites given: --site {seed_site.parent} and {seed_site}; name one" in result.output


def test_second_push_of_a_changed_dataset_replaces_the_graph(
        seed_site: Path, data_copy: Path, tmp_path: Path, oxigraph: Oxigraph) -> None:
    push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url)
    old_title = "Return home for women victims of human trafficking (Poland)"
    new_title = "Journey home for women victims of human trafficking (Poland)"
    record = data_copy / "projects" / "poland.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(old_title, new_title), encoding="utf-8")
    changed = tmp_path / "changed-site"
    build(data_copy, changed)
    # a stray triple in the target graph must not survive the replacement either
    requests.post(oxigraph.update_url, timeout=10, data={
        "update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:stray> <urn:p> 'left over' }} }}"}).raise_for_status()

    result = push(changed, query_url=oxigraph.query_url, update_url=oxigraph.update_url, chunk_size=1000)
    assert result.triples == expected_stats(changed).triples
    assert oxigraph.client().stats(GRAPH) == expected_stats(changed)
    assert oxigraph.ask(f'ASK {{ ?p <https://schema.org/name> "{new_title}"@en }}')
    assert not oxigraph.ask(f'ASK {{ ?p <https://schema.org/name> "{old_title}"@en }}')
    assert not oxigraph.ask("ASK { <urn:stray> ?p ?o }")


def test_push_into_an_explicit_graph_leaves_other_graphs_alone(seed_site: Path, oxigraph: Oxigraph) -> None:
    push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, graph="urn:release:1")
    push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, graph="urn:release:2")
    assert oxigraph.client().stats("urn:release:1") == expected_stats(seed_site)
    assert oxigraph.client().stats("urn:release:2") == expected_stats(seed_site)
    assert oxigraph.client().stats(GRAPH).triples == 0


def test_a_graph_iri_that_could_inject_sparql_is_refused(seed_site: Path, oxigraph: Oxigraph) -> None:
    result = run_cli("--site", str(seed_site), "--query-url", oxigraph.query_url, "--update-url",
                     oxigraph.update_url, "--graph", "urn:x> } ; DROP ALL ; INSERT DATA { GRAPH <urn:y")
    assert result.exit_code == 1
    assert "not a usable graph IRI" in result.output


def test_a_site_without_a_dump_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("--site", str(tmp_path), "--query-url", "http://127.0.0.1:9/query",
                     "--update-url", "http://127.0.0.1:9/update")
    assert result.exit_code == 1
    assert "no N-Triples dump; run 'aidlod build' first" in result.output


def test_dump_stats_count_distinct_triples_and_refuse_blank_nodes(tmp_path: Path) -> None:
    nt = tmp_path / "x.nt"
    nt.write_text('<urn:a> <urn:p> "x" .\n<urn:a> <urn:p> "x" .\n<urn:a> <urn:q> <urn:b> .\n', encoding="utf-8")
    dump = read_dump(nt)
    assert dump.stats.triples == 2
    assert dump.stats.checksum == {"urn:p": (1, 5, 1), "urn:q": (1, 10, 0)}
    nt.write_text("_:b <urn:p> <urn:o> .\n", encoding="utf-8")
    with pytest.raises(PushError, match="blank nodes"):
        read_dump(nt)


def test_a_dump_in_order_is_read_without_holding_its_lines(tmp_path: Path) -> None:
    """Pushing 2 000 synth activities (677 224 triples) held every line twice over: 264 MB resident,
    some 2 GB at 10 000 rich activities. A dump in order (aidlod's are) is now read as it is sent."""
    import tracemalloc

    nt = tmp_path / "big.nt"
    with nt.open("w", encoding="utf-8") as out:
        rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        out.write(f"<{GRAPH}#dataset> {rdf_type} <https://schema.org/Dataset> .\n")
        for i in range(100_000):
            line = f'<{GRAPH}thing/{i // 5:06d}#id> <https://schema.org/p{i % 5}> "value {i:06d}" .\n'
            out.write(line * (1 + (i % 7 == 0)))  # some lines twice, one after the other
    tracemalloc.start()
    try:
        dump = read_dump(nt)
        sent = sum(len(chunk) for chunk in _chunks(dump.lines(), 5000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert dump.held is None and dump.base == GRAPH
    assert sent == dump.stats.triples == 100_001
    assert peak < 8_000_000, f"{peak} bytes held to read a 100 000-triple dump"
    # out of order, a repeat far from its first: held, and still each triple once
    nt.write_text('<urn:b> <urn:p> "x" .\n<urn:a> <urn:p> "x" .\n<urn:b> <urn:p> "x" .\n', encoding="utf-8")
    dump = read_dump(nt)
    assert dump.held is not None and list(dump.lines()) == ['<urn:a> <urn:p> "x" .', '<urn:b> <urn:p> "x" .']
    assert dump.stats.triples == 2


def test_credentials_come_from_the_environment() -> None:
    assert credentials_from_env({}) == (None, {})
    assert credentials_from_env({"AIDLOD_PUSH_USER": "u", "AIDLOD_PUSH_PASSWORD": "p"}) == (("u", "p"), {})
    assert credentials_from_env({"AIDLOD_PUSH_TOKEN": "t"}) == (None, {"Authorization": "Bearer t"})
    with pytest.raises(PushError, match="not both"):
        credentials_from_env({"AIDLOD_PUSH_TOKEN": "t", "AIDLOD_PUSH_USER": "u"})


# --- push under faults -------------------------------------------------------------------------


def test_endpoint_down_gives_a_clear_error_after_bounded_retries(seed_site: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    started = time.monotonic()
    result = run_cli("--site", str(seed_site), "--query-url", url + "/query", "--update-url", url + "/update",
                     "--retries", "2", "--timeout", "2")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "push failed" in result.output and "could not connect" in result.output
    assert "gave up after 3 attempt(s)" in result.output
    assert result.output.count("retry ") == 2  # back-off 0.5 s, then 1 s
    assert 1.4 < elapsed < 20


def test_wrong_credentials_fail_at_once_without_a_retry_storm(
        seed_site: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    proxy = Proxy(oxigraph.url, basic=("publisher", "right"), token="t0ken")
    proxies.append(proxy)
    args = ("--site", str(seed_site), "--query-url", proxy.url + "/query", "--update-url", proxy.url + "/update",
            "--retries", "5")
    for env in ({"AIDLOD_PUSH_USER": "publisher", "AIDLOD_PUSH_PASSWORD": "wrong"},
                {"AIDLOD_PUSH_TOKEN": "stolen"}, {}):
        proxy.count = 0
        result = run_cli(*args, env=env)
        assert result.exit_code == 1
        assert "credentials refused" in result.output and "HTTP 401" in result.output
        assert proxy.count == 1, f"{proxy.count} requests with {sorted(env)}"
    assert oxigraph.client().stats(GRAPH).triples == 0

    for env in ({"AIDLOD_PUSH_USER": "publisher", "AIDLOD_PUSH_PASSWORD": "right"}, {"AIDLOD_PUSH_TOKEN": "t0ken"}):
        result = run_cli(*args, env=env)
        assert result.exit_code == 0, result.output
    assert oxigraph.client().stats(GRAPH) == expected_stats(seed_site)


def test_server_errors_are_retried_with_back_off(seed_site: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    proxy = Proxy(oxigraph.url, fail_first=2)
    proxies.append(proxy)
    result = push(seed_site, query_url=proxy.url + "/query", update_url=proxy.url + "/update", retries=2,
                  backoff=0.05)
    assert result.requests == proxy.count
    assert oxigraph.client().stats(GRAPH) == expected_stats(seed_site)
    proxy.fail_first, proxy.count = 10, 0
    with pytest.raises(PushError, match=r"HTTP 503.*gave up after 3 attempt"):
        push(seed_site, query_url=proxy.url + "/query", update_url=proxy.url + "/update", retries=2, backoff=0.05)
    assert proxy.count == 3


def test_slow_network_timeout_is_honoured(seed_site: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    proxy = Proxy(oxigraph.url, delay=4.0)
    proxies.append(proxy)
    started = time.monotonic()
    result = run_cli("--site", str(seed_site), "--query-url", proxy.url + "/query",
                     "--update-url", proxy.url + "/update", "--timeout", "0.5", "--retries", "1")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "no answer within 0.5 s (timed out)" in result.output
    assert "gave up after 2 attempt(s)" in result.output
    assert proxy.count == 2
    assert elapsed < 4.0, "the client waited for the slow answer instead of timing out"


def synthetic_site(folder: Path, triples: int, tag: str) -> Path:
    """A site folder whose dump holds many triples: pushing it takes many requests."""
    dumps = folder / "dumps"
    dumps.mkdir(parents=True)
    with (dumps / "aidlod.nt").open("w", encoding="utf-8") as out:
        rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        out.write(f"<{GRAPH}#dataset> {rdf_type} <https://schema.org/Dataset> .\n")
        for i in range(triples - 1):
            out.write(f'<{GRAPH}thing/{tag}-{i // 5}#id> <https://schema.org/p{i % 5}> "{tag} value {i}" .\n')
    return folder


def test_server_killed_mid_push_leaves_the_old_or_the_new_graph(
        seed_site: Path, tmp_path: Path, oxigraph: Oxigraph) -> None:
    old = expected_stats(seed_site)
    big = synthetic_site(tmp_path / "big", 40_000, "big")
    new = expected_stats(big)
    push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url)
    rng = random.Random(7)
    outcomes = []
    for round_ in range(4):
        errors: list[BaseException] = []

        def run(errors: list[BaseException] = errors) -> None:
            try:
                push(big, query_url=oxigraph.query_url, update_url=oxigraph.update_url, chunk_size=1000,
                     retries=1, backoff=0.1, timeout=20)
            except PushError as exc:
                errors.append(exc)

        pusher = threading.Thread(target=run)
        pusher.start()
        if round_ == 0:  # certainly mid-load: wait for the temporary graph to fill partly
            temp = temporary_graph(GRAPH)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if oxigraph.ask(f"ASK {{ GRAPH <{temp}> {{ ?s ?p ?o }} }}", graph=None):
                    break
                time.sleep(0.05)
        else:
            time.sleep(rng.uniform(0.2, 4.0))
        oxigraph.kill()
        pusher.join(120)
        assert not pusher.is_alive()
        oxigraph.start()
        state = oxigraph.client().stats(GRAPH)
        assert state in (old, new), f"round {round_}: the graph holds a mix of {state.triples} triples"
        outcomes.append("old" if state == old else "new")
        if state == old:  # the push was cut off, and said so
            assert errors, f"round {round_}: the push reported success but the graph is the old one"
        if state == new:  # push the old one back, so that the next round replaces old by new again
            push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url)
    assert outcomes[0] == "old"
    push(big, query_url=oxigraph.query_url, update_url=oxigraph.update_url, chunk_size=5000)
    assert oxigraph.client().stats(GRAPH) == new
    assert oxigraph.client().stats(temporary_graph(GRAPH)).triples == 0



def test_server_killed_during_the_swap_leaves_the_old_or_the_new_graph(
        seed_site: Path, tmp_path: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    """SIGKILL a few milliseconds after the MOVE reaches the store, i.e. inside its transaction."""
    old = expected_stats(seed_site)
    big = synthetic_site(tmp_path / "big", 20_000, "big")  # its MOVE takes about 1 s on Oxigraph 0.5
    new = expected_stats(big)
    proxy = Proxy(oxigraph.url)
    proxies.append(proxy)
    outcomes = []
    for delay in (0.0, 0.02, 0.1, 0.4, 3.0):  # the last one most likely after the commit
        push(seed_site, query_url=oxigraph.query_url, update_url=oxigraph.update_url)
        killer: list[threading.Thread] = []

        def hook(body: bytes, delay: float = delay, killer: list[threading.Thread] = killer) -> None:
            if b"MOVE" in body and not killer:
                killer.append(threading.Thread(target=lambda: (time.sleep(delay), oxigraph.kill())))
                killer[0].start()

        proxy.hook = hook
        try:
            push(big, query_url=proxy.url + "/query", update_url=proxy.url + "/update", retries=1, backoff=0.05)
            pushed = True
        except PushError:
            pushed = False
        proxy.hook = None
        assert killer, "the push never reached the swap"
        killer[0].join()
        oxigraph.start()
        state = oxigraph.client().stats(GRAPH)
        assert state in (old, new), f"kill {delay} s into the swap: a mix of {state.triples} triples"
        assert pushed is False or state == new
        outcomes.append("new" if state == new else "old")
    assert outcomes[0] == "old"
    # the next push always succeeds
    push(big, query_url=oxigraph.query_url, update_url=oxigraph.update_url)
    assert oxigraph.client().stats(GRAPH) == new
    print("outcomes of a kill during the swap:", outcomes)


def _retitle(data: Path, old: str, new: str) -> None:
    record = data / "projects" / "poland.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_push_with_changes_applies_the_change_sets_of_the_releases_the_store_lacks(
        data_copy: Path, seed_site: Path, tmp_path: Path, oxigraph: Oxigraph) -> None:
    titles = ["Return home for women victims of human trafficking (Poland)",
              "Journey home for women victims of human trafficking (Poland)",
              "Safe return for women victims of human trafficking (Poland)"]
    site = published_copy(seed_site, tmp_path / "site")
    first = push(site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, changes=True)
    assert first.changed is None  # an empty store holds no release: the whole dump was loaded

    for old, new in itertools.pairwise(titles):  # two releases the store does not have
        _retitle(data_copy, old, new)
        build(data_copy, site)
    result = push(site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, changes=True)
    assert oxigraph.client().stats(GRAPH) == expected_stats(site)
    assert result.changed is not None and 0 < result.changed < 20
    # the recorded release, the graph's figures, ONE update with both change sets, the check
    assert result.requests == 4
    assert oxigraph.ask(f'ASK {{ ?p <https://schema.org/name> "{titles[2]}"@en }}')
    assert not oxigraph.ask(f'ASK {{ ?p <https://schema.org/name> "{titles[0]}"@en }}')

    again = push(site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, changes=True)
    assert (again.requests, again.changed) == (2, None)  # already this release: nothing but two reads
    newest = json.loads((site / "releases" / "index.json").read_text(encoding="utf-8"))["releases"][0]["id"]
    assert oxigraph.select_csv(f"SELECT ?r WHERE {{ <{GRAPH}> <{PUSHED_RELEASE}> ?r }}",
                               graph=state_graph(GRAPH)) == [{"r": newest}]


def test_push_with_changes_loads_the_whole_dump_when_the_store_holds_no_known_release(
        data_copy: Path, seed_site: Path, tmp_path: Path, oxigraph: Oxigraph,
        caplog: pytest.LogCaptureFixture) -> None:
    site = published_copy(seed_site, tmp_path / "site")
    push(site, query_url=oxigraph.query_url, update_url=oxigraph.update_url, changes=True)
    _retitle(data_copy, "Return home for women", "Journey home for women")
    build(data_copy, site)
    requests.post(oxigraph.update_url, timeout=10, data={
        "update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:stray> <urn:p> 'left over' }} }}"}).raise_for_status()

    result = run_cli("--site", str(site), "--query-url", oxigraph.query_url, "--update-url",
                     oxigraph.update_url, "--changes")
    assert result.exit_code == 0, result.output
    assert "by applying" not in result.output
    assert "loading the whole dump" in caplog.text
    assert oxigraph.client().stats(GRAPH) == expected_stats(site)
    assert not oxigraph.ask("ASK { <urn:stray> ?p ?o }")


def _slow_moves(proxy: Proxy, seconds: float) -> list[bytes]:
    """Make the proxy hold every MOVE for ``seconds`` before the store gets it (a store busy copying a
    large graph); returns the list the MOVE requests are recorded in."""
    moves: list[bytes] = []

    def hook(body: bytes) -> None:
        if b"MOVE" in body:
            moves.append(body)
            time.sleep(seconds)

    proxy.hook = hook
    return moves


def test_the_swap_of_a_large_graph_waits_longer_than_a_chunk(
        seed_site: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    """Oxigraph took 3 min to MOVE 677 224 triples (2 000 synth activities) on a busy machine: push gave up
    at --timeout's 30 s, sent the MOVE three more times (the store copying the graph four times at once,
    6.6 GB resident) and said the graph 'was not replaced', which the store then did."""
    proxy = Proxy(oxigraph.url)
    proxies.append(proxy)
    moves = _slow_moves(proxy, 3.0)
    expected = expected_stats(seed_site)
    chunks = -(-expected.triples // 200)
    assert chunks * 1.0 > 3.0 + 1
    push(seed_site, query_url=proxy.url + "/query", update_url=proxy.url + "/update", timeout=1.0,
         chunk_size=200, backoff=0.05)
    assert len(moves) == 1
    assert oxigraph.client().stats(GRAPH) == expected


def test_an_unanswered_swap_is_not_sent_again_and_says_it_may_still_commit(
        seed_site: Path, oxigraph: Oxigraph, proxies: list[Proxy]) -> None:
    proxy = Proxy(oxigraph.url)
    proxies.append(proxy)
    moves = _slow_moves(proxy, 3.0)
    with pytest.raises(PushError, match=r"no answer within 1 s.*may still be running it.*Not sent again"):
        push(seed_site, query_url=proxy.url + "/query", update_url=proxy.url + "/update", timeout=1.0,
             chunk_size=100_000, retries=3, backoff=0.05)
    assert len(moves) == 1
    deadline = time.monotonic() + 30  # and the store does commit it
    while oxigraph.client().stats(GRAPH) != expected_stats(seed_site):
        assert time.monotonic() < deadline, "the one MOVE never committed"
        time.sleep(0.2)
    assert len(moves) == 1
