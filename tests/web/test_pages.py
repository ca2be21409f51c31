"""Server-rendered pages through the ASGI app, and the drawing helpers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

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
    shown = re.findall(r'<tr data-search="([^"]*)">', filtered)
    assert shown and len(shown) < len(re.findall(r"<tr data-search=", html))
    assert all("philippines" in row for row in shown)
    none = client.get("/treaties", params={"q": "zzzz-no-such"}).text
    assert 'id="no-match"' in none and "zzzz-no-such" in none  # says why it is empty


def test_network_styles_stay_distinct_and_stable_through_time() -> None:
    """Every day a curated treaty enters into force or ends, the curated treaties in force
    have pairwise distinct (colour, pattern) pairs, and a treaty's pair never changes."""
    from foederis.web.views import network_styles

    kb = load_kb()
    curated = [t for t in kb.treaties.values() if t.is_defense() and t.curated]
    styles = network_styles(curated)
    assert network_styles(reversed(curated)) == styles  # independent of order
    days = {d for t in curated for d in (t.effective_from, t.ended) if d is not None}
    assert days
    for day in sorted(days):
        in_force = [t.id for t in curated if t.is_in_force(day)]
        pairs = [styles[t] for t in in_force]
        assert len(pairs) == len(set(pairs)), (day, in_force)
        data = network(kb, day)
        for t in data["treaties"]:
            if t["in_force"] and not t["coded"]:
                assert (t["color"], t["dash"]) == styles[t["id"]]


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
    assert 'type="range"' in html and 'min="1815"' in html and 'value="2022"' in html
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
    assert len(d.chips) == sum(1 + len(e.also) for r in result.rounds for e in r)
    boxes = [(c.x, c.y, c.x + c.w, c.y + c.h) for c in d.chips]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= d.width and a[3] <= d.height
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert d.legend and all(color.startswith("#") for _, _, color in d.legend)


def _segments(path: str) -> list[tuple[float, float, float, float]]:
    import re

    out = []
    x = y = 0.0
    for cmd, a, b in re.findall(r"([MVH])([\d.]+)(?:,([\d.]+))?", path):
        nx, ny = x, y
        if cmd == "M":
            nx, ny = float(a), float(b)
        elif cmd == "V":
            ny = float(a)
        else:
            nx = float(a)
        if cmd != "M":
            out.append((min(x, nx), min(y, ny), max(x, nx), max(y, ny)))
        x, y = nx, ny
    return out


@pytest.mark.parametrize(
    ("attacker", "target", "day"),
    [("RUS", "POL", "2025-01-01"), ("RUS", "EST", "2025-01-01"), ("PRK", "KOR", "2010-11-23")],
)
def test_cascade_shows_every_binding_clause_and_lines_avoid_labels(
    attacker: str, target: str, day: str
) -> None:
    kb = load_kb()
    result = cascade(Scenario(attacker=attacker, target=target, date=day), kb, mode="escalation")
    d = draw_cascade(result, kb)
    chips = {(c.state, c.treaty) for c in d.chips}
    for r in result.rounds:
        for e in r:
            for o in (e.obligation, *e.also) if e.obligation else ():
                assert (e.state, o.treaty) in chips
    # the round labels' boxes (two lines of text in the left margin)
    labels = [(8.0, b.y + 4, 72.0, b.y + 38) for b in d.bands]
    for link in d.links:
        for sx0, sy0, sx1, sy1 in _segments(link.d):
            for lx0, ly0, lx1, ly1 in labels:
                assert sx1 < lx0 or lx1 < sx0 or sy1 < ly0 or ly1 < sy0, (link.d, (lx0, ly0))


def test_germany_is_under_nato_and_the_eu() -> None:
    kb = load_kb()
    result = cascade(Scenario(attacker="RUS", target="POL", date="2025-01-01"), kb)
    treaties = {c.treaty for c in draw_cascade(result, kb).chips if c.state == "DEU"}
    assert treaties == {"nato", "eu-art-42-7"}


def test_timeline_covers_every_party() -> None:
    t = load_kb().treaty("nato")
    tl = draw_timeline(t, date(2026, 1, 1))
    assert tl is not None
    assert {b.state for b in tl.bars} == t.states()
    assert all(tl.label_w <= b.x <= tl.width and b.w > 0 for b in tl.bars)


def test_network_through_history_hides_states_that_did_not_exist() -> None:
    data = network(load_kb(), date(1970, 12, 31))
    exists = {n["id"]: n["exists"] for n in data["nodes"]}
    assert exists["SUN"] is True and exists.get("UZB", False) is False
    assert exists.get("RUS") is False  # the USSR then
    later = {n["id"]: n["exists"] for n in network(load_kb(), date(2026, 1, 1))["nodes"]}
    assert later["SUN"] is False and later["RUS"] is True
    for e in data["edges"]:
        assert exists[e["source"]] and exists[e["target"]]
    # curated treaties drawn on one day get distinct colour/pattern pairs; none is coded
    drawn = [t for t in data["treaties"] if t["in_force"]]
    styles = [(t["color"], t["dash"]) for t in drawn]
    assert len(styles) == len(set(styles)) and not any(t["coded"] for t in drawn)


def test_network_tells_coded_from_curated(shared_data: Path, tmp_path: Path) -> None:
    from foederis.atop.layer import import_atop, write_layer

    layer = tmp_path / "layer.json"
    write_layer(import_atop(shared_data / "atop"), layer)
    data = network(load_kb(atop=layer), date(1914, 8, 1))
    coded = [t for t in data["treaties"] if t["in_force"] and t["coded"]]
    assert coded and all(t["coded_by"] == "ATOP 4.01" and t["dash"] for t in coded)
    assert any(e["coded"] for e in data["edges"])
    names = {n["id"]: n["exists"] for n in data["nodes"]}
    assert names["AUH"] is True and names.get("AUT") is False  # Austria-Hungary in 1914


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


def _field_block(html: str, field: str) -> str:
    from html import unescape

    block = html[html.index(f'<label for="{field}">') :]
    return unescape(block[: block.index("</div>")])


def test_every_form_error_at_once_without_api_hints(client: AsgiClient) -> None:
    resp = client.get("/?attacker=Korea&target=Narnia&date=2024-02-30&where=atlantis")
    assert resp.status_code == 422
    html = resp.text
    for field, words in [
        ("attacker", ["unknown state 'Korea'", "North Korea (PRK)"]),
        ("target", ["unknown state 'Narnia'"]),
        ("date", ["not a valid date"]),
        ("where", ["unknown place 'atlantis'"]),
    ]:
        block = _field_block(html, field)
        assert "error-text" in block and all(w in block for w in words), block
    assert "/api/" not in html.split("</form>")[0].split("<form", 1)[1]
    assert "`foederis" not in html
    # the invalid date stays in the field, as typed
    date_input = re.search(r'<input id="date"[^>]*>', html)
    assert date_input and 'value="2024-02-30"' in date_input.group(0)


def test_gray_zone_headline_states_the_uncertain_duty(client: AsgiClient) -> None:
    html = client.get(
        "/?attacker=CHN&target=PHL&date=2024-06-17&where=second-thomas-shoal"
        "&asset=coast_guard&severity=gray_zone"
    ).text
    verdict = html[html.index('id="verdict"') : html.index('id="obligations"')]
    assert "United States (USA): uncertain" in verdict and "gray-zone" in verdict
    assert 'class="verdict card maybe"' in html


def test_policy_rows_and_future_caveat(client: AsgiClient) -> None:
    html = client.get(f"/?attacker=CHN&target=TWN&date={date.today().year + 2}-01-01").text
    verdict = html[html.index('id="verdict"') : html.index('id="obligations"')]
    assert "policy, not a treaty" in verdict
    assert "last verified on" in verdict and "in the future" in verdict
    table = html[html.index('id="obligations"') :]
    main_table = table.split('class="not-triggered"')[0]
    assert "policy, not a treaty" in main_table and "us-twn-tra-1979" in main_table


def test_answer_downloads(client: AsgiClient) -> None:
    html = client.get(YEONPYEONG).text
    link = re.search(r'id="export-md" href="([^"]+)"', html)
    assert link
    md = client.get(link.group(1).replace("&amp;", "&"))
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    assert "## Sources" in md.text
    csv_link = re.search(r'id="export-csv" href="([^"]+)"', html)
    assert csv_link
    rows = client.get(csv_link.group(1).replace("&amp;", "&"))
    assert rows.text.startswith("status,obligated_state")
    bad = client.get("/answer.md?attacker=PRK&target=Narnia")
    assert bad.status_code == 422 and "Narnia" in bad.text


def test_scenario_page_shows_the_clause_precedents(client: AsgiClient) -> None:
    # Armenia 2022: the CSTO's Art. 4 rows carry the recorded invocations and outcomes
    resp = client.get("/?attacker=AZE&target=ARM&date=2022-09-13")
    assert resp.status_code == 200
    html = resp.text
    assert 'class="precedents"' in html
    block = html[html.index('class="precedents"') :]
    assert "2022-09-13" in block and "not honored" in block
    assert "2022-01-06" in block and "honored" in block


def test_treaty_list_shows_the_in_force_label_the_cli_shows(client: AsgiClient) -> None:
    from foederis.kb import load_kb

    label = load_kb().treaty("eth-ken-1963").in_force_label  # as `foederis treaties`
    assert label.startswith("by ") and label in client.get("/treaties").text


def test_network_page_says_where_the_history_comes_from(client: AsgiClient) -> None:
    from foederis.web.views import network_coverage

    cov = network_coverage(load_kb())
    first = min(
        t.effective_from
        for t in load_kb().treaties.values()
        if t.is_defense() and t.curated and t.effective_from
    )
    assert cov["curated_from"] == first.isoformat() and cov["coded_by"] is None
    html = client.get("/network").text
    note = html[html.index('id="net-coverage"') : html.index("</details>")]
    assert first.isoformat() in note
    assert "foederis import atop DIR" in note and "atopdata.org" in note
    data = client.get("/api/network", params={"date": "1914-12-31"}).json()
    assert data["edges"] == [] and data["coverage"] == cov


def test_the_api_example_on_the_scenario_page_asks_the_same_question(
    client: AsgiClient,
) -> None:
    """The curl line under a result posts the page's scenario: the API's (compact) answer
    has the page's rows, and its full form is the CLI's JSON."""
    import html as html_
    import json

    from foederis.engine.compact import expand

    page = client.get(YEONPYEONG).text
    curl = html_.unescape(re.search(r"<pre><code>(curl .*?)</code></pre>", page, re.S)[1])
    assert "--compressed" in curl and "api/check" in curl
    body = json.loads(re.search(r"-d '(\{.*\})'", curl)[1])
    compact = client.post("/api/check", json=body).json()
    full = client.post("/api/check", params={"detail": "full"}, json=body).json()
    assert compact["format"] == "compact" and expand(compact) == full
    for row in full["obligations"]:
        if row["status"] == "triggered":
            assert f'data-status="triggered" data-states="{row["state"]}"' in page
    assert "detail=full" in page
