"""The fast validator finds exactly what pySHACL finds, on faulty synthetic data and on the seed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from aidlod import mapping, records
from aidlod import validation as validate
from aidlod.validation import fastshacl
from conftest import PYSHACL_GROUP

ROOT = Path(__file__).resolve().parents[1]
pytestmark = PYSHACL_GROUP


def test_fast_findings_equal_pyshacl_on_faulty_synthetic_data(
        faulty_mapped: mapping.Mapped, pyshacl_reference: list[validate.Finding]) -> None:
    fast = validate.find(faulty_mapped, "fast")
    assert len(pyshacl_reference) >= 60  # every fault and the missing-amount warnings
    assert {f.severity for f in pyshacl_reference} == {"Violation", "Warning"}
    assert fast == pyshacl_reference


def test_both_validators_name_the_node_shape_and_keep_the_value_as_a_term(
        faulty_mapped: mapping.Mapped, pyshacl_reference: list[validate.Finding]) -> None:
    """What a report needs beyond the six compared texts: the rule's node shape, the value's RDF term."""
    fast = validate.find(faulty_mapped, "fast")
    assert [(f.shape, f.term, type(f.term)) for f in fast] == \
        [(f.shape, f.term, type(f.term)) for f in pyshacl_reference]
    shapes = {f.shape.rsplit("#", 1)[-1] for f in fast}
    assert {"ProjectShape", "GrantShape", "MonetaryAmountShape", "SectorAllocationShape"} <= shapes
    assert all(f.value == ("" if f.term is None else str(f.term)) for f in fast)


def test_fast_findings_equal_pyshacl_on_the_seed_data() -> None:
    mapped = mapping.map_records(records.load(ROOT / "data"))
    assert validate.find(mapped, "fast") == validate.run_pyshacl(mapped.graph)


def test_links_of_iati_elements_to_undefined_records_are_found_by_both(data_copy: Path) -> None:
    """``sh:targetSubjectsOf`` (the links an iati field's elements make by aidlod-organisation and
    aidlod-country): the fast validator finds what pySHACL finds, on the element nodes."""
    with (data_copy / "projects" / "bulgaria.yaml").open("a", encoding="utf-8") as out:
        out.write("  participating-org:\n    - {role: '4', aidlod-organisation: seldy, source_section: Bulgaria}\n"
                  "    - {role: '1', aidlod-organisation: mfa, source_section: Bulgaria}\n"
                  "  recipient-country:\n    - {code: BG, aidlod-country: bgx, source_section: Bulgaria}\n")
    mapped = mapping.map_records(records.load(data_copy))
    fast = validate.find(mapped, "fast")
    assert fast == validate.run_pyshacl(mapped.graph)
    dangling = sorted((f.path.rsplit("#", 1)[-1], f.value.rsplit("/", 1)[-1], f.shape.rsplit("#", 1)[-1])
                      for f in fast if f.severity == "Violation")
    assert dangling == [("country", "bgx#id", "CountryLinkShape"),
                        ("organisation", "seldy#id", "OrganisationLinkShape")]


def test_problems_are_the_same_whichever_validator(faulty_mapped: mapping.Mapped,
                                                   pyshacl_reference: list[validate.Finding]) -> None:
    """``validate(mapped, "pyshacl")`` is ``split(locate(find(mapped, "pyshacl")))``, the reference."""
    assert validate.validate(faulty_mapped, "fast") == validate.split(validate.locate(pyshacl_reference, faulty_mapped))


def test_shapes_beyond_the_subset_are_refused_so_the_caller_falls_back() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .
    """, format="turtle")
    with pytest.raises(fastshacl.Unsupported):
        fastshacl.Validator(shapes)


def test_unknown_validator_name_is_an_error(faulty_mapped: mapping.Mapped) -> None:
    with pytest.raises(ValueError, match="unknown validator"):
        validate.find(faulty_mapped, "jena")
