"""Small hand-built wars and alliances for the rule tests (no shared data needed)."""

from __future__ import annotations

from datetime import date

from foederis.backtest.inputs import Alliance, Contiguity, MemberSpell
from foederis.backtest.wars import Participant, War


def spell(
    ccode: int,
    *,
    defense: bool = False,
    offense: bool = False,
    neutral: bool = False,
    nonagg: bool = False,
    consul: bool = False,
    conditions: tuple[str, ...] = (),
    threats: tuple[int, ...] = (),
    entry: int = 1900,
    exit: int | None = None,
    wartime_war: int | None = None,
    atopid: int = 9001,
) -> MemberSpell:
    return MemberSpell(
        atopid,
        ccode,
        0,
        date(entry, 1, 1),
        date(exit, 12, 31) if exit else None,
        defense,
        offense,
        neutral,
        nonagg,
        consul,
        conditions=frozenset(conditions),
        threats=threats,
        wartime_war=wartime_war,
    )


def alliance(*members: MemberSpell, atopid: int = 9001) -> Alliance:
    return Alliance(
        atopid,
        date(1900, 1, 1),
        None,
        any(m.defense for m in members),
        any(m.offense for m in members),
        any(m.neutral for m in members),
        any(m.nonagg for m in members),
        any(m.consul for m in members),
        members=members,
    )


def war(sides: dict[int, tuple[int, bool, int]], warnum: int = 500, first: int = 1950) -> War:
    """``sides``: ccode -> (side, initiator, first year); everyone fights everyone on the
    other side until ``first + 1``."""
    parts = {}
    for c, (side, init, start) in sides.items():
        opp = frozenset(o for o, (s, _, _) in sides.items() if s != side)
        parts[c] = Participant(c, side, init, start, first + 1, opp)
    return War(warnum, first, first + 1, parts)


def contiguity(*pairs: tuple[int, int]) -> Contiguity:
    spells: dict[tuple[int, int], tuple[tuple[int, int, int], ...]] = {}
    for a, b in pairs:
        spells[(a, b)] = spells[(b, a)] = ((1, 1800, 2100),)
    return Contiguity(spells)
