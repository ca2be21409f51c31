"""What ``foederis backtest`` computes and renders (the typer command in cli/app.py only
parses options and calls :func:`render`).

Without ``compare`` it renders the codings (text, CSV or JSON); with it, the agreement, the
confusion matrix and the disagreements (text, JSON, Markdown, or CSV of every pair side by
side). The Markdown report shows the command that made it, written canonically so the
checked-in report can be regenerated and compared byte for byte.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from foederis.errors import UsageError

if TYPE_CHECKING:
    from foederis.kb import KnowledgeBase

FORMATS = ("text", "csv", "json", "md")
CODINGS = ("bf", "llm")


def render(
    *,
    atop: Path,
    wars: Path,
    contiguity: Path | None = None,
    recent: Path | None = None,
    no_recent: bool = False,
    fmt: str = "text",
    compare: Path | None = None,
    coding: str = "bf",
    kb: KnowledgeBase | None = None,
) -> str:
    from foederis.backtest import code_history, report

    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format {fmt!r}", "use text, csv, json or md")
    if coding not in CODINGS:
        raise UsageError("--coding", f"unknown coding {coding!r}", "use bf or llm")
    if compare is None and fmt == "md":
        raise UsageError("--format", "md is for --compare reports", "use text, csv or json")
    codings = code_history(atop, wars, contiguity)
    if compare is not None:
        from foederis.backtest.expert import compare as compare_with
        from foederis.backtest.expert import read_expert

        cmp = compare_with(codings, read_expert(compare, coding))
        if fmt == "json":
            return report.comparison_json(cmp, coding)
        if fmt == "csv":
            return report.comparison_csv(cmp)
        if fmt == "md":
            cmd = command_line(
                atop=atop, wars=wars, contiguity=contiguity, compare=compare, coding=coding, fmt=fmt
            )
            return report.comparison_markdown(cmp, coding, cmd)
        return report.comparison_text(cmp, coding)
    if not no_recent:
        from foederis.backtest.recent import DEFAULT_RECENT, code_recent, read_recent

        codings += code_recent(read_recent(recent or DEFAULT_RECENT), kb)
    if fmt == "csv":
        return report.codings_csv(codings)
    if fmt == "json":
        return report.codings_jsonl(codings)
    return report.codings_text(codings)


def command_line(
    *,
    atop: Path,
    wars: Path,
    contiguity: Path | None,
    compare: Path | None,
    coding: str,
    fmt: str,
) -> str:
    """The command as a user types it (without -o, which names the report itself)."""
    parts = ["--atop", str(atop), "--wars", str(wars)]
    if contiguity is not None:
        parts += ["--contiguity", str(contiguity)]
    if compare is not None:
        parts += ["--compare", str(compare)]
    if coding != "bf":
        parts += ["--coding", coding]
    parts += ["--format", fmt]
    return "foederis backtest " + " ".join(shlex.quote(p) for p in parts)
