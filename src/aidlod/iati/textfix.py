"""Texts as publishers' software leaves them, read as their authors wrote them: C1 controls and mojibake
of Windows-1252, HTML markup and entities escaped as text, "null", escaped and hard-wrapped line breaks.

Each repair notes what it changed, so a publisher can mend the source (docs/iati.md)."""

from __future__ import annotations

import html
import re
from html.entities import html5 as _HTML5
from itertools import pairwise

from lxml import etree

from . import XML_LANG
from .reading import _LINE_ENDS, _Activity, _relpath

# The C1 control characters U+0080-U+009F that text in Windows-1252 leaves when read as Latin-1 (EC
# DG NEAR's "non-renewable sources &#x96; unspecified"): no one writes them as controls, browsers show
# nothing for them. Read as the characters Windows-1252 has at those bytes, as HTML reads &#x96; (its
# five unassigned bytes stay as stated).
_C1_RE = re.compile("[\x80-\x9f]")


_C1_AS_CP1252 = {c: bytes([c]).decode("cp1252") for c in range(0x80, 0xA0) if c not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


# Text in UTF-8 read as Windows-1252 (or Latin-1) and saved again as UTF-8, "mojibake": each letter
# beyond ASCII became two or three (the World Bank's result titles "ProjectÂ DevelopmentÂ Objectives":
# each no-break space read as "Â" and itself). The byte each such character stands for
# in Windows-1252 (its five unassigned bytes as Latin-1 reads them): a narrative whose every character
# is one of them and whose bytes are UTF-8 is read as that UTF-8. Text in any language with a letter
# beyond ASCII of its own ("Türkiye", "é" before a space) is no UTF-8 so: it stays as stated.
_CP1252_BYTE = {**{bytes([b]).decode("cp1252"): b for b in range(256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)},
                **{chr(b): b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}}


_CP1252_CHARS = frozenset(_CP1252_BYTE)


_CP1252_AS_LATIN1 = {ord(c): chr(b) for c, b in _CP1252_BYTE.items()}  # the same bytes, by str.translate


# the characters Windows-1252 has at the bytes that begin a letter of two to four bytes in UTF-8
_MOJIBAKE_LEAD = frozenset(bytes([b]).decode("cp1252") for b in range(0xC2, 0xF5))


# Invisible characters at a narrative's ends (zero width space, word joiner, byte order mark), as spaces
# are there: IOM's title "Lifesaving Emergency Assistance ... in Türkiye&#x200B;&#x200B;" was another
# title than its twin's in the tables, though the same on a page. Inside a text they stay as stated.
_INVISIBLE_EDGES = "\u200b\u2060\ufeff"


# An XML entity written out in a text: the text was escaped twice (ECHO's title "... Per\u00fa and
# Trinidad &amp;amp; Tobago", which reads "Trinidad &amp; Tobago"), or an HTML one escaped once as
# text (Terre des Hommes Netherlands' "the Alliance&amp;rsquo;s", which reads "Alliance&rsquo;s")
_ESCAPED_TWICE_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]+|#x[0-9A-Fa-f]+);")


_HTML_ENTITIES = frozenset(name for name in _HTML5 if name.endswith(";"))


def _escaped_twice_at(text: str) -> int:
    """Where the text holds an XML or HTML character reference written out, or -1."""
    for m in _ESCAPED_TWICE_RE.finditer(text):
        if m.group().startswith("&#") or m.group()[1:] in _HTML_ENTITIES:
            return m.start()
    return -1


def _note_lost_letters(a: _Activity) -> None:
    """Note the narratives whose text was damaged before the file was written, once per activity and
    kind: U+FFFD, the replacement character (ECHO names itself "Direction g\ufffdn\ufffdrale de la
    protection civile ..." in French, the accented letters lost to a wrong encoding), and XML
    entities written out (escaped twice: "Trinidad &amp; Tobago"). The text is kept as stated."""
    for found, what in (
            (lambda text: text.find("\ufffd"), "holds U+FFFD, the replacement character ({shown!r}): letters lost "
                                               "to a wrong encoding before the file was written"),
            (_escaped_twice_at, "holds an XML entity written out ({shown!r}): the text was escaped twice")):
        damaged = [n for n in a.el.iter("narrative") if found(n.text or "") >= 0]
        if not damaged:
            continue
        places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n in damaged))
        text = " ".join((damaged[0].text or "").split())
        at = found(text)
        shown = ("…" if at > 20 else "") + text[max(0, at - 20):at + 20] + ("…" if at + 20 < len(text) else "")
        a.notes.append(f"{', '.join(places)}: the text {what.format(shown=shown)}; kept as stated")


# HTML markup in a narrative, escaped as text (AidStream's rich-text editor, other web forms): a tag of
# HTML's own names only, so that "children <5 and over" or "<Name>" stays as stated. A script's or a
# style's content is no text of the narrative.
_HTML_TAG_NAMES = ("a|abbr|b|big|blockquote|br|caption|center|code|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|"
                   "ins|li|mark|ol|p|pre|s|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|u|"
                   "ul|script|style|o:p")


_HTML_TAG_RE = re.compile(rf"<(/?)({_HTML_TAG_NAMES})\b(?:\s[^<>]*)?/?>", re.IGNORECASE)


_HTML_DROPPED_RE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


# Tags that end a paragraph (a blank line in the text, as the records write paragraphs) or a line
_HTML_PARAGRAPH = frozenset({"p", "div", "blockquote", "center", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                             "dl", "table", "pre", "hr"})


_HTML_LINE = frozenset({"br", "li", "tr", "dt", "dd", "caption"})


def _html_text(text: str) -> str | None:
    """The text of a narrative written in HTML, its markup left out (paragraphs and lists as line breaks, its
    character references read), or None when it holds no HTML tag."""
    if not _HTML_TAG_RE.search(text):
        return None
    text = _HTML_DROPPED_RE.sub(" ", text)
    text = re.sub(r"\s+", " ", text)  # HTML's own reading of its spaces and line breaks

    def mark(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        kind = "P" if name in _HTML_PARAGRAPH else "B" if name == "br" else "L" if name in _HTML_LINE else ""
        return f"\x00{kind}\x00" if kind else ""
    text = html.unescape(_HTML_TAG_RE.sub(mark, text)).replace("\u00a0", " ")
    parts = re.split(r"\x00([PBL])\x00", text)  # texts at even places, the breaks' kinds between
    out, run = parts[0], ""
    for k in range(1, len(parts), 2):
        run += parts[k]
        if parts[k + 1].strip():  # a run of breaks before a text: a paragraph's end, or two <br>, is a blank line
            if out.strip():
                out = out.rstrip() + ("\n\n" if "P" in run or run.count("B") > 1 else "\n")
            out, run = out + parts[k + 1].lstrip(), ""
    return "\n".join(" ".join(line.split()) for line in out.split("\n")).strip()


def _html_texts(a: _Activity) -> None:
    """Read the narratives written in HTML (``_html_text``) as their text, with one note per activity naming
    where: the pages showed the tags ("<p>Children in Gulu ...</p>"), the dumps and tables held them."""
    found = [(n, read) for n in a.el.iter("narrative") if n.text and (read := _html_text(n.text)) is not None]
    if not found:
        return
    tags = sorted({f"<{m.group(2).lower()}>" for n, _ in found for m in _HTML_TAG_RE.finditer(n.text or "")})
    for n, read in found:
        n.text = read
    places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n, _ in found))
    a.notes.append(f"{', '.join(places)}: HTML markup ({', '.join(tags)}) left out of the text, its paragraphs and "
                   "lists kept as line breaks: aidlod's reading; IATI's narratives are plain text")


# A narrative that says only "null" (AfDB's contact person "null null": a first and a last name its
# software wrote for none) names no one and says nothing
_NULL_TEXT_RE = re.compile(r"\s*(?:null\s*)+", re.IGNORECASE)


def _null_texts(a: _Activity) -> None:
    """Read the narratives that say only "null" as empty (dropped as an empty narrative is), with one
    note per activity naming where: the page showed AfDB's contact person as "null null"."""
    nulls = [n for n in a.el.iter("narrative") if n.text and _NULL_TEXT_RE.fullmatch(n.text)]
    if not nulls:
        return
    places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n in nulls))
    shown = " ".join((nulls[0].text or "").split())
    for n in nulls:
        n.text = ""
    a.notes.append(f"{', '.join(places)}: the text {shown!r} is what software writes for no value: read as empty")


# A line break written out as its escape, a backslash and an "n" (after a backslash and an "r"), as
# software that escaped a text twice leaves it; not before a small letter, which a word would be (a
# Windows path's backslash before "new").
_ESCAPED_BREAK_RE = re.compile(r"(?<!\\)(?:\\r)?\\n(?![a-z])")


def _escaped_breaks(a: _Activity) -> None:
    r"""Read the line breaks a narrative writes out as escapes (\n) as line breaks, with one note per
    activity naming where: UNOPS's "… prosperous world for all.\nUNOPS offers support services" showed
    the backslash on the page."""
    found = [n for n in a.el.iter("narrative") if n.text and _ESCAPED_BREAK_RE.search(n.text)]
    if not found:
        return
    for n in found:
        n.text = _ESCAPED_BREAK_RE.sub("\n", n.text or "").strip()
    places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n in found))
    a.notes.append(f"{', '.join(places)}: the text writes line breaks out as '\\n' (an escape left in it): "
                   "read as line breaks")


# A line break and the indentation after it: where a formatter wrapped a long text to the file's layout.
_WRAPPED_RE = re.compile(r"[ \t]*\n[ \t]+")


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")


_WRAPPED_WIDTH = 60


_WORDS_PER_LINE = 8


def _wrapped(paragraph: str, lead: int | None = None) -> bool:
    """Whether every line break of a paragraph is a formatter's: indentation after it, a long line before.
    A line is as long as it stands in the file, its indentation with it (a formatter wraps at a column);
    ``lead`` is the width of what stands before the paragraph's first line on its line in the file (the
    narrative's indentation and start tag, ``_lead``), None when not known."""
    if _WRAPPED_RE.sub("", paragraph).count("\n"):
        return False  # a line break without indentation after it: the author's
    first, *rest = paragraph.split("\n")
    widths = [(lead or 0) + len(first.strip()), *(len(line.rstrip()) for line in rest)]
    return all(width >= _WRAPPED_WIDTH for width in widths[:-1])


def _lead(n: etree._Element) -> int | None:
    """The width of what stands before a narrative's text on its first line in the file: the narrative's
    indentation and its start tag, as written (``<narrative xml:lang="en">``); None when the text begins
    on a line of its own. DGIS's organisation file wraps its document titles at 80 columns after 16
    spaces and that tag ("Annual report Foreign Trade and" / "Development Cooperation 2013"): the first
    line's text alone is short."""
    if not (n.text or "")[:1].strip():
        return None
    before = n.getprevious().tail if n.getprevious() is not None else n.getparent().text
    indent = (before or "").rpartition("\n")[2]
    indent = indent if not indent.strip() else ""
    tag = "<narrative" + "".join(f' {"xml:lang" if k == XML_LANG else k}="{v}"' for k, v in n.attrib.items()) + ">"
    return len(indent) + len(tag)


def _word_per_line(parts: list[str]) -> bool:
    """Whether these paragraphs are prose a formatter wrote one word per line (prettier's XML formatting,
    as in the IATI Validator's error_at_70076_in_early_activity.xml: "Lorem\n            ipsum"): every
    line break followed by indentation, ``_WORDS_PER_LINE`` lines or more, each one word, and a
    sentence's punctuation after one before the last. An indented list of single words ("Kenya",
    "Uganda") has none, and stays as stated."""
    if any(_WRAPPED_RE.sub("", p).count("\n") for p in parts):
        return False
    words = [line.strip() for p in parts for line in p.split("\n")]
    return len(words) >= _WORDS_PER_LINE and all(w and not re.search(r"\s", w) for w in words) and \
        any(w[-1] in ".,;:!?" for w in words[:-1])


def _unwrapped(parts: list[str], sep: str, lead: int | None = None) -> str | None:
    """``parts`` (an author's paragraphs or lines) with the formatter's line breaks joined, then joined by
    ``sep``; None when no part has such a line break or one has another (``_wrapped``; ``lead`` is the
    width before the first part's first line in the file)."""
    if not any(_WRAPPED_RE.search(p) for p in parts) or \
            not (all(_wrapped(p, lead if i == 0 else None) for i, p in enumerate(parts)) or _word_per_line(parts)):
        return None
    return sep.join(_WRAPPED_RE.sub(" ", p) for p in parts)


def _wrapped_texts(a: _Activity) -> None:
    """Join the lines of narratives a formatter wrapped to the file's indentation, with one note per
    activity: IATI Publisher writes Both ENDS' description as lines of ~100 characters, each after a
    line break and eight spaces, and pages broke its sentences there. A text is taken as wrapped when
    every one of its line breaks is followed by indentation and ends a line of at least
    ``_WRAPPED_WIDTH`` characters (an indented list's short lines are its author's); a blank line in it
    stays a paragraph break, and so does a line break written as a CR (the author's: DEC's list of what
    its appeal provides ran together). Any other text stays as stated."""
    joined = []
    for n in a.el.iter("narrative"):
        if n in a.cr_texts:  # each CR (a character reference, as IATI Publisher writes) ends an author's line
            found = _unwrapped([line.strip() for line in _LINE_ENDS.split(a.cr_texts[n].strip())], "\n")
            unwrapped = re.sub(r"\n{3,}", "\n\n", found) if found is not None else None
        elif "\n" in (text := (n.text or "").strip()):
            # a blank line alone (IOM's "support. \n \nIn response") is a paragraph break, as stated
            unwrapped = _unwrapped(_BLANK_LINE_RE.split(text), "\n\n", _lead(n))
        else:
            continue
        if unwrapped is not None:
            n.text = unwrapped
            joined.append(n)
    if joined:
        places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n in joined))
        a.notes.append(f"{', '.join(places)}: the text's line breaks are the file's indentation (each is followed by "
                       "spaces): its lines read as one paragraph, as written")


# The shortest line width taken for a cut at a fixed column (``_cut_texts``): an author's lines are
# rarely as long, and never all of one length.
_CUT_WIDTH = 100


def _uncut(text: str) -> str | None:
    """``text`` with the line breaks of a cut at a fixed column joined; None when it has none
    (``_cut_texts``). The lines but the first (which may begin after markup) and the last are all as
    long as the longest, or one shorter where the cut took the space that began it (and may have
    indented the line instead); and a word runs on across one of the breaks."""
    lines = text.split("\n")
    if len(lines) < 3:
        return None
    width = max(len(line.lstrip()) for line in lines[:-1])
    inner = lines[1:-1]
    if width < _CUT_WIDTH or any(len(line.lstrip()) not in (width, width - 1) for line in inner) or \
            sum(len(line) == width for line in lines[:-1]) < 2 or \
            not any(before[-1:].isalnum() and after[:1].isalnum() for before, after in pairwise(lines)):
        return None
    joined = lines[0]
    for i, line in enumerate(lines[1:], start=1):
        word = line.lstrip()  # a line indented or one short lost the space that began it
        lost = word != line or (i < len(lines) - 1 and len(word) == width - 1)
        joined += (" " if lost else "") + word
    return joined


def _rejoined(text: str) -> str | None:
    """``text`` with the line breaks a cut makes in a file known to be cut joined (``_cut_texts``): one
    after a space, or before the indentation the cut left instead of one, joined with a space; one
    within a word (between small letters: an author's line begins with a capital or a mark) without.
    None when it has no such line break."""
    lines = text.split("\n")
    joined = lines[0]
    for before, line in pairwise(lines):
        if not line.strip() or not before.strip():  # a blank line: the author's paragraph break
            joined += "\n" + line
        elif before.endswith(" ") or line[:1] in (" ", "\t"):
            joined = joined.rstrip() + " " + line.lstrip()
        elif before[-1:].islower() and line[:1].islower():
            joined += line
        else:
            joined += "\n" + line
    return joined if joined.count("\n") < len(lines) - 1 else None


def _cut_texts(a: _Activity) -> None:
    """Join the lines of narratives whose file was cut at a fixed column, with one note per activity:
    Finland's Ministry for Foreign Affairs published its descriptions in lines of 256 characters, cut
    mid-word ("In Benin clinical laborat" / "ories cannot fulfill"), and pages broke its words there.
    Any other text stays as stated (an author's line breaks, ``_wrapped_texts``'s)."""
    joined = []
    rest = []
    for n in a.el.iter("narrative"):
        if n in a.cr_texts or "\n" not in (text := (n.text or "").strip()):
            continue
        found = _uncut(text)
        if found is not None:
            n.text = found
            joined.append((n, max(len(line.lstrip()) for line in text.split("\n")[:-1])))
        else:
            rest.append(n)
    if joined:
        # the file is cut: a short text that begins after markup has one cut, which took a word apart
        # or followed a space (Finland's tags: "the main prio" / "rity area", "in this " / "activity")
        width = max(w for _n, w in joined)
        for n in rest:
            text = (n.text or "").strip()
            found = _rejoined(text) if all(len(line) <= width for line in text.split("\n")) else None
            if found is not None:
                n.text = found
                joined.append((n, width))
        places = list(dict.fromkeys(_relpath(n.getparent(), a.el) for n, _w in joined))
        widths = sorted({w for _n, w in joined})
        a.notes.append(f"{', '.join(places)}: the text's lines were cut at a fixed width "
                       f"({', '.join(map(str, widths))} characters), some mid-word: joined as one paragraph")
