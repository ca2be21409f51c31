"""Wars as the coding rules see them: participants with their side, whether they initiated
the war, and the years they fought, read from the COW inter-state war file (directed
dyad-years, one row per pair of opponents per year)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from foederis.backtest.inputs import BacktestInputError, _int, _open_rows

WAR_COLUMNS = ("warnum", "ccode1", "ccode2", "year", "sidea1", "initiator1")


@dataclass(frozen=True, slots=True)
class Participant:
    ccode: int
    side: int
    initiator: bool
    first_year: int
    last_year: int
    opponents: frozenset[int]
    switched: bool = False  # changed sides during the war (COW codes a second side)


@dataclass(frozen=True, slots=True)
class War:
    warnum: int
    first_year: int
    last_year: int
    participants: dict[int, Participant]

    def side(self, ccode: int) -> int | None:
        p = self.participants.get(ccode)
        return p.side if p else None

    @property
    def initiators(self) -> frozenset[int]:
        return frozenset(c for c, p in self.participants.items() if p.initiator)

    def initiating_sides(self) -> frozenset[int]:
        return frozenset(p.side for p in self.participants.values() if p.initiator)

    def entered_first_year(self, ccode: int) -> bool:
        p = self.participants.get(ccode)
        return p is not None and p.first_year == self.first_year


@dataclass
class _Acc:
    years: dict[int, int] = field(default_factory=dict)  # year -> side (first seen)
    initiator: bool = False
    opponents: set[int] = field(default_factory=set)

    def add(self, year: int, side: int, initiator: bool, opponent: int) -> None:
        self.years.setdefault(year, side)
        self.initiator = self.initiator or initiator
        self.opponents.add(opponent)

    def participant(self, ccode: int) -> Participant:
        first = min(self.years)
        sides = frozenset(self.years.values())
        return Participant(
            ccode,
            self.years[first],
            self.initiator,
            first,
            max(self.years),
            frozenset(self.opponents),
            switched=len(sides) > 1,
        )


def read_cow_wars(path: Path | str) -> dict[int, War]:
    """Wars keyed by COW war number."""
    wpath = Path(path)
    rows: dict[int, dict[int, _Acc]] = {}
    for line, row in _open_rows(wpath, WAR_COLUMNS):
        warnum = _int(wpath, line, row, "warnum")
        c1 = _int(wpath, line, row, "ccode1")
        c2 = _int(wpath, line, row, "ccode2")
        year = _int(wpath, line, row, "year")
        side = _int(wpath, line, row, "sidea1")
        init = _int(wpath, line, row, "initiator1", 0) == 1
        if side not in (1, 2):
            raise BacktestInputError(wpath, line, "sidea1", f"side {side}", "sides are 1 or 2")
        acc = rows.setdefault(warnum, {}).setdefault(c1, _Acc())
        acc.add(year, side, init, c2)
    wars: dict[int, War] = {}
    for warnum, parts in rows.items():
        ps = {c: acc.participant(c) for c, acc in parts.items()}
        wars[warnum] = War(
            warnum,
            min(p.first_year for p in ps.values()),
            max(p.last_year for p in ps.values()),
            ps,
        )
    return wars
