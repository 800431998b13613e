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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests

from . import releases
from .writers.dumps import DUMP_DIR, DUMP_NAME

log = logging.getLogger("aidlod")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_DATASET = "https://schema.org/Dataset"
TEMP_PREFIX = "urn:aidlod:push-temporary:"
USER_AGENT = "aidlod-push"


class PushError(Exception):
    """A push that could not be completed; the message says what to do about it."""


class NoAnswer(PushError):
    """The request reached the store (or may have) but no answer came in time: it may still be running."""


class Refused(PushError):
    """The store answered the request with a 4xx other than 401/403: sending it again gets the same answer."""


# What a store's refusal of the swap means when the store is known to refuse a correct MOVE.
_MOVE_REFUSALS = (
    # Jena and Fuseki 4.5.0 refuse MOVE, COPY and ADD from any named graph that exists (JENA-2326,
    # fixed in 4.6.0): docs/push.md, "Apache Jena and Fuseki"
    ("Invalid source target for operation",
     "Jena and Fuseki 4.5.0 refuse MOVE from a named graph that exists (JENA-2326): use 4.6 or newer"),
)


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
    """The N-Triples dump as the lines to send and the figures to check them by.

    The lines are read from the file again as they are sent (``lines()``), not held: a dump in
    order, as ``aidlod build`` writes it (sorted, one line per triple), needs only the line before
    to drop repeats. Only a dump out of order is held in memory as a set of its lines, as before.
    """

    path: Path
    stats: Stats
    base: str | None
    held: list[str] | None = None  # the distinct lines of a dump that is not in order

    def lines(self) -> Iterator[str]:
        if self.held is not None:
            yield from self.held
            return
        previous = None
        for line in _lines(self.path):
            if line != previous:
                yield line
            previous = line


def _lines(path: Path) -> Iterator[str]:
    for t in ox_triples(path):
        yield f"{t.subject} {t.predicate} {t.object} ."


def _count(table: dict[str, list[int]], t: Any, sign: int = 1) -> None:
    """Add (or, with ``sign`` -1, take away) one triple's share of the checksum."""
    row = table.setdefault(t.predicate.value, [0, 0, 0])
    row[0] += sign
    row[1] += sign * (len(t.subject.value) + (len(t.object.value) if isinstance(t.object, ox.NamedNode) else 0))
    row[2] += sign * isinstance(t.object, ox.Literal)


def _stats(table: dict[str, list[int]]) -> Stats:
    checksum = {p: (r[0], r[1], r[2]) for p, r in table.items() if r[0]}
    return Stats(sum(n for n, _, _ in checksum.values()), checksum)


def find_dump(site: Path) -> Path:
    path = site / DUMP_DIR / f"{DUMP_NAME}.nt"
    if not path.is_file():
        raise PushError(f"{path}: no N-Triples dump; run 'aidlod build' first (or pass --site)")
    return path


def read_dump(path: Path) -> Dump:
    """Parse the dump (so nothing malformed reaches the store) and compute its expected stats.

    Memory stays flat in the dump's size when its lines are in order (``aidlod build``'s are): a
    2 000-activity dump of 677 224 triples held as a set and a sorted list took the push to 264 MB
    resident, some 300 bytes a triple, which would be 2 GB for 10 000 rich activities. A dump out of
    order is read again, holding its distinct lines. A file changed between the readings does not
    reach the target graph: the temporary graph's figures would differ from these.
    """
    table: dict[str, list[int]] = {}
    base = None
    previous = ""
    for t in ox_triples(path):
        line = f"{t.subject} {t.predicate} {t.object} ."
        if line <= previous:
            if line == previous:
                continue
            return _read_held(path)
        previous = line
        _count(table, t)
        if t.predicate.value == RDF_TYPE and t.object.value == SCHEMA_DATASET \
                and t.subject.value.endswith("#dataset"):
            base = t.subject.value[: -len("#dataset")]
    return Dump(path, _stats(table), base)


def ox_triples(path: Path) -> Iterator[Any]:
    """The dump's triples (pyoxigraph's); a blank node or a syntax error is a PushError."""
    try:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
            if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
                raise PushError(f"{path}: blank nodes cannot be pushed and checked (aidlod dumps have none)")
            yield t
    except SyntaxError as exc:
        raise PushError(f"{path}: not valid N-Triples: {exc}") from exc


def _read_held(path: Path) -> Dump:
    """``read_dump`` of a dump out of order: its distinct lines held in memory, sorted."""
    lines: set[str] = set()
    table: dict[str, list[int]] = {}
    base = None
    for t in ox_triples(path):
        line = f"{t.subject} {t.predicate} {t.object} ."
        if line in lines:
            continue
        lines.add(line)
        _count(table, t)
        if t.predicate.value == RDF_TYPE and t.object.value == SCHEMA_DATASET \
                and t.subject.value.endswith("#dataset"):
            base = t.subject.value[: -len("#dataset")]
    return Dump(path, _stats(table), base, sorted(lines))


@dataclass(frozen=True)
class ReleaseChanges:
    """A release's change set (``releases/{id}/changes.rdfp``): the triples it deletes and inserts."""

    release: str
    removed: list[Any]  # pyoxigraph triples
    added: list[Any]


def _triples(path: Path, lines: list[bytes]) -> list[Any]:
    try:
        return list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise PushError(f"{path}: not a valid change set: {exc}") from exc


def read_change_sets(site: Path) -> list[ReleaseChanges]:
    """The change sets the site keeps, newest first, as far back as they follow one another."""
    out: list[ReleaseChanges] = []
    for release in _history(site):
        path = site / releases.RELEASES_DIR / release.id / releases.PATCH
        if release.previous is None or not path.is_file():
            break  # the first release, or one whose change set is no longer kept
        removed, added = releases.read_patch(path)
        out.append(ReleaseChanges(release.id, _triples(path, removed), _triples(path, added)))
    return out


def _history(site: Path) -> list[releases.Release]:
    try:
        return releases.read_history(site)
    except releases.ReleaseError as exc:
        raise PushError(str(exc)) from None


STATE_PREFIX = "urn:aidlod:push-state:"
PUSHED_RELEASE = "urn:aidlod:pushed-release"


def state_graph(graph: str) -> str:
    """Where ``push --changes`` records which release of the site the target graph holds (one triple)."""
    return STATE_PREFIX + hashlib.sha256(graph.encode("utf-8")).hexdigest()[:32]


def _mark(target: str, release: str) -> str:
    """The update operations that record ``release`` as the one ``target`` holds (run in the same
    request as the data's change, so the record never disagrees with the graph)."""
    state = _iri(state_graph(target))
    if not release.replace("-", "").isalnum():
        raise PushError(f"not a release id: {release!r}")
    literal = f'"{release}"'
    return (f"DELETE WHERE {{ GRAPH {state} {{ ?s ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {state} {{ {_iri(target)} <{PUSHED_RELEASE}> {literal} }} }}")


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
        if any("@" in urlsplit(url).netloc for url in (query_url, update_url)):
            # not shown: the address would print the password in every message about it
            raise PushError("an endpoint address holds credentials (user:password@host), which ps shows to every "
                            "user of the machine and aidlod's messages would print: give them in "
                            "AIDLOD_PUSH_USER/AIDLOD_PUSH_PASSWORD or AIDLOD_PUSH_TOKEN")
        self.query_url, self.update_url = query_url, update_url
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep
        self.session = requests.Session()
        self.session.auth, headers = credentials_from_env(env)
        self.session.headers.update({"User-Agent": USER_AGENT, **headers})
        self.requests_sent = 0

    def _post(self, url: str, data: dict[str, str], accept: str | None, what: str,
              retry: bool = True, timeout: float | None = None) -> requests.Response:
        headers = {"Accept": accept} if accept else {}
        timeout = timeout or self.timeout
        attempts = self.retries + 1 if retry else 1
        last = ""
        for attempt in range(1, attempts + 1):
            try:
                self.requests_sent += 1
                # connecting gets the usual --timeout; only the wait for the answer is longer
                resp = self.session.post(url, data=data, headers=headers, timeout=(self.timeout, timeout))
            except requests.ConnectTimeout:
                last = "could not connect (ConnectTimeout)"  # never sent: safe to send again
            except requests.Timeout:
                last = f"no answer within {timeout:g} s (timed out)"
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
                    raise Refused(f"{what}: {url} refused the request (HTTP {resp.status_code}): {body}")
                last = f"server error HTTP {resp.status_code}: {body}"
            if attempt < attempts:
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s: %s: %s; retry %d/%d in %.1f s", what, url, last, attempt, self.retries, delay)
                self.sleep(delay)
        # A refused connection is most often a store not started yet (docs/push.md's first step): say so.
        hint = ("; is a SPARQL store running there? (e.g. oxigraph serve --location DB --bind HOST:PORT, "
                "docs/push.md)" if last.startswith("could not connect") else "")
        error = NoAnswer if last.startswith("no answer") else PushError
        raise error(f"{what}: {url}: {last}; gave up after {attempts} attempt(s){hint}")

    def update(self, text: str, what: str, retry: bool = True, timeout: float | None = None) -> None:
        """Run an update; ``retry=False`` for updates that must not be sent twice blindly; ``timeout``
        for one that may take longer than a chunk's (default ``self.timeout``)."""
        self._post(self.update_url, {"update": text}, None, what, retry, timeout)

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


def whole_graph_timeout(timeout: float, triples: int, chunk_size: int) -> float:
    """How long to wait for one update that writes a whole graph (the swap, a release's change sets):
    ``timeout`` for each ``chunk_size`` triples of it, as loading them took as many requests. A store
    copies a graph triple by triple inside the one transaction: Oxigraph 0.5 took 3 min to MOVE
    677 224 triples on a busy 2-core machine, where one chunk's 30 s had made the push give up."""
    return timeout * max(1, -(-triples // chunk_size))


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class PushResult:
    graph: str
    triples: int
    requests: int
    changed: int | None = None  # triples deleted + inserted when change sets were applied (None: whole dump)


def push(site: Path | str = "site", *, query_url: str, update_url: str, graph: str | None = None,
         timeout: float = 30.0, retries: int = 3, chunk_size: int = 5000, backoff: float = 0.5,
         env: dict[str, str] | None = None, changes: bool = False) -> PushResult:
    """Replace ``graph`` in the remote store by the site's dump; raise PushError when it cannot.

    ``changes``: when the graph holds an earlier release the site keeps change sets from, apply them
    (one update request) instead of loading the whole dump; otherwise load the whole dump as usual.
    """
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

    release = _newest_release(Path(site)) if changes else None
    if release is not None:
        done = _apply_changes(client, Path(site), target, expected, release, chunk_size)
        if done is not None:
            return done

    client.update(f"DROP SILENT GRAPH {_iri(temp)}", "dropping an earlier push's temporary graph")
    count = -(-expected.triples // chunk_size)
    for i, chunk in enumerate(_chunks(dump.lines(), chunk_size), 1):
        client.update(f"INSERT DATA {{ GRAPH {_iri(temp)} {{\n" + "\n".join(chunk) + "\n} }",
                      f"loading chunk {i}/{count}")
        log.info("push: loaded chunk %d/%d into the temporary graph <%s>", i, count, temp)

    staged = client.stats(temp, "checking the temporary graph")
    if staged != expected:
        raise PushError(f"the temporary graph <{temp}> holds {staged.triples} triples (checksum "
                        f"{staged.digest()}), the dump {expected.triples} ({expected.digest()}); "
                        f"<{target}> was left unchanged")

    _swap(client, temp, target, expected, _mark(target, release) if release is not None else "",
          whole_graph_timeout(timeout, expected.triples, chunk_size))
    log.info("push: <%s> now holds exactly the dump's %d triples (checksum %s); %d request(s)",
             target, expected.triples, expected.digest(), client.requests_sent)
    return PushResult(target, expected.triples, client.requests_sent)


def _newest_release(site: Path) -> str | None:
    """The id of the release the site's dump is (None for a site without a release history)."""
    history = _history(site)
    return history[0].id if history else None


def _apply_changes(client: Client, site: Path, target: str, expected: Stats, release: str,
                   chunk_size: int) -> PushResult | None:
    """Bring ``target`` from the release an earlier ``push --changes`` recorded to the dump's by the
    site's change sets, in ONE update request (one transaction: readers see the old release or the
    new one); None when that cannot be done (then the whole dump is loaded).

    The recorded release must be one the kept change sets lead from, and the graph must still have
    that release's count and checksum (a release's figures are the next one's with its change set's
    insertions taken away and its deletions put back), so a graph changed behind aidlod's back is
    reloaded, not patched. The request is safe to resend: the same deletions and insertions applied
    again leave the same graph.
    """
    rows = client.select(f"SELECT ?r WHERE {{ GRAPH {_iri(state_graph(target))} {{ {_iri(target)} "
                         f"<{PUSHED_RELEASE}> ?r }} }}", "reading which release the graph holds")
    held = rows[0].get("r") if len(rows) == 1 else None
    now = client.stats(target, "checking the target graph")
    if held == release and now == expected:
        log.info("push: <%s> already holds release %s (%d triples, checksum %s); nothing to send",
                 target, release, expected.triples, expected.digest())
        return PushResult(target, expected.triples, client.requests_sent)
    table = {p: list(row) for p, row in expected.checksum.items()}
    pending: list[ReleaseChanges] = []
    history = [r.id for r in _history(site)]  # newest first: change set k leads to history[k]
    for change in read_change_sets(site) if held is not None else []:
        for t in change.added:
            _count(table, t, -1)
        for t in change.removed:
            _count(table, t)
        pending.insert(0, change)
        if held != history[len(pending)]:
            continue
        if _stats(table) != now:
            break  # the recorded release, but not its triples: changed behind our back
        graph = _iri(target)
        ops = []
        for c in pending:  # oldest first
            for verb, triples in (("DELETE", c.removed), ("INSERT", c.added)):
                if triples:
                    ops.append(f"{verb} DATA {{ GRAPH {graph} {{\n" + "\n".join(
                        f"{t.subject} {t.predicate} {t.object} ." for t in triples) + "\n} }")
        size = sum(len(c.removed) + len(c.added) for c in pending)
        log.info("push: <%s> holds release %s; applying %d change set(s), %d triple(s), in one update",
                 target, held, len(pending), size)
        client.update(" ;\n".join([*ops, _mark(target, release)]), "applying the change sets",
                      timeout=whole_graph_timeout(client.timeout, size, chunk_size))
        after = client.stats(target, "checking the target graph")
        if after != expected:
            raise PushError(f"after applying the change sets <{target}> holds {after.triples} triples (checksum "
                            f"{after.digest()}), but the dump has {expected.triples} ({expected.digest()}); "
                            "push again without --changes to load the whole dump")
        log.info("push: <%s> now holds exactly the dump's %d triples (checksum %s); %d request(s)",
                 target, expected.triples, expected.digest(), client.requests_sent)
        return PushResult(target, expected.triples, client.requests_sent, size)
    why = "no release recorded by an earlier push --changes" if held is None else \
        f"release {held}, which the change sets this site keeps do not lead from (or its triples changed)"
    log.warning("push: <%s> holds %s; loading the whole dump", target, why)
    return None


def _swap(client: Client, temp: str, target: str, expected: Stats, also: str = "",
          timeout: float | None = None) -> None:
    """Move the checked temporary graph onto the target in one update, then check the target.

    MOVE is not idempotent (a second one, after the first committed, finds no source), so a failed
    or unanswered swap is not simply resent: the store's state decides. Target complete → done;
    temporary graph still complete → the swap did not happen, try again; otherwise give up. A swap
    the store got but did not answer within ``timeout`` is never sent again: the store may still be
    running it (readers see the old graph until it commits), and a second MOVE would copy the whole
    graph once more beside it.
    """
    attempts = client.retries + 1
    for attempt in range(1, attempts + 1):
        log.info("push: swapping <%s> in as <%s> in one update (%d triples; waiting up to %.0f s)",
                 temp, target, expected.triples, timeout or client.timeout)
        error: PushError | None = None
        try:
            client.update(f"MOVE {_iri(temp)} TO {_iri(target)}" + (f" ;\n{also}" if also else ""),
                          "swapping the graphs", retry=False, timeout=timeout)
        except PushError as exc:
            if "credentials refused" in str(exc):
                raise
            error = exc
        now = client.stats(target, "checking the target graph")
        if now == expected:
            if error is not None:
                log.warning("push: the swap reported %s, but <%s> is complete", error, target)
            return
        if isinstance(error, NoAnswer):
            raise PushError(f"the swap got no answer ({error}); the store may still be running it: <{target}> "
                            f"holds {now.triples} triples for now, and will hold the dump's {expected.triples} "
                            "if it commits. Not sent again (a second MOVE would copy the graph once more "
                            "beside the first); check the graph later, or push again once the store is idle, "
                            "with a larger --timeout") from error
        if error is None:
            raise PushError(f"after the swap <{target}> holds {now.triples} triples (checksum {now.digest()}), "
                            f"but the dump has {expected.triples} ({expected.digest()})")
        staged = client.stats(temp, "checking the temporary graph")
        if staged != expected or attempt == attempts or isinstance(error, Refused):
            # a refusal (4xx) is the store's answer to this request, not a passing failure: not sent again
            hints = "".join(f"; {hint}" for text, hint in _MOVE_REFUSALS if text in str(error))
            raise PushError(f"the swap failed ({error}); <{target}> holds {now.triples} triples "
                            f"and was not replaced{hints}") from error
        client.sleep(client.backoff * 2 ** (attempt - 1))
