"""An original budget and a revised one of the same period: splits.csv counts the revised one alone.

Read by aggregators' tools (docs/iati.md, "Read by aggregators' tools"): iatiflattener, the flattener behind
the Country Development Finance Data tool, summed the World Bank's budgets of 44000-P175662 to USD 12,299,000
less than splits.csv did: the World Bank states each month's original budget (type 1) and its revised budget
(type 2), and splits.csv counted both. budgets.csv keeps every budget as stated.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows


def _budget(kind: str, start: str, end: str, value: str) -> str:
    return (f'<budget status="1" type="{kind}"><period-start iso-date="{start}"></period-start><period-end '
            f'iso-date="{end}"></period-end><value currency="USD" value-date="{end}">{value}</value></budget>')


# Cut down from the World Bank's activity 44000-P175662 (iati-data-access/iati-flattener's fixture
# iatiflattener/tests/fixtures/worldbank-activity.xml at d071b3e8): its sectors of vocabulary 1 and three of
# its months' budgets, plus one original budget of a month no revised budget states (made up, to keep).
WORLD_BANK = ('<iati-activity default-currency="USD" hierarchy="1" xml:lang="EN"><iati-identifier>44000-P175662'
              '</iati-identifier><reporting-org ref="44000" type="40"><narrative xml:lang="EN">World Bank</narrative>'
              '</reporting-org><title><narrative xml:lang="EN">Jordan Inclusive, Transparent and Climate Responsive '
              'Investments Program For Results</narrative></title><participating-org ref="44001" role="1" '
              'type="40"><narrative xml:lang="EN">International Bank for Reconstruction and Development'
              '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
              'iso-date="2021-06-10" type="2"></activity-date><recipient-country code="JO" percentage="100">'
              '</recipient-country><sector code="15119" percentage="46" vocabulary="1"></sector><sector code="15142"'
              ' percentage="23" vocabulary="1"></sector><sector code="25010" percentage="22" vocabulary="1">'
              '</sector><sector code="33210" percentage="9" vocabulary="1"></sector>'
              + _budget("1", "2021-07-01", "2021-07-31", "0")
              + _budget("2", "2021-07-01", "2021-07-31", "10416666.67")
              + _budget("2", "2021-08-01", "2021-08-31", "10416666.67")
              + _budget("1", "2021-08-01", "2021-08-31", "587500")
              + _budget("1", "2021-09-01", "2021-09-30", "1374500")
              + _budget("2", "2021-09-01", "2021-09-30", "10416666.67")
              + _budget("1", "2021-10-01", "2021-10-31", "776500") + '</iati-activity>')


def test_an_original_budget_a_revised_one_replaces_is_not_split(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(WORLD_BANK))
    site = tmp_path / "site"
    build(data, site)
    budgets = _rows(site, "budgets")
    assert len(budgets) == 7  # every budget kept as stated
    stated = {b["id"]: (b["type_code"], b["period_start"], b["value"]) for b in budgets}
    split: dict[tuple[str, str, str], Decimal] = {}
    for row in _rows(site, "splits"):
        if row["table"] == "budgets":
            key = stated[row["source"]]
            split[key] = split.get(key, Decimal(0)) + Decimal(row["value"])
    assert split == {("2", "2021-07-01", "10416666.67"): Decimal("10416666.67"),
                     ("2", "2021-08-01", "10416666.67"): Decimal("10416666.67"),
                     ("2", "2021-09-01", "10416666.67"): Decimal("10416666.67"),
                     ("1", "2021-10-01", "776500"): Decimal("776500.00")}
    assert sum(split.values()) == Decimal("32026500.01")
