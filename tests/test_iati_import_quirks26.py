"""IATI import, pages and tables of what real publishers' files state (continued from
test_iati_import_quirks24.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


def _loan(ident: str, default_currency: str, status_currency: str) -> str:
    """IATI's example activity cut down to its crs-add: its loan-terms and loan-status."""
    currency = f' currency="{status_currency}"' if status_currency else ""
    return (f'<iati-activity xml:lang="en" default-currency="{default_currency}" hierarchy="1"><iati-identifier>'
            f'{ident}</iati-identifier><reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0">'
            '<narrative>Organisation name</narrative></reporting-org><title><narrative>Activity title</narrative>'
            '</title><description type="1"><narrative>General activity description text.</narrative></description>'
            '<participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>Name of Agency B</narrative>'
            '</participating-org><activity-status code="2" /><activity-date iso-date="2012-04-15" type="1"/>'
            '<recipient-country code="AF" percentage="100" /><sector vocabulary="2" code="111" percentage="100" />'
            '<crs-add><other-flags code="1" significance="1" /><loan-terms rate-1="4" rate-2="3"><repayment-type '
            'code="1" /><repayment-plan code="4" /><commitment-date iso-date="2013-09-01"/><repayment-first-date '
            'iso-date="2014-01-01" /><repayment-final-date iso-date="2020-12-31" /></loan-terms><loan-status '
            f'year="2014"{currency} value-date="2013-05-24"><interest-received>200000</interest-received>'
            '<principal-outstanding>1500000</principal-outstanding><principal-arrears>0</principal-arrears>'
            '<interest-arrears>0</interest-arrears></loan-status><channel-code>21039</channel-code></crs-add>'
            '</iati-activity>')


# No real publisher's file with a <loan-terms> or <loan-status> is stored (find_string found IATI's
# examples alone): cut down from IATI's example activity AA-AAA-123456789-ABC123 (IATI/IATI-Extra-
# Documentation en/activity-standard/activity-standard-example-annotated.xml at
# 6f9717a8e251d15c5963f4a7cee60a0ffd243a06). Its loan-status of currency GBP, in an activity of
# default-currency USD, read "Interest received 200,000", "Principal outstanding 1,500,000": in no
# currency (GBP only on a line of its own, and a loan-status that states none is in the activity's
# default-currency, which the part did not say); its loan-terms' rate-1 and rate-2, percentages, read
# "Interest rate 4", "Second interest rate 3".
def test_a_loans_figures_are_shown_in_their_currency_and_its_rates_in_percent(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(_loan("AA-AAA-123456789-ABC123", "USD", "GBP"),
                                           _loan("AA-AAA-123456789-ABC124", "EUR", "")))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "abc123.en.html")
    assert "Interest received GBP 200,000" in page
    assert "Principal outstanding GBP 1,500,000" in page
    assert "Interest arrears GBP 0" in page
    assert "Interest rate 4%" in page and "Second interest rate 3%" in page
    assert "Year 2014" in page  # a year, not an amount
    # a loan-status that states no currency is in the activity's default-currency
    defaulted = _page_text(tmp_path / "site" / "project" / "abc124.en.html")
    assert "Interest received EUR 200,000" in defaulted
    assert "Principal outstanding EUR 1,500,000" in defaulted


# Cut down from Internews Europe's activity GB-CHC-1148404-4104-1_CS-HR-NMFA as AidStream exports it
# (younginnovations/aidstream tests/app/xmlImporter/xml/V202.xml at db0b4452ae1cccedd36149af6106524f196dd9e4):
# its DAC policy marker 3 (Participatory Development/Good Governance) of significance 1 carries the
# narratives "policy marker text" and "policy marker text II", which IATI allows for the reporting
# organisation's own vocabulary (99) alone. The page read "Policy marker: policy marker text ·
# significant objective": which marker the activity states was said only in the parts further down.
def test_a_dac_policy_marker_with_a_narrative_is_named_by_its_code(tmp_path: Path) -> None:
    activity = ('<iati-activity last-updated-datetime="2016-09-30T16:48:19+00:00" xml:lang="en" default-currency='
                '"GBP" humanitarian="0" hierarchy="1" linked-data-uri=""><reporting-org type="21" ref="GB-CHC-1148404">'
                '<narrative xml:lang="en">Internews Europe</narrative></reporting-org><iati-identifier>GB-CHC-1148404-'
                '4104-1_CS-HR-NMFA</iati-identifier><title><narrative xml:lang="">Test Title 1</narrative></title>'
                '<description type="1"><narrative xml:lang="en">Description of type 1</narrative></description>'
                '<participating-org ref="GB-CHC-1148404" type="21" role="2" activity-id="4104-1_CS-HR-NMFA"><narrative '
                'xml:lang="en">Internews Europe</narrative></participating-org><activity-status code="2"/>'
                '<activity-date type="2" iso-date="2016-08-22"/><recipient-country code="NP" percentage="100"/>'
                '<policy-marker vocabulary="1" vocabulary-uri="http://www.google.com" code="3" significance="1">'
                '<narrative>policy marker text</narrative><narrative xml:lang="en">policy marker text II</narrative>'
                '</policy-marker><policy-marker vocabulary="1" code="3"/><conditions attached="0"/></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity, root='version="2.02"'))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "4104-1-cs-hr-nmfa.en.html")
    # the code's name, the narrative beside it, and how significant it is
    assert ("Policy marker: 3 – Participatory Development/Good Governance · policy marker text · significant "
            "objective") in page
    assert "Policy marker: policy marker text" not in page


# No real publisher's file with a policy marker of the reporting organisation's own vocabulary is stored
# (find_string found IATI's examples alone): cut down from IATI's example activity AA-AAA-123456789-ABC123
# (IATI/IATI-Extra-Documentation en/activity-standard/activity-standard-example-annotated.xml at
# 6f9717a8e251d15c5963f4a7cee60a0ffd243a06). Its marker <policy-marker vocabulary="99" code="A1"
# significance="3"> read "Policy marker: Reporting Organisation · A1": that it is a principal objective
# was said only in the parts further down, as it is beside the DAC markers' codes.
def test_a_policy_marker_of_an_own_vocabulary_says_its_significance(tmp_path: Path) -> None:
    activity = ('<iati-activity xml:lang="en" default-currency="USD" hierarchy="1"><iati-identifier>AA-AAA-123456789-'
                'ABC123</iati-identifier><reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0">'
                '<narrative>Organisation name</narrative></reporting-org><title><narrative>Activity title</narrative>'
                '</title><description type="1"><narrative>General activity description text.</narrative></description>'
                '<participating-org ref="BB-BBB-123456789" role="1" type="40"><narrative>Name of Agency B</narrative>'
                '</participating-org><activity-status code="2" /><activity-date iso-date="2012-04-15" type="1"/>'
                '<recipient-country code="AF" percentage="100" /><policy-marker vocabulary="1" code="2" '
                'significance="3" /><policy-marker vocabulary="1" code="9" significance="4" /><policy-marker '
                'vocabulary="99" vocabulary-uri="http://example.com/vocab.html" code="A1" significance="3" />'
                '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "abc123.en.html")
    assert ("Policy marker: Reporting Organisation · A1 · principal objective AND in support of an action "
            "programme") in page
    assert "Policy marker: 2 – Aid to Environment · principal objective AND in support of an action programme" in page


# Cut down from the EC NEAR's activity XI-IATI-EC_NEAR-2020/415-893 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_91.xml at 27495286329b47911637e7396f4212f439a4d106): it names each of its twelve
# DAC policy markers by the list's name, "Disaster Risk Reduction (DRR)" for code 10, which the DAC list
# writes "Disaster Risk Reduction(DRR)". A narrative that is not a name of its code now has the code's name
# beside it (AidStream's "policy marker text", above): this one read "10 – Disaster Risk Reduction(DRR) ·
# Disaster Risk Reduction (DRR)", the one name twice. Names that differ only in their spaces are one name.
def test_a_policy_marker_named_as_its_code_is_named_once(tmp_path: Path) -> None:
    def marker(code: str, name: str) -> str:
        return (f'<policy-marker code="{code}" significance="0" vocabulary="1"><narrative xml:lang="EN">{name}'
                '</narrative></policy-marker>')
    activity = ('<iati-activity default-currency="EUR" hierarchy="2" humanitarian="0" xml:lang="EN"><iati-identifier>'
                'XI-IATI-EC_NEAR-2020/415-893</iati-identifier><reporting-org ref="XI-IATI-EC_NEAR" '
                'secondary-reporter="0" type="15"><narrative xml:lang="EN">European Commission - DG Neighbourhood and '
                'Enlargement Negotiations</narrative></reporting-org><title><narrative xml:lang="EN">Exceptional '
                'Humanitarian Assistance to Affected Kids and their Families in Lori as a Response to Coronavirus '
                'Economic and Social Crisis in Armenia</narrative></title><description type="1"><narrative '
                'xml:lang="EN">The action will directly address the aim of and will help alleviate the economic, '
                'social, health and educational hardship caused by the coronavirus pandemic in Armenia.</narrative>'
                '</description><participating-org ref="XI-IATI-EC_NEAR" role="1" type="15"><narrative xml:lang="EN">'
                'European Commission - Directorate-General for Neighbourhood and Enlargement Negotiations (NEAR)'
                '</narrative></participating-org><activity-status code="3"></activity-status><activity-date '
                'iso-date="2020-04-22" type="2"></activity-date><recipient-country code="AM" percentage="100">'
                '<narrative xml:lang="EN">Armenia</narrative></recipient-country><sector code="72040" percentage="100" '
                'vocabulary="1"><narrative xml:lang="EN">Emergency food assistance</narrative></sector>'
                + marker("2", "Aid to Environment") + marker("10", "Disaster Risk Reduction (DRR)")
                + '</iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "2020-415-893.en.html")
    assert "Policy marker: Disaster Risk Reduction (DRR) · not targeted" in page
    assert "Policy marker: Aid to Environment · not targeted" in page
    assert "Reduction(DRR) · Disaster" not in page
