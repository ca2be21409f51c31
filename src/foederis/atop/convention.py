"""ATOP's directed dyad-years from its member-level coding, in ATOP's own conventions.

These are the ``atop_*`` columns of ``foederis export dyad-years``: what ATOP codes, as
peacesciencer's ``add_atop_alliance()`` gives it, so that R users get the same variable.
foederis's own reading (curated files over the coded layer, through the engine) is a
different variable, exported as ``foederis_*`` (foederis.exports.dyads).

The conventions, each checked against ATOP 5.1's directed dyad-year file
(docs/atop-dyad-years.md gives the figures):

* **membership as ATOP codes it.** A member counts on every day of its ATOP membership,
  whether or not the COW state system lists it then. ATOP's member file marks such members
  ``cowsys = 0`` (92 of 2,398 rows: the governments in exile that signed the Declaration by
  United Nations, Uruguay before COW admits it in 1882, ...) and its dyad-year file counts
  them; the engine does not (a state that did not exist in foederis's registry is bound to
  nothing), so ``foederis_*`` can differ there;
* **a year counts when the two members share a day in it** (any day of the year, as
  peacesciencer's ``create_dyadyears()`` counts a state in every year of its spell); a
  day-less date is widened to the whole month (or year) it names, as the coded layer does;
* **direction**: ``ccode1`` carries the obligation (its member-level provision) towards
  ``ccode2``, every other member of the same alliance phase;
* **after ATOP 4.01's last day (2016-12-31)**: a member still in at the end stays in through
  the last year (2017 or 2018) in which ATOP 5.1's dyad-years show it with any partner of
  that alliance (decided at import, foederis.atop.layer); ATOP's coverage ends there, and
  later years are unknown (empty, NA in R), as in peacesciencer.

:func:`member_spells` is stored in the layer file at import (``members``);
:func:`atop_dyad_years` turns them into directed dyad-year flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

__all__ = ["PROVISIONS", "MemberSpell", "atop_dyad_years", "spell_from_json"]

# ATOP provision -> bit (the order of the atop_* columns)
PROVISIONS = ("defense", "offense", "neutral", "nonagg", "consul")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class MemberSpell:
    """One member of one alliance phase, as ATOP codes it: COW code, first day, first day
    after (exclusive), provision bits (``PROVISIONS`` order) and ATOP's ``cowsys``."""

    atopid: int
    phase: int
    ccode: int
    start: date
    until: date
    bits: int
    cowsys: bool

    def to_json(self) -> list[Any]:
        return [
            self.atopid,
            self.phase,
            self.ccode,
            self.start.isoformat(),
            self.until.isoformat(),
            self.bits,
            int(self.cowsys),
        ]


def spell_from_json(row: Sequence[Any]) -> MemberSpell:
    atopid, phase, ccode, start, until, bits, cowsys = row
    return MemberSpell(
        int(atopid),
        int(phase),
        int(ccode),
        date.fromisoformat(start),
        date.fromisoformat(until),
        int(bits),
        bool(cowsys),
    )


def provision_bits(flags: Iterable[bool]) -> int:
    return sum(1 << i for i, f in enumerate(flags) if f)


def atop_dyad_years(
    spells: Iterable[MemberSpell], first_year: int, last_year: int
) -> dict[tuple[int, int, int], int]:
    """(ccode1, ccode2, year) -> provision bits of ccode1 towards ccode2, for every year in
    ``first_year``..``last_year`` in which both are members of the same alliance phase on a
    common day (ATOP's conventions, module docstring)."""
    by_phase: dict[tuple[int, int], list[MemberSpell]] = {}
    for s in spells:
        by_phase.setdefault((s.atopid, s.phase), []).append(s)
    out: dict[tuple[int, int, int], int] = {}
    for rows in by_phase.values():
        for a in rows:
            if not a.bits:
                continue
            for b in rows:
                if a.ccode == b.ccode:
                    continue
                lo, hi = max(a.start, b.start), min(a.until, b.until)
                if lo >= hi:
                    continue
                y0 = max(lo.year, first_year)
                y1 = min((hi - ONE_DAY).year, last_year)
                for y in range(y0, y1 + 1):
                    key = (a.ccode, b.ccode, y)
                    out[key] = out.get(key, 0) | a.bits
    return out
