"""IATI import of a file holding a character XML 1.0 does not allow: refused, saying which, where and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlod.errors import InputError
from aidlod.iati.importer import import_iati

# Syria Relief's activity (AidStream's export, iati-data-access/iati-flattener iatiflattener/tests/fixtures/
# sr-activity.xml at c8f0c0bc6fbd16a3c11e32b6a4b885ea64f0cfdd), cut to its identifier (which states an & as
# &amp;), reporting-org, title and description; the control character in the description is put there by the
# test, as a spreadsheet's line break within a cell leaves it in files exported from one.
SYRIA_RELIEF = ('<?xml version="1.0"?>\n<iati-activities version="2.03">\n<iati-activity xml:lang="en" '
                'default-currency="USD">\n<iati-identifier>GB-CHC-1143797-Health and nutrition, Education, Protection, '
                'WASH, Food security &amp; livelihood, and Emergency</iati-identifier>\n<reporting-org type="23" '
                'ref="GB-CHC-1143797"><narrative>Syria Relief</narrative></reporting-org>\n<title><narrative>Alleviate '
                'the suffering of Syrians</narrative></title>\n<description type="1"><narrative>directly{char}aid '
                'civilians and displaced communities</narrative></description>\n</iati-activity>\n</iati-activities>\n')
ACTIVITY = ("in activity 'GB-CHC-1143797-Health and nutrition, Education, Protection, WASH, Food security & "
            "livelihood, and Emergency' (the file's iati-activity number 1)")


def _refused(tmp_path: Path, text: str) -> str:
    source = tmp_path / "sr-activity.xml"
    source.write_bytes(text.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        import_iati(source, tmp_path / "data", licence="https://creativecommons.org/licenses/by/4.0/",
                    base_iri="http://example.org/")
    [problem] = caught.value.problems
    return problem.message


# Before, the import said libxml2's words alone ("PCDATA invalid Char value 11"), which no publisher can act
# on, and named the activity by its identifier as the file's bytes write it ("Food security &amp; livelihood"),
# not as every other message of the import names it.
@pytest.mark.parametrize(("char", "said", "what"), [
    ("\x0b", "PCDATA invalid Char value 11, line 7, column 42", "U+000B (line tabulation), a control character, "
     "is not allowed in an XML 1.0 document, which allows tab, line feed and carriage return alone of the control "
     "characters; here it most likely stands for a line break within a cell, as spreadsheets write it"),
    ("\x00", "Invalid character: Char 0x0 out of allowed range, line 7, column 42",
     "U+0000 (null), a control character, is not allowed"),
    ("\x1f", "PCDATA invalid Char value 31, line 7, column 42", "U+001F, a control character, is not allowed"),
])
def test_a_control_character_in_a_text_is_named_with_what_to_do(tmp_path: Path, char: str, said: str,
                                                                 what: str) -> None:
    message = _refused(tmp_path, SYRIA_RELIEF.format(char=char))
    assert message.startswith(f"is not well-formed XML: {said} (sr-activity.xml, line 7), {ACTIVITY} ({what}")
    assert "\n" not in message
    assert message.endswith("the file is not XML as it stands; the publisher's system should write a space or a "
                            "line break there, or leave it out; aidlod does not guess which)")


def test_a_control_character_in_an_attribute_is_told_as_one(tmp_path: Path) -> None:
    text = SYRIA_RELIEF.format(char=" ").replace('ref="GB-CHC-1143797"', 'ref="GB-CHC-1143797\x0c"')
    message = _refused(tmp_path, text)
    assert "invalid character in attribute value" in message and ACTIVITY in message
    assert "(a control character is not allowed in an XML 1.0 document" in message
