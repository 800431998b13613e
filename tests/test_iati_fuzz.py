"""Schema-valid but unusual IATI files (tests/iati_fuzz.py) through import, build and the export's XSD check.

Each reduced file below is the smallest cut of a generated file (its seed named) that showed a problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlod.iati import validate_xsd
from aidlod.iati.importer import import_iati
from iati_fuzz import activity_file, run_seed

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
# A few seeds of the generator that between them state most elements, narratives in Arabic, Hebrew,
# Chinese and Japanese, empty and blank narratives, amounts at their edges and several reporting-orgs.
SEEDS = (0, 1)


def _import(tmp_path: Path, xml: str) -> tuple[Path, list[str]]:
    source = tmp_path / "fuzz.xml"
    source.write_text(xml, encoding="utf-8")
    assert validate_xsd(source.read_bytes(), "activities") == []  # a valid file: what the schema allows
    data = tmp_path / "data"
    report = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    return data, report.lines()


def test_the_generator_draws_the_same_schema_valid_file_for_a_seed() -> None:
    first = activity_file(3)
    assert first == activity_file(3)
    assert validate_xsd(first, "activities") == []
    assert first != activity_file(4)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_file_imports_builds_and_exports_schema_valid_xml(seed: int, tmp_path: Path) -> None:
    outcome = run_seed(seed, tmp_path)
    assert outcome.problems == []
    assert outcome.refused == []

