"""Verified facts of the Europe/Eurasia treaties (group "europe-eurasia").

Each assertion is a fact checked against the sources named in the treaty file.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- North Atlantic Treaty ---------------------------------------------------------------


def test_nato_dates(kb):
    t = kb.treaties["nato"]
    assert t.signed == date(1949, 4, 4)
    assert t.in_force == date(1949, 8, 24)
    assert t.ended is None
    assert t.atop_id == 3180


def test_nato_member_counts(kb):
    t = kb.treaties["nato"]
    assert len(t.members_on(date(1949, 8, 24))) == 12
    assert len(t.members_on(date(2023, 1, 1))) == 30
    assert len(t.members_on(date(2026, 1, 1))) == 32


def test_nato_finland_and_sweden(kb):
    t = kb.treaties["nato"]
    assert "FIN" not in t.members_on(date(2023, 4, 3))
    assert "FIN" in t.members_on(date(2023, 4, 4))
    assert "SWE" not in t.members_on(date(2024, 3, 6))
    assert "SWE" in t.members_on(date(2024, 3, 7))


def test_nato_accession_dates(kb):
    t = kb.treaties["nato"]
    joined = {p.state: p.joined for p in t.parties}
    assert joined["GRC"] == joined["TUR"] == date(1952, 2, 18)
    assert joined["DEU"] == date(1955, 5, 6)  # West Germany's instrument deposited
    assert joined["ESP"] == date(1982, 5, 30)
    assert joined["POL"] == date(1999, 3, 12)
    assert joined["EST"] == date(2004, 3, 29)
    assert joined["HRV"] == date(2009, 4, 1)
    assert joined["MNE"] == date(2017, 6, 5)
    assert joined["MKD"] == date(2020, 3, 27)


def test_nato_france_never_left(kb):
    # France left the integrated command in 1966 but stayed a party.
    spells = kb.treaties["nato"].spells("FRA")
    assert len(spells) == 1 and spells[0].left is None
    assert "FRA" in kb.treaties["nato"].members_on(date(1970, 1, 1))


def test_nato_art5(kb):
    c = kb.treaties["nato"].clause("art-5")
    assert c.article == "5"
    assert c.type == "defense"
    assert c.obligation.strength == "deems_necessary"
    assert c.trigger.event == "armed_attack"
    assert c.trigger.non_state is True


def test_nato_art4(kb):
    c = kb.treaties["nato"].clause("art-4")
    assert c.type == "consultation"
    assert c.obligation.strength == "consult"
    assert c.trigger.event == "imminent_threat"


def test_nato_art5_invoked_once(kb):
    inv = [i for i in kb.treaties["nato"].invocations if i.clause == "art-5"]
    assert len(inv) == 1
    assert inv[0].by == "USA"
    assert inv[0].date == date(2001, 10, 2)


def test_nato_art4_requests(kb):
    inv = {(i.by, i.date) for i in kb.treaties["nato"].invocations if i.clause == "art-4"}
    assert ("TUR", date(2003, 2, 10)) in inv
    assert ("POL", date(2014, 3, 4)) in inv
    assert ("TUR", date(2015, 7, 28)) in inv
    assert ("TUR", date(2020, 2, 28)) in inv
    assert ("POL", date(2022, 2, 24)) in inv
    assert ("POL", date(2025, 9, 10)) in inv


# --- EU Art. 42(7) TEU --------------------------------------------------------------------


def test_eu_dates(kb):
    t = kb.treaties["eu-art-42-7"]
    assert t.in_force == date(2009, 12, 1)
    assert len(t.members_on(date(2009, 12, 1))) == 27
    assert len(t.members_on(date(2026, 1, 1))) == 27


def test_eu_croatia_and_uk(kb):
    t = kb.treaties["eu-art-42-7"]
    assert "HRV" not in t.members_on(date(2013, 6, 30))
    assert "HRV" in t.members_on(date(2013, 7, 1))
    assert "GBR" in t.members_on(date(2020, 1, 31))  # left at 23:00 GMT that day
    assert "GBR" not in t.members_on(date(2020, 2, 1))


def test_eu_clause(kb):
    c = kb.treaties["eu-art-42-7"].clause("art-42-7")
    assert c.article == "42(7)"
    assert c.obligation.strength == "all_means"
    assert "all the means in their power" in c.text


def test_eu_invoked_by_france(kb):
    inv = kb.treaties["eu-art-42-7"].invocations
    assert [(i.by, i.date, i.outcome) for i in inv] == [("FRA", date(2015, 11, 17), "honored")]


# --- Collective Security Treaty (CSTO) ----------------------------------------------------


def test_csto_dates(kb):
    t = kb.treaties["csto"]
    assert t.signed == date(1992, 5, 15)
    assert t.in_force == date(1994, 4, 20)
    assert t.atop_id == 4220


def test_csto_members(kb):
    t = kb.treaties["csto"]
    assert t.members_on(date(1995, 1, 1)) == {
        "ARM",
        "AZE",
        "BLR",
        "GEO",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
    }
    assert t.members_on(date(2000, 1, 1)) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert "UZB" in t.members_on(date(2010, 1, 1))
    assert t.members_on(date(2026, 1, 1)) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}


def test_csto_armenia_frozen(kb):
    t = kb.treaties["csto"]
    frozen = [s for s in t.suspensions if s.kind == "frozen"]
    assert {s.since for s in frozen} == {date(2024, 2, 22)}
    assert any(s.applies("RUS", "ARM") and s.active_on(date(2025, 1, 1)) for s in frozen)
    assert any(s.applies("ARM", "KAZ") and s.active_on(date(2025, 1, 1)) for s in frozen)
    assert not any(s.active_on(date(2024, 1, 1)) for s in frozen)


def test_csto_art4(kb):
    c = kb.treaties["csto"].clause("art-4")
    assert c.article == "4"
    assert c.type == "defense"
    assert c.obligation.strength == "all_means"


def test_csto_invocations(kb):
    inv = {i.id: i for i in kb.treaties["csto"].invocations}
    assert inv["2022-01-kaz"].outcome == "honored"
    assert inv["2022-01-kaz"].clause == "art-4"
    assert inv["2022-09-arm"].outcome == "not_honored"
    assert inv["2022-09-arm"].date == date(2022, 9, 13)
    assert inv["2021-05-arm"].clause == "art-2"


# --- Bilateral treaties -------------------------------------------------------------------


def test_rus_blr_2024(kb):
    t = kb.treaties["rus-blr-2024"]
    assert t.signed == date(2024, 12, 6)
    assert t.in_force == date(2025, 3, 13)
    assert t.members_on(date(2025, 3, 12)) == set()
    assert t.members_on(date(2025, 3, 13)) == {"BLR", "RUS"}


def test_rus_arm_1997(kb):
    t = kb.treaties["rus-arm-1997"]
    assert t.signed == date(1997, 8, 29)
    assert t.atop_id == 4890
    c = t.clause("art-3")
    assert c.type == "defense"
    assert c.obligation.strength == "all_means"


def test_tur_aze_2021(kb):
    t = kb.treaties["tur-aze-2021"]
    assert t.signed == date(2021, 6, 15)
    assert t.in_force == date(2022, 2, 12)
    assert t.members_on(date(2023, 1, 1)) == {"AZE", "TUR"}


def test_tur_aze_2010(kb):
    t = kb.treaties["tur-aze-2010"]
    assert t.signed == date(2010, 8, 16)
    assert t.atop_id == 6035
