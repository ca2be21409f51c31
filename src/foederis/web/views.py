"""View models for the pages: grouped obligation rows, the cascade drawing, the parties
timeline and the network graph. Pure functions over library objects, so the drawings are
computed (and tested) on the server; the templates only place what is computed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from foederis import states
from foederis.engine.cascade import CascadeResult
from foederis.engine.check import Obligation, Reason
from foederis.exports.obligations import directed_obligations
from foederis.kb import KnowledgeBase
from foederis.model.enums import STRENGTH_RANK, STRENGTH_TEXT, ClauseType, Status, Strength, Verdict
from foederis.model.treaty import Party, Treaty

# Colour-blind-friendly-ish categorical palette (Okabe–Ito + Tableau), dark enough on white.
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#9467bd",
    "#2ca02c",
    "#d62728",
    "#1f3a93",
    "#b8860b",
    "#6b8e23",
)

STATUS_LABEL = {
    Status.triggered: "bound",
    Status.uncertain: "uncertain",
    Status.consultation: "consult",
    Status.not_triggered: "not triggered",
}
VERDICT_MARK = {Verdict.met: "✓", Verdict.failed: "✗", Verdict.unknown: "?"}


def state_name(code: str) -> str:
    if code.startswith("non-state"):
        label = code.split(":", 1)[1] if ":" in code else ""
        return label or "a non-state actor"
    return states.get(code).name if states.is_known(code) else code


def treaty_colors(kb: KnowledgeBase) -> dict[str, str]:
    """A stable colour per treaty id (by sorted id)."""
    return {tid: PALETTE[i % len(PALETTE)] for i, tid in enumerate(sorted(kb.treaties))}


# ---- obligations table --------------------------------------------------------------------
@dataclass
class ObligationGroup:
    """Obligations that share a clause, a status and the same deciding reasons: one row."""

    treaty: str
    treaty_name: str
    clause: str
    clause_id: str
    article: str
    type: str
    status: Status
    strength: Strength
    strength_text: str
    policy: bool  # a standing policy, not a treaty (Obligation.standing_policy)
    protects: str
    states: list[str]
    reasons: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    precedents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        if self.policy:
            return "policy, not a treaty"
        return STATUS_LABEL[self.status]

    @property
    def state_names(self) -> list[str]:
        return [state_name(s) for s in self.states]


def _reason_view(r: Reason, source_index: dict[str, int]) -> dict[str, Any]:
    refs = []
    for s in r.sources:
        if s.key not in source_index:
            source_index[s.key] = len(source_index) + 1
        refs.append({"n": source_index[s.key], "url": s.url})
    return {
        "condition": r.condition,
        "verdict": r.verdict.value,
        "mark": VERDICT_MARK[r.verdict],
        "text": r.text,
        "refs": refs,
    }


def group_obligations(rows: Sequence[Obligation], kb: KnowledgeBase) -> list[ObligationGroup]:
    groups: dict[tuple[Any, ...], list[Obligation]] = {}
    for o in rows:
        deciding = tuple(r.shape for r in o.failing() if r.condition != "membership")
        member_ok = all(r.verdict is Verdict.met for r in o.reasons if r.condition == "membership")
        key = (o.clause, o.status, o.strength, deciding, member_ok)
        groups.setdefault(key, []).append(o)
    out: list[ObligationGroup] = []
    for members in groups.values():
        first = members[0]
        index: dict[str, int] = {}
        for s in first.sources:
            index.setdefault(s.key, len(index) + 1)
        reasons = []
        for r in first.reasons:
            view = _reason_view(r, index)
            if r.condition == "membership" and len(members) > 1:
                view["text"] = (
                    f"all {len(members)} are parties on {first_date(first)}"
                    if r.verdict is Verdict.met
                    else f"{len(members)} states: " + r.text
                )
            reasons.append(view)
        sources: list[dict[str, Any]] = [
            {
                "n": index[s.key],
                "url": s.url,
                "title": s.title or s.key,
                "badge": s.badge,
                "publisher": s.publisher,
            }
            for s in first.sources
        ]
        known = {s.key for s in first.sources}
        by_key = {s.key: s for r in first.reasons for s in r.sources}
        sources += [
            {
                "n": n,
                "url": by_key[key].url if key in by_key else None,
                "title": by_key[key].title if key in by_key else key,
                "badge": by_key[key].badge if key in by_key else None,
                "publisher": by_key[key].publisher if key in by_key else None,
            }
            for key, n in index.items()
            if key not in known
        ]
        sources.sort(key=lambda s: int(s["n"]))
        t = kb.treaties.get(first.treaty)
        out.append(
            ObligationGroup(
                treaty=first.treaty,
                treaty_name=t.short_name if t else first.treaty,
                clause=first.clause,
                clause_id=first.clause.split("#", 1)[-1],
                article=first.article,
                type=first.type.value,
                policy=first.standing_policy,
                status=first.status,
                strength=first.strength,
                strength_text=STRENGTH_TEXT[first.strength],
                protects=first.protects,
                states=[o.state for o in members],
                reasons=reasons,
                sources=sources,
                precedents=[
                    {
                        "date": p.date.isoformat() if p.date else "date unknown",
                        "by": state_name(p.by) if p.by else None,
                        "event": p.event,
                        "outcome": p.outcome.value.replace("_", " "),
                        "url": p.sources[0].url if p.sources else None,
                    }
                    for p in first.precedents
                ],
            )
        )
    return out


def first_date(o: Obligation) -> str:
    """The day the membership findings speak of (from their facts, never their prose)."""
    for r in o.reasons:
        day = r.fact("day") if r.condition == "membership" else None
        if day is not None:
            return str(day)
    return "that day"


# ---- cascade drawing ----------------------------------------------------------------------
@dataclass
class Chip:
    state: str
    name: str
    side: str
    round: int
    x: float
    y: float
    w: float
    h: float
    color: str
    treaty: str | None = None
    article: str | None = None
    protects: str | None = None

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= 15 else self.name[:14].rstrip() + "…"


@dataclass
class Link:
    d: str
    color: str
    treaty: str
    title: str


@dataclass
class Band:
    round: int
    y: float
    h: float
    title: str
    subtitle: str = ""


@dataclass
class ClusterHead:
    x: float
    y: float
    text: str
    title: str
    color: str
    treaty: str


@dataclass
class CascadeDrawing:
    width: float
    height: float
    divider: float
    chips: list[Chip] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    heads: list[ClusterHead] = field(default_factory=list)
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, colour)


SIDE_COLOR = {"target": "#1f5fa8", "attacker": "#b3261e"}


def draw_cascade(result: CascadeResult, kb: KnowledgeBase) -> CascadeDrawing:
    """Rounds as horizontal bands; the defending side on the left, the attacking side on the
    right, each as wide as it needs. In a round, the states that joined through the same
    clause to protect the same state form a cluster under one heading, and one line links
    the heading to the protected state's chip. A state bound by several clauses (Germany by
    NATO Art. 5 and EU Art. 42(7)) appears in the cluster of each. Round labels sit in a
    margin of their own, left of every link lane, so no line crosses them."""
    chip_w, chip_h, gap, pad, head, cluster_head, split = 124.0, 24.0, 6.0, 12.0, 24.0, 20.0, 20.0
    margin = 74.0  # the round labels' column
    cols_total = 7
    colors = treaty_colors(kb)
    n_side = {"target": 0, "attacker": 0}
    for entries in result.rounds:
        for e in entries:
            n_side[e.side] = n_side.get(e.side, 0) + 1 + len(e.also)
    total = max(1, n_side["target"] + n_side["attacker"])
    t_cols = min(cols_total - 1, max(1, round(cols_total * n_side["target"] / total)))
    cols = {"target": t_cols, "attacker": cols_total - t_cols}
    # links run in a gutter left of each side's chips, one lane per link
    lanes, lane_w = 8, 3.0
    gutter = 6.0 + lanes * lane_w
    x0 = {
        "target": margin + pad + gutter,
        "attacker": margin + pad + gutter + t_cols * (chip_w + gap) - gap + split + gutter,
    }
    width = x0["attacker"] + cols["attacker"] * (chip_w + gap) - gap + pad
    n_links = 0
    drawing = CascadeDrawing(width=width, height=0, divider=x0["attacker"] - split / 2)
    where: dict[str, Chip] = {}
    used: dict[str, str] = {}
    y = 0.0
    for rnd, entries in enumerate(result.rounds):
        top = y + head
        bottoms = [top]
        for side in ("target", "attacker"):
            clusters: dict[tuple[str, str], list[tuple[Any, Any]]] = {}
            for e in entries:
                if e.side != side:
                    continue
                if e.obligation is None:
                    clusters.setdefault(("", ""), []).append((e, None))
                for ob in (e.obligation, *e.also) if e.obligation is not None else ():
                    clusters.setdefault((ob.clause, ob.protects), []).append((e, ob))
            cy = top
            side_w = cols[side] * (chip_w + gap) - gap
            for (_clause, protects), items in clusters.items():
                ob = items[0][1]
                if ob is not None:
                    color = colors.get(ob.treaty, "#555")
                    used[ob.treaty] = color
                    tname = (
                        kb.treaties[ob.treaty].short_name if ob.treaty in kb.treaties else ob.treaty
                    )
                    text = f"{tname} {ob.article} → {state_name(protects)}"
                    limit = int(side_w / 6.6)
                    shown = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
                    hx, hy = x0[side], cy + 14
                    drawing.heads.append(ClusterHead(hx, hy, shown, text, color, ob.treaty))
                    target = where.get(protects)
                    if target is not None:
                        # down from the protected chip into the row gap, left into
                        # the gutter, down to the heading, right to the heading
                        lane = x0[side] - 6 - (n_links % lanes) * lane_w
                        n_links += 1
                        x1, y1 = target.x + target.w / 2, target.y + target.h
                        y_gap = y1 + gap / 2
                        y2 = hy - 4
                        path = (
                            f"M{x1:.1f},{y1:.1f} V{y_gap:.1f} H{lane:.1f} V{y2:.1f} H{hx - 2:.1f}"
                        )
                        drawing.links.append(
                            Link(
                                path,
                                color,
                                ob.treaty,
                                f"{len(items)} state(s) bound to {target.name} by {text}",
                            )
                        )
                    cy += cluster_head
                for i, (e, o) in enumerate(sorted(items, key=lambda eo: state_name(eo[0].state))):
                    cx = x0[side] + (i % cols[side]) * (chip_w + gap)
                    ry = cy + (i // cols[side]) * (chip_h + gap)
                    chip = Chip(
                        e.state,
                        state_name(e.state),
                        side,
                        rnd,
                        cx,
                        ry,
                        chip_w,
                        chip_h,
                        SIDE_COLOR.get(side, "#555"),
                        treaty=o.treaty if o else None,
                        article=o.article if o else None,
                        protects=o.protects if o else None,
                    )
                    drawing.chips.append(chip)
                    where.setdefault(e.state, chip)
                cy += -(-len(items) // cols[side]) * (chip_h + gap) + 4
            bottoms.append(cy)
        band_h = max(bottoms) - y + pad - 4
        if rnd == 0:
            title, sub = f"Round {rnd}", "the attack"
        else:
            title, sub = f"Round {rnd}", f"{len(entries)} join{'s' if len(entries) == 1 else ''}"
        drawing.bands.append(Band(rnd, y, band_h, title, sub))
        y += band_h
    drawing.height = y
    drawing.legend = [
        (tid, kb.treaties[tid].short_name if tid in kb.treaties else tid, c)
        for tid, c in sorted(used.items())
    ]
    return drawing


# ---- parties timeline ---------------------------------------------------------------------
@dataclass
class Bar:
    state: str
    name: str
    x: float
    w: float
    y: float
    joined: str
    left: str | None
    note: str | None
    open_end: bool


@dataclass
class Timeline:
    width: float
    height: float
    label_w: float
    bars: list[Bar]
    labels: list[tuple[str, str, float]]  # (iso3, name, y)
    ticks: list[tuple[float, str]]  # (x, year)
    marks: list[tuple[float, str]]  # (x, text) e.g. end of the treaty
    row_h: float
    top: float


def draw_timeline(t: Treaty, today: date) -> Timeline | None:
    def began(p: Party) -> date | None:
        return p.joined or t.effective_from or t.signed

    spells = [(p, d) for p in t.parties if (d := began(p)) is not None]
    if not spells:
        return None
    start = min([d for _, d in spells] + [d for d in (t.signed, t.in_force) if d])
    end = max([today] + [p.left for p in t.parties if p.left] + [d for d in (t.ended,) if d])
    y0, y1 = start.year, end.year + 1
    span = max(1, y1 - y0)
    label_w, width, row_h, top = 170.0, 960.0, 18.0, 22.0
    plot = width - label_w - 10

    def xof(d: date) -> float:
        frac = (d.toordinal() - date(y0, 1, 1).toordinal()) / (
            date(y1, 1, 1).toordinal() - date(y0, 1, 1).toordinal()
        )
        return label_w + frac * plot

    order: list[str] = []
    for p, _ in sorted(spells, key=lambda pd: (pd[1], state_name(pd[0].state))):
        if p.state not in order:
            order.append(p.state)
    row = {s: i for i, s in enumerate(order)}
    bars = []
    for p, d in spells:
        stop = p.left or t.ended or today
        x = xof(d)
        bars.append(
            Bar(
                p.state,
                state_name(p.state),
                x,
                max(2.0, xof(stop) - x),
                top + row[p.state] * row_h + 3,
                d.isoformat() if p.joined else f"{d.isoformat()} (original party)",
                p.left.isoformat() if p.left else None,
                p.note,
                p.left is None and t.ended is None,
            )
        )
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= 12)
    ticks = [(xof(date(yr, 1, 1)), str(yr)) for yr in range(y0, y1 + 1) if yr % step == 0]
    marks = []
    if t.ended:
        marks.append((xof(t.ended), f"ended {t.ended.isoformat()}"))
    marks.append((xof(today), "today"))
    labels = [(s, state_name(s), top + i * row_h + row_h - 5) for s, i in row.items()]
    return Timeline(
        width, top + len(order) * row_h + 8, label_w, bars, labels, ticks, marks, row_h, top
    )


# ---- network ------------------------------------------------------------------------------
# Okabe & Ito's colour-blind-safe palette (yellow left out: too light on white), combined
# with line patterns: 7 x 6 = 42 distinct styles.
CB_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "14 4", "6 2 2 2 2 2")
NETWORK_STYLES = tuple((c, d) for d in DASHES for c in CB_PALETTE)
CODED_COLOR = "#8a8a8a"
CODED_DASH = "1 3"


def network_styles(treaties: Iterable[Treaty]) -> dict[str, tuple[str, str]]:
    """(colour, dash pattern) for each treaty: the same on every day, and distinct among
    treaties whose times in force overlap. Greedy colouring of the interval graph in order
    of entry into force, which is optimal: it needs only as many styles as the most
    treaties in force at once (wrapping only past len(NETWORK_STYLES) of them)."""
    spans = sorted((t.effective_from or date.max, t.ended or date.max, t.id) for t in treaties)
    placed: list[tuple[date, date, int]] = []
    out: dict[str, tuple[str, str]] = {}
    for start, end, tid in spans:
        taken = {i for s, e, i in placed if s < end and start < e}
        free = next((i for i in range(len(NETWORK_STYLES)) if i not in taken), None)
        index = free if free is not None else len(placed) % len(NETWORK_STYLES)
        placed.append((start, end, index))
        out[tid] = NETWORK_STYLES[index]
    return out


def network_coverage(kb: KnowledgeBase) -> dict[str, Any]:
    """Where the network's history comes from: the first day a curated defense treaty is
    in force, and the coded layer (who coded it, its first and last day) when imported."""
    defense = [t for t in kb.treaties.values() if t.is_defense()]
    curated = [t.effective_from for t in defense if t.curated and t.effective_from]
    coded = [t for t in defense if t.coded_by and t.effective_from]
    ends = [t.coverage_end for t in coded if t.coverage_end]
    coded_by = sorted({str(t.coded_by) for t in coded})
    return {
        "curated_from": min(curated).isoformat() if curated else None,
        "coded_by": ", ".join(coded_by) or None,
        "coded_from": min(t.effective_from for t in coded if t.effective_from).isoformat()
        if coded
        else None,
        "coded_until": max(ends).isoformat() if ends else None,
        "import_hint": "foederis import atop DIR",
    }


def network(kb: KnowledgeBase, day: date) -> dict[str, Any]:
    """States as nodes, defense obligations in force on ``day`` as undirected edges (one per
    pair and treaty, the stronger direction's strength; ``mutual`` when both directions
    hold). Nodes are every state ever party to a defense treaty, so that positions can stay
    put as the date moves (``exists``: whether the state existed on ``day``; the page hides
    the others); ``members_ever`` per treaty lets the client lay them out. Curated treaties
    get a colour-blind-safe colour and line pattern; treaties coded by the ATOP layer are
    ``coded`` and drawn alike in grey."""
    defense = [t for t in kb.treaties.values() if t.is_defense()]
    ever: set[str] = set()
    for t in defense:
        ever |= t.states()
        for c in t.clauses:
            if c.type is ClauseType.defense:
                for who in (c.obligation.owed_by, c.obligation.owed_to):
                    if who != "all":
                        ever |= set(who)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for o in directed_obligations(kb, day, {ClauseType.defense}):
        a, b = sorted((o.obligated, o.protected))
        key = (a, b, o.treaty)
        cur = edges.get(key)
        if cur is None:
            edges[key] = {
                "source": a,
                "target": b,
                "treaty": o.treaty,
                "strength": o.strength.value,
                "directions": {o.obligated},
                "frozen": o.frozen or o.dormant,
            }
        else:
            cur["directions"].add(o.obligated)
            if STRENGTH_RANK[o.strength] < STRENGTH_RANK[Strength(cur["strength"])]:
                cur["strength"] = o.strength.value
            cur["frozen"] = cur["frozen"] or o.frozen or o.dormant
    active: set[str] = set()
    out_edges = []
    for e in edges.values():
        active |= {e["source"], e["target"]}
        dirs = e.pop("directions")
        e["mutual"] = len(dirs) == 2
        e["from"] = next(iter(dirs)) if len(dirs) == 1 else None
        out_edges.append(e)
    used = sorted({e["treaty"] for e in out_edges})
    styles = network_styles(t for t in defense if t.curated)
    for e in out_edges:
        t = kb.treaties[e["treaty"]]
        e["coded"] = not t.curated
        e["stale"] = t.coverage_end is not None and day > t.coverage_end
    return {
        "date": day.isoformat(),
        "nodes": [
            {
                "id": s,
                "name": state_name(s),
                "active": s in active,
                "exists": states.exists(s, day),
            }
            for s in sorted(ever)
            if states.is_known(s)
        ],
        "edges": out_edges,
        "treaties": [
            {
                "id": t.id,
                "short_name": t.short_name,
                "color": styles.get(t.id, (CODED_COLOR if t.coded_by else "#7f7f7f", ""))[0],
                "dash": CODED_DASH if t.coded_by else styles.get(t.id, ("", ""))[1],
                "coded": t.coded_by is not None,
                "coded_by": t.coded_by,
                "in_force": t.id in used,
                "coverage_end": t.coverage_end.isoformat() if t.coverage_end else None,
                "members_ever": sorted(t.states()),
            }
            for t in sorted(defense, key=lambda t: t.id)
        ],
        "coverage": network_coverage(kb),
    }


def year_date(year: int, today: date) -> date:
    """The day the network slider means by a year: 31 December, or today for this year."""
    return today if year >= today.year else date(year, 12, 31)


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)
