"""The period the data covers, as days: the catalog's ``dct:temporal`` (docs/catalog.md) and the front
page's ``schema:temporalCoverage`` say the same."""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from .iris import AID, SCHEMA
from .mapping.iati_block import prop as iati_prop

if TYPE_CHECKING:
    from .dataset import Dataset

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

_ACTIVITY_DATE, _TRANSACTION, _TRANSACTION_DATE, _ISO_DATE = (
    iati_prop("activity-date"), iati_prop("transaction"), iati_prop("transaction-date"), iati_prop("iso-date"))


def _day(lexical: str, end: bool) -> str | None:
    """``2003`` / ``2003-05`` / ``2003-05-07`` as the first (or last) day it covers."""
    m = _DATE.match(lexical)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2) or (12 if end else 1))
    day = int(m.group(3) or (calendar.monthrange(year, month)[1] if end else 1))
    return f"{year:04d}-{month:02d}-{day:02d}"


def temporal_range(graph: Dataset) -> tuple[str | None, str | None]:
    """Earliest start and latest end (as dates) of the projects, programmes and grants, and of what
    IATI dates: every activity-date (a finalised activity stating only its planned dates has no
    start or end of its own) and every transaction (a disbursement after the planned end). Every
    date bounds the period on both sides: an ongoing activity stating its start alone, later than
    every end stated (IATI files of activities begun since), is inside it. A side no date states the
    end (or start) of is left open (the seed's one programme, begun in 2003)."""
    kinds = (SCHEMA.Project, AID.Programme, SCHEMA.MonetaryGrant)
    things = {s for k in kinds for s in graph.of_type(k)}
    begun = [str(o) for s in things for o in graph.objects(s, SCHEMA.startDate)]
    ended = [str(o) for s in things for o in graph.objects(s, SCHEMA.endDate)]
    iati = [str(day)[:10] for s in graph.of_type(SCHEMA.Project)
            for element, dated in ((_ACTIVITY_DATE, None), (_TRANSACTION, _TRANSACTION_DATE))
            for node in graph.objects(s, element)
            for when in ((node,) if dated is None else graph.objects(node, dated))
            for day in graph.objects(when, _ISO_DATE)]
    stated = begun + ended + iati
    starts = [d for day in stated if (d := _day(day, False))]
    ends = [d for day in stated if (d := _day(day, True))]
    open_start = not any(_day(day, False) for day in begun + iati)
    open_end = not any(_day(day, True) for day in ended + iati)
    return (None if open_start or not starts else min(starts), None if open_end or not ends else max(ends))
