"""Backtest: code every (war, alliance) pair since 1816 as honor / violate / cfna / nonagg /
consul and compare the result with the expert coding (Leeds, Long & Mitchell 2000;
Berkemeier & Fuhrmann 2018). See docs/backtest.md.

Modules: ``inputs`` (ATOP and contiguity files), ``wars`` (COW war file), ``rules`` (the
coding rules), ``recent`` (wars after the COW data, coded by the engine), ``expert``
(comparison), ``report`` (rendering), ``cli`` (the ``foederis backtest`` command).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from foederis.backtest.inputs import BacktestInputError, read_atop, read_contiguity
from foederis.backtest.rules import Category, Coder, Coding
from foederis.backtest.wars import read_cow_wars

__all__ = [
    "BacktestInputError",
    "Category",
    "Coding",
    "code_history",
    "state_label",
]

CONTIGUITY_FILE = "contiguity_direct.csv"


@cache
def state_label(ccode: int, year: int) -> str:
    """``ISO3 (COW code)`` for states the registry knows, else ``COW code``."""
    from foederis import states

    day = date(year, 7, 1)
    iso3 = states.iso3_from_cow(ccode, day)
    # iso3_from_cow falls back to the code's latest holder; label only a spell that covers
    # the year, so Sardinia in 1848 stays "COW 325" rather than becoming Italy.
    if iso3 and any(s.code == ccode and s.covers(day) for s in states.get(iso3).cow):
        return f"{iso3} ({ccode})"
    return f"COW {ccode}"


def code_history(
    atop_dir: Path | str,
    wars_file: Path | str,
    contiguity_file: Path | str | None = None,
) -> list[Coding]:
    """Code every (COW war, ATOP alliance) pair with a member at war. Without a contiguity
    file, ``contiguity_direct.csv`` beside the war file is used when present."""
    alliances = read_atop(atop_dir)
    wars = read_cow_wars(wars_file)
    if contiguity_file is None:
        beside = Path(wars_file).parent / CONTIGUITY_FILE
        contiguity_file = beside if beside.is_file() else None
    contiguity = read_contiguity(contiguity_file) if contiguity_file is not None else None
    coder = Coder(contiguity, state_label)
    return [coder.code(w, a) for w, a in coder.candidates(wars, alliances)]
