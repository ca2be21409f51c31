"""ATOP's dyad-year conventions (foederis.atop.convention), checked day by day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from foederis.atop.convention import MemberSpell, atop_dyad_years, spell_from_json

BASE = date(1990, 1, 1)


@st.composite
def spells(draw: st.DrawFn) -> list[MemberSpell]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        start = BASE + timedelta(days=draw(st.integers(0, 3 * 365)))
        until = start + timedelta(days=draw(st.integers(1, 2 * 365)))
        out.append(
            MemberSpell(
                atopid=draw(st.sampled_from([1005, 1010])),
                phase=0,
                ccode=draw(st.sampled_from([2, 20, 200, 365])),
                start=start,
                until=until,
                bits=draw(st.integers(0, 31)),
                cowsys=draw(st.booleans()),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(spells())
def test_a_year_counts_when_two_members_share_a_day_in_it(rows: list[MemberSpell]) -> None:
    got = atop_dyad_years(rows, 1815, 2018)
    want: dict[tuple[int, int, int], int] = {}
    for a in rows:
        for b in rows:
            if a.ccode == b.ccode or a.atopid != b.atopid or not a.bits:
                continue
            day = max(a.start, b.start)
            while day < min(a.until, b.until):  # every shared day, one by one
                key = (a.ccode, b.ccode, day.year)
                want[key] = want.get(key, 0) | a.bits
                day += timedelta(days=1)
    # cowsys plays no part: a member outside the COW state system counts as ATOP counts it
    assert got == want


def test_exit_day_is_not_a_day_of_membership_and_years_are_clipped() -> None:
    a = MemberSpell(1, 0, 2, date(1950, 3, 1), date(1960, 1, 1), 1, True)
    b = MemberSpell(1, 0, 20, date(1955, 1, 1), date(1970, 1, 1), 0, False)
    got = atop_dyad_years([a, b], 1956, 2018)
    assert sorted(got) == [(2, 20, y) for y in range(1956, 1960)]  # not 1960, not 1955
    assert spell_from_json(a.to_json()) == a
