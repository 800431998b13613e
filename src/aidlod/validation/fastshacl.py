"""A fast SHACL validator for the subset of SHACL Core that aidlod's shapes use, equal to pySHACL.

pySHACL, the reference validator, is slow on large datasets because it walks an rdflib Graph
through generic machinery for every focus node and every constraint. aidlod's shapes use a
small part of SHACL Core (class and subjects-of targets, simple predicate paths and about twenty
constraint components), so this module compiles the shapes graph once into Python objects and evaluates them
against a per-subject index of the triples, remembering whether a node conforms to a nested shape
(the codelist checks repeat the same few hundred codes thousands of times).

Each constraint mirrors pySHACL's implementation, including its literal comparisons (taken from
pySHACL itself), so that the findings (focus node, path, constraint component, severity, value and
message) are identical; ``tests/test_fastshacl.py`` checks that on faulty synthetic data. A shapes
graph that uses anything outside the subset raises ``Unsupported`` at compile time, and the caller
then falls back to pySHACL. The one deliberate difference: where rdflib cannot order two literals
in ``sh:lessThanOrEquals`` (two ``xsd:gYear`` values out of order raise TypeError inside pySHACL,
which aborts the whole run), this validator reports the violation that pySHACL would have meant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any, cast

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
# Namespace attribute lookups cost a function call each; the hot paths use these constants.
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf
_STRING, _LANGSTRING, _RDFS_LITERAL, _RDFS_DATATYPE = XSD.string, RDF.langString, RDFS.Literal, RDFS.Datatype
# subject → predicate → distinct objects
Index = dict[Node, dict[Node, Sequence[Node]]]


class Unsupported(Exception):
    """The shapes use a SHACL feature this validator does not implement; use pySHACL instead."""


# Predicates of a shape that are not constraints, or that a constraint reads with its main parameter.
_NON_CONSTRAINTS = {
    RDF.type, RDFS.label, RDFS.comment, SH.path, SH.message, SH.severity, SH.targetClass, SH.targetSubjectsOf,
    SH.property, SH.name, SH.description, SH.order, SH.group, SH.flags, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
}


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, as the reference validator's report would state it.

    Results compare, sort and hash by the six texts only; ``shape`` (the node shape whose target the
    focus node is, e.g. ``https://w3id.org/aidlod/shapes#GrantShape``) and ``term`` (the value as an
    RDF term, so a report can state it with its datatype) ride along for reporting.
    """

    focus: str
    path: str
    component: str
    severity: str
    value: str
    message: str
    shape: str = field(default="", compare=False)
    term: Node | None = field(default=None, compare=False, repr=False)


Check = Callable[["Validator", Node, Sequence[Node]], Iterator[tuple[Node | None, str]]]
_SH = "http://www.w3.org/ns/shacl#"  # constraint components are named in this namespace


@dataclass(eq=False)
class Shape:
    path: URIRef | None
    severity: str
    message: str
    checks: list[Check] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)


def _int(value: Node) -> int:
    """An integer parameter (sh:minCount ...): rdflib terms are text, which ``int`` reads."""
    return int(cast(str, value))


def _literal_value_is_str(v: Node) -> bool:
    return isinstance(v, Literal) and isinstance(v.value, str)


# The Python value rdflib must have parsed a literal of each datatype to (as pySHACL checks it).
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    _STRING: (str, bytes), _LANGSTRING: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


_same: Callable[[Node, Node], bool] = str.__eq__  # type: ignore[assignment]


def _actual_datatype(value: Literal, rule: Node) -> bool:
    """pySHACL's DatatypeConstraintComponent._assert_actual_datatype."""
    expected = _PYTHON_TYPES.get(rule)
    return expected is None or isinstance(value.value, expected)


def _datatype_matches(v: Node, rule: Node) -> bool:
    # Datatypes and rules are IRIs: compared as text (``_same``), not by rdflib's __eq__ in Python,
    # since this runs for every literal an sh:datatype constrains.
    if not isinstance(v, Literal):
        return False
    datatype = v.datatype
    if datatype is not None and _same(datatype, rule):
        return getattr(v, "ill_typed", None) is not True and _actual_datatype(v, rule)
    if _same(rule, _RDFS_LITERAL):
        return True
    if _same(rule, _RDFS_DATATYPE) and datatype:
        return True
    if datatype is None and v.language is None and _same(rule, _STRING):
        return _actual_datatype(v, rule)
    if _same(rule, _LANGSTRING) and v.language:
        return _actual_datatype(v, rule)
    return False


_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def _range_check(bound: Literal, accept: Callable[[int], bool]) -> Callable[[Node], bool]:
    """pySHACL's value range components: compare_literal(value, bound), errors are failures."""
    bound_is_string = isinstance(bound.value, str)

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        if bound_is_string != isinstance(v.value, str):
            return False
        try:
            return accept(compare_literal(v, bound))
        except (TypeError, NotImplementedError):
            return False

    return ok


def _less_or_equal(v: Node, other: Node) -> bool:
    """pySHACL's sh:lessThanOrEquals comparison of one value with one compared value."""
    a: Any = str(v) if isinstance(v, URIRef) or _literal_value_is_str(v) else v
    b: Any = str(other) if isinstance(other, URIRef) or _literal_value_is_str(other) else other
    if isinstance(a, str) != isinstance(b, str):
        return False
    try:
        return bool(a <= b)
    except TypeError:  # rdflib cannot order these literals; pySHACL would abort here
        return False


class Validator:
    """Shapes compiled once; ``validate`` runs them over an index of triples."""

    def __init__(self, shapes: Graph) -> None:
        self.sg = shapes
        self._shapes: dict[Node, Shape] = {}
        self.targets: list[tuple[Node, Shape, str]] = []  # (class, its node shape, that shape's IRI)
        for node_shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
            for cls in shapes.objects(node_shape, SH.targetClass):
                self.targets.append((cls, self.shape(node_shape), str(node_shape)))
        # (predicate, node shape, its IRI): every subject of the predicate is a focus node
        self.subject_targets: list[tuple[Node, Shape, str]] = []
        for node_shape in sorted(set(shapes.subjects(SH.targetSubjectsOf, None)), key=str):
            for pred in shapes.objects(node_shape, SH.targetSubjectsOf):
                self.subject_targets.append((pred, self.shape(node_shape), str(node_shape)))
        for unsupported in (SH.targetNode, SH.targetObjectsOf, SH.target,
                            SH.deactivated, SH.sparql):
            if (None, unsupported, None) in shapes:
                raise Unsupported(f"shapes use {unsupported}")
        self.index: Index = {}
        self._conforms: dict[tuple[int, Node], bool] = {}

    # --- compiling -----------------------------------------------------------------------------

    def shape(self, node: Node) -> Shape:
        if node in self._shapes:
            return self._shapes[node]
        sg = self.sg
        path = sg.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise Unsupported("only simple predicate paths are supported")
        severity = sg.value(node, SH.severity) or SH.Violation
        messages = list(sg.objects(node, SH.message))
        if len(messages) > 1:
            raise Unsupported("several sh:message values on one shape")
        shape = Shape(path, str(severity).rsplit("#", 1)[-1], str(messages[0]) if messages else "")
        self._shapes[node] = shape
        for p, o in sorted(sg.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p in _NON_CONSTRAINTS:
                continue
            shape.checks.append(self._compile(node, p, o))
        shape.properties = [self.shape(p) for p in sorted(sg.objects(node, SH.property), key=str)]
        if sg.value(node, SH.qualifiedValueShapesDisjoint) not in (None, Literal(False)):
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        return shape

    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self.sg, head))

    def _compile(self, node: Node, p: Node, o: Node) -> Check:
        """The check of constraint parameter ``p`` with value ``o`` on shape ``node``."""
        compile_one = _COMPILERS.get(p)
        if compile_one is None:
            raise Unsupported(f"constraint parameter {p}")
        return compile_one(self, node, o)

    # One method per constraint parameter, listed in ``_COMPILERS``: (shape, parameter value) → check.

    def _min_count(self, _node: Node, o: Node) -> Check:
        n = _int(o)
        return lambda _v, _f, vals: iter([(None, _SH + "MinCountConstraintComponent")] if len(vals) < n else [])

    def _max_count(self, _node: Node, o: Node) -> Check:
        n = _int(o)
        return lambda _v, _f, vals: iter([(None, _SH + "MaxCountConstraintComponent")] if len(vals) > n else [])

    def _datatype(self, _node: Node, o: Node) -> Check:
        # the datatype as ``_PYTHON_TYPES`` holds it, so that its lookup there, once per value checked,
        # finds the key by identity rather than by rdflib's __eq__ (Python code); equal, so the same rule
        rule = next((known for known in _PYTHON_TYPES if known == o), o)
        return self._each(lambda v: _datatype_matches(v, rule), _SH + "DatatypeConstraintComponent")

    def _node_kind(self, _node: Node, o: Node) -> Check:
        kinds = _NODE_KINDS[o]
        return self._each(lambda v: isinstance(v, kinds), _SH + "NodeKindConstraintComponent")

    def _class(self, _node: Node, o: Node) -> Check:
        return self._each(lambda v: self.has_class(v, o), _SH + "ClassConstraintComponent")

    def _node_shape(self, _node: Node, o: Node) -> Check:
        target = self.shape(o)
        return self._each(lambda v: self.conforms(target, v), _SH + "NodeConstraintComponent")

    def _in(self, _node: Node, o: Node) -> Check:
        allowed = set(self._list(o))
        return self._each(lambda v: v in allowed, _SH + "InConstraintComponent")

    def _or(self, _node: Node, o: Node) -> Check:
        members = [self.shape(m) for m in self._list(o)]
        return self._each(lambda v: any(self.conforms(m, v) for m in members), _SH + "OrConstraintComponent")

    def _pattern(self, node: Node, o: Node) -> Check:
        flags_node = self.sg.value(node, SH.flags)
        flags = 0
        if flags_node is not None:
            text = str(flags_node).lower()
            flags |= re.I if "i" in text else 0
            flags |= re.M if "m" in text else 0
        regex = re.compile(str(o), flags)
        return self._each(lambda v: not isinstance(v, BNode) and regex.search(str(v)) is not None,
                          _SH + "PatternConstraintComponent")

    def _language_in(self, _node: Node, o: Node) -> Check:
        wanted = {str(x).lower() for x in self._list(o)}

        def lang_ok(v: Node) -> bool:
            if not isinstance(v, Literal) or not v.language:
                return False
            lang = str(v.language).lower()
            return "*" in wanted or lang in wanted or lang.split("-")[0] in wanted

        return self._each(lang_ok, _SH + "LanguageInConstraintComponent")

    def _unique_lang(self, _node: Node, o: Node) -> Check:
        if not (isinstance(o, Literal) and o.value is True):
            return lambda _v, _f, _vals: iter([])

        def unique(_v: Validator, _f: Node, vals: Sequence[Node]) -> Iterator[tuple[Node | None, str]]:
            seen: set[str] = set()
            dupes: set[str] = set()
            for v in vals:
                if isinstance(v, Literal) and v.language:
                    low = str(v.language).lower()
                    (dupes if low in seen else seen).add(low)
            for _ in dupes:
                yield None, _SH + "UniqueLangConstraintComponent"

        return unique

    def _has_value(self, _node: Node, o: Node) -> Check:
        return lambda _v, _f, vals: iter([] if o in vals else [(None, _SH + "HasValueConstraintComponent")])

    def _less_than_or_equals(self, _node: Node, o: Node) -> Check:
        def ltoe(v: Validator, focus: Node, vals: Sequence[Node]) -> Iterator[tuple[Node | None, str]]:
            others = v.values(focus, o)
            for value in vals:
                for other in others:
                    if not _less_or_equal(value, other):
                        yield value, _SH + "LessThanOrEqualsConstraintComponent"

        return ltoe

    def _qualified(self, node: Node, o: Node) -> Check:
        qshape = self.shape(o)
        low = self.sg.value(node, SH.qualifiedMinCount)
        high = self.sg.value(node, SH.qualifiedMaxCount)

        def qualified(v: Validator, _f: Node, vals: Sequence[Node]) -> Iterator[tuple[Node | None, str]]:
            count = sum(1 for x in vals if v.conforms(qshape, x))
            if low is not None and count < _int(low):
                yield None, _SH + "QualifiedMinCountConstraintComponent"
            if high is not None and count > _int(high):
                yield None, _SH + "QualifiedMaxCountConstraintComponent"

        return qualified

    @staticmethod
    def _each(ok: Callable[[Node], bool], component: str) -> Check:
        def check(_v: Validator, _f: Node, vals: Sequence[Node]) -> Iterator[tuple[Node | None, str]]:
            for value in vals:
                if not ok(value):
                    yield value, component

        return check

    # --- evaluating ----------------------------------------------------------------------------

    def values(self, focus: Node, path: Node) -> Sequence[Node]:
        return self.index.get(focus, {}).get(path, ())

    def has_class(self, node: Node, cls: Node) -> bool:
        if isinstance(node, Literal):
            return False
        for t in self.values(node, _TYPE):
            if t == cls or cls in self._superclasses(t):
                return True
        return False

    def _superclasses(self, cls: Node) -> set[Node]:
        seen: set[Node] = set()
        todo = [cls]
        while todo:
            for sup in self.values(todo.pop(), _SUBCLASS):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def raw_results(self, shape: Shape, focus: Node) -> list[tuple[Shape, Node | None, str]]:
        """Every (shape, value, component) that ``focus`` breaks, ``shape`` first, then its property
        shapes in order. A list filled by plain calls, not nested generators: the validator evaluates
        about a million (shape, focus) pairs at 1 000 rich activities, nearly all without a result,
        and a call is cheaper than creating and exhausting a generator for each."""
        out: list[tuple[Shape, Node | None, str]] = []
        self._collect(shape, focus, out)
        return out

    def _collect(self, shape: Shape, focus: Node, out: list[tuple[Shape, Node | None, str]]) -> None:
        vals = [focus] if shape.path is None else self.values(focus, shape.path)
        for check in shape.checks:
            for value, component in check(self, focus, vals):
                out.append((shape, value, component))
        for prop in shape.properties:
            self._collect(prop, focus, out)

    def _breaks(self, shape: Shape, focus: Node) -> bool:
        """Whether ``raw_results(shape, focus)`` has any result, stopping at the first."""
        vals = [focus] if shape.path is None else self.values(focus, shape.path)
        for check in shape.checks:
            for _found in check(self, focus, vals):
                return True
        return any(self._breaks(prop, focus) for prop in shape.properties)

    def conforms(self, shape: Shape, node: Node) -> bool:
        key = (id(shape), node)
        known = self._conforms.get(key)
        if known is None:
            known = not self._breaks(shape, node)
            self._conforms[key] = known
        return known

    def focus_nodes(self, cls: Node, by_type: dict[Node, list[Node]]) -> list[Node]:
        """Instances of ``cls`` or of its subclasses (rdf:type/rdfs:subClassOf* in the data)."""
        found: set[Node] = set()
        for t, subjects in by_type.items():
            if t == cls or cls in self._superclasses(t):
                found.update(subjects)
        return sorted(found, key=str)

    def validate(self, triples: Iterable[Triple]) -> list[Result]:
        """Every result over ``triples``."""
        self.index = build_index(triples)
        self._conforms = {}
        by_type: dict[Node, list[Node]] = {}
        for subject, preds in self.index.items():
            for t in preds.get(_TYPE, ()):
                by_type.setdefault(t, []).append(subject)
        out: set[Result] = set()
        focused = [(shape, shape_iri, self.focus_nodes(cls, by_type)) for cls, shape, shape_iri in self.targets]
        focused += [(shape, shape_iri, sorted((s for s, preds in self.index.items() if pred in preds), key=str))
                    for pred, shape, shape_iri in self.subject_targets]
        for shape, shape_iri, nodes in focused:
            for focus in nodes:
                for source, value, component in self.raw_results(shape, focus):
                    out.add(Result(
                        focus=str(focus),
                        path="" if source.path is None else str(source.path),
                        component=component,
                        severity=source.severity,
                        value="" if value is None else str(value),
                        message=source.message or component.rsplit("#", 1)[-1],
                        shape=shape_iri,
                        term=value,
                    ))
        # The validator is cached (``compiled_text``) for the process: it must not hold the index of
        # every triple (gigabytes at 10 000 activities) through the rest of the build.
        self.index, self._conforms = {}, {}
        return sorted(out)


def _value_range(accept: Callable[[int], bool], name: str) -> Callable[[Validator, Node, Node], Check]:
    """The compiler of one of sh:minInclusive, sh:minExclusive, sh:maxInclusive, sh:maxExclusive."""
    def compile_range(validator: Validator, _node: Node, o: Node) -> Check:
        assert isinstance(o, Literal)
        return validator._each(_range_check(o, accept), f"{_SH}{name}ConstraintComponent")

    return compile_range


# Constraint parameter → the Validator method that compiles it; any other parameter is Unsupported.
_COMPILERS: dict[Node, Callable[[Validator, Node, Node], Check]] = {
    SH.minCount: Validator._min_count,
    SH.maxCount: Validator._max_count,
    SH.datatype: Validator._datatype,
    SH.nodeKind: Validator._node_kind,
    SH["class"]: Validator._class,
    SH.node: Validator._node_shape,
    SH["in"]: Validator._in,
    SH["or"]: Validator._or,
    SH.pattern: Validator._pattern,
    SH.languageIn: Validator._language_in,
    SH.uniqueLang: Validator._unique_lang,
    SH.hasValue: Validator._has_value,
    SH.minInclusive: _value_range(lambda c: c >= 0, "MinInclusive"),
    SH.minExclusive: _value_range(lambda c: c > 0, "MinExclusive"),
    SH.maxInclusive: _value_range(lambda c: c <= 0, "MaxInclusive"),
    SH.maxExclusive: _value_range(lambda c: c < 0, "MaxExclusive"),
    SH.lessThanOrEquals: Validator._less_than_or_equals,
    SH.qualifiedValueShape: Validator._qualified,
}


def build_index(triples: Iterable[Triple]) -> Index:
    """Subject → predicate → its objects, a tuple while they are few: the validator only reads them, and
    a tuple of one object is half the size of a list of one (whose room to grow is a block of its own);
    most predicates of a subject have one object. Made as tuples from the start: lists turned into tuples
    afterwards leave their blocks as holes the tuples cannot fill (docs/scaling.md)."""
    index: dict[Node, dict[Node, tuple[Node, ...] | list[Node]]] = {}
    for s, p, o in triples:
        preds = index.get(s)
        if preds is None:
            index[s] = preds = {}
        objs = preds.get(p)
        if objs is None:
            preds[p] = (o,)
        elif type(objs) is list:
            objs.append(o)
        elif len(objs) < _TUPLE_MOST:
            preds[p] = (*objs, o)
        else:  # many: a list, not a tuple copied at each object
            preds[p] = [*objs, o]
    return cast("Index", index)


_TUPLE_MOST = 8  # objects of one predicate kept in a tuple; more go into a list


@cache
def compiled_text(shapes: str) -> Validator:
    """The validator of shapes given as Turtle text (those generated for a dataset's languages)."""
    return Validator(Graph().parse(data=shapes, format="turtle"))
