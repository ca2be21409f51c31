"""Backtest speed, with a baseline measured in the same run.

    python benchmarks/bench_backtest.py [--data ../shared/data] [--runs 5]

Baseline: reading every row of the four input files with the csv module (the least any
backtest must do). Measured: reading and typing them, coding every (war, alliance) pair,
and comparing with the expert file; the recent wars through the engine; and the whole
``foederis backtest --compare`` as a fresh process vs ``python -c pass``. Medians of
``--runs`` runs.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    d: Path = args.data
    if not d.is_dir():
        sys.exit(f"no data at {d}: pass --data DIR (the folder holding atop/, cow/, reliability/)")
    atop, wars = d / "atop", d / "cow" / "inter_state_war_ddy.csv"
    expert = d / "reliability" / "berkemeier_fuhrmann_2018.csv"
    files = [
        atop / "atop4_01_alliance.csv",
        atop / "atop4_01_member.csv",
        wars,
        d / "cow" / "contiguity_direct.csv",
        expert,
    ]

    def read_only() -> int:
        n = 0
        for f in files:
            with f.open(newline="", encoding="utf-8") as fh:
                n += sum(1 for _ in csv.reader(fh))
        return n

    from foederis.backtest import code_history
    from foederis.backtest.expert import compare, read_expert
    from foederis.backtest.recent import code_recent, read_recent

    def historical() -> int:
        codings = code_history(atop, wars)
        return compare(codings, read_expert(expert)).agree

    code_recent(read_recent())  # load the KB once (cached afterwards, as in one CLI run)
    base = median_s(read_only, args.runs)
    full = median_s(historical, args.runs)
    recent = median_s(lambda: code_recent(read_recent()), args.runs)
    n_pairs = len(code_history(atop, wars))
    print(f"rows in the input files: {read_only():,}; (war, alliance) pairs coded: {n_pairs:,}")
    print(f"baseline, csv.reader over the input files: {base * 1000:8.1f} ms")
    ratio = full / base
    print(f"read + code every pair + compare:          {full * 1000:8.1f} ms  ({ratio:.1f}x)")
    print(f"recent wars through the engine (warm KB):  {recent * 1000:8.1f} ms")

    cmd = [
        sys.executable,
        "-m",
        "foederis",
        "backtest",
        "--atop",
        str(atop),
        "--wars",
        str(wars),
        "--compare",
        str(expert),
    ]
    proc = median_s(
        lambda: subprocess.run(cmd, check=True, capture_output=True), max(3, args.runs // 2)
    )
    bare = median_s(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), max(3, args.runs // 2)
    )
    print(f"foederis backtest --compare, fresh process: {proc * 1000:7.0f} ms")
    print(
        f"python -c pass, fresh process:              {bare * 1000:7.0f} ms  ({proc / bare:.1f}x)"
    )
    full_cmd = [*cmd[:-2], "--format", "csv"]
    whole = median_s(
        lambda: subprocess.run(full_cmd, check=True, capture_output=True), max(3, args.runs // 2)
    )
    print(f"foederis backtest (history + recent wars, CSV), fresh process: {whole * 1000:.0f} ms")


if __name__ == "__main__":
    main()
