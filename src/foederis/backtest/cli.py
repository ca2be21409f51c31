"""``foederis backtest``: code every war since 1816 against every alliance in effect, and
compare with the expert coding.

    foederis backtest --atop DIR --wars FILE [--contiguity FILE] [--recent FILE | --no-recent]
                      [--format text|csv|json|md] [-o FILE]
                      [--compare EXPERT_CSV [--coding bf|llm]]

Without ``--compare`` it writes the codings (text, CSV or JSON); with it, the agreement,
the confusion matrix and the disagreements (text, JSON, Markdown, or CSV of every pair side
by side). Argparse keeps the command free of the typer/rich import cost; errors are one
``error:`` line with a hint and exit code 1 (2 for bad usage, as argparse does).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from foederis.errors import FoederisError

FORMATS = ("text", "csv", "json", "md")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="foederis backtest",
        description=(
            "Code every (war, alliance) pair as honor/violate/cfna/nonagg/consul following "
            "Leeds, Long & Mitchell (2000) as revised by Berkemeier & Fuhrmann (2018), with "
            "the reasons; optionally compare with the expert coding."
        ),
    )
    p.add_argument(
        "--atop",
        required=True,
        type=Path,
        help="folder with atop4_01_alliance.csv and atop4_01_member.csv",
    )
    p.add_argument(
        "--wars", required=True, type=Path, help="COW inter-state war file (directed dyad-years)"
    )
    p.add_argument(
        "--contiguity",
        type=Path,
        default=None,
        help="COW direct contiguity file (default: contiguity_direct.csv beside --wars)",
    )
    p.add_argument(
        "--recent", type=Path, default=None, help="recent-wars YAML (default: the shipped example)"
    )
    p.add_argument("--no-recent", action="store_true", help="leave out the wars after the COW data")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", type=Path, default=None, help="write here instead of stdout")
    p.add_argument(
        "--compare",
        type=Path,
        default=None,
        metavar="EXPERT_CSV",
        help="expert coding to compare with",
    )
    p.add_argument(
        "--coding", choices=("bf", "llm"), default="bf", help="which expert coding (default bf)"
    )
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        text = _render(args, argv)
    except FoederisError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"error: -o {args.output}: cannot write ({exc.strerror})", file=sys.stderr)
        print("  hint: check that the folder exists and is writable", file=sys.stderr)
        return 1
    return 0


def _render(args: argparse.Namespace, argv: list[str]) -> str:
    from foederis.backtest import code_history, report
    from foederis.backtest.inputs import BacktestInputError

    if args.compare is None and args.format == "md":
        raise BacktestInputError(
            "--format",
            None,
            "md",
            "Markdown is for --compare reports",
            "use text, csv or json for the codings",
        )
    codings = code_history(args.atop, args.wars, args.contiguity)
    if args.compare is not None:
        from foederis.backtest.expert import compare, read_expert

        cmp = compare(codings, read_expert(args.compare, args.coding))
        if args.format == "json":
            return report.comparison_json(cmp, args.coding)
        if args.format == "csv":
            return report.comparison_csv(cmp)
        if args.format == "md":
            return report.comparison_markdown(cmp, args.coding, _command(argv))
        return report.comparison_text(cmp, args.coding)
    if not args.no_recent:
        from foederis.backtest.recent import DEFAULT_RECENT, code_recent, read_recent

        codings += code_recent(read_recent(args.recent or DEFAULT_RECENT))
    if args.format == "csv":
        return report.codings_csv(codings)
    if args.format == "json":
        return report.codings_jsonl(codings)
    return report.codings_text(codings)


def _command(argv: list[str]) -> str:
    """The command line as a user would type it (without -o, which names this file)."""
    out: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in ("-o", "--output"):
            skip = True
            continue
        if a.startswith("--output="):
            continue
        out.append(a)
    return "foederis backtest " + " ".join(shlex.quote(a) for a in out)
