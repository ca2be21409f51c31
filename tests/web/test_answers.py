"""The answers of POST /api/check reused across the days of an epoch (web/answers.py,
engine/epochs.py): a kept answer filled in with another day of its bucket is exactly what
an engine whose caches were emptied computes for that day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from foederis import states
from foederis.engine.check import engine_for
from foederis.engine.epochs import Epochs, change_days, recorded_dates
from foederis.kb import load_kb
from foederis.model.enums import Asset, Initiator, Severity
from foederis.model.scenario import Scenario
from foederis.web.answers import DAY, AnswerCache, answer_json

KB = load_kb()
EPOCHS = Epochs(KB)
STATES = sorted({p.state for t in KB.treaties.values() for p in t.parties})
PLACES = [None, *sorted(KB.areas)]
ACTORS = ["non-state:al-Qaeda", "non-state:ISIS"]
FIRST, LAST = date(1900, 1, 1), date(2035, 12, 31)


def _fresh(s: Scenario) -> bytes | str:
    engine_for(KB).clear_caches()
    try:
        return answer_json(KB, s)
    except Exception as exc:  # e.g. a place the target does not hold that day
        return f"{type(exc).__name__}: {exc}"


def _cached(cache: AnswerCache, s: Scenario) -> bytes | str:
    try:
        return cache.answer(s)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _same_epoch(draw: st.DrawFn, day: date) -> date:
    """Another day of ``day``'s epoch (or ``day`` itself)."""
    i = EPOCHS.index(day)
    lo = EPOCHS.days[i - 1] if i else FIRST
    hi = EPOCHS.days[i] - timedelta(days=1) if i < len(EPOCHS.days) else LAST
    return draw(st.dates(max(lo, FIRST), min(hi, LAST)))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_an_answer_kept_for_one_day_of_an_epoch_is_exact_on_another(data: st.DataObject) -> None:
    draw = data.draw
    target = draw(st.sampled_from(STATES))
    attacker = draw(st.sampled_from([s for s in STATES if s != target] + ACTORS))
    first = draw(st.dates(FIRST, LAST))
    second = _same_epoch(draw, first)
    for day in (first, second):
        # scenarios name states only on days they existed (the Scenario refuses others)
        assume(states.exists(target, day))
        assume(attacker in ACTORS or states.exists(attacker, day))
    shape = {
        "attacker": [attacker],
        "target": target,
        "where": draw(st.sampled_from(PLACES)),
        "asset": draw(st.sampled_from(list(Asset))),
        "severity": draw(st.sampled_from(list(Severity))),
        "initiator": draw(st.sampled_from(list(Initiator))),
    }
    one, two = Scenario(**shape, date=first), Scenario(**shape, date=second)
    cache = AnswerCache(KB)
    assert _cached(cache, one) == _fresh(one)
    assert _cached(cache, two) == _fresh(two), (one, two)
    assert _cached(cache, two) == _fresh(two)  # and again, now kept for its own key


def test_a_later_day_of_the_epoch_is_answered_from_the_kept_template() -> None:
    cache = AnswerCache(KB)
    s = Scenario(attacker="RUS", target="EST", date=date(2024, 3, 5))
    i = cache.epochs.index(s.date)
    assert cache.epochs.days[i - 1] < s.date < cache.epochs.days[i] - timedelta(days=1)
    later = Scenario(attacker="RUS", target="EST", date=s.date + timedelta(days=1))
    first = cache.answer(s)
    assert len(cache) == 1 and s.date.isoformat().encode() in first
    got = cache.answer(later)
    assert len(cache) == 1  # no new entry: the template was filled in
    assert got == first.replace(s.date.isoformat().encode(), later.date.isoformat().encode())
    assert got == _fresh(later)
    assert DAY not in got


def test_a_recorded_date_is_kept_for_that_day_only() -> None:
    cache = AnswerCache(KB)
    nato = KB.treaty("nato")
    joined = next(p.joined for p in nato.parties if p.state == "EST")
    assert joined is not None and joined in cache.epochs.recorded
    s = Scenario(attacker="RUS", target="EST", date=joined)
    assert cache.epochs.bucket(joined) == ("day", joined)
    assert cache.answer(s) == _fresh(s)
    after = Scenario(attacker="RUS", target="EST", date=joined + timedelta(days=1))
    assert cache.answer(after) == _fresh(after)
    assert len(cache) == 2


def test_the_cache_is_bounded_and_stores_equal_templates_once() -> None:
    cache = AnswerCache(KB, max_entries=3)
    days = [date(2010, 1, 10) + timedelta(days=400 * k) for k in range(6)]
    for d in days:
        cache.answer(Scenario(attacker="PRK", target="KOR", date=d))
    assert len(cache) == 3
    assert cache.size == sum(len(t) for t in {id(t): t for t in cache._entries.values()}.values())
    small = AnswerCache(KB, max_bytes=4 * 20_000)
    for d in days:
        small.answer(Scenario(attacker="RUS", target="EST", date=d))  # ~0.5 MB each
    assert len(small) == 0 and small.size == 0  # too large to keep


# ---- the change-days ---------------------------------------------------------------------


def test_every_date_of_the_model_is_a_recorded_date() -> None:
    rec = EPOCHS.recorded
    for t in KB.treaties.values():
        for d in (t.signed, t.in_force, t.in_force_by, t.ended, t.last_verified):
            assert d is None or d in rec
        for p in t.parties:
            assert p.joined is None or p.joined in rec
            assert p.left is None or p.left in rec
        for s in t.suspensions:
            assert s.since in rec
        for i in t.interpretations:
            assert i.date in rec
        for c in t.clauses:
            for v in c.versions:
                assert v.since in rec
    for state in states.all_states():
        for sp in state.spells:
            assert sp.start is None or sp.start in rec
            assert sp.end is None or sp.end in rec
    # each recorded date and the day after it starts an epoch
    assert all(d in EPOCHS.days and d + timedelta(days=1) in EPOCHS.days for d in rec)


@dataclass
class _Note:
    text: str
    when: list[date] = field(default_factory=list)
    more: dict[str, object] = field(default_factory=dict)


def test_dates_are_found_anywhere_even_inside_text() -> None:
    note = _Note(
        "amended 1999-03-12, see https://example.org/2001-02-29/x",  # no 29 Feb 2001
        [date(1950, 1, 2)],
        {"k": (frozenset({date(1960, 5, 6)}),)},
    )
    assert recorded_dates(note) == {date(1999, 3, 12), date(1950, 1, 2), date(1960, 5, 6)}
    assert change_days([date(1999, 12, 31)]) == (date(1999, 12, 31), date(2000, 1, 1))


def test_an_unknown_type_stops_the_search_instead_of_being_skipped() -> None:
    class Opaque:
        __slots__ = ("day",)

    with pytest.raises(TypeError, match="cannot look for dates in a Opaque"):
        recorded_dates(_Note("x", more={"o": Opaque()}))
