"""Engine speed, each figure printed with a baseline measured in the same run.

    python benchmarks/bench_engine.py [--pairs-date 2024-06-17] [--cli-runs 30]
    python benchmarks/bench_engine.py --cli-only --cli-against /tmp/old-e189e80/src

1. one warm `check` (median over many scenarios) vs. the cost of building the Scenario;
2. `check` for every ordered pair of states on one date (~42,000 scenarios), with and
   without expanding every obligation row, vs. building the same scenarios;
3. `foederis check`, `cascade`, `allies`, `--help` and `show` as fresh processes vs. a bare
   `python -c pass` (and vs. another checkout with --cli-against).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from itertools import permutations
from pathlib import Path

from foederis import states
from foederis.engine.check import Engine
from foederis.kb import load_kb
from foederis.model.enums import Asset, Initiator, Severity
from foederis.model.scenario import Scenario


def _median_us(fn: object, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1000


def warm_check(engine: Engine) -> None:
    cases = [
        ("PRK", "KOR", date(2010, 11, 23)),
        ("CHN", "PHL", date(2024, 6, 17)),
        ("RUS", "POL", date(2025, 1, 1)),
        ("UKR", "RUS", date(2024, 12, 5)),
        ("AZE", "ARM", date(2022, 9, 13)),
    ]
    built = [Scenario(attacker=[a], target=t, date=d) for a, t, d in cases]
    for s in built:
        engine.check(s)  # warm caches
    check_us = statistics.median(
        _median_us(lambda s=s: engine.check(s).obligations, 2000) for s in built
    )
    base_us = statistics.median(
        _median_us(lambda a=a, t=t, d=d: Scenario(attacker=[a], target=t, date=d), 2000)
        for a, t, d in cases
    )
    import random

    rnd = random.Random(7)
    codes = [s.iso3 for s in states.all_states()]
    fresh = []
    while len(fresh) < 2000:
        a, t = rnd.sample(codes, 2)
        day = date(1950, 1, 1) + timedelta(days=rnd.randrange(27000))
        if states.exists(a, day) and states.exists(t, day):  # scenarios name living states
            fresh.append(Scenario(attacker=[a], target=t, date=day))
    fresh_us = statistics.median(
        _median_us(lambda s=s: engine.check(s).to_json(), 1) for s in fresh
    )
    print(f"check + JSON, 2000 distinct random scenarios (median): {fresh_us:8.1f} µs")
    print(
        f"warm check (median of 5 scenarios x 2000): {check_us:8.1f} µs   "
        f"baseline Scenario(...) build: {base_us:6.1f} µs   ratio {check_us / base_us:5.1f}x"
    )


def all_pairs(engine: Engine, day: date) -> None:
    codes = [s.iso3 for s in states.all_states() if states.exists(s.iso3, day)]
    pairs = list(permutations(codes, 2))
    t0 = time.perf_counter()
    built = [
        Scenario(
            attacker=(a,),
            target=t,
            date=day,
            where=None,
            asset=Asset.territory,
            severity=Severity.armed_attack,
            initiator=Initiator.attacker,
        )
        for a, t in pairs
    ]
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups = sum(len(engine.check(s).groups) for s in built)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups2 = sum(len(engine.check(s).groups) for s in built)
    checked = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = sum(len(engine.check(s).obligations) for s in built)
    expanded = time.perf_counter() - t0
    assert groups == groups2
    print(f"all ordered pairs on {day}: {len(pairs)} scenarios, {rows} obligation rows")
    print(f"  check, cold caches:      {first:6.2f} s")
    print(
        f"  check, warm caches:      {checked:6.2f} s   baseline building the scenarios: "
        f"{base:5.2f} s   ratio {checked / base:5.1f}x"
    )
    print(f"  check + expand all rows: {expanded:6.2f} s")


#: the commands whose start-up is measured (issue 15: it must not regress)
CLI_COMMANDS = {
    "check": ["check", "--attacker", "RUS", "--target", "EST", "--date", "2026-01-01"],
    "cascade": ["cascade", "--attacker", "RUS", "--target", "EST", "--date", "2026-01-01"],
    "allies": ["allies", "EST", "--date", "2026-01-01"],
    "--help": ["--help"],
    "show": ["show", "nato"],
}
#: what the console script `foederis` runs
ENTRY = "import sys; from foederis.cli import main; sys.exit(main())"


def cli(runs: int, against: Path | None) -> None:
    """Each command of CLI_COMMANDS as a fresh process, the minimum of ``runs`` (the run
    least disturbed by other load), against `python -c pass`; with ``--cli-against SRC``
    also the same commands run from another checkout's ``src`` (e.g. a worktree of an
    older commit), interleaved with ours so that both see the same load. .pyc files are
    used (PYTHONDONTWRITEBYTECODE is unset), as for an installed package; each tree has
    its own compiled-KB cache, filled before timing; the ATOP layer is off."""
    trees = {"this tree": Path(__file__).resolve().parents[1] / "src"}
    if against is not None:
        trees["--cli-against"] = against.resolve()
    cache = Path(tempfile.mkdtemp(prefix="foederis-bench-cli-"))
    envs = {}
    for i, (name, src) in enumerate(trees.items()):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(src), FOEDERIS_ATOP="off", FOEDERIS_CACHE_DIR=str(cache / str(i)))
        envs[name] = env

    def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
        """Wall time and the child's CPU time (user + system): on a shared machine the
        CPU time is the steadier figure."""
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stderr.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {err.decode(errors='replace')}")
        return wall, usage.ru_utime + usage.ru_stime

    for env in envs.values():  # fill the caches, write the .pyc files
        for args in CLI_COMMANDS.values():
            for _ in range(2):
                timed([sys.executable, "-c", ENTRY, *args], env)
    wall: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}
    for i in range(runs):
        for name in list(envs)[:: 1 if i % 2 == 0 else -1]:
            env = envs[name]
            for cmd, args in [("bare", ["-c", "pass"])] + [
                (c, ["-c", ENTRY, *a]) for c, a in CLI_COMMANDS.items()
            ]:
                w, c = timed([sys.executable, *args], env)
                wall[cmd, name] = min(wall.get((cmd, name), w), w)
                cpu[cmd, name] = min(cpu.get((cmd, name), c), c)
    bare_w = min(wall["bare", name] for name in envs)
    bare_c = min(cpu["bare", name] for name in envs)
    print(
        f"fresh processes, minimum of {runs}, wall / CPU time; baseline `python -c pass`: "
        f"{bare_w * 1000:.0f} / {bare_c * 1000:.0f} ms"
    )
    for cmd in CLI_COMMANDS:
        line = f"  foederis {cmd:8s}"
        for name in envs:
            w, c = wall[cmd, name], cpu[cmd, name]
            line += f"  {name}: {w * 1000:4.0f} ms ({w / bare_w:3.1f}x) / {c * 1000:4.0f} ms"
            line += f" ({c / bare_c:3.1f}x)"
        if against is not None:
            ours, theirs = (cmd, "this tree"), (cmd, "--cli-against")
            line += f"  ratio {wall[ours] / wall[theirs]:4.2f} / {cpu[ours] / cpu[theirs]:4.2f}"
        print(line)
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pairs-date", default="2024-06-17")
    ap.add_argument("--cli-runs", type=int, default=30)
    ap.add_argument(
        "--cli-against",
        type=Path,
        metavar="SRC",
        help="also time the CLI from this src directory (e.g. git worktree add /tmp/old "
        "e189e80, then /tmp/old/src), interleaved",
    )
    ap.add_argument("--cli-only", action="store_true", help="only the CLI start-up figures")
    args = ap.parse_args()
    if args.cli_only:
        cli(args.cli_runs, args.cli_against)
        return
    kb = load_kb()
    engine = Engine(kb)
    print(f"KB: {len(kb.treaties)} treaties, {len(states.all_states())} states")
    warm_check(engine)
    all_pairs(engine, date.fromisoformat(args.pairs_date))
    cli(args.cli_runs, args.cli_against)


if __name__ == "__main__":
    main()
