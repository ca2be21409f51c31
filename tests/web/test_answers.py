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
_DAYS_2 = timedelta(days=2)


def _fresh(s: Scenario, detail: str = "compact") -> bytes | str:
    engine_for(KB).clear_caches()
    try:
        return answer_json(KB, s, detail)
    except Exception as exc:  # e.g. a place the target does not hold that day
        return f"{type(exc).__name__}: {exc}"


def _cached(cache: AnswerCache, s: Scenario, detail: str = "compact") -> bytes | str:
    try:
        return cache.answer(s, detail)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _epoch_ends(target: str, day: date) -> tuple[date, date]:
    """The first and the last day of ``day``'s epoch for attacks on ``target``."""
    line = EPOCHS.of(target)
    i = line.index(day)
    lo = line.days[i - 1] if i else FIRST
    hi = line.days[i] - timedelta(days=1) if i < len(line.days) else LAST
    return max(lo, FIRST), min(hi, LAST)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_an_answer_kept_for_one_day_of_an_epoch_is_exact_on_another(data: st.DataObject) -> None:
    """A day, then the first and the last day of its epoch (a date the timeline missed
    would lie between them), each against a fresh engine."""
    draw = data.draw
    target = draw(st.sampled_from(STATES))
    attacker = draw(st.sampled_from([s for s in STATES if s != target] + ACTORS))
    day = draw(st.dates(FIRST, LAST))
    days = [day, *_epoch_ends(target, day)]
    for d in days:
        # scenarios name states only on days they existed (the Scenario refuses others)
        assume(states.exists(target, d))
        assume(attacker in ACTORS or states.exists(attacker, d))
    shape = {
        "attacker": [attacker],
        "target": target,
        "where": draw(st.sampled_from(PLACES)),
        "asset": draw(st.sampled_from(list(Asset))),
        "severity": draw(st.sampled_from(list(Severity))),
        "initiator": draw(st.sampled_from(list(Initiator))),
    }
    cache = AnswerCache(KB)
    for d in days:
        s = Scenario(**shape, date=d)
        for detail in ("compact", "full"):
            assert _cached(cache, s, detail) == _fresh(s, detail), (s, detail)
    s = Scenario(**shape, date=days[-1])
    assert _cached(cache, s) == _fresh(s)  # and again


def test_a_later_day_of_the_epoch_is_answered_from_the_kept_template() -> None:
    cache = AnswerCache(KB)
    s = Scenario(attacker="RUS", target="EST", date=date(2024, 3, 5))
    line = cache.epochs.of("EST")
    i = line.index(s.date)
    assert line.days[i - 1] < s.date < line.days[i] - timedelta(days=1)
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
    line = cache.epochs.of("EST")
    assert joined is not None and joined in line.recorded
    s = Scenario(attacker="RUS", target="EST", date=joined)
    assert line.bucket(joined) == ("day", joined)
    assert cache.answer(s) == _fresh(s)
    after = Scenario(attacker="RUS", target="EST", date=joined + timedelta(days=1))
    assert cache.answer(after) == _fresh(after)
    assert len(cache) == 2


def test_the_cache_is_bounded_and_stores_equal_templates_once() -> None:
    cache = AnswerCache(KB, max_entries=3)
    line = cache.epochs.of("KOR")
    # a day in the middle of each of six epochs: six buckets
    spans = [(a, b) for a, b in zip(line.days, line.days[1:], strict=False) if b - a > _DAYS_2]
    days = [a + (b - a) // 2 for a, b in spans[-6:]]
    assert len({line.bucket(d) for d in days}) == 6
    for d in days:
        cache.answer(Scenario(attacker="PRK", target="KOR", date=d))
    assert len(cache) == 3
    assert cache.size == sum(len(t) for t in {id(t): t for t in cache._entries.values()}.values())
    small = AnswerCache(KB, max_bytes=4 * 20_000)
    for d in days:
        small.answer(Scenario(attacker="RUS", target="EST", date=d))  # ~50 kB each
    assert len(small) == 0 and small.size == 0  # too large to keep


# ---- the change-days ---------------------------------------------------------------------


def test_every_date_of_the_model_is_a_recorded_date() -> None:
    rec = EPOCHS.all.recorded
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
    assert all(d in EPOCHS.all.days and d + timedelta(days=1) in EPOCHS.all.days for d in rec)


def test_a_target_timeline_holds_the_dates_of_the_treaties_that_name_it() -> None:
    line = EPOCHS.of("EST")
    nato, anzus = KB.treaty("nato"), KB.treaty("anzus")
    assert all(p.joined in line.recorded for p in nato.parties if p.joined)
    assert line.recorded <= EPOCHS.all.recorded
    # ANZUS (Australia, New Zealand, the United States) never names Estonia
    only_anzus = recorded_dates(anzus) - recorded_dates(
        [t for t in KB.treaties.values() if t is not anzus], KB.areas
    )
    assert only_anzus and not only_anzus & line.recorded - {
        d for s in states.all_states() for d in recorded_dates(s)
    }


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
