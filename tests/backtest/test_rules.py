"""Each coding rule on a hand-built war: the rule that decides, and the category."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.backtest.helpers import alliance, contiguity, spell, war

from foederis.backtest.rules import Category, Coder

# 1 attacks 2 (bordering); 3 joins 2 later from afar; 4 is not at war.
BASE = {1: (2, True, 1950), 2: (1, False, 1950), 3: (1, False, 1951)}
CODER = Coder(contiguity((1, 2)))


def code(sides: dict[int, tuple[int, bool, int]], *members, coder: Coder = CODER):  # type: ignore[no-untyped-def]
    return coder.code(war(sides), alliance(*members))


def test_members_fighting_each_other_violate_any_promise() -> None:
    c = code(BASE, spell(1, nonagg=True), spell(2, nonagg=True))
    assert (c.category, c.rule) == (Category.violate, "fought-each-other")
    assert any("fought each other" in r for r in c.reasons)


def test_a_pure_consultation_pact_is_consul_even_when_members_fight() -> None:
    assert code(BASE, spell(1, consul=True), spell(2, consul=True)).category is Category.consul


def test_consultation_and_nonaggression_only() -> None:
    assert code(BASE, spell(2, consul=True), spell(4, consul=True)).rule == "consultation-only"
    c = code(BASE, spell(2, nonagg=True, consul=True), spell(4, nonagg=True))
    assert (c.category, c.rule) == (Category.nonagg, "nonaggression-only")


def test_defense_of_an_attacked_member_kept_or_broken() -> None:
    kept = code(BASE, spell(2, defense=True), spell(3, defense=True))
    # 3 joined in 1951 but fought beside 2: the promise was kept
    assert kept.category is Category.honor
    broken = code(BASE, spell(2, defense=True), spell(4, defense=True))
    assert (broken.category, broken.rule) == (Category.violate, "duty")
    assert any("broken" in r for r in broken.reasons)


def test_defense_is_not_invoked_for_the_initiator() -> None:
    c = code(BASE, spell(1, defense=True), spell(4, defense=True))
    assert (c.category, c.rule) == (Category.cfna, "not-invoked")
    assert any("initiating side" in r for r in c.reasons)


def test_a_joiner_far_from_the_attacker_is_not_attacked() -> None:
    sides = {1: (2, True, 1950), 2: (1, False, 1950), 5: (1, False, 1950)}
    c = code(sides, spell(5, defense=True), spell(4, defense=True))
    assert c.category is Category.cfna
    assert any("joined" in r for r in c.reasons)
    # without a contiguity table every first-year defender counts as attacked
    assert (
        code(sides, spell(5, defense=True), spell(4, defense=True), coder=Coder()).category
        is Category.violate
    )


def test_a_distant_attack_with_no_bordering_defender_still_counts() -> None:
    sides = {1: (2, True, 1950), 6: (1, False, 1950)}
    c = code(sides, spell(6, defense=True), spell(4, defense=True))
    assert c.category is Category.violate
    assert any("distant initiator" in r for r in c.reasons)


def test_named_adversary_must_be_an_enemy() -> None:
    other = code(
        BASE,
        spell(2, defense=True),
        spell(4, defense=True, conditions=("defcoadv",), threats=(99,)),
    )
    assert other.category is Category.cfna
    named = code(
        BASE, spell(2, defense=True), spell(4, defense=True, conditions=("defcoadv",), threats=(1,))
    )
    assert named.category is Category.violate


def test_conditions_the_war_data_cannot_show_are_not_met_unless_made_for_this_war() -> None:
    loc = spell(4, defense=True, conditions=("defcoloc",))
    assert code(BASE, spell(2, defense=True), loc).category is Category.cfna
    made_here = spell(4, defense=True, conditions=("defcoloc",), wartime_war=500)
    assert code(BASE, spell(2, defense=True), made_here).category is Category.violate


def test_fighting_together_on_the_attacking_side_honors_an_offense_pact() -> None:
    sides = {1: (2, True, 1950), 7: (2, False, 1950), 2: (1, False, 1950)}
    c = code(sides, spell(1, offense=True), spell(7, offense=True))
    assert (c.category, c.rule) == (Category.honor, "fought-together")
    c = code(sides, spell(1, offense=True), spell(7, offense=True), spell(4, offense=True))
    assert (c.category, c.rule) == (Category.violate, "fought-together")
    # a defense-only pact is not what two attackers act on
    assert code(sides, spell(1, defense=True), spell(7, defense=True)).category is Category.cfna


def test_neutrality_kept_by_staying_out() -> None:
    c = code(BASE, spell(2, neutral=True), spell(4, neutral=True))
    assert c.category is Category.honor
    only_if_attacked = spell(4, neutral=True, nonagg=True, conditions=("neucoatt",))
    c = code(BASE, spell(1, neutral=True, nonagg=True), only_if_attacked)
    assert (c.category, c.rule) == (Category.nonagg, "not-invoked")


def test_candidates_need_a_member_at_war_while_a_member() -> None:
    w = war(BASE)
    a_in = alliance(spell(2, defense=True, atopid=1), spell(4, defense=True, atopid=1), atopid=1)
    a_out = alliance(spell(4, defense=True, atopid=2), spell(8, defense=True, atopid=2), atopid=2)
    a_late = alliance(
        spell(2, defense=True, entry=1990, atopid=3),
        spell(4, defense=True, entry=1990, atopid=3),
        atopid=3,
    )
    got = [a.atopid for _, a in CODER.candidates({w.warnum: w}, {1: a_in, 2: a_out, 3: a_late})]
    assert got == [1]


KINDS = st.sampled_from(["defense", "offense", "neutral", "nonagg", "consul"])


@st.composite
def cases(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    n = draw(st.integers(2, 6))
    sides = {}
    for c in range(1, n + 1):
        side = draw(st.sampled_from([1, 2]))
        sides[c] = (side, draw(st.booleans()) and side == 2, draw(st.sampled_from([1950, 1951])))
    if not any(v[0] == 1 for v in sides.values()) or not any(v[0] == 2 for v in sides.values()):
        sides[1] = (1, False, 1950)
        sides[2] = (2, True, 1950)
    members = draw(st.lists(st.integers(1, n + 2), min_size=1, max_size=4, unique=True))
    spells = [spell(m, **{k: True for k in draw(st.sets(KINDS, min_size=1))}) for m in members]
    return sides, spells


@settings(max_examples=200, deadline=None)
@given(cases())
def test_invariants(case) -> None:  # type: ignore[no-untyped-def]
    sides, spells = case
    w = war(sides)
    c = CODER.code(w, alliance(*spells))
    fighting = [s.ccode for s in spells if s.ccode in w.participants]
    assert list(c.members_in_war) == sorted(set(fighting))
    assert c.reasons and c.category is not Category.unclear
    enemies = any(
        w.participants[a].side != w.participants[b].side for a in fighting for b in fighting
    )
    promised = any(s.defense or s.offense or s.neutral or s.nonagg for s in spells)
    if enemies:
        assert c.category is (Category.violate if promised else Category.consul)
    if not promised:
        assert c.category is Category.consul
    if c.category in (Category.honor, Category.violate) and not enemies:
        assert any(s.defense or s.offense or s.neutral for s in spells)
    assert CODER.code(w, alliance(*spells)) == c  # deterministic
