"""The SHACL validation report of a dataset as RDF: ``sh:ValidationReport`` in Turtle, byte-reproducible.

The report states each finding as the SHACL standard words it (``sh:focusNode``, ``sh:resultPath``,
``sh:sourceConstraintComponent``, ``sh:resultSeverity``, ``sh:value``, ``sh:resultMessage``), so any
SHACL tool reads it, and reading it back (``findings_from_report``) gives the very findings it was
made of, which equal pySHACL's. Validators name their results with blank nodes; here every result has
an IRI made from a hash of what it states, so two builds write the same bytes and a result can be
linked to: ``{base}dumps/validation-report#r-{sha1}``. The report is made from the findings the
build's validation already produced, never by validating again.

Two things a SHACL report may carry are left out: ``sh:sourceShape`` (aidlod's property shapes are
blank nodes of the shapes graph, which no link from here could reach) and ``sh:detail``.
``sh:conforms`` is false whenever there is a result of any severity, as SHACL defines it; the build
publishes despite warnings and infos (an error stops it, so a published report holds none).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..rdfio import sorted_ntriples, turtle_bytes
from . import Finding

REPORT_DOC = "dumps/validation-report"  # the report's document under the base IRI
REPORT_FILE = f"{REPORT_DOC}.ttl"        # its file in the site (in the dumps' folder)
Triple = tuple[Node, Node, Node]


def report_iri(base: str) -> URIRef:
    return URIRef(f"{base}{REPORT_DOC}#report")


def result_iri(base: str, finding: Finding) -> URIRef:
    """A result's IRI: a hash of the six things it states (two results differ in one of them)."""
    text = "|".join((finding.focus, finding.path, finding.component, finding.severity, finding.value,
                     finding.message))
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return URIRef(f"{base}{REPORT_DOC}#r-{digest}")


def _value(finding: Finding) -> Node:
    """The value as the RDF term it was (an IRI, or a literal with its datatype or language)."""
    if finding.term is not None:
        return finding.term
    if finding.value.startswith(("http://", "https://", "urn:")):
        return URIRef(finding.value)
    return Literal(finding.value)


def report_triples(findings: Iterable[Finding], base: str) -> Iterator[Triple]:
    """The report's statements: the report, and per finding one ``sh:ValidationResult``."""
    report = report_iri(base)
    yield report, RDF.type, SH.ValidationReport
    conforms = True
    for f in findings:
        conforms = False
        result = result_iri(base, f)
        yield report, SH.result, result
        yield result, RDF.type, SH.ValidationResult
        yield result, SH.focusNode, URIRef(f.focus)
        if f.path:
            yield result, SH.resultPath, URIRef(f.path)
        yield result, SH.sourceConstraintComponent, URIRef(f.component)
        yield result, SH.resultSeverity, SH[f.severity]
        if f.value:
            yield result, SH.value, _value(f)
        if f.message:
            yield result, SH.resultMessage, Literal(f.message, lang="en")  # the shapes' messages are English
    yield report, SH.conforms, Literal(conforms, datatype=XSD.boolean)


def report_lines(findings: Iterable[Finding], base: str) -> list[bytes]:
    """The report as canonical N-Triples lines, sorted."""
    return sorted_ntriples(report_triples(findings, base))


def report_turtle(findings: Iterable[Finding], base: str) -> bytes:
    """The report in Turtle, each result's statements together, the same bytes for the same findings."""
    return turtle_bytes(report_lines(findings, base))
