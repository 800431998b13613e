"""Load the published dump into a remote SPARQL 1.1 triple store, so that readers never see a mix.

A Graph Store Protocol ``PUT`` is not atomic on every store (Oxigraph clears the graph, then loads
it, in two steps), and a dump sent in many requests is half-loaded between them. So ``push``:

1. loads the dump into a *temporary* named graph, in chunks of ``INSERT DATA`` (idempotent, so a
   chunk whose answer was lost can be sent again);
2. checks that the temporary graph holds exactly the dump's triples (count and checksum);
3. swaps it in with ONE SPARQL Update request, ``MOVE <temporary> TO <target>``, which a store
   runs as one transaction (Oxigraph runs every update request in a single storage transaction;
   Fuseki/TDB2, GraphDB and Virtuoso likewise run one request as one transaction), so readers of the
   target graph see the complete old graph until the commit and the complete new one after it;
4. checks the target graph again: exactly the dump's triple count and checksum, or exit 1.

The temporary graph's IRI is derived from the target's, so a push that died half-way (killed
server, lost network) leaves only that graph behind, and the next push drops it first.

The "checksum" is a query any SPARQL 1.1 store answers: per predicate, the number of triples, the
summed length of the subjects' IRIs and of the IRI objects, and the number of literal objects.
Literal lexical forms are left out on purpose: stores may canonicalise ``"1.0"^^xsd:decimal``.

Failures are told apart because they call for different actions: connection errors, timeouts and
5xx answers are retried with exponential back-off (bounded by ``retries``); 401/403 are never
retried (a wrong password does not get better, and a retry storm could lock the account); any other
4xx is a bug or a refused request and is reported with the store's own message.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import requests

from .writers.dumps import DUMP_DIR, DUMP_NAME

log = logging.getLogger("aidlod")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_DATASET = "https://schema.org/Dataset"
TEMP_PREFIX = "urn:aidlod:push-temporary:"
USER_AGENT = "aidlod-push"


class PushError(Exception):
    """A push that could not be completed; the message says what to do about it."""


@dataclass(frozen=True)
class Stats:
    """What the store must hold after a push: the triple count and a per-predicate checksum."""

    triples: int
    checksum: dict[str, tuple[int, int, int]]

    def digest(self) -> str:
        """A short fingerprint of the checksum table, for log lines."""
        text = "\n".join(f"{p} {n} {s} {lit}" for p, (n, s, lit) in sorted(self.checksum.items()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Dump:
    """The N-Triples dump as the lines to send and the figures to check them by."""

    path: Path
    lines: list[str]
    stats: Stats
    base: str | None


def find_dump(site: Path) -> Path:
    path = site / DUMP_DIR / f"{DUMP_NAME}.nt"
    if not path.is_file():
        raise PushError(f"{path}: no N-Triples dump; run 'aidlod build' first (or pass --site)")
    return path


def read_dump(path: Path) -> Dump:
    """Parse the dump (so nothing malformed reaches the store) and compute its expected stats."""
    lines: set[str] = set()
    table: dict[str, list[int]] = {}
    base = None
    try:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
                raise PushError(f"{path}: blank nodes cannot be pushed and checked (aidlod dumps have none)")
            line = f"{t.subject} {t.predicate} {t.object} ."
            if line in lines:
                continue
            lines.add(line)
            row = table.setdefault(t.predicate.value, [0, 0, 0])
            row[0] += 1
            row[1] += len(t.subject.value) + (len(t.object.value) if isinstance(t.object, ox.NamedNode) else 0)
            row[2] += isinstance(t.object, ox.Literal)
            if t.predicate.value == RDF_TYPE and t.object.value == SCHEMA_DATASET \
                    and t.subject.value.endswith("#dataset"):
                base = t.subject.value[: -len("#dataset")]
    except SyntaxError as exc:
        raise PushError(f"{path}: not valid N-Triples: {exc}") from exc
    checksum = {p: (r[0], r[1], r[2]) for p, r in table.items()}
    return Dump(path, sorted(lines), Stats(len(lines), checksum), base)


def temporary_graph(graph: str) -> str:
    """The staging graph of a target: fixed per target, so a crashed push's leftovers get dropped."""
    return TEMP_PREFIX + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:32]


def _iri(value: str) -> str:
    """An IRI for a SPARQL text; refuses characters that could end the IRI and inject a query."""
    if not value or any(c in value for c in '<>"{}|^`\\ \n\r\t'):
        raise PushError(f"not a usable graph IRI: {value!r}")
    return f"<{value}>"


def credentials_from_env(env: dict[str, str] | None = None) -> tuple[Any, dict[str, str]]:
    """``(auth, headers)`` from AIDLOD_PUSH_USER/AIDLOD_PUSH_PASSWORD (basic) or AIDLOD_PUSH_TOKEN."""
    env = dict(os.environ) if env is None else env
    token = env.get("AIDLOD_PUSH_TOKEN")
    user = env.get("AIDLOD_PUSH_USER")
    if token and user:
        raise PushError("set either AIDLOD_PUSH_TOKEN or AIDLOD_PUSH_USER/AIDLOD_PUSH_PASSWORD, not both")
    if token:
        return None, {"Authorization": f"Bearer {token}"}
    if user:
        return (user, env.get("AIDLOD_PUSH_PASSWORD", "")), {}
    return None, {}


class Client:
    """SPARQL 1.1 Protocol over requests, with bounded retries and errors that say what went wrong."""

    def __init__(self, query_url: str, update_url: str, *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, env: dict[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if retries < 0:
            raise PushError("--retries must be 0 or more")
        if timeout <= 0:
            raise PushError("--timeout must be more than 0 seconds")
        self.query_url, self.update_url = query_url, update_url
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep
        self.session = requests.Session()
        self.session.auth, headers = credentials_from_env(env)
        self.session.headers.update({"User-Agent": USER_AGENT, **headers})
        self.requests_sent = 0

    def _post(self, url: str, data: dict[str, str], accept: str | None, what: str,
              retry: bool = True) -> requests.Response:
        headers = {"Accept": accept} if accept else {}
        attempts = self.retries + 1 if retry else 1
        last = ""
        for attempt in range(1, attempts + 1):
            try:
                self.requests_sent += 1
                resp = self.session.post(url, data=data, headers=headers, timeout=self.timeout)
            except requests.Timeout:
                last = f"no answer within {self.timeout:g} s (timed out)"
            except requests.ConnectionError as exc:
                last = f"could not connect ({type(exc).__name__})"
            else:
                if resp.status_code in (401, 403):
                    raise PushError(f"{what}: credentials refused by {url} (HTTP {resp.status_code}); "
                                    "check AIDLOD_PUSH_USER/AIDLOD_PUSH_PASSWORD or AIDLOD_PUSH_TOKEN")
                if resp.status_code < 400:
                    return resp
                body = resp.text[:300].strip().replace("\n", " ")
                if resp.status_code < 500:
                    raise PushError(f"{what}: {url} refused the request (HTTP {resp.status_code}): {body}")
                last = f"server error HTTP {resp.status_code}: {body}"
            if attempt < attempts:
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s: %s: %s; retry %d/%d in %.1f s", what, url, last, attempt, self.retries, delay)
                self.sleep(delay)
        raise PushError(f"{what}: {url}: {last}; gave up after {attempts} attempt(s)")

    def update(self, text: str, what: str, retry: bool = True) -> None:
        """Run an update; ``retry=False`` for updates that must not be sent twice blindly."""
        self._post(self.update_url, {"update": text}, None, what, retry)

    def select(self, text: str, what: str) -> list[dict[str, str]]:
        resp = self._post(self.query_url, {"query": text}, "application/sparql-results+json", what)
        try:
            bindings = resp.json()["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise PushError(f"{what}: {self.query_url} did not answer with SPARQL JSON results") from exc
        return [{k: v["value"] for k, v in row.items()} for row in bindings]

    def stats(self, graph: str, what: str = "checking the graph") -> Stats:
        """The count and checksum of a named graph as the store sees it."""
        rows = self.select(
            "SELECT ?p (COUNT(*) AS ?n) "
            "(SUM(STRLEN(STR(?s)) + IF(isIRI(?o), STRLEN(STR(?o)), 0)) AS ?len) "
            "(SUM(IF(isLiteral(?o), 1, 0)) AS ?lit) "
            f"WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }} GROUP BY ?p", what)
        checksum = {r["p"]: (int(r["n"]), int(r.get("len", 0)), int(r.get("lit", 0))) for r in rows}
        return Stats(sum(n for n, _, _ in checksum.values()), checksum)


def _chunks(lines: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(lines), size):
        yield lines[i:i + size]


@dataclass(frozen=True)
class PushResult:
    graph: str
    triples: int
    requests: int


def push(site: Path | str = "site", *, query_url: str, update_url: str, graph: str | None = None,
         timeout: float = 30.0, retries: int = 3, chunk_size: int = 5000, backoff: float = 0.5,
         env: dict[str, str] | None = None) -> PushResult:
    """Replace ``graph`` in the remote store by the site's dump; raise PushError when it cannot."""
    if chunk_size < 1:
        raise PushError("--chunk-size must be 1 or more")
    dump = read_dump(find_dump(Path(site)))
    target = graph or dump.base
    if not target:
        raise PushError(f"{dump.path}: no dataset (schema:Dataset '…#dataset') in the dump; pass --graph")
    temp = temporary_graph(target)
    expected = dump.stats
    client = Client(query_url, update_url, timeout=timeout, retries=retries, backoff=backoff, env=env)
    log.info("push: %d triples from %s into <%s> (checksum %s)", expected.triples, dump.path, target,
             expected.digest())

    client.update(f"DROP SILENT GRAPH {_iri(temp)}", "dropping an earlier push's temporary graph")
    chunks = list(_chunks(dump.lines, chunk_size))
    for i, chunk in enumerate(chunks, 1):
        client.update(f"INSERT DATA {{ GRAPH {_iri(temp)} {{\n" + "\n".join(chunk) + "\n} }",
                      f"loading chunk {i}/{len(chunks)}")
        log.info("push: loaded chunk %d/%d into the temporary graph <%s>", i, len(chunks), temp)

    staged = client.stats(temp, "checking the temporary graph")
    if staged != expected:
        raise PushError(f"the temporary graph <{temp}> holds {staged.triples} triples (checksum "
                        f"{staged.digest()}), the dump {expected.triples} ({expected.digest()}); "
                        f"<{target}> was left unchanged")

    _swap(client, temp, target, expected)
    log.info("push: <%s> now holds exactly the dump's %d triples (checksum %s); %d request(s)",
             target, expected.triples, expected.digest(), client.requests_sent)
    return PushResult(target, expected.triples, client.requests_sent)


def _swap(client: Client, temp: str, target: str, expected: Stats) -> None:
    """Move the checked temporary graph onto the target in one update, then check the target.

    MOVE is not idempotent (a second one, after the first committed, finds no source), so a failed
    or unanswered swap is not simply resent: the store's state decides. Target complete → done;
    temporary graph still complete → the swap did not happen, try again; otherwise give up.
    """
    attempts = client.retries + 1
    for attempt in range(1, attempts + 1):
        log.info("push: swapping <%s> in as <%s> in one update", temp, target)
        error: PushError | None = None
        try:
            client.update(f"MOVE {_iri(temp)} TO {_iri(target)}", "swapping the graphs", retry=False)
        except PushError as exc:
            if "credentials refused" in str(exc):
                raise
            error = exc
        now = client.stats(target, "checking the target graph")
        if now == expected:
            if error is not None:
                log.warning("push: the swap reported %s, but <%s> is complete", error, target)
            return
        if error is None:
            raise PushError(f"after the swap <{target}> holds {now.triples} triples (checksum {now.digest()}), "
                            f"but the dump has {expected.triples} ({expected.digest()})")
        staged = client.stats(temp, "checking the temporary graph")
        if staged != expected or attempt == attempts:
            raise PushError(f"the swap failed ({error}); <{target}> holds {now.triples} triples "
                            f"and was not replaced") from error
        client.sleep(client.backoff * 2 ** (attempt - 1))
