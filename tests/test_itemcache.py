"""The writers' per-item build cache: a result is reused only while what it read is unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from aidlod.build.itemcache import ItemCache


class _Data:
    """Stands in for the Dataset: subject → the hash of its statements."""

    def __init__(self, digests: dict[str, str]) -> None:
        self.digests = digests
        self.subject_digests: dict[str, str] = {}  # the Dataset's hashes made so far: none here

    def subject_digest(self, subject: str) -> str:
        return self.digests.get(subject, "absent")


def _cache(data: _Data, old: Path | None, new: Path, setting: str = "s") -> ItemCache:
    return ItemCache(cast(Any, data), (old, new), setting, "test")


def _first(tmp_path: Path, data: _Data) -> Path:
    path = tmp_path / "one.jsonl"
    with _cache(data, None, path) as c:
        c.put("a", {"x", "y"}, {"rows": ["a\tb", "ü"]})
        c.put("b", ["y"], [1, None])
    return path


def test_a_result_is_reused_until_a_subject_it_read_changes(tmp_path: Path) -> None:
    data = _Data({"x": "1", "y": "2"})
    one = _first(tmp_path, data)
    with _cache(data, one, tmp_path / "two.jsonl") as c:
        assert c.get("a") == {"rows": ["a\tb", "ü"]}
        assert c.get("b") == [1, None]
        assert c.get("c") is None
    assert c.hits == 2
    assert (tmp_path / "two.jsonl").read_bytes() == one.read_bytes()  # hits copied as they were
    data.digests["x"] = "changed"
    with _cache(data, tmp_path / "two.jsonl", tmp_path / "three.jsonl") as c:
        assert c.get("a") is None  # read x
        assert c.get("b") == [1, None]  # did not
    assert c.hits == 1


def test_another_setting_trusts_nothing(tmp_path: Path) -> None:
    data = _Data({"x": "1", "y": "2"})
    one = _first(tmp_path, data)
    with _cache(data, one, tmp_path / "two.jsonl", setting="other") as c:
        assert c.get("a") is None and c.get("b") is None


def test_a_result_of_the_wrong_shape_is_made_again_and_replaced(tmp_path: Path) -> None:
    data = _Data({"x": "1", "y": "2"})
    one = _first(tmp_path, data)

    def must_be_dict(found: Any) -> dict[str, Any]:
        if not isinstance(found, dict):
            raise TypeError("not a dict")
        return found

    with _cache(data, one, tmp_path / "two.jsonl") as c:
        assert c.get("b", must_be_dict) is None
        c.put("b", [], {"made": "again"})
    with _cache(data, tmp_path / "two.jsonl", tmp_path / "three.jsonl") as c:
        assert c.get("b") == {"made": "again"}


def test_a_content_keyed_item_is_written_once(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    with _cache(_Data({}), None, path) as c:
        c.put("digest1", [], "r")
        c.put("digest1", [], "r")
    assert path.read_text(encoding="utf-8").count("\n") == 1 + 1


def test_a_failed_writer_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    try:
        with _cache(_Data({}), None, path) as c:
            c.put("a", [], 1)
            raise RuntimeError("the writer failed")
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_file_is_not_trusted(tmp_path: Path) -> None:
    data = _Data({"x": "1", "y": "2"})
    one = _first(tmp_path, data)
    lines = one.read_text(encoding="utf-8").splitlines(keepends=True)
    damaged = {"garbage": lines[0] + "[not json\n" + "".join(lines[1:]),
               "truncated": "".join(lines)[:-5],
               "a line without its fields": lines[0] + lines[1].split("\t")[0] + "\n" + lines[2]}
    for how, text in damaged.items():
        path = tmp_path / f"{how}.jsonl"
        path.write_text(text, encoding="utf-8")
        with _cache(data, path, tmp_path / "out.jsonl") as c:
            assert c.get("a") is None and c.get("b") is None, how
