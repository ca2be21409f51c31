"""Key facts of the korea-russia group of treaties, checked against the loaded built-in KB.

Each assertion is a fact verified against the sources listed in the treaty file.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- Russia–North Korea 2024 -------------------------------------------------------------


def test_rus_prk_2024_dates(kb):
    t = kb.treaties["rus-prk-2024"]
    assert t.signed == date(2024, 6, 19)
    assert t.in_force == date(2024, 12, 4)
    assert t.ended is None


def test_rus_prk_2024_members(kb):
    t = kb.treaties["rus-prk-2024"]
    assert t.members_on(date(2024, 12, 3)) == set()
    assert t.members_on(date(2025, 4, 28)) == {"RUS", "PRK"}


def test_rus_prk_2024_art4_is_automatic_on_war(kb):
    c = kb.treaties["rus-prk-2024"].clause("art-4")
    assert c.article == "4"
    assert c.type == "defense"
    assert c.obligation.strength == "automatic"
    assert c.trigger.event == "invasion"
    assert c.trigger.non_state is False


def test_rus_prk_2024_art3_is_consultation(kb):
    c = kb.treaties["rus-prk-2024"].clause("art-3")
    assert c.type == "consultation"
    assert c.obligation.strength == "consult"


def test_rus_prk_2024_kursk_invocation(kb):
    t = kb.treaties["rus-prk-2024"]
    (inv,) = [i for i in t.invocations if i.id == "2025-kursk"]
    assert inv.clause == "art-4"
    assert inv.by == "RUS"
    assert inv.date == date(2025, 4, 28)
    assert inv.outcome == "honored"


# --- Russia–North Korea 2000 -------------------------------------------------------------


def test_rus_prk_2000_superseded_in_2024(kb):
    t = kb.treaties["rus-prk-2000"]
    assert t.signed == date(2000, 2, 9)
    assert t.in_force == date(2000, 10, 30)
    assert t.ended == date(2024, 12, 4)
    assert t.superseded_by == "rus-prk-2024"
    assert t.atop_id == 4940
    assert t.members_on(date(2010, 1, 1)) == {"RUS", "PRK"}
    assert t.members_on(date(2025, 1, 1)) == set()


def test_rus_prk_2000_has_no_defense_clause(kb):
    t = kb.treaties["rus-prk-2000"]
    assert not t.is_defense()
    assert {c.obligation.strength for c in t.clauses} == {"consult"}


# --- USSR–North Korea 1961 ---------------------------------------------------------------


def test_ussr_prk_1961_dates(kb):
    t = kb.treaties["ussr-prk-1961"]
    assert t.signed == date(1961, 7, 6)
    assert t.ended == date(1996, 9, 10)
    assert t.atop_id == 3440
    assert any(d.field == "ended" for d in t.disputed)


def test_ussr_prk_1961_russia_continues_ussr(kb):
    t = kb.treaties["ussr-prk-1961"]
    assert t.members_on(date(1980, 1, 1)) == {"SUN", "PRK"}
    assert t.members_on(date(1995, 1, 1)) == {"RUS", "PRK"}
    assert t.members_on(date(1997, 1, 1)) == set()


def test_ussr_prk_1961_art1_automatic(kb):
    c = kb.treaties["ussr-prk-1961"].clause("art-1")
    assert c.type == "defense"
    assert c.obligation.strength == "automatic"
    assert c.trigger.event == "invasion"


# --- China–North Korea 1961 --------------------------------------------------------------


def test_prc_prk_1961_in_force(kb):
    t = kb.treaties["prc-prk-1961"]
    assert t.signed == date(1961, 7, 11)
    assert t.in_force == date(1961, 9, 10)
    assert t.ended is None
    assert t.atop_id == 3445
    assert t.members_on(date(2026, 1, 1)) == {"CHN", "PRK"}


def test_prc_prk_1961_art2_automatic(kb):
    c = kb.treaties["prc-prk-1961"].clause("art-2")
    assert c.article == "II"
    assert c.obligation.strength == "automatic"
    assert c.trigger.event == "invasion"


def test_prc_prk_1961_provocation_interpretations(kb):
    t = kb.treaties["prc-prk-1961"]
    narrowing = {i.id: i for i in t.interpretations if i.effect == "narrow"}
    assert set(narrowing) == {"cn-2010-reported-warning", "cn-2017-08-11-global-times"}
    for i in narrowing.values():
        assert i.by == "CHN"
        assert i.status == "reported"
        assert i.provocation_voids is True
    assert narrowing["cn-2010-reported-warning"].date == date(2010, 11, 23)
    assert narrowing["cn-2017-08-11-global-times"].date == date(2017, 8, 11)


# --- US–South Korea 1953 -----------------------------------------------------------------


def test_us_kor_1953_dates(kb):
    t = kb.treaties["us-kor-1953"]
    assert t.signed == date(1953, 10, 1)
    assert t.in_force == date(1954, 11, 17)
    assert any(d.field == "in_force" for d in t.disputed)
    assert t.atop_id == 3240
    assert t.members_on(date(2026, 1, 1)) == {"USA", "KOR"}


def test_us_kor_1953_art3_constitutional_pacific(kb):
    c = kb.treaties["us-kor-1953"].clause("art-3")
    assert c.article == "III"
    assert c.type == "defense"
    assert c.obligation.strength == "constitutional"
    assert c.trigger.event == "armed_attack"
    assert {a for s in c.trigger.scope for a in s.areas} == {"pacific-area"}
    # territory is settled; ships and forces in territorial waters only arguable
    first = c.trigger.scope[0]
    assert (first.assets, first.settled) == (["territory"], True)
    assert all(not s.settled for s in c.trigger.scope[1:])
    assert "common danger in accordance with its constitutional processes" in c.text


# --- Russia's strategic partnerships without a defence clause ----------------------------


@pytest.mark.parametrize("treaty_id", ["rus-irn-2025", "rus-mng-2019", "rus-vnm-1994"])
def test_russian_partnerships_have_no_defense_clause(kb, treaty_id):
    t = kb.treaties[treaty_id]
    assert t.kind == "strategic_partnership"
    assert not t.is_defense()


def test_rus_irn_2025_non_assistance(kb):
    t = kb.treaties["rus-irn-2025"]
    assert t.signed == date(2025, 1, 17)
    assert t.in_force == date(2025, 10, 2)
    assert t.members_on(date(2026, 1, 1)) == {"RUS", "IRN"}
    c = t.clause("art-3")
    assert c.type == "neutrality"
    assert c.obligation.strength == "non_assistance"


def test_rus_mng_2019_dates(kb):
    t = kb.treaties["rus-mng-2019"]
    assert t.signed == date(2019, 9, 3)
    assert t.in_force == date(2020, 9, 21)
    assert t.members_on(date(2026, 1, 1)) == {"RUS", "MNG"}


def test_rus_vnm_1994_signed(kb):
    t = kb.treaties["rus-vnm-1994"]
    assert t.signed == date(1994, 6, 16)
    assert t.atop_id == 4605
