"""One activity: its project record and the iati field that keeps the rest as stated, element by element,
with a note on each thing not mapped."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale, UnknownLocaleError
from lxml import etree

from ... import codelists, records
from ...errors import Problem
from ...records import iati_block
from ...records.checks import MISSING
from .. import EXT, XML_LANG, standard
from ..codefix import _codes_in_case, _upgrade_codes
from ..reading import _Activity, _qname, _relpath
from ..report import ActivityReport
from ..textfix import _cut_texts, _escaped_breaks, _html_texts, _note_lost_letters, _null_texts, _wrapped_texts
from ..valuefix import (
    _day,
    _day_note,
    _impossible_dates,
    _no_currency,
    _placeholder_baseline_years,
    _separated_amounts,
    _separated_result_values,
    _where,
)
from .held import _Target
from .notes import (
    _as_prefixed,
    _attribute_or_element,
    _collapsed,
    _empty_foreign,
    _not_iati,
    _required_missing,
    _second_identifier,
    _texts_of_none,
    _unread,
)
from .project import _Project
from .scan import _ACTIVITY_LINKED_DATA_DEFAULT, _PLAIN_AGGREGATOR_ATTRS, VERSION_2_RE
from .values import _active

# Where an activity of an aggregator's download states its version when the file does not: plain, the
# codeforIATI and the former IATI Datastore's iati-extra:version, d-portal's iati-activities:version.
ACTIVITY_VERSION_ATTRS = ("version", "{https://datastore.codeforiati.org/ns}version",
                          "{http://datastore.iatistandard.org/ns}version",
                          "{http://d-portal.org/xmlns/iati-activities}version")


_AGGREGATOR_ATTRS = ("{http://d-portal.org/xmlns/dstore}dataset", "{http://d-portal.org/xmlns/dstore}index",
                     "{http://d-portal.org/xmlns/iati-activities}generated-datetime")


# An activity of a file that states no version (which 2.0x requires on <iati-activities>) but holds
# narratives, which version 1 has not (zimmerman-team/iati-workbench's demo file): not "most likely 1.0x".
_NO_VERSION_2 = ("skipped: neither it nor its file states an IATI version, which every 2.0x file does (version on "
                 "<iati-activities>), though its narratives are those of 2.0x: state the version the file follows "
                 "(version=\"2.03\", say) and import it again")


# Elements the plain fields always carry (their narratives are one per language there).
CORE_ONLY = frozenset({"iati-identifier", "title"})


# Elements whose percentages add up to 100 together: all in the plain fields or all in the iati field.
SHARED_SHARES = (frozenset({"sector"}), frozenset({"recipient-country", "recipient-region"}))


def _extension_value(kind: str, value: str) -> str | list[str] | None:
    """An aidlod extension attribute's value as the records hold it (``standard.ELEMENT_EXTENSIONS``):
    a plain decimal number, or a list of IATI Language codes; None when it is not one."""
    if kind == "languages":
        codes = value.split()
        known = codelists.load("Language").items
        return codes if codes and len(set(codes)) == len(codes) and all(c in known for c in codes) else None
    try:
        ok = Decimal(value.strip()).is_finite() and "e" not in value.lower()
    except InvalidOperation:
        ok = False
    return value.strip() if ok else None


def _translated(kept: list[dict[str, Any]], item: dict[str, Any]) -> dict[str, Any] | None:
    """The earlier description of ``kept`` that ``item`` is in another language of: of the same type
    (and attributes), its narratives in none of the languages of ``item``'s. BMZ states each of its
    descriptions once per language, as ``_description`` reads the general ones: the objectives in
    German and the objectives in English are one description, not two."""
    langs = item.get("narrative")
    if not isinstance(langs, dict) or not langs or "und" in langs:
        return None  # a text of no stated language may be in any: not known to be a translation
    rest = {k: v for k, v in item.items() if k != "narrative"}
    for earlier in kept:
        held = earlier.get("narrative")
        if not isinstance(held, dict) or not held or "und" in held or not held.keys().isdisjoint(langs):
            continue
        if {k: v for k, v in earlier.items() if k != "narrative"} == rest:
            return earlier
    return None


def _country_key(name: str) -> str:
    """A country's name compared without case and spacing (``_misnamed_country``)."""
    return " ".join(name.casefold().split())


@functools.cache
def _listed_countries(lang: str) -> dict[str, str]:
    """The code of each country name of IATI's Country list (English, as vendored), and of CLDR's
    names of its countries in ``lang`` (a French narrative's "Belgique")."""
    listed = codelists.load("Country").items
    out = {_country_key(n): code for code, item in listed.items() for n in item.names.values()}
    try:
        cldr: Mapping[str, str] = Locale.parse(lang.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        cldr = {}
    for code, name in cldr.items():
        if code in listed:
            out.setdefault(_country_key(name), code)
    return out


def _misnamed_country(el: etree._Element, top: etree._Element, code: Any, narratives: Mapping[str, Any]) -> list[str]:
    """A note for a recipient-country whose narrative is the name of another country (UNOPS's LR
    named "Belgium"): the page would show both; which of the two is wrong is the publisher's to say."""
    item = codelists.load("Country").items.get(code) if el.tag == "recipient-country" and isinstance(code, str) \
        else None
    if item is None:
        return []
    for lang, texts in narratives.items():
        names = _listed_countries(lang)
        own = [n for n, c in names.items() if c == code]  # "Congo" is part of CD's name too: not noted
        for text in texts if isinstance(texts, list) else [texts]:
            key = _country_key(text)
            other = names.get(key)
            if other is not None and other != code and not any(re.search(rf"\b{re.escape(key)}\b", n) for n in own):
                name = item.names.get("en") or next(iter(item.names.values()), code)
                return [f"{_relpath(el, top)}: the code {code!r} is {name} in IATI's Country list, but its narrative "
                        f"names it {text!r}, the name of {other!r}; kept as stated: correct the code or the name"]
    return []


def _as_written_in_practice(a: _Activity, decl: standard.Element) -> None:
    """The readings of values as spreadsheets and web forms write them, shared by activities and organisation
    files (``decl``: the standard's declaration of the one or the other), in the order they depend on."""
    _impossible_dates(a, decl)
    _separated_amounts(a, decl)
    _separated_result_values(a)
    _placeholder_baseline_years(a)
    _no_currency(a, decl)
    _codes_in_case(a, decl)


class _OneActivity(_Project):
    """An activity read into records: the project, its iati field, its report."""

    def _skipped_for_version(self, el: etree._Element) -> bool:
        """Whether ``activity`` skips ``el`` for its version: the file states none, nor does it a 2.0x one
        (asked before its reporter is read, too: one rule for both)."""
        if self.root_version:
            return False
        return not VERSION_2_RE.match(next((v for v in (el.get(n, "").strip() for n in ACTIVITY_VERSION_ATTRS)
                                            if v), ""))

    def activity(self, t: _Target, el: etree._Element, default_lang: str | None,
                 reporting_id: str, taken: set[str]) -> None:
        a = _Activity(el, default_lang)
        _upgrade_codes(a)
        _html_texts(a)
        _note_lost_letters(a)
        _null_texts(a)
        _escaped_breaks(a)
        _wrapped_texts(a)
        _cut_texts(a)
        _as_written_in_practice(a, standard.activity())
        ident_el = a.find("iati-identifier")
        ident = " ".join((ident_el.text or "").split()) if ident_el is not None else ""
        rep = ActivityReport(ident or self._unidentified(el), None)
        self.report.activities.append(rep)
        # an aggregator's (d-portal's, the Datastore's, plain or in their own namespace): read, never mapped
        stated = [a.attr(el, name) for name in ACTIVITY_VERSION_ATTRS]  # each read: none reported as unmapped
        a.attr(el, _ACTIVITY_LINKED_DATA_DEFAULT)  # read by ``default_base``
        for name in _AGGREGATOR_ATTRS:  # where d-portal found the activity: its bookkeeping, not IATI data
            a.attr(el, name)
        if not self.root_version:
            for name in _PLAIN_AGGREGATOR_ATTRS:
                a.attr(el, name)
        if self._skipped_for_version(el):  # a download that mixes files: the activity's version
            version = next((v for v in stated if v), "")
            rep.notes.append(f"skipped: it states IATI version {version}; aidlod reads 2.0x activities" if version
                             else _NO_VERSION_2 if el.find(".//narrative") is not None
                             else "skipped: neither it nor its file states an IATI version, which every 2.0x "
                             "file does: it is most likely IATI 1.0x (deprecated); aidlod reads 2.0x activities")
            return
        slug = self._claim_project(t, a, ident, reporting_id, taken, rep)
        if slug is None:
            rep.changes.extend(_as_prefixed(a.changes, el.nsmap))
            return
        rep.notes += _required_missing(el) + _texts_of_none(el, standard.activity())
        a.save()
        for _round in range(5):  # reserving an element can only free others, so this settles fast
            project = self._project(t, a, ident, slug)
            partial = {c for c in el if isinstance(c.tag, str) and c.tag not in CORE_ONLY
                       and c in a.used and not a.complete(c)}
            for group in SHARED_SHARES:  # percentages add up within a group: kept together
                if any(c.tag in group for c in partial | a.reserved) or any(
                        c.tag in group and c not in a.used for c in el if isinstance(c.tag, str)):
                    partial |= {c for c in el if c.tag in group}
            if partial <= a.reserved:
                break
            a.reserved |= partial
            a.restore()
        block, lost = self.block(t, a)
        if block:
            project["iati"] = block
        rep.notes.extend(_collapsed(_as_prefixed(a.notes, el.nsmap)))
        rep.changes.extend(_as_prefixed(a.changes, el.nsmap))
        if a.unknown_lang:
            rep.notes.append("narratives without a language (no xml:lang on them, around them or on the "
                             "activity) are tagged 'und' (undetermined); --lang gives them one")
        rep.unmapped = _collapsed(_as_prefixed(lost, el.nsmap))
        t.new[("project", slug)] = project

    def block(self, t: _Target, a: _Activity) -> tuple[dict[str, Any], list[str]]:
        """The project's ``iati`` field: every attribute and top-level element of the activity the
        plain fields do not carry, whole; and what even it cannot carry, with the reason."""
        decl = standard.activity()
        lost: list[str] = []
        block: dict[str, Any] = {}
        for name, value in sorted(a.el.attrib.items()):
            key = "xml:lang" if name == XML_LANG else name
            if not value.strip():
                continue  # an empty attribute (default-currency="") states nothing
            if key in decl.attributes and (key == "xml:lang" or not self._carried(a, name)):
                self._own_attribute(a, decl, name, value, block, lost)
            elif (a.el, name) not in a.used_attrs:
                lost.append(f"@{_qname(name)} {_unread(name)}")
        for child in a.el:
            if not isinstance(child.tag, str):
                continue
            if child in a.used and child not in a.reserved:
                lost += [f"{what} (not an IATI 2.03 {_attribute_or_element(what)})" if "{" in what else
                         f"{what} (its plain field holds one value per language)" for what in self._unused(a, child)]
                continue
            cdecl = decl.child(child.tag)
            if child.tag == "iati-identifier":  # a second one: the first is the record's
                lost.append(f"{_relpath(child, a.el)} ({_second_identifier(a.el, child)})")
                continue
            if cdecl is None:
                lost += _not_iati(child, a.el)
                continue
            self._top_element(t, a, child, cdecl, block, lost)
        return block, lost

    def _own_attribute(self, a: _Activity, decl: standard.Element, name: str, value: str, block: dict[str, Any],
                       lost: list[str]) -> None:
        """An attribute of the activity (or organisation) itself into ``block``, checked on its own: a
        last-updated-datetime IATI cannot read leaves out itself, reported, not the whole record."""
        key = "xml:lang" if name == XML_LANG else name
        stated = value.strip().lower() if key == "xml:lang" else value.strip()  # BCP 47: as narratives
        found: list[Problem] = []
        ctx = records.Context(str(self.shown), None, found, hints=False)
        if iati_block.check_attribute(decl, key, stated, decl.name, ctx) is MISSING:
            lost += [f"@{_qname(name)} ({p.message})" for p in found]
        else:
            block[key] = stated
            # (the iati field's check reads default-currency as text: the form of a currency, not the list)
            listname = "Currency" if key == "default-currency" else standard.codelist_for(decl, key, None)
            if listname is not None and codelists.unlisted(listname, stated):  # a default-currency newer than the copy
                a.notes.append(f"@{key}: {codelists.unlisted_note(listname, stated)}")

    def _top_element(self, t: _Target, a: _Activity, child: etree._Element, cdecl: standard.Element,
                     block: dict[str, Any], lost: list[str]) -> None:
        """One top-level element into the iati field ``block``, checked as the records check it;
        what cannot be carried goes to ``lost`` with the reason."""
        if not cdecl.repeats and (block.get(child.tag) or any(
                s.tag == child.tag and s in a.used for s in child.itersiblings(preceding=True))):
            # A second <collaboration-type> (or activity-status, title, …) where IATI allows one: the
            # first is the activity's; kept beside it, the second would fail the whole record, or,
            # where the plain field holds the first, replace it in the IATI export.
            whose = "activity" if a.el.tag == "iati-activity" else "organisation"
            lost.append(f"{_relpath(child, a.el)} (IATI allows one <{child.tag}> per {whose}: the first is kept)")
            return
        noted = len(a.notes)
        item = self.element(t, a, child, cdecl, lost)
        if not item:
            lost.append(f"{_relpath(child, a.el)} (empty)")
            return
        found: list[Problem] = []
        dropped: list[Problem] = []  # optional attributes with a bad value: left out, the rest kept
        ctx = records.Context(str(self.shown), None, found, dropped, hints=False)
        checked = iati_block.check_element(cdecl, item, child.tag, ctx)
        if found:
            del a.notes[noted:]  # what reading it noted ("the rest of it is kept") no longer holds
            lost += [f"{_relpath(child, a.el)} ({p.field}: {p.message})" for p in found]
            return
        lost += [f"{_relpath(child, a.el)} ({p.field}: {p.message}; the rest of it is kept)" for p in dropped]
        self._withdrawn(a, cdecl, checked, _relpath(child, a.el))  # sector[3]: which of them
        kept = block.setdefault(child.tag, [])
        if child.tag == "description" and (same := _translated(kept, checked)) is not None:
            same["narrative"].update(checked["narrative"])  # one description, in one more language
        else:
            kept.append(checked)

    def _carried(self, a: _Activity, name: str) -> bool:
        """Whether the plain fields give this activity attribute back on export: the linked-data-uri
        when it named the project. Not the default currency, though the export makes one of the grants' one
        currency: left to the grants, it was the currency of every other amount that states none, so a grant's
        currency corrected by hand, a grant deleted or one added in another currency changed the currency of
        the activity's budgets and disbursements (or left them none), without a word."""
        if name == "default-currency":
            return False
        return (a.el, name) in a.used_attrs

    def _unused(self, a: _Activity, el: etree._Element) -> list[str]:
        out = [f"{_relpath(el, a.el)}/@{_qname(n)}" for n in sorted(el.attrib) if (el, n) not in a.used_attrs]
        for c in el:
            if isinstance(c.tag, str):
                out += ([] if _empty_foreign(c) else [_relpath(c, a.el)]) if c not in a.used else self._unused(a, c)
        return out

    def element(self, t: _Target, a: _Activity, el: etree._Element, decl: standard.Element,
                lost: list[str]) -> dict[str, Any]:
        """One IATI element as the iati field holds it (``records.iati_block``)."""
        out = self._attributes(t, a, el, decl, lost)
        self._value_date(a, el, out)
        code = out.get("code")
        if el.tag == "recipient-country" and isinstance(code, str) and _active("Country", code):
            self.country(t, code)  # kept as stated (a share, a name): its country has a record (mapping links it)
        if decl.text is not None and (el.text or "").strip():
            out["text"] = (el.text or "").strip()
        narratives: dict[str, Any] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            cdecl = decl.child(child.tag)
            if cdecl is None:
                lost += _not_iati(child, a.el)
            elif child.tag == "narrative":
                text = (child.text or "").strip()
                if not text:
                    continue  # an empty narrative states nothing (UNICEF's transaction descriptions)
                lang = (a.lang_of(child) or "und").lower()
                if lang == "und":
                    a.unknown_lang = True
                if not records.BCP47_RE.match(lang):
                    lost.append(f"{_relpath(child, a.el)} (the language tag {lang!r} is not BCP 47)")
                elif lang in narratives:  # a second narrative in one language: both kept
                    before = narratives[lang]
                    narratives[lang] = [*before, text] if isinstance(before, list) else [before, text]
                else:
                    narratives[lang] = text
            else:
                item = self.element(t, a, child, cdecl, lost)
                if item:  # an element left with nothing (<description><narrative/></description>): dropped
                    out.setdefault(child.tag, []).append(item)
        a.read_bare(el, narratives, decl.text is None and decl.child("narrative") is not None)
        self._lacking(a, el, decl, out)
        if narratives:
            out["narrative"] = narratives
            a.notes += _misnamed_country(el, a.el, code, narratives)
        if "aidlod-organisation" not in out:
            named = self.element_organisation(t, a, el, out, narratives)
            if named is not None:  # the organisation record of that name (``organisation``): linked
                out["aidlod-organisation"] = named
        return out

    @staticmethod
    def _value_date(a: _Activity, el: etree._Element, out: dict[str, Any]) -> None:
        """A value without value-date (the day of its exchange rate) in a transaction or budget with a
        date: kept without it, and the note says which date stands in for it where one is needed (the
        IATI export, the conversions; ``standard.VALUE_DATE_FALLBACKS``). A value-date (a transaction-
        date) an aidlod export derived by its rule is no fact of the publisher's: left out again."""
        if el.tag == "transaction-date" and el.get(EXT + "derived", "").strip() == standard.DERIVED_TRANSACTION_DATE:
            out.clear()  # an aidlod export's transaction-date by rule: the transaction is kept without it
        if el.tag != "value":
            return
        if el.get(EXT + "derived", "").strip() == standard.DERIVED_VALUE_DATE:
            out.pop("value-date", None)
        if "value-date" in out:
            return
        parent = el.getparent()
        for name in standard.VALUE_DATE_FALLBACKS if parent is not None else ():
            date_el = parent.find(name)
            when = (date_el.get("iso-date") or "").strip()[:10] if date_el is not None else ""
            if when:
                a.notes.append(f"{_relpath(el, a.el)}: no value-date (the day of its exchange rate) is stated; the "
                               f"amount is kept, and the {name} ({when}) stands in for it in currency conversions "
                               "and the IATI export, marked as derived")
                return

    @staticmethod
    def _lacking(a: _Activity, el: etree._Element, decl: standard.Element, out: dict[str, Any]) -> None:
        """A note for a part IATI requires that the element lacks but whose rest stays a faithful
        statement: a transaction's date (its value's stands in), ``standard.KEPT_WITHOUT``'s (left out
        of the IATI export)."""
        if el.tag == "transaction" and "transaction-date" not in out and (
                when := standard.transaction_date_fallback(out)):
            a.notes.append(f"{_relpath(el, a.el)}: no transaction-date is stated; the transaction is kept, and its "
                           f"value-date ({when}) stands in for it on the pages and in the IATI export, marked as "
                           "derived")
        for name, part in sorted(standard.KEPT_WITHOUT):
            if name == el.tag and part not in out:
                shown = f"@{part}" if part in decl.attributes else f"<{part}>"
                a.notes.append(f"{_relpath(el, a.el)}: no {shown} is stated, which IATI requires; the rest of it is "
                               "kept, and the IATI export leaves it out (it cannot state what the publisher did not)")

    def _attributes(self, t: _Target, a: _Activity, el: etree._Element, decl: standard.Element,
                    lost: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in sorted(el.attrib.items()):
            key = "xml:lang" if name == XML_LANG else name
            if not value.strip() and not (key in decl.attributes and decl.attributes[key].required
                                          and (decl.name, key) not in standard.KEPT_WITHOUT and key != "value-date"):
                continue  # an empty optional attribute (significance="") states nothing: absent, as one kept without
            if key in decl.attributes:
                out[key] = value.strip().lower() if key == "xml:lang" else value.strip()
                if decl.attributes[key].datatype == "date":
                    # "2018-11-05T00:00:00" (a date-time where IATI has a date), "2017-02-06+08:00" (ADB's):
                    # its day, as a project's start and end keep (date_value), not the element lost
                    out[key], dropped = _day(out[key])
                    if dropped:
                        a.notes.append(_day_note(f"{_where(a, el)}/@{key}", value, dropped))
            elif key == "xml:lang":
                continue  # the language of the narratives inside, which took it (lang_of)
            elif name in (EXT + "organisation", EXT + "country"):  # written by an aidlod export
                kind = name[len(EXT):]
                slug = self._iri_slug(t, value, kind)
                if slug is not None and slug in (t.orgs if kind == "organisation" else t.countries):
                    out[f"aidlod-{kind}"] = slug
            elif name == EXT + "source-section":
                out["source_section"] = value
            elif name == EXT + "derived" and (decl.name, value.strip()) in (
                    ("value", standard.DERIVED_VALUE_DATE), ("transaction-date", standard.DERIVED_TRANSACTION_DATE)):
                continue  # an aidlod export's date by rule: ``_value_date`` leaves it out
            elif name.startswith(EXT) and f"aidlod-{name[len(EXT):]}" in standard.ELEMENT_EXTENSIONS.get(decl.name, {}):
                key = f"aidlod-{name[len(EXT):]}"  # an aidlod export's target without a period, output's languages
                kept = _extension_value(standard.ELEMENT_EXTENSIONS[decl.name][key], value)
                if kept is None:
                    lost.append(f"{_relpath(el, a.el)}/@{_qname(name)} (not a value aidlod reads there)")
                else:
                    out[key] = kept
            elif key == "vocabulary" and decl.name in standard.VOCABULARY_FROM_PARENT:
                # The AfDB repeats country-budget-items/@vocabulary on each budget-item: the
                # same vocabulary says nothing new; only one that disagrees with its parent's is noted
                parent = el.getparent()
                stated = (parent.get("vocabulary") or "").strip() if parent is not None else ""
                if value.strip() != stated:
                    lost.append(f"{_relpath(el, a.el)}/@vocabulary {value.strip()!r} (not an IATI 2.03 attribute: "
                                "a budget-item's code is of its country-budget-items' vocabulary, "
                                f"{stated!r})" if stated else f"{_relpath(el, a.el)}/@vocabulary {_unread(name)}")
            else:
                lost.append(f"{_relpath(el, a.el)}/@{_qname(name)} {_unread(name)}")
        return out

    def _withdrawn(self, a: _Activity, decl: standard.Element, data: dict[str, Any], where: str,
                   parent: dict[str, Any] | None = None) -> None:
        """A note for each code the IATI Secretariat has withdrawn since (valid in older files), and for each
        code newer than aidlod's copy of its non-embedded list (``codelists.unlisted``)."""
        vocabulary = standard.vocabulary_of(decl, data, parent)
        for name in decl.attributes:
            value = data.get(name)
            listname = standard.codelist_for(decl, name, vocabulary) if value is not None else None
            if listname is not None and value in codelists.load(listname).items and \
                    not codelists.load(listname).active(value):
                a.notes.append(f"{where}/@{name}: code {value!r} of {listname} is withdrawn; kept as stated")
            elif listname is not None and isinstance(value, str) and codelists.unlisted(listname, value):
                a.notes.append(f"{where}/@{name}: {codelists.unlisted_note(listname, value)}")
        for child in decl.children:
            items = data.get(child.name, []) if child.name != "narrative" else []
            for i, item in enumerate(items):  # numbered only when repeated, as ``_relpath`` names elements
                at = f"{child.name}[{i + 1}]" if len(items) > 1 else child.name
                self._withdrawn(a, child, item, f"{where}/{at}", data)
