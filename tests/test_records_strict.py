"""The strict loader still reads every ordinary way of writing a record, and the output guard still
lets a publisher rebuild their site: the other side of the bad-input corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aidlod import records
from aidlod.build import atomic as publish
from aidlod.errors import InputError
from conftest import DATA, linked_copy


def load_with(data: Path, old: str, new: str) -> records.Records:
    path = data / "projects" / "estonia.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return records.load(data)


def estonia(loaded: records.Records) -> dict:
    return next(r.data for r in loaded.by_kind["project"] if r.id == "estonia-trafficking-handbook")


@pytest.mark.parametrize(("written", "value"), [
    ("amount: 65000", Decimal("65000")),
    ("amount: 65000.50", Decimal("65000.50")),
    ("amount: +65000", Decimal("65000")),
    ("amount: 0.5", Decimal("0.5")),
])
def test_plain_numbers_are_read_exactly(data_copy: Path, written: str, value: Decimal) -> None:
    loaded = load_with(data_copy, "amount: 65000", written)
    assert estonia(loaded)["grants"][0]["amount"] == value


@pytest.mark.parametrize(("written", "value"), [
    ("status: 2", "2"),       # an unquoted numeric code is the code as written
    ('status: "2"', "2"),
    ("status: 02", "02"),     # not 2: the loader never reinterprets what was written
])
def test_codes_keep_their_written_form(data_copy: Path, written: str, value: str) -> None:
    loaded = load_with(data_copy, 'status: "2"', written)
    assert estonia(loaded)["status"] == value


@pytest.mark.parametrize(("start", "end"), [
    ("2003-05", "2003"),          # overlapping periods are in order
    ("2003", "2003-01-01"),
    ("2003-12-31", "2004-01"),
    ("2003-02-28", "2003-02-28"),
])
def test_dates_of_any_precision_in_order_are_accepted(data_copy: Path, start: str, end: str) -> None:
    loaded = load_with(data_copy, "source:\n", f"start: {start}\nend: {end}\nsource:\n")
    assert (str(estonia(loaded)["start"]), str(estonia(loaded)["end"])) == (start, end)


def test_yaml_1_1_booleans_are_text(data_copy: Path) -> None:
    """'no' is Norwegian's language tag and Norway's id, not false."""
    path = data_copy / "countries" / "no.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('id: "no"', "id: no"), encoding="utf-8")
    loaded = records.load(data_copy)
    assert "no" in {r.id for r in loaded.by_kind["country"]}


def test_symlink_inside_the_data_folder_is_followed(data_copy: Path) -> None:
    (data_copy / "projects" / "estonia.yaml").rename(data_copy / "estonia.yaml.orig")
    (data_copy / "projects" / "estonia.yaml").symlink_to(data_copy / "estonia.yaml.orig")
    assert "estonia-trafficking-handbook" in {r.id for r in records.load(data_copy).by_kind["project"]}


def test_problems_list_every_bad_file_not_just_the_first(data_copy: Path) -> None:
    (data_copy / "countries" / "ee.yaml").write_text("", encoding="utf-8")
    (data_copy / "countries" / "lv.yaml").write_bytes(b"\xef\xbb\xbfid: lv\n")
    with pytest.raises(InputError) as info:
        records.load(data_copy)
    assert [p.file for p in info.value.problems] == ["data/countries/ee.yaml", "data/countries/lv.yaml"]


def test_output_guard_accepts_new_empty_and_own_folders(tmp_path: Path, seed_site: Path) -> None:
    publish.check_output(tmp_path / "new", DATA)
    (tmp_path / "empty").mkdir()
    publish.check_output(tmp_path / "empty", DATA)
    publish.check_output(linked_copy(seed_site, tmp_path / "site"), DATA)


def test_output_guard_refuses_a_symlink(tmp_path: Path, seed_site: Path) -> None:
    (tmp_path / "link").symlink_to(seed_site)
    with pytest.raises(publish.OutputRefused, match="is a symbolic link"):
        publish.check_output(tmp_path / "link", DATA)
