"""The tables writer places each activity's rows (its run, as CSV text) among the others by their first
and last row instead of sorting every row again: the text must be what sorting all rows at once gives."""

from __future__ import annotations

import csv
import io
import random

from aidlod.writers.tables import Run, _sort_key, csv_text, in_order, made_runs
from aidlod.writers.tables.rows import Row


def _whole(activities: list[list[Row]]) -> str:
    """What the writer wrote before runs: every activity's rows, in the activities' order, sorted at once."""
    return csv_text(sorted((row for rows in activities for row in rows), key=_sort_key))


def _runs(activities: list[list[Row]]) -> list[Run]:
    return [Run(n, *cut) for n, rows in enumerate(activities) if rows for cut in made_runs(rows)]


def test_runs_that_do_not_mix_are_joined_in_order() -> None:
    activities = [[(f"https://x/p{n}#t-{k}", f"https://x/p{n}", str(k)) for k in (10, 2, 1)] for n in (3, 10, 1, 2)]
    runs = _runs(activities)
    assert "".join(in_order(runs)) == _whole(activities)
    # four runs, none read back: each text is given as it is
    assert list(in_order(runs)) == [run.text for run in sorted(runs, key=lambda r: _sort_key(r.first))]


def test_ids_that_compare_alike_mix_as_the_stable_sort_of_all_rows() -> None:
    """``p-01`` and ``p-1`` have one natural key: their rows interleave, and equal keys keep the
    activities' order."""
    activities = [
        [("p-1#a", "x", "1"), ("p-1#c", "x", "3")],
        [("p-01#b", "x", "2"), ("p-01#a", "x", "1")],  # p-01#a ties with p-1#a but for the id's text
        [("q", "y", "")],
        [("p-1#b", "x", "2, with a comma"), ("p-001#z", "x", 'a "quoted"\r\nline')],
    ]
    runs = _runs(activities)
    assert len(list(in_order(runs))) < len(runs)  # some runs were sorted together
    assert "".join(in_order(runs)) == _whole(activities)


def test_random_rows_give_the_whole_sort() -> None:
    rng = random.Random(7)
    cells = ["", "a", "b,c", 'say "x"', "line\nbreak", "ø", "10", "9"]
    for _round in range(200):
        activities: list[list[Row]] = []
        for n in range(rng.randint(1, 12)):
            stem = rng.choice(["p", "p0", "p00", "q"]) + str(rng.choice([n, n + 1, 1]))
            activities.append([(f"{stem}#{rng.choice(['t', 'b'])}-{rng.randint(0, 12)}", rng.choice(cells),
                                rng.choice(cells)) for _ in range(rng.randint(0, 6))])
        assert "".join(in_order(_runs(activities))) == _whole(activities)


def test_a_run_reads_back_as_its_rows() -> None:
    rows: list[Row] = [("a", 'b "c"', "d\r\ne"), ("a", "", ",")]
    [(text, first, last)] = made_runs(rows)
    assert [tuple(r) for r in csv.reader(io.StringIO(text, newline=""))] == sorted(rows, key=_sort_key)
    assert (first, last) == tuple(sorted(rows, key=_sort_key))


def test_grants_and_parts_are_placed_apart() -> None:
    """A transactions table holds each activity's grants (``…/grant/p1-1``) and its transactions
    (``…/project/p1#…``): every grant sorts before every project, so one run per activity would
    mix with all the others' and be sorted again; cut by folder, no run is read back."""
    activities = [[(f"https://x/grant/p{n}-{g}#id", f"https://x/project/p{n}#id") for g in (1, 2)]
                  + [(f"https://x/project/p{n}#transaction-{t}", f"https://x/project/p{n}#id") for t in (1, 2)]
                  for n in range(1, 12)]
    runs = _runs(activities)
    assert len(runs) == 2 * len(activities)
    assert list(in_order(runs)) == [run.text for run in sorted(runs, key=lambda r: _sort_key(r.first))]
    assert "".join(in_order(runs)) == _whole(activities)
