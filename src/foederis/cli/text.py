"""Every plain-text renderer of the command line, and the one help layout.

Renderers take library results and return a ``str``; nothing here computes a fact. Tables
are padded columns that never wrap, so piped output is full width (``| less -S``, ``grep``
and ``cut`` see whole rows). Importing this module costs nothing beyond ``foederis.states``:
the fast path (check/cascade) uses it too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from foederis.states import label

if TYPE_CHECKING:
    from foederis.engine.cascade import CascadeResult
    from foederis.engine.check import CheckResult
    from foederis.engine.noduty import NoDuty
    from foederis.engine.summary import Summary
    from foederis.exports.obligations import DirectedObligation
    from foederis.model.treaty import Treaty

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}


# ---- building blocks --------------------------------------------------------------------
def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Left-aligned columns separated by two spaces; a header row in capitals. No wrapping."""
    body = [[_cell(c) for c in r] for r in rows]
    head = [h.upper() for h in header]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    return "".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n"
        for r in [head, *body]
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # one line per row, whatever the data holds


def empty(what: str, why: str) -> str:
    """The text of an empty result: what was asked, and why nothing came back."""
    return f"{what}: none.\n{why}\n"


def help_page(
    usage: str, description: str, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str:
    """The help layout of every command (argparse and typer alike)."""
    import textwrap  # only for help: an answer does not pay for it

    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    out = [f"Usage: {usage}\n"]
    if description:
        out.append("\n")
        for para in description.strip().split("\n\n"):
            out.append(
                textwrap.fill(
                    " ".join(para.split()), width - 2, initial_indent="  ", subsequent_indent="  "
                )
                + "\n"
            )
    for title, rows in sections:
        if not rows:
            continue
        out.append(f"\n{title}:\n")
        left = min(max(len(name) for name, _ in rows), 28)
        for name, text in rows:
            wrapped = textwrap.wrap(" ".join(text.split()), max(30, width - left - 6)) or [""]
            if len(name) > left:
                out.append(f"  {name}\n")
                out += [f"  {'':<{left}}  {w}\n" for w in wrapped]
            else:
                out.append(f"  {name:<{left}}  {wrapped[0]}\n")
                out += [f"  {'':<{left}}  {w}\n" for w in wrapped[1:]]
    return "".join(out)


# ---- check and cascade -------------------------------------------------------------------
def check_text(result: CheckResult, show_all: bool = False, summary: Summary | None = None) -> str:
    """The scenario line, the answer at a glance, the rows, then the reasons by clause.

    Not-triggered rows are hidden only when other rows answer the question (``--all`` shows
    them); when nothing is triggered they are all listed, so the reasons are never blank."""
    s = result.scenario
    attackers = ", ".join(a if a.startswith("non-state") else label(a) for a in s.attacker)
    out = [
        f"{attackers} → {label(s.target)}, {s.date}: {s.severity.value.replace('_', ' ')} "
        f"on {s.asset.value.replace('_', ' ')} in {result.place_name} "
        f"({_started_by(result)})\n\n"
    ]
    if summary is not None:
        out += [line + "\n" for line in summary.lines()]
        out.append("\n")
    rows = result.obligations
    no_duty = result.no_duty
    if not rows:
        if not no_duty:
            out.append(f"No treaty in the knowledge base protects {label(s.target)}.\n")
        out += no_duty_lines(no_duty)
        return "".join(out)
    live = [o for o in rows if o.status.value != "not_triggered"]
    shown = rows if show_all or not live or len(rows) <= 12 else live
    table_rows = [
        [_status(o), label(o.state), o.treaty, o.article, o.strength.value] for o in shown
    ]
    out.append(table(["status", "obligated state", "treaty", "clause", "strength"], table_rows))
    hidden = len(rows) - len(shown)
    if hidden:
        out.append(f"({hidden} not-triggered obligations hidden; --all lists them)\n")
    out.append("\nREASONS\n")
    seen: set[object] = set()
    for o in shown:
        key = (o.clause, o.status.value, tuple(r.shape for r in o.failing()))  # facts
        if key in seen:
            continue  # same clause, same verdict: printed already
        seen.add(key)
        same = [
            x.state
            for x in shown
            if x.clause == o.clause
            and x.status is o.status
            and [r.shape for r in x.failing()] == [r.shape for r in o.failing()]
        ]
        who = ", ".join(same[:8]) + (f" and {len(same) - 8} more" if len(same) > 8 else "")
        out.append(f"\n{o.clause} ({o.article}) → {_status(o)}: {who}\n")
        out += [f"  {MARK[r.verdict.value]} {r.text}\n" for r in o.reasons]
        out += [
            f"    precedent {p.date or 'date unknown'}"
            + (f" {label(p.by)}" if p.by else "")
            + f": {_cell(p.event)} -> {p.outcome.value}\n"
            for p in o.precedents
        ]
        out += [
            f"    source [{src.badge}] {_cell(src.publisher)}: {_cell(src.title)} {src.url or ''}\n"
            for src in o.sources[:3]
        ]
    if no_duty:
        out.append("\nNO DUTY\n")
        out += no_duty_lines(no_duty)
    return "".join(out)


def no_duty_lines(entries: Sequence[NoDuty]) -> list[str]:
    """One paragraph per instrument: "No treaty obliges X ...; the closest instrument is Y,
    which has no defense clause", with its sources (engine/noduty.py words it)."""
    out: list[str] = []
    for n in entries:
        out.append(f"{n.text}\n")
        out += [f"    source: {url}\n" for url in n.sources]
    return out


def _status(o: Any) -> str:
    return "policy, not a treaty" if o.standing_policy else o.status.value


def _started_by(result: CheckResult) -> str:
    s = result.scenario
    if s.initiator.value == "attacker":
        return "assumed started by the attacker; --initiator target or unknown if disputed"
    if s.initiator.value == "target":
        return f"started by {label(s.target)}, as given by --initiator"
    return "who started the fighting: unknown"


def _few(codes: list[str], most: int = 8) -> str:
    if len(codes) <= most:
        return ", ".join(codes)
    return f"{', '.join(codes[:most])} and {len(codes) - most} more"


def cascade_text(result: CascadeResult) -> str:
    out = [f"Cascade ({result.mode.value} mode)\n"]
    for i, entries in enumerate(result.rounds):
        out.append(f"\nRound {i}\n")
        for e in entries:
            if e.obligation is None:
                out.append(f"  {label(e.state)}: {e.side} side\n")
            else:
                o = e.obligation
                out.append(
                    f"  {label(e.state)} joins the {e.side} side: {o.treaty} "
                    f"{o.article} protects {label(o.protects)} ({o.status.value}, "
                    f"{o.strength.value})\n"
                )
    if result.conflicts:
        out.append("\nBound to both sides (conflict of obligations)\n")
    for c in result.conflicts:
        duties = "; ".join(
            f"{side}: "
            + ", ".join(
                f"{d['clause']}{'' if d['standing'] == 'bound' else ' (' + d['standing'] + ')'}"
                f" to {_few(d['protects'])}"
                for d in ds
            )
            for side, ds in c["duties"].items()
        )
        joined = f"joins the {c['joined']} side" if c["joined"] else "joins neither"
        out.append(f"  {label(c['state'])} ({joined}): {duties}\n")
    if result.uncertain:
        out.append("\nUncertain duties (they draft nobody)\n")
    groups: dict[tuple[str, str, tuple[str, ...]], tuple[list[str], list[str]]] = {}
    for d in result.uncertain:
        o = d.obligation
        why = tuple(sorted({r.condition for r in o.failing()}))
        obligated, protects = groups.setdefault((d.side, o.clause, why), ([], []))
        obligated.extend(s for s in (d.state,) if s not in obligated)
        protects.extend(s for s in (o.protects,) if s not in protects)
    for (side, clause, why), (obligated, protects) in groups.items():
        out.append(
            f"  {side} side: {_few(obligated)} under {clause} protecting "
            f"{_few(protects)} (unknown: {', '.join(why)})\n"
        )
    sides = result.sides
    out.append(
        f"\nSides ({result.stopped.replace('_', ' ')}): attacker: "
        f"{', '.join(sides['attacker'])} | target: {', '.join(sides['target'])}\n"
    )
    return "".join(out)


# ---- knowledge base ---------------------------------------------------------------------
def treaties_text(treaties: list[Treaty], day: date | None) -> str:
    title = f"Treaties{f' in force on {day}' if day else ''}: {len(treaties)}\n"
    rows = []
    for t in treaties:
        parties = t.members_on(day) if day else t.states()
        rows.append(
            [t.id, t.short_name, t.kind.value, t.in_force_label, t.ended or "", len(parties)]
        )
    return title + table(["id", "short name", "kind", "in force", "ended", "parties"], rows)


def treaty_text(t: Treaty) -> str:
    out = [f"{t.name}  ({t.id})\n"]
    if t.aliases:
        out.append(f"also called: {', '.join(t.aliases)}\n")
    out.append(
        f"kind: {t.kind.value}   signed: {t.signed or 'unknown'}   in force: "
        f"{t.in_force_label}   ended: {t.ended or '—'}"
        + (f" ({t.end_reason})" if t.end_reason else "")
        + "\n"
    )
    if t.atop_id or t.cow_id:
        out.append(f"ATOP id: {t.atop_id or '—'}   COW id: {t.cow_id or '—'}\n")
    if t.summary:
        out.append(_cell(t.summary) + "\n")
    out.append("\nCLAUSES\n")
    for c in t.clauses:
        trig = c.trigger
        scope = "; ".join(
            f"{'/'.join(a.value for a in s.assets)} in {', '.join(s.areas)}" for s in trig.scope
        )
        out.append(
            f"\n{t.ref(c)} ({c.label}): {c.type.value}, {c.obligation.strength.value}\n"
            f"  trigger: {trig.event.value.replace('_', ' ')}; {scope}\n"
        )
        if trig.adversaries:
            out.append(f"  only against: {', '.join(trig.adversaries)}\n")
        if trig.provocation_voids is not None:
            out.append(f"  provocation voids: {trig.provocation_voids}\n")
        if c.text:
            out.append(f"  text: {_cell(c.text)}\n")
        if c.note:
            out.append(f"  note: {_cell(c.note)}\n")
    out.append("\nPARTIES OVER TIME\n")
    parties = sorted(t.parties, key=lambda p: (p.joined or date.min, p.state))
    out.append(
        table(
            ["state", "joined", "left", "note"],
            [[label(p.state), p.joined or "at entry into force", p.left, p.note] for p in parties],
        )
    )
    if t.suspensions:
        out.append("\nSUSPENSIONS\n")
        for s in t.suspensions:
            out.append(
                f"  {s.kind} {s.since}–{s.until or ''}: by {s.by} toward {s.toward}. "
                f"{_cell(s.summary)}\n"
            )
    if t.interpretations:
        out.append("\nINTERPRETATIONS\n")
        for i in t.interpretations:
            out.append(
                f"  {i.date} {i.by} ({i.effect.value}, {i.status.value}) on {i.clause}: "
                f"{_cell(i.summary)}\n"
            )
    if t.invocations:
        out.append("\nINVOCATIONS\n")
        for v in t.invocations:
            out.append(
                f"  {v.date or 'date unknown'} by {v.by or '—'} ({v.clause or '—'}): "
                f"{_cell(v.event)} → {v.outcome.value}\n"
            )
    from foederis.sources.grade import badge, ordered

    out.append("\nSOURCES (official first)\n")
    for src in ordered(t.sources):
        where = f" {src.url}" if src.url else ""
        out.append(
            f"  [{badge(src)}] {_cell(src.publisher)}: {_cell(src.label)}{where} "
            f"(accessed {src.accessed or '—'}; id {src.id})\n"
        )
    return "".join(out)


def allies_text(
    state: str,
    day: date,
    rows: list[DirectedObligation],
    pending: list[Treaty],
    no_duty: Sequence[NoDuty] = (),
) -> str:
    head = f"Who owes {label(state)} a defense obligation on {day}"
    later = [
        f"{t.id}: signed {t.signed}, not yet in force on {day}"
        + (f" (in force {t.in_force})" if t.in_force else "")
        for t in pending
    ]
    if not rows:
        why = (
            f"No treaty in the knowledge base in force on {day} obliges any state to defend "
            f"{label(state)}."
        )
        text = empty(head, why)
        return (
            text
            + "".join(f"  {line}\n" for line in later)
            + "".join(f"  {line}" for line in no_duty_lines(no_duty))
        )
    body = table(
        ["obligated state", "treaty", "clause", "strength", "note"],
        [
            [
                label(o.obligated),
                o.treaty,
                f"{o.article} ({o.clause})",
                o.strength.value,
                "participation frozen" if o.frozen else ("dormant" if o.dormant else ""),
            ]
            for o in rows
        ],
    )
    tail = "".join(f"{line}\n" for line in later) + "".join(no_duty_lines(no_duty))
    return f"{head}: {len(rows)}\n{body}" + (f"\n{tail}" if tail else "")


def history_text(state: str, years: list[Any]) -> str:
    """One row per year: how many states owed protection, under which treaties, what changed."""
    head = f"Who owed {label(state)} a defense obligation, {years[0].year}–{years[-1].year}\n"
    if not any(y.protectors for y in years):
        return empty(
            head.strip(),
            f"No treaty in the knowledge base obliged any state to defend {label(state)} "
            "in these years.",
        )
    rows = []
    for y in years:
        by = ", ".join(f"{t} {n}" for t, n in y.by_treaty().items()) or "none"
        kinds: dict[str, list[str]] = {}
        for c in y.changes:
            kinds.setdefault(c.change, []).append(f"{c.state} ({c.treaty})")
        changed = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(kinds.items()))
        rows.append([y.year, len({o.obligated for o in y.protectors}), by, changed])
    return head + table(["year", "states", "by treaty", "changes"], rows)


def states_text(rows: list[dict[str, Any]]) -> str:
    return table(
        ["iso3", "cow", "name"],
        [[d["iso3"], d["cow"] if d["cow"] is not None else "—", d["name"]] for d in rows],
    )


def areas_text(rows: list[dict[str, Any]]) -> str:
    return table(
        ["id", "name", "kind", "held by"],
        [[r["id"], r["name"], r["kind"], r["held_by"] or ""] for r in rows],
    )


# ---- news -------------------------------------------------------------------------------
def ingest_text(result: Any) -> str:
    new = [d for d in result.documents if d.new]
    out = [
        f"{len(result.documents)} document(s) ({len(new)} new), "
        f"{len(result.claims)} claim(s), {len(result.skipped)} skipped\n"
    ]
    out += [f"  skipped {sk.path}: {sk.reason}\n" for sk in result.skipped]
    for d in result.documents:
        out.append(
            f"  doc {d.id} story {d.story}{' (canonical)' if d.canonical else ''}: "
            f"{_cell(d.title or d.path)} — kept {d.kept_chars}, removed {d.removed_chars} chars\n"
        )
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    if counts:
        out.append("claims: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + "\n")
    return "".join(out)


def stories_text(rows: list[Any]) -> str:
    out = []
    for st in rows:
        out.append(f"story {st.story} {_cell(st.title)} (event: {st.event or '—'})\n")
        for d in st.documents:
            mark = "*" if d.canonical else " "
            out.append(f"  {mark} doc {d.id}  {d.outlet or '?'}  {d.published or ''}  {d.path}\n")
    return "".join(out)


def events_text(rows: list[Any]) -> str:
    out = []
    for ev in rows:
        langs = ", ".join(ev.languages)
        out.append(f"{ev.event}: {_cell(ev.what)}, {ev.date or 'date unknown'} ({langs})\n")
        for d in ev.documents:
            out.append(
                f"    doc {d.id} [{d.language or '?'}] {d.outlet or '?'}  {d.published or ''}"
                f"  {_cell(d.title)}\n"
            )
        for f in ev.facts[:5]:
            out.append(
                f"    {f.status}: {f.relation} {f.treaty or ''} {', '.join(f.states)}"
                f" {f.date or ''} — {len(f.supports)} document(s)\n"
            )
    return "".join(out)


def claims_text(rows: list[Any]) -> str:
    return table(
        ["id", "status", "relation", "treaty", "states", "sentence", "KB says"],
        [
            [c.id, c.status, c.relation, c.treaty, ", ".join(c.states), c.sentence, c.kb_value]
            for c in rows
        ],
    )


def proposals_text(rows: list[Any]) -> str:
    out = []
    for r in rows:
        out.append(f"#{r.id} {r.kind} {r.treaty or ''}: {_cell(r.value)}\n")
        out += [f"    “{_cell(ev.sentence)}” — {ev.outlet or ev.path}\n" for ev in r.evidence[:2]]
    return "".join(out)
