"""Reconcile a site's CSV tables with the IATI files it was built from: what researchers sum from
``tables/*.csv`` must be what the files state (docs/tables.md, "Tables reconciled against the source files").

Each file is imported into a new data folder and built (the tables writer alone); then, activity by
activity, what the XML states (read here with lxml, apart from the import) is compared with the rows:
every transaction (type, currency, amount; date, classifications, parties, region), budget and planned
disbursement (type, status, period, currency, amount), sector of the activity and of its transactions,
recipient country and region (percentage), location, policy marker, participating organisation, indicator
period and baseline, and the activity's default currency, hierarchy and humanitarian flag. What docs say
the tables make of a file (``READINGS``) is applied first; a line of the import's report naming the element
that differs explains it; anything else is an unexplained difference.

    PYTHONPATH=src python bench/tables_reconcile.py              # every IATI file the tests embed
    PYTHONPATH=src python bench/tables_reconcile.py FILE.xml ... # these files
    PYTHONPATH=src python bench/tables_reconcile.py -v           # also the explained differences and their note

Exit status 1 when a difference is unexplained (or a file crashes the import or build).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
# The shortest embedded activity worth reading: a root, an identifier and something to compare
ACTIVITY_RE = re.compile(r"<iati-activity[\s>]")

Item = tuple[str, ...]


# -- the files ------------------------------------------------------------------------------------


# The aggregators' prefixes an activity may use that its root declares (the Datastore's iati-extra:version)
ROOT_NAMESPACES = {"iati-extra": "https://datastore.codeforiati.org/ns", "dstore": "http://d-portal.org/xmlns/dstore"}


def _wrap(text: str) -> bytes:
    """An embedded activity (or file) as a file: the tests wrap a bare activity in a 2.03 root (declaring the
    aggregators' prefixes the activity uses without declaring them)."""
    if "<iati-activities" in text:
        return text.encode("utf-8")
    declared = "".join(f' xmlns:{prefix}="{ns}"' for prefix, ns in ROOT_NAMESPACES.items()
                       if f"{prefix}:" in text and f"xmlns:{prefix}=" not in text)
    return f'<iati-activities version="2.03"{declared}>{text}</iati-activities>'.encode()


def _constants(value: object, depth: int = 0) -> Iterator[tuple[str, str]]:
    """The strings (with their key) of a module constant, one level into dicts, lists and tuples."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return
    if isinstance(value, str):
        if ACTIVITY_RE.search(value) and "</iati-activity>" in value:
            yield "", value
    elif isinstance(value, dict) and depth < 2:
        for key, item in value.items():
            yield from ((f"[{key}]{k}", v) for k, v in _constants(item, depth + 1))
    elif isinstance(value, (list, tuple)) and depth < 2:
        for n, item in enumerate(value):
            yield from ((f"[{n}]{k}", v) for k, v in _constants(item, depth + 1))


def _module(path: Path) -> object | None:
    """A test module, loaded by path under a name of its own (tests/ and tests/writers/ share names)."""
    name = "reconcile_" + "_".join(path.relative_to(TESTS).with_suffix("").parts)
    package = "writers" if path.parent.name == "writers" else None
    spec = importlib.util.spec_from_file_location(f"{package}.{path.stem}" if package else name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # a module that needs what this tool lacks: its files are not read
        print(f"(not read: {path.relative_to(ROOT)}: {err})", file=sys.stderr)
        return None
    return module


def test_constants() -> Iterator[tuple[str, str]]:
    """(name, text) of every module constant of tests/ and tests/writers/ that holds an IATI activity."""
    for folder in (TESTS, TESTS / "writers"):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    for path in sorted([*TESTS.glob("test_*.py"), *(TESTS / "writers").glob("test_*.py")]):
        module = _module(path)
        for key, value in sorted(vars(module).items()) if module else ():
            if key.isupper() or (key.startswith("_") and key[1:].isupper()):
                for sub, text in _constants(value):
                    yield f"{path.relative_to(ROOT)}:{key}{sub}", text


# A template the tests fill in (``{ident}``, ``%s``): no file of a publisher's
TEMPLATE_RE = re.compile(r"\{[a-z_]+\}|%s|%\(")


def embedded_files() -> list[tuple[str, bytes]]:
    """Every IATI activity file the tests embed, once each: the fixture files, and the module constants of
    tests/ holding an activity (real publishers' activities, cut down), a bare one wrapped as the tests do."""
    out: dict[str, tuple[str, bytes]] = {}

    def add(name: str, xml: bytes) -> None:
        try:
            root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return  # a piece of a file (an activity using a prefix its root declares): no file to import
        if root.tag == "iati-activities" and root.find("iati-activity") is not None:
            out.setdefault(hashlib.sha256(xml).hexdigest(), (name, xml))

    for path in sorted((TESTS / "fixtures").rglob("*.xml")):
        add(str(path.relative_to(ROOT)), path.read_bytes())
    for name, text in test_constants():
        if not TEMPLATE_RE.search(text):
            add(name, _wrap(text))
    for name, xml in schema_tests():
        add(name, xml)
    return sorted(out.values())


def schema_tests() -> Iterator[tuple[str, bytes]]:
    """The IATI Standard's schema test activity files (tests/fixtures/iati/schema-tests) as a 2.03 publisher states
    the same markup (``as_203`` of their test module): as they stand the import refuses them by design (version
    "xx", or none)."""
    path = TESTS / "test_iati_schema_tests.py"
    module = _module(path) if path.exists() else None
    as_203 = getattr(module, "as_203", None)
    if not callable(as_203):
        return
    for name in [*getattr(module, "ACTIVITY_PASS", []), *getattr(module, "ACTIVITY_FAIL", [])]:
        yield f"tests/fixtures/iati/schema-tests/{name} (as 2.03)", as_203(name)


# -- what the XML states --------------------------------------------------------------------------


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _decimal(text: str | None) -> str:
    """A decimal as one spelling of its value (``1.50`` and ``1.5`` alike); text that is none as itself."""
    text = (text or "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return f"?{text}"
    if not value.is_finite():
        return f"?{text}"
    out = format(value.normalize(), "f")
    return "0" if out in ("-0", "0") else out


def _date(text: str | None) -> str:
    """A date as its day: a time or time zone a file adds (``2019-01-01T00:00:00Z``) is no other day."""
    text = (text or "").strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:?\d{2})?$", text)
    return m.group(1) if m else text


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return el.find(name)


def _attr(el: etree._Element | None, name: str, default: str = "") -> str:
    if el is None:
        return default
    value = el.get(name)
    return default if value is None else value.strip()


@dataclass
class Stated:
    """What one source activity states, aspect by aspect: each item with the path of its element (``transaction[2]``),
    for the report's notes on it."""

    identifier: str
    items: dict[str, list[tuple[Item, str]]] = field(default_factory=dict)

    def add(self, aspect: str, item: Item, path: str) -> None:
        self.items.setdefault(aspect, []).append((item, path))


def _paths(activity: etree._Element, name: str) -> list[tuple[etree._Element, str]]:
    """The children ``name`` of an activity with the path the report names them by (``budget`` when alone)."""
    found = activity.findall(name)
    if len(found) == 1:
        return [(found[0], name)]
    return [(el, f"{name}[{n}]") for n, el in enumerate(found, 1)]


def _money(el: etree._Element, currency: str) -> tuple[str, str]:
    value = _child(el, "value")
    return _attr(value, "currency") or currency, _decimal(_text(value) if value is not None else None)


def _own_else_default(el: etree._Element, activity: etree._Element, name: str) -> str:
    """A transaction's ``name`` code (flow-type), else its activity's ``default-{name}``."""
    return _attr(_child(el, name), "code") or _attr(_child(activity, f"default-{name}"), "code")


def _transactions(stated: Stated, activity: etree._Element, currency: str) -> None:
    for el, path in _paths(activity, "transaction"):
        kind = _attr(_child(el, "transaction-type"), "code")
        stated.add("transaction", (kind, *_money(el, currency)), path)
        stated.add("transaction classification",
                   (kind, _date(_attr(_child(el, "transaction-date"), "iso-date")),
                    _own_else_default(el, activity, "flow-type"), _own_else_default(el, activity, "finance-type"),
                    _attr(_child(el, "recipient-country"), "code")), path)
        region = _child(el, "recipient-region")
        provider, receiver = _child(el, "provider-org"), _child(el, "receiver-org")
        stated.add("transaction detail",
                   (kind, _date(_attr(_child(el, "value"), "value-date")), _attr(region, "code"),
                    _attr(region, "vocabulary"), _attr(provider, "ref"), _attr(provider, "provider-activity-id"),
                    _attr(receiver, "ref"), _attr(receiver, "receiver-activity-id"),
                    _own_else_default(el, activity, "tied-status"), _attr(el, "ref")), path)
        for sector in el.findall("sector"):
            stated.add("transaction sector", (_attr(sector, "vocabulary"), _attr(sector, "code")), f"{path}/sector")


def _names_of(el: etree._Element) -> frozenset[str]:
    return frozenset(" ".join((n.text or "").split()) for n in el.findall("narrative") if (n.text or "").strip())


def named_refs(activity: etree._Element) -> dict[frozenset[str], set[str]]:
    """The refs of an activity's reporting-org and participating-orgs by their names: a transaction's party
    without ref named as one of them is that organisation (docs/iati.md), and the tables give its identifier."""
    out: dict[frozenset[str], set[str]] = {}
    for org in [*activity.findall("reporting-org"), *activity.findall("participating-org")]:
        if _attr(org, "ref") and _names_of(org):
            out.setdefault(_names_of(org), set()).add(_attr(org, "ref"))
    return out


def _period(el: etree._Element) -> tuple[str, str]:
    """The period-start and period-end days of a budget, planned disbursement or indicator period."""
    return _date(_attr(_child(el, "period-start"), "iso-date")), _date(_attr(_child(el, "period-end"), "iso-date"))


def _budgets(stated: Stated, activity: etree._Element, currency: str) -> None:
    for el, path in _paths(activity, "budget"):
        stated.add("budget", (_attr(el, "type"), _attr(el, "status"), *_period(el), *_money(el, currency)), path)
    for el, path in _paths(activity, "planned-disbursement"):
        stated.add("planned disbursement", (_attr(el, "type"), *_period(el), *_money(el, currency)), path)


def _places(stated: Stated, activity: etree._Element) -> None:
    for el, path in _paths(activity, "sector"):
        pct = el.get("percentage")
        stated.add("sector", (_attr(el, "vocabulary"), _attr(el, "code"), _decimal(pct) if pct else ""), path)
    for el, path in _paths(activity, "recipient-country"):
        pct = el.get("percentage")
        stated.add("country", (_attr(el, "code"), _decimal(pct) if pct else ""), path)
    for el, path in _paths(activity, "recipient-region"):
        pct = el.get("percentage")
        stated.add("region", (_attr(el, "vocabulary"), _attr(el, "code"), _decimal(pct) if pct else ""), path)
    for el, path in _paths(activity, "location"):
        pos = [*_text(el.find("point/pos")).split(), "", ""][:2]
        stated.add("location", (_attr(el, "ref"), *(_decimal(c) if c else "" for c in pos)), path)
    for el, path in _paths(activity, "policy-marker"):
        stated.add("policy marker", (_attr(el, "vocabulary"), _attr(el, "code"), _attr(el, "significance")), path)
    for el, path in _paths(activity, "participating-org"):
        stated.add("participating org", (_attr(el, "role"), _attr(el, "ref"), _attr(el, "activity-id")), path)


def _values(period: etree._Element, name: str) -> str:
    """The values of a period's targets (or actuals) that state one, as the table joins them."""
    return "; ".join(_decimal(_attr(v, "value")) for v in period.findall(name) if _attr(v, "value"))


def _results(stated: Stated, activity: etree._Element) -> None:
    for result, rpath in _paths(activity, "result"):
        for indicator in result.findall("indicator"):
            baselines = indicator.findall("baseline")
            values = [_decimal(_attr(b, "value")) for b in baselines if _attr(b, "value")]
            stated.add("indicator baseline", ("; ".join(values),), f"{rpath}/indicator")
            periods = indicator.findall("period")
            for period in periods:
                stated.add("indicator period", (*_period(period), _values(period, "target"), _values(period, "actual")),
                           f"{rpath}/indicator")
            if not periods:
                stated.add("indicator period", ("", "", "", ""), f"{rpath}/indicator")


# What docs/tables.md says the tables make of what a file states, applied to the source's items before comparing
READINGS = {
    "sole country": "docs/tables.md, activity_countries.csv percentage: an activity's only country stated at 100 % is "
                    "kept as a plain country, its row without element and percentage (the whole, as one stating none)",
    "countries of transactions": "docs/tables.md, activity_countries.csv: an activity that states its countries on "
                                 "its transactions serves those, a row each without a percentage",
    "party named": "docs/iati.md: a transaction's provider-org or receiver-org without ref named exactly as a "
                   "participating-org (or the reporting-org) with a ref is that organisation, whose identifier "
                   "transactions.csv gives (provider_ref, receiver_ref)",
    "sector vocabulary 1": "docs/tables.md, sectors.csv vocabulary_code: 1 when the source states none (IATI's "
                           "default)",
}


def _parties_named(source: Stated, activity: etree._Element) -> list[str]:
    """READINGS' "party named": the ref of the organisation a party without ref is named as."""
    refs = named_refs(activity)
    changed = False
    details = []
    for (item, path), el in zip(source.items.get("transaction detail", []), activity.findall("transaction"),
                                strict=True):
        cells = list(item)
        for column, party in ((4, "provider-org"), (6, "receiver-org")):
            org = _child(el, party)
            found = refs.get(_names_of(org), set()) if org is not None and not _attr(org, "ref") else set()
            if len(found) == 1:
                cells[column] = next(iter(found))
                changed = True
        details.append((tuple(cells), path))
    source.items["transaction detail"] = details
    return ["party named"] if changed else []


def read_as_documented(source: Stated, activity: etree._Element) -> list[str]:
    """Apply ``READINGS`` to ``source`` (in place); the names of those that changed something."""
    applied = []
    for aspect, width in (("sector", 3), ("transaction sector", 2)):
        sectors = source.items.get(aspect, [])
        if any(not item[0] for item, _ in sectors):
            source.items[aspect] = [((item[0] or "1", *item[1:width]), path) for item, path in sectors]
            applied += [] if "sector vocabulary 1" in applied else ["sector vocabulary 1"]
    applied += _parties_named(source, activity)
    countries = source.items.get("country", [])
    if len(countries) == 1 and countries[0][0][1] == "100":
        (code, _pct), path = countries[0]
        source.items["country"] = [((code, ""), path)]
        applied.append("sole country")
    elif not countries and activity.find("recipient-country") is None:
        own = sorted({_attr(c, "code") for c in activity.findall("transaction/recipient-country") if _attr(c, "code")})
        if own:
            source.items["country"] = [((code, ""), "transaction/recipient-country") for code in own]
            applied.append("countries of transactions")
    return applied


def stated(activity: etree._Element) -> Stated:
    """What an activity states, read from its XML alone."""
    out = Stated(_text(_child(activity, "iati-identifier")))
    currency = _attr(activity, "default-currency")
    flag = {"1": "true", "true": "true", "0": "false", "false": "false"}.get(_attr(activity, "humanitarian"), "")
    out.add("activity", (currency, _attr(activity, "hierarchy"), flag), "iati-activity")
    _transactions(out, activity, currency)
    _budgets(out, activity, currency)
    _places(out, activity)
    _results(out, activity)
    return out


# -- what the tables hold -------------------------------------------------------------------------


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    path = site / "tables" / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _listed(cell: str) -> str:
    """A cell of values joined with "; " (an indicator period's targets), each spelt as ``_values`` does."""
    return "; ".join(_decimal(v) if v else "" for v in cell.split("; ")) if cell else ""


def _pct(value: str) -> str:
    return _decimal(value) if value else ""


def tabled(site: Path) -> dict[str, dict[str, list[Item]]]:
    """Per IATI identifier, the items of each aspect as the tables state them."""
    ident = {r["id"]: r["iati_identifier"] for r in _rows(site, "activities")}
    out: dict[str, dict[str, list[Item]]] = {i: {} for i in ident.values()}

    def add(activity: str, aspect: str, item: Item) -> None:
        out.setdefault(ident.get(activity, activity), {}).setdefault(aspect, []).append(item)

    for r in _rows(site, "activities"):
        add(r["id"], "activity", (r["default_currency"], r["hierarchy"], r["humanitarian"]))
    for r in _rows(site, "transactions"):
        add(r["activity"], "transaction", (r["type_code"], r["currency"], _decimal(r["value"]) if r["value"] else ""))
        add(r["activity"], "transaction classification", (r["type_code"], r["date"], r["flow_type_code"],
                                                          r["finance_type_code"], r["recipient_country_code"]))
        add(r["activity"], "transaction detail", (
            r["type_code"], r["value_date"], r["recipient_region_code"], r["recipient_region_vocabulary_code"],
            r["provider_ref"], r["provider_activity"], r["receiver_ref"], r["receiver_activity"], r["tied_status_code"],
            r["ref"]))
    for r in _rows(site, "budgets"):
        add(r["activity"], "budget", (r["type_code"], r["status_code"], r["period_start"], r["period_end"],
                                      r["currency"], _decimal(r["value"]) if r["value"] else ""))
    for r in _rows(site, "planned_disbursements"):
        add(r["activity"], "planned disbursement", (r["type_code"], r["period_start"], r["period_end"], r["currency"],
                                                    _decimal(r["value"]) if r["value"] else ""))
    for r in _rows(site, "sectors"):
        if r["transaction"]:
            add(r["activity"], "transaction sector", (r["vocabulary_code"], r["code"]))
        else:
            add(r["activity"], "sector", (r["vocabulary_code"], r["code"], _pct(r["percentage"])))
    countries = _rows(site, "activity_countries")
    per_activity = Counter(r["activity"] for r in countries)
    for r in countries:  # an only country at 100 % is the whole, as one without percentage (READINGS)
        whole = per_activity[r["activity"]] == 1 and _pct(r["percentage"]) == "100"
        add(r["activity"], "country", (r["country_code"], "" if whole else _pct(r["percentage"])))
    for r in _rows(site, "activity_regions"):
        add(r["activity"], "region", (r["vocabulary_code"], r["code"], _pct(r["percentage"])))
    for r in _rows(site, "locations"):
        add(r["activity"], "location", (r["ref"], _pct(r["latitude"]), _pct(r["longitude"])))
    for r in _rows(site, "policy_markers"):
        add(r["activity"], "policy marker", (r["vocabulary_code"], r["code"], r["significance_code"]))
    for r in _rows(site, "participating_organisations"):
        add(r["activity"], "participating org", (r["role_code"], r["organisation_ref"], r["organisation_activity"]))
    baselines = {r["indicator"]: (r["activity"], r["baseline"]) for r in _rows(site, "indicator_periods")}
    for activity, baseline in baselines.values():
        add(activity, "indicator baseline", (_listed(baseline),))
    for r in _rows(site, "indicator_periods"):
        add(r["activity"], "indicator period", (r["period_start"], r["period_end"], _listed(r["target"]),
                                                _listed(r["actual"])))
    return out


# -- the comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One item of an aspect the source states and the tables do not (``missing``), or the other way round."""

    file: str
    activity: str
    aspect: str
    missing: tuple[Item, ...]
    extra: tuple[Item, ...]
    note: str  # the report line that names the element, empty when none does

    def __str__(self) -> str:
        said = f"\n      note: {self.note}" if self.note else ""
        return (f"{self.activity}: {self.aspect}: in the file, not the tables {list(self.missing)}; "
                f"in the tables, not the file {list(self.extra)}{said}")


# What of an element each aspect reads: a note on another of its children or attributes (a transaction's
# usg:treasury-account) does not explain a difference; an aspect not listed reads any
ASPECT_READS = {
    "transaction": {"value", "transaction-type", "transaction-date"},
    "transaction classification": {"value", "transaction-type", "transaction-date", "flow-type", "finance-type",
                                   "recipient-country"},
    "transaction detail": {"value", "transaction-type", "transaction-date", "recipient-region", "provider-org",
                           "receiver-org", "tied-status", "@ref"},
    "transaction sector": {"sector"},
    "budget": {"value", "period-start", "period-end", "@type", "@status"},
    "planned disbursement": {"value", "period-start", "period-end", "@type"},
    "sector": {"@vocabulary", "@code", "@percentage"},
    "country": {"@code", "@percentage"},
    "region": {"@vocabulary", "@code", "@percentage"},
    "policy marker": {"@vocabulary", "@code", "@significance"},
    "participating org": {"@role", "@ref", "@activity-id"},
    "location": {"point", "@ref"},
}


def _indexed(index: re.Match[str] | None, stated: str | None) -> bool:
    """Whether an index a note states (``1–3``, ``1, 4``; None: all) holds the element's (None: its only one)."""
    if stated is None or index is None:
        return True
    wanted = int(index.group(1))
    for part in re.split(r",\s*", stated):
        low, _, high = part.partition("–")
        if int(low) <= wanted <= int(high or low):
            return True
    return False


def _names(path: str, line: str, reads: set[str] | None = None) -> bool:
    """Whether a report line names the element at ``path`` (``transaction[2]``), all of its kind (``budget``
    unindexed), or one of its children or attributes in ``reads`` (``transaction[2]/value``)."""
    last = path.split("/")[0]
    base = last.split("[", 1)[0]
    index = re.search(r"\[(\d+)\]", last)
    for m in re.finditer(rf"(?<![\w@/-]){re.escape(base)}(?:\[([\d,–\s]+)\])?(?![\w-])", line):
        if not _indexed(index, m.group(1)):
            continue
        child = re.match(r"/(@?[\w.-]+(?::[\w.-]+)?)", line[m.end():])  # value, usg:treasury-account
        if child is None or (":" not in child.group(1) and (reads is None or child.group(1) in reads)):
            return True
    return False


def _explained(paths: Iterable[str], about: list[str], reads: set[str] | None = None) -> str:
    for path in paths:
        for line in about:
            if _names(path, line, reads):
                return line
    return ""


def compare(name: str, source: Stated, table: dict[str, list[Item]], about: list[str]) -> list[Difference]:
    """The differences of one activity, aspect by aspect, each with the note that names its elements."""
    out = []
    for aspect in sorted(set(source.items) | set(table)):
        given = source.items.get(aspect, [])
        missing = Counter(item for item, _ in given) - Counter(table.get(aspect, []))
        extra = Counter(table.get(aspect, [])) - Counter(item for item, _ in given)
        if not missing and not extra:
            continue
        paths = [p for item, p in given if item in missing] or [p for _, p in given] or [aspect.split()[-1]]
        if aspect == "activity":  # its attributes, which a note names alone (not mapped: @hierarchy ...)
            paths = ["@default-currency", "@hierarchy", "@humanitarian"]
        note = _explained(paths, about, ASPECT_READS.get(aspect))
        out.append(Difference(name, source.identifier, aspect, tuple(sorted(missing.elements())),
                              tuple(sorted(extra.elements())), note))
    return out


@dataclass
class Outcome:
    """One file's reconciliation."""

    name: str
    activities: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)
    readings: Counter[str] = field(default_factory=Counter)  # the documented readings applied (READINGS)
    failed: str = ""  # the import or build refused the file
    crashed: str = ""  # the import or build failed otherwise: unexplained


def _about(identifier: str, lines: list[str]) -> list[str]:
    """The report's lines on one activity, and those on the whole file."""
    named = f"'{identifier}'" if identifier else "(no identifier"
    return [line for line in lines if named in line or "activity '" not in line]


def reconcile(name: str, xml: bytes, work: Path) -> Outcome:
    """Import ``xml`` into a new data folder under ``work``, build its tables, and compare."""
    from aidlod.build import build
    from aidlod.errors import InputError
    from aidlod.iati.importer import import_iati
    from aidlod.writers import registered

    outcome = Outcome(name)
    source, data, site = work / "source.xml", work / "data", work / "site"
    source.write_bytes(xml)
    try:
        report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
        build(data, site, writers=[w for w in registered() if w.name == "tables"])
    except InputError as err:  # refused, saying why (no reporting-org, IATI 1.0x): the file states what it says
        outcome.failed = str(err).splitlines()[0]
        return outcome
    except Exception as err:  # a crash is a finding, and the other files are still compared
        outcome.crashed = f"{type(err).__name__}: {err}".splitlines()[0]
        return outcome
    lines = report.lines()
    tables = tabled(site)
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    seen: dict[str, list[Stated]] = {}
    for activity in root.iter("iati-activity"):
        s = stated(activity)
        outcome.counts.update({aspect: len(items) for aspect, items in s.items.items()})
        outcome.readings.update(read_as_documented(s, activity))
        seen.setdefault(s.identifier, []).append(s)
    for identifier, candidates in seen.items():
        outcome.activities += len(candidates)
        table = tables.get(identifier)
        about = _about(identifier, lines)
        if table is None:
            named = f"'{identifier}'" if identifier else "(no identifier"
            note = next((line for line in about if named in line or "no IATI XML written" in line), "")
            outcome.differences.append(Difference(name, identifier, "activity", (("the activity",),), (), note))
            continue
        # several activities of one identifier: the import keeps one (and says so); compare the closest
        options = [compare(name, s, table, about) for s in candidates]
        best = min(options, key=lambda d: sum(len(x.missing) + len(x.extra) for x in d))
        outcome.differences += best
        if len(candidates) > 1:
            note = next((line for line in about if "skipped" in line or "repeat" in line), "")
            outcome.differences.append(Difference(name, identifier, "activity",
                                                  (("a second activity of the identifier",),), (), note))
    return outcome


def summary(outcomes: list[Outcome]) -> tuple[Counter[str], Counter[str], int, int]:
    """The items compared per aspect, the documented readings applied, and the explained and unexplained
    differences of all files."""
    counts: Counter[str] = Counter()
    readings: Counter[str] = Counter()
    for o in outcomes:
        counts.update(o.counts)
        readings.update(o.readings)
        counts["activities"] += o.activities
        counts["files"] += 1
    explained = sum(1 for o in outcomes for d in o.differences if d.note)
    unexplained = sum(1 for o in outcomes for d in o.differences if not d.note) + sum(1 for o in outcomes if o.crashed)
    return counts, readings, explained, unexplained


def run(files: list[tuple[str, bytes]], verbose: bool = False) -> list[Outcome]:
    """Reconcile each file, printing a line per file (and its unexplained differences)."""
    outcomes = []
    for name, xml in files:
        with tempfile.TemporaryDirectory() as tmp:
            o = reconcile(name, xml, Path(tmp))
        outcomes.append(o)
        bad = [d for d in o.differences if not d.note]
        state = f"refused: {o.failed}" if o.failed else f"CRASHED: {o.crashed}" if o.crashed else (
            f"{len(bad)} unexplained, {len(o.differences) - len(bad)} explained" if o.differences else "equal")
        print(f"{name}: {o.activities} activities, {o.counts['transaction']} transactions, "
              f"{o.counts['budget']} budgets: {state}", flush=True)
        for d in o.differences:
            if verbose or not d.note:
                print(f"    {'explained' if d.note else 'UNEXPLAINED'} {d}", flush=True)
    return outcomes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, help="IATI activity files (default: those the tests embed)")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print the explained differences")
    args = parser.parse_args(argv)
    files = [(str(p), p.read_bytes()) for p in args.files] if args.files else embedded_files()
    outcomes = run(files, args.verbose)
    counts, readings, explained, unexplained = summary(outcomes)
    refused = sum(1 for o in outcomes if o.failed)
    print(f"\n{counts['files']} files ({refused} refused by the import or build), {counts['activities']} activities; "
          + ", ".join(f"{counts[k]} {k}" for k in sorted(counts) if k not in ("files", "activities")))
    for reading, n in sorted(readings.items()):
        print(f"read as documented, {n} activities: {READINGS[reading]}")
    print(f"differences: {explained} explained by a note, {unexplained} unexplained")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
