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
from typing import TYPE_CHECKING

from rdflib import RDF

from ... import money, splits
from ...build.incremental import code_hash
from ...dataset import natural_key
from .reuse import FILE as CACHE_FILE
from .reuse import RowCache
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
    out: dict[str, object] = {"name": col.name, "titles": col.title, "datatype": col.datatype}
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
        made = self._activity_rows(data, stage, specs)
        for t in specs:
            rows = sorted(made.pop(t.name) if t.name in made else t.rows(data), key=_sort_key)  # strings only
            with stage.open(f"{FOLDER}/{t.name}.csv") as out:
                buffer = io.StringIO()
                table = csv.writer(buffer, lineterminator="\r\n")
                table.writerow([c.name for c in t.columns])
                for n, row in enumerate(rows, start=1):
                    if len(row) != len(t.columns):
                        raise ValueError(f"{t.name}: a row of {len(row)} cells for {len(t.columns)} columns")
                    table.writerow(row)
                    if n % 1000 == 0:
                        out.write(buffer.getvalue().encode("utf-8"))
                        buffer.seek(0)
                        buffer.truncate()
                out.write(buffer.getvalue().encode("utf-8"))
        stage.write_text(f"{FOLDER}/csv-metadata.json", _json(csvw_metadata(data, specs)))
        stage.write_text(f"{FOLDER}/datapackage.json", _json(datapackage(data, specs)))

    @staticmethod
    def _activity_rows(data: Dataset, stage: Stage, specs: list[Table]) -> dict[str, list[Row]]:
        """The unsorted rows of the tables made an activity at a time (``Table.part``) and of the splits:
        an activity's rows are taken from the last build's cache when what they read is unchanged."""
        parts = [t for t in specs if t.part is not None]
        by_name = {t.name: t for t in specs}
        made: dict[str, list[Row]] = {t.name: [] for t in parts}
        made[splits.TABLE_NAME] = []
        r = Reader(data)
        graph = splits.Graph(data, r)
        targets = money.targets(data.summary_currency)
        # What every row may depend on besides the subjects it reads (the code hash covers the columns)
        setting = json.dumps([code_hash(), data.languages, r.title_languages(), r.location_languages(), targets,
                              sorted(graph.countries.items()), r.reporting])
        projects = data.projects()
        with RowCache(data, stage.cache_file(CACHE_FILE), setting) as cache:
            for p in projects:
                rows = cache.rows(p)
                if rows is None:
                    r.deps = set()
                    rows = {t.name: list(t.part(r, p)) for t in parts if t.part is not None}
                    rows[splits.TABLE_NAME] = splits.project_split_rows(graph, p, rows, by_name, targets)
                    cache.put(p, r.deps, rows)
                    r.deps = None
                for name, got in rows.items():
                    made[name].extend(got)
        log.info("made %d activities' rows anew, took %d from the last build's cache", len(projects) - cache.hits,
                 cache.hits)
        return made
