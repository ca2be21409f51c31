"""Render codings and comparisons: text, CSV, JSON and Markdown (the checked-in report).

Output is deterministic (sorted rows, no timestamps) so the checked-in report can be
compared byte for byte with a fresh run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from foederis.backtest.expert import CATEGORIES, NOT_CODED, Comparison, Pair
from foederis.backtest.rules import Coding

CSV_COLUMNS = (
    "warnum",
    "event",
    "atopid",
    "treaty",
    "category",
    "rule",
    "members_in_war",
    "reasons",
)
REASON_SEP = " | "


def coding_json(c: Coding) -> dict[str, Any]:
    return {
        "warnum": c.warnum,
        "event": c.event,
        "atopid": c.atopid,
        "treaty": c.treaty,
        "category": c.category.value,
        "dna": c.category.dna,
        "rule": c.rule,
        "members_in_war": list(c.members_in_war),
        "reasons": list(c.reasons),
    }


def codings_csv(codings: Iterable[Coding]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for c in codings:
        w.writerow(
            [
                c.warnum,
                c.event or "",
                "" if c.atopid is None else c.atopid,
                c.treaty or "",
                c.category.value,
                c.rule,
                " ".join(str(m) for m in c.members_in_war),
                REASON_SEP.join(c.reasons),
            ]
        )
    return buf.getvalue()


def codings_jsonl(codings: Iterable[Coding]) -> str:
    return json.dumps([coding_json(c) for c in codings], indent=1, ensure_ascii=False) + "\n"


def codings_text(codings: Iterable[Coding]) -> str:
    out: list[str] = []
    for c in codings:
        what = f"ATOP {c.atopid}" if c.atopid is not None else f"treaty {c.treaty}"
        war = f"war {c.warnum}" + (f" / {c.event}" if c.event else "")
        out.append(f"{war} × {what}: {c.category.value}  [{c.rule}]")
        out.extend(f"    {r}" for r in c.reasons)
    return "\n".join(out) + "\n"


# -- comparison ---------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _rate(pairs: list[Pair]) -> tuple[int, int]:
    done = [p for p in pairs if p.ours is not None]
    ok = sum(1 for p in done if p.ours is not None and p.ours.category == p.expert.category)
    return ok, len(done)


def summary(cmp: Comparison, coding: str) -> dict[str, Any]:
    ok, n = _rate(cmp.pairs)
    perf_ok, _ = cmp.performance_agreement()
    splits = {}
    for rem in (0, 2):
        s_ok, s_n = _rate(cmp.split(4, rem))
        splits[f"warid_mod4_{rem}"] = {"agree": s_ok, "compared": s_n}
    eras = {}
    for name, first, last in (
        ("COW 1-150 (to 1945)", 1, 150),
        ("COW 151+ (1950-2003)", 151, 10**6),
    ):
        era = [p for p in cmp.pairs if first <= (p.expert.cowwarid or 0) <= last]
        e_ok, e_n = _rate(era)
        eras[name] = {"agree": e_ok, "compared": e_n}
    return {
        "coding": coding,
        "expert_rows": len(cmp.pairs) + len(cmp.not_in_cow),
        "expert_rows_without_cow_war": len(cmp.not_in_cow),
        "expert_rows_not_coded": len(cmp.missing),
        "compared": n,
        "agree": ok,
        "agreement": round(ok / n, 4) if n else None,
        "agreement_counting_not_coded_as_wrong": round(ok / len(cmp.pairs), 4)
        if cmp.pairs
        else None,
        "performance_vs_dna_agree": perf_ok,
        "extra_pairs_coded_in_the_same_wars": cmp.extra,
        "splits": splits,
        "eras": eras,
    }


def comparison_json(cmp: Comparison, coding: str) -> str:
    conf = cmp.confusion()
    cols = [c.value for c in CATEGORIES] + [NOT_CODED]
    data = {
        "summary": summary(cmp, coding),
        "confusion": {e: {o: conf[(e, o)] for o in cols} for e in cols[:-1]},
        "disagreements": [_pair_json(p) for p in cmp.disagreements()],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _pair_json(p: Pair) -> dict[str, Any]:
    return {
        "warid": p.expert.warid,
        "warnum": p.expert.cowwarid,
        "warname": p.expert.warname,
        "atopid": p.expert.atopid,
        "expert": p.expert.category.value,
        "ours": p.ours.category.value if p.ours else None,
        "rule": p.ours.rule if p.ours else None,
        "reasons": list(p.ours.reasons) if p.ours else [],
    }


def comparison_csv(cmp: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(("warid", "warnum", "warname", "atopid", "expert", "ours", "rule", "reasons"))
    for p in cmp.pairs:
        w.writerow(
            (
                p.expert.warid,
                p.expert.cowwarid,
                p.expert.warname,
                p.expert.atopid,
                p.expert.category.value,
                p.ours.category.value if p.ours else NOT_CODED,
                p.ours.rule if p.ours else "",
                REASON_SEP.join(p.ours.reasons) if p.ours else "",
            )
        )
    return buf.getvalue()


def _matrix_rows(cmp: Comparison) -> tuple[list[str], list[list[str]]]:
    conf = cmp.confusion()
    cols = [c.value for c in CATEGORIES] + [NOT_CODED]
    rows = []
    for e in cols[:-1]:
        rows.append([e, *(str(conf[(e, o)]) for o in cols), str(sum(conf[(e, o)] for o in cols))])
    return cols, rows


def _figures(cmp: Comparison, coding: str) -> list[str]:
    s = summary(cmp, coding)
    n, ok = s["compared"], s["agree"]
    lines = [
        f"Expert coding: {coding.upper()} ({s['expert_rows']} rows; "
        f"{s['expert_rows_without_cow_war']} are wars of the Interstate War Data that COW "
        "does not list, so they cannot be coded "
        f"from the COW file; {s['expert_rows_not_coded']} more name an alliance member that COW "
        "does not list as a participant, so the backtest has no such pair).",
        f"Agreement over the five categories: {ok}/{n} = {_pct(ok / n if n else 0)} of the pairs "
        f"both coded; {_pct(s['agreement_counting_not_coded_as_wrong'] or 0)} if the pairs not "
        "coded count as wrong.",
        f"Performance (honor/violate) vs not a case (dna): {s['performance_vs_dna_agree']}/{n} = "
        f"{_pct(s['performance_vs_dna_agree'] / n if n else 0)}.",
    ]
    for name, d in s["splits"].items():
        rem = name[-1]
        lines.append(
            f"Wars with expert id ≡ {rem} (mod 4): {d['agree']}/{d['compared']} = "
            f"{_pct(d['agree'] / d['compared'] if d['compared'] else 0)}."
        )
    for era, d in s["eras"].items():
        lines.append(
            f"Wars {era}: {d['agree']}/{d['compared']} = "
            f"{_pct(d['agree'] / d['compared'] if d['compared'] else 0)}."
        )
    lines.append(
        f"The backtest also codes {s['extra_pairs_coded_in_the_same_wars']} (war, alliance) pairs "
        "in the same wars that the expert file does not hold."
    )
    return lines


def comparison_text(cmp: Comparison, coding: str) -> str:
    out = _figures(cmp, coding)
    cols, rows = _matrix_rows(cmp)
    out.append("")
    out.append("Confusion matrix (rows: expert, columns: backtest)")
    widths = [max(9, *(len(r[i]) for r in rows)) for i in range(len(cols) + 2)]
    header = ["expert", *cols, "total"]
    out.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for r in rows:
        out.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    out.append("")
    out.append("Disagreements (expert vs backtest)")
    for p in cmp.disagreements():
        ours = p.ours.category.value if p.ours else NOT_CODED
        out.append(
            f"- {p.expert.warname} (COW {p.expert.cowwarid}) × ATOP {p.expert.atopid}: "
            f"expert {p.expert.category.value}, backtest {ours}"
            + (f" [{p.ours.rule}]" if p.ours else "")
        )
        if p.ours:
            out.extend(f"    {r}" for r in p.ours.reasons)
    return "\n".join(out) + "\n"


def comparison_markdown(cmp: Comparison, coding: str, command: str) -> str:
    out = [
        "# Backtest: agreement with the expert coding",
        "",
        "Generated by the command below; do not edit by hand (a test fails when this file is",
        "stale). Method and lessons: [backtest.md](backtest.md).",
        "",
        "```bash",
        command,
        "```",
        "",
    ]
    out.extend(f"- {line}" for line in _figures(cmp, coding))
    cols, rows = _matrix_rows(cmp)
    out += ["", "## Confusion matrix", "", "Rows: expert coding; columns: backtest.", ""]
    out.append("| expert \\ backtest | " + " | ".join(cols) + " | total |")
    out.append("|---" * (len(cols) + 2) + "|")
    for r in rows:
        out.append("| " + " | ".join(r) + " |")
    out += [
        "",
        "## Disagreements",
        "",
        "Both codings side by side, with the rule and the facts that decided the backtest's.",
        "",
    ]
    out.append("| war (COW) | ATOP | expert | backtest | rule | reasons |")
    out.append("|---|---|---|---|---|---|")
    for p in cmp.disagreements():
        ours = p.ours.category.value if p.ours else NOT_CODED
        reasons = (
            "<br>".join(_md(r) for r in p.ours.reasons)
            if p.ours
            else ("no member of this alliance is a participant of this war in the COW file")
        )
        out.append(
            f"| {_md(p.expert.warname)} ({p.expert.cowwarid}) | {p.expert.atopid} | "
            f"{p.expert.category.value} | {ours} | {p.ours.rule if p.ours else ''} | {reasons} |"
        )
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
