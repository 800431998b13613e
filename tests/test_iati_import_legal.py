"""import-iati keeps activities that the IATI standard allows, instead of skipping them."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import check
from aidlod.iati.importer import import_iati

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "iati" / "other-publisher.xml"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _import(tmp_path: Path, text: str) -> tuple[object, Path]:
    source = tmp_path / "activities.xml"
    source.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    return import_iati(source, data, licence=CC_BY, base_iri="https://example.org/legal/"), data


def _project(data: Path, ident: str) -> dict:
    for path in (data / "projects").glob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("iati_identifier") == ident:
            return record
    raise AssertionError(f"no project with IATI identifier {ident!r}")


def test_an_identifier_with_a_hash_is_imported(tmp_path: Path) -> None:
    ident = "NO-BRC-971277882-QZA-160208#2"  # IATI forbids only / & | ? in identifiers
    text = FIXTURE.read_text(encoding="utf-8").replace("NO-BRC-971277882-QZA-160208", ident)
    _report, data = _import(tmp_path, text)
    assert _project(data, ident)["id"]  # a record id made by the slug rule
    assert not check(data).errors


def test_an_activity_with_only_an_objectives_description_is_imported(tmp_path: Path) -> None:
    """No general description: the objectives stay an objectives description (type 2), never
    relabelled as a general one; the project has no plain description and still builds."""
    text = FIXTURE.read_text(encoding="utf-8")
    tan = text.index("NO-BRC-971277882-TAN-2101")
    text = text[:tan] + text[tan:].replace('<description type="1">', '<description type="2">', 1)
    report, data = _import(tmp_path, text)
    project = _project(data, "NO-BRC-971277882-TAN-2101")
    assert "description" not in project
    assert [d["type"] for d in project["iati"]["description"]] == ["2"]
    assert all(a.unmapped == [] for a in report.activities if a.project)  # type: ignore[attr-defined]
    assert not check(data).errors
