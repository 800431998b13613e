"""import-iati's record writer (``yamlout._yaml_text``) writes the bytes PyYAML's own representer writes.

The writer represents texts, integers, mappings and lists itself and remembers the emitter's tag of
short texts, for speed (docs/iati.md); the emitter is PyYAML's (libyaml's when built with it). These
tests compare it with the plain PyYAML dumper it replaced (the same emitter, PyYAML's
``SafeRepresenter`` with the importer's two representers) on the records an import of the
whole-standard fixtures makes and on random values, aliases and number-like texts included, and
check that what it writes reads back equal through the records' reader.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidlod import records
from aidlod.iati import importer, yamlout

ROUNDTRIP = Path(__file__).resolve().parent / "fixtures" / "iati" / "roundtrip"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


class _Plain(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The importer's dumper before it represented values itself."""


_Plain.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style=None if records.reads_as_text(value) else "'"))
_Plain.add_representer(Decimal, yamlout._represent_decimal)


def plain(data: Any) -> str:
    return yaml.dump(data, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


@pytest.fixture(scope="module")
def imported_records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The data of every record an import of the round-trip fixtures writes (every element of the
    2.03 standard, several languages and publishers)."""
    made: list[dict[str, Any]] = []
    original = importer.writing._yaml_text

    def spy(data: dict[str, Any]) -> str:
        made.append(data)
        return original(data)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(importer.writing, "_yaml_text", spy)
        importer.import_iati(ROUNDTRIP / "full-2.03.xml", tmp_path_factory.mktemp("import") / "data",
                             licence=CC_BY, base_iri="https://example.org/x/")
    return made


def test_every_imported_record_is_written_as_pyyaml_writes_it(imported_records: list[dict[str, Any]]) -> None:
    assert len(imported_records) > 10
    assert any("iati" in data for data in imported_records)  # the deep iati field
    for data in imported_records:
        text = importer.writing._yaml_text(data)
        assert text == plain(data)
        assert records.parse_text(text) == records.parse_text(plain(data))


# Texts a record may hold, many of which YAML would read as something else unquoted.
TRICKY = ["00296", "1_000", "1:20", "yes", "no", "on", "null", "~", "true", "False", ".inf", "0x1f", "1e5",
          "2019-02-30", "- a", "a: b", "#x", "'q'", '"d"', "", " lead", "trail ", "é\u2028x", "a\nb", "x" * 150,
          "word " * 40, "&anchor", "*alias", "!tag", "%", "@", "`", "|", ">", "?", "[a]", "{a}", "12.50"]
SCALARS = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                    st.decimals(allow_nan=False, allow_infinity=False, places=2))
KEYS = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_random_values_are_written_as_pyyaml_writes_them(data: dict[str, Any]) -> None:
    assert importer.writing._yaml_text(data) == plain(data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=5))
def test_a_mapping_or_list_met_twice_is_an_alias_as_before(texts: list[str]) -> None:
    shared_list: list[Any] = list(texts)
    shared_map = {"narrative": {"en": texts[0]}, "n": 7, "amount": Decimal("1.50")}
    data = {"a": shared_list, "b": shared_list, "c": [shared_map, shared_map], "d": Decimal("2")}
    text = importer.writing._yaml_text(data)
    assert text == plain(data)
    assert "&id001" in text and "*id001" in text


def test_texts_that_read_as_numbers_are_quoted() -> None:
    text = importer.writing._yaml_text({"ref": "00296", "code": "1_000", "name": "plain", "n": 5})
    assert text == "ref: '00296'\ncode: '1_000'\nname: plain\nn: 5\n"
    assert records.parse_text(text) == {"ref": "00296", "code": "1_000", "name": "plain",
                                        "n": records.parse_text("n: 5\n")["n"]}
