"""How well ``export dyad-years`` reproduces ATOP 5.1's directed defense dyad-years, and why
each difference exists (``foederis export atop-report``; checked in as
docs/atop-dyad-years.md, and a test regenerates it).

Two variables are compared with ATOP 5.1 (1816-2018), each difference with one reason:

``atop_defense`` (ATOP's coding from the imported layer, in ATOP's conventions,
foederis.atop.convention):

* **dates**: ATOP 4.01's member file has both states in the alliance in that year, but
  their spells share no day in it (an exit on 1 January, a day-less date);
* **ATOP versions**: ATOP 5.1's dyad-years and ATOP 4.01's member file (which the layer is
  coded from) disagree; for 2017-2018 the layer carries a member of 4.01 on while 5.1
  shows it with any partner of that alliance.

``foederis_defense`` (foederis's reading: curated files over the layer, through the engine),
decided in this order:

* **curated**: a curated treaty file (which replaces ATOP's coding of the same alliance, or
  adds a treaty ATOP does not have) gives it; the file's own sources are the authority;
  **curated dates** where the same dyad is bound within three years (entry into force or
  accession rather than signature);
* **ATOP versions**: as above;
* **state system**: a state of the dyad did not exist in that year as foederis's states
  registry (the COW state system) records it, while ATOP codes it as a member (``cowsys =
  0``: governments in exile in the Second World War, states COW enters late);
* **dates**: as above.
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
AFTER_401 = ATOP4_LAST_DAY.year


@dataclass
class Comparison:
    truth: set[Key]  # ATOP 5.1: atop_defense = 1
    atop: set[Key]  # the export's atop_defense = 1
    ours: set[Key]  # the export's foederis_defense = 1
    outside_system: set[Key]  # of truth: a state outside the COW state system that year
    atop_reasons: dict[Key, str]  # truth ^ atop
    reasons: dict[Key, str]  # truth ^ ours

    @property
    def reproduced(self) -> int:
        """ATOP 5.1's defense dyad-years that ``atop_defense`` reproduces."""
        return len(self.truth & self.atop)

    @property
    def agreed(self) -> int:
        """ATOP 5.1's defense dyad-years that foederis's reading also has."""
        return len(self.truth & self.ours)


def _defense_keys(kb: KnowledgeBase) -> tuple[set[Key], set[Key], dict[Key, str]]:
    """(atop_defense keys, foederis_defense keys, key -> foederis treaty ids) of the export."""
    from foederis.exports.dyads import NO_CODE, dyad_year_table

    t = dyad_year_table(kb, FIRST, LAST)
    atop: set[Key] = set()
    ours: set[Key] = set()
    treaties: dict[Key, str] = {}
    for c1, c2, y, a, f, tr in zip(
        t.ccode1.tolist(),
        t.ccode2.tolist(),
        t.year.tolist(),
        t.flag("atop_defense").tolist(),
        t.flag("foederis_defense").tolist(),
        t.treaties.tolist(),
        strict=True,
    ):
        if c1 == NO_CODE or c2 == NO_CODE:
            continue
        if a:
            atop.add((c1, c2, y))
        if f:
            ours.add((c1, c2, y))
            treaties[(c1, c2, y)] = t.treaty_sets[tr]
    return atop, ours, treaties


def compare(kb: KnowledgeBase, folder: Path) -> Comparison:
    """Compare ``kb`` (which must carry the ATOP layer) with the ATOP files in ``folder``."""
    from foederis.exports.dyads import system_members

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
    atop, ours, row_treaties = _defense_keys(kb)
    members = {y: set(system_members(y)) for y in range(FIRST, LAST + 1)}
    outside = {k for k in truth if k[0] not in members[k[2]] or k[1] not in members[k[2]]}
    rule_a = _member_level(folder)
    atop_reasons: dict[Key, str] = {}
    for k in truth - atop:
        atop_reasons[k] = _atop_missing(k, rule_a)
    for k in atop - truth:
        atop_reasons[k] = _atop_extra(k)
    curated_ids = {t.atop_id: t.id for t in kb.treaties.values() if t.curated and t.atop_id}
    reasons: dict[Key, str] = {}
    for k in truth - ours:
        reasons[k] = _why_missing(k, rule_a, curated_ids, _near(k, ours))
    for k in ours - truth:
        reasons[k] = _why_extra(k, row_treaties.get(k, ""), kb, rule_a, _near(k, truth))
    return Comparison(truth, atop, ours, outside, atop_reasons, reasons)


def _near(k: Key, other: set[Key], span: int = 3) -> bool:
    """Whether ``other`` has the same directed dyad within ``span`` years of ``k``."""
    c1, c2, y = k
    return any((c1, c2, y + d) in other for d in range(-span, span + 1) if d)


def _member_level(folder: Path) -> dict[Key, set[int]]:
    """ATOP 4.01's member file read directly: (member with a defense obligation, other
    member, year) -> alliance ids, counting each member in every calendar year its entry
    and exit name (no shared day needed, no state-system filter)."""
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


def _atop_missing(k: Key, rule_a: dict[Key, set[int]]) -> str:
    if k[2] > AFTER_401:
        return (
            "ATOP versions: 5.1 codes it after 2016; no member of 4.01 that the layer carries "
            "into 2017-2018 links this dyad"
        )
    if k in rule_a:
        return (
            "dates: in 4.01's member file both are members in this year, but their spells "
            "share no day of it (an exit on 1 January, a day-less date)"
        )
    return "ATOP versions: 5.1's dyad-years have it, 4.01's member file does not"


def _atop_extra(k: Key) -> str:
    if k[2] > AFTER_401:
        return (
            "ATOP versions: carried into 2017-2018 from 4.01 (5.1 shows the member with "
            "another partner of the alliance, not this one)"
        )
    return "ATOP versions: 4.01's member file has it, 5.1's dyad-years do not"


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
    rule_a: dict[Key, set[int]],
    curated: dict[int, str],
    near: bool,
) -> str:
    c1, c2, y = k
    alliances = rule_a.get(k, set())
    if y > AFTER_401:  # 2017-2018: the alliances ATOP 4.01 had at its end
        alliances = alliances | rule_a.get((c1, c2, AFTER_401), set())
    replaced = sorted({curated[a] for a in alliances if a in curated})
    if replaced:
        which = ", ".join(replaced)
        if near:
            return (
                f"curated dates: {which} binds this dyad from or until another day (the file "
                "dates entry into force or accession; ATOP often dates signature)"
            )
        if y > AFTER_401:
            return f"curated: {which} does not bind this dyad in 2017-2018 (ATOP 5.1 does)"
        return f"curated: {which} (replacing ATOP's coding) does not bind this dyad"
    gone = [s for s in (_existed_in(c1, y), _existed_in(c2, y)) if s]
    if gone:
        return (
            f"state system: {', '.join(gone)} did not exist that year (foederis.states); "
            "ATOP codes it as a member"
        )
    if not alliances:
        if y > AFTER_401:
            return "ATOP versions: 5.1 has it after 2016; the layer's 2017-2018 rest on 5.1 dyads"
        return "ATOP versions: 5.1's dyad-years have it, 4.01's member file does not"
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


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


def _differences(
    title: str,
    name: str,
    reasons: dict[Key, str],
    missing: set[Key],
) -> list[str]:
    """The by-reason table and every difference (dyad with its years) of one variable."""
    by_reason: dict[tuple[str, str], dict[tuple[int, int], list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for k, why in reasons.items():
        side = (
            f"ATOP has it, `{name}` does not" if k in missing else f"`{name}` has it, ATOP does not"
        )
        by_reason[(side, why)][(k[0], k[1])].append(k[2])
    lines = [
        f"## {title}",
        "",
        "| direction | reason | dyad-years | dyads |",
        "|---|---|---:|---:|",
    ]
    ordered = sorted(by_reason.items(), key=lambda kv: (-sum(map(len, kv[1].values())), kv[0]))
    for (side, why), dyads in ordered:
        total = sum(len(v) for v in dyads.values())
        lines.append(f"| {side} | {why} | {total:,} | {len(dyads):,} |")
    if not ordered:
        lines.append("| - | no difference | 0 | 0 |")
    lines.append("")
    for (side, why), dyads in sorted(by_reason.items()):
        total = sum(len(v) for v in dyads.values())
        lines += [f"### {side}: {why} ({total:,})", ""]
        for (c1, c2), years in sorted(dyads.items()):
            y = max(years)
            lines.append(f"- {_label(c1, y)} → {_label(c2, y)}: {_ranges(years)}")
        lines.append("")
    return lines


def markdown(cmp: Comparison, command: str) -> str:
    n = len(cmp.truth)
    a_missing, a_extra = cmp.truth - cmp.atop, cmp.atop - cmp.truth
    f_missing, f_extra = cmp.truth - cmp.ours, cmp.ours - cmp.truth
    in_system = cmp.truth - cmp.outside_system
    lines = [
        "# ATOP 5.1 directed defense dyad-years and `foederis export dyad-years`, 1816–2018",
        "",
        f"Generated by `{command}`; do not edit by hand (a test regenerates it and fails "
        "when it is stale). ATOP: Leeds, Ritter, Mitchell & Long (2002), atopdata.org. "
        "Directed: `ccode1` owes `ccode2`.",
        "",
        "The export carries two variables, never mixed:",
        "",
        "- `atop_defense` … `atop_consul`: **ATOP's coding**, from the imported ATOP layer "
        "(`foederis import atop`: ATOP 4.01's member file, 2017–2018 from ATOP 5.1's "
        "dyad-years), whether or not a curated file reads the alliance differently: the "
        "variable peacesciencer's `create_dyadyears() |> add_atop_alliance()` gives;",
        "- `foederis_defense` … `foederis_consul` and `foederis_treaties`: **foederis's "
        "reading**, the curated treaty files over the layer, through the engine. A curated "
        "file replaces ATOP's coding of the same alliance and is sourced from the treaty "
        "text and the depositary (the OAS Charter read as a duty to consult, entry into "
        "force rather than signature, …).",
        "",
        "Conventions of the `atop_*` columns (foederis.atop.convention), each checked "
        "against ATOP 5.1 below: a member counts on every day of its ATOP membership, "
        "whether or not the COW state system lists it then (ATOP's `cowsys = 0` members: "
        "governments in exile 1942–1945, states before COW admits them); a year counts "
        "when the two members share a day in it; day-less dates cover the whole month or "
        "year they name; years after 2018 are empty (NA), as in peacesciencer.",
        "",
        "## Reproduction",
        "",
        "| | directed defense dyad-years | share of ATOP's |",
        "|---|---:|---:|",
        f"| ATOP 5.1 (`atop_defense = 1`) | {n:,} | 100% |",
        f"| reproduced by the export's `atop_defense` (ATOP's coding) | {cmp.reproduced:,} | "
        f"{_share(cmp.reproduced, n)} |",
        f"| in ATOP, not in `atop_defense` | {len(a_missing):,} | {_share(len(a_missing), n)} |",
        f"| in `atop_defense`, not in ATOP | {len(a_extra):,} | {_share(len(a_extra), n)} |",
        f"| ATOP 5.1's with both states in the COW state system that year (the rows of "
        f"`create_dyadyears()`) | {len(in_system):,} | {_share(len(in_system), n)} |",
        f"| … of those, reproduced by `atop_defense` | {len(in_system & cmp.atop):,} | "
        f"{_share(len(in_system & cmp.atop), len(in_system))} of them |",
        f"| agreed by `foederis_defense` (foederis's reading) | {cmp.agreed:,} | "
        f"{_share(cmp.agreed, n)} |",
        f"| in ATOP, not in `foederis_defense` | {len(f_missing):,} | "
        f"{_share(len(f_missing), n)} |",
        f"| in `foederis_defense`, not in ATOP | {len(f_extra):,} | {_share(len(f_extra), n)} |",
        "",
        f"ATOP 5.1 codes {len(cmp.outside_system):,} defense dyad-years in which a state is "
        "outside the COW state system; peacesciencer's `create_dyadyears()` has no row for "
        "them (its rows are the system's dyad-years), so `add_atop_alliance()` drops them. "
        "foederis keeps them as rows of the export (also with `--all-dyads`, which adds "
        "every system dyad-year to the rows with an obligation).",
        "",
    ]
    lines += _differences(
        "Differences of `atop_defense` (ATOP's coding) from ATOP 5.1, by reason",
        "atop_defense",
        cmp.atop_reasons,
        a_missing,
    )
    lines += _differences(
        "Differences of `foederis_defense` (foederis's reading) from ATOP 5.1, by reason",
        "foederis_defense",
        cmp.reasons,
        f_missing,
    )
    return "\n".join(lines).rstrip("\n")
