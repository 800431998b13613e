"""The read-only SPARQL 1.1 endpoint behind ``aidlod serve``: query checks, a pool of worker processes, results.

Why worker processes: pyoxigraph evaluates a query in Rust without giving the GIL back in a way
that Python could interrupt, so a query cannot be stopped from a thread. Each worker is a separate
process holding its own in-memory store loaded from the N-Triples dump; a query that runs past the
time limit is ended by killing its worker, and a fresh worker is started in the background while
the others keep answering. The dump is small (thousands of triples), so one copy per worker is cheap.

Why answers are cached (``ResultCache``): the data behind the endpoint cannot change while a store
is loaded, so the answer to a given query text in a given result format is fixed until the dump file
itself changes. The README's example queries, offered on the endpoint's form, aggregate over the
whole dataset and cost hundreds of milliseconds at 10 000 projects; evaluating them once per dump
instead of once per visitor is the result cache of Virtuoso or QLever. Every answer records which
dump file (device, inode, size, modification and change times) its worker loaded, and is cached and
looked up under that identity; when ``aidlod build`` swaps a new site in, the dump's identity
changes, stale workers are replaced by ones loading the new dump, and old entries can never match.

Why the query text is checked before it reaches the store: pyoxigraph *does* execute ``SERVICE``
by making HTTP requests to the named host, which a public endpoint must never do on a stranger's
behalf. ``check_query`` removes comments, strings and IRIs, then looks for the ``SERVICE`` keyword
and for the SPARQL Update keywords, so a word inside a string or an IRI does not trigger it.
"""

from __future__ import annotations

import ctypes
import json
import logging
import multiprocessing as mp
import os
import queue
import re
import signal
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..iris import PREFIXES
from . import conneg

log = logging.getLogger("aidlod")

# Result formats: ?format= value → media type. The first of each list is the default.
SELECT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
# Other names clients use for the same formats.
ALIASES = {
    "application/sparql-results+json": ("application/json",),
    "application/sparql-results+xml": ("application/xml", "text/xml"),
    "application/ld+json": ("application/json",),
    "text/turtle": ("application/x-turtle",),
}
FORMAT_NAMES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "json-ld": "jsonld", "rdfxml": "rdf",
                "rdf+xml": "rdf"}

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# Comments, strings (all four quote styles, with escapes) and IRIs, left to right, as the SPARQL
# tokenizer reads them; the rest is keywords, variables, prefixed names and punctuation.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.S,
)
_WORDS = re.compile(r"[^\s{}()\[\],;=<>!&|+*/^]+")


class QueryRefused(Exception):
    """A query this endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def keywords(text: str) -> set[str]:
    """The bare words of a query (upper case): no strings, IRIs, comments, variables or prefixed names."""
    stripped = _LEXEMES.sub(" ", text)
    words = set()
    for word in _WORDS.findall(stripped):
        word = word.strip(".")
        if not word or word[0] in "?$_" or ":" in word or word[0].isdigit() or word.startswith("@"):
            continue
        words.add(word.upper())
    return words


def check_query(text: str) -> None:
    """Refuse updates (403) and federated queries (400) before the query reaches the store."""
    words = keywords(text)
    if "SERVICE" in words:
        raise QueryRefused(400, "SERVICE (federated query) is not allowed on this endpoint: it would make "
                                "this server send requests to other hosts.")
    found = sorted(words & set(UPDATE_KEYWORDS))
    if found:
        raise QueryRefused(403, f"this endpoint is read-only: SPARQL Update ({', '.join(found)}) is refused.")


# --- results, serialised in the worker -------------------------------------------------------------

def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"unexpected term {term!r}")


def _csv_field(term: Any) -> str:
    if term is None:
        return ""
    value = "_:" + term.value if isinstance(term, ox.BlankNode) else (
        str(term) if isinstance(term, ox.Triple) else term.value)
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _tsv_field(term: Any) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def serialize_solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> bytes:
    """SELECT results in one of the four SPARQL 1.1 result formats (JSON, XML, CSV, TSV)."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                    for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>"]
        for row in rows:
            out.append("<result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                       for v, t in zip(variables, row, strict=True) if t is not None)
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_csv_field(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_tsv_field(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


def serialize_boolean(value: bool, fmt: str) -> bytes:
    """ASK results; CSV and TSV carry the bare word as most stores do."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{word}</boolean></sparql>\n").encode()
    return f"{word}\n".encode()


def serialize_triples(triples: Sequence[Any], fmt: str) -> bytes:
    """CONSTRUCT / DESCRIBE results as Turtle, N-Triples, JSON-LD or RDF/XML."""
    rdf_format = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                  "rdf": ox.RdfFormat.RDF_XML}[fmt]
    prefixes = PREFIXES if fmt in ("ttl", "jsonld", "rdf") else None
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else ox.serialize(
        triples, format=rdf_format)
    return data or b""


DumpIdentity = tuple[int, int, int, int, int]


def dump_identity(stat: os.stat_result) -> DumpIdentity:
    """What tells one dump file from another: device, inode, size, modification and change times.

    The change time (ctime) cannot be set by tools that copy files or restore times, and changes
    whenever the file's content or its inode changes, so a dump rewritten in place with the same size
    and a restored mtime still gets a new identity. Hard links (incremental builds) also change the
    ctime; that costs a reload of an unchanged dump, never a stale answer.
    """
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class Answer:
    """What a worker sends back: an HTTP status, headers and body.

    ``dump`` is set by the pool, not the worker: the identity of the dump file the answering worker
    loaded, under which a cacheable answer is stored.
    """

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    dump: DumpIdentity | None = None


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _pick(kind: dict[str, str], fmt: str | None, accept: str | None) -> str | None:
    """The format key for this result kind, from ?format= or else the Accept header."""
    if fmt:
        return fmt if fmt in kind else None
    media = conneg.choose(conneg.parse_accept(accept), list(kind.values()), ALIASES)
    return next((k for k, v in kind.items() if v == media), None)


def negotiated(fmt: str | None, accept: str | None) -> tuple[str | None, str | None]:
    """The result formats a request gets for (SELECT/ASK, CONSTRUCT/DESCRIBE): what the cache keys on.

    Keying on the negotiated formats rather than the raw ``Accept`` header lets the many ways of
    asking for the same format (browsers' long headers, ``?format=``) share one entry.
    """
    return _pick(SELECT_TYPES, fmt, accept), _pick(GRAPH_TYPES, fmt, accept)


def _not_acceptable(kind: dict[str, str]) -> Answer:
    return _text(406, "Not Acceptable. This result is available as: "
                 + ", ".join(f"{v} (?format={k})" for k, v in kind.items()))


def run_query(store: ox.Store, text: str, fmt: str | None, accept: str | None, max_rows: int) -> Answer:
    """Evaluate one query and serialise its result; at most ``max_rows`` rows or triples."""
    try:
        result = store.query(text)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return _text(400, f"query failed: {exc}")
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryBoolean):
        key = _pick(SELECT_TYPES, fmt, accept)
        if key is None:
            return _not_acceptable(SELECT_TYPES)
        return Answer(200, _content_type(SELECT_TYPES[key]), serialize_boolean(bool(result), key))
    if isinstance(result, ox.QuerySolutions):
        key = _pick(SELECT_TYPES, fmt, accept)
        if key is None:
            return _not_acceptable(SELECT_TYPES)
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == max_rows:
                headers["X-Result-Truncated"] = f"max-rows={max_rows}"
                break
            rows.append([solution[v] for v in variables])
        return Answer(200, _content_type(SELECT_TYPES[key]), serialize_solutions(variables, rows, key), headers)
    key = _pick(GRAPH_TYPES, fmt, accept)
    if key is None:
        return _not_acceptable(GRAPH_TYPES)
    triples = []
    for triple in result:
        if len(triples) == max_rows:
            headers["X-Result-Truncated"] = f"max-rows={max_rows}"
            break
        triples.append(triple)
    return Answer(200, _content_type(GRAPH_TYPES[key]), serialize_triples(triples, key), headers)


def _content_type(media: str) -> str:
    return media + "; charset=utf-8"


# --- the worker pool --------------------------------------------------------------------------------

def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when the server dies, even by SIGKILL.

    Otherwise a worker stuck in a runaway query would outlive a killed server and burn a core.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _worker_main(dump: str, conn: Connection) -> None:
    """A worker process: load the dump once, then answer queries from the pipe until it closes.

    The identity of the dump is taken from the open file it reads (``fstat``), not from the path, so
    a site swapped in between cannot make the worker claim data it did not load.
    """
    _die_with_parent()
    store = ox.Store()
    with open(dump, "rb") as f:
        loaded = dump_identity(os.fstat(f.fileno()))
        store.bulk_load(f, format=ox.RdfFormat.N_TRIPLES)
    try:
        conn.send(("ready", loaded))
    except OSError:
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        text, fmt, accept, max_rows = request
        try:
            answer = run_query(store, text, fmt, accept, max_rows)
        except Exception as exc:  # a bug must not kill the worker silently
            answer = _text(500, f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except OSError:
            return


class _Worker:
    def __init__(self, ctx: Any, dump: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(dump, child), daemon=True)
        self.process.start()
        child.close()
        try:
            message = self.conn.recv() if self.conn.poll(60) else None
        except (EOFError, OSError):
            message = None  # the worker died while loading
        if not (isinstance(message, tuple) and message[0] == "ready"):
            self.kill()
            raise RuntimeError(f"the SPARQL worker could not load {dump}")
        self.dump: DumpIdentity = message[1]

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Timeout(Exception):
    pass


class Busy(Exception):
    pass


class WorkerPool:
    """A fixed number of worker processes; a query that outlives ``timeout`` costs its worker its life."""

    def __init__(self, dump: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 queue_wait: float | None = None) -> None:
        if not dump.is_file():
            raise FileNotFoundError(f"{dump}: no N-Triples dump to load into the SPARQL store (run aidlod build)")
        self.dump = str(dump)
        self.timeout = timeout
        self.max_rows = max_rows
        # How long a request may wait for a free worker before it is told to come back later.
        self.queue_wait = queue_wait if queue_wait is not None else max(30.0, 3 * timeout)
        self._ctx = mp.get_context("spawn")  # no fork: the server has threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.timeouts = 0
        self.reloads = 0  # workers replaced because the dump file changed under them
        self.answered = 0  # queries evaluated by a worker (cache hits never reach the pool)
        self._respawn: queue.Queue[bool] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True)
        self._spawner.start()
        self._startup_error: Exception | None = None
        for _ in range(workers):
            self._respawn.put(True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with self._lock:
                ready = len(self._all)
            if ready == workers or self._startup_error is not None:
                break
            time.sleep(0.02)
        if ready != workers:
            self.close()
            raise RuntimeError(f"the SPARQL workers could not start: {self._startup_error}")

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._all.discard(dead)
        dead.kill()
        self._respawn.put(True)

    def _spawn_loop(self) -> None:
        """Start replacement workers, always from this one long-lived thread.

        Workers die with the thread that started them (PR_SET_PDEATHSIG follows the thread), so
        they must not be started from short-lived request threads.
        """
        while self._respawn.get():
            try:
                self._add(_Worker(self._ctx, self.dump))
            except Exception as exc:  # logged; the pool runs one worker short
                if self._closed:
                    return  # shutting down: the half-started worker was stopped on purpose
                self._startup_error = exc
                log.exception("could not start a SPARQL worker")

    def current_dump(self) -> DumpIdentity | None:
        """The identity of the dump file now at the dump's path; None while there is none."""
        try:
            return dump_identity(os.stat(self.dump))
        except OSError:
            return None

    def _take(self, deadline: float) -> _Worker:
        """An idle worker that loaded the dump now at the path; stale ones are replaced on the way.

        ``aidlod build`` swaps a new site folder in while the server runs; from then on the path names
        a different file and no worker holding the old data may answer. While the path is missing
        (the microseconds of a non-atomic swap), the workers are kept.
        """
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Busy() from None
            now = self.current_dump()
            if now is None or worker.dump == now:
                return worker
            log.info("the dump %s changed; replacing a SPARQL worker that holds the old one", self.dump)
            self.reloads += 1
            self._replace(worker)

    def query(self, text: str, fmt: str | None, accept: str | None) -> Answer:
        """Run a query on an idle worker; raise Timeout (worker killed) or Busy (no worker came free)."""
        worker = self._take(time.monotonic() + self.queue_wait)
        started = time.monotonic()
        try:
            worker.conn.send((text, fmt, accept, self.max_rows))
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                answer.dump = worker.dump
                with self._lock:
                    self.answered += 1
                self._idle.put(worker)
                return answer
        except (EOFError, OSError, BrokenPipeError):
            log.warning("a SPARQL worker died; restarting it")
            self._replace(worker)
            return _text(500, "the query worker died; try again")
        self.timeouts += 1
        log.warning("query cut off after %.1f s; restarting its worker", time.monotonic() - started)
        self._replace(worker)
        raise Timeout()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._respawn.put(False)
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


# --- the result cache -------------------------------------------------------------------------------

ENTRY_OVERHEAD = 200  # bytes counted per entry for the key tuple, headers and bookkeeping


class ResultCache:
    """Successful answers by query, least recently used first out, bounded by their total size.

    The key is everything that decides the answer's bytes: the identity of the dump the answer was
    computed from, the exact query text, the row cap, and the result format negotiated for each kind
    of result (a SELECT and a CONSTRUCT may pick different formats from the same ``Accept``). Only
    complete ``200`` answers are stored — never errors, refusals, timeouts or a worker's crash; an
    answer cut at the row cap is stored, since the cap is part of the key and the cut is the same
    every time. An answer larger than a quarter of the budget is not stored, so that one huge result
    cannot flush every popular one. Thread-safe: the HTTP server answers each request in a thread.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self._entries: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._dump: DumpIdentity | None = None
        self.size = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @staticmethod
    def cost(key: Hashable, answer: Answer) -> int:
        """Bytes an entry is counted for: its body, its query text (the key's first item), an overhead."""
        text = key[0] if isinstance(key, tuple) and key and isinstance(key[0], str) else ""
        return len(answer.body) + len(text) + ENTRY_OVERHEAD

    def get(self, dump: DumpIdentity, key: Hashable) -> Answer | None:
        """The cached answer for ``key`` computed from ``dump``, or None (a miss is counted)."""
        with self._lock:
            if dump != self._dump:
                self._entries.clear()  # a new dump: no old entry can ever be right again
                self.size = 0
                self._dump = dump
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, answer: Answer) -> bool:
        """Store a complete answer under the dump it was computed from; True when stored."""
        if answer.status != 200 or answer.dump is None:
            return False
        cost = self.cost(key, answer)
        if cost > self.max_bytes // 4:
            return False
        with self._lock:
            if answer.dump != self._dump:
                return False  # computed from a dump that is no longer (or not yet) the current one
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (answer, cost)
            self.size += cost
            while self.size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped
            return True
