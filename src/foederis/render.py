"""Text rendering for the command line (rich tables). JSON goes through ``to_json`` methods."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from foederis import states
from foederis.exports.obligations import DirectedObligation
from foederis.model.enums import Status, Verdict
from foederis.model.treaty import Treaty

STATUS_STYLE = {
    Status.triggered: "bold green",
    Status.uncertain: "bold yellow",
    Status.consultation: "cyan",
    Status.not_triggered: "dim",
}
MARK = {Verdict.met: "✓", Verdict.failed: "✗", Verdict.unknown: "?"}


def name(code: str) -> str:
    return f"{states.get(code).name} ({code})" if states.is_known(code) else code


def treaty_table(treaties: list[Treaty], day: date | None) -> Table:
    table = Table(title=f"Treaties{f' in force on {day}' if day else ''}", show_lines=False)
    for col in ("id", "short name", "kind", "in force", "ended", "parties"):
        table.add_column(col)
    for t in treaties:
        parties = t.members_on(day) if day else t.states()
        table.add_row(
            t.id,
            t.short_name,
            t.kind.value,
            str(t.in_force or "—"),
            str(t.ended or ""),
            str(len(parties)),
        )
    return table


def show_treaty(console: Console, t: Treaty) -> None:
    console.print(f"[bold]{t.name}[/bold]  ({t.id})")
    console.print(
        f"kind: {t.kind.value}   signed: {t.signed or 'unknown'}   in force: "
        f"{t.in_force or 'not in force'}   ended: {t.ended or '—'}"
        + (f" ({t.end_reason})" if t.end_reason else "")
    )
    if t.atop_id or t.cow_id:
        console.print(f"ATOP id: {t.atop_id or '—'}   COW id: {t.cow_id or '—'}")
    if t.summary:
        console.print(t.summary)
    clauses = Table(title="Clauses", show_lines=True)
    for col in ("clause", "type", "strength", "trigger", "text"):
        clauses.add_column(col, overflow="fold")
    for c in t.clauses:
        trig = c.trigger
        scope = "; ".join(
            f"{'/'.join(a.value for a in s.assets)} in {', '.join(s.areas)}" for s in trig.scope
        )
        extra = []
        if trig.adversaries:
            extra.append(f"only vs {', '.join(trig.adversaries)}")
        if trig.provocation_voids is not None:
            extra.append(f"provocation voids: {trig.provocation_voids}")
        clauses.add_row(
            f"{c.label}\n{t.ref(c)}",
            c.type.value,
            c.obligation.strength.value,
            f"{trig.event.value}\n{scope}" + ("\n" + "; ".join(extra) if extra else ""),
            c.text or (c.note or ""),
        )
    console.print(clauses)
    parties = Table(title="Parties over time")
    for col in ("state", "joined", "left", "note"):
        parties.add_column(col)
    for p in sorted(t.parties, key=lambda p: (p.joined or date.min, p.state)):
        parties.add_row(
            name(p.state), str(p.joined or "at entry into force"), str(p.left or ""), p.note or ""
        )
    console.print(parties)
    for s in t.suspensions:
        console.print(
            f"[yellow]{s.kind}[/yellow] {s.since}–{s.until or ''}: by {s.by} toward "
            f"{s.toward}. {s.summary or ''}"
        )
    if t.interpretations:
        console.print("[bold]Interpretations[/bold]")
        for i in t.interpretations:
            console.print(
                f"  {i.date} {i.by} ({i.effect.value}, {i.status.value}) on {i.clause}: {i.summary}"
            )
    if t.invocations:
        console.print("[bold]Invocations[/bold]")
        for v in t.invocations:
            console.print(
                f"  {v.date or 'date unknown'} by {v.by or '—'} ({v.clause or '—'}): "
                f"{v.event} → {v.outcome.value}"
            )
    console.print("[bold]Sources[/bold]")
    for src in t.sources:
        console.print(f"  [{src.id}] {src.title or ''} {src.url} (accessed {src.accessed or '—'})")


def allies_table(
    state: str, day: date, rows: list[DirectedObligation], pending: list[Treaty]
) -> Table:
    table = Table(title=f"Who owes {name(state)} a defense obligation on {day}")
    for col in ("obligated state", "treaty", "clause", "strength", "note"):
        table.add_column(col, overflow="fold")
    for o in rows:
        table.add_row(
            name(o.obligated),
            o.treaty,
            f"{o.article} ({o.clause})",
            o.strength.value,
            "participation frozen" if o.frozen else ("dormant" if o.dormant else ""),
        )
    caption = []
    for t in pending:
        caption.append(
            f"{t.id}: signed {t.signed}, not yet in force on {day}"
            + (f" (in force {t.in_force})" if t.in_force else "")
        )
    if caption:
        table.caption = "\n".join(caption)
    return table


def ingest_text(console: Console, result: Any) -> None:
    new = [d for d in result.documents if d.new]
    console.print(
        f"{len(result.documents)} document(s) ({len(new)} new), "
        f"{len(result.claims)} claim(s), {len(result.skipped)} skipped"
    )
    for sk in result.skipped:
        console.print(f"  [yellow]skipped[/yellow] {sk.path}: {sk.reason}", highlight=False)
    for d in result.documents:
        console.print(
            f"  doc {d.id} story {d.story}{' (canonical)' if d.canonical else ''}: "
            f"{d.title or d.path} — kept {d.kept_chars}, removed {d.removed_chars} "
            "chars",
            highlight=False,
            markup=False,
        )
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    if counts:
        console.print("claims: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def claims_table(rows: list[Any]) -> Table:
    table = Table(title="Claims", show_lines=True)
    for col in ("id", "status", "relation", "treaty", "states", "sentence", "KB says"):
        table.add_column(col, overflow="fold")
    style = {"confirmed": "green", "conflict": "red", "stale": "yellow", "new": "cyan"}
    for c in rows:
        table.add_row(
            str(c.id),
            Text(c.status, style=style.get(c.status, "")),
            c.relation,
            c.treaty or "",
            ", ".join(c.states),
            Text(c.sentence),
            c.kb_value or "",
        )
    return table
