"""What the build holds when its writers run: no checked record (none from validation on), no mapping cache
of recent terms, one object per term in the read model's index, and no second copy of every subject IRI
for the hashes.

The page workers are forked from the build and copy each memory page of it they touch; what the build
holds that the writers never read adds to every worker (docs/scaling.md, "What the build holds when
the page workers fork")."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Literal, URIRef

from aidlod import mapping, records, validation
from aidlod.build import build, incremental
from aidlod.dataset import Dataset
from aidlod.iris import IRIs
from aidlod.mapping import iati_block
from aidlod.records.cache import FILE, RecordCache
from aidlod.records.record import Record
from aidlod.validation import Finding
from conftest import DATA

if TYPE_CHECKING:
    from aidlod.build.stage import Stage


class _Counter:
    """A writer that counts the checked records still alive while the writers run."""

    name = "counter"
    after: tuple[str, ...] = ()

    def __init__(self, folder: str) -> None:
        self.folder = f"{folder}/"  # this build's records: other tests of the worker may hold their own
        self.records = -1

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        gc.unfreeze()  # frozen objects (``build.settle``) are not listed by get_objects
        self.records = sum(1 for o in gc.get_objects() if type(o) is Record and o.file.startswith(self.folder))
        gc.freeze()
        stage.write_text("counter.txt", "counted\n")


def test_no_checked_record_is_alive_while_the_writers_run(tmp_path: Path) -> None:
    # Before, the record cache held every record (a million objects at 1 000 rich activities) until
    # it was saved after publishing; now their lines wait in a temporary file. The data folder has a
    # name of its own, so that only this build's records are counted (a record's file names its folder).
    data = tmp_path / "counted-data"
    shutil.copytree(DATA, data)
    counter = _Counter(data.name)
    build(data, tmp_path / "site", writers=[counter])
    assert counter.records == 0
    # the same count finds them while they are held
    held = records.load(data)
    gc.unfreeze()
    assert sum(1 for o in gc.get_objects() if type(o) is Record and o.file.startswith("counted-data/")) \
        == len(held.all())
    gc.freeze()
    del held
    # and the cache was still saved, whole: the next load parses no record file again
    cache = RecordCache(incremental.cache_dir(tmp_path / "site") / "records" / FILE, incremental.code_hash())
    loaded = records.load(data, cache=cache)
    assert cache.hits == len(loaded.all()) - 1  # every record file; dataset.yaml is always read


def test_no_checked_record_is_alive_while_validation_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The records were held, by the checks and by the record cache, until validation had run: its
    # index grew the heap beside them (the build's peak at 10 000 rich activities, docs/scaling.md).
    data = tmp_path / "validated-data"
    shutil.copytree(DATA, data)
    real = validation.find
    alive: list[int] = []

    def counting(mapped: mapping.Mapped, validator: str = "fast") -> list[Finding]:
        gc.unfreeze()
        alive.append(sum(1 for o in gc.get_objects() if type(o) is Record and o.file.startswith("validated-data/")))
        gc.freeze()
        return real(mapped, validator)

    monkeypatch.setattr(validation, "find", counting)
    monkeypatch.setenv("AIDLOD_WORKERS", "1")  # the checks in this process, where they can be counted
    build(data, tmp_path / "site", writers=[])
    assert alive == [0]
    # and the record cache was still saved, whole
    cache = RecordCache(incremental.cache_dir(tmp_path / "site") / "records" / FILE, incremental.code_hash())
    loaded = records.load(data, cache=cache)
    assert cache.hits == len(loaded.all()) - 1


def test_a_sealed_cache_saves_what_an_unsealed_one_did(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "cache" / FILE
    plain = records.load(data_copy)
    first = RecordCache(path, "code")
    records.load(data_copy, cache=first)
    first.seal()
    assert first.new == {}
    first.save()
    second = RecordCache(path, "code")
    assert records.load(data_copy, cache=second) == plain
    assert second.hits == len(plain.all()) - 1
    # nothing changed: the file is left as it is, and the temporary file is closed
    written = path.stat().st_mtime_ns
    second.save()
    assert path.stat().st_mtime_ns == written and second._spill is None


def test_the_index_holds_one_object_per_term() -> None:
    base = "https://example.org/"
    a, b = URIRef(base + "a"), URIRef(base + "b")
    code = [URIRef(base + "code/1") for _ in range(3)]  # three objects of one IRI, as the mapping mints them
    name = [URIRef("https://schema.org/name") for _ in range(3)]
    tagged, upper = Literal("Norge", lang="nb"), Literal("Norge", lang="NB")
    data = Dataset([(a, name[0], Literal("x")), (a, name[1], code[0]), (b, name[2], code[1]),
                    (b, URIRef(base + "p"), code[2]), (a, URIRef(base + "q"), tagged),
                    (b, URIRef(base + "q"), upper), (b, URIRef(base + "r"), Literal("x"))], IRIs(base))
    index = data.index
    objects = [o for pairs in index.values() for _, o in pairs if str(o) == base + "code/1"]
    assert len(objects) == 3 and len({id(o) for o in objects}) == 1
    predicates = [p for pairs in index.values() for p, _ in pairs if str(p) == "https://schema.org/name"]
    assert len({id(p) for p in predicates}) == 1
    plain = [o for pairs in index.values() for _, o in pairs if o == Literal("x")]
    assert len(plain) == 2 and plain[0] is plain[1]
    # rdflib's equality reads language tags in any case; the dumps write them as given: kept apart
    q = [o for pairs in index.values() for p, o in pairs if str(p) == base + "q"]
    assert [o.language for o in q] == ["nb", "NB"]


def test_the_subject_hashes_share_the_index_keys(seed_build: tuple[Dataset, Path]) -> None:
    data = seed_build[0]
    keys = {id(k) for k in data.index}
    shared = [k for k in data.subject_digests if k in data.index]
    assert shared and all(id(k) in keys for k in shared)


def test_the_mapping_forgets_its_recent_terms() -> None:
    mapping.map_records(records.load(DATA))
    assert iati_block.literal.cache_info().currsize == 0 and iati_block.text_in.cache_info().currsize == 0


def test_the_index_holds_one_tuple_per_statement_of_a_predicate_and_an_object() -> None:
    base = "https://example.org/"
    a, b, c = URIRef(base + "a"), URIRef(base + "b"), URIRef(base + "c")
    kind, amount = URIRef(base + "kind"), URIRef(base + "amount")
    data = Dataset([(a, kind, URIRef(base + "K")), (b, kind, URIRef(base + "K")), (c, amount, Literal("5")),
                    (a, amount, Literal("5")), (b, amount, Literal("6")), (c, kind, URIRef(base + "L")),
                    (a, URIRef(base + "q"), Literal("Norge", lang="nb")),
                    (b, URIRef(base + "q"), Literal("Norge", lang="NB"))], IRIs(base))
    index = data.index
    assert index[str(a)][0] is index[str(b)][0]  # (kind, K) once
    assert index[str(c)][0] is index[str(a)][1]  # (amount, "5") once
    assert index[str(b)][1] is not index[str(a)][1] and index[str(c)][1] is not index[str(a)][0]
    # literals that rdflib's equality holds the same, but not the dumps: their statements kept apart
    assert index[str(a)][2] is not index[str(b)][2] and index[str(b)][2][1].language == "NB"
    assert [len(pairs) for pairs in index.values()] == [3, 3, 2] and data.size == 8


def test_the_origins_share_their_fields_keys_and_layouts() -> None:
    """The origins are held through validation, one per subject: a string per predicate key and one
    fields dict per layout, not a copy of each for every subject (docs/scaling.md)."""
    origins = mapping.map_records(records.load(DATA)).origins
    assert not hasattr(next(iter(origins.values())), "__dict__")  # slots
    keys: dict[str, int] = {}
    for origin in origins.values():
        for key in origin.fields:
            assert keys.setdefault(key, id(key)) == id(key)
    layouts = [tuple(o.fields.items()) for o in origins.values() if o.fields]
    dicts = {id(o.fields) for o in origins.values() if o.fields}
    assert len(dicts) == len(set(layouts)) < len(layouts)
