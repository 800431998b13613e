"""The HTTP side of ``/sparql`` (SPARQL 1.1 Protocol), kept apart from query evaluation (``sparql``,
``workers``) so that request limits, refusals and the result cache are decided before a worker is used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable
from functools import cache
from urllib.parse import parse_qs, quote, unquote

from ..queries import Example, examples
from . import conneg, description, sparql, ui, workers
from .responses import Responder, first

MAX_BODY = 1_000_000       # bytes of a request body (a SPARQL query by POST)
DRAIN_LIMIT = 16_000_000  # a bigger body is not read at all: the connection is closed after the 413
# A Host header that is a host name or an IPv4 or IPv6 address, with a port or not: what the service
# description may name the endpoint by (anything else is not put into an IRI).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?")


@cache
def offered_examples() -> tuple[Example, ...]:
    """The example queries the form and the query page offer: the seed data's, then those for imported
    IATI activities (queries/iati/), since a site built from publishers' files is what most endpoints
    serve, and the seed's grant queries answer nothing there. Read once per process, not per request."""
    return (*examples(), *examples(data="iati"))


# What the protocol and this endpoint read besides ``query``: another parameter holding a query is a
# misnamed one (``q=``, ``sparql=``), told so rather than answered with the form.
PROTOCOL_PARAMETERS = frozenset({"query", "update", "format", "output", "results", "default-graph-uri",
                                 "named-graph-uri", "using-graph-uri", "using-named-graph-uri", "timeout"})


class SparqlAnswers(Responder):
    """GET, HEAD and POST of ``/sparql``: the query form, or a query's answer."""

    def read_body(self) -> bytes | None:
        """The request body, or None after answering 411/413."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self.send_text(411, "Length Required: send the body with a Content-Length, not chunked.")
            return None
        length_header = self.headers.get("Content-Length", "0")
        if not length_header.isdigit():
            self.close_connection = True
            self.send_text(400, "Bad Request: invalid Content-Length.")
            return None
        length = int(length_header)
        if length > MAX_BODY:
            self.close_connection = True
            if length <= DRAIN_LIMIT:  # read and drop it, so that the client sees the 413, not a reset
                while length > 0:
                    chunk = self.rfile.read(min(length, 1 << 16))
                    if not chunk:
                        break
                    length -= len(chunk)
            self.send_text(413, f"Content Too Large: a request body may hold at most {MAX_BODY} bytes.")
            return None
        return self.rfile.read(length)

    def answer_sparql(self, query_string: str) -> None:
        """The SPARQL protocol: read the query (GET or POST), refuse what a read-only endpoint must,
        answer from the result cache or a worker."""
        params = parse_qs(query_string, keep_blank_values=True, max_num_fields=50)
        if self.command == "POST" and not self._read_post(params):
            return
        checked = self._checked_query(params)
        if checked is not None:
            self._answer(*checked)

    def _read_post(self, params: dict[str, list[str]]) -> bool:
        """Add a POSTed query or form to ``params``; False when an error answer was sent."""
        body = self.read_body()
        if body is None:
            return False
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            self._refuse_update([body.decode("utf-8", "replace")])
            return False
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50,
                                errors="strict")
            except (UnicodeDecodeError, ValueError):
                self.send_text(400, "the form is not valid UTF-8 URL-encoded data")
                return False
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
            return True
        if ctype == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                self.send_text(400, "the query is not valid UTF-8")
                return False
            return True
        self.send_text(415, "Unsupported Media Type: POST a query as application/sparql-query or "
                            "application/x-www-form-urlencoded (query=...).")
        return False

    def _refuse_update(self, texts: list[str]) -> None:
        """Refuse a SPARQL Update (403); but a query sent as one gets 400 saying how to send it.

        SPARQLWrapper sends a query as an update when a comment holds "add", "drop", "create", … (it
        reads the query form from the text with every other comment line left in, aidlod's own example
        queries among them): not an update to refuse but a query in the wrong place."""
        form = next((f for f in map(sparql.query_form, texts) if f), None)
        if form is None:
            self.send_text(403, "this endpoint is read-only: SPARQL Update is refused.")
            return
        how = ("send it as a query (the query parameter, or application/sparql-query). SPARQLWrapper does "
               "this when a comment of the query holds 'add', 'drop', 'create', … (also in a word: 'address'): "
               "give it the query form after setQuery() (sparql.queryType = \"FORM\"), or remove the comments.")
        self.send_text(400, "this request sends a " + form + " query as a SPARQL Update (the update parameter, "
                            "or Content-Type application/sparql-update); " + how.replace("FORM", form))

    def _checked_query(self, params: dict[str, list[str]]) -> tuple[str, str | None] | None:
        """(query text, format) when the request asks a query this endpoint answers; else None, after
        sending the form or the refusal."""
        if "update" in params:
            self._refuse_update(params["update"])
            return None
        queries = params.get("query", [])
        if not queries:
            unnamed = [name for name in params if name not in PROTOCOL_PARAMETERS and sparql.query_form(name)]
            if unnamed:  # curl -d 'SELECT …' sends the query as a form: its text is a parameter's name
                self.send_text(400, "the query came as a form field's name, not as query=… (curl -d 'SELECT …' sends "
                                    "a form): send --data-urlencode 'query=SELECT …', or the query itself with "
                                    "-H 'Content-Type: application/sparql-query' --data-binary 'SELECT …'.",
                               {"Vary": "Accept"})
                return None
            misnamed = sorted(name for name, values in params.items()
                              if name not in PROTOCOL_PARAMETERS and any(map(sparql.query_form, values)))
            if misnamed:  # ?q=SELECT…: the form (HTML, 200) would read as an empty or broken answer
                self.send_text(400, f"no query parameter: the query goes in 'query' (query=SELECT …), not in "
                                    f"{', '.join(repr(n[:40]) for n in misnamed[:3])}.", {"Vary": "Accept"})
                return None
            self.sparql_form()
            return None
        if len(queries) > 1:
            self.send_text(400, "give exactly one query parameter")
            return None
        fmt = first(params, "format")
        if fmt is None:  # Fuseki's name for it (?output=csv), which SPARQLWrapper sends too
            fmt = first(params, "output")
        if fmt is not None:
            fmt = sparql.format_key(fmt)
            if fmt not in sparql.SELECT_TYPES and fmt not in sparql.GRAPH_TYPES:
                self.send_text(400, f"unknown format {fmt[:40]!r}; use one of: "
                                    f"{', '.join([*sparql.SELECT_TYPES, *sparql.GRAPH_TYPES])} (or their media types)")
                return None
        # a byte-order mark is the file's encoding marker, not a character of the query (Notepad saves
        # query.rq with one; curl --data-binary @query.rq sends it), which the parser refused as text
        text = queries[0].removeprefix("\ufeff")
        try:
            sparql.check_query(text)
            text = self._in_own_graph(text, params)
        except sparql.QueryRefused as exc:
            self.send_text(exc.status, exc.message)
            return None
        return text, fmt

    def _in_own_graph(self, text: str, params: dict[str, list[str]]) -> str:
        """The query to run on the store, whose default graph is the dataset's one graph.

        ``aidlod push`` puts the data in a named graph, the base IRI, and docs/push.md tells readers to
        name it (``FROM <base>`` or ``default-graph-uri``): the same query then answers here as well as
        there. Naming any other graph, or asking for named graphs (this store has none), is refused with
        what to write instead, rather than answered with nothing. Protocol parameters take precedence over
        the query's own clauses (SPARQL 1.1 Protocol, 2.1.4)."""
        own = self.server.site.base
        clauses = sparql.dataset_clauses(text)
        given = {k: [v for v in params.get(k, []) if v] for k in ("default-graph-uri", "named-graph-uri")}
        if given["default-graph-uri"] or given["named-graph-uri"]:
            default, named = given["default-graph-uri"], given["named-graph-uri"]
        else:
            default = [c.iri for c in clauses if not c.named]
            named = [c.iri for c in clauses if c.named]
        if named:
            raise sparql.QueryRefused(400, f"this endpoint holds the dataset as one graph, <{own}>, queried as its "
                                           f"default graph, and no named graph: write FROM <{own}> (or no FROM) "
                                           "instead of FROM NAMED / named-graph-uri, and leave GRAPH out.")
        other = sorted(set(default) - {own})
        if other:
            raise sparql.QueryRefused(400, f"this endpoint holds one graph, <{own}>; the query names "
                                           f"{', '.join(f'<{g[:200]}>' for g in other[:3])}: name <{own}> or no graph.")
        return sparql.without(text, clauses) if clauses else text

    def _answer(self, text: str, fmt: str | None) -> None:
        pool, cache = self.server.pool, self.server.cache
        accept = self.headers.get("Accept")
        key: Hashable | None = None
        dump = pool.current_dump() if cache.enabled else None
        if dump is not None:  # no dump at the path (mid-swap): neither look up nor store
            key = (text, pool.max_rows, *sparql.negotiated(fmt, accept))
            cached = cache.get(dump, key)
            if cached is not None:
                self.send_sparql(cached, "hit")
                return
        try:
            answer = pool.query(text, fmt, accept)
        except workers.Timeout:
            self.send_text(422, f"the query ran longer than the {pool.timeout:g} s limit and was stopped; "
                                "make it more selective or add a LIMIT.")
            return
        except workers.Busy:
            self.send_text(503, "every query worker is busy; try again shortly.", {"Retry-After": "5"})
            return
        if key is not None:
            cache.put(key, answer)
        self.send_sparql(answer, "miss" if cache.enabled else None)

    def send_sparql(self, answer: sparql.Answer, cache_status: str | None) -> None:
        """A query's answer; ``X-Cache`` says whether it came from the result cache (absent if off).

        A web page on another site (YASGUI, Comunica in a browser) may read these headers too: a browser
        shows a cross-origin script only the CORS-safelisted ones unless they are exposed, and a client
        that cannot see ``X-Result-Truncated`` takes a cut result for the whole one."""
        headers = dict(answer.headers, Vary="Accept")
        headers["Access-Control-Expose-Headers"] = "X-Result-Truncated, X-Cache"
        if cache_status is not None:
            headers["X-Cache"] = cache_status
        self.send_body(answer.status, answer.content_type, answer.body, headers)

    def sparql_form(self) -> None:
        """No query: for a client that asks for RDF the SPARQL 1.1 Service Description, for a browser the
        query interface (``ui``), for other clients the plain HTML form with the example queries, whose
        Content-Security-Policy allows no script."""
        wanted = conneg.choose(conneg.parse_accept(self.headers.get("Accept")),
                               ["text/html", *sparql.GRAPH_TYPES.values()])
        if wanted is not None and wanted != "text/html":
            fmt = next(k for k, media in sparql.GRAPH_TYPES.items() if media == wanted)
            triples = description.triples(self._endpoint_url(), self.server.site.root, self.server.site.base)
            self.send_body(200, f"{wanted}; charset=utf-8", sparql.serialize_triples(triples, fmt), {"Vary": "Accept"})
            return
        intro, form = self._form_parts()
        if ui.prefers_html(self.headers.get("Accept")):
            headers = {"Vary": "Accept", "Content-Security-Policy": ui.CSP}
            self.send_body(200, "text/html; charset=utf-8", ui.page(offered_examples(), intro, form), headers)
            return
        body = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPARQL endpoint</title>"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; form-action 'self'\">"
            "</head><body><h1>SPARQL endpoint</h1>" + intro + form + "</body></html>\n"
        ).encode("utf-8")
        self.send_body(200, "text/html; charset=utf-8", body, {"Vary": "Accept"})

    def _endpoint_url(self) -> str:
        """This endpoint's address as the client reached it: the Host it sent when that is a host name or
        address (and port), else the server's own; the path as requested, without its query."""
        host = self.headers.get("Host") or ""
        # behind the nginx block aidlod writes, which says the scheme the client used (https, say)
        scheme = "https" if (self.headers.get("X-Forwarded-Proto") or "").strip().lower() == "https" else "http"
        root = f"{scheme}://{host}" if _HOST.fullmatch(host) else self.server.url
        return root + quote(unquote(self.path.split("?", 1)[0]), safe="/")

    def _form_parts(self) -> tuple[str, str]:
        """The plain page's description of the endpoint, and its form with the example queries (HTML)."""
        items = []
        for ex in offered_examples():
            items.append(
                f"<li><details><summary>{html.escape(ex.title)}</summary>"
                f"<form method=\"post\" action=\"sparql\"><textarea name=\"query\" rows=\"12\" cols=\"100\">"
                f"{html.escape(ex.text)}</textarea><br>"
                f"<button type=\"submit\">Run</button></form></details></li>"
            )
        cfg = self.server.config
        intro = (
            # the way back to the pages and to what the queries need to know: the page had no link to the site
            "<p><a href=\"./\">The dataset's pages</a> · <a href=\"ontology.ttl\">its vocabulary (Turtle)</a> · "
            "<a href=\"void.ttl\">its description (VoID)</a></p>"
            "<p>SPARQL 1.1 Protocol, read-only: <code>GET /sparql?query=…</code> or <code>POST</code>. Results as "
            f"JSON, XML, CSV or TSV (<code>Accept</code> or <code>format={'|'.join(sparql.SELECT_TYPES)}</code>); "
            "CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML "
            f"(<code>format={'|'.join(sparql.GRAPH_TYPES)}</code>). "
            f"Each query may run {cfg.query_timeout:g} s and return {cfg.max_rows} rows; SERVICE and updates "
            "are refused.</p>"
        )
        form = (
            "<form method=\"post\" action=\"sparql\"><textarea name=\"query\" rows=\"10\" cols=\"100\">"
            "SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br><label>Format <select name=\"format\">"
            + "".join(f"<option>{k}</option>" for k in [*sparql.SELECT_TYPES, *sparql.GRAPH_TYPES])
            + "</select></label> <button type=\"submit\">Run</button></form>"
            "<h2>Example queries</h2><ul>" + "".join(items) + "</ul>"
        )
        return intro, form
