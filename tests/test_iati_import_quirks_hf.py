"""IATI import and pages of what real publishers' files state (continued from
test_iati_import_quirks2.py to test_iati_import_quirks4.py): each case is cut down from a published
file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from test_iati_import_quirks import _file, _import  # the same helpers as the first file


# Cut down from d-portal's own download of Ebola activities (IATI/D-Portal dflat/downloads/activities.xml,
# commit 4e93a7237b1df340fd0b283be1b3d59cbe4beaf2): the root states no version; each activity states
# its file's, and where d-portal found it, plain: dataset="oxfamgb-ml" generated-datetime="...", as
# d-portal's later downloads do in its own namespaces (dstore:dataset). The import reported both as
# attributes it could not map, twice on every activity of the download.
def test_a_downloads_plain_dataset_and_generated_datetime_are_not_data(tmp_path: Path) -> None:
    activity = ('<iati-activity dataset="oxfamgb-ml" default-currency="GBP" '
                'last-updated-datetime="2016-05-02T19:18:47" xml:lang="en" '
                'generated-datetime="2019-12-06T00:24:01" version="2.02">'
                '<iati-identifier>GB-CHC-202918-MLIB06</iati-identifier><reporting-org ref="GB-CHC-202918" type="21">'
                '<narrative>Oxfam GB</narrative></reporting-org><title><narrative>Response to the outbreak of the '
                'disease Ebola in Mali</narrative></title><participating-org ref="GB-CHC-202918" role="1" type="21">'
                '<narrative>Oxfam GB</narrative></participating-org><activity-status code="2"></activity-status>'
                '<activity-date iso-date="2014-11-28" type="2"></activity-date><recipient-country code="ML">'
                '</recipient-country></iati-activity>')
    data, lines = _import(tmp_path, _file(activity, root='xmlns:iati-extra="http://datastore.iatistandard.org/ns"'))
    assert not [line for line in lines if "not mapped" in line], lines
    project = yaml.safe_load((data / "projects" / "mlib06.yaml").read_text(encoding="utf-8"))
    assert project["start"] == "2014-11-28"
    assert "dataset" not in project["iati"] and "generated-datetime" not in project["iati"]


def test_a_plain_dataset_attribute_in_a_publishers_own_file_is_still_reported(tmp_path: Path) -> None:
    # a file with its own version is no aggregator's download: an attribute IATI does not define stays reported
    activity = ('<iati-activity dataset="oxfamgb-ml" default-currency="GBP" xml:lang="en">'
                '<iati-identifier>GB-CHC-202918-MLIB06</iati-identifier><reporting-org ref="GB-CHC-202918" type="21">'
                '<narrative>Oxfam GB</narrative></reporting-org><title><narrative>Ebola in Mali</narrative></title>'
                '<activity-status code="2"/><activity-date iso-date="2014-11-28" type="2"/>'
                '<recipient-country code="ML"/></iati-activity>')
    _data, lines = _import(tmp_path, _file(activity))
    assert [line for line in lines if "not mapped: @dataset" in line], lines
