"""Every `foederis` command except check/cascade (typer). Thin: parse, call the library, render.

See the package docstring (foederis/cli/__init__.py) for how to add a command. Commands
raise FoederisError for user errors; foederis.cli.run prints them (report_error).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.exceptions import TyperException

from foederis import states
from foederis.cli.fast import COMMANDS as FAST_COMMANDS
from foederis.cli.output import emit_json, emit_text
from foederis.cli.text import help_page
from foederis.errors import FoederisError, UsageError, unknown_choice
from foederis.model.enums import ClaimStatus, ClauseType

F = TypeVar("F", bound=Callable[..., Any])


# ---- one help layout for every command ----------------------------------------------------
def _param_rows(params: list[Any]) -> list[tuple[str, str]]:
    rows = []
    for p in params:
        if p.param_type_name == "option" and not p.hidden:
            names = ", ".join(sorted(p.opts, key=len))
            if p.is_flag and p.secondary_opts:
                names += " / " + ", ".join(p.secondary_opts)
            elif not p.is_flag:
                names += f" {p.metavar or (p.name or '').upper()}"
            text = p.help or ""
            default = p.default
            if isinstance(default, StrEnum):
                default = default.value
            if (
                default not in (None, False, (), [])
                and not p.is_flag
                and "default" not in text
                and not callable(default)
            ):
                text = (
                    f"{text[:-1]} (default: {default})."
                    if text.endswith(".")
                    else f"{text} (default: {default})"
                )
            rows.append((names, text))
    return rows


def _arg_name(p: Any) -> str:
    name = p.metavar or (p.name or "").upper()
    if p.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if p.required else f"[{name}]"


class Command(typer.core.TyperCommand):
    """A typer command whose help uses text.help_page (no Python types, one layout)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        args = [p for p in self.params if p.param_type_name == "argument"]
        usage = " ".join([ctx.command_path, "[OPTIONS]", *(_arg_name(a) for a in args)])
        arg_rows = [(_arg_name(a).strip("[]"), getattr(a, "help", None) or "") for a in args]
        formatter.write(
            help_page(
                usage,
                self.help or "",
                [("Arguments", arg_rows), ("Options", _param_rows(self.get_params(ctx)))],
            )
        )


class Group(typer.core.TyperGroup):
    """The command group: same help layout, commands listed with their first sentence."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.get_short_help_str(limit=200)))
        formatter.write(
            help_page(
                f"{ctx.command_path} [OPTIONS] COMMAND [ARGS]...",
                self.help or "",
                [("Commands", rows), ("Options", _param_rows(self.get_params(ctx)))],
            )
            + f"\nRun `{ctx.command_path} COMMAND -h` for the options of one command.\n"
        )


CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="foederis",
    cls=Group,
    help="Who is bound to come to a state's aid, under which treaty article, and what follows.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)
export_app = typer.Typer(
    cls=Group,
    help="Research exports (obligations, dyad-years, ATOP coverage).",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)
app.add_typer(export_app, name="export")
import_app = typer.Typer(
    cls=Group,
    help="Import research data sets as coded layers (ATOP).",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)
app.add_typer(import_app, name="import")


def command(where: typer.Typer = app, **kwargs: Any) -> Callable[[F], F]:
    """Register a command with the shared help layout and ``-h``."""
    return where.command(cls=Command, context_settings=CONTEXT, **kwargs)


def _version(value: bool) -> None:
    if value:
        from foederis import __version__

        sys.stdout.write(f"foederis {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Who is bound to come to a state's aid, under which treaty article, and what follows."""


def run_app(args: list[str]) -> int:
    """Run the typer app; click's own usage errors become FoederisError (one format)."""
    try:
        rv = app(args=args, prog_name="foederis", standalone_mode=False)
    except TyperException as exc:  # typer's own (vendored click) usage errors
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help().rstrip("\n") + "\n")
            return 0
        hint = f"see `{ctx.command_path} -h`" if ctx is not None else None
        choice = _bad_choice(exc)
        if choice is not None:
            raise choice from None
        raise FoederisError(exc.format_message(), hint) from None
    except typer.Abort:
        return 1
    return rv if isinstance(rv, int) else 0


_NOT_ONE_OF = re.compile(r"'(?P<value>.*)' is not one of (?P<allowed>'.*')\.?$")


def _bad_choice(exc: Exception) -> UsageError | None:
    """An unknown value of a closed option (``--format yaml``) in the same words as every
    other unknown value: ``error: --format: 'yaml' is not allowed`` / ``hint: allowed: …``."""
    m = _NOT_ONE_OF.search(str(getattr(exc, "message", "")))
    opts = list(getattr(getattr(exc, "param", None), "opts", None) or [])
    if m is None or not opts:
        return None
    allowed = ", ".join(re.findall(r"'([^']*)'", m.group("allowed")))
    name = max(opts, key=len)
    return UsageError(name, f"'{m.group('value')}' is not allowed", f"allowed: {allowed}")


# ---- shared options and argument parsers -------------------------------------------------
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
        metavar="DIR",
        help="Extra KB directory layered over the built-in KB (repeatable; also FOEDERIS_KB).",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Fmt, typer.Option("--format", "-f", metavar="FORMAT", help="text or json (default: text).")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="The day (default: today)."),
]
DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="FILE",
        help="News database (default: FOEDERIS_DB, else ~/.local/share/foederis/news.sqlite3).",
    ),
]


def load(dirs: list[Path] | None) -> Any:
    from foederis.kb import load_kb

    return load_kb(dirs or None)


def day_arg(value: str | None, field: str = "--date") -> date:
    """A date from the command line; today when omitted; UsageError naming the option."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            field,
            f"'{value}' is not a valid date",
            "use YYYY-MM-DD, a day that exists in the calendar",
        ) from None


def state_arg(value: str, field: str) -> str:
    """An ISO3 code from a code or name; UsageError naming the option and the candidates."""
    try:
        return states.parse_state(value)
    except states.UnknownStateError as exc:
        raise UsageError(field, exc.message, exc.hint) from None


def choice_arg(value: str, field: str, allowed: list[str]) -> str:
    if value not in allowed:
        raise unknown_choice(field, value, allowed)
    return value


# ---- knowledge base ---------------------------------------------------------------------
@command()
def treaties(
    state: Annotated[
        str | None,
        typer.Option(metavar="STATE", help="Only treaties this state is party to."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Only treaties in force that day."),
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="Only treaties with a clause of this type: "
            + ", ".join(t.value for t in ClauseType)
            + ".",
        ),
    ] = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """List the treaties in the knowledge base."""
    from foederis.cli.text import empty, treaties_text

    if type_ is not None:
        type_ = choice_arg(type_.strip().lower(), "--type", [t.value for t in ClauseType])
    base = load(kb)
    day = day_arg(on) if on else None
    code = state_arg(state, "--state") if state else None
    rows = base.select(state=code, day=day, clause_type=type_)
    if fmt is Fmt.json:
        from foederis.kb import treaty_summary

        emit_json([treaty_summary(t, day) for t in rows])
    elif not rows:
        asked = [
            *([f"party {states.label(code)}"] if code else []),
            *([f"in force on {day}"] if day else []),
            *([f"with a {type_} clause"] if type_ else []),
        ]
        emit_text(
            empty(
                "Treaties " + ", ".join(asked),
                f"The knowledge base ({len(base.treaties)} treaties) has none that match.",
            )
        )
    else:
        emit_text(treaties_text(rows, day))


@command()
def show(
    treaty_id: Annotated[
        str,
        typer.Argument(
            metavar="TREATY",
            help="Treaty id, name or alias in any case (nato, NATO, 'Rio Treaty').",
        ),
    ],
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """A treaty with its clauses, parties over time, invocations and sources."""
    from foederis.cli.text import treaty_text
    from foederis.model.dump import treaty_json

    t = load(kb).treaty(treaty_id)
    if fmt is Fmt.json:
        emit_json(treaty_json(t))
    else:
        emit_text(treaty_text(t))


@command()
def allies(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO3 code or name.")],
    on: DateOpt = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """Who owes STATE a defense obligation on a day, under which treaty and clause."""
    from foederis.cli.text import allies_text
    from foederis.engine.noduty import closest_instruments
    from foederis.exports.obligations import allies as find_allies
    from foederis.exports.obligations import pending

    base = load(kb)
    code = state_arg(state, "STATE")
    day = day_arg(on)
    rows = find_allies(base, code, day)
    later = pending(base, code, day)
    no_duty = closest_instruments(base, code, day)
    if fmt is Fmt.json:
        emit_json(
            {
                "state": code,
                "date": day,
                "allies": [r.to_json() for r in rows],
                "signed_not_in_force": [t.id for t in later],
                "no_duty": [n.to_json() for n in no_duty],
            }
        )
    else:
        emit_text(allies_text(code, day, rows, later, no_duty))


@command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Treaty/area files or directories (default: the built-in KB)."
        ),
    ] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Validate treaty files; every problem names file, line and field."""
    from foederis.kb import validate_paths

    problems = validate_paths(paths or [])
    what = ", ".join(str(p) for p in paths) if paths else "built-in knowledge base"
    if fmt is Fmt.json:
        emit_json(
            {
                "checked": what,
                "valid": not problems,
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "field": p.field,
                        "message": p.message,
                        "hint": p.hint,
                    }
                    for p in problems
                ],
            }
        )
        if problems:
            raise typer.Exit(1)
        return
    if problems:
        from foederis.errors import KBValidationError

        raise KBValidationError(problems)
    emit_text(f"ok: {what} is valid")


class ReportFmt(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@command(name="sources")
def sources_report(
    treaty_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="TREATY", help="Treaty ids (default: every treaty)."),
    ] = None,
    fmt: Annotated[
        ReportFmt,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text, json or markdown (default: text)."
        ),
    ] = ReportFmt.text,
    kb: KbOpt = None,
) -> None:
    """Source quality per treaty: facts with an official/primary source, secondary-only
    facts, and problems (docs/source-quality.md is this command's markdown)."""
    from foederis.sources.report import kb_report, report_markdown, report_text

    base = load(kb)
    chosen = [base.treaty(t) for t in treaty_ids] if treaty_ids else list(base.treaties.values())
    reports = kb_report(chosen)
    if fmt is ReportFmt.json:
        emit_json([r.to_json() for r in reports])
    elif fmt is ReportFmt.markdown:
        sys.stdout.write(report_markdown(reports))
    else:
        emit_text(report_text(reports))


@command()
def history(
    state: Annotated[str, typer.Argument(metavar="STATE", help="ISO3 code or name.")],
    start: Annotated[
        int, typer.Option("--from", metavar="YEAR", help="First year (default: 1945).")
    ] = 1945,
    end: Annotated[
        int | None, typer.Option("--to", metavar="YEAR", help="Last year (default: this year).")
    ] = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """Protection over time: who owed STATE a defense obligation each year, and what changed."""
    from foederis.cli.text import history_text
    from foederis.exports.history import history as protection

    code = state_arg(state, "STATE")
    last = end if end is not None else date.today().year
    try:
        years = protection(load(kb), code, start, last)
    except UsageError as exc:
        raise exc.renamed({"start": "--from", "end": "--to"}.get(exc.field, exc.field)) from None
    if fmt is Fmt.json:
        emit_json({"state": code, "years": [y.to_json() for y in years]})
    else:
        emit_text(history_text(code, years))


@command(name="states")
def list_states(
    query: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Resolve one code or name.")
    ] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """List states (ISO3, COW code, name) or resolve one name."""
    from foederis.cli.text import states_text

    rows = [states.get(state_arg(query, "NAME"))] if query else states.all_states()
    data = [{"iso3": s.iso3, "cow": states.cow_code(s.iso3), "name": s.name} for s in rows]
    if fmt is Fmt.json:
        emit_json(data)
    else:
        emit_text(states_text(data))


@command()
def areas(fmt: FormatOpt = Fmt.text, kb: KbOpt = None) -> None:
    """List the places of the gazetteer (for --where)."""
    from foederis.cli.text import areas_text

    base = load(kb)
    rows = [
        {"id": a.id, "name": a.name, "kind": a.kind, "held_by": a.held_by, "within": a.within}
        for a in base.areas.values()
    ]
    if fmt is Fmt.json:
        emit_json(rows)
    else:
        emit_text(areas_text(rows))


# ---- engine: parsed by cli/fast.py (argparse); listed here so `foederis -h` shows them --------
_PASS = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


@app.command(context_settings=_PASS, add_help_option=False, help=FAST_COMMANDS["check"])
def check(ctx: typer.Context) -> None:  # pragma: no cover - main() dispatches before typer
    from foederis.cli.fast import run

    raise typer.Exit(run("check", ctx.args))


@app.command(context_settings=_PASS, add_help_option=False, help=FAST_COMMANDS["cascade"])
def cascade(ctx: typer.Context) -> None:  # pragma: no cover - main() dispatches before typer
    from foederis.cli.fast import run

    raise typer.Exit(run("cascade", ctx.args))


@command(name="test")
def run_cases(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Scenario case files, fact tables or directories."),
    ],
    explain: Annotated[bool, typer.Option(help="Print the reasons of failures.")] = False,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
) -> None:
    """Run scenario test cases and fact tables (YAML) against the KB."""
    from foederis.kb.files import yaml_files
    from foederis.testing.cases import load_case_file, run_case
    from foederis.testing.facts import check_row, is_fact_file, load_fact_file

    base = load(kb)
    results = []
    for root in paths:
        if not root.exists():
            raise FoederisError(f"no such file or directory: {root}")
        for path in yaml_files(root):
            if is_fact_file(path):
                for row in load_fact_file(path):
                    where = f"{row.file}:{row.line}"
                    results.append(
                        {"file": where, "name": row.name, "problems": check_row(row, base)}
                    )
                continue
            for case in load_case_file(path):
                problems = run_case(case, base, explain=explain)
                results.append({"file": str(case.file), "name": case.name, "problems": problems})
    failed = [r for r in results if r["problems"]]
    if fmt is Fmt.json:
        emit_json({"passed": len(results) - len(failed), "failed": len(failed), "cases": results})
    else:
        for r in results:
            if r["problems"]:
                sys.stderr.write(f"FAIL {r['file']}: {r['name']}\n")
                sys.stderr.write("".join(f"    {p}\n" for p in r["problems"]))
            else:
                sys.stdout.write(f"ok   {r['name']}\n")
        sys.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed\n")
    if failed:
        raise typer.Exit(1)


# ---- news -------------------------------------------------------------------------------
def _db_note(db: Path | None) -> str:
    from foederis.errors import display_path
    from foederis.news.store import default_db_path

    path = db if db is not None else default_db_path()
    origin = "" if db is not None else " (the default; --db or FOEDERIS_DB chooses another)"
    return f"database {display_path(path)}{origin}"


@command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Article files or directories.")
    ],
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
    kb: KbOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            metavar="N",
            min=1,
            max=256,
            help="Read, clean and extract in N processes (default: 1).",
        ),
    ] = 1,
) -> None:
    """Read articles, group copies of one story, extract alliance claims, reconcile them."""
    from foederis.cli.text import ingest_text
    from foederis.news import ingest as run_ingest

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(
            "PATH", f"no such file or directory: {missing[0]}", "check the path you typed"
        )
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=fmt is Fmt.json,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        result = run_ingest(paths, db, load(kb), progress=progress, jobs=jobs)
    if fmt is Fmt.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        emit_text(ingest_text(result))


@command()
def stories(db: DbOpt = None, fmt: FormatOpt = Fmt.text) -> None:
    """Stories: copies of one article grouped, with their canonical document."""
    from foederis.cli.text import empty, stories_text
    from foederis.news import list_stories

    rows = list_stories(db)
    if fmt is Fmt.json:
        emit_json([r.model_dump(mode="json") for r in rows])
    elif not rows:
        emit_text(
            empty("Stories", f"The {_db_note(db)} holds no articles; `foederis ingest` adds some.")
        )
    else:
        emit_text(f"Stories in the {_db_note(db)}: {len(rows)}\n" + stories_text(rows))


@command()
def events(db: DbOpt = None, fmt: FormatOpt = Fmt.text) -> None:
    """Events: the same happening reported by different outlets, in any language, with
    what happened, when, the treaty, the documents and the facts they state."""
    from foederis.cli.text import empty, events_text
    from foederis.news import list_events

    rows = list_events(db)
    if fmt is Fmt.json:
        emit_json([r.model_dump(mode="json") for r in rows])
    elif not rows:
        emit_text(
            empty(
                "Events",
                f"The {_db_note(db)} holds no article that reports a treaty event; "
                "`foederis ingest` reads articles.",
            )
        )
    else:
        emit_text(f"Events in the {_db_note(db)}: {len(rows)}\n" + events_text(rows))


@command()
def claims(
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help="Only claims with this status: " + ", ".join(s.value for s in ClaimStatus) + ".",
        ),
    ] = None,
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Alliance claims found in the news, reconciled with the knowledge base."""
    from foederis.cli.text import claims_text, empty
    from foederis.news import list_claims

    if status is not None:
        status = choice_arg(status.strip().lower(), "--status", [s.value for s in ClaimStatus])
    rows = list_claims(status, db)
    if fmt is Fmt.json:
        emit_json([r.model_dump(mode="json") for r in rows])
    elif not rows:
        which = f"with status {status} " if status else ""
        emit_text(
            empty(
                f"Claims {which}".strip(),
                f"The {_db_note(db)} holds no claims {which}yet; `foederis ingest` reads articles.",
            )
        )
    else:
        emit_text(f"Claims in the {_db_note(db)}: {len(rows)}\n" + claims_text(rows))


@command()
def review(
    action: Annotated[
        str | None,
        typer.Argument(metavar="ACTION", help="accept or reject (omit to list the proposals)."),
    ] = None,
    proposal: Annotated[int | None, typer.Argument(metavar="ID", help="Proposal id.")] = None,
    out_dir: Annotated[
        Path,
        typer.Option("--out", metavar="DIR", help="Where accepted patches are written."),
    ] = Path("kb-patches"),
    db: DbOpt = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """List proposals for the KB, or accept (writes a YAML patch) / reject one."""
    from foederis.cli.text import empty, proposals_text
    from foederis.news import review_decide, review_list

    if action is None:
        rows = review_list(db)
        if fmt is Fmt.json:
            emit_json([r.model_dump(mode="json") for r in rows])
        elif not rows:
            emit_text(empty("Pending proposals", f"The {_db_note(db)} has none to review."))
        else:
            emit_text(proposals_text(rows))
        return
    choice_arg(action, "ACTION", ["accept", "reject"])
    if proposal is None:
        raise UsageError("ID", "missing", f"use `foederis review {action} ID`")
    if not 1 <= proposal <= 2**62:
        raise UsageError(
            "ID", f"{proposal} is not a proposal id", "run `foederis review` for the ids"
        )
    decided = review_decide(proposal, action == "accept", out_dir, db)
    if fmt is Fmt.json:
        emit_json(decided.model_dump(mode="json"))
    else:
        emit_text(
            f"proposal #{decided.id} {decided.status}"
            + (f": patch written to {decided.patch_path}" if decided.patch_path else "")
        )


# ---- exports ----------------------------------------------------------------------------
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: stdout)."),
]


@command(export_app, name="obligations")
def export_obligations(
    on: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The day. Required.")],
    fmt: Annotated[
        ExportFmt,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="csv, json or parquet (default: csv)."
        ),
    ] = ExportFmt.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (default: stdout; parquet needs one).",
        ),
    ] = None,
    kb: KbOpt = None,
) -> None:
    """Every directed obligation in force on a day, with ISO3 and COW codes."""
    from foederis.exports.write import write_obligations

    write_obligations(load(kb), day_arg(on), fmt.value, output)


class TableFmt(StrEnum):
    csv = "csv"
    json = "json"


@command(export_app, name="dyad-years")
def export_dyad_years(
    start: Annotated[int, typer.Option(metavar="YEAR", help="First year (1815 or later).")],
    end: Annotated[int, typer.Option(metavar="YEAR", help="Last year (2100 at the latest).")],
    fmt: Annotated[
        ExportFmt,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="csv, json or parquet (default: csv)."
        ),
    ] = ExportFmt.csv,
    all_dyads: Annotated[
        bool,
        typer.Option(
            "--all-dyads",
            help="Every directed dyad-year of the COW state system (flags 0 where nothing "
            "binds), as peacesciencer's create_dyadyears() gives.",
        ),
    ] = False,
    output: OutputOpt = None,
    kb: KbOpt = None,
) -> None:
    """Directed dyad-years (ccode1 owes ccode2) in peacesciencer's columns (atop_defense ...)."""
    from foederis.exports import dyadfile

    dyadfile.check_request(start, end, fmt.value, output)
    n = dyadfile.export(kb, start, end, fmt.value, output, all_dyads=all_dyads)
    if output:
        sys.stderr.write(f"wrote {n} rows to {output}\n")


@command(export_app, name="atop-report")
def export_atop_report(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder with the ATOP files (atop5_1_ddyr.csv and the 4.01 member file).",
            show_default=False,
        ),
    ],
    output: OutputOpt = None,
    kb: KbOpt = None,
) -> None:
    """Compare the dyad-year export with ATOP 5.1's defense dyad-years; every difference."""
    from foederis.atop.report import compare, markdown

    base = load(kb)
    shown = "foederis export atop-report ../shared/data/atop -o docs/atop-dyad-years.md"
    text = markdown(compare(base, folder), shown) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {output}\n")
    else:
        sys.stdout.write(text)


@command(export_app, name="coverage")
def export_coverage(
    atop: Annotated[
        Path,
        typer.Option(metavar="FILE", help="ATOP 5.1 directed dyad-year CSV (atop5_1_ddyr.csv)."),
    ],
    year: Annotated[int, typer.Option(metavar="YEAR", help="Year to compare.")] = 2018,
    output: OutputOpt = None,
    kb: KbOpt = None,
) -> None:
    """How many ATOP defense dyads of a year the KB explains (Markdown report)."""
    from foederis.exports.coverage import atop_coverage, coverage_markdown

    if not 1815 <= year <= 2100:
        raise UsageError("--year", f"{year} is outside 1815-2100", "ATOP covers 1815-2018")
    report = coverage_markdown(atop_coverage(load(kb), atop, year))
    if output:
        output.write_text(report, encoding="utf-8")
        sys.stderr.write(f"wrote {output}\n")
    else:
        sys.stdout.write(report)


# ---- import -----------------------------------------------------------------------------
@command(import_app, name="atop")
def import_atop(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder with atop4_01_alliance.csv and atop4_01_member.csv (and, optionally, "
            "atop5_1_ddyr.csv) as downloaded from atopdata.org.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="Where to write the coded layer (default: FOEDERIS_ATOP, else "
            "~/.local/share/foederis/atop-layer.json).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Fmt.text,
) -> None:
    """Code every ATOP 4.01 alliance as a treaty layer below the curated KB."""
    import os

    from foederis.atop.layer import import_atop as build
    from foederis.atop.layer import write_layer
    from foederis.atop.paths import LAYER_ENV, default_layer_path

    env = os.environ.get(LAYER_ENV, "").strip()
    target = out or (Path(env) if env and env.lower() != "off" else default_layer_path())
    layer = build(folder)
    write_layer(layer, target)
    kinds: dict[str, int] = {}
    for n in layer.notes:
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    alliances = len({t["atop_id"] for t in layer.treaties})
    summary = {
        "layer": str(target),
        "alliances": alliances,
        "treaties": len(layer.treaties),
        "files": layer.files,
        "notes": kinds,
    }
    if fmt is Fmt.json:
        emit_json({**summary, "notes": layer.notes})
        return
    lines = [
        f"coded {alliances} ATOP alliances as {len(layer.treaties)} treaties (one per phase) "
        f"-> {target}",
        *(f"  {k}: {v} (see 'notes' in the layer file)" for k, v in sorted(kinds.items())),
    ]
    if env.lower() == "off":
        lines.append(f"note: {LAYER_ENV}=off, so commands will not use it until you unset it")
    sys.stdout.write("\n".join(lines) + "\n")


# ---- backtest ---------------------------------------------------------------------------
class BacktestFmt(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"
    md = "md"


class Coding(StrEnum):
    bf = "bf"
    llm = "llm"


@command()
def backtest(
    atop: Annotated[
        Path,
        typer.Option(
            metavar="DIR", help="Folder with atop4_01_alliance.csv and atop4_01_member.csv."
        ),
    ],
    wars: Annotated[
        Path,
        typer.Option(metavar="FILE", help="COW inter-state war file (inter_state_war_ddy.csv)."),
    ],
    contiguity: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="COW direct contiguity (default: contiguity_direct.csv beside --wars, if any).",
        ),
    ] = None,
    recent: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Recent-wars YAML (default: the shipped example)."),
    ] = None,
    no_recent: Annotated[
        bool, typer.Option("--no-recent", help="Leave out the wars after the COW data.")
    ] = False,
    fmt: Annotated[
        BacktestFmt,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text, csv, json or md (default: text)."
        ),
    ] = BacktestFmt.text,
    output: OutputOpt = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            metavar="EXPERT_CSV", help="Expert coding to compare with (agreement report)."
        ),
    ] = None,
    coding: Annotated[
        Coding, typer.Option(metavar="CODING", help="Expert coding: bf or llm (default: bf).")
    ] = Coding.bf,
    kb: KbOpt = None,
) -> None:
    """Code every war since 1816 against every alliance in effect (honor, violate, cfna,
    nonagg, consul) with the reasons; with --compare, agreement with the expert coding."""
    from foederis.backtest.command import render

    text = render(
        atop=atop,
        wars=wars,
        contiguity=contiguity,
        recent=recent,
        no_recent=no_recent,
        fmt=fmt.value,
        compare=compare,
        coding=coding.value,
        kb=load(kb) if kb else None,
    )
    if output:
        output.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {output}\n")
    else:
        sys.stdout.write(text)


# ---- server -----------------------------------------------------------------------------
@command()
def serve(
    host: Annotated[str, typer.Option(metavar="HOST", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(metavar="PORT", help="Port to listen on (1-65535).", min=1, max=65535)
    ] = 8000,
    db: DbOpt = None,
    kb: KbOpt = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="Also answer requests for this host name (repeatable; loopback names are "
            "always allowed). Needed with --host 0.0.0.0; see docs/security.md.",
        ),
    ] = None,
) -> None:
    """Run the web app and HTTP API: pages at /, API docs at /docs."""
    import uvicorn

    from foederis.web import create_app, tune_gc
    from foederis.web.guard import host_list

    hosts = host_list(allow_host or [])
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(host)
    application = create_app(db_path=db, kb=load(kb), allowed_hosts=hosts)
    tune_gc()
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"foederis: http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)\n")
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(
            "foederis: warning: not on loopback: anyone who can reach this address can read "
            "the news database and decide review proposals (docs/security.md)\n"
        )
    uvicorn.run(application, host=host, port=port, log_level="info")
