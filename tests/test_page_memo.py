"""The page memo's check: a document's pages are reused only if no key they read hashes otherwise now."""

from __future__ import annotations

import io
import json
import logging
from array import array
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal, URIRef

from aidlod.build import build
from aidlod.iris import SCHEMA
from aidlod.site.lookup import Index, Lookup
from aidlod.site.memo import FORMAT, Chunk, Folded, PageMemo, Record, _json_items, changed_ids, ids_of
from conftest import linked_copy, logged_anew, only_writers, tree

BASE = "https://example.org/"
A, B, C = (BASE + f"project/{name}#id" for name in "abc")

# What each document's pages read (``Lookup.deps``): its own subject, what points to it, a document's subjects.
READS = {"project/a": [f"s {A}", f"r {A}"], "project/b": [f"s {B}", f"r {B}", f"s {A}"],
         "project/c": [f"s {C}", "d project/c"]}


def index_of(names: dict[str, str], links: dict[str, str] | None = None) -> Index:
    index: Index = {s: [(SCHEMA.name, Literal(name))] for s, name in names.items()}
    for s, o in (links or {}).items():
        index[s].append((SCHEMA.isPartOf, URIRef(o)))
    return index


def memo_of(index: Index) -> PageMemo:
    return PageMemo(Lookup(index, BASE, ["en"]))


def record(memo: PageMemo, file: Path, reads: dict[str, list[str]] = READS) -> None:
    """What a cold build records: every document rendered by one worker."""
    local: dict[str, int] = {}
    done: list[list[Any]] = [[path, "stamp", array("I", (local.setdefault(k, len(local)) for k in keys))]
                             for path, keys in reads.items()]
    hashes, made = memo.hashes_of(local)
    memo.write(file, [], [(len(done), list(local), hashes, done, made)])


def unchanged(memo: PageMemo, file: Path, reads: dict[str, list[str]] = READS) -> set[str]:
    """The documents whose recorded reads all hash as they did, as a rebuild's check finds them."""
    old = memo.read(file)
    assert old is not None
    memo.start(old)
    found = set()
    for path in reads:
        known, ids = memo.recorded(old, path)
        assert known is not None and ids is not None
        if memo.unchanged(ids):
            found.add(path)
    return found


def test_a_changed_subject_invalidates_exactly_the_documents_that_read_it(tmp_path: Path) -> None:
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c"})), file) == set(READS)
    assert unchanged(memo_of(index_of({A: "a2", B: "b", C: "c"})), file) == {"project/c"}
    assert unchanged(memo_of(index_of({A: "a", B: "b2", C: "c"})), file) == {"project/a", "project/c"}
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c2"})), file) == {"project/a", "project/b"}


def test_a_new_link_invalidates_the_documents_that_read_what_it_points_to(tmp_path: Path) -> None:
    """``r IRI``: what points to a subject, changed by a statement of another subject."""
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    # C now points to B: B's reverse links change, and C's own statements (project/c read them)
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c"}, {C: B})), file) == {"project/a"}


def test_a_deleted_or_added_record_invalidates_the_documents_that_read_it(tmp_path: Path) -> None:
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    # C gone: its statements and its document's subjects ("d project/c") are no longer what was read
    assert unchanged(memo_of(index_of({A: "a", B: "b"})), file) == {"project/a", "project/b"}
    record(memo_of(index_of({A: "a", B: "b"})), file)
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c"})), file) == {"project/a", "project/b"}


def _reused(memo: PageMemo, file: Path, paths: tuple[str, ...]) -> list[tuple[str, Record, array[int]]]:
    """Start ``memo`` on the memo in ``file`` and take the records of ``paths``, each unchanged."""
    old = memo.read(file)
    assert old is not None
    memo.start(old)
    reused = []
    for path in paths:
        known, ids = memo.recorded(old, path)
        assert known is not None and ids is not None and memo.unchanged(ids)
        reused.append((path, known, ids))
    return reused


def test_the_memo_keeps_each_key_hash_as_recorded_and_drops_keys_no_page_reads(tmp_path: Path) -> None:
    """A rebuild keeps the reused documents' key ids (the last table's numbering, renumbered only when
    keys are left out) and adds the rendered ones'; each key's hash is the one of this build."""
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    memo = memo_of(index_of({A: "a", B: "b", C: "c2"}))
    reused = _reused(memo, file, ("project/a", "project/b"))
    # project/c rendered anew, reading other keys now: "s C" and "d project/c" are read no more
    local = [f"r {C}", f"s {A}"]
    memo.write(file, reused, [(1, local, [memo.key_hash(k) for k in local],
                                [["project/c", "stamp2", array("I", [0, 1])]], {})])
    new = json.loads(file.read_text(encoding="utf-8"))
    assert sorted(new["keys"]) == sorted({f"s {A}", f"r {A}", f"s {B}", f"r {B}", f"r {C}"})
    again = memo.read(file)
    assert again is not None
    table = again["keys"]
    for path, keys in {**READS, "project/c": local}.items():
        known, ids = memo.recorded(again, path)
        assert known is not None and ids is not None
        assert sorted(table[i] for i in ids) == sorted(keys)
        assert known[0] == ("stamp2" if path == "project/c" else "stamp")
    assert again["hashes"] == "".join(memo.key_hash(k) for k in table)
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c2"})), file) == set(READS)
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c3"})), file) == set(READS)  # "s C" read no more
    # B now points to C: project/b read B's statements, project/c what points to C
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c2"}, {B: C})), file) == {"project/a"}


def _chunk(memo: PageMemo, reads: dict[str, list[str]]) -> Chunk:
    """One worker's chunk of documents, keys numbered in it alone, as ``Site.write_resources`` gets it."""
    local: dict[str, int] = {}
    done: list[list[Any]] = [[path, f"stamp {path}", array("I", (local.setdefault(k, len(local)) for k in keys))]
                             for path, keys in reads.items()]
    hashes, made = memo.hashes_of(local)
    return len(done), list(local), hashes, done, made


def test_chunks_folded_as_they_come_make_the_memo_they_make_apart(tmp_path: Path) -> None:
    """The build folds each page chunk into one as it arrives (``Folded``) instead of holding them all:
    the memo written is byte for byte the one written from the chunks apart, label keys' makers
    included, on a cold build and on a rebuild that reuses documents."""
    index = index_of({A: "a", B: "b", C: "c"}, {B: A})
    chunks_reads = [{"project/a": [f"s {A}", f"r {A}", f"n {B}"], "project/b": [f"s {B}", f"n {A}"]},
                    {"project/c": [f"s {C}", f"n {A}", "d project/c", f"r {A}"]}]
    for reused_docs in ((), ("project/a",)):
        apart, folded = tmp_path / "apart.json", tmp_path / "folded.json"
        record(memo_of(index), apart)
        record(memo_of(index), folded)
        written = []
        for file in (apart, folded):
            memo = memo_of(index)
            reused = _reused(memo, file, reused_docs) if reused_docs else []
            chunks = [_chunk(memo, reads) for reads in chunks_reads]
            if file is folded:
                into = Folded()
                for chunk in chunks:
                    into.add(chunk)
                assert into.rendered == 3
                # each key once, in the order the chunks first read it: "n A" and "r A" not twice
                assert into.chunk()[1] == [f"s {A}", f"r {A}", f"n {B}", f"s {B}", f"n {A}", f"s {C}", "d project/c"]
                assert len(into.chunk()[2]) == 7
                memo.write_folded(file, reused, into)  # cold: written from the folded table as it is
            else:
                memo.write(file, reused, chunks)
            written.append(file.read_bytes())
        assert written[0] == written[1]
        # written a piece at a time, the text is json.dumps' of the whole
        assert written[1] == json.dumps(json.loads(written[1]), separators=(",", ":")).encode()
        names = json.loads(written[1])["names"]
        assert len(names) == 2  # n A (made in both chunks: kept once) and n B


def test_an_unchanged_rebuild_keeps_the_memo_as_it_was(tmp_path: Path) -> None:
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    before = file.read_bytes()
    memo = memo_of(index_of({A: "a", B: "b", C: "c"}))
    memo.write(file, _reused(memo, file, tuple(READS)), [])
    assert file.read_bytes() == before


def test_a_rendered_page_that_reads_what_it_read_keeps_the_table_as_it_was(tmp_path: Path) -> None:
    """The keys only a rendered document reads are still read: no key is left out, none renumbered,
    and the reused documents' ids are kept as encoded."""
    file = tmp_path / "pages.json"
    record(memo_of(index_of({A: "a", B: "b", C: "c"})), file)
    before = json.loads(file.read_text(encoding="utf-8"))
    memo = memo_of(index_of({A: "a", B: "b", C: "c2"}))
    reused = _reused(memo, file, ("project/a", "project/b"))
    local = READS["project/c"][::-1]
    memo.write(file, reused, [(1, local, [memo.key_hash(k) for k in local],
                                [["project/c", "stamp2", array("I", [0, 1])]], {})])
    after = json.loads(file.read_text(encoding="utf-8"))
    assert after["keys"] == before["keys"]
    assert [after["docs"][path] for path in ("project/a", "project/b")] == \
        [before["docs"][path] for path in ("project/a", "project/b")]
    assert sorted(after["keys"][i] for i in ids_of(after["docs"]["project/c"][-1])) == sorted(READS["project/c"])
    assert after["hashes"] != before["hashes"]  # "s C" hashes otherwise now
    assert unchanged(memo_of(index_of({A: "a", B: "b", C: "c2"})), file) == set(READS)


def test_a_page_that_names_a_thing_depends_on_its_labels_alone(tmp_path: Path) -> None:
    """``n IRI``: hashed from the labels; a rebuild makes them anew only when what made them changed, and
    keeps what made them in the memo it writes, for the next rebuild."""
    file = tmp_path / "pages.json"
    reads = {"project/b": [f"s {B}", f"n {A}"]}
    record(memo_of(index_of({A: "a", B: "b"})), file, reads)
    described = index_of({A: "a", B: "b"})
    described[A].append((SCHEMA.description, Literal("more about a")))  # not a name: the label is as it was
    assert unchanged(memo_of(described), file, reads) == {"project/b"}
    assert unchanged(memo_of(index_of({A: "a2", B: "b"})), file, reads) == set()
    # a rebuild of the described data reuses project/b; its memo keeps what made A's labels, hashed anew
    memo = memo_of(described)
    old = memo.read(file)
    assert old is not None
    memo.start(old)
    known, ids = memo.recorded(old, "project/b")
    assert known is not None and ids is not None and memo.unchanged(ids)
    memo.write(file, [("project/b", known, ids)], [])
    new = memo.read(file)
    assert new is not None
    table = new["keys"]
    assert {table[int(i)]: [table[j] for j in ids_of(made)] for i, made in new["names"].items()} == \
        {f"n {A}": [f"s {A}"]}
    assert new["hashes"] == "".join(memo_of(described).key_hash(k) for k in table)
    assert unchanged(memo_of(described), file, reads) == {"project/b"}
    renamed = index_of({A: "a2", B: "b"})
    renamed[A].append((SCHEMA.description, Literal("more about a")))
    assert unchanged(memo_of(renamed), file, reads) == set()


def test_a_label_key_without_its_reads_is_hashed_anew(tmp_path: Path) -> None:
    """A label key whose reads the memo lacks (or gives damaged) has its labels made anew: unchanged
    labels still hash as recorded, changed ones not."""
    file = tmp_path / "pages.json"
    reads = {"project/b": [f"s {B}", f"n {A}"]}
    record(memo_of(index_of({A: "a", B: "b"})), file, reads)
    data = json.loads(file.read_text(encoding="utf-8"))
    data["names"] = {i: "not base64!" for i in data["names"]}
    file.write_text(json.dumps(data), encoding="utf-8")
    assert unchanged(memo_of(index_of({A: "a", B: "b"})), file, reads) == {"project/b"}
    assert unchanged(memo_of(index_of({A: "a2", B: "b"})), file, reads) == set()


@pytest.mark.parametrize("changed", [set(), {0}, {255, 256}, {511, 700, 999}, {1000}])
def test_the_changed_keys_are_found_stretch_by_stretch(changed: set[int]) -> None:
    recorded = [f"{i:032x}" for i in range(1001)]
    now = [f"{i + 1:032x}" if i in changed else h for i, h in enumerate(recorded)]
    assert changed_ids(now, "".join(recorded)) == changed
    assert changed_ids(now, "".join(recorded)[:-1]) == set(range(1001))  # not 32 digits a key: all changed


@pytest.mark.parametrize("damage", ["format", "hashes", "short", "list hashes", "keys", "docs", "names", "json",
                                    "list"])
def test_a_memo_of_another_format_or_damaged_is_not_used(tmp_path: Path, damage: str) -> None:
    file = tmp_path / "pages.json"
    memo = memo_of(index_of({A: "a", B: "b", C: "c"}))
    record(memo, file)
    assert memo.read(file) is not None
    data = json.loads(file.read_text(encoding="utf-8"))
    if damage == "format":  # an earlier layout
        data["format"] = FORMAT - 1
    elif damage == "hashes":
        del data["hashes"]
    elif damage == "short":
        data["hashes"] = data["hashes"][1:]
    elif damage == "list hashes":  # the hashes as a list (the joined string's length happens to match)
        data["hashes"] = [data["hashes"][:len(data["keys"])]]
    elif damage == "keys":
        data["keys"][0] = 7
    elif damage == "docs":
        data["docs"] = []
    elif damage == "names":  # the last layout's: no label key's reads
        del data["names"]
    text = json.dumps(data)
    if damage == "json":
        text = text[:len(text) // 2]
    elif damage == "list":
        text = "[]"
    file.write_text(text, encoding="utf-8")
    assert memo.read(file) is None


def test_a_damaged_document_record_is_rendered_anew(tmp_path: Path) -> None:
    file = tmp_path / "pages.json"
    memo = memo_of(index_of({A: "a", B: "b", C: "c"}))
    record(memo, file)
    data = json.loads(file.read_text(encoding="utf-8"))
    data["docs"]["project/a"] = ["digest", "stamp", data["docs"]["project/a"][-1]]  # the last layout's record
    data["docs"]["project/b"][-1] = "not base64!"
    data["docs"]["project/c"][-1] = "////"  # an id beyond the table
    file.write_text(json.dumps(data), encoding="utf-8")
    old = memo.read(file)
    assert old is not None
    assert all(memo.recorded(old, path) == (None, None) for path in READS)


PAGES = only_writers("pages")  # the other writers neither read nor change what the page memo does
PROJECT = "projects/estonia.yaml"
TITLE = "Handbook on human trafficking in Estonia"  # its English title; its result's title begins alike


def _pages(site: Path) -> dict[str, int]:
    """Each resource page (``{document}.{lang}.html``) and its file's inode: a reused page is a link."""
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.glob("*/**/*.html")}


def _rebuilt(data: Path, tmp_path: Path, old: str, new: str,
             caplog: pytest.LogCaptureFixture) -> tuple[Path, set[str], set[str]]:
    """Build the seed data, edit the project record, build again: (the site, the pages it names its
    title on before the edit, the pages rendered anew); the site is checked equal to a cold build's."""
    out, cold = tmp_path / "site", tmp_path / "cold"
    build(data, out, writers=PAGES)
    before = _pages(out)
    naming = {page for page in before
              if (text := (out / page).read_text(encoding="utf-8")).count(TITLE) > text.count(TITLE + " in ")}
    linked_copy(out, cold)  # the same release history, and the old files kept: their inodes are not reused
    record = data / PROJECT
    text = record.read_text(encoding="utf-8")
    assert text.count(old) == 1
    record.write_text(text.replace(old, new), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="aidlod"):
        build(data, out, writers=PAGES)
    rendered = {page for page, inode in _pages(out).items() if before.get(page) != inode}
    assert logged_anew(caplog, "resource pages") == len(rendered)
    build(data, cold, cold=True, writers=PAGES)
    assert tree(out) == tree(cold)
    return out, naming, rendered


def test_a_status_edit_leaves_the_pages_that_only_name_the_project_as_they_were(
        data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Its organisations', country's, programme's, grant's and codes' pages read its labels (``n IRI``),
    which the status is no part of."""
    _out, naming, rendered = _rebuilt(data_copy, tmp_path, 'status: "2"', 'status: "3"', caplog)
    documents = {page.rsplit(".", 2)[0] for page in rendered}
    # the project, the codes it left and took, and their list (its counts)
    assert documents == {"project/estonia-trafficking-handbook", "codelist/ActivityStatus/2",
                         "codelist/ActivityStatus/3", "codelist/ActivityStatus"}
    assert len(naming - rendered) >= 10  # pages of other documents that name it, left as they were


def test_a_title_edit_renders_again_every_page_that_names_the_project(
        data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    new = "Handbook on trafficking in human beings in Estonia"
    out, naming, rendered = _rebuilt(data_copy, tmp_path, f"en: {TITLE}\n", f"en: {new}\n", caplog)
    assert len(naming) >= 10
    assert naming <= rendered
    for page in naming:
        text = (out / page).read_text(encoding="utf-8")
        assert new in text and text.count(TITLE) == text.count(TITLE + " in "), page


def test_a_status_edit_leaves_the_pages_that_tell_alike_titles_apart_by_identifier_as_they_were(
        data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Two projects of one title: the pages that list both name each with its identifier
    (``Views._told_ident``), which they read alone (``v IRI schema:identifier``), not the project's status."""
    twin = data_copy / "projects" / "latvia.yaml"
    text = twin.read_text(encoding="utf-8")
    twin.write_text(text.replace("nb: Drop-in-senter og mobil enhet for ofre for menneskehandel i Riga (Latvia)",
                                 "nb: Håndbok om menneskehandel i Estland", 1)
                    .replace("en: Drop-in centre and mobile unit for victims of human trafficking in Riga (Latvia)",
                             f"en: {TITLE}", 1), encoding="utf-8")
    out, naming, rendered = _rebuilt(data_copy, tmp_path, 'status: "2"', 'status: "3"', caplog)
    told = {page for page in naming if f"{TITLE} (" in (out / page).read_text(encoding="utf-8")}
    assert len(told) >= 3  # the organisations', country's and codes' pages that list both
    assert not told & rendered
    assert {page.rsplit(".", 2)[0] for page in rendered} == {
        "project/estonia-trafficking-handbook", "codelist/ActivityStatus/2", "codelist/ActivityStatus/3",
        "codelist/ActivityStatus"}


def test_a_long_array_or_object_is_written_a_piece_at_a_time_as_one() -> None:
    for items, pairs in ((["a", "b\u00e9", "c", "d\"", "e"], False), ([("k1", [1, "x"]), ("k2", "y"), ("k3", 3)], True),
                         ([], False)):
        out = io.BytesIO()
        _json_items(out, items, pairs=pairs, step=2)
        whole = json.dumps(dict(items) if pairs else items, separators=(",", ":")).encode()
        assert out.getvalue() == whole[1:-1]


def test_a_documents_reads_of_its_own_subjects_are_one_key(tmp_path: Path) -> None:
    """``own_reads``: the reads of a document's own subjects' statements and of what points to them become
    ``o PATH``, whose hash changes when any of them does; reads of other documents stay keys of their own."""
    part = BASE + "project/a#budget-1"
    names = {A: "a", part: "budget", B: "b"}
    memo = memo_of(index_of(names))
    reads = {f"s {A}", f"s {part}", f"r {A}", f"r {part}", f"s {B}", f"n {B}", "d project/a"}
    assert memo.own_reads("project/a", reads) == {"o project/a", f"s {B}", f"n {B}", "d project/a"}
    assert memo.own_reads("project/a", {f"s {B}"}) == {f"s {B}"}  # none of its own: as they were
    assert memo.own_reads("project/none", reads) == reads

    def own_hash(index: Index) -> str:
        return memo_of(index).key_hash("o project/a")

    before = own_hash(index_of(names))
    assert own_hash(index_of(names)) == before
    assert own_hash(index_of({**names, part: "budget 2"})) != before  # a part's statements
    assert own_hash(index_of(names, {B: part})) != before  # what points to a part
    assert own_hash(index_of({**names, B: "b2"})) == before  # another document's statements: not this key
