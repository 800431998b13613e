"""The example SPARQL queries in ``queries/``: shown on the endpoint's form, run by the tests.

Each ``queries/NAME.rq`` starts with ``#`` comment lines that describe it, and has its expected
result on the seed data beside it as ``queries/NAME.csv`` (SPARQL 1.1 CSV results), so that the same
check runs against the embedded store, the ``/sparql`` endpoint and a remote triple store.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .resources import queries_dir


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str
    expected_csv: Path

    def expected(self) -> list[dict[str, str]]:
        """The expected rows, in order."""
        return read_csv(self.expected_csv.read_bytes())


def examples(folder: Path | None = None) -> list[Example]:
    """Every example query, sorted by name."""
    folder = folder or queries_dir()
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        found.append(Example(path.stem, " ".join(comments) or path.stem, text, path.with_suffix(".csv")))
    return found


def read_csv(data: bytes) -> list[dict[str, str]]:
    """SPARQL CSV results → rows; numbers compared as written by the store (canonical lexical form)."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
