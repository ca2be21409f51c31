"""Directed dyad-years for researchers, in peacesciencer's conventions.

``dyad_year_table(kb, start, end)`` (columns) and ``create_dyad_years(kb, start, end)``
(rows) give one row per (obligated state, protected state, year) with at least one
obligation in force at any time during that year, by ATOP's coding or by foederis's
reading. Two variables, never mixed:

* ``atop_defense``, ``atop_offense``, ``atop_neutral``, ``atop_nonagg``, ``atop_consul``
  (after ``ccode1`` (owes), ``ccode2`` (is owed) and ``year``): **ATOP's coding**, in the
  columns and conventions of peacesciencer's ``create_dyadyears() |> add_atop_alliance()``
  (foederis.atop.convention), from the imported ATOP layer, whether or not a curated file
  reads the alliance differently. Empty (null; NA in R) for years ATOP does not cover
  (after 2018) and everywhere when no ATOP layer is imported;
* ``foederis_defense`` ... ``foederis_consul`` and ``foederis_treaties`` (the treaty ids
  behind them): **foederis's reading**, the curated KB over the coded layer through the
  engine (a curated file replaces ATOP's coding of the same alliance: the OAS Charter read
  as a duty to consult, entry into force rather than signature, ...);

then ``iso3_1``, ``iso3_2`` (the registry state holding the COW code at the year's end).
With ``all_dyads=True`` every directed dyad-year of the COW state system is listed, flags 0
where nothing binds, as ``create_dyadyears()`` does (a state is in the system in a year when
any day of its COW membership falls in it).

One row per (ccode1, ccode2, year): where two registry states share a COW code within a
year (the USSR and Russia are both 365 in 1991) their rows are merged (flags: the maximum;
treaties: all), and ``iso3_1``/``iso3_2`` name the state holding the code at the end of the
year. States COW does not code (e.g. Palestine) have ccode -1 in the table (empty in CSV)
and are keyed by their ISO3 code.

Who is bound to whom on a day is computed in one place (``engine.bindings.directed``, the
same path as the engine, ``allies`` and the obligation export); this module asks it only on the days
a treaty's bindings can change (entry into force, end, joins, departures, suspensions, a
party state's birth or end, a COW code changing hands), so each answer holds until the next
such day, and marks every year it covers. Coded treaties (the ATOP layer) count up to their
``coverage_end``; after it only curated treaties speak. The result for a KB is computed once
for 1815 to this year and kept in the compiled cache (foederis.cache), so later exports only
slice it.
"""

from __future__ import annotations

import itertools
import pickle
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from foederis import states
from foederis.engine import bindings
from foederis.exports.dyadtable import (
    ATOP_FLAGS,
    CLAUSE_BIT,
    COLUMNS,
    FIRST_YEAR,
    FLAGS,
    FOEDERIS_FLAGS,
    NO_CODE,
    PROVISION_OF,
    UNKNOWN,
    DyadYearTable,
)
from foederis.kb import KnowledgeBase
from foederis.model.treaty import Treaty

__all__ = [
    "ATOP_FLAGS",
    "COLUMNS",
    "FIRST_YEAR",
    "FLAGS",
    "FOEDERIS_FLAGS",
    "NO_CODE",
    "PROVISION_OF",
    "UNKNOWN",
    "DyadYearTable",
    "atop_last_year",
    "change_points",
    "create_dyad_years",
    "dyad_year_table",
    "segments",
    "system_members",
]

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------------------
# When bindings can change
# --------------------------------------------------------------------------------------


def change_points(t: Treaty) -> list[date]:
    """Every day on which ``t``'s bindings can change: its own dates, its parties' and
    suspensions' dates, and the first and last days of existence (and of each COW code)
    of its party states."""
    days: set[date] = set()
    for d in (t.effective_from, t.ended, t.coverage_end and t.coverage_end + ONE_DAY):
        if d is not None:
            days.add(d)
    for p in t.parties:
        days.update(d for d in (p.joined, p.left) if d is not None)
    for s in t.suspensions:
        days.update(d for d in (s.since, s.until) if d is not None)
    named: set[str] = set(t.states())
    for c in t.clauses:
        for side in (c.obligation.owed_by, c.obligation.owed_to):
            if side != "all":
                named.update(side)
    for code in named:
        if not states.is_known(code):
            continue
        st = states.get(code)
        for sp in st.spells:
            days.update(d for d in (sp.start, sp.end and sp.end + ONE_DAY) if d is not None)
        for cs in st.cow:
            days.update(d for d in (cs.start, cs.end and cs.end + ONE_DAY) if d is not None)
    return sorted(days)


def segments(t: Treaty, first: date, last: date) -> list[tuple[date, date]]:
    """[a, b] day ranges (inclusive) within [first, last] on which ``t``'s bindings are
    constant."""
    start = t.effective_from
    if start is None:
        return []
    lo = max(first, start)
    hi = last
    if t.ended is not None:
        hi = min(hi, t.ended - ONE_DAY)
    if t.coverage_end is not None:
        hi = min(hi, t.coverage_end)
    if hi < lo:
        return []
    cuts = [d for d in change_points(t) if lo < d <= hi]
    bounds = [lo, *cuts, hi + ONE_DAY]
    return [(a, b - ONE_DAY) for a, b in itertools.pairwise(bounds) if a < b]


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def _collect(
    kb: KnowledgeBase, start: int, end: int
) -> tuple[dict[tuple[int, int, int], int], dict[tuple[int, int, int], set[str]], list[str]]:
    """(key -> flags, key -> treaty ids, names) with keys (code1, code2, year); a state
    without a COW code gets the negative code -(2 + its index in ``names``)."""
    first, last = date(start, 1, 1), date(end, 12, 31)
    flags: dict[tuple[int, int, int], int] = {}
    treaties: dict[tuple[int, int, int], set[str]] = {}
    names: list[str] = []
    name_ix: dict[str, int] = {}
    for t in kb.treaties.values():
        for a, b in segments(t, first, last):
            codes: dict[str, int] = {}
            years = range(a.year, b.year + 1)
            for bnd in bindings.directed(t, a):
                s1, s2 = bnd.obligated, bnd.protected
                bit = CLAUSE_BIT.get(bnd.clause.type)
                if bit is None:
                    continue
                k1 = codes.get(s1)
                if k1 is None:
                    k1 = codes[s1] = _code(s1, a, names, name_ix)
                k2 = codes.get(s2)
                if k2 is None:
                    k2 = codes[s2] = _code(s2, a, names, name_ix)
                for y in years:
                    key = (k1, k2, y)
                    flags[key] = flags.get(key, 0) | bit
                    got = treaties.get(key)
                    if got is None:
                        treaties[key] = {t.id}
                    else:
                        got.add(t.id)
    return flags, treaties, names


def _code(state: str, day: date, names: list[str], name_ix: dict[str, int]) -> int:
    code = states.cow_code(state, day)
    if code is not None:
        return code
    if state not in name_ix:
        name_ix[state] = len(names)
        names.append(state)
    return -(2 + name_ix[state])


def _holder(code: int, year: int) -> str:
    """The registry state holding COW ``code`` at the end of ``year`` (one name per row)."""
    day = date(year, 12, 31)
    got = states.iso3_from_cow(code, day)
    return got or f"COW{code}"


def system_members(year: int) -> list[int]:
    """COW codes of every member of the COW state system in ``year`` (any day of the year,
    as peacesciencer's ``create_dyadyears()`` counts it; Germany has 260 and 255 in 1990)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    out: set[int] = set()
    for st in states.all_states():
        for cs in st.cow:
            lo = max(first, cs.start or first)
            hi = min(last, cs.end or last)
            if lo <= hi and any(
                (sp.start is None or sp.start <= hi) and (sp.end is None or sp.end >= lo)
                for sp in st.system
            ):
                out.add(cs.code)
    return sorted(out)


def atop_last_year(kb: KnowledgeBase) -> int | None:
    """The last year the ATOP layer's coding covers (None: no layer)."""
    if kb.atop_layer is None:
        return None
    last = kb.atop_header.get("last_year")
    return last if isinstance(last, int) else None


def _atop_bits(value: int, year: int, last: int | None) -> int:
    return value if last is not None and year <= last else UNKNOWN


def _build(kb: KnowledgeBase, start: int, end: int) -> DyadYearTable:
    import numpy as np

    from foederis.atop.convention import MemberSpell, atop_dyad_years

    flags, treaties, names = _collect(kb, start, end)
    last = atop_last_year(kb)
    atop: dict[tuple[int, int, int], int] = {}
    if last is not None:
        spells = kb.atop_header.get("members")
        if isinstance(spells, list):
            atop = atop_dyad_years(
                (s for s in spells if isinstance(s, MemberSpell)), start, min(end, last)
            )
    keys = sorted(flags.keys() | atop.keys())
    n = len(keys)
    c1 = np.fromiter((k[0] for k in keys), dtype=np.int32, count=n)
    c2 = np.fromiter((k[1] for k in keys), dtype=np.int32, count=n)
    yr = np.fromiter((k[2] for k in keys), dtype=np.int32, count=n)
    at = np.fromiter((_atop_bits(atop.get(k, 0), k[2], last) for k in keys), np.uint8, n)
    fl = np.fromiter((flags.get(k, 0) for k in keys), dtype=np.uint8, count=n)
    sets: dict[str, int] = {"": 0}
    tr = np.fromiter(
        (sets.setdefault(";".join(sorted(treaties.get(k, ()))), len(sets)) for k in keys),
        dtype=np.int32,
        count=n,
    )
    all_names = list(names)
    index: dict[str, int] = {s: i for i, s in enumerate(all_names)}

    def name_of(code: int, year: int) -> int:
        label = names[-code - 2] if code < 0 else _holder(code, year)
        if label not in index:
            index[label] = len(all_names)
            all_names.append(label)
        return index[label]

    holder_cache: dict[tuple[int, int], int] = {}

    def iso_col(codes: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
        out = np.empty(n, dtype=np.int32)
        for i, (c, y) in enumerate(zip(codes.tolist(), yr.tolist(), strict=True)):
            got = holder_cache.get((c, y))
            if got is None:
                got = holder_cache[(c, y)] = name_of(c, y)
            out[i] = got
        return out

    iso1, iso2 = iso_col(c1), iso_col(c2)
    c1[c1 < 0] = NO_CODE
    c2[c2 < 0] = NO_CODE
    ordered = sorted(sets, key=sets.__getitem__)
    return DyadYearTable(c1, c2, yr, at, fl, iso1, iso2, tr, tuple(all_names), tuple(ordered))


def _with_system(table: DyadYearTable, start: int, end: int, last: int | None) -> DyadYearTable:
    """Every directed dyad-year of the COW state system, the table's rows merged in
    (vectorized per year: a year's members form an m x m grid, minus the diagonal and the
    dyads the table already has)."""
    import numpy as np

    names = list(table.names)
    index = {s: i for i, s in enumerate(names)}
    coded = (table.ccode1 != NO_CODE) & (table.ccode2 != NO_CODE)
    t_c1, t_c2, t_y = table.ccode1[coded], table.ccode2[coded], table.year[coded]
    lut = np.full(100_000, -1, dtype=np.int64)
    p1, p2, py, n1, n2 = [], [], [], [], []
    for year in range(start, end + 1):
        codes = np.array(system_members(year), dtype=np.int32)
        m = len(codes)
        if m < 2:
            continue
        labels = []
        for c in codes.tolist():
            label = _holder(c, year)
            if label not in index:
                index[label] = len(names)
                names.append(label)
            labels.append(index[label])
        iso = np.array(labels, dtype=np.int32)
        lut[codes] = np.arange(m)
        grid = ~np.eye(m, dtype=bool)
        here = t_y == year
        a, b = lut[t_c1[here]], lut[t_c2[here]]
        ok = (a >= 0) & (b >= 0)
        grid[a[ok], b[ok]] = False
        i1, i2 = np.nonzero(grid)
        p1.append(codes[i1])
        p2.append(codes[i2])
        py.append(np.full(len(i1), year, dtype=np.int32))
        n1.append(iso[i1])
        n2.append(iso[i2])
        lut[codes] = -1
    if not p1:
        return table
    s1, s2, sy = np.concatenate(p1), np.concatenate(p2), np.concatenate(py)
    covered = sy <= last if last is not None else np.zeros(len(sy), bool)
    merged = DyadYearTable(
        np.concatenate([table.ccode1, s1]),
        np.concatenate([table.ccode2, s2]),
        np.concatenate([table.year, sy]),
        np.concatenate([table.atop, np.where(covered, 0, UNKNOWN).astype(np.uint8)]),
        np.concatenate([table.flags, np.zeros(len(s1), np.uint8)]),
        np.concatenate([table.iso1, np.concatenate(n1)]),
        np.concatenate([table.iso2, np.concatenate(n2)]),
        np.concatenate([table.treaties, np.zeros(len(s1), np.int32)]),
        tuple(names),
        table.treaty_sets,
    )
    c1k = np.where(merged.ccode1 == NO_CODE, 99_999, merged.ccode1).astype(np.int64)
    c2k = np.where(merged.ccode2 == NO_CODE, 99_999, merged.ccode2).astype(np.int64)
    order = np.argsort((c1k * 100_000 + c2k) * 10_000 + merged.year, kind="stable")
    return merged.select(order)  # type: ignore[arg-type]


def _cache_file(kb: KnowledgeBase, end: int, kind: str = "") -> Path | None:
    from foederis import cache as compiled

    files = sorted({*kb.origins.values(), *([kb.atop_layer] if kb.atop_layer else [])})
    here = Path(__file__).parents[1]
    code = [Path(__file__), here / "engine" / "bindings.py", here / "atop" / "convention.py"]
    return compiled.cached_path(kind or f"dyads-{FIRST_YEAR}-{end}", [*files, *code])


def dyad_year_table(
    kb: KnowledgeBase, start: int, end: int, *, all_dyads: bool = False
) -> DyadYearTable:
    """The dyad-years of ``kb`` for ``start``..``end`` (see the module docstring)."""
    import numpy as np

    if end < start:
        raise ValueError(f"end year {end} is before start year {start}")
    full_end = max(end, date.today().year)
    path = _cache_file(kb, full_end) if kb.origins else None
    table = _read(path)
    if table is None:
        table = _build(kb, FIRST_YEAR, full_end)
        if path is not None:
            from foederis import cache as compiled

            compiled.dump_pickle(path, table)
    table = table.select((table.year >= start) & (table.year <= end))
    if all_dyads:
        spath = _cache_file(kb, full_end, f"dyads-system-{start}-{end}") if kb.origins else None
        got_all = _read(spath)
        if got_all is not None:
            return got_all
        table = _with_system(table, start, end, atop_last_year(kb))
        if spath is not None:
            from foederis import cache as compiled

            compiled.dump_pickle(spath, table)
    del np
    return table


def _read(path: Path | None) -> DyadYearTable | None:
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            got = pickle.load(f)
    except Exception:  # a broken cache is ignored: the KB is the truth
        return None
    return got if isinstance(got, DyadYearTable) else None


def create_dyad_years(
    kb: KnowledgeBase, start: int, end: int, *, all_dyads: bool = False
) -> list[dict[str, object]]:
    """Rows (dicts in COLUMNS order), sorted by ccode1, ccode2, year."""
    return dyad_year_table(kb, start, end, all_dyads=all_dyads).rows()
