"""The libyaml event reader (``records._fast_documents``) reads exactly what the strict loader reads.

Loading uses libyaml's events for speed and the pure-Python ``_RecordLoader`` for anything
unusual. The fast reader may decline a file (return None) but must never return anything other
than what ``_RecordLoader`` returns: these tests compare both on the real records, on random
edits of them and on random YAML fragments, and check the known differences between libyaml and
PyYAML are declined.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidlod import records
from conftest import DATA

RECORD_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.yaml"))]
# Pieces of YAML syntax that random fragments and edits are made of.
PIECES = [
    "a", "b", "1", "0", " ", "  ", "\n", "\n  ", "\n- ", ": ", ":", "-", "- ", "[", "]", "{", "}", ", ",
    ",", "'", '"', "#", "? ", "&x ", "*x", "!", "!!str ", "|", "|-\n  ", ">", "\t", "\\", "~", ".", "e",
    "true", "null", "\u2028", "\x85", "%YAML 1.1\n", "---\n", "...\n", "\\n", "\\x41", "\\/", "é",
    "\r\n", "\r", "0x1f", "1_000", "1:20", ".inf", "'it''s'", "\\u00e9", "\\\n", "<<: ", "@", "`",
    "%TAG ! tag:x,2000:\n", "!<tag:x> ", '"\\e"', "\\N", "\\_", "\\L", "\\P", '"a\\\n b"', "'a\n\n b'",
    "\u00a0", "- >+\n", "|2\n", "#x", " #", "\n\n\n", "key: |\n   text\n  more", "{? a}", "[a: b]",
    "{a, b}", "a: b: c", "- a: 1\n  b: 2\n", "\U0001F600", ">1\n  x", ":a", "a:", ":,", ":]", ":}", "::",
    "- -", "-a", "a: [b, c]", "{a: b}",
]


def strict(content: str) -> Any:
    """What ``_RecordLoader`` makes of ``content``: its documents, or the error it raises."""
    loader = records._RecordLoader(content)
    try:
        docs = []
        while loader.check_data():
            docs.append(loader.get_data())
        return docs
    except Exception as exc:  # any refusal is a result to compare
        return ("refused", type(exc).__name__)
    finally:
        loader.dispose()


def assert_same_or_declined(content: str) -> None:
    if records.BAD_CHARS_RE.search(content) or "\ufeff" in content:
        return  # _read_yaml refuses these before either reader runs
    fast = records._fast_documents(content)
    if fast is not None:
        assert repr(fast) == repr(strict(content))


@pytest.mark.parametrize("index", range(len(RECORD_TEXTS)))
def test_every_seed_record_is_read_fast_and_identically(index: int) -> None:
    content = RECORD_TEXTS[index]
    fast = records._fast_documents(content)
    if any(c in content for c in "\t?"):
        assert fast is None
    else:
        assert fast is not None
        assert repr(fast) == repr(strict(content))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_random_fragments_read_identically_or_are_declined(pieces: list[str]) -> None:
    assert_same_or_declined("".join(pieces))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(RECORD_TEXTS), st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 3), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3)),
    min_size=1, max_size=4))
def test_random_edits_of_records_read_identically_or_are_declined(
        content: str, edits: list[tuple[float, int, list[str]]]) -> None:
    for where, cut, pieces in edits:
        at = int(where * len(content))
        content = content[:at] + "".join(pieces) + content[at + cut:]
    assert_same_or_declined(content)


@pytest.mark.parametrize("content", [
    "a: b\tc\n",  # libyaml reads the tab into the plain scalar; PyYAML refuses it
    "[a, b? c]\n",  # PyYAML ends a plain scalar at '?' inside brackets; libyaml does not
    "a: |#\n  x\n",  # libyaml accepts a comment right after the block scalar header
    "a: &x 1\n",  # anchors, aliases and explicit tags are left to the strict loader
    "a: *x\n",
    "a: !!str 1\n",
    "a: 1\na: 2\n",  # a repeated field, refused with its lines by the strict loader
    "[a]: 1\n",  # a list as a field name
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [\n",  # a syntax error keeps PyYAML's wording
    "a: " + "[" * 100_000,  # nesting beyond MAX_DEPTH: declined at once, without recursion
    "a:\n" + "- " * 100_000 + "x\n",
    "a: " + "{a: " * 100_000,
])
def test_unusual_files_are_left_to_the_strict_loader(content: str) -> None:
    assert records._fast_documents(content) is None


def test_plain_values_keep_the_strict_loaders_types() -> None:
    content = "a: 065000\nb: '1'\nc: true\nd: True\ne: ~\nf:\ng: 2003-05\nh: [1, x]\n1: k\n"
    fast = records._fast_documents(content)
    assert fast == [{
        "a": records.YamlNumber("065000"), "b": "1", "c": True, "d": True, "e": None, "f": None,
        "g": "2003-05", "h": [records.YamlNumber("1"), "x"], records.YamlNumber("1"): "k",
    }]
    assert repr(fast) == repr(strict(content))
