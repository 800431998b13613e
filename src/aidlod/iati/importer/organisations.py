"""The organisations an activity names: one record per IATI identifier, else per name, made or found by
its ref, its names or aidlod's link, and given its publisher's own form and names."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from itertools import count
from typing import Any

from lxml import etree

from ... import codelists
from ...records.checks import MAX_SHORT_TEXT
from .. import EXT
from ..folder import _IMPORTED
from ..orgnames import (
    _DASHES,
    _copies_description,
    _fold_ref,
    _folded,
    _less_us_government,
    _local_ref,
    _names_apart,
    _placeholder,
    _unnamed,
    _usable_ref,
)
from ..reading import _Activity, _relpath
from .held import _Target
from .scan import _ORG_ELEMENTS
from .target import _TargetFolder
from .values import MAX_SLUG, _storable, slugify


def _names_an_organisation(el: etree._Element) -> bool:
    """Whether an organisation element states a ref, a name or aidlod's link to a record: an empty one
    (``<reporting-org ref="" type=""><narrative/></reporting-org>``, the IATI Validator's schema-error
    files) names none."""
    return bool((el.get("ref") or "").strip() or (el.get(EXT + "organisation") or "").strip()
                or any((n.text or "").strip() for n in el.findall("narrative")))


def _aside(stated: str, held: str) -> str:
    """What differs between an identifier ``stated`` and the record's ``held`` that ``_fold_ref`` makes one."""
    if stated.lower() == held.lower():
        return "case aside"
    return "dash kind aside" if stated.translate(_DASHES) == held.translate(_DASHES) else "case and dash kind aside"


def _hashable(text: str | list[str]) -> str | tuple[str, ...]:
    """A name's text, or its texts (two narratives in one language) as a tuple: a set's member."""
    return tuple(text) if isinstance(text, list) else text


def _note_aliases(a: _Activity, el: etree._Element, record: dict[str, Any], ref: str | None,
                  names: dict[str, str]) -> None:
    """A note for an element that names organisation ``record`` otherwise than its record does: by its
    IATI identifier in another case, or without ref by the alternate name its organisation file gives."""
    if ref is not None and ref != record.get("iati_identifier", ref):  # "xm-dac-41130": case aside
        a.notes.append(f"{_relpath(el, a.el)}/@ref: {ref!r} read as the organisation "
                       f"{record['iati_identifier']!r} (its IATI identifier, {_aside(ref, record['iati_identifier'])})")
    if (record.get("alternate_name") or {}).items() & names.items():
        a.notes.append(f"{_relpath(el, a.el)}: no ref; read as the organisation {record['id']!r}, whose alternate "
                       "name (its organisation file's) it states")


def _note_apart(a: _Activity, el: etree._Element, ref: str, org: str, record: dict[str, Any],
                names: dict[str, str]) -> None:
    """A note for a transaction's party linked by its identifier to a record whose names share no word with its
    own (``_names_apart``): two organisations under one identifier, one of them the file's slip. Linked by the
    identifier as before, since which of them it is aidlod cannot tell; the note says whose amounts the record's
    page then counts (Carbon Trust Advisory's GBP 120,352 paid to "University of Cape Town - ERC" under the GRID
    identifier of its first-named receiver, "The Energy & Resources Institute")."""
    by_lang = {lang: text for lang, text in (record.get("name") or {}).items() if isinstance(text, str)}
    own = {lang: text for lang, text in names.items() if isinstance(text, str) and not _copies_description(el, text)}
    # names compared in a language both state (or where either states none): "Agence française de développement"
    # beside a record named "French Development Agency" alone shares no word, and is no other organisation
    langs = set(own) & set(by_lang) or (set(own) if "und" in by_lang or "und" in own else set())
    held = [by_lang[lang] for lang in langs if lang in by_lang] or list(by_lang.values())
    stated = [own[lang] for lang in langs]
    if not held or not stated or not _names_apart(held, stated):
        return
    a.notes.append(f"{_relpath(el, a.el)}/@ref: {ref!r}, stated with the name {stated[0]!r}, is the identifier of "
                   f"the organisation record {org!r}, named {held[0]!r}, a name with no word in common: two "
                   "organisations under one identifier, or a text that names none? Linked by the identifier, the "
                   "amounts are counted as that record's; correct the ref in the file if it is another "
                   "organisation's")


def _named_reporter(reporting: etree._Element | None, org: dict[str, Any]) -> bool:
    """Whether an activity's reporting-org is the dataset's reporting organisation ``org`` by name:
    when ``org`` has no IATI identifier (its ref is none, Kesho Kenya's 'KE-NCB-218/051/15179/10159'),
    the ref stated cannot say it, and a later file of the same publisher is not another's."""
    if reporting is None or org.get("iati_identifier"):
        return False
    names = {" ".join(str(name).split()).casefold() for name in (org.get("name") or {}).values()}
    return any(" ".join((n.text or "").split()).casefold() in names for n in reporting.findall("narrative"))


def _short_names(a: _Activity, el: etree._Element, names: dict[str, str]) -> dict[str, str]:
    """An organisation's names as its record can hold them: a name past the records' limit for names
    (a description pasted into a narrative) is cut there, with a note, and the element keeps its
    narratives as stated in the ``iati`` field, for the export; else its whole file was refused."""
    long, cut = _cut(names)
    if long:
        a.used.difference_update(el.findall("narrative"))
        a.notes.append(f"{_relpath(el, a.el)}: the name in {long} is longer than the {MAX_SHORT_TEXT} characters an "
                       "organisation record's name holds: the record's name is cut there, and the element keeps "
                       "its narratives as stated, which the IATI export writes")
    return cut


def _cut_names(notes: list[str], where: str, names: dict[str, str]) -> dict[str, str]:
    """The names an organisation file's ``name`` or ``reporting-org`` states, each cut at the limit of
    an organisation record's names, with a note: one past it refused the whole file."""
    long, cut = _cut(names)
    if long:
        notes.append(f"{where}: the name in {long} is longer than the {MAX_SHORT_TEXT} characters an "
                     "organisation record's name holds: it is cut there (and so written in the IATI export)")
    return cut


def _cut(names: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The languages (", "-joined, "" for none) whose text is past the records' limit for titles and
    names (``MAX_SHORT_TEXT``), and the texts cut there (``_storable``)."""
    long = ", ".join(sorted(lang for lang, text in names.items() if len(text) > MAX_SHORT_TEXT))
    if not long:
        return "", names
    return long, {lang: text if len(text) <= MAX_SHORT_TEXT else _storable(text, MAX_SHORT_TEXT)
                  for lang, text in names.items()}


def _name_texts(names: Mapping[str, Any]) -> list[str]:
    """The texts of a name by language, sorted: a language may hold a list (two narratives in one
    language), which neither sorts nor compares beside a plain text."""
    return sorted(t for v in names.values() for t in (v if isinstance(v, list) else [v]))


def _linked_by(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """What an activity's elements are linked to an organisation record by, and told to name it as it does or
    otherwise (``Importer.organisation``, ``_org_named_in``, ``_note_aliases``): its name, alternate name and
    IATI identifier."""
    return tuple(copy.deepcopy(record.get(key)) for key in ("name", "alternate_name", "iati_identifier"))


def _local_part(ref: str) -> str | None:
    """An organisation identifier's part after its registration agency's prefix (``EC_INTPA`` of
    ``XI-IATI-EC_INTPA``) when that part is no number alone (a number is no organisation's name), else None."""
    prefix, _, rest = ref.partition("-")
    agency, _, local = rest.partition("-")
    agencies = codelists.load("OrganisationRegistrationAgency").items
    return local if local and not local.isdigit() and f"{prefix}-{agency}" in agencies else None


def _named_by_identifier(t: _Target, stated_refs: frozenset[str], names: dict[str, Any]) -> str | None:
    """The record whose IATI identifier is the one text of these names (the European Commission's planned
    disbursements' provider "XI-IATI-EC_INTPA"), else the only record whose identifier the activity states and
    whose identifier less its registration agency's prefix is that text (INTPA's implementer "EC_INTPA")."""
    texts = {" ".join(v.split()) for v in _name_texts(names)}
    if len(texts) != 1:
        return None
    only = texts.pop()
    if only in t.org_by_ref and _usable_ref(only):
        return t.org_by_ref[only]
    named = {t.org_by_ref[ref] for ref in stated_refs if ref in t.org_by_ref and _local_part(ref) == only}
    return named.pop() if len(named) == 1 else None


def _org_named_in(t: _Target, stated_refs: frozenset[str], names: dict[str, Any]) -> str | None:
    """The organisation record these names name (``_org_named_as_stated``), else the one they name without USAID's
    "U.S. Government - " before them: USAID's Seychelles file names itself, as an activity's implementer and its
    disbursements' receiver, "U.S. Government - U.S. Agency for International Development" without ref, where the
    reporting-org names it "U.S. Agency for International Development", ref US-GOV-1: two records of USAID, the
    second linked by three transactions. Only a record of a U.S. Government identifier (``US-GOV-1``, ``US-GOV-11``) is
    found so, and only as before, when the activity states that identifier: a country's own "Department of
    Agriculture" is not "U.S. Government - Department of Agriculture"."""
    found = _org_named_as_stated(t, stated_refs, names)
    if found is None and (rest := _less_us_government(names)) is not None:
        agency = _org_named_as_stated(t, stated_refs, rest)
        ref = t.orgs[agency].get("iati_identifier") if agency is not None else None
        found = agency if isinstance(ref, str) and _fold_ref(ref).startswith("us-gov-") else None
    return found


def _org_named_as_stated(t: _Target, stated_refs: frozenset[str], names: dict[str, Any]) -> str | None:
    """The organisation record these names name: one without an IATI identifier that has exactly
    these names, else the only record whose names agree in every language stated (Auswärtiges
    Amt names itself without ref, in English only, beside its reporting-org in German and English),
    else the only record without identifier that has exactly these texts in other languages (the
    Netherlands' ministry names a partner "WHO-Assessed" in English as participating-org and in
    Dutch as its transactions' receiver-org: one partner, not two; a partner named "X" in English in
    one activity and "X" in English and French in another is one, not two), else the only record without
    identifier whose names these names all state and add to (Global Affairs Canada's partner named in
    English, then in English and French, then in French: one partner; the element keeps the names it
    adds, as stated, and the record is not changed under the activities that named it before: this
    import remembers them, ``named_also``), else the only record without identifier named so but for letter
    case (Quinoa's receiver "ENDA PRONAT" for its partner "Enda Pronat"). A record with an identifier
    only when this activity names it with that identifier too: a "Ministry of Health" without ref
    is not another activity's Kenyan ministry. A name that is a record's IATI identifier and
    nothing else names that record (the European Commission's planned disbursements name their
    provider "XI-IATI-EC_INTPA", without ref), and so does one that is an identifier the activity states, less
    its registration agency's prefix (INTPA's implementer "EC_INTPA", ref="N/A": the Commission itself)."""
    named = _named_by_identifier(t, stated_refs, names)
    if named is not None:
        return named
    agreeing, same_texts, fewer = [], [], []
    # Only a record that holds one of these texts (as a name, an alternate name or one it was named also by)
    # can be any of those: the others are not looked at (a file of thousands of activities looked up every
    # record for each organisation element named without ref).
    named_by = t.named_by(names)
    for oid in named_by if named_by is not None else sorted(t.orgs):
        other = t.orgs[oid]
        held = other.get("name") or {}
        also = other.get("alternate_name") or {}
        if "iati_identifier" not in other and held == names:
            return oid
        if "iati_identifier" not in other and names and set(_name_texts(held)) == set(_name_texts(names)):
            same_texts.append(oid)  # the same texts, whichever languages (and how many) they are tagged in
        if "iati_identifier" not in other and held and all(names.get(lang) == text for lang, text in held.items()):
            fewer.append(oid)  # named in fewer languages: "X" in English, here "X" in English and French
        # a record with an identifier whose organisation file the dataset holds ("iati") is named by
        # its names and alternate names there: they are that organisation's own, not a "Ministry of Health"
        if "iati_identifier" in other and other["iati_identifier"] not in stated_refs and "iati" not in other:
            continue
        seen = t.named_also.get(oid, set())
        if names and all(held.get(lang) == text or also.get(lang) == text or (lang, _hashable(text)) in seen
                         for lang, text in names.items()):
            agreeing.append(oid)
    if len(agreeing) == 1:
        return agreeing[0]
    if not agreeing and len(same_texts) == 1:
        return same_texts[0]
    if not agreeing and not same_texts and len(fewer) == 1:
        held = t.orgs[fewer[0]].get("name") or {}
        t.named_also.setdefault(fewer[0], set()).update((lang, _hashable(text)) for lang, text in names.items()
                                                        if held.get(lang) != text)
        return fewer[0]
    if not agreeing and not same_texts and not fewer and names:
        # the same texts in other letter case alone: Quinoa names a partner "Enda Pronat" as participating-org
        # and its disbursements' receiver "ENDA PRONAT" (and "ADeD", "ADED"); the receiver was linked to no
        # organisation, and the partner's page and charts left those disbursements out. The only record
        # without identifier named so is that organisation; the element keeps its names as stated.
        folded = {_folded(text) for text in _name_texts(names)}
        alike = [oid for oid in t.named_alike(frozenset(folded)) if "iati_identifier" not in (other := t.orgs[oid])
                 and {_folded(text) for text in _name_texts(other.get("name") or {})} == folded]
        if len(alike) == 1:
            return alike[0]
    return None


def _lookups_hold(t: _Target) -> bool:
    """Whether each lookup by names finds, among the records this reading ended with, what it found (or made)
    when it was read, the lookups replayed in their order: then a second reading would link as this one did."""
    if any(t.by_ref(ref) is not None for ref in t.refs_missing):
        return False
    named_also, t.named_also = t.named_also, {}
    try:
        return all(_org_named_in(t, refs, names) == found for names, refs, found in t.lookups)
    finally:
        t.named_also = named_also


def _stronger(t: _Target, org: str, names: dict[str, str], org_type: str | None, by_ref: bool) -> None:
    """Give the record ``org``, when this reading made it for a transaction's party (``_Target.weak``), what an
    element read by ``organisation`` (a participating-org, the reporting-org, a grant's party) states of it: its
    names, when they hold the record's (the same text in each of its languages, and more) or the element names it
    by its identifier (``by_ref``), and its type. That element says what the organisation is; a disbursement's
    receiver, read first, is named as the money's receiver was (a language of a partner's names, no type), and a
    record made of it took the place of the participating-org's. Then the record is the same whichever of the two
    the file states first (its id aside, made of the first one's ref or name)."""
    if org not in t.weak:
        return
    t.weak.discard(org)
    record = t.orgs[org]
    held = record.get("name") or {}
    name = names if names and (by_ref or all(names.get(lang) == text for lang, text in held.items())) else held
    kind = org_type if org_type is not None and codelists.load("OrganisationType").active(org_type) \
        else record.get("type")
    if name == held and kind == record.get("type"):
        return
    changed: dict[str, Any] = {"id": record["id"], "name": dict(name)}
    if kind is not None:
        changed["type"] = kind
    changed.update((key, value) for key, value in record.items() if key not in ("id", "name", "type"))
    t.orgs[org] = changed
    t.new[("organisation", org)] = changed


# The other elements that name an organisation by its ref alone (the graph links the record of that identifier):
# an activity's reporting-org of another publisher kept in the iati field, an other-identifier's owner-org, an
# organisation file's recipient-org.
_REF_ELEMENTS = frozenset({"reporting-org", "owner-org", "recipient-org"})
# The elements whose provider-org and receiver-org are parties that make their records (``transaction_party``): a
# planned disbursement's name who is to give and get as a transaction's name who gave and got (before, they were
# linked only to a record that existed: a plan's receiver of no other element had no page nor IRI).
_PARTIES_OF = frozenset({"transaction", "planned-disbursement"})


class _Organisations(_TargetFolder):
    """The organisation records that activities' and organisation files' elements name."""

    def _identifier(self, a: _Activity, el: etree._Element) -> str | None:
        """The element's ref when it identifies an organisation; else None, and the ref is left unused
        (reported when it is no identifier at all; kept as stated when it is a placeholder for a missing
        one, or a CRS channel code that the file states for several organisations: the participation's
        ``ref``, else the element whole)."""
        ref = a.attr(el, "ref")
        if ref is not None and (not _usable_ref(ref) or ref in self.shared):  # XI-BRIDGE-null, or 22000 for many
            a.used_attrs.discard((el, "ref"))
            return None
        return ref or None

    def _participant_named(self, t: _Target, a: _Activity, el: etree._Element) -> str | None:
        """The record of the one organisation this activity's participating-orgs name, with a ref, by exactly
        the names a transaction's party without ref states: USAID's Antigua activity names its implementer
        ``ref="US-GOV-1"`` "U.S. Government - U.S. Agency for International Development" and its transactions'
        receiver by that name alone; the record of US-GOV-1 is named as the reporting-org names it, so the
        receiver was linked to no organisation, where the same file's other receivers, named as their
        participating-org and their record are, were linked to theirs."""
        if el.tag not in ("provider-org", "receiver-org"):
            return None
        def stated(org: etree._Element) -> dict[str, str]:  # its names, read without taking them
            return {(a.lang_of(n) or "und").lower(): " ".join((n.text or "").split())
                    for n in org.findall("narrative") if (n.text or "").strip()}
        own = stated(el)
        refs = {ref for p in a.el.findall("participating-org")
                if (ref := (p.get("ref") or "").strip()) and _usable_ref(ref) and ref not in self.shared
                and own and stated(p) == own}  # a CRS channel code of several organisations names none of them
        found = t.by_ref(refs.pop()) if len(refs) == 1 else None
        return found if found in t.orgs else None

    def _names_someone(self, a: _Activity, el: etree._Element) -> bool:
        """Whether an organisation element names an organisation: an identifier, a name or a record's IRI.
        One that names none (IATI's bulk-data-service test file: ``ref=""`` and an empty narrative) made a
        record "organisation" and a dataset of it, a name the file never stated."""
        return a.attr(el, EXT + "organisation") is not None or self._identifier(a, el) is not None or bool(
            a.texts(el))

    def organisation(self, t: _Target, a: _Activity, el: etree._Element) -> str:
        """The record id of the organisation an element names, adding a record when it is new."""
        iri = a.attr(el, EXT + "organisation")
        ref = self._identifier(a, el)
        org_type = a.attr(el, "type")
        names = _short_names(a, el, a.texts(el))
        slug = self._iri_slug(t, iri, "organisation")
        if slug is None and iri is not None:
            a.used_attrs.discard((el, EXT + "organisation"))
        known = slug if slug is not None and slug in t.orgs else t.by_ref(ref) if ref is not None else None
        if known is not None:  # one record per IATI organisation identifier
            self._what_it_states(t, a, el, known, ref, names)
            _stronger(t, known, names, org_type, True)
            record = t.orgs[known]
            _note_aliases(a, el, record, ref, {})
            if names and names != record.get("name"):  # this element names it otherwise: kept as stated
                a.used.difference_update(el.findall("narrative"))
            if org_type is not None and org_type != record.get("type") and not self._typed(t, known, org_type):
                a.used_attrs.discard((el, "type"))
            return known
        reporter = self._reporter_named(t, a, el, ref, names) if known is None and slug is None else None
        if reporter is not None:  # the reporting organisation, stated with another's ref
            return reporter  # the element stays whole, as stated, in the iati field
        looked = len(t.lookups)
        if slug is None and ref is None and names:
            named = self._participant_named(t, a, el) or self._org_named(t, a, names)
            if named is not None:  # what this element states otherwise is kept as stated, as above
                _stronger(t, named, names, org_type, False)
                _note_aliases(a, el, t.orgs[named], None, names)
                if names != t.orgs[named].get("name"):
                    a.used.difference_update(el.findall("narrative"))
                if org_type is not None and org_type != t.orgs[named].get("type"):
                    a.used_attrs.discard((el, "type"))
                return named
        return self._new_record(t, a, el, slug, ref, org_type, names, looked)

    def _new_record(self, t: _Target, a: _Activity, el: etree._Element, slug: str | None, ref: str | None,
                    org_type: str | None, names: dict[str, str], looked: int) -> str:
        """A new organisation record of the element ``el``: of id ``slug`` (its ``aidlod:organisation`` IRI's),
        else one made of its ref or name; of type ``org_type`` when the list holds it; ``looked``: the lookups by
        names before the element was read (``_Target.made``)."""
        if slug is None:
            basis = ref or names.get("en") or next(iter(sorted(names.values())), "organisation")
            slug = slugify(basis, t.orgs)
            if slug in t.orgs:  # a third organisation of one name: the hashed id is the second's, never replaced
                slug = next(made for n in count(2) if (made := f"{slug[:MAX_SLUG - len(str(n)) - 1]}-{n}")
                            not in t.orgs)
        data: dict[str, Any] = {"id": slug, "name": names or {"und": ref or slug}}
        if org_type is not None:
            if codelists.load("OrganisationType").active(org_type):
                data["type"] = org_type
            else:
                a.used_attrs.discard((el, "type"))
        if ref is not None:
            data["iati_identifier"] = ref
            t.add_ref(ref, slug)
        data["source"] = self.source(t)
        return t.made(slug, data, looked)

    def _what_it_states(self, t: _Target, a: _Activity, el: etree._Element, org: str, ref: str | None,
                        names: dict[str, str]) -> None:
        """What an element naming the existing record ``org`` gives it: its publisher's form of its
        identifier (``_own_form``), the names of a record named by its ref alone (``_first_names``)."""
        if el.tag == "reporting-org" and ref is not None:
            self._own_form(t, a, el, org, ref)
        if names:
            self._first_names(t, a, el, org, names)

    def _own_form(self, t: _Target, a: _Activity, el: etree._Element, org: str, ref: str) -> None:
        """Give the record ``org``, which an import made from another publisher's element naming it by
        its identifier in another case or with other dashes (Link Education International's
        participating-org "gb-chc-1038860" for Frontline AIDS), the form its own reporting-org states:
        its publisher's statement of its identifier, which its activities are filed under
        (iati/publisher/{key}/) and its organisation file must state. Else the record's identifier
        depended on which file was imported first, and when another's came first the build found no
        organisation record of the publisher's ref (no organisation file, its reporting-org linked
        nothing). The dataset's reporting organisation keeps its identifier (its projects' identifiers
        are made of it), and so does a record not written by an import (its author's choice) or whose
        form the reporting-org of activities the dataset holds states (they are filed under it)."""
        record = t.orgs[org]
        held = record.get("iati_identifier")
        if not isinstance(held, str) or held in (ref, t.reporting_ref) or _fold_ref(held) != _fold_ref(ref) \
                or held in t.reporters:  # a form its activities of another file state: theirs stays
            return
        if not self._imported(t, org):
            return
        t.orgs[org] = {key: ref if key == "iati_identifier" else value for key, value in record.items()}
        t.new[("organisation", org)] = t.orgs[org]
        self._held_changed(t, org)
        t.add_ref(ref, org)
        t.reformed[held] = org
        a.changes.append(f"{_relpath(el, a.el)}/@ref: {ref!r}, its publisher's own form, is now the IATI "
                       f"identifier of the organisation record {org!r}, which held it as {held!r} (from another "
                       f"element, {_aside(ref, held)})")

    def _imported(self, t: _Target, org: str) -> bool:
        """Whether the organisation record ``org`` is one an import wrote (or this one makes), not one
        written by hand, whose author's choices an import does not change."""
        return org not in t.org_files or ("organisation", org) in t.new or (
            self.into.parent / t.org_files[org]).read_text(encoding="utf-8").startswith(_IMPORTED)

    def _first_names(self, t: _Target, a: _Activity, el: etree._Element, org: str, names: dict[str, str]) -> None:
        """Give the record ``org``, which an import named by its ref alone (an element that stated no
        name: Link Education International's funder, participating-org ref="GB-GOV-1"), the names an
        element now states for it (the FCDO's own reporting-org, "Foreign, Commonwealth and Development
        Office"), noted. Else the record's name depended on which file was imported first, and when the
        nameless element came first the publisher's pages and its own organisation file were named
        "GB-GOV-1"."""
        record = t.orgs[org]
        ref = record.get("iati_identifier")
        if record.get("name") != {"und": ref} or not self._imported(t, org):
            return
        t.orgs[org] = {key: dict(names) if key == "name" else value for key, value in record.items()}
        t.new[("organisation", org)] = t.orgs[org]
        self._held_changed(t, org)
        a.changes.append(f"{_relpath(el, a.el)}: names the organisation record {org!r}, which was named by its ref "
                       f"{ref!r} alone (another element stated no name): the record takes these names")

    @staticmethod
    def _typed(t: _Target, org: str, org_type: str) -> bool:
        """Give a record this import made without a type (its first element stated none, or an empty
        ``type=""``: USAID's activities in the IATI Validator's multi-blank-activity-ids.xml) the type
        a later element states; whether it did. Without one the reporting organisation has no
        reporting-org/@type, and the build writes no IATI XML."""
        record = t.orgs[org]
        if "type" in record or ("organisation", org) not in t.new or \
                not codelists.load("OrganisationType").active(org_type):
            return False
        held = list(record.items())  # the type where a record states it, after the name
        record.clear()
        for key, value in held:
            record[key] = value
            if key == "name":
                record["type"] = org_type
        record.setdefault("type", org_type)
        return True

    @staticmethod
    def _reporter_named(t: _Target, a: _Activity, el: etree._Element, ref: str | None,
                        names: dict[str, str]) -> str | None:
        """The record of the activity's reporting organisation when an element with a ref of no record
        yet is named exactly as it, though the ref is not its own: UNICEF's participating-org
        ref="US-USAGOV" role="4" named "UNICEF" (its funder's ref on its own implementing role),
        stated before the ref's own "USA (State) BPRM", made the US government's record "UNICEF". The
        ref, and a type other than the record's, are left unused: the element stays as stated."""
        if ref is None:
            return None
        reporting = a.el.find("reporting-org")  # read, not taken: the reporting-org is read on its own
        own = (reporting.get("ref") or "").strip() if reporting is not None else ""
        held = t.org_by_ref.get(own) if own and own != ref else None
        if held is None or not names or names != t.orgs[held].get("name"):
            return None
        a.used_attrs.discard((el, "ref"))
        if (el.get("type") or "").strip() not in ("", t.orgs[held].get("type")):
            a.used_attrs.discard((el, "type"))
        return held

    def _named_party(self, t: _Target, a: _Activity, el: etree._Element, out: dict[str, Any],
                     narratives: dict[str, Any]) -> str | None:
        """The organisation record an organisation element names by its name, when its ref does not link
        one. A ref of several organisations links none (``shared_refs``), nor does one that is no identifier
        (JOSA's provider-org ref="Jordan Open Source Association"), nor a short form of a name that no record
        holds (Y Care International's receiver-org ref="YCI"; ``_local_ref``): the name does, as where the
        element states no ref (``organisation``, ``_identifier``). Without a narrative, such a ref is the name
        itself: the Zimbabwe Educational Trust's disbursement to receiver-org ref="Trinity Project", its
        implementing partner of that name, was linked to no organisation, and the partner's page and charts
        left it out; the ref names the record as a narrative of that text would (its language unknown). The
        element keeps its ref as stated."""
        ref = out.get("ref")
        if ref is not None and ref not in self.shared and _usable_ref(ref) and not (
                _local_ref(ref) and t.by_ref(ref) is None):
            return None  # an identifier: the record of that identifier (``organisation``), or none
        if ref is not None and ref not in self.shared and _usable_ref(ref):
            t.refs_missing.add(ref)  # a record of it made later would have been linked by it (``read_again``)
        if narratives:
            return self._participant_named(t, a, el) or self._org_named(t, a, narratives)
        if ref is not None and ref not in self.shared:
            return self._org_named(t, a, {"und": " ".join(ref.split())})
        return None

    def element_organisation(self, t: _Target, a: _Activity, el: etree._Element, out: dict[str, Any],
                             narratives: dict[str, Any]) -> str | None:
        """The organisation record an element of the iati field is linked to by its key (``aidlod-organisation``):
        a participating-org's, provider-org's or receiver-org's (``linked_party``), else that of another element
        naming an organisation by its ref (``_REF_ELEMENTS``) in another letter case or with other dashes than
        its identifier (``variant_linked``); None when linked by its ref, or to none."""
        if el.tag in _ORG_ELEMENTS:
            return self.linked_party(t, a, el, out, narratives)
        return self.variant_linked(t, out) if el.tag in _REF_ELEMENTS else None

    def linked_party(self, t: _Target, a: _Activity, el: etree._Element, out: dict[str, Any],
                     narratives: dict[str, Any]) -> str | None:
        """The organisation record an organisation element of the iati field is linked to by its key
        (``aidlod-organisation``): the one its names name (``_named_party``), else the one made for a
        transaction's party of no record yet (``transaction_party``); None when linked by its ref, or to none."""
        looked = len(t.lookups)
        named = self._named_party(t, a, el, out, narratives)
        if named is None:
            named = self.transaction_party(t, a, el, out, narratives, looked)
        return named if named is not None else self.variant_linked(t, out)

    def variant_linked(self, t: _Target, out: dict[str, Any]) -> str | None:
        """The record an organisation element of the iati field names by its ref in another letter case or with
        other dashes than the record's identifier (``_Target.by_ref``: ``xm-dac-47066`` for ``XM-DAC-47066``),
        linked by its key (``aidlod-organisation``): the graph links a ref to the record of that identifier as
        stated, and the import, which found the record by it (and made none), left the element linked to
        nothing (a transaction of no party in the graph, ``transactions.csv`` and the pages). The ref stays as
        stated. None when the ref is the record's identifier as stated (linked by it), or names no one record."""
        ref = out.get("ref")
        if not isinstance(ref, str) or ref in self.shared or not _usable_ref(ref):
            return None
        known = t.by_ref(ref)
        return known if known is not None and known in t.orgs and t.orgs[known].get("iati_identifier") != ref \
            else None

    def transaction_party(self, t: _Target, a: _Activity, el: etree._Element, out: dict[str, Any],
                          narratives: dict[str, Any], looked: int) -> str | None:
        """The organisation record a transaction's or planned disbursement's (``_PARTIES_OF``) provider-org or
        receiver-org kept in the iati field is linked to by its key (``aidlod-organisation``), made when the
        element names a party that no record is and
        ``_named_party`` linked none: every named party of a transaction is an organisation, as a grant's funder
        and recipient are (ODA Korea's incoming funds from KOICA, ``KR-GOV-051``, and to IOM, ``XM-DAC-47066``,
        had no organisation page nor IRI). By the rules of the other organisation elements (``organisation``):
        a ref that is an organisation identifier (``_named_party``'s) names the record of that identifier, made
        when new (named by the element's names, else by its ref), and the element is linked by its ref when
        mapped (None here); one named exactly as the reporting organisation with another ref of no record is
        the reporting organisation's (``_reporter_named``). Else the element's names make the record (a ref
        that is no identifier, a CRS channel code the file states for several organisations or an activity's
        identifier, stays as stated; a short form of a name without narrative, ref="Trinity Project" aside, is
        the name). An element that names no one (``_unnamed``: no ref, a placeholder, a kind of organisation) makes
        none, nor does one whose names no record can hold as they were looked up by (two in one language, one
        past the limit of a name): kept as stated. ``looked``: the lookups by names before ``_named_party``."""
        parent = el.getparent()
        if el.tag not in ("provider-org", "receiver-org") or parent is None or parent.tag not in _PARTIES_OF \
                or _unnamed(el, self.shared, self.own):
            return None
        ref = out.get("ref")
        org_type = a.attr(el, "type")
        if ref is not None and ref not in self.shared and _usable_ref(ref) and not (
                _local_ref(ref) and t.by_ref(ref) is None):
            return self._party_by_ref(t, a, el, ref, org_type, narratives, looked)
        names = narratives or ({"und": " ".join(ref.split())} if ref is not None and ref not in self.shared
                               and _usable_ref(ref) else {})
        if not names or _cut(names)[0] or not all(isinstance(text, str) and not _placeholder(text)
                                                  for text in names.values()):
            return None
        made = self._new_record(t, a, el, None, None, org_type, dict(names), looked)
        t.weak.add(made)
        return made

    def _party_by_ref(self, t: _Target, a: _Activity, el: etree._Element, ref: str, org_type: str | None,
                      narratives: dict[str, Any], looked: int) -> str | None:
        """``transaction_party`` of an element whose ref is an organisation identifier: its record, made when new,
        given what the element states of it as ``organisation`` gives it (names to a record named by its ref
        alone, a type to one made without); linked by its ref when mapped (None), or the reporting organisation
        (``_reporter_named``)."""
        names = _short_names(a, el, {lang: text for lang, text in narratives.items()
                                     if isinstance(text, str) and not _placeholder(text)})
        known = t.by_ref(ref)
        if known is not None:
            self._what_it_states(t, a, el, known, ref, names)
            if org_type is not None:
                self._typed(t, known, org_type)
            _note_apart(a, el, ref, known, t.orgs[known], names)
            return None
        reporter = self._reporter_named(t, a, el, ref, names)
        if reporter is not None:
            return reporter
        t.weak.add(self._new_record(t, a, el, None, ref, org_type, names, looked))
        return None

    @staticmethod
    def _org_named(t: _Target, a: _Activity, names: dict[str, Any]) -> str | None:
        """The organisation record these names name (``_org_named_in``), the lookup kept for ``read_again``."""
        refs = a.stated_refs()
        found = _org_named_in(t, refs, names)
        # one copy of each set of names looked up, however often: a portfolio's lookups repeat a few partners' names
        key = tuple(sorted((lang, _hashable(text)) for lang, text in names.items()))
        kept = t.looked_names.get(key)
        if kept is None:
            kept = t.looked_names[key] = copy.deepcopy(names)
        t.lookups.append((kept, refs, found))
        return found

    def _renamed(self, t: _Target, known: str, before: tuple[Any, ...] | None, data: dict[str, Any]) -> None:
        """Keep in the report that the file changed the names of the record ``known``, held before it with the
        names ``before`` (None: the file made it): the activities read before it were linked by them."""
        if before is not None and before != _linked_by(data):
            self._held_changed(t, known)

    def _held_changed(self, t: _Target, org: str) -> None:
        """Keep in the report that the file changed what the organisation record ``org`` is linked by, when an
        earlier file made it (``ImportReport.renamed``)."""
        if org in t.org_files and org not in self.report.renamed:
            self.report.renamed.append(org)
