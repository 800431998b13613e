"""The tables writer: analysis-ready CSV files of the validated data, described as CSV on the Web.

``tables/{name}.csv`` holds one kind of thing per file (activities, their related activities, their
countries and regions, transactions, budgets, planned disbursements, participating organisations,
sectors, locations, indicator periods, descriptions, document links, country budget items, other
identifiers, contacts, conditions, legacy data, organisations, countries, codes, and the splits of
the amounts by country and sector): UTF-8, RFC 4180 (CRLF, quoted where needed), a header of stable
snake_case names, rows sorted. Ids are the graph's IRIs; codes have their label beside them (in the
dataset's default language, else another); an unknown value is an empty cell, never 0. The rows and
columns are in ``rows``; the splits' in ``aidlod.splits``, which reads the rows of ``rows`` (so that
module sits between the two).

``tables/csv-metadata.json`` describes them as a W3C CSVW table group: each table's columns with
their datatype, and — where a column is the same graph property for every row — ``propertyUrl``,
``valueUrl`` and (for values on a child node, such as an amount's value node) a column ``aboutUrl``,
so that a CSVW-to-RDF conversion of the tables gives triples the published graph holds. Columns
that do not map one-to-one (labels, dates on child elements, rows of two kinds, derived values such
as the splits) are ``suppressOutput``. ``tables/datapackage.json`` describes the same files as a
Frictionless Data Package. The column list of every table is in docs/tables.md.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rdflib import RDF

from ... import money, parallel, splits
from ...build.incremental import code_hash
from ...dataset import natural_key
from .reuse import FILE as CACHE_FILE
from .reuse import RowCache, Runs
from .rows import (
    Column,
    Reader,
    Row,
    Table,
    activity_rows,
    budget_rows,
    iati,
    planned_disbursement_rows,
    tables,
    transaction_rows,
)

if TYPE_CHECKING:
    from ...build.stage import Stage
    from ...dataset import Dataset

__all__ = ["FOLDER", "Column", "Reader", "Row", "Table", "TablesWriter", "activity_rows",
           "all_tables", "budget_rows", "csvw_metadata", "datapackage", "iati", "planned_disbursement_rows",
           "tables", "transaction_rows"]

FOLDER = "tables"

log = logging.getLogger("aidlod")


def all_tables(data: Dataset) -> list[Table]:
    """Every table the writer writes: the tables of ``rows`` and the splits (``aidlod.splits``)."""
    return [*tables(data), splits.table(data)]


# -- the files ------------------------------------------------------------------------------------

FRICTIONLESS = {"string": ("string", None), "decimal": ("number", None), "integer": ("integer", None),
                "date": ("date", None), "boolean": ("boolean", None),
                "anyURI": ("string", "uri")}


def _csvw_column(col: Column) -> dict[str, object]:
    # The header cell is a title too: a validator compares the metadata's columns with the header's (CSVW
    # metadata 5.5.1, the header gives titles, not names), and rejects a column none of whose titles is it.
    out: dict[str, object] = {"name": col.name, "titles": [col.title, col.name], "datatype": col.datatype}
    if col.description:
        out["dc:description"] = col.description
    if col.suppressed:
        out["suppressOutput"] = True
        return out
    if col.about:
        out["aboutUrl"] = col.about
    out["propertyUrl"] = col.prop
    if col.value_url:
        out["valueUrl"] = col.value_url
    if col.lang:
        out["lang"] = col.lang
    return out


def csvw_metadata(data: Dataset, specs: list[Table]) -> dict[str, object]:
    out = []
    for t in specs:
        columns = [_csvw_column(c) for c in t.columns]
        if t.rdf_type:
            columns.append({"name": "type", "virtual": True, "propertyUrl": str(RDF.type), "valueUrl": t.rdf_type})
        schema: dict[str, object] = {"columns": columns, "aboutUrl": t.about}
        if t.primary_key:
            schema["primaryKey"] = "id"
        if t.refers_to:
            schema["foreignKeys"] = [{"columnReference": c, "reference": {"resource": f"{other}.csv",
                                                                          "columnReference": "id"}}
                                     for c, other in t.refers_to]
        out.append({"url": f"{t.name}.csv", "dc:description": t.description, "tableSchema": schema})
    return {"@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
            "dc:title": f"{data.base} as tables",
            "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n", "\n"]},
            "tables": out}


def datapackage(data: Dataset, specs: list[Table]) -> dict[str, object]:
    resources = []
    for t in specs:
        fields = []
        for c in t.columns:
            kind, fmt = FRICTIONLESS[c.datatype]
            field: dict[str, object] = {"name": c.name, "title": c.title, "type": kind}
            if fmt:
                field["format"] = fmt
            if c.description:
                field["description"] = c.description
            fields.append(field)
        schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
        if t.primary_key:
            schema["primaryKey"] = ["id"]
        if t.refers_to:
            schema["foreignKeys"] = [{"fields": [c], "reference": {"resource": other, "fields": ["id"]}}
                                     for c, other in t.refers_to]
        resources.append({"name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "description": t.description, "schema": schema})
    return {"profile": "tabular-data-package", "name": "aidlod-tables", "id": f"{data.base}{FOLDER}/",
            "resources": resources}


def _json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sort_key(row: Row) -> tuple[object, ...]:
    """By the first two cells in natural order (ids, or activity and country: unique), then the rest."""
    return natural_key(row[0]), natural_key(row[1]) if len(row) > 1 else (), row[2:]


class TablesWriter:
    """``tables/*.csv`` with ``tables/csv-metadata.json`` (CSVW) and ``tables/datapackage.json``."""

    name = "tables"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        specs = all_tables(data)
        made = self._activity_runs(data, stage, specs)
        for t in specs:
            with stage.open(f"{FOLDER}/{t.name}.csv") as out:
                out.write(csv_text([[c.name for c in t.columns]]).encode("utf-8"))
                if t.name in made:
                    pending: list[str] = []
                    for n, text in enumerate(in_order(made.pop(t.name)), start=1):
                        pending.append(text)
                        if n % 1000 == 0:
                            out.write("".join(pending).encode("utf-8"))
                            pending.clear()
                    out.write("".join(pending).encode("utf-8"))
                    continue
                rows = sorted(t.rows(data), key=_sort_key)  # strings only
                for i in range(0, len(rows), 1000):
                    out.write(csv_text(_checked(t, rows[i:i + 1000])).encode("utf-8"))
        stage.write_text(f"{FOLDER}/csv-metadata.json", _json(csvw_metadata(data, specs)))
        stage.write_text(f"{FOLDER}/datapackage.json", _json(datapackage(data, specs)))

    @staticmethod
    def _activity_runs(data: Dataset, stage: Stage, specs: list[Table]) -> dict[str, list[Run]]:
        """The rows of the tables made an activity at a time (``Table.part``) and of the splits, as each
        activity's ``Run``: taken from the last build's cache when what they read is unchanged."""
        parts = [t for t in specs if t.part is not None]
        by_name = {t.name: t for t in specs}
        made: dict[str, list[Run]] = {t.name: [] for t in parts}
        made[splits.TABLE_NAME] = []
        r = Reader(data)
        graph = splits.Graph(data, r)
        targets = money.targets(data.summary_currency)
        # What every row may depend on besides the subjects it reads (the code hash covers the columns)
        setting = json.dumps([code_hash(), data.languages, r.title_languages(), r.location_languages(), targets,
                              sorted(graph.countries.items()), r.reporting])
        projects = data.projects()

        def make(chunk: Sequence[str]) -> list[tuple[set[str], Runs]]:
            """Each activity's rows and the subjects they read (in a worker when there are many)."""
            out = []
            for p in chunk:
                r.deps = set()
                rows = {t.name: list(t.part(r, p)) for t in parts if t.part is not None}
                rows[splits.TABLE_NAME] = splits.project_split_rows(graph, p, rows, by_name, targets)
                out.append((r.deps, {name: made_runs(_checked(by_name[name], got))
                                     for name, got in rows.items() if got}))
                r.deps = None
            return out

        with RowCache(data, stage.cache_file(CACHE_FILE), setting) as cache:
            found: dict[str, Runs] = {}
            for p in projects:
                runs = cache.runs(p)
                if runs is not None:
                    found[p] = runs
            missing = [p for p in projects if p not in found]
            # the rows read the read model only, and come back as text: its own core for each worker
            done = parallel.map_chunks(make, missing, "tables' activity rows", most=None)
            for p, (deps, runs) in zip(missing, (one for chunk in done for one in chunk), strict=True):
                cache.put(p, deps, runs)
                found[p] = runs
        for n, p in enumerate(projects):
            for name, cut in found[p].items():
                made[name].extend(Run(n, text, first, last) for text, first, last in cut)
        log.info("made %d activities' rows anew, took %d from the last build's cache", len(missing), cache.hits)
        return made


def _checked(t: Table, rows: list[Row]) -> list[Row]:
    for row in rows:
        if len(row) != len(t.columns):
            raise ValueError(f"{t.name}: a row of {len(row)} cells for {len(t.columns)} columns")
    return rows


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """``rows`` as RFC 4180 CSV (CRLF line ends, quoted where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


class Run(NamedTuple):
    """Rows of one activity in a table (``made_runs``): their CSV text, sorted, and the first and last
    of them; ``n``: the activity's place among the activities (the order its rows came in before they
    were sorted)."""

    n: int
    text: str
    first: Row
    last: Row


def made_runs(rows: list[Row]) -> list[tuple[str, Row, Row]]:
    """An activity's rows sorted (``_sort_key``, stable) and cut where their ids change folder
    (``…/grant/…`` before ``…/project/…``): (CSV text, first row, last row) of each cut. The rows of
    one folder stand apart from the other activities' (their ids are the activity's own parts or
    grants), those of two folders do not (every grant sorts before every project)."""
    ordered = sorted(rows, key=_sort_key)
    cuts = [i for i in range(1, len(ordered)) if _folder(ordered[i][0]) != _folder(ordered[i - 1][0])]
    return [(csv_text(ordered[a:b]), tuple(ordered[a]), tuple(ordered[b - 1]))
            for a, b in zip([0, *cuts], [*cuts, len(ordered)], strict=True)]


def _folder(iri: str) -> str:
    return iri.split("#", 1)[0].rpartition("/")[0]


def in_order(runs: list[Run]) -> Iterator[str]:
    """The CSV text of every row of ``runs``, as sorting all their rows at once would give it.

    Sorting every row (a million at 10 000 activities) and writing it again was most of a rebuild's
    tables stage though one activity changed. An activity's rows stand together once sorted (their
    ids are its parts'), so its run is placed by its first and last row: runs whose rows would mix
    (two ids that compare alike, ``…-01`` and ``…-1``) are read back and sorted together, in the
    activities' order where keys are equal, as the stable sort of all rows does."""
    keyed = sorted(((_sort_key(run.first), run.n), (_sort_key(run.last), run.n), run) for run in runs)
    i = 0
    while i < len(keyed):
        j, high = i + 1, keyed[i][1]
        while j < len(keyed) and keyed[j][0] < high:  # overlaps what came before: sorted together
            high = max(high, keyed[j][1])
            j += 1
        if j == i + 1:
            yield keyed[i][2].text
        else:
            together = [(tuple(row), run.n) for _f, _l, run in keyed[i:j]
                        for row in csv.reader(io.StringIO(run.text, newline=""))]
            together.sort(key=lambda pair: (_sort_key(pair[0]), pair[1]))
            yield csv_text(row for row, _n in together)
        i = j
