"""The addresses in an IATI contact's email are found in time linear in its text: the pattern read them
with nested backtracking, so that an email of 'a@a' and 40 000 dots (well within a record's size and a
text's length limit) took the mapping about 20 seconds, and 100 000 characters some minutes, per email;
a hostile record or import file of a few such emails held the build for an hour."""

from __future__ import annotations

import re
import time

import pytest

from aidlod.mapping.iati_block import email_addresses

_PART = r"[^\s@;,<>()\[\]:\"']"
_AS_BEFORE = re.compile(rf"{_PART}+@{_PART}+\.{_PART}*[^\s@;,<>()\[\]:\"'.]")  # the pattern it replaces


@pytest.mark.parametrize("text", ["a@a" + "." * 100_000, "a" * 100_000, "x@" + "a" * 100_000 + "." * 1000])
def test_an_email_of_a_hundred_thousand_characters_is_read_at_once(text: str) -> None:
    start = time.monotonic()
    email_addresses(text)
    # a bound for complexity, not speed: milliseconds now, minutes with the old pattern; wide for a loaded machine
    assert time.monotonic() - start < 10


@pytest.mark.parametrize("text", [
    "ROCairo@iom.int; ROCairoRM@iom.int; ROCairoHR@iom.int", "xxxx (Secured)", "x@y@a@b.c", "a@b.c...@d.ef",
    "info@example.org.", "<mailto:a@b.org>", "a@.b.c", "a@b.", "", "@a.b", "a@@b.c", "a.b@c.d\u00a0e@f.gh",
])
def test_the_addresses_found_are_those_the_pattern_found(text: str) -> None:
    assert email_addresses(text) == _AS_BEFORE.findall(text)


def test_the_addresses_found_are_those_the_pattern_found_in_random_texts() -> None:
    import random

    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice("ab.@ ;:\u00a0'x") for _ in range(rng.randint(0, 14)))
        assert email_addresses(text) == _AS_BEFORE.findall(text), text
