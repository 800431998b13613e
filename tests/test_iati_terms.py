"""ontology/iati-terms.yaml covers exactly the IATI 2.03 element and attribute names, each in English,
bokmål, French and Spanish."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "ontology" / "tools" / "iati_terms.py"


iati_terms = load_script("iati_terms", SCRIPT)


def test_terms_file_has_exactly_the_xsd_names() -> None:
    assert iati_terms.check() == []


def test_names_walked_from_the_xsds() -> None:
    names = iati_terms.collect()
    # A few names from each schema and from the common one, and the wrappers that are not records left out.
    elements = "iati-activity iati-organisation transaction provider-org period-start narrative value total-budget"
    assert set(f"{elements} budget-line document-link reporting-org".split()) <= set(names.elements)
    attributes = "code vocabulary iso-date provider-activity-id xml:lang value-date currency default-currency"
    assert set(attributes.split()) <= set(names.attributes)
    assert "iati-activities" not in names.elements and "version" not in names.attributes


@pytest.mark.parametrize("kind", ["elements", "attributes"])
def test_every_entry_has_labels_and_comments_in_every_term_language(kind: str) -> None:
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    assert terms[kind]
    assert {"en", "nb", "fr", "es", "de", "nl", "sv", "da", "it", "pt"} <= set(iati_terms.LANGUAGES)
    for name, entry in terms[kind].items():
        assert set(iati_terms.LANGUAGES) <= set(entry) <= {*iati_terms.LANGUAGES, *iati_terms.OPTIONAL}, name
        for language in entry:
            for key in ("label", "comment"):
                text = entry[language][key]
                assert isinstance(text, str) and text.strip(), f"{kind}.{name}.{language}.{key}"
            assert entry[language]["label"][0].isupper(), f"{kind}.{name}.{language}.label: sentence case"


def test_french_and_spanish_labels_follow_the_aid_terminology() -> None:
    """The IATI codelists' French names and the DAC's Spanish terms, one word for one English word."""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["fr"]["label"] == "Décaissement prévu"
    assert elements["planned-disbursement"]["es"]["label"] == "Desembolso previsto"
    assert elements["commitment-date"]["fr"]["label"] == "Date d'engagement"
    assert elements["commitment-date"]["es"]["label"] == "Fecha de compromiso"
    assert elements["recipient-org"]["fr"]["label"] == "Organisation bénéficiaire"
    assert elements["recipient-org"]["es"]["label"] == "Organización receptora"
    for name in ("recipient-country", "recipient-region", "recipient-org"):
        assert "bénéficiaire" in elements[name]["fr"]["label"], name
        assert "recept" in elements[name]["es"]["label"], name
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["fr"]["label"].endswith(" par défaut"), name
            assert entry["es"]["label"].endswith(("predeterminado", "predeterminada")), name


# Per language: labels that must be the words of its interface catalog (elements; "@name" an
# attribute), how its "Default …" labels read, and whether its labels are in sentence case (German
# capitalises nouns; Swedish, Danish and Dutch have few capitals to check).
CATALOG_WORDS: dict[str, tuple[dict[str, str], Callable[[str], bool], bool]] = {
    "de": ({"planned-disbursement": "Geplante Auszahlung", "commitment-date": "Zusagedatum",
            "participating-org": "Beteiligte Organisation", "tied-status": "Lieferbindung",
            "recipient-country": "Empfängerland", "recipient-region": "Empfängerregion",
            "recipient-org": "Empfängerorganisation"}, lambda label: label.startswith("Standard-"), False),
    "nl": ({"planned-disbursement": "Geplande betaling", "commitment-date": "Datum van verplichting",
            "participating-org": "Deelnemende organisatie", "baseline": "Nulmeting", "budget": "Begroting"},
           lambda label: label.startswith("Standaard"), False),
    "sv": ({"planned-disbursement": "Planerad utbetalning", "commitment-date": "Datum för åtagande",
            "participating-org": "Deltagande organisation", "baseline": "Utgångsvärde", "actual": "Utfall",
            "policy-marker": "Policymarkör"}, lambda label: label.startswith("Standard"), False),
    "da": ({"planned-disbursement": "Planlagt udbetaling", "commitment-date": "Tilsagnsdato",
            "participating-org": "Deltagende organisation", "baseline": "Udgangsværdi", "actual": "Faktisk værdi",
            "policy-marker": "Politikmarkør", "@value-date": "Valørdato"},
           lambda label: label.startswith("Standard"), False),
    "it": ({"planned-disbursement": "Erogazione prevista", "commitment-date": "Data dell'impegno",
            "participating-org": "Organizzazione partecipante", "baseline": "Valore di base",
            "actual": "Valore effettivo", "iati-identifier": "Identificativo IATI",
            "legacy-data": "Dati pregressi", "country-budget-items": "Voci del bilancio nazionale"},
           lambda label: label.endswith("predefinito"), True),
    "pt": ({"planned-disbursement": "Desembolso previsto", "commitment-date": "Data do compromisso",
            "participating-org": "Organização participante", "baseline": "Linha de base", "actual": "Realizado",
            "budget": "Orçamento", "country-budget-items": "Rubricas do orçamento nacional",
            "@value-date": "Data-valor"}, lambda label: label.endswith("padrão"), True),
}


@pytest.mark.parametrize("lang", sorted(CATALOG_WORDS))
def test_labels_follow_their_languages_interface_catalog(lang: str) -> None:
    """The words of each language's interface catalog (the German Zusage, the Swedish åtagande, the
    Italian erogazione…), its "Default …" labels alike, sentence case where the language writes it."""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    words, default, sentence_case = CATALOG_WORDS[lang]
    for name, label in words.items():
        kind, key = ("attributes", name[1:]) if name.startswith("@") else ("elements", name)
        assert terms[kind][key][lang]["label"] == label, name
    for name, entry in terms["elements"].items():
        if entry["en"]["label"].startswith("Default "):
            assert default(entry[lang]["label"]), name
        if sentence_case:  # no capital after the first word, but for acronyms
            assert not [w for w in entry[lang]["label"].split()[1:] if w[:1].isupper() and not w.isupper()], name


def test_an_optional_language_may_be_left_out_but_not_half_given(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A language being added (in OPTIONAL) is checked where an entry has it, and only there."""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    optional = "fi"
    monkeypatch.setattr(iati_terms, "OPTIONAL", (optional,))
    terms["attributes"]["code"][optional] = {"label": "Code"}
    terms["attributes"]["type"]["xx"] = {"label": "Type", "comment": "A type."}
    broken = tmp_path / "iati-terms.yaml"
    broken.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    problems = iati_terms.check(broken)
    assert problems == [f"attributes.code.{optional}.comment: missing or empty", "attributes.type.xx: unknown language"]


def test_a_property_label_is_given_in_every_language_and_for_elements_only(tmp_path: Path) -> None:
    """An element's ``property`` label (its aid:iati-X told apart from another property of the same
    resource) in some languages only would leave the rows alike in the others; an attribute has no class
    whose label to keep, so its label itself says it."""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    for lang, texts in terms["elements"]["email"].items():
        texts.pop("property", None)
        if lang != "fr":
            texts["property"] = f"{texts['label']} (IATI)"
    terms["attributes"]["code"]["en"]["property"] = "Code (IATI)"
    broken = tmp_path / "iati-terms.yaml"
    broken.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    problems = iati_terms.check(broken)
    assert problems == ["elements.email: property label in en, nb, es, de, nl, sv, da, it, pt only",
                        "attributes.code.en.property: unknown key"]


def test_check_reports_missing_and_extra_entries(tmp_path: Path) -> None:
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    del terms["elements"]["transaction"]
    terms["attributes"]["no-such-attribute"] = terms["attributes"]["code"]
    terms["attributes"]["code"] = {"en": {"label": "Code", "comment": ""}}
    terms["attributes"]["type"]["fr"] = {"comment": "Un type."}  # a comment without a label
    terms["attributes"]["type"]["es"] = {"label": "Tipo", "comment": ""}
    terms["attributes"]["year"]["fr"] = {"label": "Année"}
    broken = tmp_path / "iati-terms.yaml"
    broken.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    problems = iati_terms.check(broken)
    assert "elements.transaction: missing" in problems
    assert "attributes.no-such-attribute: not an IATI name" in problems
    assert "attributes.code.en.comment: missing or empty" in problems
    assert "attributes.code.nb: missing" in problems
    assert "attributes.code.fr: missing" in problems
    assert "attributes.type.fr.label: missing or empty" in problems
    assert "attributes.type.es.comment: missing or empty" in problems
    assert "attributes.year.fr.comment: missing or empty" in problems
    assert iati_terms.main(["check", str(broken)]) == 1
