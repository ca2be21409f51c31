"""epochs: the days on which an answer of the engine can change, found in one place.

The engine reads a day only by comparing it with dates that the knowledge base and the
states registry record (a party's joining and leaving days, suspensions, clause versions,
interpretations, invocations, holders of a place, state lifetimes, ...) and by printing it
(the ``day`` fact of a finding and the sentences made from it). So between two consecutive
*change-days* — every recorded date ``d`` and the day after it, ``d + 1``, which is where a
comparison ``day <= d`` or ``day > d`` turns — every comparison comes out the same, and
the answer on one day of such an *epoch* is the answer on any other day of it with only
the printed day changed.

``change_days`` does not list the model's date fields by hand (a new one could be
forgotten): it walks every object of the knowledge base and of the states registry and
collects every ``date`` it holds and every ``YYYY-MM-DD`` inside any text (a date written
in a note or a URL can be printed too). A type it does not know stops it with an error
rather than being skipped. Collecting too many days only makes epochs shorter, never an
answer wrong. The one input that is not recorded is today's date (the summary's "in the
future" caveat): callers that reuse an answer across days key it on ``day > today`` too.

``Epochs.bucket(day)`` says which answers may stand for the one on ``day``: those of other
days of the same epoch, provided neither day is itself a recorded date (whose ISO text
could then appear in the answer for another reason). tests/engine/test_epochs.py checks
the claim on random scenarios against an engine whose caches were emptied.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from enum import Enum
from pathlib import PurePath
from typing import Any

from foederis import states
from foederis.kb import KnowledgeBase

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEAVES = (int, float, bool, type(None), bytes, Enum, PurePath)


def recorded_dates(*roots: object) -> frozenset[date]:
    """Every date held anywhere in ``roots`` (dataclasses, mappings, sequences and sets of
    them), including each valid ``YYYY-MM-DD`` written inside a text."""
    found: set[date] = set()
    for value in _walk(roots):
        if isinstance(value, date):
            found.add(value)
        else:
            for text in _ISO.findall(value):
                with contextlib.suppress(ValueError):  # 2023-02-30 is no date
                    found.add(date.fromisoformat(text))
    return frozenset(found)


def _walk(root: object) -> Iterator[date | str]:
    seen: dict[int, object] = {}  # keeps each visited object alive, so ids stay unique
    todo = [root]
    while todo:
        obj = todo.pop()
        if isinstance(obj, (date, str)):  # a datetime is a date
            yield obj
            continue
        if isinstance(obj, _LEAVES) or id(obj) in seen:
            continue
        seen[id(obj)] = obj
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            todo.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        elif isinstance(obj, Mapping):
            todo.extend(obj.keys())
            todo.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            todo.extend(obj)
        else:
            raise TypeError(
                f"epochs: cannot look for dates in a {type(obj).__name__}; teach "
                "foederis.engine.epochs how to walk it"
            )


def change_days(recorded: Iterable[date]) -> tuple[date, ...]:
    """Every recorded day and the day after it, sorted."""
    out = set()
    for d in recorded:
        out.add(d)
        if d < date.max:
            out.add(d + timedelta(days=1))
    return tuple(sorted(out))


class Epochs:
    """The change-days of one knowledge base (with the states registry)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.recorded = recorded_dates(kb, states.all_states(), states.successions())
        self.days = change_days(self.recorded)

    def index(self, day: date) -> int:
        """The epoch of ``day``: the number of change-days on or before it."""
        return bisect_right(self.days, day)

    def bucket(self, day: date) -> tuple[str, Any]:
        """Days with the same bucket have the same answer up to the printed day: the epoch
        of a day that is not a recorded date; a recorded date is a bucket of its own."""
        if day in self.recorded:
            return ("day", day)
        return ("epoch", self.index(day))
