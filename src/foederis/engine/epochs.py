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

An answer reads only part of the knowledge base, so ``Epochs.of(target)`` keeps, per
target, the dates of what an attack on it reads (see ``Epochs``): fewer change-days,
longer epochs. ``Timeline.bucket(day)`` says which answers may stand for the one on
``day``: those of other days of the same epoch, provided neither day is itself a recorded
date (whose ISO text could then appear in the answer for another reason).
tests/web/test_answers.py checks the claim on random scenarios and days against an engine
whose caches were emptied.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
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
    return _scan(roots)[0]


def _scan(root: object) -> tuple[frozenset[date], frozenset[str]]:
    """The dates (as above) and the texts held anywhere in ``root``."""
    dates: set[date] = set()
    texts: set[str] = set()
    for value in _walk(root):
        if isinstance(value, date):
            dates.add(value)
        else:
            texts.add(value)
            for text in _ISO.findall(value):
                with contextlib.suppress(ValueError):  # 2023-02-30 is no date
                    dates.add(date.fromisoformat(text))
    return frozenset(dates), frozenset(texts)


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


@dataclass(frozen=True, slots=True)
class Timeline:
    """The recorded dates that can change one target's answers, and its change-days."""

    recorded: frozenset[date]
    days: tuple[date, ...]

    def index(self, day: date) -> int:
        """The epoch of ``day``: the number of change-days on or before it."""
        return bisect_right(self.days, day)

    def bucket(self, day: date) -> tuple[str, Any]:
        """Days with the same bucket have the same answer up to the printed day: the epoch
        of a day that is not a recorded date; a recorded date is a bucket of its own."""
        if day in self.recorded:
            return ("day", day)
        return ("epoch", self.index(day))


class Epochs:
    """The change-days of one knowledge base (with the states registry), per target.

    An attack on a target reads only the treaties that name it somewhere (the clauses
    that protect it, the instruments of a "no duty" answer and the allies they leave out
    all name it as a party or in a clause), the places, the lifetimes of the states it
    meets there, and the day each treaty was last verified (the summary's caveat). So a
    target's timeline holds the dates of: every treaty in which its code appears as a
    text anywhere; everything in the KB that is not a treaty (places, ...); every
    treaty's ``last_verified``; the states registry's entries of every state code that
    appears in those (and the successions). ``Epochs.all`` is the timeline of the whole KB
    (every target's is a part of it)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        registry = {s.iso3: s for s in states.all_states()}
        self._treaties = [_scan(t) for t in kb.treaties.values()]
        rest = {f.name: getattr(kb, f.name) for f in dataclasses.fields(kb)}
        rest.pop("treaties")
        common, texts = _scan(rest)
        self._common = (
            common
            | recorded_dates(states.successions())
            | {t.last_verified for t in kb.treaties.values() if t.last_verified}
        )
        self._common_texts = texts
        self._state_dates = {code: recorded_dates(s) for code, s in registry.items()}
        self._timelines: dict[str, Timeline] = {}
        everything = set(self._common)
        for dates, _ in self._treaties:
            everything |= dates
        for dates in self._state_dates.values():
            everything |= dates
        self.all = _timeline(everything)

    def of(self, target: str) -> Timeline:
        """The timeline of attacks on ``target`` (an ISO3 code)."""
        got = self._timelines.get(target)
        if got is None:
            dates = set(self._common)
            codes = {target} | self._common_texts
            for treaty_dates, texts in self._treaties:
                if target in texts:
                    dates |= treaty_dates
                    codes |= texts
            for code in codes:
                dates |= self._state_dates.get(code, frozenset())
            got = self._timelines[target] = _timeline(dates)
        return got


def _timeline(recorded: Iterable[date]) -> Timeline:
    rec = frozenset(recorded)
    return Timeline(rec, change_days(rec))
