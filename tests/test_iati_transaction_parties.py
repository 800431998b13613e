"""Every named party of a transaction is an organisation (docs/iati.md, "Transaction parties"): a provider-org or
receiver-org of a transaction that is no grant (incoming funds, disbursements, expenditure, ...) that names a party
no record is makes an organisation record by the rules of the other organisation elements, and the transaction is
linked to it: in the graph, ``transactions.csv``, the activity's page and the organisation's own. Before, such a
party was kept as stated alone: no record, no page, no IRI (docs/iati.md, real-files-20, "Noticed and left
alone")."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner
from lxml import etree
from rdflib import URIRef

import test_iati_import_real20 as real20
from aidlod import mapping, records
from aidlod.build import build, export_iati
from aidlod.cli import main
from aidlod.iati import EXT
from aidlod.iati.importer import import_iati
from aidlod.iris import AID
from test_iati_import_quirks import CC_BY, _activity, _file, _import, _page_text, _rows

# ODA Korea's activity of the Office for Government Policy Coordination (KR-GOV-010) as d-portal's download (dataset
# odakorea-act4) gives it (tests/test_iati_import_real20.py has it whole, with its source), here without its budget:
# KOICA's (KR-GOV-051) incoming funds of KRW 5,160,000,000 to IOM (XM-DAC-47066), neither of them a participating-org.
ODA_KOREA = re.sub(rb"<budget[ >].*?</budget>\n", b"", real20.ODA_KOREA, flags=re.S)
PROJECT = "kr-gov-051-2023010103248.yaml"
# What IATI requires that ODA Korea's activity lacks (a status, a date, a participating organisation), added so
# that the IATI export writes it: its transaction is the file's.
EXPORTABLE = ODA_KOREA.replace(
    b"<transaction ", b'<participating-org ref="KR-GOV-010" role="1" type="10"><narrative xml:lang="EN">Office for '
    b'Government Policy Coordination</narrative></participating-org>\n<activity-status code="2"/>\n'
    b'<activity-date iso-date="2023-10-02" type="2"/>\n<transaction ', 1)


def _orgs(data: Path) -> dict[str, dict]:
    return {f.stem: yaml.safe_load(f.read_text(encoding="utf-8"))
            for f in sorted((data / "organisations").glob("*.yaml"))}


def _files(data: Path) -> dict[str, bytes]:
    return {str(f.relative_to(data)): f.read_bytes() for f in sorted(data.rglob("*")) if f.is_file()}


def test_oda_koreas_incoming_funds_from_koica_to_iom_make_their_organisations(tmp_path: Path) -> None:
    data, lines = _import(tmp_path, ODA_KOREA)
    assert not [line for line in lines if "not mapped" in line], lines
    orgs = _orgs(data)
    assert sorted(orgs) == ["kr-gov-010", "kr-gov-051", "xm-dac-47066"]
    assert {k: v for k, v in orgs["kr-gov-051"].items() if k != "source"} == {
        "id": "kr-gov-051", "name": {"en": "Korea International Cooperation Agency"}, "type": "10",
        "iati_identifier": "KR-GOV-051"}
    assert {k: v for k, v in orgs["xm-dac-47066"].items() if k != "source"} == {
        "id": "xm-dac-47066", "name": {"en": "IOM"}, "type": "40", "iati_identifier": "XM-DAC-47066"}
    # the transaction stays as stated, its parties linked by their refs (as a record's party is linked by its ref)
    [tx] = yaml.safe_load((data / "projects" / PROJECT).read_text(encoding="utf-8"))["iati"]["transaction"]
    assert tx["provider-org"] == [{"ref": "KR-GOV-051", "provider-activity-id": "KR-GOV-010-KR-GOV-051-2023010103248",
                                   "type": "10", "narrative": {"en": "Korea International Cooperation Agency"}}]
    assert tx["receiver-org"] == [{"ref": "XM-DAC-47066", "type": "40", "narrative": {"en": "IOM"}}]
    site = tmp_path / "site"
    build(data, site)
    [row] = _rows(site, "transactions")
    assert (row["provider_org"], row["provider_ref"], row["provider_name"]) == (
        "http://example.org/organisation/kr-gov-051#id", "KR-GOV-051", "Korea International Cooperation Agency")
    assert (row["receiver_org"], row["receiver_ref"], row["receiver_name"]) == (
        "http://example.org/organisation/xm-dac-47066#id", "XM-DAC-47066", "IOM")
    assert {r["id"] for r in _rows(site, "organisations")} >= {
        "http://example.org/organisation/kr-gov-051#id", "http://example.org/organisation/xm-dac-47066#id"}
    # each has its page, which names the transaction it is a party of; the activity's page links them
    title = "Enhancing Community Resilience in Conflict and Disaster-Affected Communities in Myanmar"
    assert f"{title} › Receiver organisation: IOM" in _page_text(site / "organisation" / "xm-dac-47066.en.html")
    assert f"{title} › Provider organisation: Korea International Cooperation Agency" in _page_text(
        site / "organisation" / "kr-gov-051.en.html")
    activity = (site / "project" / "kr-gov-051-2023010103248.en.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*organisation/kr-gov-051(\.en\.html)?[^"]*"', activity), activity
    assert re.search(r'href="[^"]*organisation/xm-dac-47066(\.en\.html)?[^"]*"', activity), activity


def _linked(data: Path) -> set[tuple[str, str]]:
    """(element, organisation) of each provider-org and receiver-org the graph links to an organisation record."""
    triples = mapping.map_records(records.load(data)).triples
    party = {o: str(p).rsplit("#iati-", 1)[-1] for _s, p, o in triples
             if p in (AID["iati-provider-org"], AID["iati-receiver-org"])}
    return {(party[s], str(o).rsplit("/", 1)[-1]) for s, p, o in triples
            if p == AID.organisation and s in party and isinstance(o, URIRef)}


def test_the_graph_links_the_parties_as_it_links_a_known_partys(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, ODA_KOREA)
    assert _linked(data) == {("provider-org", "kr-gov-051#id"), ("receiver-org", "xm-dac-47066#id")}


def test_importing_the_file_again_changes_nothing_and_a_later_file_reuses_the_records(tmp_path: Path) -> None:
    source = tmp_path / "korea.xml"
    source.write_bytes(ODA_KOREA)
    data = tmp_path / "data"
    args = ["import-iati", str(source), "--into", str(data), "--licence", CC_BY, "--base-iri", "http://example.org/"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    before = _files(data)
    again = CliRunner().invoke(main, [*args, "--replace"])
    assert again.exit_code == 0, again.output
    assert "none changed: each held the same text before" in again.output, again.output
    assert _files(data) == before
    # another activity of the same parties, in a later file: the records are reused, none made again
    later = tmp_path / "later.xml"
    later.write_bytes(ODA_KOREA.replace(b"2023010103248</iati-identifier>", b"2023010109999</iati-identifier>")
                      .replace(b"<narrative xml:lang=\"EN\">IOM</narrative>",
                               b"<narrative xml:lang=\"EN\">International Organization for Migration</narrative>"))
    import_iati(later, data)
    assert sorted(_orgs(data)) == ["kr-gov-010", "kr-gov-051", "xm-dac-47066"]
    assert _orgs(data)["xm-dac-47066"]["name"] == {"en": "IOM"}  # the record's; the later element keeps its name
    project = yaml.safe_load((data / "projects" / "kr-gov-051-2023010109999.yaml").read_text(encoding="utf-8"))
    assert project["iati"]["transaction"][0]["receiver-org"][0]["narrative"] == {
        "en": "International Organization for Migration"}


def _transaction(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml)
    [tx] = root.iter("transaction")
    return tx


def _stated(el: etree._Element) -> tuple:
    """An element as IATI reads it: attributes of IATI's own (aidlod's extension attributes left out), text,
    children; languages in small letters."""
    attrs = {k: v for k, v in el.attrib.items() if not k.startswith(EXT)}
    attrs = {k: v.lower() if k.endswith("}lang") else v for k, v in attrs.items()}
    return el.tag, attrs, (el.text or "").strip(), [_stated(c) for c in el if isinstance(c.tag, str)]


def test_the_iati_export_writes_the_transaction_as_the_file_stated_it(tmp_path: Path) -> None:
    # with the receiver stated by its ref alone: no narrative is written for it (the record is named by the ref)
    stated = EXPORTABLE.replace(b'<receiver-org ref="XM-DAC-47066" type="40">\n<narrative xml:lang="EN">IOM</narrative>'
                                b'\n</receiver-org>', b'<receiver-org ref="XM-DAC-47066" type="40"/>')
    data, _lines = _import(tmp_path, stated)
    assert _orgs(data)["xm-dac-47066"]["name"] == {"und": "XM-DAC-47066"}
    out = tmp_path / "export"
    export_iati(data, out)
    written = (out / "activities.xml").read_bytes()
    tx = _transaction(written)
    assert _stated(tx) == _stated(_transaction(stated))
    receiver = tx.find("receiver-org")
    assert receiver is not None and receiver.find("narrative") is None
    # the parties link their records (aidlod's attribute, read back by an import into this dataset)
    links = {el.tag: el.get(EXT + "organisation") for el in tx if el.tag.endswith("-org")}
    assert links == {"provider-org": "http://example.org/organisation/kr-gov-051#id",
                     "receiver-org": "http://example.org/organisation/xm-dac-47066#id"}, links


def test_a_party_first_seen_in_a_disbursement_and_later_as_a_participating_org_is_one_record(tmp_path: Path) -> None:
    # one activity disburses to IOM (by its ref, and a short name), the next names it as its implementing partner;
    # another disburses to a partner named in English alone, without type, which the next names in English and
    # French, of type 22: one record each, the same whichever the file states first, as the participating-org names
    # and types it (the disbursement's receiver keeps its own statement in the iati field)
    disbursing = _activity("XM-DAC-41122-A", '<title><narrative>A</narrative></title><transaction><transaction-type '
                           'code="3"/><transaction-date iso-date="2020-01-01"/><value currency="USD" value-date='
                           '"2020-01-01">10</value><receiver-org ref="XM-DAC-47066"><narrative>IOM'
                           '</narrative></receiver-org></transaction>')
    naming = _activity("XM-DAC-41122-B", '<title><narrative>B</narrative></title><participating-org ref="XM-DAC-47066" '
                       'role="4" type="40"><narrative>International Organization for Migration</narrative>'
                       '</participating-org>')
    by_name = _activity("XM-DAC-41122-C", '<title><narrative>C</narrative></title><transaction><transaction-type '
                        'code="4"/><transaction-date iso-date="2020-01-01"/><value currency="USD" value-date='
                        '"2020-01-01">10</value><receiver-org><narrative>Partner NGO</narrative>'
                        '</receiver-org></transaction>')
    by_name_too = _activity("XM-DAC-41122-D", '<title><narrative>D</narrative></title><participating-org role="4" '
                            'type="22"><narrative>Partner NGO</narrative><narrative xml:lang="fr">ONG partenaire'
                            '</narrative></participating-org>')
    seen = []
    for i, order in enumerate(((disbursing, naming, by_name, by_name_too), (naming, disbursing, by_name_too, by_name))):
        (tmp_path / str(i)).mkdir()
        data, _lines = _import(tmp_path / str(i), _file(*order))
        orgs = _orgs(data)
        assert sorted(orgs) == ["partner-ngo", "xm-dac-41122", "xm-dac-47066"], sorted(orgs)
        assert (orgs["xm-dac-47066"]["name"], orgs["xm-dac-47066"]["type"]) == (
            {"en": "International Organization for Migration"}, "40")
        assert (orgs["partner-ngo"]["name"], orgs["partner-ngo"]["type"]) == (
            {"en": "Partner NGO", "fr": "ONG partenaire"}, "22")
        c = yaml.safe_load((data / "projects" / "c.yaml").read_text(encoding="utf-8"))
        assert c["iati"]["transaction"][0]["receiver-org"][0]["aidlod-organisation"] == "partner-ngo"
        b, d = (yaml.safe_load((data / "projects" / f"{x}.yaml").read_text(encoding="utf-8")) for x in "bd")
        assert b["participants"] == [{"organisation": "xm-dac-47066", "role": "4"}]  # named and typed as its record
        assert d["participants"] == [{"organisation": "partner-ngo", "role": "4"}]
        seen.append(_files(data / "organisations"))
    assert seen[0] == seen[1]


def test_a_party_named_by_its_ref_alone_takes_the_names_a_later_element_states(tmp_path: Path) -> None:
    # the first element names KOICA by its ref alone: its record is named by the ref until one states its name
    nameless = ODA_KOREA.replace(b'type="10">\n<narrative xml:lang="EN">Korea International Cooperation Agency'
                                 b'</narrative>\n</provider-org>', b'type="10"/>')
    later = ODA_KOREA.replace(b"2023010103248</iati-identifier>", b"2023010109999</iati-identifier>")
    data, _lines = _import(tmp_path, nameless.replace(b"</iati-activities>", b"")
                           + later[later.index(b"<iati-activity "):])
    assert _orgs(data)["kr-gov-051"]["name"] == {"en": "Korea International Cooperation Agency"}


# UNHCR's activity file of 2023 (unhcr-americas/iati data-raw/unhcr_2023/UNHCR-Activities-2023.xml at
# 487d289c6a593821256893755926e6b58167d9bc; tests/test_iati_import_quirks49.py has more of it), cut to its first
# activity's title, two participating organisations and two of its incoming commitments: from New Zealand (by its
# ref, a participating-org) and from "Private donors" (type 70, no ref, no participating-org of that name).
UNHCR = (
    b'<iati-activities version="2.03">\n<iati-activity default-currency="USD" hierarchy="1" humanitarian="1" '
    b'xml:lang="en"><iati-identifier>XM-DAC-41121-2023</iati-identifier><reporting-org ref="XM-DAC-41121" type="40">'
    b'<narrative>United Nations High Commissioner for Refugees (UNHCR)</narrative></reporting-org><title><narrative>'
    b'UNHCR - The UN Refugee Agency</narrative></title><participating-org ref="NZ-1" role="1" type="10"><narrative>'
    b'New Zealand - Ministry of Foreign Affairs and Trade - New Zealand Aid Programme</narrative></participating-org>'
    b'<participating-org ref="XM-DAC-41121" role="4" type="40"><narrative>United Nations High Commissioner for '
    b'Refugees (UNHCR)</narrative></participating-org><activity-status code="2"/><activity-date iso-date="2023-01-01" '
    b'type="2"/><transaction ref="G0158"><transaction-type code="11"/><transaction-date iso-date="2023-06-21"/><value '
    b'currency="NZD" value-date="2023-06-21">1500000</value><provider-org ref="NZ-1" type="10"><narrative>New '
    b'Zealand - Ministry of Foreign Affairs and Trade - New Zealand Aid Programme</narrative></provider-org>'
    b'</transaction><transaction><transaction-type code="11"/><transaction-date iso-date="2022-11-30"/><value '
    b'currency="USD" value-date="2022-11-30">749292</value><provider-org type="70"><narrative>Private donors'
    b'</narrative></provider-org></transaction></iati-activity>\n</iati-activities>\n')


def test_a_provider_named_private_donors_makes_no_record(tmp_path: Path) -> None:
    # "Private donors" is UNHCR's name for the sum of its private contributions, no organisation (round 25,
    # tests/test_iati_import_real25.py: it made a record, as this test asserted before); a provider named without ref
    # that no record is makes one by its name there ("Government of Kuwait")
    data, _lines = _import(tmp_path, UNHCR)
    orgs = _orgs(data)
    assert sorted(orgs) == ["nz-1", "xm-dac-41121"]
    txs = yaml.safe_load((data / "projects" / "2023.yaml").read_text(encoding="utf-8"))["iati"]["transaction"]
    assert "aidlod-organisation" not in txs[0]["provider-org"][0]  # New Zealand: linked by its ref, as before
    assert txs[1]["provider-org"] == [{"type": "70", "narrative": {"en": "Private donors"}}]  # as stated
    assert _linked(data) == {("provider-org", "nz-1#id")}


# USAID's activity US-GOV-1-602-SSH-1060203 in the Comoros (tests/test_iati_import_real20.py has it with its source),
# cut to a disbursement: its receiver, without ref, is named as the activity's implementing participating-org
# XM-DAC-63000, "Enterprise - Non United States Other": a kind of partner, USAID's for the partners it does not
# name (63000 is the CRS channel code of the private sector in a third country), so neither makes a record
# (tests/test_iati_import_real22.py); a receiver named otherwise makes one.
USAID_COMOROS = (
    '<iati-activity default-currency="USD" hierarchy="1" xml:lang="en"><iati-identifier>US-GOV-1-602-SSH-1060203'
    '</iati-identifier><reporting-org ref="US-GOV-1" type="10"><narrative>U.S. Agency for International Development'
    '</narrative></reporting-org><title><narrative xml:lang="en">Social Assistance</narrative></title>'
    '<participating-org ref="US-GOV-1" role="1" type="10"><narrative>U.S. Agency for International Development'
    '</narrative></participating-org><participating-org ref="XM-DAC-63000" role="4" type="70"><narrative>Enterprise - '
    'Non United States Other</narrative></participating-org><activity-status code="3"/><activity-date '
    'iso-date="2012-10-01" type="2"/><transaction ref="2BA39CCDD55A"><transaction-type code="3"/><transaction-date '
    'iso-date="2012-12-31"/><value value-date="2012-12-31">3624.00</value><receiver-org receiver-activity-id='
    '"XM-DAC-63000" type="70"><narrative>Enterprise - Non United States Other</narrative></receiver-org>'
    '</transaction></iati-activity>')


def test_a_disbursements_receiver_named_as_usaids_kind_of_partner_makes_no_record(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(USAID_COMOROS))
    assert sorted(_orgs(data)) == ["us-gov-1"]
    # its receiver an organisation of no record yet (named otherwise): one more, by its name
    other = USAID_COMOROS.replace("<narrative>Enterprise - Non United States Other</narrative></receiver-org>",
                                  "<narrative>Comoros Red Crescent</narrative></receiver-org>")
    (tmp_path / "two").mkdir()
    data, _lines = _import(tmp_path / "two", _file(other))
    assert sorted(_orgs(data)) == ["comoros-red-crescent", "us-gov-1"]


# Y Care International's incoming funds as IATI Publisher's tests keep them (tests/test_iati_import_quirks57.py has
# the activity with its source): the provider "DFID" stated with ref="DFID", a short form of its name (no
# registration agency's prefix and hyphen, no number) that no record holds, is a party named "DFID": a record of
# that name, without identifier; the ref stays as stated. The receiver "YCI", named as the participating-org
# GB-CHC-1109789, is that organisation, as before.
YCARE = ('<iati-activity xml:lang="en" default-currency="GBP" humanitarian="0" hierarchy="1">'
         '<iati-identifier>NP-IRD-qareg1-24</iati-identifier>'
         '<reporting-org type="21" ref="GB-CHC-1109789"><narrative xml:lang="en">Y Care International</narrative>'
         '</reporting-org><title><narrative xml:lang="en">Improving sexual and reproductive health</narrative></title>'
         '<participating-org ref="GB-CHC-1109789" type="21" role="4"><narrative xml:lang="en">Y Care International'
         '</narrative></participating-org><activity-status code="3"/><activity-date type="2" iso-date="2016-01-01"/>'
         '<transaction ref="Income from DFID YR2 Q3" humanitarian="0"><transaction-type code="1"/>'
         '<transaction-date iso-date="2016-11-15"/><value currency="GBP" value-date="2016-11-15">35650.97</value>'
         '<provider-org ref="DFID" type="10"><narrative xml:lang="en">DFID</narrative></provider-org>'
         '<receiver-org ref="YCI" receiver-activity-id="GB-CHC-1109789" type="21"><narrative xml:lang="en">'
         'Y Care International</narrative></receiver-org></transaction></iati-activity>')


def test_a_short_form_of_a_name_as_ref_makes_a_record_by_the_name(tmp_path: Path) -> None:
    data, _lines = _import(tmp_path, _file(YCARE))
    orgs = _orgs(data)
    assert sorted(orgs) == ["dfid", "gb-chc-1109789"]
    assert {k: v for k, v in orgs["dfid"].items() if k != "source"} == {"id": "dfid", "name": {"en": "DFID"},
                                                                        "type": "10"}
    [tx] = yaml.safe_load((data / "projects" / "np-ird-qareg1-24.yaml").read_text(encoding="utf-8"))["iati"][
        "transaction"]
    assert tx["provider-org"][0]["ref"] == "DFID" and tx["provider-org"][0]["aidlod-organisation"] == "dfid"
    assert tx["receiver-org"][0]["aidlod-organisation"] == "gb-chc-1109789"


_DISBURSEMENT = ('<transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value '
                 'currency="USD" value-date="2020-01-01">10</value>{}</transaction>')


def test_a_party_that_names_no_one_makes_no_record(tmp_path: Path) -> None:
    # no ref and no narrative, a ref of spaces, an empty narrative, a type alone, a placeholder, a kind of
    # organisation: kept as stated, no record
    parties = ['<receiver-org/>', '<receiver-org ref="   "/>', '<receiver-org ref=" "><narrative/></receiver-org>',
               '<provider-org type="10"/>', '<receiver-org><narrative>Name Withheld</narrative></receiver-org>',
               '<receiver-org type="22"><narrative>National NGO</narrative></receiver-org>',
               '<receiver-org ref="XM-DAC-41122-A"/>']  # the activity's own identifier, no name
    body = '<title><narrative>A</narrative></title>' + "".join(_DISBURSEMENT.format(p) for p in parties)
    data, lines = _import(tmp_path, _file(_activity("XM-DAC-41122-A", body)))
    assert sorted(_orgs(data)) == ["xm-dac-41122"], lines


def test_a_ref_of_several_organisations_or_an_activitys_stays_as_stated_and_the_names_make_the_records(
        tmp_path: Path) -> None:
    # a CRS channel code the file states for two organisations, and the activity's own identifier as a ref: not
    # their identifiers; each party is a record by its name
    parties = ['<receiver-org ref="22000"><narrative>Oxfam</narrative></receiver-org>',
               '<receiver-org ref="22000"><narrative>CARE</narrative></receiver-org>',
               '<receiver-org ref="XM-DAC-41122-A"><narrative>Partner of the outcome</narrative></receiver-org>']
    body = '<title><narrative>A</narrative></title>' + "".join(_DISBURSEMENT.format(p) for p in parties)
    data, _lines = _import(tmp_path, _file(_activity("XM-DAC-41122-A", body)))
    orgs = _orgs(data)
    assert sorted(orgs) == ["care", "oxfam", "partner-of-the-outcome", "xm-dac-41122"]
    assert not [o for o in orgs.values() if o.get("iati_identifier") in ("22000", "XM-DAC-41122-A")]
    txs = yaml.safe_load((data / "projects" / "a.yaml").read_text(encoding="utf-8"))["iati"]["transaction"]
    assert [(t["receiver-org"][0]["ref"], t["receiver-org"][0]["aidlod-organisation"]) for t in txs] == [
        ("22000", "oxfam"), ("22000", "care"), ("XM-DAC-41122-A", "partner-of-the-outcome")]
