"""Engine speed, each figure printed with a baseline measured in the same run.

    python benchmarks/bench_engine.py [--pairs-date 2024-06-17] [--cli-runs 15]

1. one warm `check` (median over many scenarios) vs. the cost of building the Scenario;
2. `check` for every ordered pair of states on one date (~42,000 scenarios), with and
   without expanding every obligation row, vs. building the same scenarios;
3. `foederis check` as a fresh process vs. a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from itertools import permutations

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


def cli(runs: int) -> None:
    exe = [sys.executable, "-m", "foederis"]
    args = [
        "check",
        "--attacker",
        "PRK",
        "--target",
        "KOR",
        "--date",
        "2010-11-23",
        "--format",
        "json",
    ]
    subprocess.run([*exe, *args], check=True, capture_output=True)  # fill the KB cache

    def timed(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return time.perf_counter() - t0

    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(runs))
    ours = statistics.median(timed([*exe, *args]) for _ in range(runs))
    print(
        f"`foederis check` fresh process: {ours * 1000:6.0f} ms   baseline `python -c pass`: "
        f"{bare * 1000:5.0f} ms   ratio {ours / bare:4.1f}x (target <= 3x)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pairs-date", default="2024-06-17")
    ap.add_argument("--cli-runs", type=int, default=15)
    args = ap.parse_args()
    kb = load_kb()
    engine = Engine(kb)
    print(f"KB: {len(kb.treaties)} treaties, {len(states.all_states())} states")
    warm_check(engine)
    all_pairs(engine, date.fromisoformat(args.pairs_date))
    cli(args.cli_runs)


if __name__ == "__main__":
    main()
