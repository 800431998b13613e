"""What a page reads, read cheaply: a part of another document's statements kept while the pages
that name it are rendered, with each read still recorded, and the same answers as a pass over them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import SKOS, Literal, URIRef
from rdflib.term import Node

from aidlod.iris import AID, SCHEMA
from aidlod.site import i18n
from aidlod.site.lookup import Lookup

BASE = "https://example.org/"
PART = BASE + "project/a#transaction-1"
WHOLE = BASE + "project/a"  # the same statements, of a subject that is no part: read by a pass over them


def statements() -> list[tuple[Node, Node]]:
    return [(SCHEMA.name, Literal("Zahlung", lang="de")), (AID["iati-value"], URIRef(PART + "-value")),
            (SCHEMA.name, Literal("Payment", lang="en")), (SKOS.notation, Literal("b")),
            (SKOS.notation, Literal("a")), (SKOS.notation, Literal("c"))]


def lookup() -> Lookup:
    return Lookup({PART: statements(), WHOLE: statements(), BASE + "project/b#id": []}, BASE, ["en", "de"])


def test_a_part_of_another_document_is_read_once_and_recorded_at_every_read() -> None:
    look = lookup()
    look.scope("project/b")  # rendering another document's pages: project/a's transaction is not local
    read = look.fields(PART)
    assert list(read) == [str(SCHEMA.name), str(AID["iati-value"]), str(SKOS.notation)]
    look.deps = set()
    assert look.fields(PART) is read  # kept: its label and pieces, in each language, read it again
    assert look.deps == {"s " + PART}  # and the page still depends on it
    look.deps = set()
    assert look.first(PART, SKOS.notation) == Literal("a") and look.deps == {"s " + PART}
    look.scope("project/c")  # the next document: read anew
    assert look.fields(PART) is not read and look.fields(PART) == read


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_part_read_by_predicate_answers_as_a_pass_over_its_statements(lang: str) -> None:
    look = lookup()
    look.scope("project/b")
    assert look.first(PART, SKOS.notation) == look.first(WHOLE, SKOS.notation) == Literal("a")
    assert look.values(PART, SKOS.notation) == look.values(WHOLE, SKOS.notation) == [
        Literal("b"), Literal("a"), Literal("c")]  # in the order stated
    assert look.values(PART, SCHEMA.description) == look.values(WHOLE, SCHEMA.description) == []
    assert look.first(PART, SCHEMA.description) is None
    assert look.name_in(PART, lang) == look.name_in(WHOLE, lang)
    assert look.name_in(PART, lang) == (("Zahlung", "de") if lang == "de" else ("Payment", "en"))


def test_the_interface_language_follows_the_catalogs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``interface_language`` and ``translations`` keep their answers per folder of catalogs: a folder
    without Norwegian makes Norwegian pages' interface English, and the shipped one Norwegian again."""
    assert i18n.interface_language("nb") == "nb"
    shipped = i18n.translations("nb")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.interface_language("nb") == "en"
    assert i18n.translations("nb") is not shipped
    monkeypatch.undo()
    assert i18n.interface_language("nb") == "nb" and i18n.translations("nb") is shipped
