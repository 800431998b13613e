"""Licences named by their SPDX identifiers, as publishers name them (``CC-BY-4.0``), in dataset.yaml and
in ``import-iati --licence``: read as the licence's address; a family without its version, or a name aidlod
does not know, refused with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from aidlod import licences
from aidlod.build import check
from aidlod.errors import InputError
from aidlod.iati.importer import import_iati
from aidlod.iris import SCHEMA

FIXTURE = Path(__file__).parent / "fixtures" / "iati" / "other-publisher.xml"
EU = "http://publications.europa.eu/resource/authority/licence/"


@pytest.mark.parametrize(("given", "address", "eu_code"), [
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "CC_BY_4_0"),
    ("cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "CC_BYSA_4_0"),
    (" CC-BY-NC-ND-3.0 ", "https://creativecommons.org/licenses/by-nc-nd/3.0/", "CC_BYNCND_3_0"),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0"),
    ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "ODC_BL"),
    ("ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/", "ODC_BY"),
    ("PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/", "ODC_PDDL"),
    ("OGL-UK-3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "OGL_3_0"),
    ("NLOD-2.0", "https://data.norge.no/nlod/en/2.0", "NLOD_2_0"),
    ("DL-DE-BY-2.0", "https://www.govdata.de/dl-de/by-2-0", None),  # not in the EU authority's table here
])
def test_an_spdx_identifier_is_its_licences_address(given: str, address: str, eu_code: str | None) -> None:
    assert licences.by_identifier(given) == address
    assert licences.resolve(given) == address
    assert licences.eu_licence(address) == (None if eu_code is None else EU + eu_code)


@pytest.mark.parametrize("given", ["https://creativecommons.org/licenses/by/4.0/", "MIT", "CC-BY", "CC-BY-5.0",
                                   "CC-BY-NC-ND-1.0", "cc-by-4.0-igo"])
def test_anything_else_is_not_an_identifier(given: str) -> None:
    assert licences.by_identifier(given) is None
    assert licences.resolve(given) == given


def _dataset_with_licence(data_copy: Path, licence: str) -> None:
    path = data_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    old = "licence: http://publications.europa.eu/resource/authority/licence/NLOD_2_0"
    assert old in text
    path.write_text(text.replace(old, f"licence: {licence}"), encoding="utf-8")


def test_a_dataset_yaml_licence_by_its_spdx_identifier_is_published_as_its_address(data_copy: Path) -> None:
    _dataset_with_licence(data_copy, "NLOD-2.0")
    checked = check(data_copy)
    assert not checked.errors
    stated = {o for s, p, o in checked.mapped.triples if p == SCHEMA.license}
    assert stated == {URIRef("https://data.norge.no/nlod/en/2.0")}


@pytest.mark.parametrize(("licence", "said"), [
    ("cc-by", "'cc-by' names no licence version: write its SPDX identifier with the version (CC-BY-4.0,"),
    ("ODbL", "'ODbL' names no licence version"),
    ("MIT", "'MIT' is neither an http(s) IRI nor an SPDX licence identifier aidlod knows (CC-BY-4.0,"),
])
def test_a_licence_without_version_or_unknown_is_refused_with_what_to_write(data_copy: Path, licence: str,
                                                                             said: str) -> None:
    _dataset_with_licence(data_copy, licence)
    with pytest.raises(InputError) as raised:
        check(data_copy)
    [problem] = raised.value.problems
    assert (problem.file.endswith("dataset.yaml"), problem.field) == (True, "licence")
    assert said in problem.message


def test_import_iati_takes_the_licence_by_its_spdx_identifier(tmp_path: Path) -> None:
    import_iati(FIXTURE, tmp_path / "data", licence="cc-by-4.0", base_iri="https://example.org/aid/")
    text = (tmp_path / "data" / "dataset.yaml").read_text(encoding="utf-8")
    assert "licence: https://creativecommons.org/licenses/by/4.0/\n" in text

    with pytest.raises(InputError, match="'cc-by' names no licence version"):
        import_iati(FIXTURE, tmp_path / "other", licence="cc-by", base_iri="https://example.org/aid/")
    assert not (tmp_path / "other").exists()


# import-iati's --licence is checked once, before any file: a name without its version was refused by each file of
# the run, naming a dataset.yaml not yet written; one given for a folder whose dataset.yaml states its own licence
# was left unused without a word (as --base-iri was).
def test_import_iati_checks_its_licence_once_and_says_when_it_is_not_used(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aidlod.cli import main

    def run(into: Path, licence: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["import-iati", str(FIXTURE), str(FIXTURE), "--into", str(into),
                                           "--licence", licence, "--base-iri", "https://example.org/aid/", "-q",
                                           "--replace"])
        return result.exit_code, result.output

    status, said = run(tmp_path / "a", "cc-by")
    assert status == 1 and not (tmp_path / "a").exists()
    assert said.count("names no licence version") == 1 and "dataset.yaml" not in said, said
    assert said.endswith("; nothing was imported.\n"), said
    status, said = run(tmp_path / "a", "CC-BY-4.0")
    assert status == 0 and "--licence" not in said, said
    status, said = run(tmp_path / "a", "https://creativecommons.org/licenses/by/4.0/")  # the same licence
    assert status == 0 and "--licence" not in said, said
    status, said = run(tmp_path / "a", "NLOD-2.0")
    assert status == 0, said
    assert ("--licence 'NLOD-2.0' is not used: " in said
            and "states the dataset's licence, https://creativecommons.org/licenses/by/4.0/; edit it there" in said)
