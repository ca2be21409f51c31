"""Protection over time: who owed one state a defense obligation, year by year.

``history(kb, state, start, end)`` takes each year's last day (today for the current
year) and lists the defense obligations toward ``state`` in force that day
(``allies``), then what changed from the year before: obligations gained, lost, and
suspended (the treaty and both memberships still stand but a recorded suspension stops the
duty) or frozen (participation frozen, the duty nominally stands). One fact, one place:
the rows come from ``exports.obligations``, the same code as ``foederis allies``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from foederis import states
from foederis.errors import UsageError
from foederis.exports.obligations import DirectedObligation, allies
from foederis.kb import KnowledgeBase
from foederis.model.treaty import Treaty

Key = tuple[str, str, str]  # (obligated state, treaty, clause)


@dataclass(frozen=True, slots=True)
class Change:
    state: str  # the obligated state
    treaty: str
    clause: str
    article: str
    change: str  # gained | lost | suspended | frozen | resumed

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "treaty": self.treaty,
            "clause": self.clause,
            "article": self.article,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True)
class HistoryYear:
    year: int
    day: date
    protectors: tuple[DirectedObligation, ...]
    changes: tuple[Change, ...]

    def by_treaty(self) -> dict[str, int]:
        """How many states owed the protection that day, per treaty."""
        out: dict[str, set[str]] = {}
        for o in self.protectors:
            out.setdefault(o.treaty, set()).add(o.obligated)
        return {t: len(s) for t, s in sorted(out.items())}

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "day": self.day.isoformat(),
            "protectors": sorted({o.obligated for o in self.protectors}),
            "by_treaty": self.by_treaty(),
            "obligations": [o.to_json() for o in self.protectors],
            "changes": [c.to_json() for c in self.changes],
        }


def history(
    kb: KnowledgeBase, state: str, start: int, end: int, today: date | None = None
) -> list[HistoryYear]:
    """One HistoryYear per year from ``start`` to ``end`` (inclusive)."""
    today = today or date.today()
    if start < 1815:
        raise UsageError("start", f"{start} is before 1815", "the state system starts in 1815")
    if end < start:
        raise UsageError("end", f"{end} is before start {start}", "swap the two years")
    if end > today.year:
        raise UsageError("end", f"{end} is in the future", f"the last year is {today.year}")
    out: list[HistoryYear] = []
    before: dict[Key, DirectedObligation] = {}
    for year in range(start, end + 1):
        day = min(date(year, 12, 31), today)
        # a year the state did not exist (on its last day) has no protectors
        rows = allies(kb, state, day) if states.exists(state, day) else []
        now = {(o.obligated, o.treaty, o.clause): o for o in rows}
        changes: list[Change] = []
        for key, o in now.items():
            old = before.get(key)
            if old is None:
                changes.append(_change(o, "gained" if year > start else "in force"))
            elif o.frozen and not old.frozen:
                changes.append(_change(o, "frozen"))
            elif old.frozen and not o.frozen:
                changes.append(_change(o, "resumed"))
        for key, o in before.items():
            if key not in now:
                changes.append(_change(o, _why_gone(kb, o, day)))
        changes.sort(key=lambda c: (c.change, c.treaty, c.state))
        out.append(HistoryYear(year, day, tuple(rows), tuple(changes)))
        before = now
    return out


def _change(o: DirectedObligation, what: str) -> Change:
    return Change(o.obligated, o.treaty, o.clause, o.article, what)


def _why_gone(kb: KnowledgeBase, o: DirectedObligation, day: date) -> str:
    t = kb.treaties.get(o.treaty)
    if t is not None and t.is_in_force(day):
        members = t.members_on(day)
        if o.obligated in members and (o.protected in members or o.protected not in t.states()):
            return "suspended"
    return "lost"


def membership(treaty: Treaty, today: date | None = None) -> list[tuple[int, int]]:
    """(year, number of members on the year's last day, or today) from the year the treaty
    was signed or took effect to the year it ended (or this year)."""
    today = today or date.today()
    starts = [d for d in (treaty.signed, treaty.effective_from) if d is not None]
    starts += [p.joined for p in treaty.parties if p.joined is not None]
    if not starts:
        return []
    last = min(treaty.ended.year if treaty.ended else today.year, today.year)
    return [
        (year, len(treaty.members_on(min(date(year, 12, 31), today))))
        for year in range(min(starts).year, last + 1)
    ]
