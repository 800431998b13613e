"""IATI import of whole real downloads, several at once (continued from test_iati_import_quirks35.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aidlod import records
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _file, _import

# BMU IKI Secretariat's activity 1029514 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1) and GlobalGiving's activity
# US-EIN-300108263-GGProj:46405 (the same repository, saved_data/dportal_59.xml at the same commit): two
# d-portal downloads, each saved under d-portal's name dportal_0.xml in a folder of its own, imported
# into one data folder. The second import said the IKI records "of the earlier version are not in this
# one ... (delete them from projects/ if the publisher dropped them)": it took another download of the
# same name for the publisher's update, and told the user to delete records no one had dropped.
IKI = ('<iati-activity default-currency="EUR" hierarchy="1" xml:lang="EN"><iati-identifier>1029514</iati-identifier>'
       '<reporting-org ref="XI-IATI-IKI" type="10"><narrative xml:lang="EN">BMU IKI Secretariat</narrative>'
       '</reporting-org><title><narrative xml:lang="EN">Measuring Paris Agreement alignment and financial risk in '
       'financial markets</narrative></title><participating-org ref="XM-DAC-5-9" role="1" type="10"><narrative '
       'xml:lang="EN">Federal Ministry for the Environment, Nature Conservation and Nuclear Safety</narrative>'
       '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2018-07-01" '
       'type="1"></activity-date><recipient-region code="998" percentage="100" vocabulary="1"></recipient-region>'
       '<transaction><transaction-type code="2"></transaction-type><transaction-date iso-date="2018-07-01">'
       '</transaction-date><value currency="EUR" value-date="2018-07-01">2806403</value></transaction>'
       '</iati-activity>')
GLOBALGIVING = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>US-EIN-300108263-'
                'GGProj:46405</iati-identifier><reporting-org ref="US-EIN-300108263" type="21"><narrative '
                'xml:lang="EN">GlobalGiving</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19: '
                'Protect 5000 Poor People in India</narrative></title><participating-org ref="US-EIN-300108263" '
                'role="1" type="21"></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2020-04-13" type="1"></activity-date><recipient-country code="IN" percentage="100">'
                '</recipient-country><transaction ref="US-EIN-300108263-GGProj:46405"><transaction-type code="3">'
                '</transaction-type><transaction-date iso-date="2020-06-30"></transaction-date><value currency="USD" '
                'value-date="2020-06-30">299</value></transaction></iati-activity>')


def test_another_download_of_the_same_name_is_not_taken_for_an_update(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(IKI))
    other = tmp_path / "second" / "published.xml"
    other.parent.mkdir()
    other.write_bytes(_file(GLOBALGIVING))
    lines = import_iati(other, data).lines()
    assert not any("dropped" in line or "delete them" in line for line in lines), lines
    assert any("another file of the same name" in line and "kept as published-2.xml" in line
               for line in lines), lines

    def cited(project: str) -> str:
        return yaml.safe_load((data / "projects" / f"{project}.yaml").read_text(encoding="utf-8"))["source"][
            "document"]
    assert cited("1029514") == "published"
    assert cited("us-ein-300108263-ggproj-46405") == "published-2"


# GlobalGiving's activities (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_59.xml
# at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), three of them copied, ids renumbered, into eight files of
# 300 imported in one command, as a user imports a set of downloads: each file took longer than the one
# before (0.8 s for the first, 2.2 s for the eighth; 17.6 s in all), as the import read every record of
# the data folder twice, the second time only for the dataset record it had already read. It reads the
# folder once (8.4 s in all).
def test_an_import_into_a_data_folder_reads_its_records_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, _lines = _import(tmp_path, _file(IKI))
    other = tmp_path / "second.xml"
    other.write_bytes(_file(GLOBALGIVING))
    loads: list[Path] = []
    real = records.load

    def counted(root: Path | str, *args: Any, **kwargs: Any) -> records.Records:
        loads.append(Path(root))
        return real(root, *args, **kwargs)
    monkeypatch.setattr(records, "load", counted)
    lines = import_iati(other, data).lines()
    assert loads == [data], loads
    assert any("other organisation(s) (US-EIN-300108263)" in line and "'xi-iati-iki'" in line for line in lines), lines
    project = yaml.safe_load((data / "projects" / "us-ein-300108263-ggproj-46405.yaml").read_text(encoding="utf-8"))
    assert project["iati_identifier"] == "US-EIN-300108263-GGProj:46405"
