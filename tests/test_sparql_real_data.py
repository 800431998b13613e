"""What a SPARQL user asks of the dump of real publishers' IATI files, the README's and queries/'
examples as a newcomer runs them: each case is cut down from a published file, named in the test, and
the answers are checked against the XML."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from aidlod.build import build
from aidlod.queries import examples, read_csv
from conftest import only_writers
from test_iati_import_quirks import _file, _import  # the same helpers as the import's tests


def _dump(tmp_path: Path, *activities: str) -> ox.Store:
    """The N-Triples dump of ``activities`` imported and built (dumps only), loaded in a store."""
    data, _lines = _import(tmp_path, _file(*activities))
    build(data, tmp_path / "site", writers=only_writers("dumps"))
    store = ox.Store()
    store.load(path=str(tmp_path / "site" / "dumps" / "aidlod.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _run(store: ox.Store, query: str) -> list[dict[str, str]]:
    return read_csv(store.query(query).serialize(format=ox.QueryResultsFormat.CSV))


def _example(name: str, data: str = "seed") -> str:
    return next(e for e in examples(data=data) if e.name == name).text


UNDP = '<narrative xml:lang="{lang}">United Nations Development Programme</narrative>'


def _undp(ident: str, lang: str, title: str, funder: str, sector: str) -> str:
    undp = UNDP.format(lang=lang)
    return (f'<iati-activity default-currency="USD" hierarchy="2" humanitarian="0" xml:lang="{lang}"><iati-identifier>'
            f'{ident}</iati-identifier><reporting-org ref="XM-DAC-41114" type="40">{undp}</reporting-org><title>'
            f'<narrative xml:lang="{lang}">{title}</narrative></title>{funder}<participating-org ref="XM-DAC-41114" '
            f'role="4" type="40">{undp}</participating-org><activity-status code="2"></activity-status>'
            '<activity-date iso-date="2020-11-30" type="2"></activity-date><recipient-country code="CU" '
            f'percentage="100"></recipient-country><sector code="{sector}" percentage="100" vocabulary="1"></sector>'
            '<budget status="2" type="2"><period-start iso-date="2021-01-01"></period-start><period-end '
            'iso-date="2021-12-31"></period-end><value currency="USD" value-date="2021-04-30">240372</value></budget>'
            '</iati-activity>')


# Cut down from UNDP's activities XM-DAC-41114-OUTPUT-00120932 (Cuba, all in Spanish: xml:lang="ES", its
# funder "GOVERNMENT OF RUSSIAN FEDERATION" named in Spanish) and XM-DAC-41114-OUTPUT-00120926 (Cape Verde,
# in English) (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_100.xml at
# 27495286329b47911637e7396f4212f439a4d106). The README's "projects by organisation and IATI role" and
# queries/projects-by-sector.rq kept English titles and names only (FILTER(lang(...) = "en")): the Cuban
# activity, its funder and its sector 74020 were in no row, as if UNDP had no such project.
def test_projects_titled_in_another_language_only_are_in_the_example_queries(tmp_path: Path) -> None:
    russia = ('<participating-org ref="00206" role="1" type="10"><narrative xml:lang="ES">GOVERNMENT OF RUSSIAN '
              'FEDERATION</narrative></participating-org>')
    own = f'<participating-org ref="XM-DAC-41114" role="1">{UNDP.format(lang="EN")}</participating-org>'
    store = _dump(tmp_path,
                  _undp("XM-DAC-41114-OUTPUT-00120932", "ES", "Empleo Autoabastecimiento covi", russia, "74020"),
                  _undp("XM-DAC-41114-OUTPUT-00120926", "EN", "COVID-19 - INTEGRATED RESPONSE", own, "16050"))
    roles = {(r["organisation"], r["role"], r["project"])
             for r in _run(store, _example("projects-by-organisation-and-role"))}
    assert roles == {
        ("GOVERNMENT OF RUSSIAN FEDERATION", "Funding", "Empleo Autoabastecimiento covi"),
        ("United Nations Development Programme", "Implementing", "Empleo Autoabastecimiento covi"),
        ("United Nations Development Programme", "Funding", "COVID-19 - INTEGRATED RESPONSE"),
        ("United Nations Development Programme", "Implementing", "COVID-19 - INTEGRATED RESPONSE")}
    sectors = [(r["code"], r["project"], r["percentage"]) for r in _run(store, _example("projects-by-sector"))]
    assert sectors == [("16050", "COVID-19 - INTEGRATED RESPONSE", "100"),
                       ("74020", "Empleo Autoabastecimiento covi", "100")]
    # the README's copy is the example's
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    query = _example("projects-by-organisation-and-role")
    assert query[query.index("SELECT"):] in readme
