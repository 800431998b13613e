"""Stage 3: SHACL validation of the mapped graph, reported in the publisher's terms.

pySHACL is the reference validator. Its findings are turned into ``Problem``s that name the file,
the record and the field each finding is about (via the origins the mapping recorded), so that
``aidlod validate`` reads like a list of edits to make rather than a SHACL report.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import Problem
from ..iris import CODELIST_BASE
from ..mapping import Mapped, Origin, Triple
from . import fastshacl
from .shapes import shapes_text

log = logging.getLogger("aidlod")


# One SHACL result, reduced to what identifies it (used to compare validators); the fast validator
# produces the same record, so both validators' findings compare directly.
Finding = fastshacl.Result


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
    return findings_from_report(results)


def findings_from_report(results: Graph) -> list[Finding]:
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
        ))
    return sorted(set(out))


def _show_value(value: str, base: str) -> str:
    """A value as the publisher wrote it: the code of a codelist IRI, the id of a record IRI."""
    if value.startswith(CODELIST_BASE):
        return repr(value[len(CODELIST_BASE):].split("#", 1)[0].split("/", 1)[-1])
    if value.startswith(base):
        return repr(value[len(base):].split("#", 1)[0].split("/", 1)[-1])
    return repr(value) if value else ""


def to_problem(finding: Finding, origins: dict[str, Origin], base: str) -> Problem:
    origin = origins.get(finding.focus)
    shown = _show_value(finding.value, base)
    message = finding.message or finding.component.rsplit("#", 1)[-1]
    if shown and finding.component.endswith(("ClassConstraintComponent", "NodeConstraintComponent",
                                            "InConstraintComponent", "HasValueConstraintComponent")):
        message = f"{shown} {message}"
    elif shown:
        message = f"{message} (got {shown})"
    severity = "warning" if finding.severity == "Warning" else "error"
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


def validate(mapped: Mapped, validator: str = "fast") -> tuple[list[Problem], list[Problem]]:
    """Validate the whole graph; return (errors, warnings) as problems in the publisher's terms."""
    findings = find(mapped, validator)
    problems = sorted({to_problem(f, mapped.origins, mapped.iris.base) for f in findings},
                      key=lambda p: (p.file, p.record or "", p.field or "", p.message))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    return errors, warnings
