"""End-to-end (Chromium): the rest of issue 15 in the browser — the CSV citations button,
a headline naming triggered and uncertain duties together, and empty answers that say why
(a history with no protector, a treaty search with no match)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from foederis import Scenario, check

pytestmark = pytest.mark.e2e


def test_csv_citations_button_downloads_numbered_sources(page: Any, server: str) -> None:
    page.goto(server + "/?attacker=PRK&target=KOR&date=2010-11-23&where=yeonpyeong-island")
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    download = info.value
    assert download.suggested_filename == "foederis-PRK-KOR-2010-11-23.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    usa = [r for r in rows if r["iso3"] == "USA" and r["status"] == "triggered"]
    assert usa and all(r["footnotes"] for r in rows)
    for n in usa[0]["footnotes"].split():
        assert f"[{n}] " in usa[0]["sources"]
    assert page.js_errors == []


def test_headline_names_triggered_and_uncertain_together(page: Any, server: str) -> None:
    headline = check(Scenario(attacker="IRN", target="SAU", date="2026-01-01")).summary().headline
    assert "bound" in headline and "uncertain" in headline
    page.goto(server + "/?attacker=IRN&target=SAU&date=2026-01-01")
    assert " ".join(page.locator("#headline").inner_text().split()) == headline


def test_empty_answers_say_why_in_the_browser(page: Any, server: str) -> None:
    page.goto(server + "/history")
    page.get_by_label("State").fill("Switzerland")
    page.get_by_label("From (year)").fill("1950")
    page.get_by_label("To (year)").fill("1960")
    page.get_by_role("button", name="Show the history").click()
    page.wait_for_selector("#history-empty")
    assert "Switzerland" in page.locator("#history-empty").inner_text()
    page.goto(server + "/treaties")
    page.get_by_label("Search by name, id, alias or member state").fill("no-such-pact")
    assert "0 of" in page.locator("#count").inner_text()
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#no-match")
    assert "no-such-pact" in page.locator("#no-match").inner_text()
    assert page.js_errors == []
