"""The value types a checked record holds beside text, lists and mappings.

They live apart from the checks and the YAML reader so that both can use them without importing
each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
