"""End-to-end: the network through history, in the system's headless Chromium.

The slider from 1815 to today: states that did not exist on a day are not drawn (the USSR
in 1970 but not in 2026), every curated treaty in force has a legend entry with its own
colour and line pattern, and alliances coded by the ATOP layer are told apart from curated
treaties. Without the layer the page says where the history before the curated KB comes
from and how to import it. Skipped (with the reason) when Chromium or Playwright is
missing; the ATOP part also when ../shared/data is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from liveserver import live_server
from networkpage import set_year

from foederis.kb import load_kb
from foederis.web import create_app

pytestmark = pytest.mark.e2e


def drawn(page: Any, state: str) -> bool:
    node = page.locator(f'#net-nodes g.node[data-state="{state}"]')
    return bool(node.count()) and bool(node.is_visible())


def legend(page: Any) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = page.eval_on_selector_all(
        "#net-legend li",
        """items => items.map(li => {
            const line = li.querySelector('svg line');
            const box = li.querySelector('input');
            return {text: li.textContent.trim(), value: box ? box.value : '',
                    stroke: line ? line.getAttribute('stroke') : '',
                    dash: line ? (line.getAttribute('stroke-dasharray') || '') : ''};
        })""",
    )
    return entries


def edge_treaties(page: Any, selector: str = "line.edge") -> set[str]:
    found: list[str] = page.eval_on_selector_all(
        f"#net-edges {selector}", "ls => ls.map(l => l.dataset.treaty)"
    )
    return set(found)


def test_slider_through_history_on_the_curated_kb(page: Any, server: str) -> None:
    page.goto(server + "/network")
    page.wait_for_selector("#network:not([data-date='']) #net-edges line")
    notice = page.locator("#net-coverage summary").inner_text()
    assert "foederis import atop DIR" in notice and "begins on" in notice

    # 1914: no curated treaty yet; the page says why, and how to import the history
    day = set_year(page, 1914)
    assert page.locator("#net-coverage").get_attribute("open") is not None  # opened
    assert "atopdata.org" in page.locator("#net-coverage").inner_text()
    assert page.locator("#net-edges line").count() == 0
    stats = page.locator("#net-stats").inner_text()
    assert "begins on" in stats and "import the ATOP layer" in stats
    assert "warn" in (page.get_attribute("#net-coverage", "class") or "")
    assert "No defense treaty in force" in page.locator("#net-legend").inner_text()
    assert drawn(page, "FRA") and not drawn(page, "SUN") and not drawn(page, "UZB")
    assert day == "1914-12-31"

    # 1970: the USSR (not Russia, not Uzbekistan) and the Warsaw Pact, in the legend
    set_year(page, 1970)
    assert drawn(page, "SUN") and not drawn(page, "RUS") and not drawn(page, "UZB")
    assert "warsaw-pact" in edge_treaties(page)
    entries = legend(page)
    assert {e["value"] for e in entries} == edge_treaties(page)
    styles = [(e["stroke"], e["dash"]) for e in entries]
    assert len(styles) == len(set(styles)), "two treaties share a colour and pattern"
    warsaw = next(e for e in entries if e["value"] == "warsaw-pact")
    assert "Warsaw Pact" in warsaw["text"]
    assert "warn" not in (page.get_attribute("#net-coverage", "class") or "")

    # today (2026 or later): the USSR is gone, Russia and Uzbekistan exist
    set_year(page, int(page.get_attribute("#year", "max")))
    assert not drawn(page, "SUN") and drawn(page, "RUS") and drawn(page, "UZB")
    today = legend(page)
    assert len(today) >= 20 and not any("coded by" in e["text"] for e in today)
    styles = [(e["stroke"], e["dash"]) for e in today]
    assert len(styles) == len(set(styles)), "two treaties share a colour and pattern"
    # a treaty keeps its style through time
    nato_1970 = next(e for e in entries if e["value"] == "nato")
    nato_now = next(e for e in today if e["value"] == "nato")
    assert (nato_1970["stroke"], nato_1970["dash"]) == (nato_now["stroke"], nato_now["dash"])
    assert page.js_errors == []


@pytest.fixture(scope="module")
def atop_server(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from foederis.atop.layer import import_atop, write_layer

    layer = tmp_path_factory.mktemp("atop") / "layer.json"
    write_layer(import_atop(shared_data / "atop"), layer)
    with live_server(create_app(kb=load_kb(atop=layer))) as base:
        yield base


def test_slider_tells_coded_alliances_from_curated_treaties(page: Any, atop_server: str) -> None:
    page.goto(atop_server + "/network?date=1914-12-31")
    page.wait_for_selector("#network[data-date='1914-12-31'] #net-edges line.coded")
    notice = page.locator("#net-coverage").inner_text()
    assert "coded by ATOP 4.01" in notice and "2018-12-31" in notice
    # 1914 comes from the coded layer only: grey dotted lines, one legend entry for them
    assert page.locator("#net-edges line:not(.coded)").count() == 0
    coded = legend(page)
    assert len(coded) == 1 and coded[0]["value"] == "__coded__"
    assert "coded by ATOP 4.01 (not curated" in coded[0]["text"]
    assert drawn(page, "AUH") and not drawn(page, "AUT") and not drawn(page, "SUN")
    # the allies of a state name the coded alliances as such
    page.locator('#net-nodes g.node[data-state="FRA"]').click()
    page.wait_for_selector("#allies-body li")
    items = page.locator("#allies-body li")
    assert items.count() == page.locator("#allies-body li.coded").count() > 0
    assert "coded by ATOP 4.01 (not curated)" in items.first.inner_text()
    page.get_by_label("State", exact=True).select_option("")

    # 1970: curated treaties (the Warsaw Pact file replaces ATOP's coding) beside coded ones
    set_year(page, 1970)
    curated = edge_treaties(page, "line.edge:not(.coded)")
    assert "warsaw-pact" in curated and not any(t.startswith("atop-") for t in curated)
    assert all(t.startswith("atop-") for t in edge_treaties(page, "line.coded"))
    entries = legend(page)
    assert entries[0]["value"] == "__coded__"
    coded_style = (entries[0]["stroke"], entries[0]["dash"])
    assert coded_style not in {(e["stroke"], e["dash"]) for e in entries[1:]}
    assert drawn(page, "SUN") and drawn(page, "DDR")
    page.get_by_label("State", exact=True).select_option("POL")
    page.wait_for_selector('#allies-body li[data-treaty="warsaw-pact"]')
    warsaw = page.locator('#allies-body li[data-treaty="warsaw-pact"]')
    assert "coded by" not in warsaw.inner_text()
    assert "coded" not in (warsaw.get_attribute("class") or "")
    page.get_by_label("State", exact=True).select_option("")

    # after the coded data end: their links are faded, and the page says why
    set_year(page, 2020)
    assert page.locator("#net-edges line.coded.stale").count() > 0
    assert page.locator("#net-edges line.stale:not(.coded)").count() == 0
    assert "data end on 2018-12-31" in page.locator("#net-stats").inner_text()
    assert not drawn(page, "SUN") and not drawn(page, "DDR")
    # hiding the coded alliances leaves the curated treaties drawn
    page.locator('#net-legend input[value="__coded__"]').uncheck()
    hidden = page.eval_on_selector_all(
        "#net-edges line.coded", "ls => ls.every(l => l.getAttribute('visibility') === 'hidden')"
    )
    assert hidden
    assert page.locator("#net-edges line:not(.coded):not([visibility])").count() > 0
    assert page.js_errors == []
