"""How KB records behave: suspension direction and dates, the settledness of a clause's
scope, the homes a treaty area covers, a disputed reading's value.

Plain facts (dates, parties, clause codings, invocations) are in the reviewable tables
tests/facts/*.yaml; what stays here exercises record methods or record structure."""

from __future__ import annotations

from datetime import date


def test_anzus_us_nzl_leg_is_suspended_both_ways_only(kb):
    t = kb.treaties["anzus"]
    us_nz = next(s for s in t.suspensions if s.by == ["USA"])
    nz_us = next(s for s in t.suspensions if s.by == ["NZL"])
    for sus in (us_nz, nz_us):
        assert sus.active_on(date(2026, 1, 1))
        assert not sus.active_on(date(1986, 8, 10))
        assert not sus.applies("AUS", "NZL")  # Australia-New Zealand obligations continue
        assert not sus.applies("NZL", "AUS")
    assert us_nz.applies("USA", "NZL") and nz_us.applies("NZL", "USA")


def test_csto_armenia_frozen_both_ways_from_2024(kb):
    frozen = [s for s in kb.treaties["csto"].suspensions if s.kind == "frozen"]
    assert any(s.applies("RUS", "ARM") and s.active_on(date(2025, 1, 1)) for s in frozen)
    assert any(s.applies("ARM", "KAZ") and s.active_on(date(2025, 1, 1)) for s in frozen)
    assert not any(s.active_on(date(2024, 1, 1)) for s in frozen)


def test_us_phl_coast_guard_is_arguable_in_the_text(kb):
    # coast guard is not named in the text: arguable (a public vessel), settled only by the
    # later US statements
    c = kb.treaties["us-phl-1951"].clause("art-4")
    assert all(not s.settled for s in c.trigger.scope if "coast_guard" in s.assets)


def test_us_kor_territory_settled_ships_arguable(kb):
    c = kb.treaties["us-kor-1953"].clause("art-3")
    first = c.trigger.scope[0]
    assert (first.assets, first.settled) == (["territory"], True)
    assert all(not s.settled for s in c.trigger.scope[1:])


def test_manila_treaty_area_covers_the_asian_parties(kb):
    area = kb.areas["manila-treaty-area"]
    assert {"PHL", "THA", "PAK"} <= set(area.contains_home_of)  # Art. VIII: the Asian Parties
    assert "USA" not in area.contains_home_of and "GBR" not in area.contains_home_of


def test_oas_venezuela_exit_disputed_as_never_left(kb):
    (ven,) = kb.treaties["oas-charter-1948"].spells("VEN")
    assert any(d.field == "left" and d.value is None for d in ven.disputed)
