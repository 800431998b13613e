"""Problems grouped by the rule that found them: what the console prints and the quality page counts.

A rule is a SHACL constraint as a person tells it apart: its severity, the node shape whose target
the focus node is (``GrantShape``), the property (``schema:amount``), the constraint component and
the message. Problems that no SHACL rule found (a writer's warning, such as a project IATI cannot
carry) are grouped by their severity and message. Groups come most frequent first, each with its
count and its first few problems, so 5 000 warnings of one kind read as one line and three examples.
One pass over the findings; the groups hold counts and at most ``keep`` examples each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import Problem, escape
from ..iris import PREFIXES
from . import Finding, Located

SHAPES_NS = "https://w3id.org/aidlod/shapes#"
SH_NS = "http://www.w3.org/ns/shacl#"
# How a problem's severity sorts: errors first.
_RANK = {"error": 0, "warning": 1, "info": 2}
EXAMPLES = 3  # problems shown per rule on the console unless --verbose
ONE_BY_ONE = 10  # up to this many problems the console prints each one, as it is: nothing to summarise


@dataclass(frozen=True, order=True)
class Rule:
    """What a finding is an instance of (see the module docstring)."""

    severity: str       # the problem's: "error", "warning" or "info"
    shape: str = ""     # the node shape's IRI ("" for a problem no SHACL rule found)
    path: str = ""      # the property's IRI
    component: str = ""  # the SHACL constraint component's IRI
    message: str = ""

    @property
    def key(self) -> str:
        """A short stable identifier (for anchors on the quality page): a hash of the rule."""
        text = "\0".join((self.severity, self.shape, self.path, self.component, self.message))
        return "rule-" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]

    @property
    def shape_name(self) -> str:
        """The node shape's local name (``GrantShape``), or its IRI outside aidlod's shapes."""
        return self.shape[len(SHAPES_NS):] if self.shape.startswith(SHAPES_NS) else self.shape

    @property
    def component_name(self) -> str:
        """The constraint component's local name without the suffix (``MinCount``)."""
        name = self.component[len(SH_NS):] if self.component.startswith(SH_NS) else self.component
        return name.removesuffix("ConstraintComponent")

    def __str__(self) -> str:
        """``GrantShape schema:amount (MinCount): the amount of this grant is not known``."""
        if not self.component:
            return self.message
        where = " ".join(part for part in (self.shape_name, compact(self.path), f"({self.component_name})") if part)
        return f"{where}: {self.message}"


def compact(iri: str) -> str:
    """``schema:amount`` for an IRI in a known namespace, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def rule_of(finding: Finding, severity: str) -> Rule:
    """The rule of a finding; ``severity`` is its problem's."""
    return Rule(severity, finding.shape, finding.path, finding.component, finding.message)


@dataclass
class Group:
    """One rule: how often it was found, and the first few of its problems (findings, if any)."""

    rule: Rule
    count: int = 0
    examples: list[Problem] = field(default_factory=list)
    located: list[Located] = field(default_factory=list)


def group(located: Iterable[Located], others: Iterable[Problem] = (), keep: int = EXAMPLES) -> list[Group]:
    """The findings (and ``others``, problems no SHACL rule found) grouped by rule, most frequent
    first (ties: errors first, then by rule); each group keeps its first ``keep`` problems."""
    groups: dict[Rule, Group] = {}

    def add(rule: Rule, problem: Problem, loc: Located | None) -> None:
        g = groups.get(rule)
        if g is None:
            g = groups[rule] = Group(rule)
        g.count += 1
        if len(g.examples) < keep:
            g.examples.append(problem)
            if loc is not None:
                g.located.append(loc)

    for loc in located:
        add(rule_of(loc.finding, loc.problem.severity), loc.problem, loc)
    for problem in others:
        add(Rule(problem.severity, message=problem.message), problem, None)
    return sorted(groups.values(), key=lambda g: (-g.count, _RANK.get(g.rule.severity, 0), g.rule))


def counts(groups: Iterable[Group]) -> dict[str, int]:
    """Problems per severity over ``groups``."""
    out: dict[str, int] = {}
    for g in groups:
        out[g.rule.severity] = out.get(g.rule.severity, 0) + g.count
    return out


def console(problems: Sequence[Problem], located: Sequence[Located] = (), verbose: bool = False) -> list[str]:
    """What the command line prints for ``problems`` (``located``: the SHACL findings among them).

    Up to ``ONE_BY_ONE`` problems, each one's line, as ever. More: the summary by rule (``lines``),
    most frequent first, each rule with its first few problems. ``verbose``: every problem's line,
    then the counts per rule.
    """
    # Errors first: the one a build stops for must not hide among a hundred missing translations.
    problems = sorted(problems, key=lambda p: p.severity != "error")  # stable: each kind in its order
    if len(problems) <= ONE_BY_ONE and not verbose:
        return [str(p) for p in problems]
    found = {loc.problem for loc in located}
    groups = sorted(group(located, [p for p in problems if p not in found]), key=lambda g: g.rule.severity != "error")
    if verbose:
        return [*(str(p) for p in problems), *lines(groups, verbose)]
    return [*lines(groups), f"aidlod: {sum(g.count for g in groups)} problem(s) by {len(groups)} rule(s), the first "
            f"{EXAMPLES} of each shown; --verbose (or --problems FILE) lists every one."]


def lines(groups: list[Group], verbose: bool = False) -> list[str]:
    """The console summary: per rule a line with its count, severity and text, then its first problems
    as ever (file, record, field, message: flush left, so editors and ``grep`` find them).

    With ``verbose`` the caller has printed every problem itself; the summary then gives the counts only.
    """
    out = []
    for g in groups:
        out.append(f"aidlod: [{g.count} {g.rule.severity}(s)] {escape(str(g.rule), 2000)}")
        if verbose:
            continue
        out.extend(str(p) for p in g.examples)
        if g.count > len(g.examples):
            out.append(f"aidlod:   ... and {g.count - len(g.examples)} more like this")
    return out
