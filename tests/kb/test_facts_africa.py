"""Key facts of the African defence treaties (group "africa"), checked against the KB.

Only facts verified against the sources named in each treaty file are asserted here;
ATOP-derived memberships that the files mark as unverified are deliberately not tested.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- AU Non-Aggression and Common Defence Pact ------------------------------------------


def test_au_pact_dates(kb):
    t = kb.treaties["au-nacdp-2005"]
    assert t.signed == date(2005, 1, 31)  # adopted at Abuja
    assert t.in_force == date(2009, 12, 18)
    assert t.atop_id == 5055


def test_au_pact_not_in_force_before_2009(kb):
    t = kb.treaties["au-nacdp-2005"]
    assert t.members_on(date(2009, 12, 17)) == set()


def test_au_pact_collective_clause(kb):
    c = kb.treaties["au-nacdp-2005"].clause("art-2-collective")
    assert c.type == "defense"
    assert "threat or aggression against all" in c.text
    assert c.trigger.event == "imminent_threat"  # a threat of aggression suffices
    assert c.trigger.non_state is True  # Art. 1(c) covers non-State actors


# --- ECOWAS Protocol relating to Mutual Assistance of Defence ----------------------------


def test_ecowas_signed_at_freetown(kb):
    t = kb.treaties["ecowas-mad-1981"]
    assert t.signed == date(1981, 5, 29)
    assert t.atop_id == 3895
    assert t.in_force is None  # September 1986, day unknown


def test_ecowas_articles_2_and_3(kb):
    c = kb.treaties["ecowas-mad-1981"].clause("art-2-3")
    assert c.article == "2-3"
    assert "against the entire Community" in c.text
    assert "mutual aid and assistance for defence" in c.text
    assert c.trigger.event == "imminent_threat"  # "any armed threat"
    assert c.trigger.non_state is False  # aggression is defined as force "by any State"


def test_ecowas_non_signatories_not_parties(kb):
    states = kb.treaties["ecowas-mad-1981"].states()
    assert {"CPV", "MLI", "GNB"}.isdisjoint(states)
    assert {"NGA", "SEN", "CIV", "GHA"} <= states


def test_ecowas_withdrawals(kb):
    t = kb.treaties["ecowas-mad-1981"]
    assert t.spells("MRT")[0].left == date(2000, 12, 26)
    assert t.spells("BFA")[0].left == date(2025, 1, 29)
    assert t.spells("NER")[0].left == date(2025, 1, 29)


# --- SADC Mutual Defence Pact ------------------------------------------------------------


def test_sadc_pact_signed_in_dar_es_salaam(kb):
    t = kb.treaties["sadc-mdp-2003"]
    assert t.signed == date(2003, 8, 26)
    assert t.atop_id == 4985


def test_sadc_collective_action_is_article_6(kb):
    c = kb.treaties["sadc-mdp-2003"].clause("art-6")
    assert c.article == "6"
    assert c.type == "defense"
    assert c.trigger.event == "armed_attack"


def test_sadc_signatories(kb):
    states = kb.treaties["sadc-mdp-2003"].states()
    assert "ZAF" in states and "TZA" in states and "BWA" in states
    assert "AGO" not in states  # had not signed (SA DoD presentation); ATOP lists it
    assert "SYC" not in states  # did not sign


# --- Great Lakes Pact: Protocol on Non-Aggression and Mutual Defence --------------------


def test_great_lakes_dates(kb):
    t = kb.treaties["icglr-2006"]
    assert t.signed == date(2006, 12, 15)
    assert t.in_force == date(2008, 6, 21)
    assert t.atop_id == 5090


def test_great_lakes_first_eight_ratifiers(kb):
    t = kb.treaties["icglr-2006"]
    assert t.members_on(date(2008, 6, 20)) == set()
    assert t.members_on(date(2018, 6, 1)) >= {
        "BDI",
        "CAF",
        "COD",
        "COG",
        "KEN",
        "RWA",
        "TZA",
        "UGA",
    }


# --- ECCAS Mutual Assistance Pact --------------------------------------------------------


def test_eccas_pact_signed_at_malabo(kb):
    t = kb.treaties["eccas-copax-2000"]
    assert t.signed == date(2000, 2, 24)
    assert t.atop_id == 4945
    assert t.clause("art-6").article == "6"


# --- Ethiopia-Kenya defence pact ---------------------------------------------------------


def test_ethiopia_kenya_pact(kb):
    t = kb.treaties["eth-ken-1963"]
    assert t.signed == date(1963, 12, 12)  # per the Ethiopian MoD; ATOP says 1963-11-22
    assert t.states() == {"ETH", "KEN"}
