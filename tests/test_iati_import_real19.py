"""IATI import of real publishers' files not tried before, round 19 (docs/iati.md, "Real files tried, 2026-12-07
(branch real-files-19)")."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from aidlod.build import build
from aidlod.site.text import clipped, clusters
from test_iati_import_quirks import _file, _import, _rows

# The paragraphs of the conditions the IATI Validator's test file pads UNDP's activity with.
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Mauris nisl arcu, lobortis eget accumsan ut, "
         "feugiat sit amet magna. In hac habitasse platea dictumst. Vivamus tempus elit at eleifend dictum. Sed "
         "posuere posuere pulvinar. Etiam fringilla, neque vitae venenatis ultrices, nisl felis venenatis diam, in "
         "tempor risus felis aliquet orci. Vivamus id est erat. Curabitur elementum ex porttitor, vulputate nibh "
         "eget, tempus sem.")


def _condition(paragraphs: int, text: str = LOREM) -> str:
    """A condition as the file writes it: a word a line, indented, paragraphs between empty lines."""
    words = "\n\n".join("\n".join(f"            {word}" for word in text.split()) for _ in range(paragraphs))
    return f'<condition type="1"><narrative>\n{words}\n        </narrative></condition>'


# UNDP's Gabon activity XM-DAC-41114-PROJECT-00042420 as the IATI Validator's test file holds it (IATI/js-validator-
# api integration-tests/test-files/error_at_70076_in_early_activity.xml at bc379a86bd69ea2164d6b8d9572ac0637ac3c071:
# UNDP's file of 2022-05-25, xml:lang="fr" on English texts, its conditions padded with some 1.3 MB of lorem
# ipsum, a word a line), cut to its title, dates, partner and a condition of 14 paragraphs (6,000 characters)
# and a short one.
UNDP_GABON = ('<iati-activity last-updated-datetime="2022-05-25T14:41:34" default-currency="USD" xml:lang="fr" '
              'humanitarian="0" hierarchy="1"><iati-identifier>XM-DAC-41114-PROJECT-00042420</iati-identifier>'
              '<reporting-org ref="XM-DAC-41114" type="40"><narrative>United Nations Development Programme'
              '</narrative></reporting-org><title><narrative>Management Plan</narrative></title>'
              '<participating-org role="4" type="40" ref="XM-DAC-41114"><narrative>United Nations Development '
              'Programme</narrative></participating-org><activity-status code="2"/>'
              '<activity-date type="2" iso-date="2006-01-01"/><activity-date type="3" iso-date="2022-12-31"/>'
              '<recipient-country code="GA"><narrative>Gabon</narrative></recipient-country>'
              f'<conditions attached="1">{_condition(14)}{_condition(1, LOREM[:56])}</conditions></iati-activity>')


def test_a_part_named_by_a_long_text_is_labelled_by_its_first_words(tmp_path: Path) -> None:
    # Each condition of 6,000 characters was its own label: the page listed it in full three times (its
    # text, the list of the activity's parts and the part's heading). The label is now its first words and
    # "…"; the text is on the page once in full, and a short condition is its own label as before.
    data, _lines = _import(tmp_path, _file(UNDP_GABON))
    site = tmp_path / "site"
    build(data, site)
    page = (site / "project" / "project-00042420.fr.html").read_text(encoding="utf-8")
    text = " ".join(" ".join(LOREM for _ in range(14)).split())
    body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    seen = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert seen.count(text) == 1, seen.count(text)  # its own row: all of it, once
    heads = re.findall(r'<tbody id="iati-conditions-1-condition-(\d)" class="part">\s*<tr class="part-head">'
                       r'<th[^>]*><span>(.*?)</span>', body, flags=re.S)
    assert [n for n, _ in heads] == ["1", "2"], heads
    assert heads[0][1] == "Condition: " + clipped(text) and heads[0][1].endswith("nisl felis…"), heads[0][1]
    assert len(heads[0][1]) < 320, len(heads[0][1])
    # a short text is its own label
    assert heads[1][1] == "Condition: Lorem ipsum dolor sit amet, consectetur adipiscing elit.", heads[1][1]


def test_a_long_text_is_cut_after_a_word_or_between_characters() -> None:
    assert clipped("short") == "short"
    assert clipped("word " * 100, 30) == "word word word word word…"
    # no space in the second half of what is kept: cut between characters, never inside one
    assert clipped("中文" * 200, 11) == "中文中文中文中文中文…"
    nepali = "नमस्ते" * 100  # vowel signs and a virama after their letters
    cut = clipped(nepali, 10)
    kept = ""
    for cluster in clusters(nepali):
        if len(kept) >= len(cut) - 1:
            break
        kept += cluster
    assert cut == kept + "…" and len(cut) <= 10, cut


# 11.11.11's (the Flemish NGOs' umbrella, BE-BCE_KBO-0421210424) file of 2021-04-30 (AidStream, 2.02, Dutch,
# French and English) as joshbrooks/pydantic-iati keeps it (pydanticiati/data/sample/111111_publisher-activities.xml
# at 2e79e7a233bebeba05cb97f0a75f63af3fa7c1ec), cut to its programme and one of its outcomes: the programme states
# no related activity, the outcome states the programme its parent.
KOEPEL = ('<iati-activity last-updated-datetime="2021-04-30T07:51:33+00:00" xml:lang="nl" default-currency="EUR" '
          'humanitarian="0" hierarchy="1" linked-data-uri=""><iati-identifier>BE-BCE_KBO-0421210424-KOEPELPROG2017-'
          '2021</iati-identifier><reporting-org type="22" ref="BE-BCE_KBO-0421210424"><narrative xml:lang="nl">Koepel '
          'van de Vlaamse Noord-Zuidbeweging 11.11.11 VZW</narrative></reporting-org><title><narrative xml:lang="nl">'
          '11.11.11 KOEPEL-PROGRAMMA 2017-2021</narrative><narrative xml:lang="en">11.11.11 UMBRELLA-PROGRAM 2017-2021'
          '</narrative></title><participating-org ref="XM-DAC-2-10" type="10" role="1" activity-id="XM-DAC-2-10-1240">'
          '<narrative>BELGIAN DEVELOPMENT COOPERATION</narrative></participating-org><activity-status code="2"/>'
          '<activity-date type="2" iso-date="2017-01-01"/><recipient-country code="BE" percentage="100"/>'
          '</iati-activity>')
KOEPEL_SD3 = ('<iati-activity last-updated-datetime="2021-04-30T08:02:41+00:00" xml:lang="nl" default-currency="EUR" '
              'humanitarian="0" hierarchy="2" linked-data-uri=""><iati-identifier>BE-BCE_KBO-0421210424-KOEPELPROG'
              '2017-2021_SD3</iati-identifier><reporting-org type="22" ref="BE-BCE_KBO-0421210424"><narrative '
              'xml:lang="nl">Koepel van de Vlaamse Noord-Zuidbeweging 11.11.11 VZW</narrative></reporting-org><title>'
              '<narrative xml:lang="nl">KOEPELPROG 2017-2021_OUTCOME_ONTWIKKELINGSBELEID EN GEINTEGREERD BELEID'
              '</narrative><narrative xml:lang="en">UMBRELLA-PROGRAM 2017-2021_OUTCOME_DEVELOPMENT POLICY AND '
              'INTEGRATED POLICY</narrative></title><participating-org ref="XM-DAC-2-10" type="10" role="1" '
              'activity-id="XM-DAC-2-10-1240"><narrative>BELGIAN DEVELOPMENT COOPERATION</narrative></participating-'
              'org><activity-status code="2"/><activity-date type="2" iso-date="2017-01-01"/><recipient-country '
              'code="BE" percentage="100"/><related-activity ref="BE-BCE_KBO-0421210424-KOEPELPROG2017-2021" '
              'type="1"/></iati-activity>')


def _related(page: Path) -> list[str]:
    """The rows of a project page's table of related activities, as a reader sees them."""
    text = page.read_text(encoding="utf-8")
    table = re.search(r'<table class="related">.*?</table>', text, flags=re.S)
    rows = re.findall(r"<tr><td>.*?</tr>", table.group(0), flags=re.S) if table else []
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


def test_a_parent_lists_the_children_that_name_it(tmp_path: Path) -> None:
    # The outcome names the programme its parent; the programme names no child. The outcome's page linked the
    # programme, the programme's page had no table of related activities: its child was among the page's
    # "Referenced by" alone. The programme's table now lists it, said to be stated by the child; its record
    # and IATI export state what its file states, no related-activity.
    data, _lines = _import(tmp_path, _file(KOEPEL, KOEPEL_SD3, root='version="2.02"'))
    site = tmp_path / "site"
    build(data, site)
    assert _related(site / "project" / "koepelprog2017-2021.en.html") == [
        "2 – Child (as that activity states) UMBRELLA-PROGRAM 2017-2021_OUTCOME_DEVELOPMENT POLICY AND INTEGRATED "
        "POLICY ( BE-BCE_KBO-0421210424-KOEPELPROG2017-2021_SD3 )"]
    assert _related(site / "project" / "koepelprog2017-2021.nl.html") == [
        "2 – Onderliggend (volgens die activiteit) KOEPELPROG 2017-2021_OUTCOME_ONTWIKKELINGSBELEID EN "
        "GEINTEGREERD BELEID ( BE-BCE_KBO-0421210424-KOEPELPROG2017-2021_SD3 )"]
    assert _related(site / "project" / "koepelprog2017-2021-sd3.en.html") == [
        "1 – Parent 11.11.11 UMBRELLA-PROGRAM 2017-2021 ( BE-BCE_KBO-0421210424-KOEPELPROG2017-2021 )"]
    exported = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert exported.count("<related-activity ") == 1, exported


# 11.11.11's Burundi outcome (the same file), cut to its partners, two of its 2020 commitments and two of its
# 2019 disbursements: from 2019 on, AidStream wrote the outcome's own identifier (with a no-break space after it)
# as each partner's receiver-org ref, and the parent programme's as the provider-org ref.
BURUNDI_TX = ('<transaction><transaction-type code="{type}"/><transaction-date iso-date="{day}"/><value '
              'currency="EUR" value-date="{day}">{value}</value>{provider}<receiver-org {receiver} type="22">'
              '<narrative xml:lang="fr">{name}</narrative></receiver-org></transaction>')
BURUNDI_ID = "BE-BCE_KBO-0421210424-PROG2017-2021_BI_ZSD2"
BURUNDI = ('<iati-activity last-updated-datetime="2021-04-30T08:10:41+00:00" xml:lang="nl" default-currency="EUR" '
           f'humanitarian="0" hierarchy="2" linked-data-uri=""><iati-identifier>{BURUNDI_ID}</iati-identifier>'
           '<reporting-org type="22" ref="BE-BCE_KBO-0421210424"><narrative xml:lang="nl">Koepel van de Vlaamse '
           'Noord-Zuidbeweging 11.11.11 VZW</narrative></reporting-org><title><narrative xml:lang="fr">PROG '
           '2017-2021_Outcome_ZSD2 Program Burundi</narrative></title><participating-org ref="XM-DAC-2-10" '
           'type="10" role="1" activity-id="XM-DAC-2-10-1089"><narrative>BELGIAN DEVELOPMENT COOPERATION'
           '</narrative></participating-org><participating-org type="22" role="4"><narrative>BIRATURABA</narrative>'
           '</participating-org><participating-org type="22" role="4"><narrative>Observatoire de l&#x2019;Action '
           'Gouvernementale (OAG)</narrative></participating-org><activity-status code="2"/><activity-date type="2" '
           'iso-date="2017-01-01"/><recipient-country code="BI" percentage="100"/>'
           + BURUNDI_TX.format(type=3, day="2019-12-31", value=42000, name="Biraturaba",
                               provider='<provider-org provider-activity-id="BE-BCE_KBO-0421210424-PROG2017-2021" '
                                        'type="22"/>', receiver=f'receiver-activity-id="{BURUNDI_ID}&#xA0;"')
           + BURUNDI_TX.format(type=3, day="2019-12-31", value=36000, name="Observatoire de l&#x2019;Action "
                               "Gouvernementale (OAG)", provider='<provider-org provider-activity-id="BE-BCE_KBO-'
                               '0421210424-PROG2017-2021" type="22"/>', receiver=f'receiver-activity-id="{BURUNDI_ID}"')
           + "".join(BURUNDI_TX.format(type=2, day="2020-01-01", value=value, name=name,
                                       provider='<provider-org ref="BE-BCE_KBO-0421210424-PROG2017-2021" type="22"/>',
                                       receiver=f'ref="{BURUNDI_ID}&#xA0;"')
                     for value, name in ((42000, "Biraturaba"), (36000, "OAG"), (42000, "REJA"),
                                         (2500, "Bonne puissance")))
           + '<related-activity ref="BE-BCE_KBO-0421210424-PROG2017-2021" type="1"/></iati-activity>')


def test_an_activity_identifier_stated_as_an_organisation_ref_is_no_organisation(tmp_path: Path) -> None:
    # The receiver-org ref of Biraturaba, OAG, REJA and Bonne puissance was the outcome's own identifier: the
    # import made an organisation record of it, named "Biraturaba" (the first name it came with), and linked the
    # four partners to it by the ref: Biraturaba's page counted EUR 122,500 of commitments of 2020, OAG's, REJA's
    # and Bonne puissance's among them; the provider-org ref, the parent programme's identifier, was an
    # organisation record too. The import now says that each ref is an activity's identifier, makes no record of
    # it, and links each partner by its name (Biraturaba to its record; the others, named otherwise than any
    # participating-org, to a record of their name: every named party of a transaction is an organisation, docs/iati.md
    # "Transaction parties"); the ref stays as stated.
    data, lines = _import(tmp_path, _file(BURUNDI, root='version="2.02"'))
    notes = [line for line in lines if "is the identifier of an activity" in line]
    assert len(notes) == 2 and any(repr(BURUNDI_ID) in n for n in notes), lines
    records = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in (data / "organisations").glob("*.yaml")]
    assert not [r for r in records if "PROG2017-2021" in str(r.get("iati_identifier"))], records
    site = tmp_path / "site"
    build(data, site)
    rows = [(r["value"], r["receiver_name"], r["receiver_org"].rsplit("/", 1)[-1], r["receiver_ref"], r["provider_ref"])
            for r in _rows(site, "transactions")]
    assert rows == [("42000", "Biraturaba", "biraturaba#id", "", ""),
                    ("36000", "Observatoire de l’Action Gouvernementale (OAG)",
                     "observatoire-de-laction-gouvernementale-oag#id", "", ""),
                    ("42000", "Biraturaba", "biraturaba#id", BURUNDI_ID, "BE-BCE_KBO-0421210424-PROG2017-2021"),
                    ("36000", "OAG", "oag#id", BURUNDI_ID, "BE-BCE_KBO-0421210424-PROG2017-2021"),
                    ("42000", "REJA", "reja#id", BURUNDI_ID, "BE-BCE_KBO-0421210424-PROG2017-2021"),
                    ("2500", "Bonne puissance", "bonne-puissance#id", BURUNDI_ID,
                     "BE-BCE_KBO-0421210424-PROG2017-2021")], rows
    exported = (site / "iati" / "activities.xml").read_text(encoding="utf-8")
    assert exported.count(f'<receiver-org ref="{BURUNDI_ID}"') == 4, exported
