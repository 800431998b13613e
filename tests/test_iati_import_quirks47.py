"""IATI import of what real publishers' files state (continued from test_iati_import_quirks46.py)."""

from __future__ import annotations

from pathlib import Path

import rdflib
from lxml import etree

from aidlod.build import build
from aidlod.iris import SCHEMA
from test_iati_import_quirks import _file, _import

# OCHA's Syria Cross-border Humanitarian Fund, activity XM-OCHA-CBPF-TUR-20/3559/SA1/P/NGO/16337 (d-portal's
# download, OCHA-DAP/hdx-scraper-iati-viz saved_data/dportal_138.xml at 2c1137e3ddd812c642d00fe685b0ac732ebab6c1;
# published by OCHA to the IATI Registry, the file states no licence), cut to its title, its funder and one
# of its three contacts: the partner is not named, and each contact says "xxxx (Secured)" in place of its
# person, job, telephone and email.
SECURED = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN">'
           '<iati-identifier>XM-OCHA-CBPF-TUR-20/3559/SA1/P/NGO/16337</iati-identifier>'
           '<reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" type="22"><narrative xml:lang="EN">United '
           'Nations Office for the Coordination of Humanitarian Affairs</narrative></reporting-org><title>'
           '<narrative xml:lang="EN">Providing essential general protection and child protection services to '
           'conflict-affected girls, women, boys, and men in Idleb, Ariha and Jisr-Ash- Shugur</narrative></title>'
           '<participating-org activity-id="XM-OCHA-CBPF-TUR70-2020" ref="XM-OCHA-CBPF-TUR70" role="1" type="40">'
           '<narrative xml:lang="EN">Syria Cross border Humanitarian Fund</narrative></participating-org>'
           '<activity-status code="2"/><activity-date iso-date="2020-07-05" type="2"/><contact-info><organisation>'
           '<narrative xml:lang="EN"></narrative></organisation><department><narrative xml:lang="EN"></narrative>'
           '</department><person-name><narrative xml:lang="EN">xxxx (Secured)</narrative></person-name><job-title>'
           '<narrative xml:lang="EN">xxxx (Secured)</narrative></job-title><telephone>xxxx (Secured)</telephone>'
           '<email>xxxx (Secured)</email></contact-info><recipient-country code="TR" percentage="100"/>'
           '</iati-activity>')

# OCHA's CAR Humanitarian Fund, activity XM-OCHA-CBPF-CAR-20/HCF10/RA3/EDU/INGO/16755 (the same download,
# saved_data/dportal_127.xml at 27495286329b47911637e7396f4212f439a4d106), cut alike: its contact states a
# real telephone (two numbers) and email.
STATED = ('<iati-activity hierarchy="2" humanitarian="1" xml:lang="EN">'
          '<iati-identifier>XM-OCHA-CBPF-CAR-20/HCF10/RA3/EDU/INGO/16755</iati-identifier>'
          '<reporting-org ref="XM-OCHA-CBPF" secondary-reporter="0" type="22"><narrative xml:lang="EN">United '
          'Nations Office for the Coordination of Humanitarian Affairs</narrative></reporting-org><title>'
          '<narrative xml:lang="EN">Projet d&#x2019;assistance d&#x2019;urgence au retour &#xE0; l&#x2019;&#xE9;coles '
          'des enfants d&#xE9;scolaris&#xE9;s issus de sites de d&#xE9;plac&#xE9;s et des communaut&#xE9;s h&#xF4;tes '
          'de la ville de BATANGAFO.</narrative></title><participating-org activity-id="XM-OCHA-CBPF-CAR17-2020" '
          'ref="XM-OCHA-CBPF-CAR17" role="1" type="40"><narrative xml:lang="EN">CAR Humanitarian Fund</narrative>'
          '</participating-org><activity-status code="2"/><activity-date iso-date="2020-08-01" type="2"/>'
          '<contact-info><person-name><narrative xml:lang="EN">KWEDI LITOPE Josseline</narrative></person-name>'
          '<telephone>71 12 71 95 /75 93 68 45</telephone><email>aec.rca9@gmail.com</email></contact-info>'
          '<recipient-country code="CF" percentage="100"/></iati-activity>')

# IOM's activity XM-DAC-47066-CS.1084 (the same download, saved_data/dportal_114.xml at
# 27495286329b47911637e7396f4212f439a4d106), cut to its title, its funder and its contact: one email of the
# regional office's three addresses.
SEVERAL = ('<iati-activity hierarchy="1" humanitarian="0" xml:lang="EN">'
           '<iati-identifier>XM-DAC-47066-CS.1084</iati-identifier><reporting-org ref="XM-DAC-47066" type="40">'
           '<narrative xml:lang="EN">International Organization for Migration (IOM)</narrative></reporting-org>'
           '<title><narrative xml:lang="EN">Assessing and Addressing the Impacts of COVID-19 on Societies, Economies '
           'and Vulnerable Groups in Countries of the Middle East and North Africa Region</narrative></title>'
           '<participating-org activity-id="XM-DAC-3-1-2020-19394" ref="XM-DAC-3-1" role="1" type="10">'
           '<narrative xml:lang="EN">Denmark - Ministry of Foreign Affairs</narrative></participating-org>'
           '<activity-status code="3"/><activity-date iso-date="2020-08-01" type="2"/><contact-info type="1">'
           '<organisation><narrative xml:lang="EN">IOM - Egypt</narrative></organisation><telephone>+202 27 36 51 40'
           '</telephone><email>ROCairo@iom.int; ROCairoRM@iom.int; ROCairoPE@iom.int</email></contact-info>'
           '<recipient-region code="1" percentage="100" vocabulary="2"/></iati-activity>')


# The graph stated the contact's "xxxx (Secured)" as its schema:email and schema:telephone: to schema.org's
# readers (a search engine's contact card, a harvester) an address to write to and a number to call. Now
# schema.org's view of a contact holds each address its email states and a telephone with a digit in it (IOM's
# three addresses in one email were one schema:email, which no mail program can write to); the IATI element
# keeps what the file states (its page, the contact_info table and the IATI export say it).
def test_a_contacts_secured_email_and_telephone_are_no_address_or_number_to_schema_org(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, _file(SECURED, STATED, SEVERAL))
    assert not [line for line in lines if "not mapped" in line], lines
    site = tmp_path / "site"
    build(data, site)
    graph = rdflib.Graph().parse(site / "dumps" / "aidlod.nt", format="nt")
    emails = {str(o) for o in graph.objects(None, SCHEMA.email)}
    phones = {str(o) for o in graph.objects(None, SCHEMA.telephone)}
    assert "aec.rca9@gmail.com" in emails and "71 12 71 95 /75 93 68 45" in phones
    assert "xxxx (Secured)" not in emails | phones
    assert {"ROCairo@iom.int", "ROCairoRM@iom.int", "ROCairoPE@iom.int"} <= emails
    assert not [address for address in emails if ";" in address]
    # the IATI element states it as the file did: the graph, and the export written from it
    assert (None, rdflib.RDF.value, rdflib.Literal("xxxx (Secured)")) in graph
    exported = etree.parse(str(site / "iati" / "activities.xml"))
    secured = exported.xpath("//iati-activity[iati-identifier='XM-OCHA-CBPF-TUR-20/3559/SA1/P/NGO/16337']"
                             "/contact-info")
    assert [c.findtext("email") for c in secured] == ["xxxx (Secured)"]
    assert [c.findtext("telephone") for c in secured] == ["xxxx (Secured)"]
    several = exported.xpath("//iati-activity[iati-identifier='XM-DAC-47066-CS.1084']/contact-info/email")
    assert [e.text for e in several] == ["ROCairo@iom.int; ROCairoRM@iom.int; ROCairoPE@iom.int"]
    table = (site / "tables" / "contact_info.csv").read_text(encoding="utf-8")
    assert "xxxx (Secured),xxxx (Secured),xxxx (Secured),xxxx (Secured)" in table
    assert "ROCairo@iom.int; ROCairoRM@iom.int; ROCairoPE@iom.int" in table
