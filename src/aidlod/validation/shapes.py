"""The SHACL shapes for one dataset: the shipped shapes with their page-language rules set to the
dataset's own languages, so a dataset in any languages can be checked and published.

A text missing in a page language is a warning: the page shows another language, marked with
``lang``. The shipped file states, for each text that every page needs (a project's title and description,
an organisation's name, …), one rule per page language (``sh:languageIn ( "nb" )``). Those runs of
rules are rewritten for the languages the dataset declares; everything else is kept byte for byte,
so a dataset in the shipped languages gets exactly the shipped files (``aidlod.shacl.ttl`` and the
generated ``iati.shacl.ttl``, joined: ``resources.shapes_source``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..resources import shapes_source

# One page-language rule, as the shipped file writes it (the language appears twice).
_RULE = re.compile(
    r"\[\n(?P<indent>[ ]+)sh:path (?P<path>\S+) ;\n"
    r"[ ]+sh:qualifiedValueShape \[ sh:languageIn \( \"(?P<lang>[A-Za-z0-9-]+)\" \) \] ;\n"
    r"[ ]+sh:qualifiedMinCount 1 ;\n"
    r"[ ]+sh:message \"(?P<before>[^\"\n]*)'(?P=lang)'(?P<after>[^\"\n]*)\"@en ;\n"
    r"[ ]+sh:severity sh:Warning ;\n"
    r"(?P<close>[ ]+)\]")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _rule(indent: str, path: str, lang: str, before: str, after: str, close: str) -> str:
    return (f"[\n{indent}sh:path {path} ;\n"
            f"{indent}sh:qualifiedValueShape [ sh:languageIn ( \"{lang}\" ) ] ;\n"
            f"{indent}sh:qualifiedMinCount 1 ;\n"
            f"{indent}sh:message \"{before}'{lang}'{after}\"@en ;\n"
            f"{indent}sh:severity sh:Warning ;\n"
            f"{close}]")


def for_languages(text: str, languages: Sequence[str]) -> str:
    """``text`` (the shapes in Turtle) with each run of page-language rules set to ``languages``."""
    for lang in languages:
        if not _LANG.match(lang):  # checked as BCP 47 when loaded; never put unchecked text in Turtle
            raise ValueError(f"not a language tag: {lang!r}")
    matches = list(_RULE.finditer(text))
    out, pos, i = [], 0, 0
    while i < len(matches):
        first = last = matches[i]
        j = i + 1
        while j < len(matches) and matches[j]["path"] == first["path"] \
                and re.fullmatch(r"\s*,\s*", text[last.end():matches[j].start()]):
            last = matches[j]
            j += 1
        out.append(text[pos:first.start()])
        out.append(" , ".join(_rule(first["indent"], first["path"], lang, first["before"], first["after"],
                                    first["close"]) for lang in languages))
        pos, i = last.end(), j
    out.append(text[pos:])
    return "".join(out)


@cache
def shapes_text(languages: tuple[str, ...] = ()) -> str:
    """The shapes for a dataset in ``languages`` (the shipped files, joined, when none are given)."""
    text = shapes_source()
    return for_languages(text, languages) if languages else text
