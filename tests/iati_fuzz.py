"""Schema-valid but unusual IATI activity files, drawn from a seed, and a run of them through import and build.

    PYTHONPATH=src python tests/iati_fuzz.py --seeds 0-199 [--out /tmp/iati-fuzz] [--keep]
    PYTHONPATH=src python tests/iati_fuzz.py --organisations --seeds 0-199   # organisation files

    from iati_fuzz import activity_file, run_seed
    xml = activity_file(7)             # bytes: the same file for the same seed, on every machine
    outcome = run_seed(7, work_dir)    # import + build + XSD check of the export; outcome.problems

The generator walks the 2.03 activity model read from the vendored XSD (``aidlod.iati.standard``):
each optional element is left out, stated once or several times; optional attributes are left out;
values come from the round-trip fixtures (``tests/fixtures/iati/roundtrip``, which hold every path)
and are pushed to their edges: empty, blank, very long, right-to-left and CJK narratives in several
languages, negative, zero and many-decimal amounts, dates in 1900 and 2099, unknown but well-formed
codes, vocabulary 99 with and without its URI, percentages that do not add up, currencies without a
default, a related-activity pointing at its own activity, organisations without ref or name,
activities of several reporting-orgs in one file, ``version`` 2.01/2.02/2.03. A drawn file the XSD
rejects is drawn again (the next draw of the same generator), so every file is schema-valid: what the
schema refuses is another test's matter (tests/test_iati_import_hostile.py).

``organisation_file(seed)`` does the same for the 2.03 organisation model (``standard.organisation()``):
one to three organisations per file, each with every budget kind, budget and expense lines and
documents drawn as above, its values from ``ORGANISATION_EXAMPLES``, reported by itself or by another
organisation of the file. An organisation file adds to a dataset, so ``run_seed(seed, work,
organisations=True)`` first imports ``dataset_for(file)``, one plain activity per reporting-org. The
activity seeds draw the same files as before this mode was added.

A run's problems are what the import or build must never do with a valid file: a Python traceback
instead of a clear message, a build that publishes nothing, or an IATI export the 2.03 XSD rejects.
A clear refusal (``InputError``) is reported as such, with its first message, to be judged.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from aidlod.iati import standard, validate_xsd

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "iati" / "roundtrip"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

PUBLISHERS = (("XM-DAC-41122", "40"), ("NO-BRC-971277882", "21"), ("GB-CHC-202918", "21"),
              ("SE-0-SE-6-2021004805", "10"), ("XI-IATI-EC_INTPA", "40"))
LANGS = ("en", "fr", "es", "ar", "he", "zh", "ja", "nb", "EN", "pt-BR")
TEXTS = {
    "en": "Water and sanitation for rural schools", "fr": "Eau et assainissement pour les écoles",
    "es": "Agua y saneamiento para escuelas rurales", "ar": "المياه والصرف الصحي للمدارس الريفية",
    "he": "מים ותברואה לבתי ספר כפריים", "zh": "农村学校的供水和卫生设施", "ja": "農村の学校のための水と衛生",
    "nb": "Vann og sanitær for skoler på landsbygda", "pt-BR": "Água e saneamento para escolas",
}
CURRENCIES = ("USD", "EUR", "NOK", "JPY", "SEK", "GBP", "XOF")
DECIMALS = ("0", "-0", "0.00", "-1500", "-0.01", "1234567.123456789", "0.000001", "99999999999.99",
            "100", "33.333", "250", "-100", "150")
DATES = ("1900-01-01", "2099-12-31", "2000-02-29", "1999-12-31", "2024-06-15")
DATETIMES = ("1900-01-01T00:00:00", "2099-12-31T23:59:59Z", "2024-06-15T12:00:00+05:30")
# Elements whose count multiplies what is below them: kept to one or two so that files stay small
HEAVY = frozenset({"result", "result/indicator", "result/indicator/period", "transaction", "location",
                   "budget", "planned-disbursement", "document-link"})


@cache
def _pool() -> dict[str, list[etree._Element]]:
    """Every element of the round-trip fixtures by its path below ``iati-activity``."""
    pool: dict[str, list[etree._Element]] = {}
    for path in sorted(FIXTURES.glob("*.xml")):
        for activity in etree.parse(str(path)).getroot().iter("iati-activity"):
            _add_to_pool(pool, activity, ("iati-activities", "iati-activity"))
    return pool


def _add_to_pool(pool: dict[str, list[etree._Element]], record: etree._Element, above: tuple[str, str]) -> None:
    """Every element below ``record`` into ``pool`` by its path below it (``above``: the file's and the
    record's tags, left out of the path)."""
    for el in record.iter():
        if not isinstance(el.tag, str) or el is record:
            continue
        steps = [a.tag for a in reversed(list(el.iterancestors())) if a.tag not in above]
        pool.setdefault("/".join([*steps, el.tag]), []).append(el)


@dataclass
class _Draw:
    rng: random.Random
    identifier: str
    identifiers: list[str]
    currency: str | None
    pool: dict[str, list[etree._Element]] | None = None  # example values by path; None: the activities'


def _count(d: _Draw, decl: standard.Element, depth: int) -> int:
    low = decl.min_occurs
    high = decl.max_occurs if decl.max_occurs is not None else 4
    if decl.path in HEAVY or depth > 3:
        high = min(high, 2)
    roll = d.rng.random()
    if low == 0 and roll < 0.45:
        return 0
    if roll < 0.85 or high <= max(low, 1):
        return max(low, 1)
    return d.rng.randint(max(low, 1), high)


def _text(d: _Draw, lang: str | None) -> str:
    roll = d.rng.random()
    if roll < 0.08:
        return ""
    if roll < 0.14:
        return " \n\t "
    if roll < 0.2:
        return ("Long text, " + TEXTS["en"] + ". ") * d.rng.randint(60, 200)
    if roll < 0.26:
        return "  <b>not markup</b> & \"quotes\" ' \u200b\u202e reversed\u202c  "
    if roll < 0.3:
        return "x"
    return TEXTS.get((lang or "en").lower() if lang != "pt-BR" else lang, TEXTS["en"])


def _narrative(d: _Draw) -> etree._Element:
    el = etree.Element("narrative")
    lang = d.rng.choice((None, None, *LANGS))
    if lang:
        el.set(XML_LANG, lang)
    el.text = _text(d, lang)
    return el


def _unknown_code(d: _Draw, value: str) -> str:
    if value.isdigit():
        return d.rng.choice(("999", "0", "00", "12345"))
    return d.rng.choice(("ZZ", "XX-UNKNOWN", "zz", "A1"))


def _value(d: _Draw, decl: standard.Element, name: str, datatype: str, example: str | None) -> str:
    """A value for attribute ``name`` (or the text, ``name`` empty) of ``decl``, of ``datatype``."""
    rng = d.rng
    if datatype == "decimal":
        return rng.choice(DECIMALS) if rng.random() < 0.5 or example is None else example
    if datatype == "date":
        return rng.choice(DATES) if rng.random() < 0.3 or example is None else example
    if datatype == "dateTime":
        return rng.choice(DATETIMES) if rng.random() < 0.3 or example is None else example
    if datatype == "boolean":
        return rng.choice(("0", "1", "true", "false"))
    if datatype in ("int", "integer", "nonNegativeInteger", "positiveInteger", "unsignedInt"):
        return rng.choice(("1", "2", "0", "30", "2099")) if example is None or rng.random() < 0.3 else example
    if name == "currency":
        return rng.choice(CURRENCIES)
    if name == "vocabulary" and rng.random() < 0.25:
        return rng.choice(("99", "98"))
    if name == "ref" and decl.name == "related-activity" and rng.random() < 0.3:
        return d.identifier  # pointing at itself
    if name == "ref" and decl.name == "related-activity" and rng.random() < 0.5:
        return rng.choice(d.identifiers)
    if example is None:
        return "x"
    if name in ("code", "type", "vocabulary", "significance", "status") and rng.random() < 0.15:
        return _unknown_code(d, example)
    if name in ("ref", "provider-activity-id", "receiver-activity-id", "activity-id") and rng.random() < 0.2:
        return rng.choice(("", " ", "XM-DAC-41122", "unknown org ref"))
    return example


def _element(d: _Draw, decl: standard.Element, depth: int) -> etree._Element:
    rng = d.rng
    el = etree.Element(decl.name)
    if decl.name == "narrative":
        return _narrative(d)
    examples = (_pool() if d.pool is None else d.pool).get(decl.path, [])
    example = rng.choice(examples) if examples else None
    for name, attr in decl.attributes.items():
        if name == "xml:lang":
            if rng.random() < 0.15:
                el.set(XML_LANG, rng.choice(LANGS))
            continue
        if not attr.required and rng.random() < 0.35:
            continue
        given = example.get(name) if example is not None else None
        if given is None and not attr.required and rng.random() < 0.5:
            continue
        el.set(name, _value(d, decl, name, attr.datatype, given))
    if decl.text and not decl.children:
        given = (example.text or "") if example is not None else None
        el.text = _value(d, decl, "", decl.text, given)
    for child in decl.children:
        for _ in range(_count(d, child, depth)):
            el.append(_element(d, child, depth + 1))
    return el


def _activity(d: _Draw, reporting: tuple[str, str], version: str) -> etree._Element:
    """One activity: drawn from the model, then its identifier and reporting-org made to fit."""
    rng = d.rng
    decl = standard.activity()
    act = etree.Element("iati-activity")
    for name in ("last-updated-datetime", "hierarchy", "humanitarian", "budget-not-provided", "linked-data-uri"):
        attr = decl.attributes.get(name)
        if attr is not None and rng.random() < 0.5:
            example = next((a.get(name) for a in _root_examples() if a.get(name)), None)
            act.set(name, _value(d, decl, name, attr.datatype, example))
    _fill_record(d, act, decl, "iati-identifier", reporting)
    return act


def _fill_record(d: _Draw, record: etree._Element, decl: standard.Element, id_tag: str,
                 reporting: tuple[str, str]) -> None:
    """What an activity and an organisation draw alike after their own attributes: the file's default
    currency, a language most of the time, and their elements (``_record_children``)."""
    if d.currency:
        record.set("default-currency", d.currency)
    if d.rng.random() < 0.6:
        record.set(XML_LANG, d.rng.choice(LANGS))
    _record_children(d, record, decl, id_tag, reporting)


def _record_children(d: _Draw, record: etree._Element, decl: standard.Element, id_tag: str,
                     reporting: tuple[str, str]) -> None:
    """An activity's or organisation's elements in the model's order: its identifier and reporting-org
    made to fit the file, every other element drawn."""
    rng = d.rng
    for child in decl.children:
        if child.name == id_tag:
            ident = etree.SubElement(record, id_tag)
            ident.text = d.identifier if rng.random() < 0.9 else f"  {d.identifier}\n"
            continue
        if child.name == "reporting-org":
            org = etree.SubElement(record, "reporting-org", ref=reporting[0], type=reporting[1])
            if rng.random() < 0.2:
                org.set("secondary-reporter", rng.choice(("0", "1")))
            for _ in range(rng.choice((1, 1, 2))):
                org.append(_narrative(d))
            continue
        for _ in range(_count(d, child, 0)):
            record.append(_element(d, child, 1))


@cache
def _root_examples() -> list[etree._Element]:
    return [a for p in sorted(FIXTURES.glob("*.xml")) for a in etree.parse(str(p)).getroot().iter("iati-activity")]


def _draw(rng: random.Random) -> bytes:
    version = rng.choice(("2.03", "2.03", "2.02", "2.01"))
    root = etree.Element("iati-activities", version=version)
    if rng.random() < 0.7:
        root.set("generated-datetime", rng.choice(DATETIMES))
    if rng.random() < 0.2:
        root.set("linked-data-default", "http://example.org/iati/")
    publishers = rng.sample(PUBLISHERS, rng.choice((1, 1, 2)))
    n = rng.choice((1, 1, 2, 3))
    identifiers = [f"{publishers[i % len(publishers)][0]}-FZ{i}" for i in range(n)]
    for i, ident in enumerate(identifiers):
        currency = rng.choice((None, *CURRENCIES))
        d = _Draw(rng, ident, identifiers, currency)
        root.append(_activity(d, publishers[i % len(publishers)], version))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def activity_file(seed: int, tries: int = 200) -> bytes:
    """The schema-valid file of ``seed``: the first draw of ``random.Random(seed)`` the XSD accepts."""
    return _first_valid(seed, _draw, "activities", tries)


def _first_valid(seed: int, draw: Callable[[random.Random], bytes], kind: str, tries: int) -> bytes:
    """The first of ``draw``'s files from ``random.Random(seed)`` that the ``kind`` XSD accepts."""
    rng = random.Random(seed)
    for _ in range(tries):
        xml = draw(rng)
        if not validate_xsd(xml, kind):
            return xml
    raise RuntimeError(f"seed {seed}: no schema-valid {kind} draw in {tries} tries")


# Example values of every path below ``iati-organisation`` (the activity fixtures hold none): shaped
# after the IATI 2.03 organisation standard example and Rikolto Belgium's and Norad's published files.
ORGANISATION_EXAMPLES = """<iati-organisations version="2.03">
 <iati-organisation last-updated-datetime="2024-05-30T12:14:31+00:00" xml:lang="en" default-currency="EUR">
  <organisation-identifier>AA-AAA-123456789</organisation-identifier>
  <name><narrative>Organisation name</narrative></name>
  <reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0"><narrative>Organisation name</narrative>
  </reporting-org>
  <total-budget status="2">
   <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value currency="EUR" value-date="2024-01-01">1000000</value>
   <budget-line ref="1234"><value currency="USD" value-date="2024-01-01">400000</value>
    <narrative>Budget line</narrative></budget-line>
  </total-budget>
  <recipient-org-budget status="1">
   <recipient-org ref="XM-DAC-47066"><narrative>International Organization for Migration</narrative></recipient-org>
   <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value currency="USD" value-date="2024-01-01">250000</value>
   <budget-line ref="1234"><value currency="USD" value-date="2024-01-01">10000</value>
    <narrative>Budget line</narrative></budget-line>
  </recipient-org-budget>
  <recipient-region-budget status="2">
   <recipient-region vocabulary="1" vocabulary-uri="https://example.org/regions" code="289">
    <narrative>South of Sahara, regional</narrative></recipient-region>
   <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value currency="USD" value-date="2024-01-01">300000</value>
   <budget-line ref="1234"><value currency="USD" value-date="2024-01-01">20000</value>
    <narrative>Budget line</narrative></budget-line>
  </recipient-region-budget>
  <recipient-country-budget status="2">
   <recipient-country code="AF"><narrative>Afghanistan</narrative></recipient-country>
   <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value currency="USD" value-date="2024-01-01">5000</value>
   <budget-line ref="1234"><value currency="USD" value-date="2024-01-01">1000</value>
    <narrative>Budget line</narrative></budget-line>
  </recipient-country-budget>
  <total-expenditure>
   <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value currency="USD" value-date="2023-01-01">850000.27</value>
   <expense-line ref="1234"><value currency="USD" value-date="2023-01-01">300000</value>
    <narrative>Expense line</narrative></expense-line>
  </total-expenditure>
  <document-link format="application/pdf" url="https://example.org/annual-report-2023.pdf">
   <title><narrative>Annual report 2023</narrative></title>
   <description><narrative>The organisation's annual report</narrative></description>
   <category code="B01"/>
   <language code="en"/>
   <document-date iso-date="2024-03-01"/>
   <recipient-country code="KE"><narrative>Kenya</narrative></recipient-country>
  </document-link>
 </iati-organisation>
</iati-organisations>"""


@cache
def _organisation_pool() -> dict[str, list[etree._Element]]:
    """Every element of ``ORGANISATION_EXAMPLES`` by its path below ``iati-organisation``."""
    pool: dict[str, list[etree._Element]] = {}
    org = etree.fromstring(ORGANISATION_EXAMPLES.encode()).find("iati-organisation")
    assert org is not None
    _add_to_pool(pool, org, ("iati-organisations", "iati-organisation"))
    return pool


def _organisation(d: _Draw, reporting: tuple[str, str]) -> etree._Element:
    """One organisation: drawn from the model, then its identifier and reporting-org made to fit."""
    rng = d.rng
    decl = standard.organisation()
    org = etree.Element("iati-organisation")
    if rng.random() < 0.5:
        org.set("last-updated-datetime", rng.choice(DATETIMES))
    _fill_record(d, org, decl, "organisation-identifier", reporting)
    return org


def _draw_organisations(rng: random.Random) -> bytes:
    version = rng.choice(("2.03", "2.03", "2.02", "2.01"))
    root = etree.Element("iati-organisations", version=version)
    if rng.random() < 0.7:
        root.set("generated-datetime", rng.choice(DATETIMES))
    publishers = rng.sample(PUBLISHERS, rng.choice((1, 1, 2, 3)))
    for publisher in publishers:
        # mostly its own reporter; else another of the file's publishers reports it
        reporting = publisher if rng.random() < 0.8 else rng.choice(publishers)
        d = _Draw(rng, publisher[0], [p[0] for p in publishers], rng.choice((None, *CURRENCIES)),
                  _organisation_pool())
        root.append(_organisation(d, reporting))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def organisation_file(seed: int, tries: int = 200) -> bytes:
    """The schema-valid organisation file of ``seed`` (``random.Random(seed)``, as ``activity_file``)."""
    return _first_valid(seed, _draw_organisations, "organisations", tries)


@dataclass
class Outcome:
    """What one seed's file did: ``problems`` (tracebacks, nothing published, XSD-invalid export) and
    ``refused`` (a clear InputError's first lines, to judge), ``dropped`` (the export's reasons)."""

    seed: int
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # activities the export leaves out, and why
    imported: int = 0


def dataset_for(organisations: bytes) -> bytes:
    """A plain activity file, one activity per reporting-org of ``organisations``: the dataset an
    organisation file adds to (the import refuses one into an empty data folder)."""
    root = etree.Element("iati-activities", version="2.03")
    reporters: dict[str, etree._Element] = {}
    for rep in etree.fromstring(organisations).iter("reporting-org"):
        reporters.setdefault(rep.get("ref") or "", rep)
    for i, (ref, given) in enumerate(reporters.items()):
        act = etree.SubElement(root, "iati-activity", {"default-currency": "USD", XML_LANG: "en"})
        etree.SubElement(act, "iati-identifier").text = f"{ref}-DATASET{i}"
        # named as the organisation file names its reporter (the publisher's own words), else by its ref
        rep = etree.SubElement(act, "reporting-org", ref=ref, type=given.get("type") or "40")
        for narrative in given.findall("narrative"):
            rep.append(copy.deepcopy(narrative))
        if not any((n.text or "").strip() for n in rep):
            etree.SubElement(rep, "narrative").text = ref
        etree.SubElement(etree.SubElement(act, "title"), "narrative").text = "Water"
        etree.SubElement(etree.SubElement(act, "description"), "narrative").text = "Wells"
        etree.SubElement(act, "participating-org", ref=ref, role="1", type=given.get("type") or "40")
        etree.SubElement(act, "activity-status", code="2")
        etree.SubElement(act, "activity-date", {"type": "2", "iso-date": "2020-01-01"})
        etree.SubElement(act, "sector", code="14030", vocabulary="1")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def run_file(source: Path, work: Path, seed: int = -1, before: Path | None = None) -> Outcome:
    """Import ``before`` (if given) and ``source`` into ``work/data``, build ``work/site``, check the
    IATI export against the XSD."""
    from aidlod.build import build
    from aidlod.errors import InputError
    from aidlod.iati.importer import import_iati

    out = Outcome(seed)
    data, site = work / "data", work / "site"
    try:
        if before is not None:
            import_iati(before, data, licence=CC_BY, base_iri="http://example.org/")
        report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
        out.imported = len(report.lines())
    except InputError as e:
        lines = str(e).splitlines() or [repr(e)]
        why = [line for line in lines if "skipped:" in line or "limit is" in line] or lines[-1:]
        out.refused.append(f"import: {why[0]}"[:400])  # the reason, not the notes before it
        return out
    except Exception:
        out.problems.append("import traceback:\n" + traceback.format_exc(limit=8))
        return out
    try:
        built = build(data, site)
    except InputError as e:
        out.refused.append(f"build: {str(e)[:600]}")
        return out
    except Exception:
        out.problems.append("build traceback:\n" + traceback.format_exc(limit=8))
        return out
    if not (site / "index.html").exists():
        out.problems.append("build published no index.html")
    for w in built.warnings:
        if "does not validate against the IATI 2.03 schema" in w.message:  # the export made invalid XML
            out.problems.append(f"{w.record}: {w.message}"[:600])
        elif "not exported to IATI" in w.message:
            out.dropped.append(f"{w.record}: {w.message}"[:300])
    exports = sorted((site / "iati").rglob("*.xml")) if (site / "iati").exists() else []
    if not exports and not any("no IATI XML written" in w.message for w in built.warnings):
        out.problems.append("build wrote no IATI XML and said not why")
    for path in exports:
        kind = "organisations" if etree.parse(str(path)).getroot().tag == "iati-organisations" else "activities"
        errors = validate_xsd(path.read_bytes(), kind)
        if errors:
            out.problems.append(f"{path.relative_to(site)} XSD-invalid: " + "; ".join(errors[:3]))
    return out


def run_seed(seed: int, work: Path, organisations: bool = False) -> Outcome:
    """``run_file`` on the activity file of ``seed``, or its organisation file."""
    source = work / f"seed-{seed}.xml"
    work.mkdir(parents=True, exist_ok=True)
    if not organisations:
        source.write_bytes(activity_file(seed))
        return run_file(source, work, seed)
    xml = organisation_file(seed)
    source.write_bytes(xml)
    before = work / f"seed-{seed}-dataset.xml"
    before.write_bytes(dataset_for(xml))
    return run_file(source, work, seed, before)


def _seeds(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        low, _, high = part.partition("-")
        out.extend(range(int(low), int(high or low) + 1))
    return out


def main(argv: list[str]) -> int:
    """Run each seed; print its problems and refusals; exit 1 when any seed has a problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-19", help="seeds to run, e.g. 0-199 or 3,7,10-12")
    parser.add_argument("--out", type=Path, help="keep each seed's file and site in OUT/seed-N/")
    parser.add_argument("--write-only", action="store_true", help="only write the files (needs --out)")
    parser.add_argument("--organisations", action="store_true", help="organisation files instead of activities")
    args = parser.parse_args(argv)
    draw = organisation_file if args.organisations else activity_file
    status = 0
    for seed in _seeds(args.seeds):
        if args.out and args.write_only:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"seed-{seed}.xml").write_bytes(draw(seed))
            continue
        with tempfile.TemporaryDirectory() as tmp:
            work = args.out / f"seed-{seed}" if args.out else Path(tmp)
            if args.out:
                shutil.rmtree(work, ignore_errors=True)
            outcome = run_seed(seed, work, args.organisations)
        verdict = "problem" if outcome.problems else "refused" if outcome.refused else "ok"
        print(f"seed {seed}: {verdict}", flush=True)
        for line in outcome.problems + outcome.refused + outcome.dropped:
            print("  " + line.replace("\n", "\n  "), flush=True)
        status |= bool(outcome.problems)
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
