"""The dyad-year comparison with ATOP 5.1: figures and a reason for every difference."""

from __future__ import annotations

from pathlib import Path

from foederis.atop.report import compare, markdown
from foederis.kb import load_kb

REASONS = ("curated", "curated dates", "ATOP versions", "state system", "dates")
DOC = Path(__file__).resolve().parents[2] / "docs" / "atop-dyad-years.md"


def test_comparison(atop_dir: Path, atop_layer: Path) -> None:
    cmp = compare(load_kb(atop=atop_layer), atop_dir)
    n = len(cmp.truth)
    assert n == 137_636  # ATOP 5.1 defense dyad-years 1816-2018
    # the ATOP layer alone reproduces ATOP's coding except where states did not exist
    assert len(cmp.truth & cmp.coded_only) / n >= 0.985
    # every difference, in either direction, has one reason of a known kind
    assert set(cmp.reasons) == (cmp.truth - cmp.ours) | (cmp.ours - cmp.truth)
    assert all(r.split(":")[0] in REASONS for r in cmp.reasons.values())
    # governments in exile: ATOP codes them, the state system does not count them
    state_system = [k for k, r in cmp.reasons.items() if r.startswith("state system")]
    assert any(k[:2] == (2, 210) and k[2] == 1943 for k in state_system)  # NLD occupied
    text = markdown(cmp, "foederis export atop-report DIR")
    assert "## Every difference" in text and f"{n:,}" in text


def test_checked_in_report_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "foederis export atop-report" in text and "## Every difference" in text
