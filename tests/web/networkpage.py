"""The network page's year slider, for the browser tests (test_e2e, test_e2e_history)."""

from __future__ import annotations

from typing import Any


def set_year(page: Any, year: int) -> str:
    """Move the slider to ``year`` and wait for that day's network; returns the day."""
    page.eval_on_selector(
        "#year",
        """(el, year) => {
        el.value = String(year);
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));
    }""",
        year,
    )
    maximum = int(page.get_attribute("#year", "max"))
    day = page.get_attribute("#network", "data-today") if year >= maximum else f"{year}-12-31"
    page.wait_for_selector(f"#network[data-date='{day}']")
    assert page.locator("#year-out").inner_text() == str(year)
    return str(day)
