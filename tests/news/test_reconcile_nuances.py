"""Claims the KB contradicts in detail (issue 14): suspensions per direction, joiners
that are not founders, and parties named as they were on the claim's date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from foederis.engine.bindings import Standing
from foederis.news.extract import Extractor, Relation
from foederis.news.reconcile import reconcile

DAY = date(2024, 5, 1)


def _claims(kb, text: str, ref: date = DAY):  # type: ignore[no-untyped-def]
    return [(c, reconcile(c, kb, ref)) for c in Extractor(kb).extract(text, ref)]


def test_a_duty_the_us_suspended_in_1986_is_a_conflict(kb) -> None:  # type: ignore[no-untyped-def]
    found = _claims(
        kb, "The United States is obliged to defend New Zealand under the ANZUS Treaty."
    )
    (c, v) = next((c, v) for c, v in found if c.relation == "covers")
    assert (c.treaty, set(c.states), v.status) == ("anzus", {"USA", "NZL"}, "conflict")
    assert "USA→NZL" in (v.kb_value or "") and "1986" in (v.kb_value or "") and v.kb_source


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The United States has a mutual defense treaty with New Zealand.", "stale"),
        ("Australia has a mutual defense treaty with New Zealand.", "confirmed"),
    ],
)
def test_suspensions_are_per_direction(kb, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    (c, v) = _claims(kb, text)[0]
    assert c.treaty == "anzus" and v.status == status


def test_before_the_suspension_the_alliance_is_confirmed(kb) -> None:  # type: ignore[no-untyped-def]
    (_c, v) = _claims(
        kb, "The United States has a mutual defense treaty with New Zealand.", date(1980, 1, 1)
    )[0]
    assert v.status == "confirmed"


def test_joiners_are_not_recorded_as_original_signatories(kb) -> None:  # type: ignore[no-untyped-def]
    text = (
        "NATO was founded in 1949 by twelve states. "
        "Joining the original signatories were Greece and Turkey (1952) and Spain (1982)."
    )
    members = [c for c, _ in _claims(kb, text) if c.relation == "member"]
    assert members and all(c.value is None for c in members)
    assert {c.date for c in members} == {"1952", "1982"}
    founders = [c for c, _ in _claims(kb, "NATO's original members were France and Norway.")]
    assert founders and all(c.value == "original" for c in founders if c.relation == "member")


@pytest.mark.parametrize(
    "text",
    [
        "Russia and North Korea signed a mutual defense treaty in 1961.",
        "Moscow and Pyongyang signed a treaty of friendship, cooperation and mutual assistance"
        " in 1961.",
    ],
)
def test_parties_are_named_as_they_were_on_the_date(kb, text: str) -> None:  # type: ignore[no-untyped-def]
    signed = [c for c, v in _claims(kb, text) if c.relation == "signed"]
    assert signed and signed[0].treaty == "ussr-prk-1961"
    assert set(signed[0].states) == {"SUN", "PRK"}


def test_a_2024_treaty_keeps_russia(kb) -> None:  # type: ignore[no-untyped-def]
    (c, v) = _claims(
        kb, "Russia and North Korea signed a treaty on June 19, 2024.", date(2024, 6, 20)
    )[0]
    assert (
        c.treaty == "rus-prk-2024" and set(c.states) == {"RUS", "PRK"} and v.status == "confirmed"
    )


def test_seed_copies_give_one_fact_with_every_document(seed_result) -> None:  # type: ignore[no-untyped-def]
    from foederis.news import list_facts

    result, db = seed_result
    facts = list_facts(db_path=db)
    assert len(facts) < len(result.claims)  # 3 copies of one story no longer triple them
    (signed,) = [
        f for f in facts if f.treaty == "rus-prk-2024" and f.relation == "signed" and f.date is None
    ]
    assert len({s.document for s in signed.supports}) >= 3


# ---- the KB's nuances as a reviewable table (data/nuances.yaml) ------------------------

NUANCES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "nuances.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", NUANCES, ids=lambda c: str(c["name"]))
def test_the_kb_qualifies_the_claim(case: dict[str, Any], kb) -> None:  # type: ignore[no-untyped-def]
    day = date.fromisoformat(str(case["published"]))
    want = case["claim"]
    found = [
        (c, v)
        for c, v in _claims(kb, " ".join(str(case["text"]).split()), day)
        if c.relation == want["relation"] and c.treaty == want["treaty"]
    ]
    assert found, f"no {want['relation']} claim on {want['treaty']}"
    c, v = found[0]
    if "states" in want:
        assert set(c.states) == set(want["states"])
    for key in ("date", "article"):
        if key in want:
            assert getattr(c, key) == str(want[key])
    assert v.status == case["status"], v.kb_value
    for words in case.get("kb_value", []):
        assert words in (v.kb_value or ""), v.kb_value
    if v.status != "confirmed":
        assert v.kb_source  # the record that decides it is cited
    proposals = [p for p in v.proposals if p.kind == "changed_date"]
    if "proposal" in case:
        (p,) = proposals
        expected = {k: w for k, w in case["proposal"].items() if k != "kind"}
        assert {k: p.value.get(k) for k in expected} == expected
        assert p.treaty == want["treaty"] and p.value["kb_source"]
    else:
        assert not proposals


def test_duties_follow_the_engine_for_every_suspension_record(kb) -> None:  # type: ignore[no-untyped-def]
    """For every suspension, frozen or dormant record in the KB, a claimed duty between
    two of its states on a day inside and a day outside it gets the status the engine's
    standing gives: suspended -> conflict, frozen or dormant -> stale, bound -> not
    flagged by the record (reconcile asks bindings, it does not recompute)."""
    from foederis.engine import bindings
    from foederis.news.extract import Claim

    checked = 0
    for t in kb.treaties.values():
        clause = next((c for c in t.clauses if c.type == "defense"), None)
        if clause is None:
            continue
        for sp in t.suspensions:
            for day in (sp.since, sp.since - timedelta(days=1)):
                parties = sorted(bindings.members(t, day))
                pairs = [(a, b) for a in parties for b in parties if a != b][:40]
                for a, b in pairs:
                    claim = Claim("test", 0, 4, (a, b), t.id, Relation.COVERS)
                    status = reconcile(claim, kb, day).status
                    worst = max(
                        (bindings.standing(t, x, y, day)[0] for x, y in ((a, b), (b, a))),
                        key=list(Standing).index,
                    )
                    want = {
                        Standing.suspended: "conflict",
                        Standing.frozen: "stale",
                        Standing.dormant: "stale",
                    }.get(worst)
                    if want is not None:
                        assert status == want, (t.id, a, b, day)
                    else:
                        assert status not in ("conflict", "stale"), (t.id, a, b, day, status)
                    checked += 1
    assert checked > 50
