"""The value types a checked record holds beside text, lists and mappings.

They live apart from the checks and the YAML reader so that both can use them without importing
each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

# The years a record's date can be in (``checks.partial_date``): older ones are software's for none
# (0001-01-01), the IATI import and the release dates leave them out as well.
YEARS = range(1900, 2201)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, as the source supports it."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is not None:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)


@dataclass(frozen=True)
class YamlNumber:
    """A number exactly as written in the file; the field's check decides what it may mean.

    PyYAML follows YAML 1.1, where ``065000`` is octal, ``1:05:00`` is base 60 and ``6.5e+4`` a
    float: a silent misreading of an amount is worse than a refusal, so the loader keeps the text
    and ``number`` accepts only plain decimals.
    """

    raw: str

    def __str__(self) -> str:
        return self.raw


_DATE_TYPES = {XSD.gYear: 1, XSD.gYearMonth: 2, XSD.date: 3}


def parse_day(node: Node | None) -> PartialDate | None:
    """A date literal (``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date``) as a ``Day``; None otherwise."""
    if not isinstance(node, Literal):
        return None
    text = str(node)
    parts = text.split("-")
    want = _DATE_TYPES.get(node.datatype) if node.datatype is not None else None
    if want is None or len(parts) != want or not all(p.isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    return PartialDate(numbers[0], numbers[1] if want > 1 else None, numbers[2] if want > 2 else None)
