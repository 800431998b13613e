"""IATI import and pages of what real publishers' files state (continued from test_iati_import_quirks8.py):
each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.build import build
from aidlod.errors import InputError
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from the Swiss Agency for Development and Cooperation's activity CH-4-2020001284 in
# d-portal's download (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_9.xml, commit
# 27495286329b47911637e7396f4212f439a4d106): the sector 72050 is stated twice, at 20 % and at 50 %
# (the vocabulary's shares still add up to 100). The two allocations got one node in the graph, with
# two percentages, and the build failed ("sectors[1].percentage: the percentage must be a number
# from 0 to 100"). The sectors are now kept whole, as stated, in the iati field.
def test_a_sector_stated_twice_is_kept_as_stated_and_builds(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="CHF" xml:lang="EN" hierarchy="1"><iati-identifier>CH-4-2020001284'
                '</iati-identifier><reporting-org ref="CH-4" type="10"><narrative xml:lang="EN">Swiss Agency for '
                'Development and Cooperation (SDC)</narrative></reporting-org><title><narrative xml:lang="EN">'
                'ML Projet EHA dans MRR riposte COVID 19</narrative></title>'
                '<participating-org ref="CH-4" role="1" type="10"><narrative xml:lang="EN">Swiss Agency for '
                'Development and Cooperation (SDC)</narrative></participating-org>'
                '<activity-status code="2"/><activity-date iso-date="2020-08-01" type="2"/>'
                '<recipient-country code="ML" percentage="100"><narrative xml:lang="EN">Mali</narrative>'
                '</recipient-country><sector code="72040" percentage="30" vocabulary="1"/>'
                '<sector code="72050" percentage="20" vocabulary="1"/>'
                '<sector code="72050" percentage="50" vocabulary="1"/></iati-activity>')
    data, lines = _import(tmp_path, _file(activity))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "2020001284.yaml").read_text(encoding="utf-8"))
    assert "sectors" not in project
    assert [(s["code"], s["percentage"]) for s in project["iati"]["sector"]] == [
        ("72040", "30"), ("72050", "20"), ("72050", "50")]
    build(data, tmp_path / "site")
    page = (tmp_path / "site" / "project" / "2020001284.en.html").read_text(encoding="utf-8")
    assert page.count("72050 – Relief co-ordination and support services") >= 2


def test_a_records_sector_stated_twice_is_named_by_the_check(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="CHF" xml:lang="EN"><iati-identifier>CH-4-2020001283'
                '</iati-identifier><reporting-org ref="CH-4" type="10"><narrative>SDC</narrative></reporting-org>'
                '<title><narrative>Covid-19: Désinfection structures sanit.</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2020-10-01" type="2"/>'
                '<recipient-country code="TD" percentage="100"/><sector code="12110" percentage="30"/>'
                '<sector code="12250" percentage="70"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    path = data / "projects" / "2020001283.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("code: '12250'", "code: '12110'"), encoding="utf-8")
    with pytest.raises(InputError) as failed:
        build(data, tmp_path / "site")
    assert "sectors[1].code" in str(failed.value) and "stated already (sectors[0])" in str(failed.value)
