"""IATI import and activity pages of what real publishers' files state (continued from
test_iati_import_quirks31.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import RVO_OPENING, _file, _import, _page_text  # the same helpers as the first file

# RVO's activity with a disbursement whose receiver is stated by its type alone, and a commitment (the source
# below; also read by test_iati_import_quirks35.py).
RVO_TYPED_RECEIVER = (
    RVO_OPENING + '<transaction><transaction-type code="3"></transaction-type><transaction-date '
    'iso-date="2020-12-21"></transaction-date><value currency="EUR" value-date="2020-12-21">19518.03'
    '</value><receiver-org type="90"><narrative xml:lang="EN"></narrative></receiver-org></transaction>'
    '<transaction><transaction-type code="1"></transaction-type><transaction-date iso-date="2020-09-15">'
    '</transaction-date><value currency="EUR" value-date="2020-09-15">38383.25</value></transaction>'
    '</iati-activity>')


# Cut down from the Netherlands Enterprise Agency's (RVO) activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106):
# each of its disbursements and commitments states its receiver by type alone, <receiver-org type="90">
# with an empty narrative. The page's transaction table read "– → –", as if the file said nothing of the
# receiver: the type it states ("90 – Other") was lost on the page (kept in the graph and IATI export).
def test_a_receiver_stated_by_its_type_alone_is_shown_by_its_type(tmp_path: Path) -> None:
    activity = RVO_TYPED_RECEIVER
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "dss220cm02.en.html")
    assert "EUR 19,518.03" in page
    assert "– → Organisation type: 90 – Other" in page
    # the incoming funds state neither provider nor receiver: nothing is made up for them
    assert "EUR 38,383.25 USD" in page and page.count("Organisation type: 90 – Other") == 1
    assert "– → –" in page
