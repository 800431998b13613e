"""Codes as publishers write them, read as the codelists state them: IATI 1 codes in 2.0x files, codes in
another case, spreadsheet numbers ("2.0"), names for codes. Each reading is noted (docs/iati.md)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from .. import codelists
from . import standard
from .reading import _POSITION, _Activity, _declared, _relpath
from .valuefix import _attribute_names

# IATI 1 codes that 2.0x files still carry, and the 2.0x codes they became (IATI's own upgrade of
# the codelists at 2.01); compared without case, as 1.0x files wrote "Funding" and "funding".
_V1_CODES: dict[tuple[str, str], dict[str, str]] = {
    ("transaction-type", "code"): {"if": "1", "c": "2", "d": "3", "e": "4", "ir": "5", "lr": "6", "r": "7",
                                   "qp": "8", "qs": "9", "cg": "10"},
    ("activity-date", "type"): {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"},
    ("participating-org", "role"): {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"},
    ("sector", "vocabulary"): {"dac": "1", "dac-3": "2"},
    ("policy-marker", "vocabulary"): {"dac": "1"},
}


# ISO codes some files write in the other case: currencies and countries in small letters ("gbp",
# "jo"), languages in capitals ("EN"); (codelist, the case ISO writes them in).
_ISO_CODES = {("value", "currency"): ("Currency", str.upper),
              ("iati-activity", "default-currency"): ("Currency", str.upper),
              ("recipient-country", "code"): ("Country", str.upper), ("language", "code"): ("Language", str.lower)}


# A media type (document-link/@format, IATI's FileFormat codelist: IANA's media types). Its case
# does not matter (RFC 6838), and the codelist, as IANA, writes its type in small letters: a validator
# finds "APPLICATION/PDF" on no list. Not every subtype, though ("application/batch-SMTP",
# "application/vnd.ms-excel.sheet.macroEnabled.12", as IATI Publisher offers them from the codelist):
# a format whose type is already in small letters is kept as stated (``_upgraded_code``).
_MEDIA_TYPE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")


_MEDIA_TYPE_CASE = (" (a media type's case does not matter; IANA's list and IATI's FileFormat write its type in "
                    "small letters)")


# The reference system of every IATI point (location/point/@srsName allows this one value).
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


# Elements whose code's list depends on their vocabulary and has codes in small letters (the SDG
# targets' "3.d", which WHO writes "3.D").
_CASED_VOCABULARIES = frozenset({"sector", "tag"})


def _in_codelist_case(el: etree._Element, value: str) -> str | None:
    """The code of the element's codelist that ``value`` is in another case, if it is not a code itself."""
    listname = standard.VOCABULARY_CODELISTS[el.tag][1].get(
        (el.get("vocabulary") or standard.VOCABULARY_CODELISTS[el.tag][0]).strip())
    if listname is None:
        return None
    items = codelists.load(listname).items
    if value in items:
        return None
    found = [code for code in items if code.lower() == value.lower()]
    return found[0] if len(found) == 1 else None


def _upgrade_codes(a: _Activity) -> None:
    """Read IATI 1 codes and ISO codes in the other case as the 2.0x codes they stand for, in place, and
    note each kind once per activity: the export then writes the codes IATI 2.03 knows. The codes one
    attribute had read otherwise are one note (the European Commission's policy markers '01' to '09', read
    as '1' to '9': nine notes on each activity, nine kinds on the console)."""
    seen: set[str] = set()
    # (the element's path without positions, attribute): each code as stated -> as read; a result's document-link
    # is named as one (ADB's "APPLICATION/PDF" there was covered by no note, the activity's document-link's alone)
    read: dict[tuple[str, str], dict[str, str]] = {}
    for el in a.el.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "point" and not (el.get("srsName") or "").strip() and (el.findtext("pos") or "").strip():
            # WHO's points state no srsName, which IATI requires and allows one value of: that one
            el.set("srsName", WGS84)
            if "point" not in seen:
                seen.add("point")
                a.notes.append(f"location/point without srsName: read in {WGS84} (WGS 84 latitude longitude, "
                               "the only reference system IATI allows)")
        pos = (el.findtext("pos") or "").strip() if el.tag == "point" else ""
        if pos and standard.wgs84(pos) is None and "pos" not in seen:
            seen.add("pos")
            a.notes.append(f"location/point/pos: {pos!r} is no WGS 84 latitude and longitude (two decimals, the "
                           "latitude from -90 to 90, the longitude from -180 to 180): kept as stated in the iati "
                           "field; the location has no coordinates (map, geometry, locations.csv)")
        if el.tag == "value" and "e" in (el.text or "").lower():
            # Sida's planned disbursement of "-9e-10" (a float's rounding left over): xsd:decimal has no
            # exponent, so the element was left out whole; the same number written out is exact
            try:
                number = Decimal((el.text or "").strip())
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                written = format(number, "f")
                a.notes.append(f"{_relpath(el, a.el)}: {(el.text or '').strip()!r} read as {written!r} "
                               "(xsd:decimal writes no exponent)")
                el.text = written
        for name, value in el.attrib.items():
            new = _upgraded_code(el, name, value)
            if new is not None and new != value:
                el.set(name, new)
                read.setdefault((_POSITION.sub("", _relpath(el, a.el)), name), {}).setdefault(value, new)
        if el.tag in standard.VOCABULARY_CODELISTS and el.tag not in standard.VOCABULARY_FROM_PARENT \
                and not (el.get("code") or "").strip():
            _code_by_name(a, el)
    for (path, name), codes in read.items():
        key = (path.rpartition("/")[2], name)
        why = " (the IATI 1 code)" if key in _V1_CODES else _MEDIA_TYPE_CASE \
            if key == ("document-link", "format") else " (the codelist's code)" \
            if key not in _ISO_CODES else " (ISO writes it in capitals)" \
            if _ISO_CODES[key][1] is str.upper else " (ISO writes it in small letters)"
        pairs = [f"{value!r} {'read ' if i == 0 else ''}as {new!r}" for i, (value, new) in enumerate(codes.items())]
        a.notes.append(f"{path}/@{name}: {', '.join(pairs)}{why}")


# A whole number as a spreadsheet's number cell writes it ("2.0", "12240.0"), copied into a code by a converter.
_FLOAT_CODE_RE = re.compile(r"(\d+)\.0+")


def _codes_in_case(a: _Activity, decl: standard.Element) -> None:
    """Read a code written in another case than its codelist's (an organisation file's "usd", "jo", "b01",
    "EN"), when exactly one code of the list is it case aside, as that code, with one note per code: the
    element holding it was left out ("'b01' is not a code of the IATI codelist DocumentCategory"). So is a
    numeric code written as a spreadsheet's number ("2.0" for ActivityStatus 2, "12240.0" for a sector,
    "11.0" for a transaction type) when the number is a code of the list: the activity status was left out,
    and with it the activity from the IATI export ("IATI requires an activity status"), the transaction
    from the tables and the charts. A vocabulary is read first, as the code's list depends on it."""
    seen: set[str] = set()
    for el, d, parent in _declared(a.el, decl):
        held = parent if d.name in standard.VOCABULARY_FROM_PARENT and parent is not None else el
        for name in sorted(_attribute_names(d), key=lambda n: n != "vocabulary"):  # the vocabulary first
            vocabulary = (held.get("vocabulary") or "").strip() or None
            value = (el.get(name) or "").strip()
            listname = "Currency" if name == "default-currency" else standard.codelist_for(d, name, vocabulary)
            if not value or listname is None or value in codelists.load(listname).items:
                continue
            found = [code for code in codelists.load(listname).items if code.lower() == value.lower()]
            how = "case aside"
            if not found and (number := _FLOAT_CODE_RE.fullmatch(value)) and \
                    number.group(1) in codelists.load(listname).items:
                found, how = [number.group(1)], "written as a spreadsheet writes a number"
            if len(found) != 1:
                continue
            el.set(name, found[0])
            note = (f"{_relpath(el, a.el) + '/' if el is not a.el else ''}@{name}: {value!r} read as {found[0]!r} "
                    f"(the code of {listname}, {how})")
            if note not in seen:
                seen.add(note)
                a.notes.append(note)


def _code_by_name(a: _Activity, el: etree._Element) -> None:
    """Read a coded element that states no code, only a narrative naming one, as that code: the one
    code of its vocabulary's codelist with that name (AICS's sector of vocabulary 1 "Labour Rights",
    the DAC's 16070, without @code was left out with its 100 %); a name no code or several codes
    bear leaves the element as stated (reported as missing its code). A withdrawn code that shares its
    name with a code in use yields to it (the DAC's "Human rights": 15160 in use, 15162 withdrawn)."""
    default, lists = standard.VOCABULARY_CODELISTS[el.tag]
    listname = lists.get((el.get("vocabulary") or "").strip() or default)
    said = {" ".join((n.text or "").split()).casefold() for n in el.findall("narrative")} - {""}
    if listname is None or not said:
        return
    found = [item for item in codelists.load(listname).items.values()
             if any(name.casefold() in said for name in item.names.values())]
    if len(found) > 1:
        found = [item for item in found if not item.withdrawn]
    if len(found) != 1:
        return
    el.set("code", found[0].code)
    named = next(iter(found[0].names.values()))
    a.notes.append(f"{_relpath(el, a.el)}: no @code, only its name: read as {listname} code "
                   f"{found[0].code!r} ({named!r}), the one code of its vocabulary with that name")


def _upgraded_code(el: etree._Element, name: str, value: str) -> str | None:
    """The 2.0x code an attribute's value stands for (``_upgrade_codes``), None when it is none other."""
    key = (el.tag, name)
    if key in _V1_CODES:
        return _V1_CODES[key].get(value.strip().lower())
    if key in _ISO_CODES:
        listname, case = _ISO_CODES[key]
        cased = case(value.strip())
        return cased if cased != value.strip() and cased in codelists.load(listname).items else None
    if name == "code" and el.tag in _CASED_VOCABULARIES:
        return _in_codelist_case(el, value.strip())
    if key == ("document-link", "format") and _MEDIA_TYPE_RE.match(value.strip()):
        # EC's and UNDP's "APPLICATION/PDF", "TEXT/HTML"; never "application/batch-SMTP", a code of the list
        kind = value.strip().split("/", 1)[0]
        return value.strip().lower() if kind != kind.lower() else None
    if key == ("policy-marker", "code") and value.strip().startswith("0") and \
            (el.get("vocabulary") or "1").strip().lower() in ("1", "dac"):
        short = value.strip().lstrip("0")  # the OECD DAC's "01" for gender equality
        return short if short in codelists.load("PolicyMarker").items else None
    return None
