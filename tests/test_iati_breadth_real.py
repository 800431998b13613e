"""The breadth of the IATI 2.03 activity standard as real publishers' files use it: elements and
attributes rarely seen (other-identifier types and owner-org, tags of SDG vocabularies, humanitarian
scopes, sectors of vocabularies 2, 8, 10, 98 and 99 with vocabulary-uri, policy-marker significance 4,
contact-info with every sub-element, planned disbursements with their provider, transactions with their
own sectors, countries, disbursement channel, flow, finance and aid type, result and indicator document
links and references, several activity-dates of a type with narratives), each cut down from a published
file named above it. Every element, attribute and value of each file is in the site's IATI export again
or named by a line of the import's report (``iati_coverage.uncovered``), and the tables and pages state
the facts checked by hand when this was written. Nothing was found lost; the test keeps it so."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from aidlod.build import build
from aidlod.iati.importer import import_iati
from iati_coverage import compare, uncovered
from test_iati_import_quirks import CC_BY, _file, _page_text

# The European Commission's (DG INTPA) technical assistance in Liberia, as the codeforIATI Datastore serves it
# (iati-data-access/iati-flattener iatiflattener/tests/fixtures/ec-intpa-activity.xml at
# c8f0c0bc6fbd16a3c11e32b6a4b885ea64f0cfdd; its description cut after the first sentence, 2 of its 6 transactions, 3
# of its 12 policy markers, 2 of its 4 planned disbursements): other-identifier A2 and B1, activity-dates with
# narratives, tags of vocabulary 2, planned disbursements whose provider is named by its identifier and whose period
# ends before it starts, a budget of 0 to 2050, capital-spend 0, disbursement-channel, flow, finance and aid type on
# each transaction, a parent related-activity.
EC_INTPA = ('<iati-activity xmlns:iati-extra="https://datastore.codeforiati.org/ns" iati-extra:version="2.03" '
            'last-updated-datetime="2023-09-28T15:31:07Z" xml:lang="en" default-currency="EUR" humanitarian="0" '
            'hierarchy="2"><iati-identifier>XI-IATI-EC_INTPA-2019/405-854</iati-identifier><reporting-org '
            'ref="XI-IATI-EC_INTPA" type="15" secondary-reporter="0"><narrative>European Commission - International '
            'Partnerships</narrative></reporting-org><title><narrative>Long Term Technical Assistance for the '
            'implementation of the Voluntary Partnership Agreement (VPA) in Liberia</narrative></title><description '
            'type="1"><narrative>The service provider will support the implementation of the FLEGT VPA in '
            'Liberia.</narrative></description><participating-org ref="XI-IATI-EC_INTPA" role="1" type="15" '
            'activity-id="XI-IATI-EC_INTPA-2019/405-854"><narrative>European Commission - Directorate-General for '
            'International Partnerships (INTPA)</narrative></participating-org><participating-org '
            'ref="XT-IATI-EC_INTPA" role="3" type="15" '
            'activity-id="XI-IATI-EC_INTPA-2019/405-854"><narrative>European Development '
            'Fund</narrative></participating-org><participating-org ref="60000" role="2" '
            'activity-id="XI-IATI-EC_INTPA-2019/405-854"><narrative>Private sector '
            'institution</narrative></participating-org><participating-org ref="N/A" role="4" type="15" '
            'activity-id="XI-IATI-EC_INTPA-2019/405-854"><narrative>EC_INTPA</narrative></participating-org><other-i'
            'dentifier ref="2018000130001" type="A2"/><other-identifier ref="XI-IATI-EC_DEVCO" '
            'type="B1"/><activity-status code="2"/><activity-date iso-date="2019-03-19" type="1"><narrative>Planned '
            'Start: 19-MAR-19</narrative></activity-date><activity-date iso-date="2019-03-19" '
            'type="2"><narrative>Actual Start: 19-MAR-19</narrative></activity-date><activity-date '
            'iso-date="2022-06-30" type="3"><narrative>Planned End: '
            '30-JUN-22</narrative></activity-date><contact-info type="1"><organisation><narrative>Delegation of the '
            'European Union to Liberia</narrative></organisation><department><narrative>Delegation of the European '
            'Union to Liberia</narrative></department><telephone>+231 '
            '77-7757826</telephone><email>DELEGATION-LIBERIA@ec.europa.eu '
            '</email><website>http://eeas.europa.eu/delegations/liberia/index_en.htm</website></contact-info><activi'
            'ty-scope code="1"/><recipient-country code="LR"><narrative>Liberia</narrative></recipient-country><loca'
            'tion><description><narrative>Liberia</narrative></description><point '
            'srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>6.3106 '
            '-10.8048</pos></point></location><sector vocabulary="1" code="31210" '
            'percentage="100"><narrative>Forestry policy and administrative management</narrative></sector><tag '
            'vocabulary="2" code="12"><narrative>SDG 12: Responsible Consumption and '
            'Production</narrative></tag><tag vocabulary="2" code="15"><narrative>SDG 15: Life on '
            'Land</narrative></tag><policy-marker code="1" significance="0" vocabulary="1"><narrative>Gender '
            'Equality</narrative></policy-marker><policy-marker code="2" significance="2" '
            'vocabulary="1"><narrative>Aid to Environment</narrative></policy-marker><policy-marker code="3" '
            'significance="2" vocabulary="1"><narrative>Participatory Development/Good '
            'Governance</narrative></policy-marker><collaboration-type code="1"/><default-flow-type '
            'code="10"/><default-finance-type code="110"/><default-aid-type code="D02"/><budget type="1" '
            'status="2"><period-start iso-date="2019-03-19"/><period-end iso-date="2050-12-31"/><value '
            'currency="EUR" value-date="2023-09-28">0</value></budget><planned-disbursement type="1"><period-start '
            'iso-date="2023-01-01"/><period-end iso-date="2021-02-01"/><value currency="EUR" '
            'value-date="2023-09-28">500000</value><provider-org '
            'provider-activity-id="XI-IATI-EC_INTPA-2019/405-854" '
            'type="15"><narrative>XI-IATI-EC_INTPA</narrative></provider-org></planned-disbursement><planned-disburs'
            'ement type="1"><period-start iso-date="2023-01-01"/><period-end iso-date="2022-08-01"/><value '
            'currency="EUR" value-date="2023-09-28">313561</value><provider-org '
            'provider-activity-id="XI-IATI-EC_INTPA-2019/405-854" '
            'type="15"><narrative>XI-IATI-EC_INTPA</narrative></provider-org></planned-disbursement><capital-spend '
            'percentage="0"/><transaction ref="XI-IATI-EC_INTPA-2019/405-854/FED/2019/405-854-LONG TERM TECHNICAL '
            'ASSISTANCE FOR THE IMPLEMENTATION OF THE VPA IN LIBERIA - 20% PRE-FINANCING" '
            'humanitarian="0"><transaction-type code="4"/><transaction-date iso-date="2019-06-19"/><value '
            'currency="EUR" value-date="2023-09-28">646207</value><provider-org ref="XI-IATI-EC_INTPA" '
            'provider-activity-id="XI-IATI-EC_INTPA-2019/405-854" type="15"/><receiver-org><narrative '
            'xml:lang="en">Dai Global Belgium</narrative></receiver-org><disbursement-channel code="2"/><flow-type '
            'code="10"/><finance-type code="110"/><aid-type code="D02"/></transaction><transaction '
            'ref="XI-IATI-EC_INTPA-2019/405-854/FED/2019/405-854-LONG TERM TECHNICAL ASSISTANCE FOR THE '
            'IMPLEMENTATION OF THE VPA - FIRST INTERIM PAYMENT" humanitarian="0"><transaction-type '
            'code="4"/><transaction-date iso-date="2019-12-20"/><value currency="EUR" '
            'value-date="2023-09-28">376220.27</value><provider-org ref="XI-IATI-EC_INTPA" '
            'provider-activity-id="XI-IATI-EC_INTPA-2019/405-854" type="15"/><receiver-org><narrative '
            'xml:lang="en">Dai Global Belgium</narrative></receiver-org><disbursement-channel code="2"/><flow-type '
            'code="10"/><finance-type code="110"/><aid-type code="D02"/></transaction><document-link '
            'url="https://webgate.ec.europa.eu/europeaid/online-services/index.cfm?do=publi.welcome&amp;nbPubliList='
            '15&amp;orderby=upd&amp;orderbyad=Desc&amp;searchtype=RS&amp;aofr=139731" '
            'format="application/pdf"><title><narrative>Long Term Technical Assistance for the implementation of '
            'the Voluntary Partnership Agreement (VPA) in Liberia</narrative></title><category '
            'code="A10"/><language code="en"/></document-link><related-activity ref="XI-IATI-EC_INTPA-2018/40656/0" '
            'type="1"/><conditions attached="0"/></iati-activity>')

# USAID's food assistance in Algeria, as the codeforIATI Datastore serves it (iati-data-access/iati-flattener
# iatiflattener/tests/fixtures/usaid-humanitarian-activity.xml at 0cd635c7c0bec85809c7f4bb0c744b96470d955d; 2 of its 4
# participating organisations, 2 of its 9 transactions without their usg: treasury accounts, none of its usg:
# elements): transactions with their own sectors of vocabularies 1, 99 and 10 (the humanitarian clusters) and
# recipient country, values in the default currency, a contact with an empty person-name and website, conditions
# attached="0".
USAID_FOOD = ('<iati-activity xmlns:usg="https://explorer.usaid.gov" '
              'xmlns:iati-extra="https://datastore.codeforiati.org/ns" iati-extra:version="2.03" '
              'default-currency="USD" hierarchy="1" last-updated-datetime="2023-01-23T21:57:41.962Z" '
              'xml:lang="en"><iati-identifier>US-GOV-1-72DFFP19IO00066</iati-identifier><reporting-org '
              'ref="US-GOV-1" type="10"><narrative>U.S. Agency for International '
              'Development</narrative></reporting-org><title><narrative xml:lang="en">Food Assistance '
              'Activity</narrative></title><description><narrative xml:lang="en">Food Assistance '
              'Activity</narrative></description><participating-org ref="US-GOV-1" role="1" '
              'type="10"><narrative>U.S. Agency for International '
              'Development</narrative></participating-org><participating-org ref="XM-DAC-41140" role="4" '
              'type="40"><narrative>World Food Program</narrative></participating-org><activity-status '
              'code="3"/><activity-date iso-date="2019-06-21" type="1"/><activity-date iso-date="2019-06-21" '
              'type="2"/><activity-date iso-date="2021-03-31" type="3"/><activity-date iso-date="2021-03-31" '
              'type="4"/><contact-info type="1"><organisation><narrative>U.S. Agency for International '
              'Development</narrative></organisation><person-name><narrative/></person-name><telephone>+1 (202) 712 '
              '4810</telephone><email>aidtransparency@usaid.gov</email><website/><mailing-address><narrative>1300 '
              'Pennsylvania Ave NW, Washington DC 20004</narrative></mailing-address></contact-info><activity-scope '
              'code="4"/><collaboration-type code="1"/><default-flow-type code="10"/><default-finance-type '
              'code="110"/><default-aid-type code="C01"/><default-tied-status code="5"/><transaction '
              'ref="34524EEDDA49" humanitarian="1"><transaction-type code="2"/><transaction-date '
              'iso-date="2019-06-30"/><value value-date="2019-06-30">2000000.00</value><disbursement-channel '
              'code="2"/><sector code="72040" vocabulary="1"><narrative>Emergency food '
              'assistance</narrative></sector><sector code="7001" vocabulary="99"><narrative>Protection, Assistance '
              'and Solutions</narrative></sector><sector code="6" vocabulary="10"/><recipient-country '
              'code="DZ"/></transaction><transaction ref="6C3A9A93A8C5" humanitarian="1"><transaction-type '
              'code="3"/><transaction-date iso-date="2019-08-31"/><value '
              'value-date="2019-08-31">122065.00</value><disbursement-channel code="2"/><sector code="72040" '
              'vocabulary="1"><narrative>Emergency food assistance</narrative></sector><sector code="7001" '
              'vocabulary="99"><narrative>Protection, Assistance and Solutions</narrative></sector><sector code="6" '
              'vocabulary="10"/><recipient-country code="DZ"/></transaction><conditions '
              'attached="0"/></iati-activity>')

# The World Bank's programme in Jordan, as d-portal serves it (the same repository's
# iatiflattener/tests/fixtures/worldbank-activity.xml at d071b3e832a4ffb8438587e4ba98738c891b5b29; one of its sectors
# of each vocabulary, 2 of its monthly budgets): xml:lang on titles, descriptions and sectors, sectors of vocabularies
# 98 and 99 with vocabulary-uri, humanitarian-scope of vocabularies 1-2 and 2-1, a location with a GeoNames
# location-id, exactness and class, a contact with two emails, four activity-dates with narratives.
WORLD_BANK_JORDAN = ('<iati-activity xmlns:dstore="http://d-portal.org/xmlns/dstore" '
                     'xmlns:iati-activities="http://d-portal.org/xmlns/iati-activities" default-currency="USD" '
                     'dstore:dataset="worldbank-jo" dstore:index="19" hierarchy="1" iati-activities:version="2.03" '
                     'xml:lang="EN"><iati-identifier>44000-P175662</iati-identifier><reporting-org ref="44000" '
                     'type="40"><narrative xml:lang="EN">World Bank</narrative></reporting-org><title '
                     'xml:lang="EN"><narrative xml:lang="EN">Jordan Inclusive, Transparent and Climate Responsive '
                     'Investments Program For Results</narrative></title><description type="1" '
                     'xml:lang="EN"><narrative xml:lang="EN">Improve accountability to foster climate responsive '
                     'investments and growth, where:•\tinvestment is defined as public and private '
                     'investment•\tclimate responsive investments refer to public sector and private sector '
                     "opportunities in Jordan's NDC and measured by the MRV System •\taccountability rests on a "
                     'framework of enhanced transparency and feedback loops that inform investment and policy '
                     'decisions</narrative></description><participating-org role="2" xml:lang="EN"><narrative '
                     'xml:lang="EN">Hashemite Kingdom of Jordan</narrative></participating-org><participating-org '
                     'ref="44001" role="1" type="40" xml:lang="EN"><narrative xml:lang="EN">International Bank for '
                     'Reconstruction and Development</narrative></participating-org><participating-org ref="44001" '
                     'role="3" type="40" xml:lang="EN"><narrative xml:lang="EN">International Bank for '
                     'Reconstruction and Development</narrative></participating-org><participating-org role="4" '
                     'xml:lang="EN"><narrative xml:lang="EN">Ministry of Planning and International '
                     'Cooperation</narrative></participating-org><activity-status code="2"/><activity-date '
                     'iso-date="2026-06-30" type="4"><narrative xml:lang="EN">Actual end date of the '
                     'activity</narrative></activity-date><activity-date iso-date="2021-06-10" type="2"><narrative '
                     'xml:lang="EN">Actual start date of the activity</narrative></activity-date><activity-date '
                     'iso-date="2026-06-30" type="3"><narrative xml:lang="EN">Planned end date of the '
                     'activity</narrative></activity-date><activity-date iso-date="2021-06-10" type="1"><narrative '
                     'xml:lang="EN">Planned start date of the activity</narrative></activity-date><contact-info '
                     'type="1"><organisation><narrative xml:lang="EN">The World '
                     'Bank</narrative></organisation><person-name><narrative xml:lang="EN">Roland '
                     'Lomme</narrative></person-name><telephone>+1-202-473-1000</telephone><email>pic@worldbank.org<'
                     '/email><email>rlomme@worldbank.org</email><mailing-address><narrative xml:lang="EN">The World '
                     'Bank, 1818 H Street, NW, Washington, DC 20433 '
                     'USA</narrative></mailing-address></contact-info><recipient-country code="JO" '
                     'percentage="100"><narrative xml:lang="EN">JORDAN</narrative></recipient-country><location><loc'
                     'ation-reach code="1"/><location-id code="250441" vocabulary="G1"/><name><narrative '
                     'xml:lang="EN">Amman</narrative></name><point '
                     'srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>31.95522 '
                     '35.94503</pos></point><exactness code="2"/><location-class code="2"/></location><sector '
                     'code="000812" percentage="14" vocabulary="98" '
                     'vocabulary-uri="http://pubdocs.worldbank.org/en/275841490966525495/Theme-Taxonomy-and-definiti'
                     'ons.pdf" xml:lang="EN"><narrative xml:lang="EN">Adaptation</narrative></sector><sector '
                     'code="BC" percentage="52" vocabulary="99" '
                     'vocabulary-uri="http://pubdocs.worldbank.org/en/538321490128452070/Sector-Taxonomy-and-definit'
                     'ions.pdf" xml:lang="EN"><narrative xml:lang="EN">Central Government (Central '
                     'Agencies)</narrative></sector><sector code="15119" percentage="46" vocabulary="1" '
                     'xml:lang="EN"/><humanitarian-scope code="EP-2020-000012-001" type="1" '
                     'vocabulary="1-2"/><humanitarian-scope code="HCOVD20" type="2" '
                     'vocabulary="2-1"/><collaboration-type code="2"/><default-aid-type code="C01" vocabulary="1" '
                     'xml:lang="EN"/><default-tied-status code="5"/><budget status="1" type="1"><period-start '
                     'iso-date="2021-04-01"/><period-end iso-date="2021-04-30"/><value currency="USD" '
                     'value-date="2021-04-30">0</value></budget><budget status="1" type="2"><period-start '
                     'iso-date="2021-07-01"/><period-end iso-date="2021-07-31"/><value currency="USD" '
                     'value-date="2021-07-31">10416666.67</value></budget></iati-activity>')

# Global Disability Innovation Hub's AT2030 cluster (AidStream's file; the same repository's
# iatiflattener/tests/fixtures/gdihub-activity.xml at 230980eefb0ab1b76d9ae37d604cb593a0ce2daf; the first activity,
# its description cut, 6 of its 9 participants, 2 of its 3 transactions, 2 of its 3 indicators, 3 of their 6 periods):
# countries and regions sharing 100 %, an SDG-target sector (vocabulary 8), policy marker 11 of significance 4, a
# contact with every sub-element, a receiver stated by a name in @ref, a result's document-link with its
# document-date.
GDI_HUB = ('<iati-activity last-updated-datetime="2022-03-31T11:33:48+00:00" xml:lang="en" default-currency="GBP" '
           'humanitarian="false" hierarchy="1" linked-data-uri=""><iati-identifier>GB-COH-11126312-Cluster1</iati-id'
           'entifier><reporting-org type="90" ref="GB-COH-11126312" secondary-reporter="0"><narrative '
           'xml:lang="en">Global Disability Innovation Hub</narrative></reporting-org><title><narrative '
           'xml:lang="en">AT2030 - Cluster 1: Data and Evidence</narrative></title><description type="1"><narrative '
           'xml:lang="en">Led by GDI Hub, this cluster centres around promoting research, coordinating the AT2030 '
           'and Africa 2020 programme integration, strengthening systems and supporting GATE (WHO) to coordinate '
           'the Global Report on effective access to Assistive Technology. &#13;\n&#13;\nLed by GDI Hub at UCL with '
           'the support of the IIPP, ALL Institute and Leonard Cheshire '
           'Disability.</narrative></description><participating-org ref="GB-CHC-218186" type="21" '
           'role="4"><narrative xml:lang="en">Leonard Cheshire '
           'Disability</narrative></participating-org><participating-org ref="XM-DAC-928" type="40" '
           'role="4"><narrative xml:lang="en">World Health '
           'Organization</narrative></participating-org><participating-org type="80" role="4"><narrative>Maynooth '
           'University</narrative></participating-org><participating-org ref="XM-DAC-41122" type="40" '
           'role="3"><narrative xml:lang="en">United Nations Children\'s Fund '
           '(UNICEF)</narrative></participating-org><participating-org ref="GB-COH-11126312" type="90" '
           'role="4"><narrative xml:lang="en">Global Disability Innovation '
           'Hub</narrative></participating-org><participating-org ref="GB-GOV-3" type="10" role="1"><narrative '
           'xml:lang="en">UK - Foreign &amp; Commonwealth Office</narrative></participating-org><activity-status '
           'code="2"/><activity-date type="2" iso-date="2018-10-01"/><activity-date type="3" '
           'iso-date="2024-08-31"/><contact-info type="1"><organisation><narrative>GDI '
           'Hub</narrative></organisation><department><narrative>AT2030</narrative></department><person-name><narrat'
           'ive>V.Austin</narrative></person-name><job-title><narrative>Project '
           'Director</narrative></job-title><telephone>00442031089916</telephone><email>general.gdihub@ucl.ac.uk</em'
           'ail><website>http://www.disabilityinnovation.com</website></contact-info><recipient-country code="KE" '
           'percentage="10"/><recipient-country code="BD" percentage="10"/><recipient-country code="PH" '
           'percentage="5"/><recipient-country code="IN" percentage="5"/><recipient-country code="CM" '
           'percentage="5"/><recipient-country code="GM" percentage="5"/><recipient-region code="298" '
           'percentage="30" vocabulary="1"/><recipient-region code="998" percentage="30" vocabulary="1"/><sector '
           'code="10.2" percentage="100" vocabulary="8"/><policy-marker vocabulary="1" code="11" '
           'significance="4"/><default-flow-type code="10"/><default-finance-type code="110"/><default-aid-type '
           'code="C01" vocabulary="1"/><default-tied-status code="5"/><budget type="2" status="1"><period-start '
           'iso-date="2021-04-01"/><period-end iso-date="2022-03-31"/><value currency="GBP" '
           'value-date="2021-04-01">202736.20</value></budget><transaction><transaction-type '
           'code="1"/><transaction-date iso-date="2021-04-01"/><value currency="GBP" '
           'value-date="2021-04-01">56826.74</value><description><narrative>Q1 '
           'Drawdown</narrative></description><provider-org ref="GB-GOV-1" provider-activity-id="GB-GOV-1-300815" '
           'type="10"><narrative>UK Foreign, Commonwealth and Development Office (FCDO) '
           '</narrative></provider-org><receiver-org ref="Global Disability Innovation Hub (GDI Hub)" '
           'receiver-activity-id="Global Disability Innovation Hub (GDI Hub)" type="90"/><disbursement-channel '
           'code="2"/><finance-type code="110"/></transaction><transaction><transaction-type '
           'code="1"/><transaction-date iso-date="2022-03-31"/><value currency="GBP" '
           'value-date="2022-03-31">532500.00</value><description><narrative>Y3 '
           'Drawdown</narrative></description><provider-org ref="GB-GOV-1 " provider-activity-id="GB-GOV-1-300815" '
           'type="10"><narrative>UK Foreign, Commonwealth and Development Office (FCDO) '
           '</narrative></provider-org><disbursement-channel code="2"/><finance-type '
           'code="110"/></transaction><result type="1" aggregation-status="1"><title><narrative>Critical Research '
           'Questions are answered and methodologies produced.</narrative></title><document-link '
           'url="https://iati.fcdo.gov.uk/iati_documents/60045579.odt" format="text/html"><title><narrative>Annual '
           'review</narrative></title><category code="A07"/><language code="en"/><document-date '
           'iso-date="2021-03-01"/></document-link><indicator measure="1" '
           'aggregation-status="1"><title><narrative>Number of influencing papers, answering critical research '
           'questions published</narrative></title><baseline year="2019" iso-date="2019-10-01" '
           'value="0"/><period><period-start iso-date="2019-10-01"/><period-end iso-date="2020-03-31"/><target '
           'value="7"/><actual value="13"/></period><period><period-start iso-date="2021-03-31"/><period-end '
           'iso-date="2022-04-01"/><target value="50"/><actual value="60"/></period></indicator><indicator '
           'measure="1" aggregation-status="1"><title><narrative>Number of downloads/views for articles/papers '
           'above. </narrative></title><baseline year="2019" iso-date="2019-10-01" value="0"/><period><period-start '
           'iso-date="2019-10-01"/><period-end iso-date="2020-03-31"/><target value="1400"/><actual '
           'value="1463"/></period></indicator></result></iati-activity>')

# MIFTAH's "We Rise" (IATI Publisher's test exports, younginnovations/iatipublisher
# tests/Unit/TestFiles/BulkPublishTestFiles/xmls/TestFile_13.xml at 46bda214a820e3f6ff09f6a350f3b4bfd3a686c3, the
# identifier as IATI Publisher rewrote it; without its description, 1 of its 5 budgets, 4 of its transactions, the
# first result with its first indicator, the baseline comment cut after its first sentence): linked-data-uri="",
# policy marker significance 4, an indicator reference of vocabulary 99 with indicator-uri, comments on baseline,
# target and actual.
MIFTAH = ('<iati-activity last-updated-datetime="2023-01-31T10:43:37+00:00" xml:lang="en" default-currency="EUR" '
          'humanitarian="1" hierarchy="1" linked-data-uri=""><iati-identifier>NP-IRD-qareg1-13</iati-identifier><rep'
          'orting-org type="22" ref="PS-MOI-QR177HR" secondary-reporter="0"><narrative xml:lang="en">The '
          'Palestinian Initiative for the Promotion of Global Dialogue and '
          'Democracy</narrative></reporting-org><title><narrative xml:lang="en">We '
          'Rise</narrative></title><participating-org ref="XM-DAC-7" type="10" role="1" '
          'activity-id="XM-DAC-7-PPR-4000004356"><narrative xml:lang="en">Netherlands - Ministry of Foreign '
          'Affairs</narrative></participating-org><participating-org ref="NL-KVK-41215393" type="21" role="2" '
          'activity-id="NL-KVK-41215393-PS4018"><narrative xml:lang="en">War Child '
          'Holland</narrative></participating-org><participating-org ref="PS-MOI-QR177HR" type="22" role="4" '
          'activity-id="PS-MOI-QR.177.HR-MIFTAHWarChild2021"><narrative xml:lang="en">The Palestinian Initiative '
          'for the Promotion of Global Dialogue and Democracy</narrative></participating-org><activity-status '
          'code="2"/><activity-date type="1" iso-date="2021-01-01"/><activity-date type="2" '
          'iso-date="2021-01-01"/><activity-date type="3" iso-date="2025-12-31"/><contact-info '
          'type="1"><organisation><narrative>MIFTAH</narrative></organisation><person-name><narrative>Riham</narrati'
          've></person-name><telephone>+970599778123</telephone><email>riham@miftah.org</email><website>http://mifta'
          'h.org</website></contact-info><recipient-country code="PS" percentage="100"/><sector code="15164" '
          'vocabulary="1"/><policy-marker vocabulary="1" code="1" significance="4"/><collaboration-type '
          'code="1"/><default-flow-type code="10"/><default-finance-type code="110"/><default-aid-type code="C01" '
          'vocabulary="1"/><budget type="1" status="2"><period-start iso-date="2021-01-01"/><period-end '
          'iso-date="2021-12-31"/><value currency="EUR" '
          'value-date="2021-12-31">130820</value></budget><transaction><transaction-type '
          'code="1"/><transaction-date iso-date="2021-12-31"/><value currency="EUR" '
          'value-date="2021-12-31">130820</value><provider-org ref="NL-KVK-41215393" '
          'provider-activity-id="NL-KVK-41215393-PS4018" type="21"><narrative>War Child '
          'Holland</narrative></provider-org><receiver-org '
          'receiver-activity-id="PS-MOI-QR.177.HR"><narrative>MIFTAH</narrative></receiver-org></transaction><transa'
          'ction humanitarian="0"><transaction-type code="4"/><transaction-date iso-date="2022-10-12"/><value '
          'currency="USD" value-date="2022-09-30">83014</value><provider-org '
          'type="22"/></transaction><transaction><transaction-type code="4"/><transaction-date '
          'iso-date="2021-12-31"/><value currency="EUR" '
          'value-date="2021-12-31">97947</value><description><narrative>|Year 1 Year 1 '
          'budget</narrative></description></transaction><transaction ref=" Y2-1" '
          'humanitarian="0"><transaction-type code="11"/><transaction-date iso-date="2022-01-01"/><value '
          'currency="EUR" value-date="2022-01-01">71091</value><provider-org ref="NL-KVK-41215393" '
          'provider-activity-id="NL-KVK-41215393-PS4018" type="21"><narrative>War Child- '
          'Holland</narrative></provider-org><receiver-org '
          'receiver-activity-id="PS-MOI-QR.177.HR-MIFTAHWarChild2021" '
          'type="22"><narrative>MIFTAH</narrative></receiver-org></transaction><result type="1" '
          'aggregation-status="0"><title><narrative>Output 2.2: Capacities of Security Forces are enhanced in terms '
          "of human rights principles and gender\n          equality (UNSCR 1325 and CEDAW) to enhance women's "
          'representation in decision making positions in security\n          forces (Y5-2025)\n        '
          '</narrative></title><indicator measure="1" ascending="1" aggregation-status="0"><title><narrative># of '
          'individuals (male) with strengthened capacity (knowledge and skills) to advance women’s rights\n         '
          '   and gender equality\n          </narrative></title><description><narrative>2.2.1 # of individuals '
          'with strengthened capacity (knowledge and skills) to advance women’s rights\n            and gender '
          'equality (disaggregated by type, age and gender)&#13;\n            MFA Basket indicator 5.2.2\n          '
          '</narrative></description><reference vocabulary="99" code="WRG050" '
          'indicator-uri="https://www.helpdesk-opendata-minbuza.nl/indicator-codelist"/><baseline year="2021" '
          'iso-date="2021-01-01" value="0"><comment><narrative>Through partners work and building on earlier '
          'assessments, it was observed that most of the\n              security forces are not aware of the CEDAW '
          'convention.\n            </narrative></comment></baseline><period><period-start '
          'iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><target value="0"><comment><narrative>Not '
          'applicable for this year</narrative></comment></target><actual value="0"><comment><narrative>Not '
          'applicable for this year</narrative></comment></actual></period></indicator></result></iati-activity>')

# The Greater Virunga Transboundary Collaboration's activity (the same repository's TestFile_16.xml at the same
# commit, cut to its participants, other-identifier and 4 of its activity-dates, narratives cut after their first
# sentence): participating-org crs-channel-code, other-identifier B1 with owner-org, several activity-dates of one
# type with narratives, a reporting-org narrative tagged Nepali (xml:lang="ne").
GVTC = ('<iati-activity last-updated-datetime="2024-09-16T06:53:46+00:00" xml:lang="en" default-currency="USD" '
        'humanitarian="1" hierarchy="1"><iati-identifier>NP-IRD-qareg1-16</iati-identifier><reporting-org type="10" '
        'ref="NP-IRD-qareg1" secondary-reporter="1"><narrative xml:lang="ne">report org name '
        '1</narrative></reporting-org><title><narrative xml:lang="en">10</narrative></title><description '
        'type="1"><narrative xml:lang="en">The overall objective of the CGV programme is “Sustainable conservation '
        'of the Greater\n        Virunga Landscape, through transboundary collaboration between the Democratic '
        'Republic of Congo, Rwanda and\n        Uganda”.\n      </narrative></description><participating-org '
        'ref="XI-PB-0000" type="10" role="2" activity-id="XM-DAC-4000004257" crs-channel-code="12000"><narrative '
        'xml:lang="en">In November 2020, the Minister of Foreign Trade and Development Cooperation of the\n        '
        'Kingdom of the Netherlands and the Greater Virunga Transboundary Collaboration (GVTC) formalised a '
        'cooperation\n        arrangement.\n      </narrative></participating-org><participating-org ref="XM-DAC-7" '
        'type="10" role="1" activity-id="XM-DAC-4000004257" crs-channel-code="11000"><narrative xml:lang="en">In '
        'November 2020, the Minister of Foreign Trade and Development Cooperation of the\n        Kingdom of the '
        'Netherlands and the Greater Virunga Transboundary Collaboration (GVTC) formalised a cooperation\n        '
        'arrangement.\n      </narrative></participating-org><participating-org ref="XI-PB-0000" type="10" role="4" '
        'activity-id="XM-DAC-4000004257" crs-channel-code="12000"><narrative xml:lang="en">The three Governments '
        'signed a Transboundary Collaboration Treaty and created an\n        Executive Secretariat to manage day to '
        'day activities of the collaboration to conserve the shared resources\n        within the Greater Virunga '
        'Landscape\n      </narrative></participating-org><other-identifier ref="4000004257" type="B1"><owner-org '
        'ref="4000004257"><narrative xml:lang="en">This is the progressive narrative report for Conserving Greater '
        'Virunga for the period\n          from January to June 2024.&#13;\n          &#13;\n          The overall '
        'objective of the CGV programme is “Sustainable conservation of the Greater Virunga Landscape".\n        '
        '</narrative></owner-org></other-identifier><activity-status code="2"/><activity-date type="2" '
        'iso-date="2020-12-01"><narrative xml:lang="en">As the four-year project is ending in December 2024, GVTC '
        "has prioritised activities this\n        final year to ensure the organisation's sustainability.\n      "
        '</narrative></activity-date><activity-date type="3" iso-date="2024-12-31"><narrative xml:lang="en">This '
        'mid-year report has been prepared to document and demonstrate the progress made in\n        implementing '
        'the planned activities.\n      </narrative></activity-date><activity-date type="2" '
        'iso-date="2024-01-01"><narrative xml:lang="en">Establishing a Monitoring Framework for Climate Change '
        'Effects on the GVL&#13;\n        The Greater Virunga Transboundary Collaboration (GVTC) has partnered with '
        'SarVision to develop a forest\n        monitoring system.\n      '
        '</narrative></activity-date><activity-date type="2" iso-date="2024-03-01"><narrative '
        'xml:lang="en">Participation and Presentation at Key Regional Symposiums and Workshops&#13;\n        In '
        'March 2024, GVTC participated in the African Evaluation Association (AfrEA) conference held in Kigali,\n   '
        '     Rwanda.\n      </narrative></activity-date><recipient-country code="RW" '
        'percentage="100"/></iati-activity>')

# Sida's support to Naturskyddsföreningen in Ukraine, as d-portal serves it (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_35.xml at 27495286329b47911637e7396f4212f439a4d106, its first activity: descriptions cut to their
# first lines, 2 of its tags, 2 of its 11 policy markers, 2 of its 3 transactions, 1 of its 3 documents, the result's
# description cut after its first sentence): sectors of vocabularies 1 and 2 (each 100 %), SDG-target tags (vocabulary
# 3) in English and Swedish, a budget and a planned disbursement without type, a document format in capitals, a result
# without indicator.
SIDA_UKRAINE = ('<iati-activity xmlns:dstore="http://d-portal.org/xmlns/dstore" '
                'xmlns:iati-activities="http://d-portal.org/xmlns/iati-activities" '
                'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'default-currency="USD" dstore:dataset="sida-ua" dstore:index="299" hierarchy="1" humanitarian="0" '
                'iati-activities:generated-datetime="2021-05-04T09:32:22" iati-activities:version="2.03" '
                'last-updated-datetime="2021-05-04T09:32:23" '
                'xml:lang="EN"><iati-identifier>SE-0-SE-6-10027A0101-UKR-41010</iati-identifier><reporting-org '
                'ref="SE-0" secondary-reporter="0" type="10"><narrative '
                'xml:lang="EN">Sweden</narrative></reporting-org><title><narrative xml:lang="EN">COVID-19 '
                'Naturskyddsföreningen framework 2017-2020</narrative><narrative xml:lang="SV">COVID-19 '
                'Naturskyddsföreningen ram 2017-2020 &amp; 2021</narrative></title><description type="1"><narrative '
                'xml:lang="SV">Omprogrammerade medel för att bekämpa covid-19\nOmprogrammerade medel för att lindra '
                'konsekvenserna av covid-19</narrative><narrative xml:lang="EN">Reprogrammed funds to address '
                'COVID-19\nReprogrammed funds to mitigate the impact of '
                'COVID-19</narrative></description><participating-org ref="22000" role="4" type="22"><narrative '
                'xml:lang="EN">Donor country-based NGO</narrative></participating-org><participating-org '
                'ref="22000" role="2"><narrative xml:lang="EN">Naturskyddsföreningen</narrative></participating-org>'
                '<participating-org ref="SE-0" role="1" type="10"><narrative '
                'xml:lang="EN">Sweden</narrative></participating-org><participating-org ref="SE-6" role="3" '
                'type="10"><narrative xml:lang="EN">Swedish International Development Cooperation '
                'Agency</narrative></participating-org><activity-status code="2"/><activity-date '
                'iso-date="2017-01-01" type="2"/><activity-date iso-date="2022-10-31" '
                'type="3"/><contact-info><organisation><narrative xml:lang="EN">Swedish International Development '
                'Cooperation Agency</narrative></organisation><telephone>+46 8 698 50 '
                '00</telephone><email>sida@sida.se</email><website>www.sida.se</website><mailing-address><narrative '
                'xml:lang="EN">Valhallavägen 199, 105 25 Stockholm, '
                'Sweden</narrative></mailing-address></contact-info><recipient-country code="UA" '
                'percentage="100"><narrative xml:lang="EN">Ukraine</narrative></recipient-country><sector '
                'code="41010" percentage="100" vocabulary="1"><narrative xml:lang="EN">Environmental policy and '
                'administrative management</narrative></sector><sector code="410" percentage="100" '
                'vocabulary="2"><narrative xml:lang="EN">General Environment Protection</narrative></sector><tag '
                'code="12.4" vocabulary="3"><narrative xml:lang="EN">12.4 - By 2020, achieve the environmentally '
                'sound management of chemicals and all wastes throughout their life cycle, in accordance with '
                'agreed international frameworks, and significantly reduce their release to air, water and soil in '
                'order to minimize their adverse impacts on human health and the environment.</narrative><narrative '
                'xml:lang="SV">12.4 - Senast 2020 uppnå miljövänlig hantering av kemikalier och alla typer av '
                'avfall under hela deras livscykel, i enlighet med överenskomna internationella ramverket, samt '
                'avsevärt minska utsläppen av dem i luft, vatten och mark i syfte att minimera deras negativa '
                'konsekvenser för människors hälsa och miljön.</narrative></tag><tag code="13.3" '
                'vocabulary="3"><narrative xml:lang="SV">13.3 - Förbättra utbildningen, medvetenheten och den '
                'mänskliga och institutionella kapaciteten vad gäller begränsning av klimatförändringarna, '
                'klimatanpassning, begränsning av klimatförändringarnas konsekvenser samt tidig '
                'varning.</narrative><narrative xml:lang="EN">13.3 - Improve education, awareness-raising and human '
                'and institutional capacity on climate change mitigation, adaptation, impact reduction and early '
                'warning.</narrative></tag><policy-marker code="5" significance="1" vocabulary="1"><narrative '
                'xml:lang="EN">Aid Targeting the Objectives of the Convention on Biological '
                'Diversity</narrative></policy-marker><policy-marker code="10" significance="0" '
                'vocabulary="1"><narrative xml:lang="EN">Disaster Risk '
                'Reduction(DRR)</narrative></policy-marker><collaboration-type code="1"/><default-flow-type '
                'code="10"/><default-finance-type code="110"/><default-aid-type code="B03" '
                'vocabulary="1"/><default-tied-status code="5"/><budget><period-start '
                'iso-date="2020-01-01"/><period-end iso-date="2020-12-28"/><value currency="USD" '
                'value-date="2020-01-01">106713.5737320434</value></budget><planned-disbursement><period-start '
                'iso-date="2020-01-01"/><period-end iso-date="2020-12-28"/><value currency="USD" '
                'value-date="2020-01-01">106713.5737320435</value></planned-disbursement><transaction><transaction-t'
                'ype code="2"/><transaction-date iso-date="2017-01-01"/><value currency="USD" '
                'value-date="2017-01-01">114987.714987</value></transaction><transaction><transaction-type '
                'code="3"/><transaction-date iso-date="2020-03-28"/><value currency="USD" '
                'value-date="2020-03-28">80035.1802990325</value></transaction><document-link '
                'format="APPLICATION/PDF" url="https://documents.upload.openaid.se/civsam/10027_001547-21Avtalsandri'
                'ngnr1+bilagor,_Naturskyddsforeningenramstod2017-2020_forper2849448_1_1.pdf"><title><narrative '
                'xml:lang="SV">Avtalsändring Naturskyddföreningen CSO-strategin '
                '2017-2021</narrative></title><category code="A09"/></document-link><result aggregation-status="0" '
                'type="2"><title><narrative xml:lang="SV">Ingen resultattitel tillgänglig</narrative><narrative '
                'xml:lang="EN">Objectives</narrative></title><description><narrative xml:lang="EN">Årsrapporten för '
                '2018 är en resultatrapport inkluderar slutsater från de halvtidsöversyner som har genomförts av '
                'det globala programmet samt av de sex tematiska '
                'delprogrammen.</narrative></description></result></iati-activity>')

# IFAD's tree crops project in Liberia, as the codeforIATI Datastore serves it (iati-data-access/iati-flattener
# iatiflattener/tests/fixtures/ifad-activity.xml at 519db499daae77cc4171e8f52d00e9c52f1978f6; 2 of its 22
# transactions): a sector of vocabulary 2, amounts in XDR (no ECB rate), a location with exactness and reach, each
# transaction's disbursement-channel, flow, finance and aid type, other-identifier A1.
IFAD_LIBERIA = ('<iati-activity xmlns:iati-extra="https://datastore.codeforiati.org/ns" iati-extra:version="2.03" '
                'xml:lang="en" default-currency="USD"><iati-identifier>XM-DAC-41108-1100001761</iati-identifier><rep'
                'orting-org ref="XM-DAC-41108" type="40"><narrative>International Fund for Agricultural '
                'Development</narrative></reporting-org><title><narrative>Rural Development: Tree Crops Extension '
                'Project</narrative></title><description><narrative>The proposed project will make a special effort '
                "to directly support the Government's strategy to promote economic revitalization through "
                'export-oriented economic growth with the deeper engagement of the private '
                'sector</narrative></description><participating-org ref="XM-DAC-41108" role="1" type="40" '
                'activity-id="XM-DAC-41108-1100001761"><narrative>International Fund for Agricultural '
                'Development</narrative></participating-org><other-identifier ref="1100001761" '
                'type="A1"/><activity-status code="2"/><activity-date type="2" '
                'iso-date="2015-12-30"/><activity-date type="3" iso-date="2025-12-31"/><contact-info '
                'type="1"><organisation><narrative>International Fund for Agricultural '
                'Development</narrative></organisation><person-name><narrative>Pathe Sene, '
                'Amath</narrative></person-name><telephone>+390654591</telephone><website>http://www.ifad.org</websi'
                'te></contact-info><recipient-country code="LR"/><location><location-reach '
                'code="1"/><name><narrative>Rural Development: Tree Crops Extension '
                'Project</narrative></name><description><narrative>This point represents the centroid of the '
                'project area. For more detailed geographic information, please refer to the project page on the '
                'IFAD website.</narrative></description><point '
                'srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>6.800868936266495 '
                '-8.779286634257593</pos></point><exactness code="1"/></location><sector vocabulary="2" '
                'code="430"/><collaboration-type code="2"/><default-aid-type code="C01"/><default-tied-status '
                'code="5"/><transaction><transaction-type code="2"/><transaction-date iso-date="2015-12-10"/><value '
                'currency="XDR" value-date="2015-12-10">9480000.00</value><description><narrative>2000000632 '
                'LOANS</narrative></description><provider-org provider-activity-id="XM-DAC-41108-2000000632" '
                'ref="XM-DAC-41108" type="40"><narrative>International Fund for Agricultural '
                'Development</narrative></provider-org><disbursement-channel code="1"/><flow-type '
                'code="20"/><finance-type code="421"/><aid-type '
                'code="C01"/></transaction><transaction><transaction-type code="3"/><transaction-date '
                'iso-date="2019-09-17"/><value currency="XDR" '
                'value-date="2019-09-17">187027.46</value><description><narrative>2000000632 001RFDB192560034 '
                'Replenishment</narrative></description><provider-org '
                'provider-activity-id="XM-DAC-41108-2000000632" ref="XM-DAC-41108" '
                'type="40"><narrative>International Fund for Agricultural '
                'Development</narrative></provider-org><disbursement-channel code="1"/><flow-type '
                'code="20"/><finance-type code="421"/><aid-type code="C01"/></transaction></iati-activity>')

# The Datastore's files state no version on their root: each activity states it (iati-extra:version)
DATASTORE_ROOT = 'generated-datetime="2023-10-25T15:48:37.572184"'
FILES = {"ec-intpa.xml": _file(EC_INTPA, root=DATASTORE_ROOT), "usaid-food.xml": _file(USAID_FOOD, root=DATASTORE_ROOT),
         "worldbank-jordan.xml": _file(WORLD_BANK_JORDAN), "gdi-hub.xml": _file(GDI_HUB), "miftah.xml": _file(MIFTAH),
         "gvtc.xml": _file(GVTC), "sida-ukraine.xml": _file(SIDA_UKRAINE),
         "ifad-liberia.xml": _file(IFAD_LIBERIA, root=DATASTORE_ROOT)}


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_element_attribute_and_value_is_exported_or_noted(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(FILES[name])
    assert uncovered(source, tmp_path / "work") == []


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "tables" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# The eight files imported into one dataset (an aggregator's site) and built whole: the tables and pages state what
# the files state.
def test_the_tables_and_pages_state_the_rare_elements(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name, xml in FILES.items():
        source = tmp_path / name
        source.write_bytes(xml)
        import_iati(source, data, licence=CC_BY, base_iri="http://example.org/")
    site = tmp_path / "site"
    build(data, site)
    ids = {(r["ref"], r["type_code"], r["owner_ref"]) for r in _rows(site, "other_identifiers")}
    assert {("2018000130001", "A2", ""), ("XI-IATI-EC_DEVCO", "B1", ""), ("4000004257", "B1", "4000004257"),
            ("1100001761", "A1", "")} <= ids
    scopes = {(r["type_label"], r["vocabulary_code"], r["code"]) for r in _rows(site, "humanitarian_scopes")}
    assert scopes == {("Emergency", "1-2", "EP-2020-000012-001"), ("Appeal", "2-1", "HCOVD20")}
    sectors = {(r["vocabulary_code"], r["code"], r["label"], r["vocabulary_uri"]) for r in _rows(site, "sectors")}
    assert ("10", "6", "Food Security", "") in sectors  # USAID's cluster, on each transaction
    assert ("8", "10.2", next(s[2] for s in sectors if s[1] == "10.2"), "") in sectors
    assert ("99", "BC", "Central Government (Central Agencies)",
            "http://pubdocs.worldbank.org/en/538321490128452070/Sector-Taxonomy-and-definitions.pdf") in sectors
    assert ("2", "410", "General Environment Protection", "") in sectors
    markers = {(r["code"], r["significance_code"], r["significance_label"]) for r in _rows(site, "policy_markers")}
    assert ("11", "4", "Explicit primary objective") in markers
    tags = {(r["vocabulary_code"], r["code"]) for r in _rows(site, "tags")}
    assert {("2", "12"), ("2", "15"), ("3", "12.4"), ("3", "13.3")} <= tags
    contacts = {r["email"]: r for r in _rows(site, "contact_info")}
    assert contacts["pic@worldbank.org; rlomme@worldbank.org"]["person_name"] == "Roland Lomme"
    gdi = contacts["general.gdihub@ucl.ac.uk"]
    assert (gdi["department"], gdi["job_title"], gdi["telephone"]) == ("AT2030", "Project Director", "00442031089916")
    [result_doc] = [r for r in _rows(site, "document_links") if r["of"] == "result"]
    assert (result_doc["url"], result_doc["category_codes"], result_doc["document_date"]) == (
        "https://iati.fcdo.gov.uk/iati_documents/60045579.odt", "A07", "2021-03-01")
    planned = [r for r in _rows(site, "planned_disbursements") if r["activity"].endswith("/2019-405-854#id")]
    assert [(r["period_start"], r["period_end"], r["value"], r["provider_ref"]) for r in planned] == [
        ("2023-01-01", "2021-02-01", "500000", "XI-IATI-EC_INTPA"), ("2023-01-01", "2022-08-01", "313561",
                                                                       "XI-IATI-EC_INTPA")]
    findings = (site / "dumps" / "findings.csv").read_text(encoding="utf-8")
    assert "the period-start (2023-01-01) is after the period-end (2021-02-01)" in findings
    food = [r for r in _rows(site, "transactions") if r["recipient_country_code"] == "DZ"]
    assert [(r["disbursement_channel_code"], r["value"], r["currency"]) for r in food] == [
        ("2", "2000000.00", "USD"), ("2", "122065.00", "USD")]  # USAID's, in its default currency
    sida = _page_text(next((site / "project").glob("*10027a0101*.sv.html")))
    assert "13.3 - Förbättra utbildningen" in sida  # the tag's Swedish narrative on the Swedish page
    gvtc = _page_text(site / "project" / "np-ird-qareg1-16.en.html")
    assert "Start date December 1, 2020" in gvtc  # the first actual start of several, with its narrative


# The check itself: an element the export lost is found, and a report line naming it makes it noted.
def test_the_coverage_check_finds_a_lost_element(tmp_path: Path) -> None:
    source = tmp_path / "ifad.xml"
    source.write_bytes(FILES["ifad-liberia.xml"])
    data, site = tmp_path / "data", tmp_path / "site"
    lines = import_iati(source, data, licence=CC_BY, base_iri="http://example.org/").lines()
    build(data, site)
    exported = site / "iati" / "activities.xml"
    tree = etree.parse(str(exported))
    for channel in tree.getroot().iter("disbursement-channel"):
        channel.getparent().remove(channel)
    doctored = tmp_path / "doctored.xml"
    tree.write(str(doctored))
    [coverage] = compare(source, doctored, lines)
    assert coverage.lost == ("transaction/disbursement-channel", "transaction/disbursement-channel/@code")
    [coverage] = compare(source, doctored, [*lines, "activity 'XM-DAC-41108-1100001761': disbursement-channel: gone"])
    assert coverage.lost == ()
