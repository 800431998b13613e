"""IATI import and build of the IATI Validator's test files (IATI/js-validator-api
integration-tests/test-files): valid data kept whole, bad input refused with a message naming the
file, the activity and the element. Each case is cut down from the file named in its comment."""

from __future__ import annotations

from lxml import etree

from aidlod.iati import completeness, ruleset, safe_parser


def _activity(places: str) -> bytes:
    return ('<iati-activities version="2.03"><iati-activity default-currency="USD">'
            '<iati-identifier>AA-AAA-123456789-ABC123</iati-identifier>'
            '<reporting-org ref="AA-AAA-123456789" type="40"><narrative>Organisation name</narrative></reporting-org>'
            f'<activity-date iso-date="2012-04-28" type="2"/>{places}'
            '<sector vocabulary="1" code="11110" percentage="100"/></iati-activity></iati-activities>').encode()


def _sums(xml: bytes) -> list[str]:
    doc = etree.fromstring(xml, safe_parser())
    out = []
    for _, spec in completeness.rulesets():
        failures, _ = ruleset.check(doc, spec)
        out += [f.message for f in failures if f.rule == "sum"]
    return out


# The IATI Standard's own example activity (iati-multi-act-self-closed.xml, iati-dup-activity-ids.xml,
# AA-AAA-123456789-ABC123): countries AF 25 and AG 25, region 489 of the OECD DAC vocabulary (1) 50
# and region A1 of the publisher's own (99) 50. The 2.03 schema: "Percentages for all reported
# countries and regions within a vocabulary MUST add up to 100"; the 2018 ruleset summed every
# vocabulary's regions together, and the build reported "add up to 150, not 100".
def test_country_and_region_percentages_add_up_within_each_region_vocabulary() -> None:
    countries = '<recipient-country code="AF" percentage="25"/><recipient-country code="AG" percentage="25"/>'
    example = _activity(countries + '<recipient-region code="489" vocabulary="1" percentage="50"/>'
                        '<recipient-region code="A1" vocabulary="99" percentage="50"/>')
    assert _sums(example) == []
    # without a vocabulary a region is of vocabulary 1; regions alone, or countries alone, add up too
    assert _sums(_activity(countries + '<recipient-region code="489" percentage="50"/>')) == []
    assert _sums(_activity('<recipient-region code="489" percentage="60"/>'
                           '<recipient-region code="A1" vocabulary="99" percentage="100"/>')) != []
    assert _sums(_activity('<recipient-region code="A1" vocabulary="2" percentage="100"/>')) == []
    # a vocabulary whose regions state no share is not summed (full-2.03.xml's region of vocabulary 99)
    assert _sums(_activity('<recipient-country code="KE" percentage="80"/><recipient-region code="1027" '
                           'vocabulary="1" percentage="20"/><recipient-region code="HOA" vocabulary="99"/>')) == []
    # a share that does not add up within a vocabulary is still found, and named
    [short] = _sums(_activity(countries + '<recipient-region code="489" vocabulary="1" percentage="50"/>'
                              '<recipient-region code="A1" vocabulary="99" percentage="40"/>'))
    assert "reporting organisation's region vocabulary (99)" in short and "90" in short
    [countries_only] = _sums(_activity('<recipient-country code="AF" percentage="25"/>'))
    assert countries_only.startswith("recipient-country percentages add up to 100")
