"""A swap the store refuses (HTTP 4xx) is not sent again, and a refusal known to come from a store's bug
says so: Jena and Fuseki 4.5.0 answer every MOVE from a named graph that exists with HTTP 400
"Invalid source target for operation; IRI$ <urn:aidlod:push-temporary:…>" (JENA-2326, fixed in 4.6.0;
docs/push.md, "Apache Jena and Fuseki"). aidlod push retried it three times with back-off, then said
only "the swap failed"; docs/push.md's failures table says another 4xx stops at once."""
from __future__ import annotations

import pytest

from aidlod.push import Client, PushError, Refused, Stats, _swap

TEMP = "urn:aidlod:push-temporary:8a5d09790bb7583f77c6a7ee63eeaf0b"
TARGET = "https://example.org/aidlod-synth/"
EXPECTED = Stats(2, {"http://a/p": (2, 40, 1)})
EMPTY = Stats(0, {})


class Store(Client):
    """A client whose store answers the swap with ``answer`` (an exception, or None to do it)."""

    def __init__(self, answer: PushError | None) -> None:
        super().__init__("http://127.0.0.1:9/query", "http://127.0.0.1:9/update", retries=3,
                         sleep=self._slept)
        self.answer = answer
        self.updates: list[str] = []
        self.sleeps: list[float] = []
        self.graphs = {TEMP: EXPECTED, TARGET: EMPTY}

    def _slept(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def update(self, text: str, what: str, retry: bool = True, timeout: float | None = None) -> None:
        self.updates.append(text)
        if self.answer is not None:
            raise self.answer
        self.graphs = {TEMP: EMPTY, TARGET: self.graphs[TEMP]}

    def stats(self, graph: str, what: str = "checking the graph") -> Stats:
        return self.graphs[graph]


def test_jena_45s_refusal_of_move_is_not_resent_and_is_explained() -> None:
    store = Store(Refused("swapping the graphs: http://127.0.0.1:3030/ds/update refused the request (HTTP 400): "
                          f"Error 400: Invalid source target for operation; IRI$ <{TEMP}>"))
    with pytest.raises(PushError) as caught:
        _swap(store, TEMP, TARGET, EXPECTED)
    message = str(caught.value)
    assert len(store.updates) == 1 and store.updates[0].startswith(f"MOVE <{TEMP}> TO <{TARGET}>")
    assert store.sleeps == []
    assert f"<{TARGET}> holds 0 triples and was not replaced" in message
    assert "HTTP 400" in message and "JENA-2326" in message and "use 4.6 or newer" in message


def test_another_refusal_stops_at_once_without_a_hint() -> None:
    store = Store(Refused("swapping the graphs: http://s/update refused the request (HTTP 413): too large"))
    with pytest.raises(PushError) as caught:
        _swap(store, TEMP, TARGET, EXPECTED)
    assert len(store.updates) == 1
    assert "HTTP 413" in str(caught.value) and "JENA-2326" not in str(caught.value)


def test_a_passing_failure_is_still_tried_again() -> None:
    """A 5xx (the client gave up on it: PushError, not Refused) with the temporary graph still complete
    is sent again after a back-off, as before."""
    store = Store(PushError("swapping the graphs: http://s/update: server error HTTP 503: busy"))
    with pytest.raises(PushError):
        _swap(store, TEMP, TARGET, EXPECTED)
    assert len(store.updates) == 4 and store.sleeps == [0.5, 1.0, 2.0]


def test_a_swap_the_store_does_completes() -> None:
    store = Store(None)
    _swap(store, TEMP, TARGET, EXPECTED)
    assert store.graphs[TARGET] == EXPECTED and len(store.updates) == 1
