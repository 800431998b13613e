"""IATI import of what bilateral donors' real files state (continued from test_iati_import_quirks45.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import

# The Ministry for Foreign Affairs of Finland's activity FI-3-2020-2014140877 (d-portal's download,
# OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_16.xml at 27495286329b47911637e7396f4212f439a4d106), cut to
# its title, in Finnish and English, and its funder: the titles in Finnish make Finnish a page language.
FINLAND = ('<iati-activity default-currency="EUR" hierarchy="1" last-updated-datetime="2021-02-12T16:05:40" '
           'xml:lang="EN"><iati-identifier>FI-3-2020-2014140877</iati-identifier><reporting-org ref="FI-3" '
           'secondary-reporter="0" type="10"><narrative xml:lang="EN">Ministry for Foreign Affairs of Finland'
           '</narrative></reporting-org><title><narrative xml:lang="FI">No Lost Generation: Lasten hyvinvoinnin '
           'edistaminen integroidulla ohjelmoinnilla</narrative><narrative xml:lang="EN">No Lost Generation: '
           'Promoting Multi-dimensional Child Well-being through Integrated Programming</narrative></title>'
           '<participating-org ref="FI-3" role="1" type="10"><narrative xml:lang="EN">Ministry for Foreign Affairs '
           'of Finland</narrative></participating-org><activity-status code="2"/><activity-date '
           'iso-date="2014-05-13" type="2"/><recipient-country code="LB" percentage="100"/></iati-activity>')


# Finland's file imported into a new dataset: its pages are in English and Finnish, but the rule of the
# dataset's title and description had no words in Finnish, so dataset.yaml was titled in English alone and
# the first build of the import warned twice ("the title in language 'fi' is missing", the same of the
# description), of a record the import wrote itself. Now the dataset and the source are titled in Finnish
# too, and the build has nothing to warn of in Finnish.
def test_a_finnish_publishers_new_dataset_is_titled_in_finnish_too(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(FINLAND))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["languages"] == ["en", "fi"]
    assert dataset["title"] == {"en": "IATI activities of Ministry for Foreign Affairs of Finland",
                                "fi": "Organisaation Ministry for Foreign Affairs of Finland IATI-toiminnot"}
    assert dataset["description"]["fi"] == ("Organisaation Ministry for Foreign Affairs of Finland toiminnot, "
                                            "tuotu IATI-tiedostosta published.xml.")
    source = yaml.safe_load((data / "sources" / "published.yaml").read_text(encoding="utf-8"))
    assert source["title"]["fi"] == "IATI-toimintotiedosto published.xml"
    built = build(data, tmp_path / "site")
    assert not [w.message for w in built.warnings if w.file.endswith("dataset.yaml")]
