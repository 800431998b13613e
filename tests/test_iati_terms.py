"""ontology/iati-terms.yaml covers exactly the IATI 2.03 element and attribute names, each in English,
bokmål, French and Spanish."""

from __future__ import annotations

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


def test_german_labels_follow_the_german_catalog() -> None:
    """The words of the German interface catalog (Zusage, Auszahlung, Empfänger…), German nouns capitalised."""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["de"]["label"] == "Geplante Auszahlung"
    assert elements["commitment-date"]["de"]["label"] == "Zusagedatum"
    assert elements["participating-org"]["de"]["label"] == "Beteiligte Organisation"
    assert elements["tied-status"]["de"]["label"] == "Lieferbindung"
    for name in ("recipient-country", "recipient-region", "recipient-org"):
        assert elements[name]["de"]["label"].startswith("Empfänger"), name
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["de"]["label"].startswith("Standard-"), name


def test_dutch_labels_follow_the_dutch_catalog() -> None:
    """The words of the Dutch interface catalog: verplichting, betaling, begroting, nulmeting…"""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["nl"]["label"] == "Geplande betaling"
    assert elements["commitment-date"]["nl"]["label"] == "Datum van verplichting"
    assert elements["participating-org"]["nl"]["label"] == "Deelnemende organisatie"
    assert elements["baseline"]["nl"]["label"] == "Nulmeting"
    assert elements["budget"]["nl"]["label"] == "Begroting"
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["nl"]["label"].startswith("Standaard"), name


def test_swedish_labels_follow_the_swedish_catalog() -> None:
    """The words of the Swedish interface catalog: åtagande, utbetalning, utgångsvärde, policymarkör…"""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["sv"]["label"] == "Planerad utbetalning"
    assert elements["commitment-date"]["sv"]["label"] == "Datum för åtagande"
    assert elements["participating-org"]["sv"]["label"] == "Deltagande organisation"
    assert elements["baseline"]["sv"]["label"] == "Utgångsvärde"
    assert elements["actual"]["sv"]["label"] == "Utfall"
    assert elements["policy-marker"]["sv"]["label"] == "Policymarkör"
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["sv"]["label"].startswith("Standard"), name


def test_danish_labels_follow_the_danish_catalog() -> None:
    """The words of the Danish interface catalog: tilsagn, udbetaling, udgangsværdi, politikmarkør…"""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["da"]["label"] == "Planlagt udbetaling"
    assert elements["commitment-date"]["da"]["label"] == "Tilsagnsdato"
    assert elements["participating-org"]["da"]["label"] == "Deltagende organisation"
    assert elements["baseline"]["da"]["label"] == "Udgangsværdi"
    assert elements["actual"]["da"]["label"] == "Faktisk værdi"
    assert elements["policy-marker"]["da"]["label"] == "Politikmarkør"
    assert terms["attributes"]["value-date"]["da"]["label"] == "Valørdato"
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["da"]["label"].startswith("Standard"), name


def test_italian_labels_follow_the_italian_catalog() -> None:
    """The words of the Italian interface catalog: impegno, erogazione, valore di base, identificativo…"""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["it"]["label"] == "Erogazione prevista"
    assert elements["commitment-date"]["it"]["label"] == "Data dell'impegno"
    assert elements["participating-org"]["it"]["label"] == "Organizzazione partecipante"
    assert elements["baseline"]["it"]["label"] == "Valore di base"
    assert elements["actual"]["it"]["label"] == "Valore effettivo"
    assert elements["iati-identifier"]["it"]["label"] == "Identificativo IATI"
    assert elements["legacy-data"]["it"]["label"] == "Dati pregressi"  # the catalog's section names
    assert elements["country-budget-items"]["it"]["label"] == "Voci del bilancio nazionale"
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["it"]["label"].endswith("predefinito"), name
        words = entry["it"]["label"].split()  # sentence case, like en/fr/es: no capital after the first word
        assert not [w for w in words[1:] if w[:1].isupper() and not w.isupper()], name


def test_portuguese_labels_follow_the_portuguese_catalog() -> None:
    """The words of the (Brazilian) Portuguese interface catalog: compromisso, desembolso, linha de base…"""
    terms = yaml.safe_load(iati_terms.TERMS.read_text(encoding="utf-8"))
    elements = terms["elements"]
    assert elements["planned-disbursement"]["pt"]["label"] == "Desembolso previsto"
    assert elements["commitment-date"]["pt"]["label"] == "Data do compromisso"
    assert elements["participating-org"]["pt"]["label"] == "Organização participante"
    assert elements["baseline"]["pt"]["label"] == "Linha de base"
    assert elements["actual"]["pt"]["label"] == "Realizado"
    assert elements["budget"]["pt"]["label"] == "Orçamento"
    assert elements["country-budget-items"]["pt"]["label"] == "Rubricas do orçamento nacional"
    assert terms["attributes"]["value-date"]["pt"]["label"] == "Data-valor"
    for name, entry in elements.items():
        if entry["en"]["label"].startswith("Default "):
            assert entry["pt"]["label"].endswith("padrão"), name
        words = entry["pt"]["label"].split()  # sentence case, like en/fr/es
        assert not [w for w in words[1:] if w[:1].isupper() and not w.isupper()], name


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
