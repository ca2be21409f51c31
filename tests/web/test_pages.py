"""Server-rendered pages through the ASGI app, and the drawing helpers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from asgiclient import AsgiClient

from foederis.engine.cascade import cascade
from foederis.kb import load_kb
from foederis.model.scenario import Scenario
from foederis.web import newsbridge
from foederis.web.views import draw_cascade, draw_timeline, network, year_date

YEONPYEONG = "/?attacker=PRK&target=KOR&date=2010-11-23&where=yeonpyeong-island"


def test_home_without_scenario_shows_form_and_examples(client: AsgiClient) -> None:
    html = client.get("/").text
    for field in ("attacker", "target", "date", "where", "asset", "severity", "initiator", "mode"):
        assert f'<label for="{field}">' in html, field
    assert '<datalist id="state-list">' in html and '<option value="KOR">South Korea' in html
    assert "yeonpyeong-island" in html  # an example link
    assert 'id="verdict"' not in html


def test_scenario_in_url_renders_result(client: AsgiClient) -> None:
    resp = client.get(YEONPYEONG)
    assert resp.status_code == 200
    html = resp.text
    verdict = html[html.index('id="verdict"') : html.index('id="obligations"')]
    assert "United States" in verdict and "us-kor-1953" in verdict
    assert 'data-status="triggered" data-states="USA"' in html
    assert 'id="cascade-svg"' in html and 'data-state="USA" data-round="1"' in html
    assert 'value="PRK"' in html and 'value="yeonpyeong-island"' in html
    assert "https://en.wikipedia.org/wiki/Mutual_Defense_Treaty" in html  # a source link


@pytest.mark.parametrize(
    ("query", "field", "text"),
    [
        ("attacker=PRK&target=Atlantis", "target", "unknown state"),
        ("attacker=PRK&target=KOR&date=2010-02-30", "date", "YYYY-MM-DD"),
        ("attacker=PRK&target=KOR&where=atlantis", "where", "unknown place"),
        ("attacker=PRK&target=KOR&severity=huge", "severity", "allowed"),
        ("attacker=PRK", "target", "required"),
    ],
)
def test_scenario_errors_are_shown_next_to_the_field(
    client: AsgiClient, query: str, field: str, text: str
) -> None:
    resp = client.get("/?" + query)
    assert resp.status_code == 422
    html = resp.text
    assert f'id="{field}"' in html
    block = html[html.index(f'<label for="{field}">') :]
    block = block[: block.index("</div>")]
    assert "error-text" in block and text in block, block


def test_scenario_page_escapes_input(client: AsgiClient) -> None:
    html = client.get("/?attacker=%3Cscript%3Ealert(1)%3C/script%3E&target=KOR").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_treaties_page_and_search(client: AsgiClient) -> None:
    html = client.get("/treaties").text
    assert 'href="/treaties/nato"' in html and 'href="/treaties/anzus"' in html
    filtered = client.get("/treaties", params={"q": "philippines"}).text
    shown = re.findall(r'<tr data-search="[^"]*">', filtered)
    assert shown and len(shown) < len(re.findall(r"<tr data-search=", filtered))


def test_treaty_page(client: AsgiClient) -> None:
    html = client.get("/treaties/nato").text
    assert "32 members today" in html
    assert 'id="art-5"' in html and "Structured trigger" in html and "Operative text" in html
    assert "deems necessary" in html
    assert html.count('class="bar') >= 32  # one bar per membership spell
    assert 'id="invocations"' in html and "2001" in html
    assert 'id="sources"' in html


def test_unknown_treaty_page_is_404_with_suggestion(client: AsgiClient) -> None:
    resp = client.get("/treaties/natoo")
    assert resp.status_code == 404
    assert 'href="/treaties/nato"' in resp.text


def test_network_page(client: AsgiClient) -> None:
    html = client.get("/network", params={"date": "2022-12-31", "state": "FIN"}).text
    assert 'type="range"' in html and 'min="1945"' in html and 'value="2022"' in html
    assert 'data-selected="FIN"' in html and '<label for="year">' in html
    assert client.get("/network", params={"date": "garbage"}).status_code == 200


def test_unknown_page_is_html_404(client: AsgiClient) -> None:
    resp = client.get("/no/such/page")
    assert resp.status_code == 404 and "Page not found" in resp.text


@pytest.mark.skipif(not newsbridge.available(), reason="news module not available")
def test_review_page_escapes_article_text(client: AsgiClient) -> None:
    html = client.get("/review").text
    assert "<mark>" in html
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert 'action="/review/' in html and 'value="accept"' in html
    stale = client.get("/review", params={"status": "stale"}).text
    assert "NATO has 30 member states" in stale and "status-new" not in stale


def test_review_form_rejects_bad_decisions(client: AsgiClient) -> None:
    resp = client.post(
        "/review/1",
        content=b"decision=maybe",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert resp.status_code == 422


# ---- drawing helpers -------------------------------------------------------------------------
def test_cascade_drawing_chips_do_not_overlap() -> None:
    kb = load_kb()
    result = cascade(
        Scenario(attacker=["RUS"], target="EST", date=date(2025, 1, 1)), kb, mode="escalation"
    )
    d = draw_cascade(result, kb)
    assert len(d.chips) == sum(len(r) for r in result.rounds)
    boxes = [(c.x, c.y, c.x + c.w, c.y + c.h) for c in d.chips]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= d.width and a[3] <= d.height
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert d.legend and all(color.startswith("#") for _, _, color in d.legend)


def test_timeline_covers_every_party() -> None:
    t = load_kb().treaty("nato")
    tl = draw_timeline(t, date(2026, 1, 1))
    assert tl is not None
    assert {b.state for b in tl.bars} == t.states()
    assert all(tl.label_w <= b.x <= tl.width and b.w > 0 for b in tl.bars)


def test_network_helper_and_year_date() -> None:
    data = network(load_kb(), date(1950, 12, 31))
    assert any(e["treaty"] == "nato" for e in data["edges"])
    assert not any(
        e["treaty"] == "nato" and "FIN" in (e["source"], e["target"]) for e in data["edges"]
    )
    today = date(2026, 5, 1)
    assert year_date(2022, today) == date(2022, 12, 31)
    assert year_date(2026, today) == today


def test_context_highlight() -> None:
    text = "First sentence. The claim is here. Last one."
    ctx = newsbridge.context(text, [16, 34], "The claim is here.")
    assert ctx == {
        "before": "First sentence. ",
        "sentence": "The claim is here.",
        "after": " Last one.",
    }
    # a wrong span falls back to finding the sentence
    assert (
        newsbridge.context(text, [0, 3], "The claim is here.")["sentence"] == "The claim is here."
    )
    assert newsbridge.context(text, [0, 3], "missing")["before"] == ""
