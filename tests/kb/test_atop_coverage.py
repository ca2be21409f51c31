"""ATOP's 2018 defense dyads against the KB (docs/atop-coverage-2018.md); the SADC facts
checked on the way are in tests/facts/africa.yaml."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from foederis import states
from foederis.kb import BUILTIN_DIR

ATOP_DDYR = Path("/work/shared/data/atop/atop5_1_ddyr.csv")  # never shipped with foederis
NOTES = BUILTIN_DIR / "atop_coverage_notes.yaml"


# --- the curated reasons for dyads the KB does not explain ------------------------------


def test_coverage_notes_are_well_formed():
    groups = yaml.safe_load(NOTES.read_text(encoding="utf-8"))["groups"]
    assert groups
    for g in groups:
        assert set(g) == {"atop_id", "states", "reason", "sources"}, g
        assert isinstance(g["atop_id"], int)
        assert len(g["states"]) >= 2
        for s in g["states"]:
            assert states.cow_code(s, date(2018, 12, 31)) is not None, s
        assert g["reason"].strip()
        assert g["sources"] and all(u.startswith("http") for u in g["sources"])


@pytest.mark.skipif(not ATOP_DDYR.exists(), reason="ATOP 5.1 dyad-year file not available")
def test_atop_2018_coverage(kb):
    from foederis.exports.coverage import atop_coverage

    cov = atop_coverage(kb, ATOP_DDYR, 2018)
    assert cov.share >= 0.95
    assert not [m for m in cov.missing if m[2] == "not explained yet"]
