"""Telling organisations apart by what an activity states: identifiers as publishers write them
(placeholders, local numbers, CRS channel codes) and names (withheld, "N/A", an organisation type for a name)."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from lxml import etree

from .. import codelists, records
from . import EXT, XML_LANG
from .textfix import _CP1252_AS_LATIN1, _CP1252_CHARS

# Dashes that publishers type for the hyphen-minus of an identifier (a word processor's en dash in the
# World Bank's "SV–ORP0052007"): hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def _fold_ref(ref: str) -> str:
    """An organisation identifier as refs are matched: in small letters, every dash a hyphen-minus."""
    return ref.translate(_DASHES).lower()


def _names_nothing(el: etree._Element) -> bool:
    """Whether an organisation element states nothing: no attribute with a value, no narrative with
    text (EC DEVCO's ``<receiver-org><narrative xml:lang="en"/></receiver-org>``)."""
    if any(value.strip() for name, value in el.attrib.items() if name != XML_LANG):
        return False
    return not any((n.text or "").strip() for n in el.findall("narrative")) and \
        not any(isinstance(c.tag, str) and c.tag != "narrative" for c in el)


def _unnamed(el: etree._Element, shared: Collection[str] = (), own: Collection[str] = ()) -> bool:
    """Whether an organisation element names no organisation, though it states something else (RVO's
    ``<receiver-org type="90"><narrative/></receiver-org>``): no usable ref, no name, no aidlod
    link. Such an element makes no organisation record (its name would be invented); it stays as
    stated in the iati field. A CRS channel code that the file states for several organisations
    (``shared``, ``Importer.shared``) is no usable ref: it names a kind of organisation; so does one
    stated with its kind's name (``_names_its_kind``), unless it is a reporting-org's (``own``). A transaction's
    party named by the transaction's description names a budget line (``_copies_description``)."""
    ref = (el.get("ref") or "").strip()
    if ref not in own and not el.get(EXT + "organisation") and _names_its_kind(el):
        return True
    return not (ref and _usable_ref(ref) and ref not in shared) and not el.get(EXT + "organisation") and \
        not any((n.text or "").strip() and not _placeholder(n.text or "") and not _copies_description(el, n.text or "")
                for n in el.findall("narrative"))


def _copies_description(el: etree._Element, text: str) -> bool:
    """Whether a transaction's provider-org or receiver-org names it by its own description, a budget line, not an
    organisation: Relief International UK's IATI Publisher file describes each expenditure "Fees - local", "Grants or
    bursaries", "Overheads", "IT and Office equipment" and names both its parties so; each made an organisation record
    of that name, whose page charted the line's money. A text the activity also names a participating-org is an
    organisation's name, whatever the description says."""
    tx = el.getparent()
    if el.tag not in ("provider-org", "receiver-org") or tx is None or tx.tag != "transaction" or not text.strip():
        return False
    said = _folded(text)
    if not any(_folded(n.text or "") == said for n in tx.findall("description/narrative")):
        return False
    activity = tx.getparent()
    return activity is None or not any(_folded(n.text or "") == said
                                       for n in activity.findall("participating-org/narrative"))


def _words(text: str) -> frozenset[str]:
    """A name's words as compared with a codelist name: case folded, punctuation, order and plural s
    left out ("NON-GOVERNMENTAL ORGANISATIONS (NGOs)" is "Non-Governmental Organisation (NGO)", and
    an older wording "United Nations agency, fund or commission (UN)" is "United Nations (UN) agency,
    fund or commission")."""
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[^\W_]+", text.casefold()))


def _names_its_kind(el: etree._Element) -> bool:
    """Whether an organisation element names a kind of organisation, not one: its every name is the
    name of a CRS channel code the codelist groups other codes under (``12000``, "Recipient
    Government"; ``20000``, "Non-Governmental Organisation (NGO) and Civil Society"; remarks in
    brackets aside on either side: the European Commission's "Donor Government (project via EAC,
    JRC,...)" and "United Nations agency, fund or commission (UN)"), and its ref is that code or
    no identifier ("N/A"). The publisher filled in the kind: the European Commission's "Recipient
    Government" is South Africa's in one activity, Uzbekistan's in the next. A channel code of one
    organisation stated with its name (``41114``, "United Nations Development Programme") names
    that one, and any identifier names its organisation. Without an identifier, the name of a kind of
    IATI's OrganisationType, all of it, names no one either, whatever @type it states: OCHA's pooled
    funds name every partner they keep unnamed "National NGO" (type 22) or "International NGO", one
    partner in one activity, another in the next ("Government (Kenya)" is Kenya's); the Federal
    Foreign Office names a municipality "Local Government" of type 10, Government (type 11's name),
    Belo Horizonte's in one activity, another's in the next. A kind's code stated as the OECD's identifier
    (``XM-DAC-23000``) is that code, no organisation's identifier: USAID names each partner it does not name by
    its kind so, "NGO - Non United States Other" (``XM-DAC-23000``, type 24) or "Enterprise - Non United States
    Other" (``XM-DAC-63000``), the partner of one activity and another's of the next; such a name, a kind and
    whether it is of the United States (``_PARTNER_KIND_RE``), names no one, with such a ref or none. (Stated
    with such a ref, a name of the codelist's kind is read as before, a record of the identifier: the round-trip
    fixture ``full-2.03.xml`` names its partner ``XM-DAC-21000`` "International NGO", "ONG internacional".)"""
    ref = (el.get("ref") or "").strip()
    types: frozenset[frozenset[str]] = frozenset()
    if ref in _channel_kinds():
        kinds = _kind_forms(ref)
    elif ref.upper().startswith(_DAC_PREFIX) and ref[len(_DAC_PREFIX):] in _channel_kinds():
        kinds = frozenset()  # USAID's names of kinds alone (``_PARTNER_KIND_RE``)
    elif not ref or not _usable_ref(ref):
        kinds, types = _kind_forms(None), _type_forms()
    else:
        return False
    names = [n.text or "" for n in el.findall("narrative") if (n.text or "").strip()]
    return bool(names) and all(_forms(name) & kinds or _words(name) in types
                               or _PARTNER_KIND_RE.match(" ".join(name.split())) for name in names)


# The OECD DAC's registration agency's prefix: ``XM-DAC-41114`` is UNDP's identifier, its CRS channel code
_DAC_PREFIX = "XM-DAC-"

# A name that is a kind of partner and whether it is of the United States, all of it: USAID's "NGO - Non United
# States Other", "Enterprise - Non United States Other" (seen in its files of 2025), for the partners it does not
# name, and its other kinds of partner in the same form ("U.S. Government - U.S. Agency for International
# Development" names USAID, not a kind)
_PARTNER_KIND_RE = re.compile(r"(?:NGO|Enterprise|Government|University|Church and Faith-Based|Multilateral|"
                              r"Private Voluntary Organi[sz]ation|PVO|Individual)s? - (?:Non[- ])?(?:United States|"
                              r"U\.S\.)(?: (?:Other|Local|Regional|Government))?$", re.IGNORECASE)


# The form USAID's files give a partner of the U.S. Government, "U.S. Government - " and the agency's name: "U.S.
# Government - Department of State" (ref US-GOV-11), "U.S. Government - U.S. Agency for International Development"
# (USAID itself, ref US-GOV-1 or none), where its reporting-org and other participating-orgs name the agency alone
_US_GOVERNMENT_RE = re.compile(r"U\.S\. Government - (?=\S)")


def _less_us_government(names: dict[str, object]) -> dict[str, str] | None:
    """These names without USAID's "U.S. Government - " before each (``_US_GOVERNMENT_RE``), when every text has
    it and something after it; else None."""
    texts = {lang: text for lang, text in names.items() if isinstance(text, str)}
    if not texts or len(texts) != len(names) or not all(_US_GOVERNMENT_RE.match(t) for t in texts.values()):
        return None
    return {lang: _US_GOVERNMENT_RE.sub("", text, count=1) for lang, text in texts.items()}


def _forms(name: str) -> set[frozenset[str]]:
    """A name's words (``_words``), with and without what it says in brackets."""
    return {_words(name), _words(re.sub(r"\([^()]*\)", " ", name))}


@functools.cache
def _kind_forms(code: str | None) -> frozenset[frozenset[str]]:
    """The forms (``_forms``) of the names of the kind ``code``, or of every kind (None): made once,
    not for each organisation element of each activity."""
    items = codelists.load("CRSChannelCode").items
    return frozenset(form for c in ((code,) if code is not None else _channel_kinds())
                     for name in items[c].names.values() for form in _forms(name))


@functools.cache
def _type_forms() -> frozenset[frozenset[str]]:
    """The words (``_words``) of the names of every OrganisationType: each names a kind ("Local
    Government", "Private Sector"), never one organisation, whatever type an element states."""
    items = codelists.load("OrganisationType").items
    return frozenset(_words(name) for item in items.values() for name in item.names.values())


# Codes of CRSChannelCode that stand for one institution though other codes are its parts: the
# IMF, the World Bank Group, the WTO.
_ONE_INSTITUTION = frozenset({"43000", "44000", "45000"})


@functools.cache
def _channel_kinds() -> frozenset[str]:
    """The CRS channel codes of kinds of organisation: those the codelist groups other codes under and
    the round ones (``13000``, ``90000``), but for the three of one institution (``44000``, the World
    Bank Group)."""
    items = codelists.load("CRSChannelCode").items
    kinds = {i.category for i in items.values() if i.category} | {c for c in items if c.endswith("000")}
    return frozenset(kinds & set(items)) - _ONE_INSTITUTION


# What a publisher's software writes for an organisation's number it does not have: GlobalGiving's
# "XI-BRIDGE-null" names dozens of different NGOs, none registered with that number
_NO_NUMBER = frozenset({"null", "none", "undefined", "nan", "nil"})


def _usable_ref(ref: str) -> bool:
    """Whether an organisation element's ``ref`` can stand for one organisation: an identifier IATI
    allows, whose last part is a number, not a placeholder left for a missing one, nor a kind of
    organisation written as its OrganisationType code and name (``_type_ref``)."""
    return bool(records.IATI_ID_RE.match(ref)) and ref.rsplit("-", 1)[-1].lower() not in _NO_NUMBER and \
        not _type_ref(ref)


def _local_ref(ref: str) -> bool:
    """Whether ``ref`` is no IATI organisation identifier in form: one without the hyphen between a
    registration agency's prefix and the number it gave (``GB-CHC-1109789``), nor a number (a DAC or CRS
    channel code, ``41114``), but a publisher's own short form of a name: IATI Publisher's Y Care
    International names itself ``ref="YCI"`` and DFID ``ref="DFID"`` in one of its transactions, as
    ``GB-CHC-1109789`` and ``GB-1`` in the others."""
    return "-" not in ref and not ref.isdigit()


def _type_ref(ref: str) -> bool:
    """Whether ``ref`` is an OrganisationType code and its name joined by a hyphen: the European Investment
    Bank's ``40-Multilateral`` for the European Development Fund funding and itself extending one activity,
    ``70-Private Sector`` for its borrower. No registration agency's prefix is a type code; read as an
    identifier, it made one record of every multilateral the file names so (the EIB's participation
    shown as the EDF's)."""
    code, _, name = ref.partition("-")
    item = codelists.load("OrganisationType").items.get(code.strip())
    return item is not None and any(_words(name) == _words(n) for n in item.names.values())


# Names publishers give an organisation they do not name (DFAT's "Name Withheld" for every withheld
# partner; WHO's "Miscellaneous" for the donors it does not list one by one; Global Affairs Canada's
# "Uncoded", in French "Non codé", for every partner it has not coded; USAID's "Vendor implementing direct
# administrative services" for whoever it paid for its own administration in a country; UNHCR's "Private donors", the
# provider of each month's sum of its private contributions, and "Governmental", the receiver of a year's sum paid to
# governments, beside "International NGO" and "Multilateral", names of organisation types): not an organisation, so
# no record (one record would join every withheld partner).
_PLACEHOLDERS = frozenset({"name withheld", "withheld", "redacted", "not applicable", "n/a", "not available",
                           "unknown", "not known", "pending approval", "to be determined", "tbd", "confidential",
                           "anonymous", "name not disclosed", "not disclosed", "miscellaneous", "uncoded",
                           "non codé", "vendor implementing direct administrative services", "private donors",
                           "governmental"})


# A sentence in place of a name saying it is withheld (USAID: "USAID redacted this field in accordance
# with the exceptions outlined in the Foreign Aid Transparency and Accountability Act of 2016.")
_WITHHELD_RE = re.compile(r"\b(?:redacted|withheld)\b", re.IGNORECASE)


# A name saying the partner is not chosen yet (IDRC's "Recipient(s) to be Determined -- Holding Tank", in French
# "Bénéficiaire(s) non spécifié(s) -- Réservoir", the receiver of every award not yet given), as "to be determined"
# alone does: it names no organisation.
_UNDETERMINED_RE = re.compile(r"\bto be (?:determined|identified|selected|confirmed)\b|\bnon sp[ée]cifi[ée]"
                              r"|\b[àa] (?:d[ée]terminer|identifier|s[ée]lectionner|confirmer)\b", re.IGNORECASE)


# What a narrative says when its element has no text in its language ("N/A" beside the English title).
_NOT_STATED = frozenset({"n/a", "n.a", "not applicable", "not available"})


def _said(text: str) -> str:
    """A short text as compared with placeholders: spaces collapsed, end dots and dashes off, lower case."""
    return " ".join(text.split()).strip(" .-").lower()


def _from_mojibake(text: str) -> str:
    """``text`` as the UTF-8 it is when it is UTF-8 read as Windows-1252 (``_CP1252_BYTE``), else as
    stated; read again while it still is (text misread twice)."""
    for _ in range(3):
        if not _CP1252_CHARS.issuperset(text):  # a character Windows-1252 has at no byte: not misread
            return text
        raw = text.translate(_CP1252_AS_LATIN1).encode("latin-1")  # each character as its byte
        try:
            read = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
        if read == text:
            return text
        text = read
    return text


def _not_stated(text: str) -> bool:
    return _said(text) in _NOT_STATED


# A name that begins "Unspecified" (USAID's "Unspecified Vendors - Senegal", the implementer and receiver of seven
# activities and 26 transactions of its Cabo Verde file): whoever was paid, not named, as IDRC's French
# "Bénéficiaire(s) non spécifié(s)" above; a record of it charted every such payment as one organisation's.
_UNSPECIFIED_RE = re.compile(r"^unspecified\b")


def _placeholder(text: str) -> bool:
    said = _said(text)
    return said in _PLACEHOLDERS or bool(_WITHHELD_RE.search(said)) or bool(_UNDETERMINED_RE.search(said)) \
        or bool(_UNSPECIFIED_RE.match(said))


def _channel_code(ref: str | None) -> bool:
    """Whether a ref is a bare code of the OECD DAC's CRS channel codes (``22000``, "Donor
    country-based NGO"; ``41114``, UNDP), not an organisation identifier of IATI's form
    ``{registration agency}-{id}`` (``XM-DAC-41114``, ``GB-CHC-202918``)."""
    return ref is not None and ref.strip() in codelists.load("CRSChannelCode").items


def _folded(text: str) -> str:
    """A name as compared to tell organisations apart: whitespace collapsed, case folded, and a hyphen or dash
    (``_DASHES``) read as a space: VIA Don Bosco names its partner "ADEFE-NLATI", "ADEFE Nlati" and "ADEFE NLATI"
    (the names make one record id, the letter case alone two records)."""
    return " ".join(text.translate(_DASHES).replace("-", " ").split()).casefold()


def _name_key(el: etree._Element) -> frozenset[str]:
    """An organisation element's names, ``_folded``, in any language; placeholders ("Name Withheld") left out."""
    return frozenset(_folded(n.text or "") for n in el.findall("narrative")
                     if (n.text or "").strip() and not _placeholder(n.text or ""))


# Words of names too common to tell organisations apart ("the", "of", "and", their French, Spanish, German and Dutch)
_SMALL_WORDS = frozenset({"the", "of", "and", "for", "in", "de", "du", "des", "la", "le", "les", "et", "y", "del",
                          "los", "las", "el", "und", "für", "van", "der", "het", "en"})


def _name_words(names: Collection[str]) -> frozenset[str]:
    """The words of these names (``_words``), small ones (``_SMALL_WORDS``) and single letters left out."""
    return frozenset(w for name in names for w in _words(name) if len(w) > 1 and w not in _SMALL_WORDS)


def _names_apart(held: Collection[str], stated: Collection[str]) -> bool:
    """Whether names stated with an organisation identifier share no word with the names of the record of that
    identifier, so that they name another organisation: Carbon Trust Advisory pays "The Energy & Resources
    Institute" and "University of Cape Town - ERC" under one identifier, the University of Cape Town's GRID
    ``XI-GRID-grid.7836.a``. A name of one word may be a short form of the other ("DFID" for "Department for
    International Development"): never apart."""
    if any(len(name.split()) < 2 for name in (*held, *stated)):
        return False
    ours, theirs = _name_words(held), _name_words(stated)
    return bool(ours) and bool(theirs) and not ours & theirs
