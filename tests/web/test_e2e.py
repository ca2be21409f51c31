"""End-to-end: the pages in the system's headless Chromium against a live server.

Skipped (with the reason) when /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from liveserver import live_server
from networkpage import set_year
from newsdata import seed_news

from foederis.web import create_app, newsbridge

pytestmark = pytest.mark.e2e


def edges(page: Any, selector: str) -> int:
    count: int = page.locator(f"#net-edges {selector}").count()
    return count


def test_yeonpyeong_from_the_form(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.get_by_label("Attacker").fill("North Korea")
    page.get_by_label("Target (the attacked state)").fill("KOR")
    page.get_by_label("Date of the attack").fill("2010-11-23")
    page.get_by_label("Place").fill("yeonpyeong-island")
    page.get_by_role("button", name="Check the obligations").click()
    page.wait_for_selector("#verdict")
    verdict = page.locator("#verdict").inner_text()
    assert "Bound to come to South Korea's aid" in verdict
    assert "United States" in verdict and "us-kor-1953" in verdict
    row = page.locator('tr[data-status="triggered"][data-states="USA"]')
    assert row.count() == 1 and "bound" in row.inner_text()
    assert page.locator('#cascade-svg g.chip[data-state="USA"][data-round="1"]').count() == 1
    # the URL holds the scenario: reopening it shows the same result
    assert "attacker=North+Korea" in page.url and "date=2010-11-23" in page.url
    page.goto(page.url)
    assert "United States" in page.locator("#verdict").inner_text()
    assert page.js_errors == []


def test_form_is_keyboard_usable_and_labelled(page: Any, server: str) -> None:
    page.goto(server + "/")
    unlabelled = page.eval_on_selector_all(
        "form.scenario input:not([type=hidden]), form.scenario select",
        "els => els.filter(e => !e.labels || e.labels.length === 0).map(e => e.name)",
    )
    assert unlabelled == []
    page.focus("#attacker")
    page.keyboard.type("RUS")
    page.keyboard.press("Tab")
    page.keyboard.type("EST")
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict")
    assert "Estonia" in page.locator("#result-title").inner_text()


def test_nato_page_shows_32_members_today(page: Any, server: str) -> None:
    page.goto(server + "/treaties")
    page.get_by_label("Search by name, id, alias or member state").fill("NATO")
    visible = page.locator("#treaty-table tbody tr:not([hidden])")
    assert visible.count() >= 1
    page.get_by_role("link", name="North Atlantic Treaty (NATO)").click()
    page.wait_for_url("**/treaties/nato")
    assert "32 members today" in page.locator("#members-today").inner_text()
    assert page.locator("#art-5 blockquote").count() == 1
    assert page.locator("figure.timeline rect.bar").count() >= 32
    assert page.js_errors == []


def test_network_slider_2022_finland_has_no_nato_edges(page: Any, server: str) -> None:
    page.goto(server + "/network")
    page.wait_for_selector("#network:not([data-date='']) #net-edges line")
    set_year(page, 2022)
    page.wait_for_selector("#network[data-date='2022-12-31']")
    assert page.locator("#year-out").inner_text() == "2022"
    nato_fin = edges(page, 'line[data-treaty="nato"][data-a="FIN"]') + edges(
        page, 'line[data-treaty="nato"][data-b="FIN"]'
    )
    assert nato_fin == 0
    assert edges(page, 'line[data-treaty="nato"]') > 0  # NATO is drawn, without Finland
    assert (
        edges(page, 'line[data-treaty="eu-art-42-7"][data-a="FIN"]')
        + edges(page, 'line[data-treaty="eu-art-42-7"][data-b="FIN"]')
        > 0
    )
    # click Finland: its allies on that day, none under NATO
    page.locator('#net-nodes g.node[data-state="FIN"]').click()
    page.wait_for_selector("#allies-body li")
    assert "Finland" in page.locator("#allies-title").inner_text()
    assert page.locator('#allies-body li[data-treaty="nato"]').count() == 0
    assert page.locator('#allies-body li[data-treaty="eu-art-42-7"]').count() == 1
    assert "date=2022-12-31" in page.url and "state=FIN" in page.url
    # after it joined, Finland has NATO edges
    set_year(page, 2024)
    page.wait_for_selector("#network[data-date='2024-12-31']")
    assert (
        edges(page, 'line[data-treaty="nato"][data-a="FIN"]')
        + edges(page, 'line[data-treaty="nato"][data-b="FIN"]')
        == 31
    )
    page.wait_for_selector('#allies-body li[data-treaty="nato"]')
    assert page.js_errors == []


def test_network_state_picker_is_keyboard_usable(page: Any, server: str) -> None:
    page.goto(server + "/network?date=2010-11-23")
    page.wait_for_selector("#network[data-date='2010-11-23'] #net-edges line")
    page.get_by_label("State", exact=True).select_option("KOR")
    page.wait_for_selector("#allies-body li")
    assert page.locator('#allies-body li[data-treaty="us-kor-1953"]').count() == 1
    page.locator('#net-nodes g.node[data-state="JPN"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#allies-title:has-text('Japan')")


@pytest.mark.skipif(not newsbridge.available(), reason="news module not available")
def test_review_page_runs_no_article_code(page: Any, tmp_path: Path) -> None:
    # its own database and server: accepting a proposal here changes nothing elsewhere
    db = tmp_path / "news.sqlite3"
    assert seed_news(db, tmp_path, hostile=True)
    with live_server(create_app(db_path=db)) as server:
        review_in_browser(page, server)


def review_in_browser(page: Any, server: str) -> None:
    page.goto(server + "/review")
    page.wait_for_selector(".claim mark")
    page.wait_for_timeout(300)  # give any injected handler (img onerror) time to fire
    assert page.evaluate("window.__xss") is None
    assert page.title() != "pwned"
    csp = page.evaluate("fetch('/review').then(r => r.headers.get('content-security-policy'))")
    assert "script-src 'self'" in csp
    assert page.locator(".claim img, .proposal img, .stories img").count() == 0
    assert page.locator("main script").count() == 0
    marks = " ".join(page.locator(".claim mark").all_inner_texts())
    assert "<script>window.__xss = 1</script>" in marks  # shown as text, not run
    # accept the proposal from the queue: a patch is written and the queue empties
    first = page.locator("article.proposal").first
    pid = first.get_attribute("data-proposal")
    first.get_by_role("button", name="Accept").click()
    page.wait_for_selector(".notice")
    assert f"accepted item {pid}" in page.locator(".notice").inner_text()
    assert page.locator(f'article.proposal[data-proposal="{pid}"]').count() == 0
    assert "patch" in page.locator("#decided ~ ul").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.js_errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?attacker=PRK&target=KOR&date=2010-11-23",
        "/treaties",
        "/treaties/nato",
        "/network",
        "/review",
        "/history?state=PHL&from=1945&to=2025",
        "/?attacker=RUS&target=POL&date=2025-01-01",
    ],
)
def test_phone_width_has_no_sideways_scroll(browser: Any, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} is {width}px wide at a 390px viewport"
    finally:
        context.close()


def _no_outside_requests(page: Any, server: str) -> list[str]:
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(server) else outside.append(req.url))
    return outside


def test_history_chart_is_drawn_from_local_files(page: Any, server: str) -> None:
    outside = _no_outside_requests(page, server)
    page.goto(server + "/history")
    page.get_by_label("State").fill("Philippines")
    page.get_by_label("From (year)").fill("1950")
    page.get_by_label("To (year)").fill("1960")
    page.get_by_role("button", name="Show the history").click()
    page.wait_for_selector("#history-chart[data-drawn='true']")
    assert page.evaluate("typeof window.Chart") == "function"
    box = page.locator("#history-chart").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200
    changes = page.locator("#history-changes").inner_text()
    assert "1952" in changes and "gained" in changes and "United States" in changes
    assert outside == [] and page.js_errors == []


def test_treaty_page_draws_membership_over_time(page: Any, server: str) -> None:
    outside = _no_outside_requests(page, server)
    page.goto(server + "/treaties/nato")
    page.wait_for_selector("#membership-chart[data-drawn='true']")
    data = page.evaluate("JSON.parse(document.getElementById('membership-data').textContent)")
    assert data["years"][0] == 1949 and data["counts"][0] == 12
    assert max(data["counts"]) >= 32
    assert outside == [] and page.js_errors == []


def test_form_shows_every_error_and_keeps_the_date(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.get_by_label("Attacker").fill("Korea")
    page.get_by_label("Target (the attacked state)").fill("Narnia")
    page.get_by_role("button", name="Check the obligations").click()
    page.wait_for_selector("#attacker-error")
    assert "North Korea (PRK)" in page.locator("#attacker-error").inner_text()
    assert "Narnia" in page.locator("#target-error").inner_text()
    page.goto(server + "/?attacker=PRK&target=KOR&date=2024-02-30")
    assert page.locator("#date").input_value() == "2024-02-30"
    assert "not a valid date" in page.locator("#date-error").inner_text()
    assert "/api/" not in page.locator("form.scenario").inner_text()


def test_gray_zone_headline_and_answer_download(page: Any, server: str) -> None:
    page.goto(
        server + "/?attacker=CHN&target=PHL&date=2024-06-17&where=second-thomas-shoal"
        "&asset=coast_guard&severity=gray_zone"
    )
    headline = page.locator("#headline").inner_text()
    assert "United States (USA): uncertain" in headline
    with page.expect_download() as info:
        page.locator("#export-md").click()
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert download.suggested_filename.endswith(".md")
    assert "uncertain" in text and "## Sources" in text and "[^1]:" in text


def test_cascade_lists_a_state_under_each_treaty_and_stays_legible_on_a_phone(
    browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + "/?attacker=RUS&target=POL&date=2025-01-01")
        chips = page.locator('#cascade-svg g.chip[data-state="DEU"]')
        assert chips.count() == 2  # under NATO Art. 5 and under EU Art. 42(7)
        height = page.evaluate(
            "document.querySelector('#cascade-svg g.chip text').getBoundingClientRect().height"
        )
        assert height >= 10, f"cascade text is {height}px tall"
        assert page.locator("#cascade-scroll-hint").is_visible()
    finally:
        context.close()
