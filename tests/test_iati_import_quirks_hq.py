"""IATI import, pages and tables of what real publishers' files state (helper hq's cases): each case
is cut down from a published file, named in the test."""

from __future__ import annotations

import html
import re
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import  # the same helpers as the first file


def _page_text(path: Path) -> str:
    """A page's text, tags dropped and spaces collapsed, as a reader sees it."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# Cut down from GlobalGiving's activity US-EIN-300108263-GGProj:46149 (d-portal's download, OCHA-DAP/
# hdx-scraper-iati-viz saved_data/dportal_58.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): its
# implementing partner is stated by the ref "XI-BRIDGE-null" alone, no name, which stands for no one
# organisation (no record is made). The page read "Participating organisation: XI-BRIDGE-null": what
# the partner does (implementing) was said nowhere on it, as it is for a partner stated by name.
def test_a_partner_known_by_its_ref_alone_is_shown_with_its_role(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>US-EIN-300108263-'
                'GGProj:46149</iati-identifier><reporting-org ref="US-EIN-300108263" type="21"><narrative '
                'xml:lang="EN">GlobalGiving</narrative></reporting-org><title><narrative xml:lang="EN">Burundi Relief '
                'Fund for COVID-19</narrative></title><description><narrative xml:lang="EN">In this modern world, no '
                'country is able to escape and remains spared from events such as the COVID-19 pandemic.</narrative>'
                '</description><participating-org ref="US-EIN-300108263" role="1" type="21"></participating-org>'
                '<participating-org ref="XI-BRIDGE-null" role="4"></participating-org><activity-status code="2">'
                '</activity-status><activity-date iso-date="2020-04-03" type="1"></activity-date><recipient-country '
                'code="BI" percentage="100"></recipient-country><sector code="E99" percentage="100" vocabulary="5">'
                '</sector><transaction ref="US-EIN-300108263-GGProj:46149"><transaction-type code="3">'
                '</transaction-type><transaction-date iso-date="2020-06-21"></transaction-date><value currency="USD" '
                'value-date="2020-06-21">189</value><provider-org ref="US-EIN-300108263"></provider-org><receiver-org '
                'ref="XI-BRIDGE-null"></receiver-org><disbursement-channel code="2"></disbursement-channel>'
                '</transaction></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    assert not (data / "organisations" / "xi-bridge-null.yaml").exists()
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "ggproj-46149.en.html")
    assert "Participating organisation: XI-BRIDGE-null · Implementing" in page
    # the receiver of the disbursement has no role: its ref alone
    assert "Receiver organisation: XI-BRIDGE-null Receiver" not in page
    assert "Receiver organisation: XI-BRIDGE-null ·" not in page

