"""SPARQL for the read-only endpoint without the HTTP and process plumbing: queries that must never reach
a store are refused here, and ``run_query`` serialises a result inside its worker so that only bytes come back.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .. import formats
from ..iris import PREFIXES
from . import conneg

# Result formats: ?format= value → media type. The first of each is the default.
SELECT_TYPES = formats.media_types(formats.SPARQL_SELECT)
GRAPH_TYPES = formats.media_types(formats.SPARQL_GRAPH)
# Other names clients use for the same formats: media types, and ?format= values (``xml`` stays the
# SELECT results' XML, the key of one of them).
ALIASES = formats.media_aliases((*formats.SPARQL_SELECT, *formats.SPARQL_GRAPH))
# ``n3``: Turtle is N3, and SPARQLWrapper's N3 return format sends ``format=n3``.
FORMAT_NAMES = {**formats.other_names((*formats.SPARQL_SELECT, *formats.SPARQL_GRAPH)), "n3": "ttl"}
# A SELECT results' ``?format=`` value asked of a CONSTRUCT or DESCRIBE: the graph in the same syntax.
# SPARQLWrapper sends its return format as ``format=`` (and ``output=``, ``results=``) whatever the
# query form, and XML, its default, is RDF/XML for a graph there (JSON: JSON-LD), as Fuseki and
# Virtuoso read it too.
GRAPH_FOR_SELECT_FORMAT = {"xml": "rdf", "json": "jsonld"}

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# Comments, strings (all four quote styles, with escapes) and IRIs, left to right, as the SPARQL
# tokenizer reads them; the rest is keywords, variables, prefixed names and punctuation. A string that
# is not closed is read to the end of its line (a long one, of the query) as one lexeme: the store
# refuses the query anyway, and otherwise each of its quotes started a new search to the end, so that
# 100 kB of '"\' held the server for minutes (a megabyte, the body limit, for hours).
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\\?\Z)'
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\\?\Z)"
    r'|"(?:[^"\\\n\r]|\\.)*(?:"|\\?(?=[\n\r]|\Z))'
    r"|'(?:[^'\\\n\r]|\\.)*(?:'|\\?(?=[\n\r]|\Z))"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.S,
)
# The query read token by token, as the SPARQL grammar reads it: ``_LEXEMES``; variables; words (runs of
# letters, digits, '.' and '-': keywords, numbers, language tags), with what follows a ':' in them when
# they are prefixed names or blank nodes (their escapes too: ``ex:a\#b`` and ``ex:a\'b`` are names, not
# a comment or a string); runs of other characters. Each token is one match, so reading is linear.
# Scanning for the lexemes alone read ``?o.SERVICE`` and ``5SERVICE`` as no keyword and the ``\#`` of a
# name as a comment, so that SERVICE went through to the store.
_NAME = "A-Za-z0-9_\u0080-\U0010ffff"
_LOCAL = rf"(?:[{_NAME}.\-:]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])*"
# each alternative starts with characters of its own, so their order does not change the reading
_LEXER = re.compile(rf"(?P<other>[^\"'<#?$:{_NAME}]+)|(?P<word>[{_NAME}][{_NAME}.\-]*)(?P<local>:{_LOCAL})?"
                    rf"|[?$][{_NAME}]*|{_LEXEMES.pattern}|:{_LOCAL}|[\s\S]", re.S)
_BRACKETS = re.compile(r"[{}()\[\]]")


class QueryRefused(Exception):
    """A query this endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def keywords(text: str) -> set[str]:
    """The bare words of a query (upper case): no strings, IRIs, comments, variables or prefixed names."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[set[str], set[str], int]:
    """The query's bare words, the prefixes of its prefixed names (both upper case, split at '.' and
    '-') and how deep its groups and brackets nest, outside strings, IRIs and comments: one reading."""
    words: set[str] = set()
    prefixed: set[str] = set()
    depth = deepest = 0
    for m in _LEXER.finditer(text):
        other, word = m.group("other", "word")
        if other is not None:
            for ch in _BRACKETS.findall(other):
                if ch in "{([":
                    depth += 1
                    deepest = max(deepest, depth)
                else:
                    depth -= 1
        elif word is not None:
            (prefixed if m.group("local") else words).update(w.upper() for w in re.split(r"[.\-]", word) if w)
    return words, prefixed, deepest


@dataclass(frozen=True)
class DatasetClause:
    """A query's ``FROM <iri>`` or ``FROM NAMED <iri>``: the graph it names (resolved) and where it
    stands in the query text (``start``, ``end``), so that it can be left out."""

    named: bool
    iri: str
    start: int
    end: int


# Comments, strings and IRIs as ``_LEXEMES``; then words (keywords, prefixed names with their escapes,
# variables) and any other character, so that a query is read token by token.
_TOKENS = re.compile(_LEXEMES.pattern + r"|(?:\\.|[^\s{}()\[\],;=<>!&|+*/^\"'#\\])+|\S", re.S)
_PNAME_ESCAPE = re.compile(r"\\(.)")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """The query's tokens but its comments, each with where it stands: (text, start, end)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKENS.finditer(text) if not m.group().startswith("#")]


def dataset_clauses(text: str) -> list[DatasetClause]:
    """The query's dataset clauses (``FROM`` and ``FROM NAMED``), each graph IRI resolved against the
    query's ``BASE`` and ``PREFIX`` lines. They stand outside every group (a subquery has none), so
    only tokens at brace depth 0 are read; a prefixed name whose prefix is not declared is left to the
    store's own syntax error."""
    prefixes: dict[str, str] = {}
    base: str | None = None
    found: list[DatasetClause] = []
    depth = 0
    tokens = _tokens(text)

    def iri_of(token: str) -> str | None:
        if token.startswith("<") and token.endswith(">"):
            return urljoin(base, token[1:-1]) if base else token[1:-1]
        prefix, colon, local = token.partition(":")
        if colon and prefix + ":" in prefixes:
            return prefixes[prefix + ":"] + _PNAME_ESCAPE.sub(r"\1", local)
        return None

    i = 0
    while i < len(tokens):
        lexeme, start, _end = tokens[i]
        upper = lexeme.upper()
        if lexeme == "{":
            depth += 1
        elif lexeme == "}":
            depth -= 1
        elif depth == 0 and upper == "BASE" and i + 1 < len(tokens):
            base = iri_of(tokens[i + 1][0]) or base
        elif depth == 0 and upper == "PREFIX" and i + 2 < len(tokens):
            iri = iri_of(tokens[i + 2][0])
            if iri is not None:
                prefixes[tokens[i + 1][0]] = iri
        elif depth == 0 and upper == "FROM" and i + 1 < len(tokens):
            named = tokens[i + 1][0].upper() == "NAMED"
            at = i + 2 if named else i + 1
            if at < len(tokens):
                iri = iri_of(tokens[at][0])
                if iri is not None:
                    found.append(DatasetClause(named, iri, start, tokens[at][2]))
                    i = at
        i += 1
    return found


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def first_word(text: str) -> str:
    """The query's first token after its prologue (``BASE`` and ``PREFIX`` lines) and comments, in capitals;
    '' when there is none."""
    tokens = [token for token, _start, _end in _tokens(text)]
    i = 0
    while i < len(tokens):
        word = tokens[i].upper()
        if word == "BASE":
            i += 2
        elif word == "PREFIX":
            i += 3
        else:
            return word
    return ""


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE when the text is a query of that form, read after its prologue
    and comments; else None (an update, or neither)."""
    word = first_word(text)
    return word if word in QUERY_FORMS else None


def without(text: str, clauses: Sequence[DatasetClause]) -> str:
    """The query with these clauses blanked out (spaces, so that the store's messages keep their
    lines and columns)."""
    for clause in sorted(clauses, key=lambda c: c.start, reverse=True):
        span = text[clause.start:clause.end]
        text = text[:clause.start] + re.sub(r"[^\n]", " ", span) + text[clause.end:]
    return text


# Deeper nesting than any real query has: the store's parser recurses per level, and some
# thousands of levels crash the worker process (pyoxigraph segfaults at about 3 000).
MAX_NESTING = 256


def nesting(text: str) -> int:
    """How deep the query's groups and brackets nest, outside strings, IRIs and comments."""
    return _scan(text)[2]


def check_query(text: str) -> None:
    """Refuse updates (403), federated queries (400) and absurdly nested ones (400) before the
    query reaches the store.

    pyoxigraph *does* execute ``SERVICE`` by making HTTP requests to the named host, which a public
    endpoint must never do on a stranger's behalf. The check removes comments, strings and IRIs
    (``keywords``) before looking for ``SERVICE`` and the SPARQL Update keywords, so that a word inside
    a string or an IRI does not trigger it.
    """
    words, prefixed, depth = _scan(text)
    if depth > MAX_NESTING:
        raise QueryRefused(400, f"the query nests its groups or brackets more than {MAX_NESTING} levels deep, "
                                "which this endpoint does not run.")
    # the store reads the keyword in 5SERVICE and SERVICE:x too (a prefix named 'service' is refused)
    if any("SERVICE" in word for word in words | prefixed):
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


def text_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _pick(kind: dict[str, str], fmt: str | None, accept: str | None) -> str | None:
    """The format key for this result kind, from ?format= or else the Accept header."""
    if fmt:
        if fmt in kind:
            return fmt
        return GRAPH_FOR_SELECT_FORMAT.get(fmt) if kind is GRAPH_TYPES else None
    media = conneg.choose(conneg.parse_accept(accept), list(kind.values()), ALIASES)
    return next((k for k, v in kind.items() if v == media), None)


def format_key(value: str) -> str:
    """A ``?format=`` value as a key of ``SELECT_TYPES`` or ``GRAPH_TYPES``: its key or other name, or a media
    type as Virtuoso's and DBpedia's ``format=`` take it (``format=text/csv``,
    ``format=application/sparql-results+json``); anything else is returned as it is, to be refused."""
    name = value.strip().lower()
    if "/" in name:
        media = name.split(";")[0].strip()
        for kind in (SELECT_TYPES, GRAPH_TYPES):
            for key, own in kind.items():
                if media == own or media in ALIASES.get(own, ()):
                    return key
        return name
    return FORMAT_NAMES.get(name, name)


def negotiated(fmt: str | None, accept: str | None) -> tuple[str | None, str | None]:
    """The result formats a request gets for (SELECT/ASK, CONSTRUCT/DESCRIBE): what the cache keys on.

    Keying on the negotiated formats rather than the raw ``Accept`` header lets the many ways of
    asking for the same format (browsers' long headers, ``?format=``) share one entry.
    """
    return _pick(SELECT_TYPES, fmt, accept), _pick(GRAPH_TYPES, fmt, accept)


def _not_acceptable(kind: dict[str, str]) -> Answer:
    return text_answer(406, "Not Acceptable. This result is available as: "
                       + ", ".join(f"{v} (?format={k})" for k, v in kind.items()))


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _expected(said: str) -> tuple[list[str], list[str]]:
    """Oxigraph's "expected one of A, B, [char class], Some message" as (tokens, messages): the tokens a
    reader can type, without the character classes (``['A' ..= 'Z' | …]``, five lines of them), and the
    sentences it puts among them ("Prefix not found", "The SELECT contains a variable that is unbound")."""
    said = said.removeprefix("expected one of ").removeprefix("expected ")
    items, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(said):
        if quoted:
            quoted = ch != '"' or said[i - 1] == "\\"
        elif ch == '"':
            quoted = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            items.append(said[start:i].strip())
            start = i + 1
    items.append(said[start:].strip())
    tokens = [t for t in items if t and not t.startswith("[") and " " not in t]
    messages = [t for t in items if " " in t and not t.startswith(("[", '"'))]
    return tokens, messages


def _where(text: str, line: int, column: int) -> str:
    """The query's line of the error with a caret under its column (Fuseki's "at line 1, column 28")."""
    lines = text.splitlines() or [""]
    if not 1 <= line <= len(lines):
        return ""
    shown, col = lines[line - 1].expandtabs(1), column - 1
    start = max(0, min(col - 60, len(shown) - 120))
    shown = shown[start:start + 120]
    return f"\n  {shown}\n  {' ' * max(col - start, 0)}^"


def _unclosed(text: str) -> str:
    """What the query leaves open, for an error at its very end: "1 '{' not closed"."""
    stripped = _LEXEMES.sub(" ", text)
    open_ = [(o, stripped.count(o) - stripped.count(c)) for o, c in (("{", "}"), ("(", ")"), ("[", "]"))]
    said = [f"{n} '{o}' not closed" for o, n in open_ if n > 0]
    return "; the query ends with " + " and ".join(said) if said else ""


def _lost_line_ends(text: str) -> str:
    """For a query of one line whose comment runs over the rest of it (``# …  PREFIX … SELECT …``): its line
    ends were lost on the way, as ``curl -d @query.rq`` drops them."""
    if "\n" in text or "\r" in text:
        return ""
    comment = next((m[0] for m in _LEXEMES.finditer(text) if m[0].startswith("#")), "")
    if not re.search(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX)\b|\{", comment, re.I):
        return ""
    return ("; the query is one line, so its first '#' comment runs over the rest of it: its line ends were lost "
            "(curl -d @file drops them; send it with --data-binary @file, or --data-urlencode query@file)")


def syntax_message(text: str, raw: str) -> str:
    """A syntax error a reader can act on: where it is (line, column, the line with a caret), what could
    come there without oxigraph's character classes, and the usual causes oxigraph does not name (a query
    that does not start with its form, one that stops with a bracket open, a prefix not declared)."""
    at = _ERROR_AT.fullmatch(raw.strip())
    joined = _lost_line_ends(text)
    if not _LEXEMES.sub(lambda m: " " if m[0].startswith("#") else m[0], text).strip():
        return "SPARQL syntax error: the query is empty (or only comments)" + joined
    if at is None:
        return f"SPARQL syntax error: {raw}"
    line, column = int(at[1]), int(at[2])
    tokens, messages = _expected(at[3])
    lines = text.splitlines()
    at_end = not lines or (line, column - 1) >= (len(lines), len(lines[-1].rstrip()))
    place = f"line {line}, column {column}" + (" (the end of the query)" if at_end else "")
    said = "; ".join(messages)
    if tokens:
        said += ("; " if said else "") + "expected " + ("one of " if len(tokens) > 1 else "") + ", ".join(tokens)
    first = first_word(text)
    hint = (f"; a query starts with {', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]} (after its PREFIX lines), "
            f"not {first[:20]!r}" if first not in QUERY_FORMS else "")
    hint += _unclosed(text) if at_end else ""
    return f"SPARQL syntax error at {place}: {said or 'unexpected text'}{hint}{joined}{_where(text, line, column)}"


# The names people give the site's namespaces under other prefixes (DCMI's own examples write dcterms:,
# schema.org's sdo:), offered as the PREFIX line to add.
OTHER_NAMES = {"dcterms": PREFIXES["dct"], "sdo": PREFIXES["schema"], "schemaorg": PREFIXES["schema"]}
_PREFIXED = re.compile(r"(?<![\w?$.:-])([A-Za-z][\w.-]*)?:")


_BARE_IRI = re.compile(r"(?<![\w<])(?:https?|urn|ftp):[^\s<>\"{}|^`\\;,()]+")


def _undeclared(text: str) -> list[str]:
    """The prefixes a query uses and declares nowhere (``schema:``, ``dcterms:``, ``ex:``, the empty one), in
    name order: outside its strings, comments and IRIs, written bare or not (``_BARE_IRI``). Oxigraph says
    "Prefix not found" for some of them and "expected OPTIONAL" for others."""
    declared = set(_DECLARED.findall(text))
    used = set(_PREFIXED.findall(_BARE_IRI.sub(" ", _LEXEMES.sub(" ", text))))
    return sorted(name for name in used - declared if name.upper() != "PREFIX")


def _syntax_error(text: str, exc: SyntaxError) -> Answer:
    """A syntax error (``syntax_message``); one of an undeclared prefix says which PREFIX lines to add
    first (oxigraph's own "expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' ..." did not say
    which, nor what to do)."""
    message = syntax_message(text, str(exc))
    bare = _BARE_IRI.search(_LEXEMES.sub(" ", text))
    if bare is not None:  # a Turtle writer's or a browser's habit: http://schema.org/Project as it is
        return text_answer(400, f"SPARQL syntax error: an IRI is written in angle brackets, <{bare[0][:200]}>, "
                                f"not bare\n\n{message}")
    undeclared = _undeclared(text)
    lacking = ([f"PREFIX {name}: <{PREFIXES[name]}>" for name in undeclared if name in PREFIXES]
               + [f"PREFIX {name}: <{OTHER_NAMES[name]}>" for name in undeclared if name in OTHER_NAMES])
    others = [name for name in undeclared if name not in PREFIXES and name not in OTHER_NAMES]
    if lacking or others or "Prefix not found" in message:
        said = ":\n" + "\n".join(lacking) if lacking else ""
        if others or not lacking:
            named = f" for {', '.join(repr(n + ':') for n in others[:5])}" if others else ""  # '' is ':'
            own = ", ".join(p + ":" for p in sorted(PREFIXES))
            said += (("\nand " if lacking else " ") + f"a PREFIX line{named} (this endpoint declares none for "
                     f"the query; the site's own are {own})")
        message = f"SPARQL syntax error: the query uses a prefix it does not declare; add at its top{said}\n\n{message}"
    return text_answer(400, message)


def run_query(store: ox.Store, text: str, fmt: str | None, accept: str | None, max_rows: int) -> Answer:
    """Evaluate one query and serialise its result; at most ``max_rows`` rows or triples."""
    try:
        result = store.query(text)
    except SyntaxError as exc:
        return _syntax_error(text, exc)
    except (OSError, ValueError, RuntimeError) as exc:
        return text_answer(400, f"query failed: {exc}")
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
        rows: list[list[Any]] = []
        for solution in result:
            if len(rows) == max_rows:
                headers["X-Result-Truncated"] = f"max-rows={max_rows}"
                break
            rows.append([solution[v] for v in variables])
        return Answer(200, _content_type(SELECT_TYPES[key]), serialize_solutions(variables, rows, key), headers)
    key = _pick(GRAPH_TYPES, fmt, accept)
    if key is None:
        return _not_acceptable(GRAPH_TYPES)
    triples: list[Any] = []
    for triple in result:
        if len(triples) == max_rows:
            headers["X-Result-Truncated"] = f"max-rows={max_rows}"
            break
        triples.append(triple)
    return Answer(200, _content_type(GRAPH_TYPES[key]), serialize_triples(triples, key), headers)


def _content_type(media: str) -> str:
    return media + "; charset=utf-8"
