"""The size limit of import-iati's archives holds for all the members of one archive together: each
member was bounded alone, so a ZIP or tar of many members just below the limit (a zip bomb of many
entries) unpacked to their sum in the temporary folder and could fill the disk."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from aidlod.iati.archives import unpacked

MEMBER = b"<iati-activities>" + b" " * 600 + b"</iati-activities>"


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(5):
            z.writestr(f"a{n}.xml", MEMBER)


def _tar(path: Path) -> None:
    with tarfile.open(path, "w:gz") as t:
        for n in range(5):
            info = tarfile.TarInfo(f"a{n}.xml")
            info.size = len(MEMBER)
            t.addfile(info, io.BytesIO(MEMBER))


@pytest.mark.parametrize("make", [_zip, _tar], ids=["zip", "tar.gz"])
def test_an_archive_whose_members_together_pass_the_limit_is_refused(tmp_path: Path, make) -> None:
    archive = tmp_path / "many.zip"
    make(archive)
    with unpacked([archive], limit=2000) as found:  # each member ~640 bytes, all five ~3200
        [item] = found
        assert item.problems and "unpacks to more than 2000 bytes with the files before it" in item.problems[0].message
    with unpacked([archive], limit=5000) as found:
        assert len(found) == 5 and not any(i.problems for i in found)
