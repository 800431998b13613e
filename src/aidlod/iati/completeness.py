"""What an IATI activity file holds, activity by activity: completeness per element and ruleset findings.

The quality page tells a publisher how complete the export is (the share of activities with a
budget, a transaction, a location, a result, a title in each page language, ...) and which rules of
the IATI standard ruleset (and aidlod's supplement) it breaks. Both come from one pass over
``activities.xml``: the file is memory-mapped, each ``iati-activity`` is parsed as a document of its
own, counted and checked (so the ruleset's ``//`` contexts see that activity only) and dropped, in
worker processes, so memory stays flat at 100 000 activities. A rule's findings keep their count and
the first few activities; ``Scan.every`` keeps every finding, for the list a publisher downloads.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from .. import parallel
from . import EXT_NS, RULESET, SUPPLEMENT, XML_LANG, ruleset, safe_parser

if TYPE_CHECKING:
    from ..build.itemcache import ItemCache

EXAMPLES = 20  # activities kept per failing rule

# (key, the element a complete activity has): counted as present when the path matches.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("start_date", "activity-date[@type='1' or @type='2']"),
    ("end_date", "activity-date[@type='3' or @type='4']"),
    # IATI puts the recipients and sectors on the activity or on every transaction (WHO's Afghanistan
    # activities state their sector on each transaction only: the page counted them as without one)
    ("recipient", "recipient-country|recipient-region|transaction/recipient-country|transaction/recipient-region"),
    ("sector", "sector|transaction/sector"),
    ("funding_org", "participating-org[@role='1']"),
    ("implementing_org", "participating-org[@role='4']"),
    ("transaction", "transaction"),
    # or the reason none is given: IATI 2.03's @budget-not-provided (a BudgetNotProvided code), which
    # CERF states on every activity instead of a budget
    ("budget", "budget|self::*[@budget-not-provided]"),
    ("location", "location"),
    ("result", "result"),
    ("document_link", "document-link[not(@*[local-name()='source'])]"),  # not aidlod's link to its source
)
TEXTS = ("title", "description")  # counted per page language: a narrative in it


@dataclass
class RuleFindings:
    """One rule case of a ruleset that failed: how many activities broke it, and the first few."""

    ruleset: str      # "standard" or "aidlod"
    context: str      # the rule's context XPath
    rule: str         # its type (``atleast_one``, ``date_order``, ...)
    case: str         # the case, as JSON
    count: int = 0
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (where, linked-data-uri, message)

    def requirement(self) -> str:
        """What the case wants, in plain words (the heading of its findings on the quality page)."""
        return ruleset.requirement(self.context, self.rule, json.loads(self.case))


@dataclass
class Scan:
    """What one pass over an activity file found."""

    activities: int = 0
    present: Counter[str] = field(default_factory=Counter)  # completeness key → activities that have it
    failures: dict[tuple[str, str, str, str], RuleFindings] = field(default_factory=dict)
    applied: Counter[str] = field(default_factory=Counter)  # rule type → cases checked
    # every finding in file order, (ruleset, context, rule, case, where, uri, message): the page lists the
    # first EXAMPLES of a rule, the findings file (``writers.quality``) every one
    every: list[tuple[str, str, str, str, str, str, str]] = field(default_factory=list)
    organisation_failures: int = 0  # of them, the organisation file's (``scan_organisations``)

    def add_failures(self, name: str, found: Iterable[ruleset.Failure], ident: str, uri: str) -> None:
        """Failures of the activity ``ident`` (its IATI identifier; ``uri`` its linked-data-uri)."""
        for f in found:
            entry = self._entry(name, f.context, f.rule, f.case)
            entry.count += 1
            where = _where(ident, f.element)
            self.every.append((name, f.context, f.rule, f.case, where, uri, f.message))
            if len(entry.examples) < EXAMPLES:
                entry.examples.append((where, uri, f.message))

    def _entry(self, name: str, context: str, rule: str, case: str) -> RuleFindings:
        key = (name, context, rule, case)
        entry = self.failures.get(key)
        if entry is None:
            entry = self.failures[key] = RuleFindings(name, context, rule, case)
        return entry

    def merge(self, other: Scan) -> None:
        """Add another part's counts and findings (parts in file order: examples stay the first)."""
        self.activities += other.activities
        self.present.update(other.present)
        self.applied.update(other.applied)
        self.every.extend(other.every)
        self.organisation_failures += other.organisation_failures
        for key, found in other.failures.items():
            entry = self._entry(*key)
            entry.count += found.count
            entry.examples.extend(found.examples[:max(0, EXAMPLES - len(entry.examples))])

    def sorted_failures(self) -> list[RuleFindings]:
        """Most frequent first."""
        return sorted(self.failures.values(), key=lambda r: (-r.count, r.ruleset, r.context, r.rule, r.case))


def _where(ident: str, element: str) -> str:
    """Where a finding is: the activity's identifier, and the element in it that breaks the rule
    (``XM-DAC-41127-1 · budget[2]``): the identifier alone did not say which of an activity's budgets."""
    if not ident or element == ident or element.startswith(f"{ident} · "):
        return element or ident
    return ident


Rules = list[tuple[str, dict[str, dict[str, Any]]]]


def rulesets() -> Rules:
    """The IATI standard ruleset and aidlod's supplement, by name; without the standard's cases that a
    supplement case ``supersedes`` (the 2018 ruleset sums the recipient regions of every vocabulary with
    the countries, where the 2.03 schema sums them "within a vocabulary")."""
    supplement = ruleset.load(SUPPLEMENT)
    superseded = [case["supersedes"] for rules in supplement.values() for body in rules.values()
                  for case in body.get("cases", []) if "supersedes" in case]
    standard: dict[str, dict[str, Any]] = {}
    for context, by_rule in ruleset.load(RULESET).items():
        for rule, body in by_rule.items():
            cases = [c for c in body.get("cases", [])
                     if {"context": context, "rule": rule, "paths": c.get("paths")} not in superseded]
            if cases:
                standard.setdefault(context, {})[rule] = {**body, "cases": cases}
    return [("standard", standard), ("aidlod", supplement)]


def _on_the_day(rule: str, case: dict[str, Any]) -> bool:
    return rule == "date_now" or "NOW" in (case.get("less"), case.get("more"), case.get("start"), case.get("end"))


def timeless(rules: Rules) -> tuple[Rules, int]:
    """The rules without the cases that compare with today's date (``date_now``, ``NOW``), and how many
    cases were left out: what a build publishes must not depend on the day it ran."""
    kept: Rules = []
    skipped = 0
    for name, spec in rules:
        out: dict[str, dict[str, Any]] = {}
        for context, by_rule in spec.items():
            for rule, body in by_rule.items():
                cases = [c for c in body.get("cases", []) if not _on_the_day(rule, c)]
                skipped += len(body.get("cases", [])) - len(cases)
                if cases:
                    out.setdefault(context, {})[rule] = {**body, "cases": cases}
        kept.append((name, out))
    return kept, skipped


def _languages_of(el: etree._Element, tag: str, default: str | None) -> set[str]:
    found = set()
    for narrative in el.iterfind(f"{tag}/narrative"):
        lang = narrative.get(XML_LANG) or default
        if lang and (narrative.text or "").strip():
            found.add(lang)
    return found


def count_activity(scan: Scan, el: etree._Element, languages: Iterable[str]) -> None:
    """Add one activity's elements to the completeness counts."""
    scan.activities += 1
    for key, path in ELEMENTS:
        if ruleset.xpath(el, f"boolean({path})"):
            scan.present[key] += 1
    default = el.get(XML_LANG)
    for tag in TEXTS:
        have = _languages_of(el, tag, default)
        for lang in languages:
            if lang in have:
                scan.present[f"{tag}:{lang}"] += 1


# Where each activity starts in the build's own export (text there is escaped: "<" never occurs in it).
_ACTIVITY = re.compile(rb"<iati-activity[\s>/]")
_END = b"</iati-activities>"


def spans(content: bytes | mmap.mmap) -> tuple[bytes, list[int]]:
    """The file's head (declaration and root start tag) and the offset of each activity, then the
    offset of the root's end tag: activity ``i`` is ``content[offsets[i]:offsets[i + 1]]``."""
    offsets = [m.start() for m in _ACTIVITY.finditer(content)]
    if not offsets:
        return b"", []
    end = content.rfind(_END)
    return bytes(content[:offsets[0]]), [*offsets, end if end > offsets[-1] else len(content)]


Record = dict[str, Any]  # one activity's findings, as JSON: {"present": [...], "applied": {...}, "failures": [...]}


def activity_record(el: etree._Element, languages: tuple[str, ...], rules: Rules) -> Record:
    """One activity (the only one of its document): the completeness keys it has, the ruleset cases
    applied, and its failures, as plain JSON values (what the build cache keeps; ``add_record`` counts it)."""
    counts = Counter[str]()
    failures: list[list[str]] = []
    one = Scan()
    count_activity(one, el, languages)
    present = sorted(one.present)
    ident = (el.findtext("iati-identifier") or "").strip()
    uri = el.get("linked-data-uri") or ""
    for name, spec in rules:
        found, applied = ruleset.check(el, spec)
        counts.update(applied)
        failures += [[name, f.context, f.rule, f.case, _where(ident, f.element), uri, f.message] for f in found]
    return {"present": present, "applied": dict(sorted(counts.items())), "failures": failures}


def add_record(scan: Scan, record: Record) -> None:
    """Add one activity's ``activity_record`` to the counts (activities in file order: examples stay the first)."""
    scan.activities += 1
    scan.present.update(record["present"])
    scan.applied.update(record["applied"])
    for name, context, rule, case, ident, uri, message in record["failures"]:
        entry = scan._entry(name, context, rule, case)
        entry.count += 1
        scan.every.append((name, context, rule, case, ident, uri, message))
        if len(entry.examples) < EXAMPLES:
            entry.examples.append((ident, uri, message))


def _record(found: Any) -> Record:
    """A cached record, checked for shape (a damaged cache line is made anew)."""
    if not (isinstance(found, dict) and isinstance(found["present"], list) and isinstance(found["applied"], dict)
            and all(isinstance(f, list) and len(f) == 7 for f in found["failures"])):
        raise TypeError("not an activity's findings")
    return found


def setting(languages: Iterable[str], rules: Rules) -> str:
    """What an activity's findings depend on besides its text: the page languages and the rules."""
    return json.dumps([list(languages), rules], sort_keys=True, ensure_ascii=False)


def scan_activities(path: Path, languages: Iterable[str],
                    rules: Rules | None = None, cache: ItemCache | None = None) -> Scan:
    """Completeness counts and ruleset findings of the build's ``activities.xml``, activity by activity.

    Each activity is parsed as a document of its own (the head of the file, the activity, the end tag),
    so the ruleset's ``//`` contexts see that activity only; chunks of activities are read and
    checked in worker processes (``parallel``), their findings added up in file order. With a
    ``cache`` (keyed by a hash of the head and the activity's text; its setting must be ``setting``'s),
    an activity checked by the last build is not checked again.
    """
    langs = tuple(languages)
    chosen = rulesets() if rules is None else rules
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as content:
        head, offsets = spans(content)
        keys: list[str] = []
        if cache is not None:
            base = hashlib.blake2b(head, digest_size=16)
            for i in range(len(offsets) - 1):
                h = base.copy()
                h.update(content[offsets[i]:offsets[i + 1]])
                keys.append(h.hexdigest())
    records: list[Record | None] = [None] * (len(offsets) - 1)
    if cache is not None:
        records = [cache.get(key, _record) for key in keys]
    missing = [i for i, record in enumerate(records) if record is None]

    def job(chunk: Sequence[int]) -> list[tuple[int, Record]]:
        # By the file's path, so that the job can run in another process or on another machine that
        # shares the file; each activity read at its offset (the misses of a rebuild are scattered).
        out: list[tuple[int, Record]] = []
        if not chunk:
            return out
        parser = safe_parser()
        with path.open("rb") as f:
            for i in chunk:
                f.seek(offsets[i])
                text = f.read(offsets[i + 1] - offsets[i])
                # The file is the build's own, but parsed as any untrusted XML: no entities, no network.
                doc = etree.fromstring(head + text + _END, parser)
                out.append((i, activity_record(doc[0], langs, chosen)))
        return out

    for part in parallel.map_chunks(job, missing, "IATI ruleset", most=None):
        for i, record in part:
            records[i] = record
            if cache is not None:
                cache.put(keys[i], (), record)
    scan = Scan()
    for found in records:
        assert found is not None
        add_record(scan, found)
    return scan


def scan_organisations(path: Path, scan: Scan, rules: Rules | None = None
                       ) -> None:
    """The rulesets applied to the (small) organisation file; its findings join ``scan``'s, each under its
    organisation's identifier and IRI (``aidlod:organisation``), as an activity's are under its identifier and
    linked-data-uri: the findings file named no identifier, record nor page for Hivos's budget line dated
    before its budget's period."""
    doc = etree.parse(str(path), safe_parser())
    iris: dict[str, str] = {}
    for org in doc.iter("iati-organisation"):
        ident = (org.findtext("organisation-identifier") or "").strip()
        if ident:
            iris.setdefault(ident, org.get(f"{{{EXT_NS}}}organisation") or "")
    for name, spec in rulesets() if rules is None else rules:
        found, applied = ruleset.check(doc, spec)
        scan.applied.update(applied)
        scan.organisation_failures += len(found)
        for f in found:
            ident = f.element.split(" · ", 1)[0]
            scan.add_failures(name, [f], ident if ident in iris else "", iris.get(ident, ""))

