"""IATI import of real publishers' files not tried before, round 23 (docs/iati.md, "Real files tried, 2026-12-08
(branch real-files-23)")."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import yaml

from aidlod.build import build
from iati_coverage import uncovered
from test_iati_import_quirks import _import, _page_text

FIXTURES = Path(__file__).parent / "fixtures" / "iati" / "real23"


# fixtures/iati/real23/carbon-trust-tea2-cut.xml: Carbon Trust Advisory's Transforming Energy Access phase 2 (IATI
# Publisher's file, younginnovations/iatipublisher TestFile_3.xml at 46bda214), 6 of its transactions. It pays "The
# Energy & Resources Institute" (GBP 2,997) and "University of Cape Town - ERC" (GBP 120,351.85) under one
# identifier, XI-GRID-grid.7836.a (the University of Cape Town's GRID), and names both partners without ref among its
# participating-orgs. The receivers made one record of the identifier, named by the first, "The Energy & Resources
# Institute", whose page charted the University's money as the Institute's, without a word. Which of the two the
# identifier is aidlod cannot tell: they stay linked by it, and the project's notes (its page, the quality page) say
# that the names share no word. "Acumen" and "Acumen Fund, Inc" under Acumen's identifier are one organisation.
def test_two_organisations_under_one_identifier_are_said(tmp_path: Path) -> None:
    source = tmp_path / "carbon-trust-tea2.xml"
    source.write_bytes((FIXTURES / "carbon-trust-tea2-cut.xml").read_bytes())
    data, lines = _import(tmp_path, source.read_bytes())
    apart = [line for line in lines if "no word in common" in line]
    assert len(apart) == 1, lines
    assert ("transaction[4–5]/receiver-org/@ref: 'XI-GRID-grid.7836.a', stated with the name 'University of Cape "
            "Town - ERC', is the identifier of the organisation record 'xi-grid-grid-7836-a', named 'The Energy & "
            "Resources Institute'") in apart[0]
    project = yaml.safe_load((data / "projects" / "np-ird-qareg1-3.yaml").read_text(encoding="utf-8"))
    assert any("two organisations under one identifier?" in note for note in project["import_notes"])
    assert yaml.safe_load((data / "organisations" / "xi-grid-grid-7836-a.yaml").read_text(encoding="utf-8"))[
        "name"] == {"en": "The Energy & Resources Institute"}
    assert uncovered(source, tmp_path / "coverage") == []
    site = tmp_path / "site"
    build(data, site)
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with (site / "tables" / "transactions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        sums[(row["type_code"], row["currency"])] += Decimal(row["value"])
    assert dict(sums) == {("3", "GBP"): Decimal("212533.85"), ("4", "GBP"): Decimal("800")}
    # the table keeps each receiver's stated name beside the record it is linked to
    assert {row["receiver_name"] for row in rows if row["receiver_ref"] == "XI-GRID-grid.7836.a"} == {
        "The Energy & Resources Institute", "University of Cape Town - ERC"}
    assert "two organisations under one identifier?" in _page_text(site / "quality.en.html")
    assert "two organisations under one identifier?" in _page_text(site / "project" / "np-ird-qareg1-3.en.html")


def test_names_of_one_identifier_are_apart_when_they_share_no_word() -> None:
    from aidlod.iati.orgnames import _names_apart

    assert _names_apart(["The Energy & Resources Institute"], ["University of Cape Town - ERC"])
    # a publisher's own identifier stated for its partner (the Africa Educational Trust's GB-CHC-313139 for "AET
    # South Sudan Community ROLE Centres", IATI/IATI-Datastore's fixture aet-activities.xml)
    assert _names_apart(["Africa Educational Trust"], ["AET South Sudan Community ROLE Centres"])
    # one organisation: a word in common (a renamed ministry), a short form
    assert not _names_apart(["UK - Department for International Development (DFID)"],
                            ["Foreign, Commonwealth and Development Office"])
    assert not _names_apart(["DFID"], ["Department for International Development"])
    assert not _names_apart(["Acumen"], ["Acumen Fund, Inc"])
    assert _names_apart(["The Institute of Development"], ["The Ministry of Health"])  # "the", "of" tell nothing
