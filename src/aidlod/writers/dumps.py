"""The whole-graph dumps: Turtle, N-Triples (plain and gzip) and JSON-LD holding the same triples.

Researchers load these into rdflib, Oxigraph or Jena; each is written in slices from the sorted
canonical N-Triples, so no dump needs one giant ``bytes`` in memory, and the gzip header carries no
timestamp, so two builds are byte-identical.
"""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING

from ..progress import stage as timed
from ..rdfio import LINES_BLOCK, BinaryOut, JsonldText, joined, jsonld_context, write_turtle

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..build.stage import Stage
    from ..dataset import Dataset

DUMP_DIR = "dumps"
DUMP_NAME = "aidlod"
CONTEXT_FILE = "context.jsonld"


class DumpsWriter:
    """``dumps/aidlod.{ttl,nt,nt.gz,jsonld}`` and ``dumps/context.jsonld``."""

    name = "dumps"
    after: tuple[str, ...] = ()

    def applies(self, data: Dataset) -> bool:
        return True

    def write(self, data: Dataset, stage: Stage) -> None:
        lines = data.ntriples
        with timed("dump .nt"), stage.open(f"{DUMP_DIR}/{DUMP_NAME}.nt") as out:
            for i in range(0, len(lines), LINES_BLOCK):
                out.write(joined(lines, i, i + LINES_BLOCK))
        # Level 6 (gzip's own default) instead of Python's 9: several times faster, a few % larger.
        with timed("dump .nt.gz"), stage.open(f"{DUMP_DIR}/{DUMP_NAME}.nt.gz") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
            for i in range(0, len(lines), LINES_BLOCK):
                gz.write(joined(lines, i, i + LINES_BLOCK))
        with timed("dump .ttl"), stage.open(f"{DUMP_DIR}/{DUMP_NAME}.ttl") as out:
            write_turtle(lines, out)
        with timed("dump .jsonld"), stage.open(f"{DUMP_DIR}/{DUMP_NAME}.jsonld") as out:
            write_jsonld(data.index, out)
        stage.write_text(f"{DUMP_DIR}/{CONTEXT_FILE}",
                         json.dumps(jsonld_context(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def write_jsonld(index: dict[str, list[tuple[Node, Node]]], out: BinaryOut) -> None:
    """Expanded-value JSON-LD with the context inline, one subject per line.

    The context is inlined (and also published as ``context.jsonld``) so that the dump loads in
    rdflib, pyld or Jena without fetching anything.
    """
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, sort_keys=True)
    write = out.write
    write(('{"@context": ' + context + ',\n"@graph": [\n').encode("utf-8"))
    subjects = sorted(index)
    for start in range(0, len(subjects), 4096):
        part = subjects[start:start + 4096]
        node = JsonldText().node  # each slice its own memo of encoded terms
        text = ",\n".join(node(s, index[s]) for s in part)
        last = start + len(part) >= len(subjects)
        write((text + ("\n" if last else ",\n")).encode("utf-8"))
    write(b"]}\n")
