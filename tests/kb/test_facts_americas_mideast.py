"""Verified facts of the Americas and Middle East treaties (group "americas-mideast").

Each assertion is a fact checked against the sources named in the treaty file. Where a
file records a date as unverified (see its notes), the test does not assert it.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def spell(t, state, joined=None):
    spells = t.spells(state)
    if joined is not None:
        spells = [p for p in spells if p.joined == joined]
    assert len(spells) == 1, (state, spells)
    return spells[0]


# --- Rio Treaty ----------------------------------------------------------------------------


def test_rio_dates(kb):
    t = kb.treaties["rio-treaty"]
    assert t.signed == date(1947, 9, 2)
    assert t.in_force == date(1948, 12, 3)  # OAS depositary table and US proclamation
    assert t.ended is None
    assert t.atop_id == 3075


def test_rio_deposits_from_oas_table(kb):
    t = kb.treaties["rio-treaty"]
    assert spell(t, "CHL").joined == date(1949, 2, 9)
    assert spell(t, "ARG").joined == date(1950, 8, 21)
    assert spell(t, "GTM").joined == date(1955, 4, 6)
    assert spell(t, "BHS").joined == date(1982, 11, 24)
    assert spell(t, "CUB").joined == date(1948, 12, 9)


def test_rio_withdrawals(kb):
    t = kb.treaties["rio-treaty"]
    # Mexico's notice of 6 Sept 2002 + two years (Art. 25)
    assert spell(t, "MEX").left == date(2004, 9, 6)
    # Venezuela invoked Art. 25 on 14 May 2013 (its own letter to the UN Security Council)
    assert spell(t, "VEN", joined=date(1948, 12, 3)).left == date(2015, 5, 14)
    for state in ("BOL", "ECU", "NIC"):
        assert spell(t, state).left is not None
    # Cuba never denounced the treaty per the depositary; other readings are recorded
    cuba = spell(t, "CUB")
    assert cuba.left is None
    assert {d.field for d in cuba.disputed} == {"left"}


def test_rio_venezuela_reaccession_is_disputed(kb):
    t = kb.treaties["rio-treaty"]
    second = spell(t, "VEN", joined=date(2019, 8, 6))
    assert any(d.field == "joined" for d in second.disputed)


def test_rio_members(kb):
    t = kb.treaties["rio-treaty"]
    # 2018: the 18 parties before Venezuela's disputed return
    members_2018 = t.members_on(date(2018, 1, 1))
    assert len(members_2018) == 18
    assert {"MEX", "BOL", "ECU", "NIC", "VEN"}.isdisjoint(members_2018)
    # Sept 2019 reports list 19 parties, Venezuela (Guaido delegation) and Cuba included
    assert t.members_on(date(2019, 9, 23)) == members_2018 | {"VEN"}
    assert {"TTO", "BHS", "CUB"} <= members_2018


def test_rio_cuba_frozen(kb):
    t = kb.treaties["rio-treaty"]
    frozen = [s for s in t.suspensions if s.toward != "all" and "CUB" in s.toward]
    assert frozen and frozen[0].since == date(1962, 1, 31)


def test_rio_clauses(kb):
    t = kb.treaties["rio-treaty"]
    art3 = t.clause("art-3")
    assert art3.article == "3(1)"
    assert art3.type == "defense"
    assert art3.obligation.strength == "deems_necessary"
    assert art3.trigger.event == "armed_attack"
    assert "an armed attack by any State against an American State" in art3.text
    assert any("rio-zone" in s.areas for s in art3.trigger.scope)
    art6 = t.clause("art-6")
    assert art6.type == "consultation"
    assert art6.obligation.strength == "consult"


def test_rio_invocations(kb):
    t = kb.treaties["rio-treaty"]
    by_id = {i.id: i for i in t.invocations}
    sept11 = by_id["sept-11-2001"]
    assert sept11.date == date(2001, 9, 21)
    assert sept11.by == "USA"
    assert sept11.outcome == "honored"
    falklands = by_id["falklands-1982"]
    assert falklands.by == "ARG"
    assert falklands.date == date(1982, 4, 26)
    assert falklands.outcome == "not_honored"


# --- OAS Charter ---------------------------------------------------------------------------


def test_oas_dates(kb):
    t = kb.treaties["oas-charter-1948"]
    assert t.signed == date(1948, 4, 30)
    assert t.in_force == date(1951, 12, 13)
    assert t.atop_id == 3150
    assert t.kind == "organization"


def test_oas_deposits(kb):
    t = kb.treaties["oas-charter-1948"]
    assert spell(t, "ARG").joined == date(1956, 4, 10)
    assert spell(t, "CUB").joined == date(1952, 7, 16)
    assert spell(t, "CAN").joined == date(1990, 1, 8)
    assert spell(t, "GUY").joined == date(1991, 1, 8)
    assert spell(t, "BLZ").joined == date(1991, 1, 8)
    assert spell(t, "KNA").joined == date(1984, 3, 12)


def test_oas_members(kb):
    t = kb.treaties["oas-charter-1948"]
    assert len(t.members_on(date(2000, 1, 1))) == 35
    assert spell(t, "NIC").left == date(2023, 11, 19)
    ven = spell(t, "VEN")
    assert ven.left == date(2019, 4, 27)
    assert any(d.field == "left" and d.value is None for d in ven.disputed)
    assert len(t.members_on(date(2026, 1, 1))) == 33


def test_oas_suspensions(kb):
    t = kb.treaties["oas-charter-1948"]
    cuba = [
        s
        for s in t.suspensions
        if s.toward != "all" and "CUB" in s.toward and s.kind == "suspended"
    ]
    assert cuba[0].since == date(1962, 1, 31) and cuba[0].until == date(2009, 6, 3)
    honduras = [s for s in t.suspensions if s.toward != "all" and "HND" in s.toward]
    assert honduras[0].until == date(2011, 6, 1)


def test_oas_clause(kb):
    c = kb.treaties["oas-charter-1948"].clause("art-3")
    assert c.type == "consultation"  # the Charter refers the response to the Rio Treaty
    assert c.obligation.strength == "consult"


# --- Arab League Joint Defence Treaty ------------------------------------------------------


def test_arab_league_dates(kb):
    t = kb.treaties["arab-league-1950"]
    assert t.signed == date(1950, 6, 17)
    assert any(d.field == "signed" for d in t.disputed)
    assert t.in_force == date(1952, 8, 23)  # on deposit of Iraq's ratification
    assert t.atop_id == 3205


def test_arab_league_art2(kb):
    c = kb.treaties["arab-league-1950"].clause("art-2")
    assert c.article == "2"
    assert c.type == "defense"
    assert c.obligation.strength == "automatic"
    assert "including the use of armed force" in c.text
    assets = {a for s in c.trigger.scope for a in s.assets}
    assert {"territory", "armed_forces"} <= assets


def test_arab_league_suspensions(kb):
    t = kb.treaties["arab-league-1950"]

    def toward(state):
        return [s for s in t.suspensions if s.toward != "all" and state in s.toward]

    def by(state):
        return [s for s in t.suspensions if s.by != "all" and state in s.by]

    (egy,) = toward("EGY")
    assert egy.since == date(1979, 3, 31)
    (syr,) = toward("SYR")
    assert (syr.since, syr.until) == (date(2011, 11, 16), date(2023, 5, 7))
    assert by("EGY") and by("SYR")
    # both remain parties throughout
    assert {"EGY", "SYR"} <= t.members_on(date(2015, 1, 1))


# --- GCC Joint Defence Agreement -----------------------------------------------------------


def test_gcc(kb):
    t = kb.treaties["gcc-2000"]
    assert t.signed == date(2000, 12, 31)
    assert t.atop_id == 4965
    assert t.states() == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}
    art2 = t.clause("art-2")
    assert art2.type == "defense"
    assert "اعتداء عليها كلها" in art2.text
    assert t.clause("art-4").type == "consultation"


# --- Saudi-Pakistan Strategic Mutual Defence Agreement -------------------------------------


def test_sau_pak(kb):
    t = kb.treaties["sau-pak-2025"]
    assert t.signed == date(2025, 9, 17)
    assert t.states() == {"SAU", "PAK"}
    c = t.clause("mutual-defence")
    assert c.type == "defense"
    assert c.text is None  # the treaty text is not public
