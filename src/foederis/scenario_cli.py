"""`foederis check` and `foederis cascade`.

These two commands are what analysts run most, often from scripts, so they are parsed with
argparse and rendered as plain text or JSON without importing typer or rich: a fresh
process answers in little more than the interpreter's own start-up time (see
benchmarks/bench_engine.py). `foederis --help` still lists them (cli.py registers them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from foederis.engine.cascade import CascadeResult
    from foederis.engine.check import CheckResult
    from foederis.model.scenario import Scenario

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}
COMMANDS = {
    "check": "Which obligations an attack triggers: who, under which clause, how strongly, why.",
    "cascade": "Follow the war round by round as bound allies join.",
}


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
        sys.stderr.write(
            f"error: {message}\n  hint: see `foederis {self.prog.split()[-1]} --help`\n"
        )
        raise SystemExit(1)


def build_parser(command: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"foederis {command}", description=COMMANDS[command])
    p.add_argument(
        "--attacker",
        action="append",
        required=True,
        metavar="STATE",
        help="attacking state(s): ISO3 code or name; repeat or comma-separate; "
        "or non-state[:name] for a non-state actor",
    )
    p.add_argument("--target", required=True, metavar="STATE", help="the attacked state")
    p.add_argument(
        "--date", dest="on", metavar="YYYY-MM-DD", help="day of the attack (default: today)"
    )
    p.add_argument(
        "--where",
        metavar="PLACE",
        help="gazetteer place (default: the target's own territory); `foederis areas` lists them",
    )
    p.add_argument(
        "--asset",
        default="territory",
        help="territory | armed_forces | public_vessel | coast_guard | aircraft | "
        "civilians (default: territory)",
    )
    p.add_argument(
        "--severity",
        default="armed_attack",
        help="imminent_threat | gray_zone | armed_attack | invasion (default: armed_attack)",
    )
    p.add_argument(
        "--initiator",
        default="attacker",
        help="who started the fighting: attacker | target | unknown (default: attacker)",
    )
    p.add_argument("--format", "-f", dest="fmt", choices=["text", "json"], default="text")
    p.add_argument(
        "--kb",
        action="append",
        type=Path,
        metavar="DIR",
        help="extra KB directory layered over the built-in KB (repeatable)",
    )
    if command == "check":
        p.add_argument(
            "--all", dest="show_all", action="store_true", help="list not-triggered rows too"
        )
    else:
        p.add_argument("--mode", choices=["legal", "escalation"], default="legal")
        p.add_argument("--rounds", type=int, metavar="N", help="stop after N rounds")
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
    """Run `foederis check|cascade ARGS`; returns the exit code. Errors: message + hint."""
    from foederis import states
    from foederis.errors import FoederisError, KBValidationError, ScenarioError

    ns = build_parser(command).parse_args(list(argv))
    try:
        from foederis.kb import load_kb

        scenario = parse_scenario(ns)
        kb = load_kb(ns.kb or None)
        if command == "check":
            from foederis.engine.check import check

            result = check(scenario, kb)
            _emit(result.to_json() if ns.fmt == "json" else check_text(result, ns.show_all), ns.fmt)
        else:
            from foederis.engine.cascade import cascade

            if ns.rounds is not None and ns.rounds < 1:
                raise FoederisError("--rounds must be at least 1")
            cres = cascade(scenario, kb, mode=ns.mode, rounds=ns.rounds)
            _emit(cres.to_json() if ns.fmt == "json" else cascade_text(cres), ns.fmt)
    except KBValidationError as exc:
        for p in exc.problems:
            sys.stderr.write(f"error: {p}\n")
        return 1
    except ScenarioError as exc:  # name the option, not the API field
        field = OPTIONS.get(exc.field, exc.field)
        message = exc.message.replace(f"{exc.field}: ", f"{field}: ", 1)
        sys.stderr.write(f"error: {message}\n" + (f"  hint: {exc.hint}\n" if exc.hint else ""))
        return 1
    except FoederisError as exc:
        sys.stderr.write(f"error: {exc.message}\n" + (f"  hint: {exc.hint}\n" if exc.hint else ""))
        return 1
    except states.UnknownStateError as exc:
        sys.stderr.write(f"error: {str(exc).strip(chr(39) + chr(34))}\n")
        return 1
    return 0


def _emit(data: Any, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(data)


def _name(code: str) -> str:
    from foederis import states

    return f"{states.get(code).name} ({code})" if states.is_known(code) else code


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in rows
    )


def check_text(result: CheckResult, show_all: bool = False) -> str:
    s = result.scenario
    attackers = ", ".join(a if a.startswith("non-state") else _name(a) for a in s.attacker)
    out = [
        f"{attackers} → {_name(s.target)}, {s.date}: {s.severity.value.replace('_', ' ')} "
        f"on {s.asset.value.replace('_', ' ')} in {result.place_name} "
        f"(started by: {s.initiator.value})\n\n"
    ]
    rows = result.obligations
    no_duty = result.no_duty
    if not rows:
        if not no_duty:
            out.append(f"No treaty in the knowledge base protects {_name(s.target)}.\n")
        out += no_duty_text(no_duty)
        return "".join(out)
    shown = [o for o in rows if show_all or o.status.value != "not_triggered" or len(rows) <= 12]
    table = [["STATUS", "OBLIGATED STATE", "TREATY", "CLAUSE", "STRENGTH"]]
    table += [
        [o.status.value, _name(o.state), o.treaty, o.article, o.strength.value] for o in shown
    ]
    out.append(_table(table))
    hidden = len(rows) - len(shown)
    if hidden:
        out.append(f"({hidden} not-triggered obligations hidden; --all lists them)\n")
    out.append("\nREASONS\n")
    seen: set[tuple[str, str]] = set()
    for o in shown:
        key = (o.clause, o.status.value + "".join(r.text for r in o.failing()))
        if key in seen:
            continue  # same clause, same verdict: printed already
        seen.add(key)
        same = [
            x.state
            for x in shown
            if x.clause == o.clause and x.status is o.status and x.failing() == o.failing()
        ]
        who = ", ".join(same[:8]) + (f" and {len(same) - 8} more" if len(same) > 8 else "")
        out.append(f"\n{o.clause} ({o.article}) → {o.status.value}: {who}\n")
        out += [f"  {MARK[r.verdict.value]} {r.text}\n" for r in o.reasons]
        out += [f"    source: {src.url}\n" for src in o.sources[:3]]
    if no_duty:
        out.append("\nNO DUTY\n")
        out += no_duty_text(no_duty)
    return "".join(out)


def no_duty_text(entries: Sequence[Any]) -> list[str]:
    """One paragraph per instrument: "No treaty obliges X ...; the closest instrument is Y,
    which has no defense clause", with its sources."""
    out: list[str] = []
    for n in entries:
        out.append(f"{n.text}\n")
        out += [f"    source: {url}\n" for url in n.sources]
    return out


def cascade_text(result: CascadeResult) -> str:
    out = [f"Cascade ({result.mode.value} mode)\n"]
    for i, entries in enumerate(result.rounds):
        out.append(f"\nRound {i}\n")
        for e in entries:
            if e.obligation is None:
                out.append(f"  {_name(e.state)}: {e.side} side\n")
            else:
                o = e.obligation
                out.append(
                    f"  {_name(e.state)} joins the {e.side} side: {o.treaty} "
                    f"{o.article} protects {_name(o.protects)} ({o.status.value}, "
                    f"{o.strength.value})\n"
                )
    for c in result.conflicts:
        out.append(f"conflict: {_name(c['state'])} is bound to both sides: {c['bound_to']}\n")
    sides = result.sides
    out.append(
        f"\nSides ({result.stopped.replace('_', ' ')}): attacker: "
        f"{', '.join(sides['attacker'])} | target: {', '.join(sides['target'])}\n"
    )
    return "".join(out)
