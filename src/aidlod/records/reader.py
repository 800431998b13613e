"""Reading a record file's YAML strictly, so that nothing in it is silently misread.

``_RecordLoader`` (pure-Python PyYAML) words every refusal; the libyaml event reader
(``_fast_documents``) reads the plain case faster and hands anything unusual back to it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .paths import read_bytes
from .values import YamlNumber

# Deeper YAML nesting than any record needs; the parser is recursive and must never hit Python's
# recursion limit.
MAX_DEPTH = 50


class _Refused(yaml.YAMLError):
    """Something in the YAML that a record may not use, with the field it concerns."""

    def __init__(self, message: str, mark: Any, fieldname: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.fieldname = fieldname


class _RecordResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema scalars: only true/false are booleans, and dates stay text."""


_RecordResolver.yaml_implicit_resolvers = {}
for _tag, _regex, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    # Anything that looks numeric reaches the number check, which explains what is wrong with it.
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9][0-9_:]*$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:[0-9][0-9_,]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
):
    _RecordResolver.add_implicit_resolver(_tag, re.compile(_regex), _first)


def reads_as_text(value: str) -> bool:
    """Whether ``value`` written unquoted reads back as text: records read ``00296`` or ``1_000`` as
    numbers (and refuse them where text is due), so a writer must quote such strings."""
    resolvers = _RecordResolver.yaml_implicit_resolvers.get(value[:1], [])
    return not any(regexp.match(value) for _tag, regexp in resolvers)


class _RecordLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
    yaml.constructor.SafeConstructor, _RecordResolver,
):
    """A safe loader for records: no aliases, no repeated keys, bounded depth, numbers kept as text.

    Built on the pure-Python parser on purpose: libyaml's composer (``CSafeLoader``) recurses in C
    and kills the process with a segmentation fault on 100 000 nested lists
    (``tests/bad_input/yaml_deep_nesting.yaml``), before any Python check could run.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _RecordResolver.__init__(self)
        self._path: list[str] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise _Refused("uses a YAML alias (*name); write the value out in full", event.start_mark)
        if len(self._path) >= MAX_DEPTH:
            raise _Refused(f"is nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        # The field path of the node being composed, e.g. grants[0].amount, for messages.
        if isinstance(parent, yaml.MappingNode) and isinstance(index, yaml.ScalarNode):
            self._path.append(f".{index.value}")
        elif isinstance(parent, yaml.SequenceNode) and isinstance(index, int):
            self._path.append(f"[{index}]")
        else:
            self._path.append("")
        try:
            node = super().compose_node(parent, index)
            if isinstance(node, yaml.MappingNode):
                self._check_keys(node)
            return node
        finally:
            self._path.pop()

    def _check_keys(self, node: yaml.MappingNode) -> None:
        """Field names are plain text, each at most once (PyYAML would silently keep the last)."""
        prefix = "".join(self._path).removeprefix(".")
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused("has a list or mapping where a field name should be", key_node.start_mark)
            key = key_node.value
            if key in seen:
                raise _Refused(f"appears twice (lines {seen[key]} and {key_node.start_mark.line + 1})",
                               key_node.start_mark, fieldname=f"{prefix}.{key}" if prefix else key)
            seen[key] = key_node.start_mark.line + 1



def _construct_number(loader: _RecordLoader, node: yaml.ScalarNode) -> YamlNumber:
    return YamlNumber(node.value)


def _construct_mapping(loader: _RecordLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    """A plain mapping; the composer has already checked its keys (``_check_keys``)."""
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused("uses a YAML merge key (<<); write the fields out in full", key_node.start_mark)
    return {
        loader.construct_object(k, deep=deep) if k.tag != "tag:yaml.org,2002:str" else k.value:
        loader.construct_object(v, deep=deep)
        for k, v in node.value
    }


def _construct_refused(loader: _RecordLoader, node: yaml.Node) -> Any:
    raise _Refused(f"uses the YAML tag {node.tag!r}, which records do not need", node.start_mark)


def _construct_bool(loader: _RecordLoader, node: yaml.ScalarNode) -> Any:
    if node.value.lower() not in ("true", "false"):
        raise _Refused(f"{node.value!r} is not true or false", node.start_mark)
    return node.value.lower() == "true"


# Tag → constructor. Explicit tags a record has no use for (!!timestamp, !!binary ...) and any
# unknown tag (None) are refused.
_CONSTRUCTORS: dict[str | None, Callable[..., Any]] = {
    "tag:yaml.org,2002:int": _construct_number,
    "tag:yaml.org,2002:float": _construct_number,
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG: _construct_mapping,
    "tag:yaml.org,2002:bool": _construct_bool,
    **dict.fromkeys(("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:set",
                     "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", None), _construct_refused),
}
for _constructed_tag, _constructor in _CONSTRUCTORS.items():
    _RecordLoader.add_constructor(_constructed_tag, _constructor)


def parse_text(content: str) -> Any:
    """One YAML document read exactly as ``load`` reads a record file (numbers kept as written).

    For tools that write records (``import-iati``): checking what they will write through the same
    loader means a record that passes here also passes when the data folder is built.
    """
    docs = _fast_documents(content)  # the same values as ``_RecordLoader``'s, read in C (as ``read_yaml``)
    if docs is not None and len(docs) == 1:
        return docs[0]
    loader = _RecordLoader(content)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


# --- the fast reader ------------------------------------------------------------------------------

# libyaml's parser, used only for its events (see ``_fast_documents``); None without libyaml.
_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)
_RESOLVER = _RecordResolver()
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_BOOL = "tag:yaml.org,2002:bool"


# Where libyaml reads YAML that PyYAML refuses (found by comparing both on random edits of
# records): tabs inside plain scalars, '?' (PyYAML ends a plain scalar at it inside [ ] and { },
# libyaml does not), a comment right after a block scalar's header (``|#``).
_LIBYAML_DIFFERS = re.compile(r"[\t?]|[|>][-+0-9]*#")


class _Unusual(Exception):
    """The fast reader met something only ``_RecordLoader`` may judge (and word the message for)."""


def _fast_documents(content: str) -> list[Any] | None:
    """The documents of ``content`` as ``_RecordLoader`` would read them, or None to ask it instead.

    ``_RecordLoader`` scans and parses in pure Python, which is most of a large build's loading
    time (docs/performance.md). libyaml's scanner and parser are iterative state machines (their
    stacks live on the heap), and only its composer recurses, so this reads libyaml's events and
    builds the values with an explicit stack, never calling libyaml's composer. It accepts only
    the plain case, a file that ``_RecordLoader`` would read without complaint: any anchor, alias,
    explicit tag, non-text or repeated key, nesting at ``MAX_DEPTH``, count of documents other
    than one, or YAML error returns None, and the caller runs ``_RecordLoader`` on the file,
    so every refusal keeps its exact message and position (``tests/test_records_strict.py``
    compares both readers).
    """
    if _CParser is None or _LIBYAML_DIFFERS.search(content):
        return None
    parser = _CParser(content)
    try:
        return _build_from_events(parser.get_event)
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


_NO_KEY = object()
_SHORT = 64  # texts up to this long have their tag remembered: field names, codes, dates, amounts


@functools.lru_cache(maxsize=1 << 14)
def _short_tag(raw: str, implicit: tuple[bool, bool]) -> str:
    """The tag ``_RESOLVER`` gives a short scalar: a record repeats the same field names and codes,
    and a large build or import reads hundreds of thousands of them (docs/iati.md)."""
    return _RESOLVER.resolve(yaml.ScalarNode, raw, implicit)


def _build_from_events(next_event: Callable[[], Any]) -> list[Any] | None:
    """Values from a stream of YAML events; raises ``_Unusual`` for anything beyond the plain case."""
    docs: list[Any] = []
    # One frame per open collection: [container, is_mapping, key or _NO_KEY, raw keys seen]; the
    # first frame is the list of documents.
    stack: list[list[Any]] = [[docs, False, _NO_KEY, set()]]
    resolve = _RESOLVER.resolve
    scalar_node = yaml.ScalarNode
    no_key = _NO_KEY
    events = yaml.events
    node_events = (events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent, events.AliasEvent)
    while True:
        event = next_event()
        kind = type(event)
        if kind is events.StreamEndEvent:
            return docs if len(docs) == 1 else None
        if kind in node_events:
            # Anchors, aliases, explicit tags and nesting at MAX_DEPTH (the first frame is not a
            # level) are for _RecordLoader to judge.
            if (kind is events.AliasEvent or event.anchor is not None or event.tag is not None
                    or len(stack) > MAX_DEPTH):
                raise _Unusual
            if kind is not events.ScalarEvent:
                is_mapping = kind is events.MappingStartEvent
                stack.append([{} if is_mapping else [], is_mapping, no_key, set()])
                continue
            raw = event.value
            tag = _short_tag(raw, event.implicit) if len(raw) <= _SHORT else resolve(scalar_node, raw, event.implicit)
            if tag == _STR:
                value: Any = raw
            elif tag == _NULL:
                value = None
            elif tag in _NUMBER_TAGS:
                value = YamlNumber(raw)
            elif tag == _BOOL and raw.lower() in ("true", "false"):
                value = raw.lower() == "true"
            else:
                raise _Unusual
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            value = stack.pop()[0]
            raw = None  # a collection: never a field name
        else:  # stream and document start, document end
            continue
        frame = stack[-1]
        if not frame[1]:
            frame[0].append(value)
        elif frame[2] is no_key:
            if raw is None or raw in frame[3]:
                raise _Unusual  # a list or mapping as a field name, or a repeated field
            frame[3].add(raw)
            frame[2] = value
        else:
            frame[0][frame[2]] = value
            frame[2] = no_key


# --- one record file ------------------------------------------------------------------------------

def _position(content: str, index: int) -> str:
    line = content.count("\n", 0, index) + 1
    column = index - (content.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


# What a hand edit most likely did, by the parser's words (PyYAML's messages name the grammar).
_YAML_HINTS = (
    ("cannot start any token", " (a tab? indent with spaces only)"),
    ("mapping values are not allowed", " (a text holding ': ' must be quoted, or the line is indented "
                                       "more than the field above it)"),
    ("could not find expected ':'", " (a field's line lacks its ':', or a text holding a quote must be quoted)"),
    ("found undefined alias", " (a text starting with '*' must be quoted)"),
    ("expected <block end>", " (check the indentation: fields of one record start in the same column)"),
)


def _yaml_hint(reason: str) -> str:
    return next((hint for words, hint in _YAML_HINTS if words in reason), "")


# How to write the quote a quoted text ended at, inside such a text.
_QUOTE_INSIDE = {'"': 'write a " inside such a text as \\"',
                 "'": "write a ' inside such a text as '' (d''eau), or the text in \"...\""}


def _quote_hint(content: str, exc: yaml.YAMLError) -> str | None:
    """Where the quoted text that the parser stopped after (or in) began: a quote not closed on its
    line runs on to the next quote, lines further down, where the parser then stops, and a quote
    inside a text ends it; "check the indentation" sent the writer to the wrong line."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if context is not None and "quoted scalar" in (getattr(exc, "context", None) or ""):
        q = content[context.index:context.index + 1]
        return f" (the text in {q}...{q} that begins on {_position(content, context.index)} is never closed)"
    if mark is None or mark.index < 1 or content[mark.index - 1] not in _QUOTE_INSIDE:
        return None
    q = content[mark.index - 1]
    start = content.rfind(q, 0, mark.index - 1)
    if start < 0:
        return None
    return (f" (the text in {q}...{q} that begins on {_position(content, start)} ends at the {q} just before "
            f"this: close a {q} on the line it opens on, and {_QUOTE_INSIDE[q]})")


def _not_utf8(raw: bytes, start: int) -> str:
    """Where a file saved in another encoding first differs from UTF-8, as an editor shows it (line and
    column, the character the byte is in Windows-1252, which Latin-1 is a part of) and what to do: the
    byte's offset in the file told a writer nothing to look for."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8")) + 1
    try:
        char = raw[start:start + 1].decode("cp1252")
    except UnicodeDecodeError:
        char = ""
    encodings = "Latin-1 or Windows-1252" if raw[start] >= 0xA0 else "Windows-1252"
    meant = f", {char!r} in {encodings}" if char.isprintable() and not char.isspace() else ""
    return (f"is not valid UTF-8 (line {line}, column {column}: the byte 0x{raw[start]:02X}{meant}); save the file "
            "in the UTF-8 encoding")


def _record_id_guess(content: str) -> str | None:
    """The record's id for messages about a file that could not be parsed."""
    m = re.search(r"^id:[ \t]*[\"']?([a-z0-9-]{1,80})[\"']?[ \t]*(?:#.*)?$", content, re.MULTILINE)
    return m.group(1) if m else None


def read_yaml(path: Path, root: Path, shown: str, problems: list[Problem]) -> tuple[Any, str] | None:
    """Read one file safely; return (parsed document, sha256) or None after recording why not."""
    raw = read_bytes(path, root, shown, problems)
    if raw is None:
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        problems.append(Problem(shown, None, None, "is empty: write the record's fields in it, or remove the file"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(shown, None, None, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
        return None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, _record_id_guess(raw.decode("latin-1")), None, _not_utf8(raw, exc.start)))
        return None
    bad = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]", content)
    if bad:
        problems.append(Problem(shown, _record_id_guess(content), None,
                                f"{_position(content, bad.start())}: contains the control character "
                                f"U+{ord(bad.group()):04X}; remove it"))
        return None
    try:
        docs = _fast_documents(content)
        if docs is None:
            loader = _RecordLoader(content)
            try:
                docs = []
                while loader.check_data():
                    docs.append(loader.get_data())
            finally:
                loader.dispose()
    except _Refused as exc:
        where = f"line {exc.mark.line + 1}, column {exc.mark.column + 1}"
        if exc.fieldname is not None:
            problems.append(Problem(shown, _record_id_guess(content), exc.fieldname, f"{exc.message}"))
        else:
            problems.append(Problem(shown, _record_id_guess(content), None, f"{where}: {exc.message}"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        hint = _quote_hint(content, exc) or _yaml_hint(reason)
        problems.append(Problem(shown, None, None, f"is not valid YAML: {where}{reason}{hint}"))
        return None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        problems.append(Problem(shown, None, None, "is nested too deeply"))
        return None
    if not docs:  # a file begun and saved before its fields were written, or a record commented out
        problems.append(Problem(shown, None, None, "must hold exactly one YAML document, not 0: it holds only "
                                                   "comments; write the record's fields in it, or remove the file"))
        return None
    if len(docs) != 1:
        problems.append(Problem(shown, None, None, f"must hold exactly one YAML document, not {len(docs)}"))
        return None
    return docs[0], digest
