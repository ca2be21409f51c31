"""Engine invariants, checked on random synthetic knowledge bases (hypothesis)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from foederis import states
from foederis.engine.cascade import cascade
from foederis.engine.check import Engine
from foederis.kb import KnowledgeBase, load_kb
from foederis.model.enums import Initiator, Severity, Status
from foederis.model.scenario import Scenario
from foederis.model.treaty import Treaty

POOL = ["USA", "CAN", "FRA", "DEU", "JPN", "KOR", "PRK", "CHN", "RUS", "PHL", "AUS", "NZL"]
AREAS = load_kb().areas
START = date(1992, 1, 1)  # every POOL state exists from here on (RUS from 1991-12-26)
TreatyAdapter = TypeAdapter(Treaty)
ACTIVE = {Status.triggered, Status.uncertain, Status.consultation}


def _day(offset: int) -> date:
    return START + timedelta(days=offset)


@st.composite
def treaties(draw: st.DrawFn, tid: str) -> Treaty:
    members = draw(st.lists(st.sampled_from(POOL), min_size=2, max_size=6, unique=True))
    begin = draw(st.integers(0, 20000))
    length = draw(st.one_of(st.none(), st.integers(1, 20000)))
    parties = []
    for code in members:
        joined = begin + draw(st.integers(0, 5000))
        left = draw(st.one_of(st.none(), st.integers(joined + 1, joined + 20000)))
        parties.append(
            {
                "state": code,
                "joined": _day(joined).isoformat(),
                "left": _day(left).isoformat() if left else None,
                "sources": ["s"],
            }
        )
    clause = {
        "id": "art-1",
        "article": "1",
        "type": draw(st.sampled_from(["defense", "defense", "consultation"])),
        "sources": ["s"],
        "trigger": {
            "event": draw(st.sampled_from([s.value for s in Severity])),
            "provocation_voids": draw(st.sampled_from([None, True, False])),
            "non_state": draw(st.sampled_from([None, True, False])),
            "scope": [
                {
                    "assets": ["territory"],
                    "areas": [
                        draw(
                            st.sampled_from(
                                [
                                    "party_territory",
                                    "party_home",
                                    "anywhere",
                                    "pacific-area",
                                    "europe",
                                ]
                            )
                        )
                    ],
                }
            ],
        },
        "obligation": {
            "strength": draw(
                st.sampled_from(["automatic", "deems_necessary", "constitutional", "consult"])
            )
        },
    }
    return TreatyAdapter.validate_python(
        {
            "id": tid,
            "name": tid,
            "short_name": tid,
            "in_force": _day(begin).isoformat(),
            "ended": _day(begin + length).isoformat() if length else None,
            "sources": [
                {
                    "id": "s",
                    "kind": "treaty_text",
                    "publisher": "Example",
                    "url": "https://example.org/" + tid,
                }
            ],
            "parties": parties,
            "clauses": [clause],
        }
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    target = draw(st.sampled_from(POOL))
    attacker = draw(st.sampled_from([p for p in POOL if p != target] + ["non-state:X"]))
    return Scenario(
        attacker=[attacker],
        target=target,
        date=_day(draw(st.integers(0, 30000))),
        severity=draw(st.sampled_from(list(Severity))),
        initiator=draw(st.sampled_from(list(Initiator))),
    )


def kb_of(ts: list[Treaty]) -> KnowledgeBase:
    return KnowledgeBase(treaties={t.id: t for t in ts}, areas=AREAS)


def active(kb: KnowledgeBase, s: Scenario) -> set[tuple[str, str, str, str]]:
    return {
        (o.state, o.treaty, o.clause, o.status.value)
        for o in Engine(kb).check(s).obligations
        if o.status in ACTIVE
    }


KBS = st.integers(1, 5).flatmap(
    lambda n: st.tuples(*[treaties(f"t{i}") for i in range(n)]).map(list)
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(KBS, treaties("extra"), scenarios())
def test_adding_a_treaty_never_removes_an_obligation(
    ts: list[Treaty], extra: Treaty, s: Scenario
) -> None:
    before = active(kb_of(ts), s)
    after = active(kb_of([*ts, extra]), s)
    # obligations of the old treaties are unchanged, whatever the new one says
    assert before == {row for row in after if row[1] != "extra"}


@SETTINGS
@given(treaties("t"), scenarios())
def test_a_treaty_outside_its_dates_never_triggers(t: Treaty, s: Scenario) -> None:
    rows = Engine(kb_of([t])).check(s).obligations
    if not t.is_in_force(s.date):
        assert all(o.status is Status.not_triggered for o in rows)
        assert all(
            any(r.condition == "in_force" and r.verdict == "failed" for r in o.reasons)
            for o in rows
        )


@SETTINGS
@given(KBS, scenarios(), st.data())
def test_removing_a_party_removes_exactly_its_obligations(
    ts: list[Treaty], s: Scenario, data: st.DataObject
) -> None:
    victim_treaty = data.draw(st.sampled_from(ts))
    others = [
        p.state for p in victim_treaty.parties if p.state != s.target and p.state not in s.attacker
    ]
    if not others:
        return
    gone = data.draw(st.sampled_from(others))
    cut = replace(victim_treaty, parties=[p for p in victim_treaty.parties if p.state != gone])
    reduced = [cut if t.id == victim_treaty.id else t for t in ts]
    before = active(kb_of(ts), s)
    after = active(kb_of(reduced), s)
    expected = {r for r in before if not (r[0] == gone and r[1] == victim_treaty.id)}
    assert after == expected


@SETTINGS
@given(KBS, scenarios(), st.randoms())
def test_results_do_not_depend_on_treaty_order(
    ts: list[Treaty], s: Scenario, rnd: random.Random
) -> None:
    shuffled = ts[:]
    rnd.shuffle(shuffled)
    a = [o.to_json() for o in Engine(kb_of(ts)).check(s).obligations]
    b = [o.to_json() for o in Engine(kb_of(shuffled)).check(s).obligations]
    assert a == b


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(KBS, scenarios(), st.sampled_from(["legal", "escalation"]))
def test_cascade_reaches_a_fixed_point_within_the_number_of_states(
    ts: list[Treaty], s: Scenario, mode: str
) -> None:
    result = cascade(s, kb_of(ts), mode=mode)
    assert result.stopped == "fixed_point"
    assert len(result.rounds) - 1 <= len(POOL)
    joined = [e.state for r in result.rounds for e in r]
    assert len(joined) == len(set(joined)), "a state joined twice"


REAL = load_kb()
REAL_STATES = sorted({p.state for t in REAL.treaties.values() for p in t.parties})


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(REAL_STATES),
    st.sampled_from(REAL_STATES),
    st.dates(date(1946, 1, 1), date(2026, 11, 1)),
    st.sampled_from(list(Severity)),
    st.sampled_from(list(Initiator)),
)
def test_real_kb_status_follows_from_reasons(
    a: str, b: str, day: date, sev: Severity, ini: Initiator
) -> None:
    if a == b or not (states.exists(a, day) and states.exists(b, day)):
        return  # a scenario on a state that did not exist is an error (tests/test_scenario*)
    result = Engine(REAL).check(
        Scenario(attacker=[a], target=b, date=day, severity=sev, initiator=ini)
    )
    for o in result.obligations:
        verdicts = {r.verdict.value for r in o.reasons}
        assert o.protects == b and o.state != b
        if "failed" in verdicts:
            assert o.status is Status.not_triggered
        elif o.status is Status.triggered:
            assert verdicts == {"met"}
        assert o.sources, f"{o.clause} has no source"


KB_TREATIES = sorted(load_kb().treaties.values(), key=lambda t: t.id)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KB_TREATIES), st.integers(-60_000, 30_000))
def test_cached_members_are_the_treatys_own(t: Treaty, offset: int) -> None:
    """``bindings.members_on`` (cached, what the engine and news read) is
    ``Treaty.members_on`` on every KB treaty and day, 1828 to 2074."""
    from foederis.engine import bindings

    day = START + timedelta(days=offset)
    assert bindings.members_on(t, day) == t.members_on(day)
