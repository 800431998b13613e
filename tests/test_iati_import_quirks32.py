"""IATI import, pages and IATI export of what real publishers' files state (continued from
test_iati_import_quirks31.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_export_per_publisher import UNOPS
from test_iati_import_quirks import _file, _import, _page_text


# UNOPS's activity 41AAA-11934-016 (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/
# dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1; the cut-down of
# tests/test_iati_export_per_publisher.py): its expenditure of USD 73,601 on 2020-12-01. In "Parts of this
# document", aidlod's own conversion of it (…-in-eur, aid:ConvertedAmount) read "Exchange rate 0.835561497326 …
# Value 61,498.16" and the value itself "Value 73,601": a bare figure, its currency said only in another row.
# Now an amount's value is written in its currency, as its label is ("Value EUR 61,498.16").
def test_an_amounts_value_and_its_conversions_say_their_currency(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(UNOPS))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "11934-016.en.html")
    assert "Value USD 73,601" in page  # the transaction's value, as stated
    assert "Value 73,601" not in page
    converted = page.split("#iati-transaction-1-value-1-in-eur", 1)[1].split("Value date used", 1)[0]
    assert "Currency EUR" in converted and "Exchange rate" in converted
    assert "Value EUR 61,498.16" in converted  # the converted figure with its currency
    assert "Value 61,498.16" not in converted
    # the budget's value too
    assert "Value USD 61,122,021" in page
    assert "Value 61,122,021" not in page
