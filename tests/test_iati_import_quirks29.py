"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks28.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the first file


def _aics(sector: str) -> str:
    return ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>XM-DAC-6-4-012127-45-2'
            '</iati-identifier><reporting-org ref="XM-DAC-6-4" type="10"><narrative xml:lang="EN">AICS - Italian '
            'Agency for Cooperation and Development</narrative></reporting-org><title><narrative xml:lang="EN">Fondo '
            'COVID-19_AID_011453: PICAPS- A systemic approach to combat the root causes of the exploitation of child '
            'labor</narrative></title><participating-org ref="XM-DAC-6-4" role="1" type="10"><narrative xml:lang="EN">'
            'AICS - Italian Agency for Cooperation and Development</narrative></participating-org><activity-status '
            'code="2"></activity-status><activity-date iso-date="2020-06-13" type="1"></activity-date>'
            f'<recipient-country code="BF" percentage="100"></recipient-country>{sector}<transaction><transaction-type '
            'code="2"></transaction-type><transaction-date iso-date="2020-08-10"></transaction-date><value '
            'currency="EUR" value-date="2020-08-10">66646.91</value></transaction></iati-activity>')


# Cut down from AICS's (the Italian Agency for Cooperation and Development) activity XM-DAC-6-4-012127-45-2
# (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_117.xml at
# 9f62af357f31eef831bcc3f62ba9133ff3cf158d): its only sector, <sector percentage="100" vocabulary="1">
# <narrative>Labour Rights</narrative></sector>, states no @code (its other activities state the code beside
# the name, "15160" "Human rights"). The import left the sector out ("sector.code: is required ... but
# missing"): the activity had no sector on its page, in sectors.csv or in the IATI export. Its name is the
# name of one code of the vocabulary it states, the DAC's 16070 "Labour rights": it is read as that code.
def test_a_sector_named_but_not_coded_is_read_as_the_one_code_of_its_vocabulary_with_that_name(
        tmp_path: Path) -> None:
    sector = ('<sector percentage="100" vocabulary="1"><narrative xml:lang="EN">Labour Rights</narrative>'
              '</sector>')
    data, lines = _import(tmp_path, _file(_aics(sector)))
    assert not [line for line in lines if "not mapped" in line], lines
    assert [line for line in lines if "no @code" in line and "'16070'" in line], lines
    project = yaml.safe_load((data / "projects" / "012127-45-2.yaml").read_text(encoding="utf-8"))
    assert [(s["vocabulary"], s["code"], s["percentage"]) for s in project["iati"]["sector"]] == \
        [("1", "16070", "100")], project
    build(data, tmp_path / "site")
    rows = _rows(tmp_path / "site", "sectors")
    assert [(r["vocabulary_code"], r["code"], r["label"], r["percentage"]) for r in rows] == \
        [("1", "16070", "Labour rights", "100")]
    export = (tmp_path / "site" / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert 'code="16070"' in export


# The same activity's sector named "Human rights" (as AICS's XM-DAC-6-4-012127-76-5 names its 15160): the
# DAC's list has the name twice, 15160 in use and 15162 withdrawn; the code in use is the one meant.
def test_a_sector_named_as_a_code_in_use_and_a_withdrawn_one_is_read_as_the_code_in_use(tmp_path: Path) -> None:
    sector = ('<sector percentage="100" vocabulary="1"><narrative xml:lang="EN">Human rights</narrative></sector>')
    data, lines = _import(tmp_path, _file(_aics(sector)))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "012127-45-2.yaml").read_text(encoding="utf-8"))
    assert [s["code"] for s in project["iati"]["sector"]] == ["15160"], project


# The same activity with a name no code of vocabulary 1 bears: the code is not guessed; the sector is kept
# by its name and share without a code, reported (it was left out before: see test_iati_import_gov.py).
def test_a_sector_named_by_no_code_of_its_vocabulary_stays_reported_as_missing_its_code(tmp_path: Path) -> None:
    sector = ('<sector percentage="100" vocabulary="1"><narrative xml:lang="EN">Child labour and rights</narrative>'
              '</sector>')
    data, lines = _import(tmp_path, _file(_aics(sector)))
    assert [line for line in lines if "no @code is stated" in line and "sector" in line], lines
    project = yaml.safe_load((data / "projects" / "012127-45-2.yaml").read_text(encoding="utf-8"))
    assert "sectors" not in project
    assert [("code" in s, s["vocabulary"], s["percentage"]) for s in project["iati"]["sector"]] == [
        (False, "1", "100")], project
