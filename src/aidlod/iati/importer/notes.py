"""The notes on what an activity or organisation leaves unmapped: worded (an element or an attribute, as the
file prefixes it) and collapsed over repeated elements."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from lxml import etree

from .. import EXT, standard
from ..reading import _POSITION, _declared, _relpath


def _attribute_or_element(path: str) -> str:
    """Whether a path a note names (``participating-org[1]/{ns}duns-number``, ``…/@{ns}funding-amount``) ends
    in an attribute or an element: USG's ``usg:duns-number`` was "not an IATI 2.03 attribute or element"."""
    return "attribute" if re.sub(r"\{[^}]*\}", "", path).rpartition("/")[2].startswith("@") else "element"


_CLARK = re.compile(r"\{([^{}\s]+)\}(?=[\w-])")


def _as_prefixed(notes: Iterable[str], nsmap: Mapping[str | None, str]) -> list[str]:
    """Notes naming another namespace's element or attribute by the prefix the file declares for it
    (``transaction[1]/usg:treasury-account``, as the publisher writes it), not by its namespace in braces
    (``{https://explorer.usaid.gov}treasury-account``, which no search of the file finds); a namespace the
    file gives no prefix stays in braces."""
    prefixes = {uri: prefix for prefix, uri in nsmap.items() if prefix}
    return [_CLARK.sub(lambda m: f"{prefixes[m.group(1)]}:" if m.group(1) in prefixes else m.group(), note)
            for note in notes]


def _ranges(numbers: Sequence[int]) -> str:
    """``1–3, 5, 7–9``: positions as the collapsed note names them."""
    out, start = [], 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            first, last = numbers[start], numbers[i - 1]
            out.append(str(first) if first == last else f"{first}–{last}")
            start = i
    return ", ".join(out)


def _empty_foreign(el: etree._Element) -> bool:
    """Whether an element of another namespace states nothing: no attribute and no text in it or below it
    (USAID's ``<usg:tec1><narrative/></usg:tec1>`` on most of its activities), which is read as an empty
    IATI element is, without a note that something was not mapped."""
    return (isinstance(el.tag, str) and el.tag.startswith("{")
            and not any(e.attrib or (e.text or "").strip() for e in el.iter() if isinstance(e.tag, str))
            and not any((e.tail or "").strip() for e in el.iterdescendants()))


def _not_iati(el: etree._Element, top: etree._Element) -> list[str]:
    """The note on an element IATI does not define, none for one of another namespace that states nothing."""
    return [] if _empty_foreign(el) else [f"{_relpath(el, top)} (not an IATI 2.03 element)"]


def _collapsed(unmapped: list[str]) -> list[str]:
    """One line for what one activity leaves unmapped the same way in many repeated elements, naming their
    positions (``transaction[1–27]/usg:treasury-account (not an IATI 2.03 element)``): USAID's activity of 27
    transactions, each with its ``usg:treasury-account``, had 27 notes on its page and the quality page
    that differ in the number alone (a whole country file: hundreds). An activity's notes are collapsed
    alike: the World Bank's quarterly transactions, each of the withdrawn flow type 20 and finance type 410,
    had two notes per transaction. Lines that differ in more than one position, or in anything else, stay
    as they are."""
    groups: dict[tuple[str, int], list[tuple[int, str, re.Match[str]]]] = {}
    for line in unmapped:  # a line is in one group per position it states: the line with that one blanked
        for i, m in enumerate(_POSITION.finditer(line)):
            groups.setdefault((f"{line[:m.start()]}[]{line[m.end():]}", i), []).append((int(m.group(1)), line, m))
    said: dict[str, str] = {}
    for members in sorted(groups.values(), key=len, reverse=True):
        free = [(n, line, m) for n, line, m in members if line not in said]
        if len(free) < 2:
            continue
        _n, first, m = free[0]
        text = f"{first[:m.start()]}[{_ranges(sorted({n for n, _line, _m in free}))}]{first[m.end():]}"
        for _n, line, _m in free:
            said[line] = text
    return list(dict.fromkeys(said.get(line, line) for line in unmapped))


def _texts_of_none(el: etree._Element, root: standard.Element) -> list[str]:
    """Notes on the texts an activity (``root`` ``standard.activity()``) or organisation states in elements whose
    IATI 2.0x content holds none, which no field reads: IATI 1.0x's label beside a code
    (``<default-flow-type code="10">ODA</default-flow-type>``, ``<repayment-plan code="4">Quarterly</repayment-plan>``,
    ``<category code="B01">Annual report</category>``), a text in ``<capital-spend percentage="10">``. The code
    and other attributes are read as ever; the text is named per element (the IATI Standard's schema tests state
    such texts; before, they were left out without a word)."""
    notes = []
    for child, decl, _parent in _declared(el, root):
        if child is el or decl.text is not None or any(c.name == "narrative" for c in decl.children):
            continue  # a text or narratives it holds (read, or noted as read: ``bare_text``)
        own = " ".join(((child.text or "") + "".join(c.tail or "" for c in child)).split())
        if own:
            notes.append(f"{_relpath(child, el)}: its text {own[:60]!r} is not read: IATI 2.0x states no text in "
                         f"<{child.tag}> (its attributes are read)")
    return notes


def _required_missing(el: etree._Element) -> list[str]:
    """Notes on what the IATI schema requires of an activity and the export needs (an activity-date,
    an activity-status, a participating-org): without it the activity is imported, but the export leaves
    it out. Each is named, so that a publisher adds them all at once rather than learning of the
    participating-org from the build's warning after adding the other two (Oxfam GB's activities as a
    README quotes them: reporting-org, title and description alone)."""
    out = []
    for tag, attr in (("activity-date", "iso-date"), ("activity-status", "code")):
        if not any((e.get(attr) or "").strip() for e in el.findall(tag)):
            out.append(f"it has no {tag}, which IATI requires (its schema): imported, but the IATI export leaves "
                       "it out until it has one")
    orgs = el.findall("participating-org")
    if not any((o.get("role") or "").strip() for o in orgs):  # one without @role is left out of the export
        what = "participating-org that states its @role" if orgs else "participating-org"
        out.append(f"it has no {what}, which IATI requires (its schema): imported, but the IATI export leaves it "
                   "out until it has one")
    return out


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Why an aidlod export's own attribute was not read (``_unread``): what it states has no place here.
_EXTENSIONS_UNREAD = {
    "programme": "an aidlod export's programme, read only into a dataset that holds that programme",
    "source": "an aidlod export's source document, read only into a dataset that holds that source",
    "organisation": "an aidlod export's organisation, read only into a dataset that holds that organisation",
    "country": "an aidlod export's country, read only into a dataset that holds that country",
    "derived": "an aidlod export's mark of a date it derived by a rule; the date is kept, the mark is not",
    "date": "an aidlod export's date as its record stated it; the day the export wrote is kept",
}


def _unread(name: str) -> str:
    """Why attribute ``name`` was not read, in brackets: foreign to IATI, or an aidlod export's own
    (``aidlod:programme`` of another dataset is no error of the file, and says what would read it)."""
    if name.startswith(EXT):
        local = name[len(EXT):]
        return f"({_EXTENSIONS_UNREAD.get(local, 'an aidlod extension not read there')})"
    return "(not an IATI 2.03 attribute)"


def _second_identifier(activity: etree._Element, el: etree._Element) -> str:
    """Why a second ``iati-identifier`` is left out: the IATI Datastore's test files of BMZ's activity state
    the same one twice, which was reported as "not an IATI 2.03 element", as if the element were unknown."""
    first = " ".join((activity.findtext("iati-identifier") or "").split())
    this = " ".join((el.text or "").split())
    if this == first:
        return "IATI allows one iati-identifier: this one repeats the first"
    return f"IATI allows one iati-identifier: {this!r} is left out; the first, {first!r}, identifies the activity"
