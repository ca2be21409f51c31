"""A policy (not a treaty) is shown as "policy, not a treaty" only on days it stands."""

from __future__ import annotations

from foederis import Scenario, check
from foederis.engine.summary import summarize


def _policy_rows(day: str) -> list[str]:
    result = check(Scenario(attacker=["CHN"], target="TWN", date=day))
    return [o.clause for o in result.obligations if o.standing_policy]


def test_a_policy_stands_only_after_it_was_adopted() -> None:
    assert _policy_rows("1958-08-23") == []
    assert _policy_rows("2026-06-01"), "the Taiwan Relations Act is a standing policy in 2026"


def test_the_summary_names_a_policy_only_when_it_stands() -> None:
    before = summarize(check(Scenario(attacker=["CHN"], target="TWN", date="1958-08-23")))
    after = summarize(check(Scenario(attacker=["CHN"], target="TWN", date="2026-06-01")))
    assert before.policy == ()
    assert {d.treaty for d in after.policy} == {"us-twn-tra-1979"}
