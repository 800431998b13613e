"""``import-iati`` and libxml2's limits, which the import keeps (``huge_tree`` off) against files that would take
the machine's memory: a file past one was refused with the parser's own words, "Resource limit exceeded: Text node
too long, try XML_PARSE_HUGE", naming an option no aidlod user can give. The refusal now says which limit, why it
is kept and what to change; a long narrative below the limit is imported whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidlod.errors import InputError
from aidlod.iati.importer import import_iati

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
BASE = "https://example.org/x/"
HEAD = ('<iati-activities version="2.03"><iati-activity default-currency="EUR" xml:lang="en">'
        "<iati-identifier>XM-EXAMPLE-1</iati-identifier>"
        '<reporting-org ref="XM-EXAMPLE" type="21"><narrative>An NGO</narrative></reporting-org>'
        "<title><narrative>A project</narrative></title>")
FOOT = '<activity-status code="2"/></iati-activity></iati-activities>'


def _file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "activities.xml"
    path.write_text(HEAD + body + FOOT, encoding="utf-8")
    return path


def test_a_text_past_the_parsers_limit_is_refused_with_what_to_change(tmp_path: Path) -> None:
    path = _file(tmp_path, "<description><narrative>" + "A whole report pasted in. " * 400_000
                 + "</narrative></description>")
    with pytest.raises(InputError) as caught:
        import_iati(path, tmp_path / "data", licence=CC_BY, base_iri=BASE)
    said = caught.value.problems[0].message
    assert "XML_PARSE_HUGE" not in said, said
    assert said.startswith("is not well-formed XML: one text is longer than 10 MB, the most the import reads in one "
                           "text"), said
    assert "shorten it in the file" in said and "in activity 'XM-EXAMPLE-1'" in said
    assert not (tmp_path / "data").exists()


def test_elements_nested_past_the_parsers_limit_are_refused_with_what_it_means(tmp_path: Path) -> None:
    path = _file(tmp_path, "<description>" + "<x>" * 300 + "</x>" * 300 + "</description>")
    with pytest.raises(InputError) as caught:
        import_iati(path, tmp_path / "data", licence=CC_BY, base_iri=BASE)
    said = caught.value.problems[0].message
    assert "XML_PARSE_HUGE" not in said, said
    assert said.startswith("is not well-formed XML: elements are nested more than 256 deep, past the limit the "
                           "import keeps"), said
    assert "the file is broken, or not an IATI file" in said


def test_a_long_narrative_below_the_limit_is_imported_whole(tmp_path: Path) -> None:
    text = "A long description. " * 4_500  # 90 000 characters, below the records' 100 000 for a text
    path = _file(tmp_path, f"<description><narrative>{text}</narrative></description>")
    import_iati(path, tmp_path / "data", licence=CC_BY, base_iri=BASE)
    [project] = (tmp_path / "data" / "projects").glob("*.yaml")
    assert yaml.safe_load(project.read_text(encoding="utf-8"))["description"]["en"] == text.strip()
