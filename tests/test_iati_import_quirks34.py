"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks33.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file
from test_iati_import_quirks28 import _example  # IATI's example activity as its Validator keeps it

DATES = '<activity-date iso-date="2016-04-15" type="1"/><activity-date iso-date="2015-12-31" type="3"/>'
FUNDER = ('<participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>Name of Agency B</narrative>'
          '</participating-org>')


# IATI's example activity XM-DAC-41127-1 as the IATI Validator keeps it to test the date-order rule (IATI/
# js-validator-api integration-tests/test-files/iati-multi-act-dateOrder-error.xml at
# 69c921b2eebea8bbef049801c9c777673e8e5bb3), without its participating-org: the console's warning of the
# activity the export left out named it by its IRI, "iati/activities.xml: record
# 'http://example.org/project/1#id': warning: not exported to IATI: ...", which the publisher does not know
# it by. It names it as the quality page does, by its IATI identifier and its page's path, and the quality
# page still links its page.
def test_an_export_warning_names_the_activity_by_its_iati_identifier_on_the_console(tmp_path: Path) -> None:
    partnerless = _example("XM-DAC-41127-1", DATES, "").replace(FUNDER, "")
    data, _lines = _import(tmp_path, _file(partnerless, _example("XM-DAC-41127-123", DATES, "")))
    published = build(data, tmp_path / "site")
    lines = [str(p) for p in published.warnings]
    assert ("iati/activities.xml: record 'XM-DAC-41127-1 (project/1)': warning: not exported to IATI: IATI requires "
            "a participating organisation") in lines
    assert not [line for line in lines if "#id'" in line]
    page = (tmp_path / "site" / "quality.en.html").read_text(encoding="utf-8")
    assert '<a href="project/1.en.html"><code>XM-DAC-41127-1 (project/1)</code></a>' in page
