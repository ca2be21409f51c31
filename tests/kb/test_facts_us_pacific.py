"""Verified facts of the US Pacific treaties (group "us-pacific").

Each assertion is a fact checked against the sources named in the treaty file.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- US-Philippines Mutual Defense Treaty ------------------------------------------------


def test_us_phl_dates(kb):
    t = kb.treaties["us-phl-1951"]
    assert t.signed == date(1951, 8, 30)
    assert t.in_force == date(1952, 8, 27)  # exchange of ratifications in Manila
    assert t.ended is None
    assert t.atop_id == 3210


def test_us_phl_members(kb):
    t = kb.treaties["us-phl-1951"]
    assert t.members_on(date(1952, 8, 26)) == set()
    assert t.members_on(date(2026, 1, 1)) == {"PHL", "USA"}


def test_us_phl_art4(kb):
    c = kb.treaties["us-phl-1951"].clause("art-4")
    assert c.article == "IV"
    assert c.type == "defense"
    assert c.obligation.strength == "constitutional"
    assert c.trigger.event == "armed_attack"
    areas = {a for s in c.trigger.scope for a in s.areas}
    assert {"party_home", "pacific-area"} <= areas
    # coast guard is not named in the text: arguable (a public vessel), settled only by the
    # later US statements
    assert all(not s.settled for s in c.trigger.scope if "coast_guard" in s.assets)


def test_us_phl_interpretations(kb):
    t = kb.treaties["us-phl-1951"]
    by_id = {i.id: i for i in t.interpretations}
    pompeo = by_id["us-2019-pompeo-scs"]
    assert pompeo.date == date(2019, 3, 1)
    assert any("south-china-sea" in s.areas for s in pompeo.add_scope)
    first_cg = by_id["us-2023-05-01-coast-guard"]
    assert first_cg.date == date(2023, 5, 1)
    assert any(
        "coast_guard" in s.assets and "south-china-sea" in s.areas for s in first_cg.add_scope
    )
    campbell = by_id["us-2024-06-18-campbell"]
    assert campbell.date == date(2024, 6, 18)
    assert any("coast_guard" in s.assets for s in campbell.add_scope)


# --- US-Japan Treaty of Mutual Cooperation and Security ----------------------------------


def test_us_jpn_dates_and_members(kb):
    t = kb.treaties["us-jpn-1960"]
    assert t.signed == date(1960, 1, 19)
    assert t.in_force == date(1960, 6, 23)
    assert t.members_on(date(1960, 6, 22)) == set()
    assert t.members_on(date(2026, 1, 1)) == {"JPN", "USA"}
    assert t.atop_id == 3375


def test_us_jpn_art5_limited_to_japan_administered(kb):
    c = kb.treaties["us-jpn-1960"].clause("art-5")
    assert c.article == "V"
    assert c.obligation.strength == "constitutional"
    assert c.obligation.owed_by == "all" and c.obligation.owed_to == "all"
    assert {a for s in c.trigger.scope for a in s.areas} == {"japan-administered"}


def test_us_jpn_senkaku_statements(kb):
    t = kb.treaties["us-jpn-1960"]
    obama = next(i for i in t.interpretations if i.id == "us-2014-obama-senkaku")
    assert obama.date == date(2014, 4, 24)
    assert obama.effect == "affirm"
    assert any("senkaku-islands" in s.areas for s in obama.add_scope)


# --- ANZUS ---------------------------------------------------------------------------------


def test_anzus_dates_and_members(kb):
    t = kb.treaties["anzus"]
    assert t.signed == date(1951, 9, 1)
    assert t.in_force == date(1952, 4, 29)
    # New Zealand never withdrew: it stays a party, only the US obligations toward it are suspended
    assert t.members_on(date(2026, 1, 1)) == {"AUS", "NZL", "USA"}
    assert t.atop_id == 3215


def test_anzus_us_suspension_toward_nzl(kb):
    t = kb.treaties["anzus"]
    us_nz, nz_us = t.suspensions  # the US-New Zealand leg lapsed in both directions
    assert us_nz.by == ["USA"] and us_nz.toward == ["NZL"]
    assert nz_us.by == ["NZL"] and nz_us.toward == ["USA"]
    for sus in (us_nz, nz_us):
        assert sus.since == date(1986, 8, 11)
        assert sus.active_on(date(2026, 1, 1))
        assert not sus.active_on(date(1986, 8, 10))
        assert not sus.applies("AUS", "NZL")  # Australia-New Zealand obligations continue
        assert not sus.applies("NZL", "AUS")
    assert us_nz.applies("USA", "NZL") and nz_us.applies("NZL", "USA")


def test_anzus_art4_and_invocation(kb):
    t = kb.treaties["anzus"]
    c = t.clause("art-4")
    assert c.article == "IV"
    assert c.obligation.strength == "constitutional"
    assert t.clause("art-3").obligation.strength == "consult"
    (inv,) = t.invocations
    assert inv.date == date(2001, 9, 14)
    assert inv.clause == "art-4"
    assert inv.by == "USA"  # the attacked party; Australia invoked the treaty


# --- Manila Pact -----------------------------------------------------------------------------


def test_manila_dates(kb):
    t = kb.treaties["manila-pact"]
    assert t.signed == date(1954, 9, 8)
    assert t.in_force == date(1955, 2, 19)
    assert t.ended is None  # SEATO (the organization) was dissolved in 1977, the treaty was not
    assert t.atop_id == 3260


def test_manila_members(kb):
    t = kb.treaties["manila-pact"]
    founders = {"AUS", "FRA", "GBR", "NZL", "PAK", "PHL", "THA", "USA"}
    assert t.members_on(date(1955, 2, 19)) == founders
    assert t.members_on(date(1973, 11, 7)) == founders
    assert t.members_on(date(1973, 11, 8)) == founders - {"PAK"}
    assert {"THA", "USA"} <= t.members_on(date(2026, 1, 1))
    assert "PAK" not in t.members_on(date(2026, 1, 1))


def test_manila_art4(kb):
    t = kb.treaties["manila-pact"]
    c1 = t.clause("art-4-1")
    assert c1.article == "IV(1)"
    assert c1.type == "defense"
    assert c1.obligation.strength == "constitutional"
    assert {a for s in c1.trigger.scope for a in s.areas} == {"manila-treaty-area"}
    c2 = t.clause("art-4-2")
    assert c2.article == "IV(2)"
    assert c2.type == "consultation"
    assert c2.obligation.strength == "consult"


def test_manila_rusk_thanat(kb):
    t = kb.treaties["manila-pact"]
    (rt,) = t.interpretations
    assert rt.date == date(1962, 3, 6)
    assert rt.clause == "art-4-1"
    assert rt.effect == "widen" and rt.status == "official"


def test_manila_treaty_area(kb):
    area = kb.areas["manila-treaty-area"]
    assert {"PHL", "THA", "PAK"} <= set(area.contains_home_of)  # Art. VIII: the Asian Parties
    assert "USA" not in area.contains_home_of and "GBR" not in area.contains_home_of


# --- US-ROC Mutual Defense Treaty ------------------------------------------------------------


def test_us_roc(kb):
    t = kb.treaties["us-roc-1954"]
    assert t.signed == date(1954, 12, 2)
    assert t.in_force == date(1955, 3, 3)
    assert t.ended == date(1980, 1, 1)
    assert t.members_on(date(1979, 12, 31)) == {"TWN", "USA"}
    assert t.members_on(date(1980, 1, 1)) == set()
    c = t.clause("art-5")
    assert c.article == "V"
    assert c.obligation.strength == "constitutional"
    assert any("taiwan-and-pescadores" in s.areas for s in c.trigger.scope)


# --- Taiwan Relations Act --------------------------------------------------------------------


def test_tra_is_policy_not_defense(kb):
    t = kb.treaties["us-twn-tra-1979"]
    assert t.kind == "policy"
    assert t.in_force == date(1979, 1, 1)  # effective retroactively; approved 10 April 1979
    assert not t.is_defense()
    assert t.members_on(date(2026, 1, 1)) == {"USA"}
    for cid in ("sec-2b", "sec-3"):
        c = t.clause(cid)
        assert c.type == "policy"
        assert c.obligation.strength == "none"
        assert c.obligation.owed_by == ["USA"] and c.obligation.owed_to == ["TWN"]
