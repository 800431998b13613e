"""The public writer: the publisher's own files of ``data/public/`` (a host's CNAME) in the site, as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlod import records
from aidlod.build import build
from aidlod.dataset import Dataset
from aidlod.errors import InputError
from aidlod.records.public import public_files
from aidlod.writers.files import PublicWriter, SourcesWriter, VocabularyWriter
from conftest import only_writers

from .common import run

OWN = {
    "CNAME": b"aid.example.org\n",
    ".nojekyll": b"",
    "img/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ".well-known/security.txt": b"Contact: mailto:security@example.org\n",
    "_config.yml": b"include: [.well-known]\n",  # GitHub Pages' own YAML: no record, not read as one
}
LEFT_OUT = (".DS_Store", "Thumbs.db", "notes.txt~", ".CNAME.swp", ".git/HEAD", "__MACOSX/._CNAME")


def _public(data: Path, files: dict[str, bytes]) -> Path:
    folder = data / "public"
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    return folder


def _messages(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [f"{p.file}: {p.message}" for p in exc.value.problems]


def test_the_publishers_files_are_copied_as_they_are(seed_build: tuple[Dataset, Path], tmp_path: Path) -> None:
    data, _site = seed_build
    own = tmp_path / "data"
    _public(own, OWN | dict.fromkeys(LEFT_OUT, b"x"))
    mine = Dataset([], data.iris, own)
    stage = run(PublicWriter(), mine, tmp_path / "stage")
    assert stage.files() == sorted(OWN)
    for rel, content in OWN.items():
        assert (stage.root / rel).read_bytes() == content
    assert stage.unrecorded() == []


def test_no_public_folder_no_writer(seed_build: tuple[Dataset, Path]) -> None:
    data, _site = seed_build
    assert not (data.data_dir / "public").exists()
    assert not PublicWriter().applies(data)


def test_a_build_publishes_them_and_the_next_build_takes_a_change(data_copy: Path, tmp_path: Path) -> None:
    _public(data_copy, OWN)
    site = tmp_path / "site"
    writers = only_writers("vocabulary", "public")
    build(data_copy, site, writers=writers)
    sums = (site / "SHA256SUMS").read_text(encoding="utf-8")
    for rel, content in OWN.items():
        assert (site / rel).read_bytes() == content
        assert f"  {rel}\n" in sums
    # a site with the publisher's CNAME is one aidlod built: the next build replaces it, CNAME changed
    (data_copy / "public" / "CNAME").write_bytes(b"data.example.org\n")
    (data_copy / "public" / "img" / "logo.svg").unlink()
    build(data_copy, site, writers=writers)
    assert (site / "CNAME").read_bytes() == b"data.example.org\n"
    assert not (site / "img").exists()


def test_a_file_the_build_writes_itself_is_refused_by_name(data_copy: Path, tmp_path: Path) -> None:
    _public(data_copy, {"ontology.ttl": b"# mine\n", "CNAME": b"aid.example.org\n"})
    site = tmp_path / "site"
    with pytest.raises(InputError) as exc:
        build(data_copy, site, writers=[VocabularyWriter(), PublicWriter()])
    assert _messages(exc) == ["data/public/ontology.ttl: has the path of a file the build writes itself "
                              "(ontology.ttl): rename it or remove it from public/"]
    assert not site.exists()  # nothing half-written


def test_a_file_where_the_build_writes_a_folder_or_a_folder_where_it_writes_a_file_is_refused(
        data_copy: Path, tmp_path: Path) -> None:
    _public(data_copy, {"source": b"mine\n", "ontology.ttl/notes.txt": b"mine\n"})
    site = tmp_path / "site"
    with pytest.raises(InputError) as exc:
        build(data_copy, site, writers=[VocabularyWriter(), SourcesWriter(), PublicWriter()])
    assert _messages(exc) == [
        "data/public/ontology.ttl/notes.txt: has the path of a file the build writes itself (ontology.ttl/notes.txt): "
        "rename it or remove it from public/",
        "data/public/source: has the path of a folder the build writes itself (source): rename it or remove it from "
        "public/"]
    assert not site.exists()  # nothing half-written


@pytest.mark.parametrize(("name", "content", "message"), [
    ("SHA256SUMS", b"", "is written by the build itself (SHA256SUMS lists every file of the site): remove it "
                        "from public/"),
    ("back\\slash.txt", b"", "has a backslash or a control character in its name: rename it"),
    ("line\nbreak.txt", b"", "has a backslash or a control character in its name: rename it"),
])
def test_names_a_site_cannot_hold_are_refused(data_copy: Path, name: str, content: bytes, message: str) -> None:
    _public(data_copy, {name: content})
    with pytest.raises(InputError) as exc:
        records.load(data_copy)
    assert _messages(exc) == [f"data/public/{name}: {message}"]


def test_a_link_out_of_the_data_folder_is_refused(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site")
    folder = _public(data_copy, {"CNAME": b"aid.example.org\n"})
    (folder / "passwords.txt").symlink_to(secret)
    (tmp_path / "elsewhere").mkdir()
    (folder / "more").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InputError) as exc:
        records.load(data_copy)
    assert _messages(exc) == [
        "data/public/more: is a symbolic link to a folder: put the folder itself in public/",
        "data/public/passwords.txt: is a symbolic link that points outside the data folder",
    ]


def test_public_as_a_file_is_refused(data_copy: Path) -> None:
    (data_copy / "public").write_text("CNAME")
    names, problems = public_files(data_copy)
    assert names == []
    assert [p.message for p in problems] == ["must be a folder of the files to copy into the site (not a link or "
                                             "a file)"]

