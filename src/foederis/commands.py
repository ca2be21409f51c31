"""The `foederis` commands (typer). Thin: parse options, call the library, render.

Every user error is printed once, as `error: …` plus a hint, with exit code 1 — never a
traceback.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from foederis import states
from foederis.errors import ScenarioError
from foederis.model.enums import ClaimStatus
from foederis.scenario_cli import COMMANDS
from foederis.scenario_cli import run as run_scenario_command

app = typer.Typer(
    name="foederis",
    help="Who is bound to come to a state's aid, under which treaty article, and what follows.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(
    help="Research exports (obligations, dyad-years, ATOP coverage).", no_args_is_help=True
)
app.add_typer(export_app, name="export")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class Fmt(StrEnum):
    text = "text"
    json = "json"


class ExportFmt(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"


KbOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb",
        help="Extra KB directory layered over the built-in KB (repeatable; also FOEDERIS_KB).",
        show_default=False,
    ),
]
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]


def _kb(dirs: list[Path] | None) -> Any:
    from foederis.kb import load_kb

    return load_kb(dirs or None)


def _day(value: str | None, field: str = "--date") -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(
            field,
            f"'{value}' is not a valid date",
            "use YYYY-MM-DD, a day that exists in the calendar",
        ) from None


def _state(value: str, field: str) -> str:
    try:
        return states.parse_state(value)
    except states.UnknownStateError as exc:
        raise ScenarioError(
            field, str(exc).strip("'\""), "use an ISO3 code or a name (see `foederis states`)"
        ) from None


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# ---- knowledge base ---------------------------------------------------------------------
@app.command()
def treaties(
    state: Annotated[str | None, typer.Option(help="Only treaties this state is party to.")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Only treaties in force that day.")
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type", help="Only treaties with a clause of this type (defense, consultation, ...)."
        ),
    ] = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """List the treaties in the knowledge base."""
    from foederis.render import treaty_table

    base = _kb(kb)
    day = _day(on) if on else None
    code = _state(state, "--state") if state else None
    rows = base.select(state=code, day=day, clause_type=type_)
    if fmt is Fmt.json:
        from foederis.kb import treaty_summary

        _print_json([treaty_summary(t, day) for t in rows])
    else:
        out.print(treaty_table(rows, day))


@app.command()
def show(
    treaty_id: Annotated[str, typer.Argument(metavar="ID")],
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """A treaty with its clauses, parties over time, invocations and sources."""
    from foederis.model.dump import treaty_json
    from foederis.render import show_treaty

    t = _kb(kb).treaty(treaty_id)
    if fmt is Fmt.json:
        _print_json(treaty_json(t))
    else:
        show_treaty(out, t)


@app.command()
def allies(
    state: Annotated[str, typer.Argument(help="ISO3 code or name.")],
    on: Annotated[str | None, typer.Option("--date", help="Day (default today).")] = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """Who owes STATE a defense obligation on a day, under which treaty and clause."""
    from foederis.engine.noduty import closest_instruments
    from foederis.exports.obligations import allies as find_allies
    from foederis.exports.obligations import pending
    from foederis.render import allies_table

    base = _kb(kb)
    code = _state(state, "STATE")
    day = _day(on)
    rows = find_allies(base, code, day)
    later = pending(base, code, day)
    no_duty = closest_instruments(base, code, day)
    if fmt is Fmt.json:
        _print_json(
            {
                "state": code,
                "date": day,
                "allies": [r.to_json() for r in rows],
                "signed_not_in_force": [t.id for t in later],
                "no_duty": [n.to_json() for n in no_duty],
            }
        )
    else:
        out.print(allies_table(code, day, rows, later, no_duty))


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Treaty/area files or directories (default: the built-in KB)."),
    ] = None,
) -> None:
    """Validate treaty files; every problem names file, line and field."""
    from foederis.kb import validate_paths

    problems = validate_paths(paths or [])
    if problems:
        for p in problems:
            err.print(f"[red]error[/red]: {p}", markup=True, highlight=False)
        err.print(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    what = ", ".join(str(p) for p in paths) if paths else "built-in knowledge base"
    out.print(f"ok: {what} is valid")


@app.command(name="states")
def list_states(
    query: Annotated[str | None, typer.Argument(help="Resolve a name.")] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """List states (ISO3, COW code, name) or resolve one name."""
    rows = [states.get(_state(query, "QUERY"))] if query else states.all_states()
    data = [{"iso3": s.iso3, "cow": states.cow_code(s.iso3), "name": s.name} for s in rows]
    if fmt is Fmt.json:
        _print_json(data)
    else:
        for d in data:
            out.print(f"{d['iso3']}  {d['cow'] if d['cow'] is not None else '—':>4}  {d['name']}")


@app.command()
def areas(fmt: FormatOpt = Fmt.text, kb: KbOpt = None) -> None:
    """List the places of the gazetteer (for --where)."""
    base = _kb(kb)
    rows = [
        {"id": a.id, "name": a.name, "kind": a.kind, "held_by": a.held_by, "within": a.within}
        for a in base.areas.values()
    ]
    if fmt is Fmt.json:
        _print_json(rows)
    else:
        for r in rows:
            out.print(
                f"{r['id']:<32} {r['name']} [{r['kind']}]"
                + (f" held by {r['held_by']}" if r["held_by"] else "")
            )


# ---- engine (parsed by scenario_cli with argparse; listed here for --help) --------------
_PASS = {"allow_extra_args": True, "ignore_unknown_options": True}


@app.command(context_settings=_PASS, add_help_option=False, help=COMMANDS["check"])
def check(ctx: typer.Context) -> None:
    raise typer.Exit(run_scenario_command("check", ctx.args))


@app.command(context_settings=_PASS, add_help_option=False, help=COMMANDS["cascade"])
def cascade(ctx: typer.Context) -> None:
    raise typer.Exit(run_scenario_command("cascade", ctx.args))


@app.command(name="test")
def run_cases(
    paths: Annotated[list[Path], typer.Argument(help="Scenario case files/dirs.")],
    explain: Annotated[bool, typer.Option(help="Print the reasons of failures.")] = False,
    kb: KbOpt = None,
) -> None:
    """Run scenario test cases (YAML) against the KB."""
    from foederis.testing.cases import load_cases, run_case

    base = _kb(kb)
    failures = passed = 0
    for case in load_cases(paths):
        problems = run_case(case, base, explain=explain)
        if problems:
            failures += 1
            err.print(f"[red]FAIL[/red] {case.file}: {case.name}", soft_wrap=True)
            for p in problems:
                err.print(f"    {p}", soft_wrap=True, markup=False)
        else:
            passed += 1
            out.print(f"[green]ok[/green]   {case.name}", soft_wrap=True)
    out.print(f"{passed} passed, {failures} failed")
    if failures:
        raise typer.Exit(1)


# ---- news -------------------------------------------------------------------------------
DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="News database (default: FOEDERIS_DB or the user data dir)."),
]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or directories.")],
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """Read articles, group copies of one story, extract alliance claims, reconcile them."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from foederis.news import ingest as run_ingest

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ScenarioError("PATH", f"no such file or directory: {missing[0]}")
    base = _kb(kb)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=fmt is Fmt.json,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        result = run_ingest(paths, db, base, progress=progress)
    if fmt is Fmt.json:
        sys.stdout.write(result.to_json() + "\n")
        return
    from foederis.render import ingest_text

    ingest_text(out, result)


@app.command()
def stories(db: DbOpt = None, fmt: FormatOpt = Fmt.text) -> None:
    """Stories: copies of one article grouped, with their canonical document."""
    from foederis.news import list_stories

    rows = list_stories(db)
    if fmt is Fmt.json:
        _print_json([r.model_dump(mode="json") for r in rows])
        return
    for st in rows:
        out.print(f"[bold]story {st.story}[/bold] {st.title or ''} (event: {st.event or '—'})")
        for d in st.documents:
            mark = "*" if d.canonical else " "
            out.print(
                f"  {mark} doc {d.id}  {d.outlet or '?'}  {d.published or ''}  {d.path}",
                highlight=False,
            )


@app.command()
def claims(
    status: Annotated[
        ClaimStatus | None, typer.Option(help="Only claims with this status.")
    ] = None,
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Alliance claims found in the news, reconciled with the knowledge base."""
    from foederis.news import list_claims

    rows = list_claims(status.value if status else None, db)
    if fmt is Fmt.json:
        _print_json([r.model_dump(mode="json") for r in rows])
        return
    from foederis.render import claims_table

    out.print(claims_table(rows))


@app.command()
def review(
    action: Annotated[str | None, typer.Argument(help="accept | reject (omit to list)")] = None,
    proposal: Annotated[int | None, typer.Argument(help="Proposal id.")] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Where accepted patches are written.")
    ] = Path("kb-patches"),
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """List proposals for the KB, or accept (writes a YAML patch) / reject one."""
    from foederis.news import ReviewError, review_decide, review_list

    if action is None:
        rows = review_list(db)
        if fmt is Fmt.json:
            _print_json([r.model_dump(mode="json") for r in rows])
            return
        if not rows:
            out.print("no pending proposals")
        for r in rows:
            out.print(f"[bold]#{r.id}[/bold] {r.kind} {r.treaty or ''}: {r.value}")
            for ev in r.evidence[:2]:
                out.print(
                    f"    “{ev.sentence}” — {ev.outlet or ev.path}", highlight=False, markup=False
                )
        return
    if action not in ("accept", "reject") or proposal is None:
        raise ScenarioError(
            "ACTION",
            f"'{action}' is not an action",
            "use `foederis review accept ID` or `foederis review reject ID`",
        )
    try:
        decided = review_decide(proposal, action == "accept", out_dir, db)
    except ReviewError as exc:
        raise ScenarioError("ID", str(exc), "run `foederis review` to list pending ones") from None
    if fmt is Fmt.json:
        _print_json(decided.model_dump(mode="json"))
    else:
        out.print(
            f"proposal #{decided.id} {decided.status}"
            + (f": patch written to {decided.patch_path}" if decided.patch_path else "")
        )


# ---- exports ----------------------------------------------------------------------------
@export_app.command("obligations")
def export_obligations(
    on: Annotated[str, typer.Option("--date", help="Day.")],
    fmt: Annotated[ExportFmt, typer.Option("--format", "-f")] = ExportFmt.csv,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (default stdout; required for parquet)."),
    ] = None,
    kb: KbOpt = None,
) -> None:
    """Every directed obligation in force on a day, with ISO3 and COW codes."""
    from foederis.exports.write import write_obligations

    write_obligations(_kb(kb), _day(on), fmt.value, output)


@export_app.command("dyad-years")
def export_dyad_years(
    start: Annotated[int, typer.Option(help="First year.", min=1815)],
    end: Annotated[int, typer.Option(help="Last year.", max=2100)],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    kb: KbOpt = None,
) -> None:
    """Directed dyad-years (ccode1 owes ccode2) with 0/1 flags by clause type, as CSV."""
    import csv
    import io

    from foederis.exports.dyads import COLUMNS, create_dyad_years

    if end < start:
        raise ScenarioError("--end", f"{end} is before --start {start}")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(create_dyad_years(_kb(kb), start, end))
    if output:
        output.write_text(buf.getvalue(), encoding="utf-8")
        out.print(f"wrote {output}")
    else:
        sys.stdout.write(buf.getvalue())


@export_app.command("coverage")
def export_coverage(
    atop: Annotated[Path, typer.Option(help="ATOP 5.1 directed dyad-year CSV (atop5_1_ddyr.csv).")],
    year: Annotated[int, typer.Option(help="Year to compare.")] = 2018,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    kb: KbOpt = None,
) -> None:
    """How many ATOP defense dyads of a year the KB explains (Markdown report)."""
    from foederis.exports.coverage import atop_coverage, coverage_markdown

    report = coverage_markdown(atop_coverage(_kb(kb), atop, year))
    if output:
        output.write_text(report, encoding="utf-8")
        out.print(f"wrote {output}")
    else:
        sys.stdout.write(report)


# ---- server -----------------------------------------------------------------------------
@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="News database (SQLite); default FOEDERIS_DB or the news default.",
            show_default=False,
        ),
    ] = None,
    kb: KbOpt = None,
) -> None:
    """Run the web app and HTTP API: pages at /, API docs at /docs."""
    import uvicorn

    from foederis.web import create_app, tune_gc

    application = create_app(db_path=db, kb=_kb(kb))
    tune_gc()
    shown = f"[{host}]" if ":" in host else host
    out.print(f"foederis: http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(application, host=host, port=port, log_level="info")
