"""IATI import, pages and the quality page of what real publishers' files state (continued from
test_iati_import_quirks16.py): each case is cut down from a published file, named in the test."""

from __future__ import annotations

from pathlib import Path

from aidlod.build import build
from test_iati_import_quirks import _file, _import, _page_text  # the same helpers as the first file


# Cut down from the Netherlands Enterprise Agency's activity NL-KVK-27378529-DSS220CM02 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_30.xml at 27495286329b47911637e7396f4212f439a4d106):
# its one sector is SDG goal 6 (vocabulary 7) of 1 %. The 2.03 standard asks the percentages of each
# sector vocabulary to add up to 100; the quality page checked only vocabularies 1, 2 and 99, and said
# nothing of the 1 % (a share of 1 % of nothing else).
def test_sector_percentages_of_every_vocabulary_are_checked_to_add_up_to_100(tmp_path: Path) -> None:
    def activity(ident: str, sectors: str) -> str:
        return ('<iati-activity default-currency="EUR" hierarchy="2" xml:lang="EN"><iati-identifier>'
                f'{ident}</iati-identifier><reporting-org ref="NL-KVK-27378529" secondary-reporter="0" type="10">'
                '<narrative xml:lang="EN">Netherlands Enterprise Agency</narrative></reporting-org><title><narrative '
                'xml:lang="EN">WASH Officer UNHCR Cameroon (DSS220CM02)</narrative></title><description type="1">'
                '<narrative xml:lang="EN">WASH Officer Cameroon UNHCR - supporting the UNHCR Country Operation to '
                'coordinate the provision of WASH services.</narrative></description><participating-org '
                'ref="NL-KVK-27378529" role="1" type="10"><narrative xml:lang="EN">Netherlands Enterprise Agency'
                '</narrative></participating-org><activity-status code="3"></activity-status><activity-date '
                'iso-date="2020-09-07" type="2"></activity-date><recipient-country code="CM" percentage="100">'
                f'</recipient-country>{sectors}<transaction><transaction-type code="2"></transaction-type>'
                '<transaction-date iso-date="2020-09-15"></transaction-date><value currency="EUR" '
                'value-date="2020-09-15">38383.25</value></transaction></iati-activity>')

    data, _lines = _import(tmp_path, _file(
        activity("NL-KVK-27378529-DSS220CM02", '<sector code="6" percentage="1" vocabulary="7"></sector>'),
        # two goals of 50 % add up; a vocabulary whose sectors state no share is not summed
        activity("NL-KVK-27378529-DSS220CM03", '<sector code="6" percentage="50" vocabulary="7"></sector>'
                 '<sector code="3" percentage="50" vocabulary="7"></sector><sector code="6.1" vocabulary="8">'
                 '</sector>')))
    build(data, tmp_path / "site")
    quality = _page_text(tmp_path / "site" / "quality.en.html")
    assert "sector percentages of the SDG Goal vocabulary (7) add up to 100" in quality
    assert 'NL-KVK-27378529-DSS220CM02 : the percentages of sector vocabulary="7" add up to 1, not 100' in quality
    assert "NL-KVK-27378529-DSS220CM03 :" not in quality


# Cut down from FCDO's activity GB-GOV-1-FDEAC19-MK-FY20/21 (d-portal's download, OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_27.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1): its <crs-add> states
# one <channel-code>20000</channel-code> (an NGO channel). The page's statements listed "CRS additional
# data" alone, which says nothing; the channel was named only on the part's own lines further down.
def test_crs_data_of_a_channel_code_alone_is_shown_with_the_channel(tmp_path: Path) -> None:
    activity = ('<iati-activity default-currency="GBP" hierarchy="1" xml:lang="EN"><iati-identifier>GB-GOV-1-'
                'FDEAC19-MK-FY20-21</iati-identifier><reporting-org ref="GB-GOV-1" type="10"><narrative '
                'xml:lang="EN">UK - Foreign, Commonwealth and Development Office</narrative></reporting-org><title>'
                '<narrative xml:lang="EN">COVID-19 related Frontline Diplomatic Enabling Activity in North Macedonia'
                '</narrative></title><description type="1"><narrative xml:lang="EN">Assistance in line with UK '
                'objectives on diplomatic activity in North Macedonia.</narrative></description><participating-org '
                'ref="GB-GOV-1" role="1"><narrative xml:lang="EN">UK - Foreign, Commonwealth and Development Office'
                '</narrative></participating-org><activity-status code="2"></activity-status><activity-date '
                'iso-date="2020-07-31" type="2"></activity-date><recipient-country code="MK" percentage="100">'
                '</recipient-country><sector code="43010" percentage="100" vocabulary="1"></sector><transaction>'
                '<transaction-type code="4"></transaction-type><transaction-date iso-date="2020-09-30">'
                '</transaction-date><value currency="GBP" value-date="2020-09-30">-836.75</value></transaction>'
                '<crs-add><channel-code>20000</channel-code></crs-add></iati-activity>')
    data, _lines = _import(tmp_path, _file(activity))
    build(data, tmp_path / "site")
    page = _page_text(tmp_path / "site" / "project" / "fdeac19-mk-fy20-21.en.html")
    assert ("CRS additional data CRS additional data: channel code: 20000 – Non-Governmental Organisation (NGO) "
            "and Civil Society") in page
