"""The record cache: a file whose bytes the last build checked is not parsed again, and loading with
the cache gives exactly what loading without it gives, errors included."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from aidlod import records
from aidlod.build import build, incremental
from aidlod.errors import InputError
from aidlod.records.cache import FILE, RecordCache
from conftest import edit_project as edit
from conftest import linked_copy, only_writers, tree

# The builds here write the dumps only: they hold the whole graph, which is what the cache must not
# change; the pages and documents (most of a build's time) add nothing to that check.
WRITERS = only_writers("dumps")


def test_a_load_from_the_cache_equals_a_load_without_it(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    plain = records.load(data_copy)
    first = RecordCache(path, "code")
    assert records.load(data_copy, cache=first) == plain
    assert first.hits == 0 and not path.exists()  # the caller saves, once what it built is published
    first.save()
    second = RecordCache(path, "code")
    assert records.load(data_copy, cache=second) == plain
    assert second.hits == len(plain.all()) - 1  # every record file; dataset.yaml is always read


def test_an_edited_file_is_parsed_and_checked_again(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    records.load(data_copy, cache=(first := RecordCache(path, "code")))
    first.save()

    before = path.read_bytes().splitlines(keepends=True)
    edit(data_copy, "estonia.yaml", "amount: 65000", "amount: 65500")
    cache = RecordCache(path, "code")
    loaded = records.load(data_copy, cache=cache)
    cache.save()
    # a line per record after the header; only the edited record's line is new
    after = path.read_bytes().splitlines(keepends=True)
    assert len(after) == len(before) == len(loaded.all())  # the header, and every record but dataset.yaml
    changed = [line for line in after if line not in before]
    assert len(changed) == 1 and b"estonia.yaml" in changed[0] and b"65500" in changed[0]
    assert loaded == records.load(data_copy)
    assert cache.hits == len(loaded.all()) - 2  # all but dataset.yaml and the edited file
    estonia = next(r for r in loaded.by_kind["project"] if r.file.endswith("estonia.yaml"))
    assert "65500" in repr(estonia.data)

    edit(data_copy, "estonia.yaml", "amount: 65500", "amount: lots")
    with pytest.raises(InputError) as uncached:
        records.load(data_copy)
    with pytest.raises(InputError) as cached:
        records.load(data_copy, cache=RecordCache(path, "code"))
    assert cached.value.problems == uncached.value.problems
    assert any(p.file.endswith("estonia.yaml") and p.field for p in cached.value.problems)
    # the cache still holds the last good load: back to 65500, nothing is parsed
    edit(data_copy, "estonia.yaml", "amount: lots", "amount: 65500")
    restored = RecordCache(path, "code")
    assert records.load(data_copy, cache=restored) == loaded
    assert restored.hits == len(loaded.all()) - 1


def test_a_cache_of_other_code_or_a_damaged_one_is_not_used(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    expected = records.load(data_copy)
    records.load(data_copy, cache=(first := RecordCache(path, "code")))
    first.save()
    other = RecordCache(path, "other code")
    assert records.load(data_copy, cache=other) == expected and other.hits == 0
    path.write_bytes(b"{not json")
    damaged = RecordCache(path, "code")
    assert records.load(data_copy, cache=damaged) == expected and damaged.hits == 0
    damaged.save()
    assert RecordCache(path, "code").old  # rewritten whole
    path.write_bytes(path.read_bytes()[:-2])  # the last line cut short
    truncated = RecordCache(path, "code")
    assert records.load(data_copy, cache=truncated) == expected and truncated.hits == 0


def test_rebuilds_parse_only_what_changed_and_cold_builds_parse_everything(
        data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site, cold = tmp_path / "site", tmp_path / "cold"
    files = len(list(data_copy.glob("*/*.yaml")))
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data_copy, site, writers=WRITERS)
        assert (incremental.cache_dir(site) / "records" / FILE).is_file()
        linked_copy(site, cold)  # the same release history for the cold build to continue
        edit(data_copy, "estonia.yaml", "amount: 65000", "amount: 65500")
        caplog.clear()
        build(data_copy, site, writers=WRITERS)
        assert f"{files - 1} of {files} record files unchanged since the last build" in caplog.text
        caplog.clear()
        build(data_copy, cold, cold=True, writers=WRITERS)
        assert "unchanged since the last build" not in caplog.text
    assert tree(site) == tree(cold)
