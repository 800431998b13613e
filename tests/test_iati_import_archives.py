"""``import-iati`` reads the compressed downloads publishers and aggregators hand out: a gzip file
or a ZIP archive is unpacked into a temporary folder and its XML imported under its own name, the
organisation files after the activity files; a member path never reaches outside that folder and
an archive that unpacks past the size limit is refused."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from aidlod.cli import main
from aidlod.iati import archives
from aidlod.iati.archives import unpacked
from test_iati_organisation_file import ORG_FILE

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "iati" / "other-publisher.xml"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
ARGS = ["--licence", CC_BY, "--base-iri", "https://example.org/x/", "-q"]


def test_a_gzip_file_is_imported_as_the_xml_it_holds(tmp_path: Path) -> None:
    gz = tmp_path / "publisher-activities.xml.gz"
    gz.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(gz), "--into", str(data), *ARGS])
    assert result.exit_code == 0, result.output
    # the source copy is the XML as published, under its own name
    assert (data / "sources" / "publisher-activities.xml").read_bytes() == FIXTURE.read_bytes()
    assert len(list((data / "projects").glob("*.yaml"))) >= 2
    assert not list(Path(tmp_path).glob("aidlod-import-*"))


def test_a_zip_archive_imports_its_activity_files_then_its_organisation_file(tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("publisher/0-organisation.xml", ORG_FILE.replace("NO-BRC-972417920", "NO-BRC-971277882"))
        z.writestr("publisher/activities.xml", FIXTURE.read_bytes())
        z.writestr("README.txt", "not XML: left alone")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(archive), "--into", str(data), *ARGS[:-1]])
    assert result.exit_code == 0, result.output
    assert f"importing {archive}/publisher/activities.xml" in result.output
    assert result.output.index("activities.xml") < result.output.index("0-organisation.xml")
    assert "2 of 2 files imported" in result.output
    assert sorted(p.name for p in (data / "sources").glob("*.xml")) == ["0-organisation.xml", "activities.xml"]
    orgs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "organisations").glob("*.yaml")]
    assert any("total-budget" in o.get("iati", {}) for o in orgs)


def test_member_paths_stay_in_the_temporary_folder(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../outside.xml", b"<iati-activities/>")
        z.writestr("/abs/also.xml", b"<iati-activities/>")
    with unpacked([archive]) as found:
        names = sorted(item.path.name for item in found)
        folders = {item.path.parent for item in found}
        assert names == ["also.xml", "outside.xml"] and len(folders) == 1
        assert all(item.path.read_bytes() == b"<iati-activities/>" for item in found)
    assert not (tmp_path.parent / "outside.xml").exists()
    assert not folders.pop().exists()  # removed afterwards


def test_an_archive_past_the_size_limit_or_broken_is_refused_by_name(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.xml.gz"
    big.write_bytes(gzip.compress(b"<iati-activities>" + b" " * 5000 + b"</iati-activities>"))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(archives.ZIP_MAGIC + b"not really a zip")
    plain = tmp_path / "plain.xml"
    shutil.copy(FIXTURE, plain)
    with unpacked([big, broken, plain], limit=1000) as found:
        by_name = {item.shown: item for item in found}
        assert "unpacks to more than" in by_name[str(big)].problems[0].message
        assert "cannot be unpacked" in by_name[str(broken)].problems[0].message
        assert by_name[str(plain)].problems == [] and by_name[str(plain)].path == plain
    monkeypatch.setattr(archives, "MAX_UNPACKED", 1000)
    result = CliRunner().invoke(main, ["import-iati", str(big), str(plain), "--into", str(tmp_path / "data"), *ARGS])
    assert result.exit_code == 1, result.output
    assert f"{big}: unpacks to more than" in result.output
    assert "1 of 2 files imported" in result.output


def test_a_folder_s_gzip_and_zip_files_are_read_too(tmp_path: Path) -> None:
    download = tmp_path / "download" / "publisher"
    download.mkdir(parents=True)
    (download / "activities.xml.gz").write_bytes(gzip.compress(FIXTURE.read_bytes()))
    with zipfile.ZipFile(download / "organisation.zip", "w") as z:
        z.writestr("organisation.xml", ORG_FILE.replace("NO-BRC-972417920", "NO-BRC-971277882"))
    (download / "notes.txt").write_text("not imported", encoding="utf-8")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(tmp_path / "download"), "--into", str(data), *ARGS[:-1]])
    assert result.exit_code == 0, result.output
    assert "2 of 2 files imported" in result.output
    assert sorted(p.name for p in (data / "sources").glob("*.xml")) == ["activities.xml", "organisation.xml"]


def _tar(path: Path, mode: str, members: dict[str, bytes]) -> None:
    import io
    import tarfile

    with tarfile.open(path, mode) as t:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            t.addfile(info, io.BytesIO(content))


@pytest.mark.parametrize("name, mode", [("download.tar.gz", "w:gz"), ("download.tgz", "w:gz"),
                                        ("download.tar", "w")])
def test_a_tar_archive_imports_its_xml_files(tmp_path: Path, name: str, mode: str) -> None:
    """A .tar.gz (Linux's and the command line's archive) was unpacked as one gzip file, 'download.tar.xml',
    and refused as "text, not XML", its tar headers quoted byte by byte."""
    archive = tmp_path / name
    _tar(archive, mode, {"publisher/activities.xml": FIXTURE.read_bytes(), "README.txt": b"not XML: left alone",
                         "__MACOSX/publisher/._activities.xml": b"\x00\x05\x16\x07Mac OS X"})
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["import-iati", str(archive), "--into", str(data), *ARGS])
    assert result.exit_code == 0, result.output
    assert (data / "sources" / "activities.xml").read_bytes() == FIXTURE.read_bytes()
    assert len(list((data / "projects").glob("*.yaml"))) >= 2
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(archive, folder / name)
    result = CliRunner().invoke(main, ["import-iati", str(folder), "--into", str(tmp_path / "again"), *ARGS])
    assert result.exit_code == 0, result.output


def test_tar_member_paths_links_and_archives_without_xml(tmp_path: Path) -> None:
    import io
    import tarfile

    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as t:
        for name in ("../../outside.xml", "/abs/also.xml"):
            info = tarfile.TarInfo(name)
            info.size = len(FIXTURE.read_bytes())
            t.addfile(info, io.BytesIO(FIXTURE.read_bytes()))
        link = tarfile.TarInfo("link.xml")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        t.addfile(link)
    with unpacked([archive]) as items:
        assert sorted(Path(i.shown).name for i in items) == ["also.xml", "outside.xml"]
        for item in items:
            assert item.path.parent.parent.name.startswith("aidlod-import-"), item.path
    assert not (tmp_path.parent / "outside.xml").exists()
    empty = tmp_path / "none.tar.gz"
    _tar(empty, "w:gz", {"notes.txt": b"no XML"})
    with unpacked([empty]) as items:
        assert [p.message for i in items for p in i.problems] == ["is a tar archive without .xml files"]
