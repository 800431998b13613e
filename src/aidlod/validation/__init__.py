"""Stage 3: SHACL validation of the mapped graph, reported in the publisher's terms.

pySHACL is the reference validator. Its findings are turned into ``Problem``s that name the file,
the record and the field each finding is about (via the origins the mapping recorded), so that
``aidlod validate`` reads like a list of edits to make rather than a SHACL report.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .. import codelists
from ..errors import InputError, Problem
from ..iris import CODELIST_BASE
from ..mapping import Mapped, Origin, Triple
from ..records.checks import did_you_mean
from . import fastshacl
from .shapes import shapes_text

log = logging.getLogger("aidlod")


# One SHACL result, reduced to what identifies it (used to compare validators); the fast validator
# produces the same record, so both validators' findings compare directly.
Finding = fastshacl.Result


class Located(NamedTuple):
    """A SHACL finding, and the same finding in the publisher's terms (file, record, field)."""

    finding: Finding
    problem: Problem


@dataclass
class Invalid(InputError):
    """SHACL found errors: the problems, and every finding (errors and warnings) they came from."""

    findings: list[Located] = field(default_factory=list)


@cache
def shapes_graph(languages: tuple[str, ...] = ()) -> Graph:
    """The shapes for a dataset whose page languages are ``languages`` (see ``shapes``)."""
    return Graph().parse(data=shapes_text(languages), format="turtle")


def run_pyshacl(data: Graph, languages: tuple[str, ...] = ()) -> list[Finding]:
    """Run pySHACL over ``data`` and return its findings, sorted."""
    _conforms, results, _text = pyshacl_validate(
        data,
        shacl_graph=shapes_graph(languages),
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    return findings_from_report(results, shapes_graph(languages))


def _node_shape(shapes: Graph | None, source: Node | None) -> str:
    """The node shape (with a target) that ``source``, a result's sh:sourceShape, is or belongs to."""
    if shapes is None or source is None:
        return ""
    def targeted(node: Node) -> bool:
        return (node, SH.targetClass, None) in shapes or (node, SH.targetSubjectsOf, None) in shapes

    if targeted(source):
        return str(source)
    owners = sorted(str(s) for s in shapes.subjects(SH.property, source) if targeted(s))
    return owners[0] if owners else ""


def findings_from_report(results: Graph, shapes: Graph | None = None) -> list[Finding]:
    """The findings a SHACL validation report states (with ``shapes``, the graph it was made with,
    each finding also names its node shape)."""
    out = []
    # Only the report's own results: nested sh:detail results repeat them in the shapes' terms.
    for result in results.objects(None, SH.result):
        def one(p: URIRef, result: Node = result) -> str:
            value = results.value(result, p)
            return "" if value is None else str(value)

        message = results.value(result, SH.resultMessage)
        out.append(Finding(
            focus=one(SH.focusNode),
            path=one(SH.resultPath),
            component=one(SH.sourceConstraintComponent),
            severity=one(SH.resultSeverity).rsplit("#", 1)[-1],
            value=one(SH.value),
            message=str(message) if isinstance(message, Literal) else "",
            shape=_node_shape(shapes, results.value(result, SH.sourceShape)),
            term=results.value(result, SH.value),
        ))
    return sorted(set(out))


def _show_value(value: str, base: str) -> str:
    """A value as the publisher wrote it: the code of a codelist IRI, the id of a record IRI."""
    if value.startswith(CODELIST_BASE):
        return repr(value[len(CODELIST_BASE):].split("#", 1)[0].split("/", 1)[-1])
    if value.startswith(base):
        return repr(value[len(base):].split("#", 1)[0].split("/", 1)[-1])
    return repr(value) if value else ""


_NOT_A_CODE = re.compile(r"must be a code of the IATI (\w+)\b.* codelist$")


@cache
def _codes_hint(message: str) -> str:
    """What a wrong code may be instead: a short list's codes with their names, a long list's address (the
    message alone, "must be a code of the IATI ActivityStatus codelist", left the publisher to look it up)."""
    found = _NOT_A_CODE.search(message)
    return "" if found is None else codelists.codes_hint(found.group(1))


# SHACL's severities as a Problem states them: only a violation (or an unknown severity) fails a build.
SEVERITIES = {"Violation": "error", "Warning": "warning", "Info": "info"}


# A reference to a record the data does not hold: "must refer to an organisation defined in the data".
_NO_RECORD = re.compile(r"^must refer to an? [\w ]+ defined in the data")


def _record_ids(triples: Iterable[Triple], base: str) -> dict[str, set[str]]:
    """The ids of the data's records by their IRIs' folder (``organisation`` → its ids): what a reference to a
    record that does not exist may have meant."""
    found: dict[str, set[str]] = {}
    for s, _p, _o in triples:
        iri = str(s)
        if iri.startswith(base) and iri.endswith("#id"):
            folder, _, rid = iri[len(base):-3].partition("/")
            if rid and "/" not in rid:
                found.setdefault(folder, set()).add(rid)
    return found


def _record_hint(value: str, base: str, known: dict[str, set[str]] | None) -> str:
    """"; did you mean 'xi-duns-155340052'?" for a reference to a record id the data lacks by a slip of the
    keyboard (the message said only that it must refer to one defined in the data)."""
    if not known or not value.startswith(base) or not value.endswith("#id"):
        return ""
    folder, _, rid = value[len(base):-3].partition("/")
    return did_you_mean(rid, known.get(folder, ())) if rid else ""


def to_problem(finding: Finding, origins: dict[str, Origin], base: str,
               known: dict[str, set[str]] | None = None) -> Problem:
    """``known``: the data's record ids by folder (``_record_ids``), for a reference to a record it lacks."""
    origin = origins.get(finding.focus)
    # a node shape's own constraint is about the focus node itself (no funder known): no value to show
    shown = "" if finding.value == finding.focus else _show_value(finding.value, base)
    message = finding.message or finding.component.rsplit("#", 1)[-1]
    if shown and finding.component.endswith(("ClassConstraintComponent", "NodeConstraintComponent",
                                            "InConstraintComponent", "HasValueConstraintComponent")):
        hint = _record_hint(finding.value, base, known) if _NO_RECORD.match(message) else ""
        message = f"{shown} {message}{_codes_hint(message)}{hint}"
    elif shown:
        message = f"{message} (got {shown})"
    severity = SEVERITIES.get(finding.severity, "error")
    if origin is None:
        return Problem(finding.focus, None, finding.path or None, message, severity)
    return Problem(origin.file, origin.record, origin.field_for(finding.path), message, severity)


VALIDATORS = ("fast", "pyshacl")


def run_fast(triples: Iterable[Triple], languages: tuple[str, ...] = ()) -> list[Finding]:
    """The compiled validator of ``fastshacl``; raises ``fastshacl.Unsupported`` for shapes beyond it."""
    validator = fastshacl.compiled_text(shapes_text(languages))
    return list(validator.validate(triples))


def find(mapped: Mapped, validator: str = "fast") -> list[Finding]:
    """SHACL findings over the mapped data, by the fast validator (falling back to pySHACL) or pySHACL."""
    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator {validator!r} (known: {', '.join(VALIDATORS)})")
    if validator == "fast":
        try:
            return run_fast(mapped.triples, mapped.languages)
        except fastshacl.Unsupported as exc:
            log.warning("the fast validator cannot run these shapes (%s); using pySHACL", exc)
    return run_pyshacl(mapped.graph, mapped.languages)


def locate(findings: Iterable[Finding], mapped: Mapped) -> list[Located]:
    """Each finding with its problem in the publisher's terms, in the findings' order."""
    found = list(findings)
    base = mapped.iris.base
    known = _record_ids(mapped.triples, base) if any(_NO_RECORD.match(f.message or "") for f in found) else None
    return [Located(f, to_problem(f, mapped.origins, base, known)) for f in found]


def split(located: Iterable[Located]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings and infos): the distinct problems, sorted by file, record, field and message."""
    problems = sorted({loc.problem for loc in located},
                      key=lambda p: (p.file, p.record or "", p.field or "", p.message))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    return errors, warnings


def validate(mapped: Mapped, validator: str = "fast") -> tuple[list[Problem], list[Problem]]:
    """Validate the whole graph; return (errors, warnings) as problems in the publisher's terms."""
    return split(locate(find(mapped, validator), mapped))


def unlisted_codes(mapped: Mapped) -> list[Problem]:
    """One warning per code the data uses that aidlod's copy of its non-embedded IATI codelist lacks
    (``codelists.unlisted``: a DAC sector or a currency newer than the copy), at the first place (by file,
    record and field) that states it and with how many more do. Not a SHACL finding: the shapes accept such
    a code (its concept is in its list's scheme), and the published shapes stay as they are."""
    places: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    starts = str.startswith
    verdict: dict[Node, tuple[str, str] | None] = {}
    for s, p, o in mapped.triples:
        if type(o) is not URIRef or not starts(o, CODELIST_BASE):
            continue
        if o not in verdict:
            verdict[o] = codelists.unlisted_code(o)
        found = verdict[o]
        if found is None:
            continue
        origin = mapped.origins.get(str(s))
        where = (origin.file, origin.record, origin.field_for(str(p)) or "") if origin is not None else (str(s), "", "")
        places.setdefault(found, set()).add(where)
    out = []
    for (name, code), at in sorted(places.items()):
        file, record, fieldname = min(at)
        more = f" (and {len(at) - 1} more place(s) in the data)" if len(at) > 1 else ""
        out.append(Problem(file, record or None, fieldname or None,
                           f"{codelists.unlisted_note(name, code)}{more}", "warning"))
    return out


def is_unlisted(problem: Problem) -> bool:
    """Whether ``problem`` is one of ``unlisted_codes``'."""
    return problem.severity == "warning" and codelists.UNLISTED_SAYS in problem.message
