"""Does a site carry every fact of an IATI file? Import it, build, and list what of the input the site's
IATI export does not state again and no line of the import's report names.

    PYTHONPATH=src python tests/iati_coverage.py FILE.xml [FILE.xml ...]
    PYTHONPATH=src python tests/iati_coverage.py --dataset ACTIVITIES.xml ORGANISATIONS.xml [...]

    from iati_coverage import uncovered
    uncovered(Path("file.xml"), tmp_path)  # -> [] when everything is carried or noted

Each input activity is compared with the exported activity of the same identifier, twice: every element
path and attribute (``transaction/provider-org/@provider-activity-id``) must be in the export, and every
value of the input must be there again (``iati_roundtrip.missing``: booleans, decimals and languages
compared by value); else a line of the import's report or a warning of the build, about the activity or
the whole file, must name the element or attribute, or one around it. An activity left out of the
export must be named by one of them. An organisation file (imported after ``--dataset``, the activity
file that makes the dataset it adds to) is compared the same way, organisation by organisation, with
the site's ``iati/organisation.xml``.

What the import documents reading without a note (docs/iati.md) is taken as read, not lost: an
aggregator's attributes (d-portal's ``dstore:`` and ``iati-activities:``, the Datastore's
``iati-extra:version``, the schema location a download copies onto each activity), ``xml:lang`` on an
element other than a narrative (the language of the narratives inside, which state it themselves in
the export), an activity's own ``version``, the line breaks of a narrative (compared with spaces collapsed) and the
invisible characters at its ends, a narrative stated twice in one language, the narratives of one
language of a description (the paragraphs of one text in the export), titles or descriptions of
one type that the export writes as one element with a narrative per language, a budget-item repeating
its parent's vocabulary, and an empty narrative, attribute or element (``<website/>``, a
``person-name`` of an empty narrative), which states nothing. A language tag that the report says the
import reads as another ("xml:lang 'en-GB' is read as 'en'") is compared as that one.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Attributes the import reads as where an aggregator found the activity, or a hint to validators
_READ_SILENTLY = frozenset({
    "{http://d-portal.org/xmlns/dstore}dataset", "{http://d-portal.org/xmlns/dstore}index",
    "{http://d-portal.org/xmlns/iati-activities}generated-datetime",
    "{http://d-portal.org/xmlns/iati-activities}version",
    "{http://d-portal.org/xmlns/iati-activities}linked-data-default",
    "{https://datastore.codeforiati.org/ns}version", "{http://datastore.iatistandard.org/ns}version",
    "version",  # an activity's own version: read, the export states the file's
    "{http://www.w3.org/2001/XMLSchema-instance}noNamespaceSchemaLocation",
    "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
})
_DOWNLOAD_ATTRS = frozenset({"generated-datetime", "dataset"})
# A hint to validators on whatever element it stands: the XML Schema type of the element's content
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
# Characters the import strips at the ends of a narrative, as it strips spaces
_INVISIBLE = "\u200b\u2060\ufeff"


@dataclass(frozen=True)
class Coverage:
    """One input activity's facts that are neither in the export nor in a note (``lost``), and those
    a note names (``noted``), each as a path or a value."""

    identifier: str
    lost: tuple[str, ...]
    noted: tuple[str, ...]


def _name(qname: str) -> str:
    return qname.rsplit("}", 1)[-1]


def _tidy(el: etree._Element, download: bool = False) -> None:
    """The input as the import means to read it: narratives with their inherited language and their
    spaces collapsed, no empty narrative, attribute or element, no attribute read silently (and, in
    an aggregator's ``download`` whose root states no version, each activity's plain
    ``generated-datetime`` and ``dataset``)."""
    silent = _READ_SILENTLY | (_DOWNLOAD_ATTRS if download else frozenset())
    for child in el.iter():
        if not isinstance(child.tag, str):
            continue
        for name, value in list(child.attrib.items()):
            if (name in silent and child is el) or name == _XSI_TYPE or not value.strip():
                del child.attrib[name]
    _narratives(el)
    _merge_by_language(el)
    for items in el.findall("country-budget-items"):  # a budget-item repeating its parent's vocabulary
        for item in items.findall("budget-item"):
            if item.get("vocabulary") == items.get("vocabulary"):
                del item.attrib["vocabulary"]
    for child in el.iter():
        if isinstance(child.tag, str) and child.tag != "narrative" and child is not el:
            child.attrib.pop(XML_LANG, None)
    for child in reversed(list(el.iter())):  # innermost first: a parent left empty goes too
        parent = child.getparent()
        if (parent is not None and child is not el and isinstance(child.tag, str) and not child.attrib
                and not (child.text or "").strip() and not any(isinstance(c.tag, str) for c in child)):
            parent.remove(child)


def _narratives(el: etree._Element) -> None:
    """Each narrative with the language it inherits and its text as read; an empty one, or one saying
    the same again in the same language, gone."""
    seen: set[tuple[object, str | None, str]] = set()
    for narrative in list(el.iter("narrative")):
        lang = next((a.get(XML_LANG) for a in narrative.iterancestors() if a.get(XML_LANG)), None)
        if XML_LANG not in narrative.attrib and lang and narrative.getparent() is not el:
            narrative.set(XML_LANG, lang)
        narrative.text = " ".join((narrative.text or "").split()).strip(_INVISIBLE)
        parent = narrative.getparent()
        key = (parent, (narrative.get(XML_LANG) or "").lower() or None, narrative.text)
        if parent is not None and ((not narrative.text and len(narrative) == 0) or key in seen):
            parent.remove(narrative)
        seen.add(key)


def _merge_by_language(el: etree._Element) -> None:
    """A description's narratives of one language as one text (its paragraphs), and titles or
    descriptions of one type as one element with a narrative per language: the export's form."""
    for description in el.iter("description"):
        first: dict[str, etree._Element] = {}
        for narrative in description.findall("narrative"):
            lang = (narrative.get(XML_LANG) or "").lower()
            if lang in first:
                first[lang].text = f"{first[lang].text} {narrative.text}"
                description.remove(narrative)
            else:
                first[lang] = narrative
    for tag in ("title", "description"):
        groups: dict[tuple[tuple[str, str], ...], list[etree._Element]] = {}
        for child in el.findall(tag):
            groups.setdefault(tuple(sorted(child.attrib.items())), []).append(child)
        for same in groups.values():
            langs = [(n.get(XML_LANG) or "").lower() for c in same for n in c.findall("narrative")]
            if len(same) > 1 and len(langs) == len(set(langs)):
                for other in same[1:]:
                    same[0].extend(other.findall("narrative"))
                    el.remove(other)


def _paths(el: etree._Element, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for name in el.attrib:
        out.add(f"{prefix}/@{_name(name)}" if prefix else f"@{_name(name)}")
    for child in el:
        if isinstance(child.tag, str):
            path = f"{prefix}/{_name(child.tag)}" if prefix else _name(child.tag)
            out.add(path)
            out |= _paths(child, path)
    return out


def _subject(name: str, line: str) -> bool:
    """Whether a report line is about the element ``name`` itself (``capital-spend (empty)``,
    ``result: no <indicator>``, ``transaction[2] …``), not about something inside it
    (``transaction[1]/flow-type[1]/@code``)."""
    return re.search(rf"(?<![\w@-]){re.escape(name)}(?!\[\d+(?:[–,] ?\d+)*\]/|[\w/-])", line) is not None


def _noted(path: str, lines: list[str]) -> bool:
    """Whether a report line names the path's element or attribute, or an element around it."""
    steps = path.split("/")
    if steps[-1].startswith("@"):
        attr, parent = steps[-1][1:], (steps[-2] if len(steps) > 1 else "")
        named = rf"@(?:[\w-]+:|\{{[^}}]*\}})?{re.escape(attr)}(?![\w-])"  # @aidlod:date, @{ns}funding-amount
        if attr == "lang" and any("xml:lang" in line for line in lines):  # a language tag read otherwise
            return True
        pattern = rf"{re.escape(parent)}(\[\d+(?:[–,] ?\d+)*\])?/{named}" if parent else rf"(?<![\w/-]){named}"
        if any(re.search(pattern, line) for line in lines):
            return True
        steps = steps[:-1]
    return any(_subject(step, line) for step in steps for line in lines)


def compare(source: Path, exported: Path, report: list[str]) -> list[Coverage]:
    """Each input activity against the exported activity of its identifier (``exported`` the site's
    ``iati/activities.xml``), ``report`` the import's report lines and the build's warnings."""
    outs = {}
    if exported.exists():  # a build that can export no activity writes no file
        outs = {(a.findtext("iati-identifier") or "").strip(): a
                for a in etree.parse(str(exported)).getroot().iter("iati-activity")}
    in_root = etree.parse(str(source)).getroot()
    download = in_root.get("version") is None
    results = []
    seen: set[str] = set()
    for activity in in_root.iter("iati-activity"):
        ident = (activity.findtext("iati-identifier") or "").strip()
        named = ident or "(no identifier"  # how the report names an activity without identifier
        about = [line for line in report if named in line or "activity '" not in line]
        out = outs.get(ident) if ident else None
        if ident in seen and any(f"activity {ident!r}: skipped: an earlier activity" in line for line in report):
            # a second activity of the identifier (DGD's XM-DAC-2-10-3267 twice), which the import skips saying
            # so: not the first one's export to compare with
            results.append(Coverage(ident, (), ("the activity",)))
            continue
        seen.add(ident)
        if out is None:  # named, or none exported at all (the build says why: no reporting-org identifier)
            said = any(named in line or "no IATI XML written" in line for line in report)
            results.append(Coverage(ident, () if said else ("the activity",), ("the activity",) if said else ()))
            continue
        _read_tags(activity, report)
        _tidy(activity, download)
        _tidy(out)
        results.append(_covered(ident, activity, out, _read_tag(in_root.get(XML_LANG), report), about))
    return results


# The import's note on a language tag it reads as another ("xml:lang 'en-GB' is read as 'en': …").
_TAG_READ_RE = re.compile(r"xml:lang '([^']+)' is read as '([^']+)'")


def _read_tag(tag: str | None, report: list[str]) -> str | None:
    """``tag`` as the import's report says it reads it (a regional variety beside its language, "EN-us")."""
    if tag is None:
        return None
    read = {m.group(1).lower(): m.group(2) for line in report for m in _TAG_READ_RE.finditer(line)}
    return read.get(tag.lower(), tag)


def _read_tags(el: etree._Element, report: list[str]) -> None:
    """Each language tag of ``el`` as the import's report says it reads it: a narrative's "en-GB" beside the
    file's "en" is exported as "en", which the report says, not lost."""
    for child in el.iter():
        if isinstance(child.tag, str) and child.get(XML_LANG) is not None:
            child.set(XML_LANG, _read_tag(child.get(XML_LANG), report) or "")


def _covered(ident: str, given: etree._Element, out: etree._Element, lang: str | None, about: list[str]) -> Coverage:
    """What of ``given`` (an activity or organisation, tidied) ``out`` does not state again, split into what
    a line of ``about`` (the report's lines on it) names and what none does."""
    from iati_roundtrip import missing

    lost, noted = [], []
    gaps = sorted(_paths(given) - _paths(out))
    gaps += [f"value {m}" for m in missing(given, out, lang)]
    for gap in gaps:
        if gap.startswith("value "):  # a changed value: any note on or in that element may say why
            key = gap.removeprefix("value ").split("[", 1)[0].split("=", 1)[0]
            key = f"@{_name(key[1:])}" if key.startswith("@") else key
            said = any(re.search(rf"(?<![\w@-]){re.escape(key)}(?!\w)", line) for line in about) or (
                key == "@lang" and any("xml:lang" in line for line in about))
        else:
            said = _noted(gap, about)
        (noted if said else lost).append(gap)
    return Coverage(ident, tuple(lost), tuple(noted))


def compare_organisations(source: Path, exported: Path, report: list[str]) -> list[Coverage]:
    """Each input organisation of an organisation file against the exported organisation of its
    identifier (``exported`` the site's ``iati/organisation.xml``), as ``compare`` does activities:
    the reporting-org is the dataset's in the export, so its own facts must be noted when they differ."""
    outs = {}
    if exported.exists():
        outs = {(o.findtext("organisation-identifier") or "").strip(): o
                for o in etree.parse(str(exported)).getroot().iter("iati-organisation")}
    in_root = etree.parse(str(source)).getroot()
    results = []
    for organisation in in_root.iter("iati-organisation"):
        ident = (organisation.findtext("organisation-identifier") or "").strip()
        about = [line for line in report if f"'{ident}'" in line or "organisation '" not in line]
        out = outs.get(ident) if ident else None
        if out is None:
            said = any(ident and ident in line for line in report)
            whole = ("the organisation",)
            results.append(Coverage(ident, () if said else whole, whole if said else ()))
            continue
        _tidy(organisation)
        _tidy(out)
        results.append(_covered(ident, organisation, out, in_root.get(XML_LANG), about))
    return results


def uncovered(source: Path, work: Path, dataset: Path | None = None) -> list[str]:
    """What of ``source`` a site built from it neither exports nor notes, as ``identifier: path``."""
    from aidlod.build import build
    from aidlod.iati.importer import import_iati
    from aidlod.writers.iati import IatiWriter

    data, site = work / "data", work / "site"
    if dataset is not None:  # an organisation file adds to the dataset its publisher's activities make
        import_iati(dataset, data, licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    report = import_iati(source, data, licence="https://creativecommons.org/licenses/by/4.0/",
                         base_iri="http://example.org/")
    built = build(data, site, writers=[IatiWriter()])
    said = report.lines() + [f"{w.record}: {w.message}" for w in built.warnings]  # what the build leaves out
    if report.kind == "organisation":
        results = compare_organisations(source, site / "iati" / "organisation.xml", said)
    else:
        results = compare(source, site / "iati" / "activities.xml", said)
    return [f"{c.identifier}: {gap}" for c in results for gap in c.lost]


def main(argv: list[str]) -> int:
    """Print each file's uncovered facts; exit 1 when there are any."""
    status = 0
    dataset = None
    if argv[:1] == ["--dataset"]:  # an activity file to import first, for organisation files
        dataset, argv = Path(argv[1]).resolve(), argv[2:]
    for name in argv:
        with tempfile.TemporaryDirectory() as tmp:
            gaps = uncovered(Path(name).resolve(), Path(tmp), dataset)
        print(f"{name}: {'everything exported or noted' if not gaps else f'{len(gaps)} uncovered'}")
        for gap in gaps:
            print(f"  {gap}")
        status |= bool(gaps)
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
