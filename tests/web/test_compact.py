"""The compact answer of POST /api/check (engine/compact.py): nothing lost (it expands to
the full JSON exactly, on random scenarios), nothing repeated (every clause, source,
precedent and reason once, rows without objects), and gzip for clients that ask."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from asgiclient import AsgiClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from foederis import states
from foederis.engine.check import check
from foederis.engine.compact import compact_json, expand
from foederis.errors import FoederisError
from foederis.kb import load_kb
from foederis.model.enums import Asset, Initiator, Severity
from foederis.model.scenario import Scenario
from foederis.web.app import GZIP_MIN

KB = load_kb()
STATES = sorted({p.state for t in KB.treaties.values() for p in t.parties})
PLACES = [None, *sorted(KB.areas)]
BALTIC = {"attacker": ["RUS"], "target": "EST", "date": "2026-01-01"}


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    target=st.sampled_from(STATES),
    attacker=st.sampled_from([*STATES, "non-state:al-Qaeda"]),
    day=st.dates(date(1946, 1, 1), date(2030, 12, 31)),
    where=st.sampled_from(PLACES),
    asset=st.sampled_from(list(Asset)),
    severity=st.sampled_from(list(Severity)),
    initiator=st.sampled_from(list(Initiator)),
)
def test_the_compact_answer_expands_to_the_full_one(
    target: str,
    attacker: str,
    day: date,
    where: str | None,
    asset: Asset,
    severity: Severity,
    initiator: Initiator,
) -> None:
    assume(attacker != target and states.exists(target, day))
    assume(attacker.startswith("non-state") or states.exists(attacker, day))
    try:
        s = Scenario(
            attacker=[attacker],
            target=target,
            date=day,
            where=where,
            asset=asset,
            severity=severity,
            initiator=initiator,
        )
        result = check(s, KB)
    except FoederisError:  # e.g. a place the target does not hold that day
        assume(False)
        return
    compact = plain(compact_json(result))
    assert expand(compact) == plain(result.to_json())
    _assert_nothing_repeated(compact)


def _objects(data: Any) -> list[str]:
    """Every JSON object inside ``data`` (the outermost included), canonically encoded."""
    out: list[str] = []
    if isinstance(data, dict):
        out.append(json.dumps(data, sort_keys=True))
        for v in data.values():
            out += _objects(v)
    elif isinstance(data, list):
        for v in data:
            out += _objects(v)
    return out


def _assert_nothing_repeated(compact: dict[str, Any]) -> None:
    # a row holds scalars and references only: no object is copied into it
    for row in compact["obligations"]:
        assert all(not isinstance(v, dict) for v in row.values()), row
        assert all(isinstance(i, int) for i in row["reasons"]), row
    for clause in compact["clauses"].values():
        assert all(isinstance(k, str) for k in clause["sources"] + clause["precedents"])
    # each source, precedent and reason is stored once, and appears nowhere else
    everywhere = Counter(_objects(compact))
    stored = [*compact["sources"].values(), *compact["precedents"].values(), *compact["reasons"]]
    for obj in stored:
        assert everywhere[json.dumps(obj, sort_keys=True)] == 1, obj
    # and every reference resolves
    for clause in compact["clauses"].values():
        assert set(clause["sources"]) <= set(compact["sources"])
        assert set(clause["precedents"]) <= set(compact["precedents"])
    for r in [*compact["reasons"], *compact["precedents"].values()]:
        assert set(r["sources"]) <= set(compact["sources"])
    assert {o["clause"] for o in compact["obligations"]} <= set(compact["clauses"])


def test_an_attack_on_a_nato_and_eu_member_is_answered_without_copies(
    client: AsgiClient,
) -> None:
    """About 90 rows (NATO Art. 5 and 4, EU Art. 42(7)) share a handful of clauses,
    sources and precedents: each is sent once, so the rows cost tens of bytes each."""
    full = client.post("/api/check", params={"detail": "full"}, json=BALTIC)
    compact = client.post("/api/check", json=BALTIC)
    assert full.status_code == compact.status_code == 200
    data = compact.json()
    assert data["format"] == "compact" and expand(data) == full.json()
    assert data["summary"] == full.json()["summary"]
    rows = data["obligations"]
    assert len(rows) > 3 * len(data["clauses"])  # many rows share each clause
    _assert_nothing_repeated(data)
    # every source and precedent the full answer repeats per row is in it once
    distinct = {
        json.dumps(s, sort_keys=True) for o in full.json()["obligations"] for s in o["sources"]
    }
    assert len(distinct) <= len(data["sources"])
    # what is left per row is its own: state, status, references; not the clause's sources
    assert len(compact.content) < len(full.content) / 5


def test_answers_are_gzipped_for_clients_that_ask(client: AsgiClient) -> None:
    """httpx asks for gzip by default and decodes it; a client that does not ask gets the
    bytes as they are. Small bodies are not compressed."""
    zipped = client.post("/api/check", json=BALTIC, headers={"accept-encoding": "gzip"})
    plain_ = client.post("/api/check", json=BALTIC, headers={"accept-encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert "content-encoding" not in plain_.headers
    assert zipped.content == plain_.content  # httpx decoded it
    assert zipped.num_bytes_downloaded < len(plain_.content) / 3
    health = client.get("/api/health", headers={"accept-encoding": "gzip"})
    assert len(health.content) < GZIP_MIN and "content-encoding" not in health.headers


def test_a_bad_detail_is_422_naming_it(client: AsgiClient) -> None:
    resp = client.post("/api/check", params={"detail": "everything"}, json=BALTIC)
    assert resp.status_code == 422
    body = resp.json()
    assert body["field"] == "detail" and "compact" in body["hint"]


def test_two_objects_never_share_a_key() -> None:
    """Tables key objects by their ``treaty/id``; should two different objects ever bring
    the same key, the second gets a key of its own instead of being merged into the first."""
    from foederis.engine.compact import _Table

    table = _Table()
    assert table.put("a", "nato/x", {"v": 1}) == "nato/x"
    assert table.put("b", "nato/x", {"v": 2}) == "nato/x~2"
    assert table.put("c", "nato/x", {"v": 3}) == "nato/x~3"
    assert table.keys == {"a": "nato/x", "b": "nato/x~2", "c": "nato/x~3"}
    assert table.rows["nato/x~2"] == {"v": 2}
