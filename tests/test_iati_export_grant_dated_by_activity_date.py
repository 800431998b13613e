"""A grant of no date, in a project whose only start is an activity-date of its iati field.

Read by aggregators' tools (docs/iati.md, "Read by aggregators' tools"): iatikit and iatiflattener read the
synthetic site's activities.xml and found 9 commitments that ``tables/transactions.csv`` and the pages count
missing from it, without a warning: the export dated a grant of no date by the project's own start or its
programme's, and left the grant out when only the ``iati`` field's activity-date stated the start.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from lxml import etree

from aidlod.build import export_iati

SEED = Path(__file__).resolve().parent.parent / "data"
POLAND = "NO-BRC-972417920-poland-return-of-victims"
DERIVED = "{https://w3id.org/aidlod/ontology#}derived"


def _data(tmp_path: Path, dates: str) -> Path:
    """The seed with Poland's project out of its programme (no start of its own or its programme's) and
    ``dates`` (YAML of its iati field) added."""
    data = tmp_path / "data"
    shutil.copytree(SEED, data)
    record = data / "projects" / "poland.yaml"
    text = record.read_text(encoding="utf-8")
    text = re.sub(r"^programme: eu-candidate-countries\n", "", text, flags=re.M)
    assert "\nprogramme:" not in text
    record.write_text(text.replace("\niati:\n", "\niati:\n" + dates, 1), encoding="utf-8")
    return data


def _commitments(xml: Path, ident: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    activity = etree.parse(str(xml)).xpath("//iati-activity[iati-identifier=$i]", i=ident)
    assert len(activity) == 1
    return [(t.find("transaction-date").get("iso-date"), t.find("transaction-date").get(DERIVED),
             t.find("value").get("value-date"), t.findtext("value"))
            for t in activity[0].findall("transaction") if t.find("transaction-type").get("code") == "2"]


def test_a_grant_of_no_date_is_dated_by_the_start_its_activity_dates_state(tmp_path: Path) -> None:
    data = _data(tmp_path, '  activity-date:\n    - {type: "1", iso-date: "2004-01-01"}\n'
                           '    - {type: "2", iso-date: "2004-03-15"}\n')
    exported = export_iati(data, tmp_path / "iati")
    # the actual start (type 2) before the planned one, as iatikit's Activity.start reads it
    assert _commitments(tmp_path / "iati" / "activities.xml", POLAND) == [
        ("2004-03-15", "activity-start", "2004-03-15", "700000")]
    assert not [n for n in exported.notes if "poland" in str(n.record) and "left out" in n.message]


def test_a_grant_no_date_can_be_given_is_said_to_be_left_out(tmp_path: Path) -> None:
    # an end alone: the activity is exported (IATI's activity-date), its grant of no date cannot be
    data = _data(tmp_path, '  activity-date:\n    - {type: "3", iso-date: "2005-12-31"}\n')
    exported = export_iati(data, tmp_path / "iati")
    assert _commitments(tmp_path / "iati" / "activities.xml", POLAND) == []
    assert [(n.record, n.message) for n in exported.notes if "poland" in str(n.record)] == [
        (f"{POLAND} (project/poland-return-of-victims)",
         "left out of the IATI export: the commitment of grant poland-return-of-victims-1, which states no date, "
         "while the project states no start to date it by (IATI requires a transaction-date)")]


# The tables date the grant by the same rule (docs/tables.md, "Amounts in other currencies": the value date
# a grant of no date is converted at; splits.csv's year): before, its commitment had no USD or EUR value and
# no year in splits.csv where iatiflattener read it at the XML's 2004-03-15, in USD and in that year.
def test_the_tables_convert_and_year_the_grant_at_the_same_start(tmp_path: Path) -> None:
    from aidlod.build import build

    data = _data(tmp_path, '  activity-date:\n    - {type: "2", iso-date: "2004-03-15"}\n'
                           '    - {type: "1", iso-date: "2004-01-01"}\n')
    site = tmp_path / "site"
    build(data, site)
    assert _commitments(site / "iati" / "activities.xml", POLAND) == [
        ("2004-03-15", "activity-start", "2004-03-15", "700000")]
    with (site / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        [row] = [r for r in csv.DictReader(f) if "poland" in r["activity"]]
    assert (row["date"], row["value"], row["currency"], row["value_eur"] != "", row["conversion_value_date"],
            row["value_date_rule"]) == ("", "700000", "NOK", True, "2004-03-15", "activity-start")
    with (site / "tables" / "splits.csv").open(encoding="utf-8") as f:
        parts = [(r["year"], r["area_code"], r["value"]) for r in csv.DictReader(f) if "poland" in r["activity"]]
    assert parts == [("2004", "PL", "700000.00")]
