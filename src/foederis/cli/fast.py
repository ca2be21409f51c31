"""`foederis check` and `foederis cascade`: the fast path (argparse, no typer/rich import).

These two commands are what analysts run most, often from scripts, so a fresh process
answers in little more than the interpreter's own start-up time (see
benchmarks/bench_engine.py). Help uses the same layout as every other command
(text.help_page); errors are raised as FoederisError and printed by report.report_error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from foederis.errors import FoederisError, ScenarioError, UsageError

if TYPE_CHECKING:
    from foederis.model.scenario import Scenario

COMMANDS = {
    "check": "Which obligations an attack triggers: who, under which clause, how strongly, why.",
    "cascade": "Follow the war round by round as bound allies join.",
}

#: scenario field -> the option that sets it (errors name the option the user typed)
OPTIONS = {
    "attacker": "--attacker",
    "target": "--target",
    "date": "--date",
    "where": "--where",
    "asset": "--asset",
    "severity": "--severity",
    "initiator": "--initiator",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise FoederisError(message, f"see `{self.prog} --help`")

    def format_help(self) -> str:
        from foederis.cli.text import help_page

        rows = []
        for a in self._actions:
            if a.help == argparse.SUPPRESS:
                continue
            name = ", ".join(sorted(a.option_strings, key=len))
            if a.nargs != 0:
                name += f" {a.metavar or a.dest.upper()}"
            rows.append((name, a.help or ""))
        return help_page(f"{self.prog} [OPTIONS]", self.description or "", [("Options", rows)])


def build_parser(command: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"foederis {command}", description=COMMANDS[command], add_help=False)
    p.add_argument(
        "--attacker",
        action="append",
        required=True,
        metavar="STATE",
        help="Attacking state(s): ISO3 code or name; repeat or comma-separate; "
        "or non-state[:name] for a non-state actor. Required.",
    )
    p.add_argument("--target", required=True, metavar="STATE", help="The attacked state. Required.")
    p.add_argument(
        "--date",
        dest="on",
        metavar="YYYY-MM-DD",
        help="Day of the attack (default: today). Days after the KB was last verified get a "
        "caveat.",
    )
    p.add_argument(
        "--where",
        metavar="PLACE",
        help="Gazetteer place (default: the target's own territory); `foederis areas` lists them.",
    )
    p.add_argument(
        "--asset",
        default="territory",
        metavar="ASSET",
        help="What was hit: territory, armed_forces, public_vessel, coast_guard, aircraft or "
        "civilians (default: territory).",
    )
    p.add_argument(
        "--severity",
        default="armed_attack",
        metavar="LEVEL",
        help="imminent_threat, gray_zone, armed_attack or invasion (default: armed_attack).",
    )
    p.add_argument(
        "--initiator",
        default="attacker",
        metavar="SIDE",
        help="Who started the fighting: attacker, target or unknown. The default, attacker, "
        "asserts that the --attacker side started the war; clauses that lapse when the "
        "protected side provoked it depend on this. Use unknown when that is disputed.",
    )
    p.add_argument(
        "--format",
        "-f",
        dest="fmt",
        default="text",
        metavar="FORMAT",
        help="text or json; check also markdown or csv: the answer with numbered source "
        "footnotes, ready to publish (default: text).",
    )
    p.add_argument(
        "--kb",
        action="append",
        type=Path,
        metavar="DIR",
        help="Extra KB directory layered over the built-in KB (repeatable; also FOEDERIS_KB).",
    )
    if command == "check":
        p.add_argument(
            "--all", dest="show_all", action="store_true", help="List not-triggered rows too."
        )
    else:
        p.add_argument(
            "--mode",
            default="legal",
            metavar="MODE",
            help="legal (default): a state that joins is attacked where it fights; "
            "escalation: a state that joins the protected side is attacked at home, so its "
            "allies follow. In both, only the side that did not start the war is protected "
            "(with --initiator unknown both sides' duties are uncertain), only triggered "
            "defense duties bring a state in, and states bound to both sides are reported "
            "(docs/semantics.md).",
        )
        p.add_argument("--rounds", type=int, metavar="N", help="Stop after N rounds.")
    p.add_argument("-h", "--help", action="help", help="Show this message and exit.")
    return p


def parse_scenario(ns: argparse.Namespace) -> Scenario:
    """The Scenario from parsed options (ScenarioError names the field at fault)."""
    from foederis.model.scenario import Scenario

    raw: dict[str, Any] = {
        "attacker": [a for v in ns.attacker for a in v.split(",")],
        "target": ns.target,
        "asset": ns.asset,
        "severity": ns.severity,
        "initiator": ns.initiator,
        "where": ns.where,
    }
    if ns.on is not None:
        raw["date"] = ns.on
    return Scenario(**raw)


def run(command: str, argv: Sequence[str]) -> int:
    """Run `foederis check|cascade ARGS`; returns the exit code; raises FoederisError."""
    from foederis.errors import unknown_choice

    try:
        ns = build_parser(command).parse_args(list(argv))
    except SystemExit as done:  # -h printed the help
        return int(done.code or 0)
    formats = ["text", "json", "markdown", "csv"] if command == "check" else ["text", "json"]
    if ns.fmt not in formats:
        raise unknown_choice("--format", ns.fmt, formats)
    try:
        scenario = parse_scenario(ns)
    except ScenarioError as exc:  # name the option, not the API field
        raise exc.renamed(OPTIONS.get(exc.field, exc.field)) from None
    from foederis.kb import load_kb

    kb = load_kb(ns.kb or None)
    from foederis.cli import resume_gc

    resume_gc()
    if command == "check":
        from foederis.engine.check import check

        try:
            result = check(scenario, kb)
        except ScenarioError as exc:
            raise exc.renamed(OPTIONS.get(exc.field, exc.field)) from None
        if ns.fmt in ("markdown", "csv"):
            from foederis.exports.citations import citations_csv, citations_markdown

            export = citations_markdown if ns.fmt == "markdown" else citations_csv
            sys.stdout.write(export(result, kb))
            return 0
        summary = result.summary(kb)
        if ns.fmt == "json":
            from foederis.cli.output import emit_json

            emit_json({**result.to_json(), "summary": summary.to_json()})
        else:
            from foederis.cli.text import check_text

            sys.stdout.write(check_text(result, ns.show_all, summary))
        return 0
    from foederis.engine.cascade import Mode, cascade

    if ns.mode not in Mode.__members__:
        raise unknown_choice("--mode", ns.mode, list(Mode.__members__))
    if ns.rounds is not None and ns.rounds < 1:
        raise UsageError("--rounds", "must be at least 1")
    try:
        cres = cascade(scenario, kb, mode=ns.mode, rounds=ns.rounds)
    except ScenarioError as exc:
        raise exc.renamed(OPTIONS.get(exc.field, exc.field)) from None
    if ns.fmt == "json":
        from foederis.cli.output import emit_json

        emit_json(cres.to_json())
    else:
        from foederis.cli.text import cascade_text

        sys.stdout.write(cascade_text(cres))
    return 0


class _Unparsed(Exception):
    """The fast parser declines: the typer app parses (and words any error) instead."""


class _StrictParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unparsed(message)


def export_dyad_years(argv: Sequence[str]) -> int | None:
    """``foederis export dyad-years`` without importing typer and pydantic (about 0.1 s of a
    warm export of 1816-2018, whose figure benchmarks/bench_dyads.py sets beside
    peacesciencer's). Only a well-formed command line is run here; help, and any line this
    parser does not accept, returns None so that the typer app answers it in the wording of
    every other command. The options' checks are the app's (dyadfile.check_request)."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    p = _StrictParser(prog="foederis export dyad-years", add_help=False, allow_abbrev=False)
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--end", type=int, required=True)
    p.add_argument("--format", "-f", dest="fmt", choices=("csv", "json", "parquet"), default="csv")
    p.add_argument("--all-dyads", action="store_true")
    p.add_argument("--output", "-o", type=Path, default=None)
    p.add_argument("--kb", type=Path, action="append", default=None)
    try:
        ns = p.parse_args(list(argv))
    except (_Unparsed, ValueError, TypeError):
        return None
    from foederis.exports import dyadfile

    dyadfile.check_request(ns.start, ns.end, ns.fmt, ns.output)
    n = dyadfile.export(ns.kb, ns.start, ns.end, ns.fmt, ns.output, all_dyads=ns.all_dyads)
    if ns.output:
        sys.stderr.write(f"wrote {n} rows to {ns.output}\n")
    return 0
