"""IATI import of what real publishers' files state (continued from test_iati_import_quirks44.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import

# IATI Publisher's complete export (younginnovations/iatipublisher tests/Unit/TestFiles/Xml/complete.xml at
# 7539d2bf1c088d2f7c1c740a6daf0ec4ca605323), cut to its reporting and one participating organisation and
# two of its document links: IATI Publisher offers the formats of IATI's FileFormat codelist as the codelist
# writes them, "application/batch-SMTP" among them; the other is the European Commission's "APPLICATION/PDF" (as in
# test_iati_import_quirks2.py), whose type is in capitals.
PUBLISHER = ('<iati-activity last-updated-datetime="2023-01-24T11:52:49+00:00" xml:lang="en" default-currency="BSD">'
             '<iati-identifier>NP-SWC-0987-72572</iati-identifier><reporting-org type="70" ref="NP-SWC-0987">'
             '<narrative>narrative</narrative></reporting-org><title><narrative>Testing Data </narrative></title>'
             '<participating-org ref="1234567" type="73" role="4" activity-id="123456" crs-channel-code="21020">'
             '<narrative>narrative</narrative></participating-org><activity-status code="5"/>'
             '<activity-date type="2" iso-date="2022-12-07"/>'
             '<document-link url="https://iatipublisher-dev.yipl.com.np/activity/145#policy_marker" '
             'format="application/batch-SMTP"><title><narrative>title</narrative></title><category code="A03"/>'
             '<language code="af"/><document-date iso-date="2022-12-01"/></document-link>'
             '<document-link url="https://example.org/report.pdf" format="APPLICATION/PDF"><title><narrative>'
             'report</narrative></title><category code="A01"/></document-link></iati-activity>')


def test_a_format_of_the_codelist_with_capitals_in_its_subtype_is_kept_as_stated(tmp_path: Path) -> None:
    """Before, "application/batch-SMTP" was read as "application/batch-smtp", noted as if IATI's
    FileFormat wrote it in small letters, and exported so: a code on no list, where the publisher's
    was on it. A format whose type is in capitals is still read in small letters."""
    data, lines = _import(tmp_path, _file(PUBLISHER))
    assert not [line for line in lines if "batch-SMTP" in line], lines
    assert [line for line in lines if "'APPLICATION/PDF' read as 'application/pdf'" in line], lines
    project = yaml.safe_load((data / "projects" / "72572.yaml").read_text(encoding="utf-8"))
    assert "application/batch-SMTP" in str(project) and "batch-smtp" not in str(project)
    site = tmp_path / "site"
    build(data, site)
    exported = "".join(p.read_text(encoding="utf-8") for p in sorted((site / "iati").rglob("activities.xml")))
    assert 'format="application/batch-SMTP"' in exported
    assert 'format="application/pdf"' in exported and "APPLICATION/PDF" not in exported
