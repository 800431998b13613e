"""IATI import and pages of what publishers writing in non-Latin scripts and right-to-left languages
state: each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import


# Cut down from the Jordan Open Source Association's activity NP-IRD-qareg1-10 (its IATI Publisher file,
# kept as a test file in younginnovations/iatipublisher tests/Unit/TestFiles/BulkPublishTestFiles/xmls/
# TestFile_10.xml, commit 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3): its reporting-org is named in
# English and in Arabic ("الجمعية الأردنية للمصدر المفتوح"). On the site's Arabic pages (a Jordanian
# publisher's site in English and Arabic) the part that reporting-org is was labelled with the
# interface's words and the Arabic name as one text marked lang="ar" dir="rtl": the browser laid
# "Reporting organisation: الجمعية …" out right to left, as "الجمعية … :Reporting organisation", in the
# part's heading, in the link to it and in the organisation's page's list of what points to it.
def test_a_part_named_in_arabic_is_labelled_in_the_interface_with_the_name_isolated(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2022-12-17T09:28:47+00:00" xml:lang="en" '
                'default-currency="JOD" humanitarian="0" hierarchy="1" linked-data-uri=""><iati-identifier>'
                'NP-IRD-qareg1-10</iati-identifier><reporting-org type="22" ref="JO-MSD-2011101100001" '
                'secondary-reporter="0"><narrative>Jordan Open Source Association</narrative><narrative '
                'xml:lang="ar">الجمعية الأردنية للمصدر المفتوح</narrative></reporting-org><title><narrative '
                'xml:lang="en">Digital Rights: Improving Human Rights Online in Jordan</narrative></title>'
                '<participating-org ref="XM-DAC-7" type="10" role="1" activity-id="XM-DAC-7-PPR-4000002952">'
                '<narrative xml:lang="en">Netherlands - Ministry of Foreign Affairs</narrative>'
                '</participating-org><activity-status code="4"/><activity-date type="2" iso-date="2019-09-01"/>'
                '<recipient-country code="JO" percentage="100"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    dataset = yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    dataset["languages"] = ["en", "ar"]
    (data / "dataset.yaml").write_text(yaml.safe_dump(dataset, allow_unicode=True), encoding="utf-8")
    build(data, tmp_path / "site")
    name = "الجمعية الأردنية للمصدر المفتوح"
    label = f"Reporting organisation: \u2068{name}\u2069"
    page = (tmp_path / "site" / "project" / "np-ird-qareg1-10.ar.html").read_text(encoding="utf-8")
    assert f'<a href="#iati-reporting-org-1">{label}</a>' in page
    assert f'<th colspan="2" scope="rowgroup"><span>{label}</span>' in page
    assert f'dir="rtl">Reporting organisation: {name}' not in page
    org = (tmp_path / "site" / "organisation" / "jo-msd-2011101100001.ar.html").read_text(encoding="utf-8")
    assert f"Digital Rights: Improving Human Rights Online in Jordan › {label}</a>" in org
    # the name alone is still marked as Arabic, right to left
    assert f'<h1 lang="ar" dir="rtl">{name}</h1>' in org
