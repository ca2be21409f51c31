"""States that existed: lifetimes (spells), state-system membership and successions."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foederis import states
from foederis.states import NonexistentStateError

COW_STATES = Path(__file__).resolve().parents[2] / "shared" / "data" / "cow" / "states2016.csv"


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        ("UZB", date(1970, 1, 1), False),  # a Soviet republic then
        ("UZB", date(1992, 1, 1), True),
        ("SUN", date(1970, 1, 1), True),
        ("SUN", date(2026, 1, 1), False),
        ("YMD", date(2026, 1, 1), False),
        ("YMD", date(1980, 1, 1), True),
        ("RUS", date(1970, 1, 1), False),  # the USSR then (one legal person, RUS/SUN)
        ("RUS", date(1914, 8, 1), True),
        ("POL", date(1900, 1, 1), False),  # partitioned
        ("POL", date(1942, 1, 1), False),  # occupied (COW leaves the system 1939-1945)
        ("POL", date(1970, 1, 1), True),
        ("BAV", date(1850, 1, 1), True),
        ("BAV", date(1900, 1, 1), False),  # part of the German Empire since 1871
        ("AUH", date(1914, 8, 1), True),
        ("AUH", date(1919, 1, 1), False),
        ("PAP", date(1850, 1, 1), True),
        ("DDR", date(1950, 1, 1), True),
        ("DDR", date(1991, 1, 1), False),
        ("ITA", date(1820, 1, 1), True),  # COW 325: Sardinia, then Italy
        ("XKO", date(1900, 1, 1), True),
        ("KOR", date(1900, 1, 1), False),
        ("NOPE", date(1900, 1, 1), False),
    ],
)
def test_exists(code: str, day: date, expected: bool) -> None:
    assert states.exists(code, day) is expected
    assert (code in states.existing_on(day)) is expected


def test_nonexistent_state_error_names_spells_and_successor() -> None:
    with pytest.raises(NonexistentStateError) as info:
        states.require_exists("SUN", date(2026, 1, 1))
    msg = str(info.value)
    assert "Soviet Union (SUN) did not exist on 2026-01-01" in msg
    assert "1922-12-30 to 1991-12-25" in msg
    assert "continued by Russia (RUS) from 1991-12-26" in msg
    with pytest.raises(NonexistentStateError, match="merged into Germany"):
        states.require_exists("DDR", date(1995, 1, 1))
    with pytest.raises(NonexistentStateError) as info:
        states.require_exists("RUS", date(1970, 1, 1))
    assert "until 1922-12-29, from 1991-12-26" in str(info.value)
    assert "continued by Soviet Union (SUN) from 1922-12-30" in str(info.value)
    with pytest.raises(NonexistentStateError, match=r"see Czechoslovakia \(CSK\)"):
        states.require_exists("SVK", date(1970, 1, 1))
    assert states.require_exists("POL", date(1970, 1, 1)).iso3 == "POL"


def test_continuations() -> None:
    assert states.continuations("RUS") == ("RUS", "SUN")
    assert states.continuations("SUN") == ("RUS", "SUN")
    assert states.continuations("YUG") == ("SRB", "YUG")
    assert states.continuations("DDR") == ("DDR",)  # merged, not continued
    assert states.continuations("CZE") == ("CZE",)  # CSK dissolved


def test_successions_are_consistent() -> None:
    succ = states.successions()
    assert succ, "no successions recorded"
    for s in succ:
        pred, new = states.get(s.predecessor), states.get(s.successor)
        # the predecessor has ended by the day of the succession
        assert not pred.exists_on(s.on), s
        assert any(sp.end is not None and sp.end < s.on for sp in pred.spells), s
        # the successor exists on that day or within a year (dissolutions)
        assert any(
            sp.covers(s.on) or (sp.start is not None and s.on <= sp.start <= s.on + timedelta(366))
            for sp in new.spells
        ), s


@settings(deadline=None, max_examples=50)
@given(st.dates(min_value=date(1815, 1, 1), max_value=date(2030, 12, 31)))
def test_existing_on_matches_exists(day: date) -> None:
    on = set(states.existing_on(day))
    for state in states.all_states():
        assert (state.iso3 in on) == states.exists(state.iso3, day)
        # the state system is part of existence: a member of the system exists
        if states.in_system(state.iso3, day):
            assert state.iso3 in on


@settings(deadline=None, max_examples=50)
@given(st.dates(min_value=date(1816, 1, 1), max_value=date(2016, 12, 31)))
def test_one_holder_per_cow_code_per_day(day: date) -> None:
    held: dict[int, str] = {}
    for state in states.all_states():
        if not states.in_system(state.iso3, day):
            continue
        code = states.cow_code(state.iso3, day)
        assert code is not None
        assert held.setdefault(code, state.iso3) == state.iso3, (code, day)


def test_system_spells_match_cow_file() -> None:
    if not COW_STATES.exists():
        pytest.skip(f"COW states2016.csv not found at {COW_STATES} (reference data absent)")
    with COW_STATES.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        code = int(r["ccode"])
        start = date(int(r["styear"]), int(r["stmonth"]), int(r["stday"]))
        end = date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"]))
        for day in (start, end, start + (end - start) / 2):
            iso = states.iso3_from_cow(code, day)
            assert iso is not None, (r["stateabb"], day)
            assert states.in_system(iso, day), (r["stateabb"], iso, day)
            assert states.cow_code(iso, day) == code, (r["stateabb"], iso, day)
        # the day before entry and after exit: not in the system under this code
        for day in (start - timedelta(1), end + timedelta(1)):
            if date(1816, 1, 1) <= day <= date(2016, 12, 30):
                iso = states.iso3_from_cow(code, day)
                assert not (
                    iso and states.in_system(iso, day) and states.cow_code(iso, day) == code
                ) or any(
                    int(o["ccode"]) == code
                    and date(int(o["styear"]), int(o["stmonth"]), int(o["stday"]))
                    <= day
                    <= date(int(o["endyear"]), int(o["endmonth"]), int(o["endday"]))
                    for o in rows
                ), (r["stateabb"], day)
