"""What each kind of record may hold: its fields, whether each is required, and how each is checked.

One table per kind (``SCHEMAS``), written with the checks of ``checks.py``, plus the few rules
across fields that SHACL core cannot state simply (``check_semantics``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..errors import shown_repr
from ..formats import PAGE_LANGUAGE
from ..iris import BASE_IRI_RE, BASE_IRI_RULE, base_iri_hint
from .checks import (
    ACTIVITY_ID_RE,
    CURRENCY_RE,
    EMAIL_RE,
    FILENAME_RE,
    IATI_ID_RE,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    Check,
    Context,
    code,
    duration,
    endpoint,
    iri,
    langmap,
    langtag,
    licence,
    listof,
    number,
    obj,
    partial_date,
    pattern,
    ref,
    slug,
    text,
)
from .iati_block import iati_block, organisation_block
from .values import PartialDate

LONG = text(MAX_LONG_TEXT)
# A source document's file name: not that of a page the build writes (``formats.SOURCE_PAGE_PATH``), which
# the servers leave out of the sandbox that keeps a contributor's HTML or SVG from running script.
SOURCE_FILE_RE = re.compile(rf"^(?!.*\.{PAGE_LANGUAGE}\.html$)" + FILENAME_RE.pattern[1:])
SHORT = text(MAX_SHORT_TEXT)
ACTIVITY_ID = "an IATI activity identifier (no control characters, no spaces at its ends)"

_BASE_IRI = pattern(BASE_IRI_RE, BASE_IRI_RULE)


def base_iri(value: Any, where: str, ctx: Context) -> Any:
    """dataset.yaml's base_iri, and what to change in one written as publishers do: without its final '/',
    without 'https://', with a capital scheme."""
    if isinstance(value, str) and not BASE_IRI_RE.fullmatch(value):
        return ctx.fail(where, f"{shown_repr(value)} is not {BASE_IRI_RULE}{base_iri_hint(value)}")
    return _BASE_IRI(value, where, ctx)


SCHEMAS: dict[str, dict[str, tuple[Check, bool]]] = {
    "dataset": {
        "title": (langmap(SHORT), True),
        "description": (langmap(LONG), True),
        "publisher": (ref("organisation"), True),
        "reporting_organisation": (ref("organisation"), False),
        "licence": (licence, True),
        "base_iri": (base_iri, True),
        "languages": (listof(langtag, 1), True),
        "contact_email": (pattern(EMAIL_RE, "an e-mail address"), False),
        "keywords": (langmap(listof(SHORT, 1)), False),
        # The currency the site sums and charts in, beside EUR and USD (docs/tables.md).
        "currency": (pattern(CURRENCY_RE, "an ISO 4217 currency code such as NOK"), False),
        # Where the data can be queried: {base_iri}sparql (``aidlod serve``) unless another endpoint (the
        # store ``aidlod push`` fills) or ``none`` (a static host) is named; the pages and catalog follow it.
        "sparql_endpoint": (endpoint, False),
    },
    "country": {
        "id": (slug, True),
        "iso_code": (pattern(re.compile(r"^[A-Z]{2}$"), "an ISO 3166-1 alpha-2 code"), True),
        "name": (langmap(SHORT), True),
        "wikidata": (pattern(re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
                             "a Wikidata entity IRI (http://www.wikidata.org/entity/Q...)"), False),
    },
    "organisation": {
        "id": (slug, True),
        "name": (langmap(SHORT), True),
        # Another name per language (its organisation file's, where its activities name it otherwise)
        "alternate_name": (langmap(SHORT), False),
        "acronym": (SHORT, False),
        "type": (code, False),
        "iati_identifier": (pattern(IATI_ID_RE, "an IATI organisation identifier (no / & | ? or spaces)"),
                            False),
        "country": (ref("country"), False),
        "homepage": (iri, False),
        "source": (ref("source"), False),
        "iati": (organisation_block, False),
    },
    "programme": {
        "id": (slug, True),
        "name": (langmap(SHORT), True),
        "description": (langmap(LONG), False),
        "funder": (ref("organisation"), False),
        "start": (partial_date, False),
        "end": (partial_date, False),
        "source": (ref("source"), False),
    },
    "source": {
        "id": (slug, True),
        "title": (langmap(SHORT), True),
        "file": (pattern(SOURCE_FILE_RE, "a plain file name in the sources folder, not one of the form "
                                         "name.en.html (the servers sandbox source documents but the build's "
                                         "pages, which are named so)"), True),
        "language": (langtag, True),
        "publisher": (ref("organisation"), False),
        "url": (iri, False),
        # What aidlod import-iati re-read, mended or dropped, per record (docs/iati.md): the file's
        # record by its identifier, the record it became (none: skipped), the note in English.
        "import_notes": (listof(obj({
            "iati_identifier": (SHORT, True),
            "project": (ref("project"), False),
            "organisation": (ref("organisation"), False),
            "note": (LONG, True),
        }), 1), False),
    },
    "project": {
        "id": (slug, True),
        "iati_identifier": (pattern(ACTIVITY_ID_RE, ACTIVITY_ID), False),
        "title": (langmap(SHORT), False),
        "description": (langmap(LONG), False),
        "status": (code, False),
        "countries": (listof(ref("country"), 1), False),
        "programme": (ref("programme"), False),
        "start": (partial_date, False),
        "end": (partial_date, False),
        "duration": (duration, False),
        "participants": (listof(obj({
            "organisation": (ref("organisation"), True),
            "role": (code, True),
            # the name this activity gives the organisation, when not the organisation record's
            "name": (langmap(SHORT), False),
            # the kind of organisation this activity says it is, when not the record's (IATI OrganisationType:
            # WHO's funder "Germany" typed 70 beside the German Foreign Office's, typed 10, in one download)
            "type": (code, False),
            # IATI's participating-org/@activity-id (the organisation's own activity) and @crs-channel-code
            "activity_id": (pattern(ACTIVITY_ID_RE, ACTIVITY_ID), False),
            "crs_channel_code": (code, False),
            # IATI's participating-org/@ref as stated when it is not the organisation's identifier: a CRS
            # channel code the source states for several organisations (AICS's 22000 for every Italian NGO)
            "ref": (pattern(IATI_ID_RE, "an IATI organisation reference (no / & | ? or spaces)"), False),
        }), 1), False),
        "sectors": (listof(obj({
            "code": (code, True),
            "vocabulary": (code, False),
            "percentage": (number("a percentage", example="60", signs=", '%'"), False),
        }), 1), False),
        "default_finance_type": (code, False),
        "default_aid_type": (code, False),
        "default_flow_type": (code, False),
        "default_tied_status": (code, False),
        "grants": (listof(obj({
            "funder": (ref("organisation"), True),
            "recipient": (ref("organisation"), False),
            "programme": (ref("programme"), False),
            "amount": (number("an amount", 2), False),
            "currency": (pattern(CURRENCY_RE, "an ISO 4217 currency code such as NOK"), False),
            "date": (partial_date, False),
            "note": (langmap(LONG), False),
        })), False),
        "iati": (iati_block, False),
        # What aidlod import-iati re-read, mended or left out in this activity (docs/iati.md), in the
        # file's order, in English: kept with the record it is about, so that no file grows with the
        # import (a source record that held every activity's notes passed the records' size limit).
        "import_notes": (listof(LONG, 1), False),
        "source": (obj({
            "document": (ref("source"), True),
            "section": (SHORT, False),
        }), True),
    },
}


def sector_totals(sectors: list[dict[str, Any]]) -> dict[str, Decimal]:
    """The sum of the stated percentages per sector vocabulary (each must be 100)."""
    totals: dict[str, Decimal] = {}
    for sector in sectors:
        if "percentage" in sector:
            vocab = sector.get("vocabulary", "1")
            totals[vocab] = totals.get(vocab, Decimal(0)) + Decimal(str(sector["percentage"]))
    return totals


def repeated_sectors(sectors: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(index, index of its first statement) of each sector stated again in its vocabulary: a sector
    is one allocation, its share the one percentage."""
    first: dict[tuple[str, str], int] = {}
    again = []
    for i, sector in enumerate(sectors):
        key = (str(sector.get("vocabulary", "1")), str(sector.get("code")))
        if key in first:
            again.append((i, first[key]))
        first.setdefault(key, i)
    return again


def check_semantics(kind: str, data: dict[str, Any], ctx: Context) -> None:
    """Rules across fields that SHACL core cannot state simply."""
    start, end = data.get("start"), data.get("end")
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.first_day > end.last_day:
        # Compared as periods: start 2003-05 and end 2003 overlap, so they are in order.
        ctx.fail("start", f"{str(start)!r} is later than the end {str(end)!r}; the start must come first")
    if kind == "dataset":  # each page language once: the site's pages stopped a build with a ValueError
        languages = data.get("languages") or []
        for i, lang in enumerate(languages):
            if lang in languages[:i]:
                ctx.fail(f"languages[{i}]", f"{lang!r} is stated already (languages[{languages.index(lang)}]; "
                                            "language tags ignore case): name each language once")
    if kind != "project":
        return
    for vocab, total in sorted(sector_totals(data.get("sectors", [])).items()):
        if total != 100:
            ctx.fail("sectors", f"percentages for sector vocabulary {vocab} add up to {total}, not 100")
    for i, first in repeated_sectors(data.get("sectors", [])):
        ctx.fail(f"sectors[{i}].code", f"the sector is stated already (sectors[{first}]): a sector is one "
                 "allocation, with one percentage")
    for i, grant in enumerate(data.get("grants", [])):
        if "amount" in grant and "currency" not in grant:
            ctx.fail(f"grants[{i}].currency", "is required when an amount is given")
        if "currency" in grant and "amount" not in grant:
            ctx.fail(f"grants[{i}].amount", "is missing although a currency is given")
