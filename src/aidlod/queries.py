"""The example SPARQL queries in ``queries/``: shown on the endpoint's form, run by the tests.

Each ``queries/NAME.rq`` starts with ``#`` comment lines that describe it, and has its expected
result on the seed data beside it as ``queries/NAME.csv`` (SPARQL 1.1 CSV results), so that the same
check runs against the embedded store, the ``/sparql`` endpoint and a remote triple store.

A subfolder holds examples for other data, named after it (``DATA``): ``queries/iati/`` the
examples for imported IATI activities, whose expected results are those on the IATI fixture files
``tests/test_queries.py`` imports. ``examples()`` gives the seed data's, ``examples(data="iati")``
those of the subfolder.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .resources import queries_dir

# The data each subfolder's examples run on (the seed data's examples are in queries/ itself).
DATA = {"seed": "the seed data (data/)",
        "iati": "imported IATI activity files (tests/test_queries.py imports the fixtures it names)"}


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str
    expected_csv: Path
    data: str = "seed"

    def expected(self) -> list[dict[str, str]]:
        """The expected rows, in order."""
        return read_csv(self.expected_csv.read_bytes())


def examples(folder: Path | None = None, data: str = "seed") -> list[Example]:
    """Every example query for ``data`` (a key of ``DATA``), sorted by name: those in ``folder``
    (default ``queries/``) for the seed data, those in its subfolder named ``data`` otherwise."""
    if data not in DATA:
        raise ValueError(f"no example queries for {data!r}: {', '.join(DATA)}")
    folder = folder or queries_dir()
    if data != "seed":
        folder = folder / data
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        found.append(Example(path.stem, " ".join(comments) or path.stem, text, path.with_suffix(".csv"), data))
    return found


def read_csv(data: bytes) -> list[dict[str, str]]:
    """SPARQL CSV results → rows; numbers compared as written by the store (canonical lexical form)."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
