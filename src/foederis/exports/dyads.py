"""Directed dyad-years for researchers, in ATOP/COW conventions (peacesciencer-style).

``create_dyad_years(kb, start, end)`` returns one row per (obligated state, protected state,
year) with at least one obligation in force at any time during that year, keyed by COW codes
(``ccode1`` owes ``ccode2``) and ISO3 codes, with 0/1 flags by clause type (``defense``,
``consultation``, ``neutrality``, ``non_aggression``, ``offense``) and the treaty ids behind
them. A treaty counts in a year if it binds the dyad on 1 January or on any day in the year
when its state changes (entry into force, a join, a departure, a suspension starting or
ending), so short spells are not missed. States without a COW code in that year (e.g.
micro-states COW does not code) keep their ISO3 codes and an empty ``ccode``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from foederis.exports.obligations import change_days, treaty_obligations
from foederis.kb import KnowledgeBase
from foederis.model.enums import ClauseType

FLAGS = [
    t.value
    for t in (
        ClauseType.defense,
        ClauseType.consultation,
        ClauseType.neutrality,
        ClauseType.non_aggression,
        ClauseType.offense,
    )
]
COLUMNS = ["ccode1", "ccode2", "iso3_1", "iso3_2", "year", *FLAGS, "treaties"]


@dataclass
class DyadYear:
    iso3_1: str
    iso3_2: str
    year: int
    ccode1: int | None = None
    ccode2: int | None = None
    flags: set[str] = field(default_factory=set)
    treaties: set[str] = field(default_factory=set)

    def row(self) -> dict[str, object]:
        out: dict[str, object] = {
            "ccode1": self.ccode1,
            "ccode2": self.ccode2,
            "iso3_1": self.iso3_1,
            "iso3_2": self.iso3_2,
            "year": self.year,
        }
        out.update({f: int(f in self.flags) for f in FLAGS})
        out["treaties"] = ";".join(sorted(self.treaties))
        return out


def create_dyad_years(kb: KnowledgeBase, start: int, end: int) -> list[dict[str, object]]:
    if end < start:
        raise ValueError(f"end year {end} is before start year {start}")
    return [d.row() for d in _dyad_years(kb, start, end)]


def _dyad_years(kb: KnowledgeBase, start: int, end: int) -> Iterator[DyadYear]:
    for year in range(start, end + 1):
        first, last = date(year, 1, 1), date(year, 12, 31)
        found: dict[tuple[str, str], DyadYear] = {}
        for t in kb.treaties.values():
            for day in sorted({first} | change_days(t, first, last)):
                for o in treaty_obligations(t, day):
                    d = found.get((o.obligated, o.protected))
                    if d is None:
                        d = DyadYear(o.obligated, o.protected, year)
                        found[(o.obligated, o.protected)] = d
                    d.ccode1 = d.ccode1 or o.obligated_cow
                    d.ccode2 = d.ccode2 or o.protected_cow
                    d.flags.add(o.type.value)
                    d.treaties.add(o.treaty)
        yield from (found[k] for k in sorted(found))
