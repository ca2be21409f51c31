"""The HTTP API through the ASGI app: same JSON as the library/CLI, one error shape."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from asgiclient import AsgiClient

from foederis.engine.cascade import cascade
from foederis.engine.check import check
from foederis.engine.compact import expand
from foederis.kb import load_kb
from foederis.model.dump import treaty_json
from foederis.model.scenario import Scenario
from foederis.web import create_app, newsbridge

YEONPYEONG = {
    "attacker": ["PRK"],
    "target": "KOR",
    "date": "2010-11-23",
    "where": "yeonpyeong-island",
}
ERROR_KEYS = {"error", "message", "field", "hint", "errors"}


def error(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = resp.json()
    assert set(body) == ERROR_KEYS
    assert body["message"]
    return body


def same_json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


# ---- knowledge base ------------------------------------------------------------------------
def test_treaties_list_and_filters(client: AsgiClient) -> None:
    rows = client.get("/api/treaties").json()
    ids = {r["id"] for r in rows}
    assert {"nato", "us-kor-1953", "anzus"} <= ids
    assert set(rows[0]) == {
        "id",
        "name",
        "short_name",
        "kind",
        "signed",
        "in_force",
        "ended",
        "parties",
    }
    today = client.get("/api/treaties", params={"date": "2026-01-01", "state": "FIN"}).json()
    nato = next(r for r in today if r["id"] == "nato")
    assert len(nato["parties"]) == 32 and "FIN" in nato["parties"]
    before = client.get("/api/treaties", params={"date": "2022-06-01", "state": "Finland"})
    assert "nato" not in {r["id"] for r in before.json()}
    assert [r["id"] for r in client.get("/api/treaties", params={"q": "washington"}).json()] == [
        "nato"
    ]
    consult = client.get("/api/treaties", params={"type": "consultation"}).json()
    assert consult and len(consult) < len(rows)


def test_treaties_filter_errors(client: AsgiClient) -> None:
    body = error(client.get("/api/treaties", params={"state": "Atlantis"}), 422)
    assert body["field"] == "state" and "ISO3" in body["hint"]
    body = error(client.get("/api/treaties", params={"type": "alliance"}), 422)
    assert body["field"] == "type" and "defense" in body["hint"]


def test_treaty_detail_is_the_treaty_file(client: AsgiClient) -> None:
    data = client.get("/api/treaties/nato").json()
    expected = treaty_json(load_kb().treaty("nato"))
    assert data == expected
    assert any(c["id"] == "art-5" for c in data["clauses"])


def test_unknown_treaty_is_404_with_suggestion(client: AsgiClient) -> None:
    body = error(client.get("/api/treaties/natoo"), 404)
    assert body["error"] == "unknown_treaty" and "nato" in body["hint"]
    body = error(client.get("/api/treaties/zzzzzz"), 404)
    assert "/api/treaties" in body["hint"]


def test_states_and_areas(client: AsgiClient) -> None:
    states = client.get("/api/states").json()
    kor = next(s for s in states if s["iso3"] == "KOR")
    assert kor == {"iso3": "KOR", "cow": 732, "name": "South Korea"}
    areas = client.get("/api/areas").json()
    assert any(a["id"] == "yeonpyeong-island" for a in areas)


# ---- obligations -----------------------------------------------------------------------------
def test_allies_same_as_library(client: AsgiClient) -> None:
    from foederis.exports.obligations import allies

    data = client.get("/api/allies/KOR", params={"date": "2010-11-23"}).json()
    assert data["state"] == "KOR" and data["date"] == "2010-11-23"
    expected = [a.to_json() for a in allies(load_kb(), "KOR", date(2010, 11, 23))]
    assert data["allies"] == same_json(expected)
    assert [a["obligated"] for a in data["allies"]] == ["USA"]


def test_allies_finland_joins_nato_in_2023(client: AsgiClient) -> None:
    before = client.get("/api/allies/Finland", params={"date": "2022-12-31"}).json()
    after = client.get("/api/allies/FIN", params={"date": "2024-12-31"}).json()
    assert not any(a["treaty"] == "nato" for a in before["allies"])
    assert any(a["treaty"] == "eu-art-42-7" for a in before["allies"])
    assert sum(a["treaty"] == "nato" for a in after["allies"]) == 31


def test_allies_errors(client: AsgiClient) -> None:
    body = error(client.get("/api/allies/Korea"), 404)
    assert body["error"] == "unknown_state" and "KOR" in body["hint"]
    body = error(client.get("/api/allies/KOR", params={"date": "2010-02-30"}), 422)
    assert body["field"] == "date" and "YYYY-MM-DD" in body["hint"]


def test_obligations_export(client: AsgiClient) -> None:
    data = client.get("/api/obligations", params={"date": "2018-12-31"}).json()
    assert data["metadata"]["as_of"] == "2018-12-31"
    rows = data["obligations"]
    assert any(r["obligated"] == "USA" and r["protected"] == "JPN" for r in rows)
    defense = client.get(
        "/api/obligations", params={"date": "2018-12-31", "type": "defense"}
    ).json()
    assert 0 < len(defense["obligations"]) < len(rows)
    assert {r["type"] for r in defense["obligations"]} == {"defense"}


def test_network(client: AsgiClient) -> None:
    def nato_edges(day: str, state: str) -> int:
        data = client.get("/api/network", params={"date": day}).json()
        return sum(
            1
            for e in data["edges"]
            if e["treaty"] == "nato" and state in (e["source"], e["target"])
        )

    assert nato_edges("2022-12-31", "FIN") == 0
    assert nato_edges("2022-12-31", "DEU") == 29
    assert nato_edges("2024-12-31", "FIN") == 31
    data = client.get("/api/network", params={"date": "2022-12-31"}).json()
    assert {"FIN", "USA", "KOR"} <= {n["id"] for n in data["nodes"]}
    nato = next(t for t in data["treaties"] if t["id"] == "nato")
    assert nato["color"].startswith("#") and "FIN" in nato["members_ever"]


# ---- engine ------------------------------------------------------------------------------------
def test_check_yeonpyeong_same_json_as_library(client: AsgiClient) -> None:
    resp = client.post("/api/check", params={"detail": "full"}, json=YEONPYEONG)
    assert resp.status_code == 200
    data = resp.json()
    result = check(Scenario(**YEONPYEONG))
    expected = {**result.to_json(), "summary": result.summary().to_json()}
    assert data == same_json(expected)
    compact = client.post("/api/check", json=YEONPYEONG).json()  # the default
    assert compact["format"] == "compact" and expand(compact) == data
    usa = [o for o in data["obligations"] if o["state"] == "USA" and o["status"] == "triggered"]
    assert usa and usa[0]["treaty"] == "us-kor-1953" and usa[0]["protects"] == "KOR"
    assert data["scenario"]["place"] == "Yeonpyeong Island"


def test_check_accepts_names_and_comma_lists(client: AsgiClient) -> None:
    data = client.post(
        "/api/check",
        json={"attacker": "North Korea, China", "target": "South Korea", "date": "2010-11-23"},
    ).json()
    assert data["scenario"]["attacker"] == ["PRK", "CHN"]
    assert data["scenario"]["target"] == "KOR"


def test_cascade_same_json_as_library(client: AsgiClient) -> None:
    body = {**YEONPYEONG, "mode": "escalation", "rounds": 2}
    data = client.post("/api/cascade", json=body).json()
    scenario = Scenario(**YEONPYEONG)
    assert data == same_json(cascade(scenario, mode="escalation", rounds=2).to_json())
    assert data["rounds"][1]["joined"][0]["state"] == "USA"
    assert data["mode"] == "escalation" and len(data["rounds"]) <= 3


@pytest.mark.parametrize(
    ("body", "field", "hint"),
    [
        ({"attacker": ["PRK"], "target": "Atlantis"}, "target", "ISO3"),
        ({"attacker": ["PRK"], "target": "KOX"}, "target", "KOR"),
        ({"attacker": ["Nowhere"], "target": "KOR"}, "attacker", "ISO3"),
        ({"attacker": [], "target": "KOR"}, "attacker", "at least 1"),
        ({"target": "KOR"}, "attacker", "required"),
        ({"attacker": ["PRK"], "target": "PRK"}, "target", "other than"),
        ({"attacker": ["PRK"], "target": "KOR", "date": "2010-13-01"}, "date", "YYYY-MM-DD"),
        ({"attacker": ["PRK"], "target": "KOR", "date": "1700-01-01"}, "date", "1815"),
        ({"attacker": ["PRK"], "target": "KOR", "date": 0}, "date", "YYYY-MM-DD"),
        ({"attacker": ["PRK"], "target": "KOR", "where": "atlantis"}, "where", "/api/areas"),
        ({"attacker": ["PRK"], "target": "KOR", "where": "hawaii"}, "where", "armed_forces"),
        ({"attacker": ["PRK"], "target": "KOR", "severity": "huge"}, "severity", "armed_attack"),
        ({"attacker": ["PRK"], "target": "KOR", "asset": "moon"}, "asset", "territory"),
        ({"attacker": ["PRK"], "target": "KOR", "initiator": "x"}, "initiator", "unknown"),
        ({"attacker": ["PRK"], "target": "KOR", "color": "red"}, "color", "allowed fields"),
        ({"attacker": ["PRK"], "target": "K" * 101}, "target", "at most 100"),
    ],
)
def test_check_invalid_input_is_422_with_field_and_hint(
    client: AsgiClient, body: dict[str, Any], field: str, hint: str
) -> None:
    data = error(client.post("/api/check", json=body), 422)
    assert data["error"] == "invalid_input"
    assert data["field"] == field, data
    assert hint in (data["hint"] or ""), data
    assert data["errors"][0]["field"] == field


def test_cascade_invalid_mode_and_rounds(client: AsgiClient) -> None:
    data = error(client.post("/api/cascade", json={**YEONPYEONG, "mode": "war"}), 422)
    assert data["field"] == "mode" and "legal" in data["hint"]
    data = error(client.post("/api/cascade", json={**YEONPYEONG, "rounds": 0}), 422)
    assert data["field"] == "rounds" and "at least 1" in data["hint"]


def test_malformed_bodies(client: AsgiClient) -> None:
    data = error(
        client.post("/api/check", content=b"{nope", headers={"content-type": "application/json"}),
        422,
    )
    assert data["field"] == "body" and "JSON" in data["hint"]
    error(client.post("/api/check", json=["PRK", "KOR"]), 422)
    error(client.post("/api/check"), 422)


def test_unknown_routes_and_methods_are_json(client: AsgiClient) -> None:
    assert error(client.get("/api/nothing-here"), 404)["error"] == "not_found"
    assert error(client.get("/api/check"), 405)["error"] == "method_not_allowed"


# ---- docs, static, health ------------------------------------------------------------------------
def test_openapi_and_offline_docs(client: AsgiClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/treaties",
        "/api/treaties/{treaty_id}",
        "/api/states",
        "/api/allies/{state}",
        "/api/check",
        "/api/cascade",
        "/api/obligations",
        "/api/stories",
        "/api/claims",
        "/api/review/{item_id}",
    ):
        assert path in schema["paths"], path
    assert "422" in schema["paths"]["/api/check"]["post"]["responses"]
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert client.get(f"/static/vendor/swagger-ui/{asset}").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_pages_load_only_local_assets(client: AsgiClient) -> None:
    for url in ("/", "/treaties", "/treaties/nato", "/network", "/review"):
        html = client.get(url).text
        for marker in ('src="http', 'href="http://cdn', "@import", "googleapis"):
            assert marker not in html, (url, marker)


def test_health(client: AsgiClient) -> None:
    data = client.get("/api/health").json()
    assert data["status"] == "ok" and data["treaties"] >= 30


# ---- news ---------------------------------------------------------------------------------
needs_news = pytest.mark.skipif(not newsbridge.available(), reason="news module not available")


@needs_news
def test_stories_and_claims(client: AsgiClient) -> None:
    stories = client.get("/api/stories").json()
    assert stories and stories[0]["documents"]
    claims = client.get("/api/claims").json()
    statuses = {c["status"] for c in claims}
    assert {"new", "stale"} <= statuses
    stale = client.get("/api/claims", params={"status": "stale"}).json()
    assert stale and {c["status"] for c in stale} == {"stale"}
    body = error(client.get("/api/claims", params={"status": "maybe"}), 422)
    assert body["field"] == "status" and "confirmed" in body["hint"]


@needs_news
def test_review_accept_reject_and_errors(tmp_path: Path) -> None:
    from newsdata import seed_news

    db = tmp_path / "review.sqlite3"
    assert seed_news(db, tmp_path, hostile=True)
    with AsgiClient(create_app(db_path=db)) as c:
        pending = newsbridge.Bridge(db).proposals("pending")
        assert pending
        pid = pending[0]["id"]
        error(c.post(f"/api/review/{pid}", json={"decision": "maybe"}), 422)
        done = c.post(f"/api/review/{pid}", json={"decision": "accept"})
        assert done.status_code == 200, done.text
        patch = Path(done.json()["patch_path"])
        assert done.json()["status"] == "accepted" and patch.exists()
        assert patch.parent == tmp_path / "review-patches"
        again = error(c.post(f"/api/review/{pid}", json={"decision": "reject"}), 409)
        assert again["error"] == "already_decided"
        assert (
            error(c.post("/api/review/9999", json={"decision": "reject"}), 404)["error"]
            == "unknown_proposal"
        )
        error(c.post("/api/review/0", json={"decision": "reject"}), 422)
        error(c.post("/api/review/abc", json={"decision": "reject"}), 422)


def test_news_unavailable_is_503(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(newsbridge, "_news", lambda: None)
    with AsgiClient(create_app(db_path=tmp_path / "x.sqlite3")) as c:
        for resp in (
            c.get("/api/stories"),
            c.get("/api/claims"),
            c.post("/api/review/1", json={"decision": "accept"}),
        ):
            assert error(resp, 503)["error"] == "unavailable"
        page = c.get("/review")
        assert page.status_code == 200 and "not available" in page.text
        assert c.get("/api/health").json()["news"] is False


def test_history_endpoint(client: AsgiClient) -> None:
    body = client.get("/api/history/Philippines", params={"start": 1950, "end": 1953}).json()
    years = {y["year"]: y for y in body["years"]}
    assert body["state"] == "PHL" and years[1952]["protectors"] == ["USA"]
    assert years[1952]["changes"][0]["change"] == "gained"
    error(client.get("/api/history/PHL", params={"start": 1960, "end": 1950}), 422)
    error(client.get("/api/history/Narnia"), 404)


def test_check_citations_endpoint(client: AsgiClient) -> None:
    md = client.post("/api/check/citations", json=YEONPYEONG)
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "## Sources" in md.text and "[^1]:" in md.text
    rows = client.post("/api/check/citations", params={"format": "csv"}, json=YEONPYEONG)
    assert rows.headers["content-type"].startswith("text/csv")
    assert rows.text.startswith("status,obligated_state")
    summary = client.post("/api/check", json=YEONPYEONG).json()["summary"]
    assert summary["headline"].startswith("United States (USA) is bound")
