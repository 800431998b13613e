"""An example aidlod writer plugin: publishes ``stats/projects.csv``, one row per project.

It lives outside aidlod's package and is registered only through the ``aidlod.writers`` entry
point in its own ``pyproject.toml``, exactly as a third-party package would be.
"""

from __future__ import annotations

import csv
import io
import os

from rdflib import URIRef

SCHEMA_NAME = URIRef("https://schema.org/name")


class ProjectTable:
    """``stats/projects.csv``: each project's IRI and its names per page language."""

    name = "example-table"
    after: tuple[str, ...] = ("dumps",)

    def applies(self, data) -> bool:  # type: ignore[no-untyped-def]
        return bool(data.projects())

    def write(self, data, stage) -> None:  # type: ignore[no-untyped-def]
        out = io.StringIO()
        table = csv.writer(out, lineterminator="\n")
        langs = list(data.languages)
        table.writerow(["iri", *[f"name_{lang}" for lang in langs]])
        for project in data.projects():
            names = {lit.language: str(lit) for lit in data.texts(project, SCHEMA_NAME)}
            table.writerow([project, *[names.get(lang, "") for lang in langs]])
        stage.write_text("stats/projects.csv", out.getvalue())


class Failing:
    """A writer that raises: the build must fail, name it, and publish nothing."""

    name = "example-failing"
    after: tuple[str, ...] = ()

    def applies(self, data) -> bool:  # type: ignore[no-untyped-def]
        return True

    def write(self, data, stage) -> None:  # type: ignore[no-untyped-def]
        stage.write_text("half-written.txt", "this file must never be published\n")
        raise ValueError("the example writer broke on purpose")


class AroundTheStage:
    """A writer that writes a file without the stage: the build must refuse the site."""

    name = "example-around"
    after: tuple[str, ...] = ()

    def applies(self, data) -> bool:  # type: ignore[no-untyped-def]
        return True

    def write(self, data, stage) -> None:  # type: ignore[no-untyped-def]
        with open(os.path.join(stage.root, "sneaky.txt"), "w", encoding="utf-8") as f:
            f.write("not checksummed\n")


class Escaping:
    """A writer that asks for a path outside the site: the stage must refuse it."""

    name = "example-escaping"
    after: tuple[str, ...] = ()

    def applies(self, data) -> bool:  # type: ignore[no-untyped-def]
        return True

    def write(self, data, stage) -> None:  # type: ignore[no-untyped-def]
        stage.write_text("../outside.txt", "escaped\n")
