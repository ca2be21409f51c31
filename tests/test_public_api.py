"""The public Python API: ``foederis.__all__`` lists exactly the public names (as httpx does)."""

from __future__ import annotations

from datetime import date

import foederis


def test_all_lists_exactly_the_public_names() -> None:
    public = {n for n in dir(foederis) if not n.startswith("_")} | {"__version__"}
    assert set(foederis.__all__) == public
    assert len(foederis.__all__) == len(set(foederis.__all__))
    assert set(foederis.__all__) == {*foederis._EXPORTS, "__version__"}


def test_every_exported_name_resolves_and_is_defined_where_it_says() -> None:
    for name in foederis.__all__:
        value = getattr(foederis, name)
        assert value is not None, name
        if callable(value) and hasattr(value, "__module__"):
            assert value.__module__.startswith("foederis."), name


def test_researcher_verbs_answer() -> None:
    kb = foederis.load_kb()
    rows = foederis.allies(kb, "POL", date(2025, 1, 1))
    assert {r.obligated for r in rows} >= {"USA", "DEU", "FRA"}
    result = foederis.check(foederis.Scenario(attacker="PRK", target="KOR", date="2010-11-23"))
    assert isinstance(result, foederis.CheckResult)
    assert all(isinstance(o, foederis.Obligation) for o in result.obligations)
    assert len(repr(result)) < 200 and "PRK" in repr(result)
    assert "United States (USA) is bound" in result.summary().headline
    assert issubclass(foederis.FoederisError, Exception)
