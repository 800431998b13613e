"""indicator_periods.csv: the descriptions real publishers give their results and indicators; each case is
cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _rows  # the same helpers as the import quirks tests

GAC_EXPECTED = ("The expected outcomes for this project include: (1) improved provision of gender-responsive, "
                "inclusive and accountable essential nutrition services by health care providers for diverse groups "
                "of women and children rights-holders in Kenya; and (2) increased equitable use of maternal, newborn "
                "and child health and nutrition services by diverse groups of women and children rights-holders in "
                "Kenya.")
# Global Affairs Canada's activity CA-3-P001044002, cut down (d-portal's download, OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_7.xml at 27495286329b47911637e7396f4212f439a4d106); the French description cut to its start.
GAC_KENYA = (
    '<iati-activity default-currency="CAD" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
    'CA-3-P001044002</iati-identifier><reporting-org ref="CA-3" type="10"><narrative xml:lang="EN">Foreign Affairs, '
    'Trade and Development Canada (DFATD)</narrative></reporting-org><title><narrative xml:lang="EN">Every Child '
    'Thrives - Response to Coronavirus (COVID-19)</narrative></title><description type="1"><narrative '
    'xml:lang="EN">This project aims to ensure that marginalized and vulnerable groups in Kenya, particularly children '
    'under the age of five, have the resources to access nutrition and health services during the COVID-19 pandemic.'
    '</narrative></description><participating-org ref="CA" role="1" type="10"><narrative xml:lang="EN">Canada'
    '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
    'iso-date="2021-03-12" type="2"></activity-date><recipient-country code="KE" percentage="100">'
    '</recipient-country><sector code="12264" percentage="100" vocabulary="1"></sector><transaction>'
    '<transaction-type code="2"></transaction-type><transaction-date iso-date="2021-03-12"></transaction-date><value '
    'currency="CAD" value-date="2021-03-12">1000000</value></transaction><result type="2"><title><narrative '
    'xml:lang="EN">Expected Results</narrative><narrative xml:lang="FR">Résultats escomptés</narrative></title>'
    '<indicator measure="5"><title><narrative xml:lang="EN">Results expected</narrative><narrative xml:lang="FR">'
    'Résultats escomptés</narrative></title><description><narrative xml:lang="FR">Les résultats escomptés de ce '
    f'projet comprennent : ...</narrative><narrative xml:lang="EN">{GAC_EXPECTED}</narrative></description>'
    '</indicator></result></iati-activity>')
# The European Commission's (DG NEAR) activity XI-IATI-EC_NEAR-2016/37889/7, cut down (d-portal's download,
# saved_data/dportal_89.xml at the same commit): its first result.
EC_BOSNIA = (
    '<iati-activity default-currency="EUR" hierarchy="1" humanitarian="0" xml:lang="EN"><iati-identifier>'
    'XI-IATI-EC_NEAR-2016/37889/7</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" secondary-reporter="0" '
    'type="15"><narrative xml:lang="EN">European Commission - DG Neighbourhood and Enlargement Negotiations'
    '</narrative></reporting-org><title><narrative xml:lang="EN">Local Development Strategies</narrative></title>'
    '<description type="1"><narrative xml:lang="EN">Country Action Programme for Bosnia and Herzegovina 2016 - '
    'Objective 2: Support for economic, economic, social and territorial development and related progressive '
    'alignment with the Union acquis</narrative></description><participating-org '
    'activity-id="XI-IATI-EC_NEAR-2016/37889/7" ref="XI-IATI-EC_NEAR" role="1" type="15"><narrative xml:lang="EN">'
    'European Commission - Directorate-General for Neighbourhood and Enlargement Negotiations (NEAR)</narrative>'
    '</participating-org><activity-status code="2"></activity-status><activity-date iso-date="2017-12-31" type="2">'
    '</activity-date><recipient-country code="BA" percentage="100"></recipient-country><sector code="25010" '
    'percentage="100" vocabulary="1"></sector><transaction humanitarian="0" ref="XI-IATI-EC_NEAR-2016/37889/7/0">'
    '<transaction-type code="2"></transaction-type><transaction-date iso-date="2016-12-16"></transaction-date><value '
    'currency="EUR" value-date="2021-05-25">15000000</value></transaction><result aggregation-status="0" type="1">'
    '<title><narrative xml:lang="EN">SME support services</narrative></title><description><narrative xml:lang="EN">'
    'Business development services by the government</narrative></description><indicator ascending="1" '
    'measure="1"><title><narrative xml:lang="EN">SME support services</narrative></title><description><narrative '
    'xml:lang="EN">Business development services by the government</narrative></description><period><period-start '
    'iso-date="2018-04-01"></period-start><period-end iso-date="2050-12-31"></period-end><target value="1.9">'
    '</target><actual value="0"></actual></period></indicator></result></iati-activity>')


# Global Affairs Canada's CA-3-P001044002 (above) states the outcomes it expects of its COVID-19 nutrition
# project in Kenya in the description of its one indicator, a qualitative one (measure 5) without baseline or
# period: indicator_periods.csv had the indicator's title ("Results expected") and nothing of what it expects. The
# European Commission's XI-IATI-EC_NEAR-2016/37889/7 describes its result and its indicator. indicator_periods.csv
# ends with result_description and indicator_description (the older columns keep their places), in the dataset's
# default language, else another; empty when the source states none (Canada's result has none).
def test_results_and_indicators_descriptions_are_in_indicator_periods_csv(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(GAC_KENYA, EC_BOSNIA))
    site = tmp_path / "site"
    build(data, site)
    rows = _rows(site, "indicator_periods")
    assert [(r["indicator_title"], r["measure_code"], r["target"], r["result_description"], r["indicator_description"])
            for r in rows] == [
        ("Results expected", "5", "", "", GAC_EXPECTED),
        ("SME support services", "1", "1.9", "Business development services by the government",
         "Business development services by the government")]
    assert list(rows[0])[-3:-1] == ["result_description", "indicator_description"]  # then baseline_date
