"""IATI import of real publishers' files not tried before, round 19 (docs/iati.md, "Real files tried, 2026-12-07
(branch real-files-19)")."""

from __future__ import annotations

import html
import re
from pathlib import Path

from aidlod.build import build
from aidlod.site.text import clipped, clusters
from test_iati_import_quirks import _file, _import

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
