"""How well ``export dyad-years`` reproduces ATOP 5.1's directed defense dyad-years, and why
each difference exists (``foederis export atop-report``; checked in as
docs/atop-dyad-years.md).

Every directed dyad-year on which the export and ATOP 5.1 disagree (1816-2018) gets one
reason, decided in this order:

* **curated**: a curated treaty file (which replaces ATOP's coding of the same alliance, or
  adds a treaty ATOP does not have) gives it; the file's own sources are the authority;
* **ATOP versions**: ATOP 5.1's dyad-years and ATOP 4.01's member-level file (which the
  layer is coded from) disagree;
* **state system**: a state of the dyad did not exist in that year as foederis's states
  registry (the COW state system) records it: occupation in the Second World War,
  states COW enters late;
* **dates**: the member-level dates and the states' lifetimes do not overlap within that
  calendar year (an exit on 1 January, a day-less date).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from foederis import states
from foederis.atop.read import ATOP4_LAST_DAY, DDYR_FILE, Member, read_atop, read_dyad_years
from foederis.errors import FoederisError
from foederis.kb import KnowledgeBase

Key = tuple[int, int, int]
FIRST, LAST = 1816, 2018


@dataclass
class Comparison:
    truth: set[Key]
    ours: set[Key]
    coded_only: set[Key]
    reasons: dict[Key, str]
    command: str

    @property
    def reproduced(self) -> int:
        return len(self.truth & self.ours)


def _defense_keys(kb: KnowledgeBase) -> tuple[set[Key], dict[Key, str]]:
    from foederis.exports.dyads import NO_CODE, dyad_year_table

    t = dyad_year_table(kb, FIRST, LAST)
    d = t.flag("atop_defense")
    keys: set[Key] = set()
    treaties: dict[Key, str] = {}
    for c1, c2, y, f, tr in zip(
        t.ccode1.tolist(),
        t.ccode2.tolist(),
        t.year.tolist(),
        d.tolist(),
        t.treaties.tolist(),
        strict=True,
    ):
        if f and c1 != NO_CODE and c2 != NO_CODE:
            keys.add((c1, c2, y))
            treaties[(c1, c2, y)] = t.treaty_sets[tr]
    return keys, treaties


def compare(kb: KnowledgeBase, folder: Path) -> Comparison:
    """Compare ``kb`` (which must carry the ATOP layer) with the ATOP files in ``folder``."""
    from foederis.atop.layer import read_layer

    if kb.atop_layer is None:
        raise FoederisError(
            "the KB has no ATOP layer to compare",
            "run `foederis import atop DIR` first (or set FOEDERIS_ATOP to the layer file)",
        )
    ddyr = read_dyad_years(folder / DDYR_FILE)
    truth = {
        (c1, c2, y)
        for c1, c2, y, d in zip(ddyr.ccode1, ddyr.ccode2, ddyr.year, ddyr.atop_defense, strict=True)
        if d and FIRST <= y <= LAST
    }
    ours, row_treaties = _defense_keys(kb)
    coded, _ = read_layer(kb.atop_layer)
    coded_kb = KnowledgeBase(treaties={t.id: t for t in coded}, areas=kb.areas)
    coded_only, _ = _defense_keys(coded_kb)
    rule_a = _member_level(folder)
    curated_ids = {t.atop_id: t.id for t in kb.treaties.values() if t.curated and t.atop_id}
    reasons: dict[Key, str] = {}
    for k in truth - ours:
        reasons[k] = _why_missing(k, coded_only, rule_a, curated_ids, _near(k, ours))
    for k in ours - truth:
        reasons[k] = _why_extra(k, row_treaties.get(k, ""), kb, rule_a, _near(k, truth))
    return Comparison(truth, ours, coded_only, reasons, "")


def _near(k: Key, other: set[Key], span: int = 3) -> bool:
    """Whether ``other`` has the same directed dyad within ``span`` years of ``k``."""
    c1, c2, y = k
    return any((c1, c2, y + d) in other for d in range(-span, span + 1) if d)


def _member_level(folder: Path) -> dict[Key, set[int]]:
    """ATOP 4.01's member file read directly: (member with a defense obligation, other
    member, year) -> alliance ids, no state-system filter."""
    data = read_atop(folder)
    by_phase: dict[tuple[int, int], list[Member]] = defaultdict(list)
    for m in data.members:
        by_phase[(m.atopid, m.phase)].append(m)
    out: dict[Key, set[int]] = defaultdict(set)
    for (atopid, _), rows in by_phase.items():
        for a in rows:
            if not a.defense:
                continue
            for b in rows:
                if a is b or a.member == b.member:
                    continue
                y0 = max(a.entry.year, b.entry.year)
                ends = [x.exit.year if x.exit else ATOP4_LAST_DAY.year for x in (a, b)]
                for y in range(max(y0, FIRST), min(ends) + 1):
                    out[(a.member, b.member, y)].add(atopid)
    return out


def _existed_in(code: int, year: int) -> str | None:
    """The ISO3 code of a holder of COW ``code`` that did NOT exist at any day of ``year``."""
    for day in (date(year, 1, 1), date(year, 7, 1), date(year, 12, 31)):
        iso = states.iso3_from_cow(code, day)
        if iso is not None and states.exists(iso, day):
            return None
    st = states.iso3_from_cow(code, date(year, 12, 31))
    if st is None:
        return f"COW {code}"
    spells = states.get(st).spells
    if any(sp.overlaps_year(year) for sp in spells):
        return None
    return st


def _why_missing(
    k: Key,
    coded_only: set[Key],
    rule_a: dict[Key, set[int]],
    curated: dict[int, str],
    near: bool,
) -> str:
    c1, c2, y = k
    alliances = rule_a.get(k, set())
    if y > ATOP4_LAST_DAY.year:  # 2017-2018: the alliances ATOP 4.01 had at its end
        alliances = alliances | rule_a.get((c1, c2, ATOP4_LAST_DAY.year), set())
    replaced = sorted({curated[a] for a in alliances if a in curated})
    if k in coded_only or replaced:
        which = ", ".join(replaced) if replaced else "a curated file"
        if near:
            return (
                f"curated dates: {which} binds this dyad from or until another day (the file "
                "dates entry into force or accession; ATOP often dates signature)"
            )
        if y > ATOP4_LAST_DAY.year:
            return f"curated: {which} does not bind this dyad in 2017-2018 (ATOP 5.1 does)"
        return f"curated: {which} (replacing ATOP's coding) does not bind this dyad"
    if not alliances:
        if y > ATOP4_LAST_DAY.year:
            return "ATOP versions: 5.1 has it after 2016; the layer's 2017-2018 rest on 5.1 dyads"
        return "ATOP versions: 5.1's dyad-years have it, 4.01's member file does not"
    gone = [s for s in (_existed_in(c1, y), _existed_in(c2, y)) if s]
    if gone:
        return f"state system: {', '.join(gone)} did not exist that year (foederis.states)"
    return "dates: member-level dates and lifetimes do not overlap in this year"


def _why_extra(
    k: Key, treaties: str, kb: KnowledgeBase, rule_a: dict[Key, set[int]], near: bool
) -> str:
    ids = [t for t in treaties.split(";") if t]
    cur = [t for t in ids if t in kb.treaties and kb.treaties[t].curated]
    if cur and near:
        return (
            f"curated dates: {', '.join(cur)} binds this dyad into a year ATOP does not count "
            "(day-precise dates from the file's sources)"
        )
    if cur:
        return f"curated: {', '.join(cur)} binds this dyad; ATOP 5.1 does not code it"
    if k in rule_a:
        return "ATOP versions: 4.01's member file has it, 5.1's dyad-years do not"
    return "dates: the layer's day-precise spells reach into a year ATOP 5.1 does not count"


# --------------------------------------------------------------------------------------


def _ranges(years: Iterable[int]) -> str:
    ys = sorted(years)
    out: list[str] = []
    start = prev = ys[0]
    for y in ys[1:]:
        if y == prev + 1:
            prev = y
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        start = prev = y
    out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)


def _label(code: int, year: int) -> str:
    iso = states.iso3_from_cow(code, date(year, 12, 31))
    return f"{iso} ({code})" if iso else f"COW {code}"


def markdown(cmp: Comparison, command: str) -> str:
    n = len(cmp.truth)
    missing = cmp.truth - cmp.ours
    extra = cmp.ours - cmp.truth
    coded_rep = len(cmp.truth & cmp.coded_only)
    by_reason: dict[tuple[str, str], dict[tuple[int, int], list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for k, why in cmp.reasons.items():
        side = (
            "ATOP has it, the export does not"
            if k in missing
            else "the export has it, ATOP does not"
        )
        by_reason[(side, why)][(k[0], k[1])].append(k[2])
    lines = [
        "# ATOP 5.1 directed defense dyad-years vs `foederis export dyad-years`, 1816–2018",
        "",
        f"Generated by `{command}`; do not edit by hand. ATOP: Leeds, Ritter, Mitchell & Long "
        "(2002), atopdata.org. The export uses the built-in curated KB over the ATOP 4.01 "
        "layer (`foederis import atop`); a curated treaty replaces ATOP's coding of the same "
        "alliance. Directed: `ccode1` owes `ccode2`.",
        "",
        "| | directed defense dyad-years | share of ATOP's |",
        "|---|---:|---:|",
        f"| ATOP 5.1 (`atop_defense = 1`) | {n:,} | 100% |",
        f"| reproduced by the export (curated KB + ATOP layer) | {cmp.reproduced:,} | "
        f"{cmp.reproduced / n:.2%} |",
        f"| reproduced by the ATOP layer alone (no curated file) | {coded_rep:,} | "
        f"{coded_rep / n:.2%} |",
        f"| in ATOP, not in the export | {len(missing):,} | {len(missing) / n:.2%} |",
        f"| in the export, not in ATOP | {len(extra):,} | {len(extra) / n:.2%} |",
        "",
        "## Differences by reason",
        "",
        "| direction | reason | dyad-years | dyads |",
        "|---|---|---:|---:|",
    ]
    for (side, why), dyads in sorted(
        by_reason.items(), key=lambda kv: -sum(map(len, kv[1].values()))
    ):
        total = sum(len(v) for v in dyads.values())
        lines.append(f"| {side} | {why} | {total:,} | {len(dyads):,} |")
    lines += ["", "## Every difference", ""]
    for (side, why), dyads in sorted(by_reason.items()):
        total = sum(len(v) for v in dyads.values())
        lines += [f"### {side}: {why} ({total:,})", ""]
        for (c1, c2), years in sorted(dyads.items()):
            y = max(years)
            lines.append(f"- {_label(c1, y)} → {_label(c2, y)}: {_ranges(years)}")
        lines.append("")
    return "\n".join(lines)
