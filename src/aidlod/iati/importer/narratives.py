"""Narratives repaired as they are read, each repair said once for the file: C1 characters, text misread
as Windows-1252, invisible characters at their ends, "N/A" beside a text."""

from __future__ import annotations

from lxml import etree

from ..orgnames import _from_mojibake, _not_stated
from ..reading import _relpath
from ..report import ImportReport
from ..textfix import _C1_AS_CP1252, _C1_RE, _INVISIBLE_EDGES, _MOJIBAKE_LEAD


class _Narratives:
    """The repairs of narratives' texts made on each record as the file is streamed (an object the importer
    holds: ``Importer.narratives``), each said once for the file."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report  # the import's report, whose notices say what was repaired
        self.c1_read: set[str] = set()  # the C1 control characters read as Windows-1252's (``_read_c1``)
        self.invisible_trimmed = False  # whether a narrative's ends held invisible characters (``_trim_invisible``)
        self.unstated_dropped = False  # whether a narrative said only "N/A" beside others (``_drop_unstated_langs``)
        self.mojibake_read = False  # whether a narrative was read as the UTF-8 it was misread from (``_read_mojibake``)
        self.c1_notice = -1  # where the notice that lists them is

    def repair(self, el: etree._Element) -> None:
        """Every repair of the record ``el``'s narratives, in the order they need (Windows-1252's C1 characters
        before text misread as it)."""
        self._read_c1(el)
        self._read_mojibake(el)
        self._trim_invisible(el)
        self._drop_unstated_langs(el)

    def _read_c1(self, el: etree._Element) -> None:
        """Read the C1 control characters of narratives as the characters Windows-1252 has there
        (``_C1_AS_CP1252``), and note each once for the file."""
        for node in el.iter("narrative"):
            if node.text is None or not _C1_RE.search(node.text):
                continue
            new = {c for c in _C1_RE.findall(node.text) if ord(c) in _C1_AS_CP1252} - self.c1_read
            node.text = node.text.translate(_C1_AS_CP1252)
            if not new:
                continue
            first = not self.c1_read
            self.c1_read |= new
            notice = ("narratives hold C1 control characters, which text in Windows-1252 read as Latin-1 leaves: "
                      "read as the characters Windows-1252 has there, as browsers read them (" + ", ".join(
                          f"U+{ord(c):04X} as {_C1_AS_CP1252[ord(c)]!r}" for c in sorted(self.c1_read)) + ")")
            if first:
                self.report.notices.append(notice)
                self.c1_notice = len(self.report.notices) - 1
            else:
                self.report.notices[self.c1_notice] = notice

    def _read_mojibake(self, el: etree._Element) -> None:
        """Read a narrative that is UTF-8 misread as Windows-1252 and saved again (``_CP1252_BYTE``) as
        the text it was written as, and say so in one notice for the file: the World Bank's result
        titles showed "ProjectÂ DevelopmentÂ Objectives" on pages, in tables and in the export.
        After ``_read_c1``, so that text misread as Latin-1 is read alike."""
        for node in el.iter("narrative"):
            text = node.text
            if text is None or not _MOJIBAKE_LEAD.intersection(text):
                continue
            read = _from_mojibake(text)
            if read == text:
                continue
            node.text = read
            if self.mojibake_read:
                continue
            self.mojibake_read = True
            self.report.notices.append(
                "narratives hold text in UTF-8 that was read as Windows-1252 (Latin-1) and saved again, each "
                f"letter beyond ASCII written as two or three (first: {' '.join(text.split())[:80]!r}): read as "
                f"the text they were written as ({' '.join(read.split())[:80]!r})")

    def _trim_invisible(self, el: etree._Element) -> None:
        """Leave out the invisible characters at narratives' ends (``_INVISIBLE_EDGES``), and say so
        once for the file."""
        for node in el.iter("narrative"):
            text = node.text
            if text is None or not any(c in text for c in _INVISIBLE_EDGES):
                continue
            trimmed = text.strip().strip(_INVISIBLE_EDGES).strip()
            if trimmed == text.strip():
                continue
            node.text = trimmed
            if not self.invisible_trimmed:
                self.invisible_trimmed = True
                self.report.notices.append("narratives begin or end with invisible characters (zero width space "
                                           "U+200B, word joiner U+2060, byte order mark U+FEFF): left out, as the "
                                           "spaces around a text are")

    def _drop_unstated_langs(self, el: etree._Element) -> None:
        """Leave out a narrative that only says its text is not available ("N/A", ``_NOT_STATED``)
        beside one of the same element that states it (the Inter-American Development Bank's titles:
        the English and Spanish title, then ``<narrative xml:lang="FR">N/A</narrative>`` and the same
        in Portuguese): it gives no text in its language, and kept it would be the activity's French
        title and give the dataset French pages titled "N/A". Said once for the file. An element
        whose every narrative says so keeps them, as stated."""
        parents = dict.fromkeys(n.getparent() for n in el.iter("narrative") if n.text and _not_stated(n.text))
        for node in parents:  # only where a narrative says so: the activity is not walked twice
            if node is None:
                continue
            narratives = [n for n in node.findall("narrative") if (n.text or "").strip()]
            unstated = [n for n in narratives if _not_stated(n.text or "")]
            if not unstated or len(unstated) == len(narratives):
                continue
            for n in unstated:
                node.remove(n)
            if not self.unstated_dropped:
                self.unstated_dropped = True
                said = " ".join((unstated[0].text or "").split())
                where = f"{_relpath(node, el) or node.tag} of {(el.findtext('iati-identifier') or '').strip()!r}"
                self.report.notices.append(
                    f"narratives that only say {said!r} beside a text of the same element in another language "
                    f"(the {where}) are left out: that language has no text there, rather than one saying so "
                    "(no page titled "
                    f"{said!r}, and no pages in a language only such narratives are in)")
