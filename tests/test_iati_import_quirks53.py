"""IATI import of what real publishers' files state: non-English publishers and rarely used parts of the standard
(continued from test_iati_import_quirks52.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _import

# Two activities of the African Development Bank's multinational file as d-portal gives them (OCHA-DAP/hdx-scraper-
# iati-viz saved_data/dportal_5.xml at 27495286329b47911637e7396f4212f439a4d106, the AfDB's 2.01 activities
# 46002-P-Z1-IBE-025 and -026, titles in English and French), cut to what the case needs: every amount is in XDR
# (the IMF's special drawing rights, the AfDB's unit of account), of which the ECB publishes no rates.
_AFDB = (b'<iati-activity default-currency="XDR" hierarchy="1" xml:lang="EN">\n'
         b'  <iati-identifier>46002-P-Z1-IBE-%s</iati-identifier>\n'
         b'  <reporting-org ref="46002" type="40">\n'
         b'   <narrative xml:lang="EN">African Development Bank Group</narrative>\n'
         b'  </reporting-org>\n'
         b'  <title>\n'
         b'   <narrative xml:lang="EN">Multinational - Exceptional Project to support ECOWAS Low Income Members '
         b'Countries - %s Component</narrative>\n'
         b'   <narrative xml:lang="FR">Multinational - Op&#xE9;ration urgente en faveur des pays &#xE0; faible '
         b'revenu membres de la CEDEAO - Composante %s</narrative>\n'
         b'  </title>\n'
         b'  <participating-org ref="FSF" role="1">\n'
         b'   <narrative xml:lang="EN">Fragile States Facility</narrative>\n'
         b'  </participating-org>\n'
         b'  <activity-status code="1"></activity-status>\n'
         b'  <activity-date iso-date="2020-05-22" type="1"></activity-date>\n'
         b'  <recipient-region code="298" percentage="100" vocabulary="1"></recipient-region>\n'
         b'  <budget type="1">\n'
         b'   <period-start iso-date="2020-05-22"></period-start>\n'
         b'   <period-end iso-date="2020-08-22"></period-end>\n'
         b'   <value currency="XDR" value-date="2020-05-22">1250000</value>\n'
         b'  </budget>\n'
         b'  <transaction ref="%s">\n'
         b'   <transaction-type code="2"></transaction-type>\n'
         b'   <transaction-date iso-date="%s"></transaction-date>\n'
         b'   <value currency="XDR" value-date="%s">%s</value>\n'
         b'   <provider-org>\n'
         b'    <narrative xml:lang="EN">Fragile States Facility</narrative>\n'
         b'   </provider-org>\n'
         b'  </transaction>\n'
         b' </iati-activity>\n')
AFDB = (b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
        + _AFDB % (b"025", b"Mali", b"Mali", b"5900155016252", b"2020-11-19", b"2020-11-19", b"3750000")
        + _AFDB % (b"026", b"Niger", b"Niger", b"5900155016253", b"2020-12-10", b"2020-12-10", b"2040000")
        + b'</iati-activities>\n')


def _front(site: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", (site / "index.en.html").read_text(encoding="utf-8")).split())


# The AfDB states every amount in XDR. A new dataset sums in its activities' default currency only when the ECB has
# rates of it, so this one was summed in EUR, to which no XDR amount converts: its front page read "unknown" for
# every year, country and sector, "0 of known amount" of the XDR 5,790,000 committed, and the import's notice said
# only that XDR "has no ECB reference rates to convert the others to it" (there were none). A file whose every amount
# is in that currency sums in it now: nothing needs converting.
def test_a_file_all_in_a_currency_without_rates_sums_in_it(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, AFDB)
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "XDR"
    said = [line for line in lines if "sums and charts" in line]
    assert len(said) == 1 and "amounts in XDR, the currency of every amount of the file" in said[0], lines
    assert "the ECB publishes no rates of XDR" in said[0]
    build(data, tmp_path / "site")
    front = _front(tmp_path / "site")
    assert "XDR 5,790,000 committed in total" in front, front[:1500]
    assert "unknown" not in front.split("Download the data")[0], front[:3000]


# A file that mixes it with another currency still sums in EUR, and the import says what becomes of the XDR amounts.
def test_a_currency_without_rates_beside_others_is_said_to_be_left_out_of_the_sums(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, AFDB.replace(b'<value currency="XDR" value-date="2020-12-10">',
                                                 b'<value currency="EUR" value-date="2020-12-10">'))
    assert "currency" not in yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))
    said = [line.split(": ", 1)[1] for line in lines if "sums and charts" in line]
    assert said == ["the site sums and charts amounts in EUR: the activities' default currency XDR has no ECB "
                    "reference rates to convert the others to it ('currency' in dataset.yaml)",
                    "the file's amounts (3 in XDR) cannot be converted to EUR, the currency the site sums and charts "
                    "in ('currency' in dataset.yaml): the ECB publishes no rates of XDR; the sums count each as one of "
                    "unknown amount"], lines
    build(data, tmp_path / "site")
    assert "EUR 2,040,000 + 1 of unknown amount committed in total" in _front(tmp_path / "site")


# The World Bank's activity 44000-P174531 (Jamaica, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_4.xml at
# 27495286329b47911637e7396f4212f439a4d106), whose quarterly transactions each state the withdrawn flow type 20 (OOF)
# and finance type 410, cut to three of them.
_WB_TRANSACTION = (b'  <transaction>\n'
                   b'   <transaction-type code="%s"></transaction-type>\n'
                   b'   <transaction-date iso-date="2021-03-31"></transaction-date>\n'
                   b'   <value currency="USD" value-date="2021-03-31">%s</value>\n'
                   b'   <provider-org ref="44001">\n'
                   b'    <narrative xml:lang="EN">International Bank for Reconstruction and Development</narrative>\n'
                   b'   </provider-org>\n'
                   b'   <flow-type code="20"></flow-type>\n'
                   b'   <finance-type code="410"></finance-type>\n'
                   b'  </transaction>\n')
WB_JM = (b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
         b' <iati-activity default-currency="USD" hierarchy="1" xml:lang="EN">\n'
         b'  <iati-identifier>44000-P174531</iati-identifier>\n'
         b'  <reporting-org ref="44000" type="40">\n   <narrative xml:lang="EN">World Bank</narrative>\n'
         b'  </reporting-org>\n'
         b'  <title xml:lang="EN">\n   <narrative xml:lang="EN">Jamaica COVID-19 Response and Recovery Development '
         b'Policy Financing</narrative>\n  </title>\n'
         b'  <participating-org ref="44001" role="1" type="40" xml:lang="EN">\n'
         b'   <narrative xml:lang="EN">International Bank for Reconstruction and Development</narrative>\n'
         b'  </participating-org>\n'
         b'  <activity-status code="2"></activity-status>\n'
         b'  <activity-date iso-date="2021-03-18" type="2"></activity-date>\n'
         b'  <recipient-country code="JM" percentage="100"></recipient-country>\n'
         + _WB_TRANSACTION % (b"2", b"150000000") + _WB_TRANSACTION % (b"3", b"100375000")
         + _WB_TRANSACTION % (b"5", b"-375000")
         + b' </iati-activity>\n</iati-activities>\n')


# Each transaction's withdrawn codes were a note of their own, "transaction[1]/flow-type/@code: code '20' of FlowType
# is withdrawn; kept as stated", then transaction[2], transaction[3], for flow type and finance type: six notes on the
# page and the quality page that differ in the number alone (a whole World Bank country file: two per quarter of
# every activity). They are one per code now, naming the transactions, as round 11 made the notes on what is not
# mapped.
def test_a_withdrawn_code_of_many_transactions_is_one_note(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, WB_JM)
    notes = [line.split("P174531': ", 1)[1] for line in lines if "P174531': " in line]
    assert notes == ["transaction[1–3]/flow-type/@code: code '20' of FlowType is withdrawn; kept as stated",
                     "transaction[1–3]/finance-type/@code: code '410' of FinanceType is withdrawn; kept as stated"
                     ], lines
    project = yaml.safe_load((data / "projects" / "p174531.yaml").read_text(encoding="utf-8"))
    assert project["import_notes"] == notes


# Global Affairs Canada's activity CA-3-A033919001 (Bangladesh; BD-IATI/donor-data canada/canada-bd.xml at
# 1dfad9e7f40f142b647afa88e050a78c7524613d, the IATI Datastore's answer of 2016, version 2.01, every narrative in
# English and French), cut to what the case needs, in a second activity too: Canada names every implementing partner
# it has not coded "Uncoded", in French "Non codé".
_CANADA = ('<iati-activity default-currency="CAD" hierarchy="1"><iati-identifier>CA-3-%s</iati-identifier>'
           '<reporting-org ref="CA-3" type="10"><narrative xml:lang="en">Foreign Affairs, Trade and Development Canada '
           '(DFATD)</narrative><narrative xml:lang="fr">Affaires étrangères, Commerce et Développement Canada (MAECD)'
           '</narrative></reporting-org><title><narrative xml:lang="en">%s</narrative><narrative xml:lang="fr">%s'
           '</narrative></title><participating-org role="1" ref="CA" type="10"><narrative xml:lang="en">Canada'
           '</narrative><narrative xml:lang="fr">Canada</narrative></participating-org><participating-org role="4">'
           '<narrative xml:lang="en">Uncoded</narrative><narrative xml:lang="fr">Non codé</narrative>'
           '</participating-org><activity-status code="2"/><activity-date type="2" iso-date="2007-10-03"/>'
           '<recipient-country percentage="100" code="BD"/></iati-activity>')
CANADA = ('<iati-activities version="2.01">'
          + _CANADA % ("A033919001", "Knowledge Fund IV", "Fonds des connaissances IV")
          + _CANADA % ("A034567001", "Knowledge Fund V", "Fonds des connaissances V")
          + '</iati-activities>').encode("utf-8")


# "Uncoded" made an organisation record of that name, the implementer of every activity Canada has not coded a
# partner for (its page listed them all as one organisation's). It is a placeholder, as DFAT's "Name Withheld" is:
# no record; the element stays as stated, and the export writes it back.
def test_a_partner_named_uncoded_in_english_and_french_is_no_organisation(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, CANADA)
    assert sorted(p.stem for p in (data / "organisations").glob("*.yaml")) == ["ca", "ca-3"]
    project = yaml.safe_load((data / "projects" / "a033919001.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["participating-org"] == [
        {"role": "4", "narrative": {"en": "Uncoded", "fr": "Non codé"}}]


# The European Commission's activity XI-IATI-EC_DEVCO-2014/37785/0 (A West African Response to Ebola, 2.02, as
# Godtide/ReportAid docs/paper/appendixAWAREXML.md at 62252927768232032d219abd39d7de6f0ce0f1a5 quotes the Datastore's
# record), cut to what the case needs: nine policy markers of the IATI 1 vocabulary "DAC" with codes "01" to "09".
_MARKER = ('<policy-marker code="0%d" significance="0" vocabulary="DAC"><narrative xml:lang="en">%s</narrative>'
           '</policy-marker>')
EC_AWARE = ('<iati-activities><iati-activity last-updated-datetime="2019-10-11T13:39:21" xml:lang="en" '
            'default-currency="EUR" hierarchy="1" version="2.02"><iati-identifier>XI-IATI-EC_DEVCO-2014/37785/0'
            '</iati-identifier><reporting-org ref="XI-IATI-EC_DEVCO" type="15"><narrative xml:lang="en">European '
            'Commission - Development and Cooperation-EuropeAid</narrative></reporting-org><title><narrative '
            'xml:lang="en">A West African Response to Ebola (AWARE)</narrative></title><participating-org '
            'ref="XI-IATI-EC_DEVCO" role="1" type="15"><narrative xml:lang="en">European Commission</narrative>'
            '</participating-org><activity-status code="2"/><activity-date iso-date="2015-03-09" type="2"/>'
            '<recipient-region code="289" vocabulary="1"/>'
            + "".join(_MARKER % (n, name) for n, name in enumerate(
                ("Gender Equality", "Aid to Environment", "Participatory Development/Good", "Trade Development",
                 "Biological Diversity", "Climate Change - Mitigation", "Climate Change - Adaptation",
                 "Desertification", "Reproductive, Maternal, Newborn and Child Health"), start=1))
            + '</iati-activity></iati-activities>').encode("utf-8")


# Each policy marker's code was a note of its own, "policy-marker/@code: '01' read as '1' (the codelist's code)" to
# '09': nine notes on the activity's page and nine kinds on the console (the Commission states the nine markers on
# every activity). The codes one attribute had read otherwise are one note now.
def test_the_codes_one_attribute_had_read_otherwise_are_one_note(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, EC_AWARE)
    notes = [line.split("37785/0': ", 1)[1] for line in lines if "37785/0': " in line and "@" in line]
    assert notes == ["policy-marker/@code: '01' read as '1', '02' as '2', '03' as '3', '04' as '4', '05' as '5', "
                     "'06' as '6', '07' as '7', '08' as '8', '09' as '9' (the codelist's code)",
                     "policy-marker/@vocabulary: 'DAC' read as '1' (the IATI 1 code)"], lines
    project = yaml.safe_load((data / "projects" / "2014-37785-0.yaml").read_text(encoding="utf-8"))
    assert [m["code"] for m in project["iati"]["policy-marker"]] == [str(n) for n in range(1, 10)]


# The AfDB's file imported into a dataset that sums in CAD (Canada's, below): its XDR amounts are in no sum of the
# site (its chart of commitments per year read "2020 unknown"), and the import said nothing of them. It says so now.
def test_amounts_an_existing_dataset_cannot_sum_are_said(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, CANADA)
    assert yaml.safe_load((data / "dataset.yaml").read_text(encoding="utf-8"))["currency"] == "CAD"
    (tmp_path / "afdb.xml").write_bytes(AFDB)
    lines = import_iati(tmp_path / "afdb.xml", data).lines()
    assert [line.split(": ", 1)[1] for line in lines if "cannot be converted" in line] == [
        "the file's amounts (4 in XDR) cannot be converted to CAD, the currency the site sums and charts in "
        "('currency' in dataset.yaml): the ECB publishes no rates of XDR; the sums count each as one of unknown "
        "amount"], lines
    build(data, tmp_path / "site")
    assert "Year Commitments Disbursements and expenditure 2020 unknown none Total unknown none" in \
        _front(tmp_path / "site")


# The Asian Development Bank's activity 46004-54022-001-LN3968 (Philippines, in the same d-portal download as the
# AfDB's, dportal_5.xml), cut to what the case needs: a document-link of the activity and one of its result, both
# "APPLICATION/PDF" in language "EN".
_ADB_LINK = ('<document-link format="APPLICATION/PDF" url="https://www.adb.org/sites/default/files/project-documents/'
             '54022/54022-001-%s-en.pdf"><title><narrative xml:lang="EN">%s</narrative></title><category code="%s">'
             '</category><language code="EN"></language><document-date iso-date="2021-04-30"></document-date>'
             '</document-link>')
ADB_PH = ('<iati-activities version="2.03"><iati-activity default-currency="USD" hierarchy="1" xml:lang="EN">'
          '<iati-identifier>46004-54022-001-LN3968</iati-identifier><reporting-org ref="XM-DAC-46004" type="40">'
          '<narrative xml:lang="EN">Asian Development Bank</narrative></reporting-org><title><narrative xml:lang="EN">'
          'COVID-19: Disaster Resilience Improvement Program</narrative></title><participating-org '
          'activity-id="46004-54022-001-LN3968" ref="46004" role="1" type="40"><narrative xml:lang="EN">Asian '
          'Development Bank</narrative></participating-org><activity-status code="2"></activity-status>'
          '<activity-date iso-date="2020-09-15" type="2"></activity-date><recipient-country code="PH" '
          'percentage="100"></recipient-country>'
          + _ADB_LINK % ("lna", "Loan Agreement", "A04")
          + '<result aggregation-status="0" type="1"><title><narrative xml:lang="EN">Design and Monitoring Framework'
          '</narrative></title>' + _ADB_LINK % ("rrp", "Reports and Recommendations of the President", "A08")
          + '<indicator aggregation-status="0" ascending="1" measure="5"><title><narrative xml:lang="EN">e. Philippine '
          'National Contingency Plan for COVID-19 implemented (2019 baseline: Plan did not exist)</narrative></title>'
          '<baseline value="N" year="2019"></baseline></indicator></result></iati-activity></iati-activities>'
          ).encode("utf-8")


# A code read otherwise was named by its element alone, "document-link/@format: 'APPLICATION/PDF' read as
# 'application/pdf'", and "language/@code": the result's document-link, whose format and language were read so too,
# was named by no note (tests/iati_coverage.py found its values changed without a word). The note names the element's
# path (without positions), each path once, as the notes on an organisation file already did.
def test_a_code_read_otherwise_is_named_by_its_elements_path(tmp_path: Path) -> None:
    _data, lines = _import(tmp_path, ADB_PH)
    notes = [line.split("LN3968': ", 1)[1] for line in lines if "LN3968': " in line and "read as" in line]
    assert notes == [
        "document-link/@format: 'APPLICATION/PDF' read as 'application/pdf' (a media type's case does not matter; "
        "IANA's list and IATI's FileFormat write its type in small letters)",
        "document-link/language/@code: 'EN' read as 'en' (ISO writes it in small letters)",
        "result/document-link/@format: 'APPLICATION/PDF' read as 'application/pdf' (a media type's case does not "
        "matter; IANA's list and IATI's FileFormat write its type in small letters)",
        "result/document-link/language/@code: 'EN' read as 'en' (ISO writes it in small letters)"], lines
