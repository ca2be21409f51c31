"""ATOP import and dyad-year export, end to end, each beside a baseline measured in the same run.

    python benchmarks/bench_dyads.py [--atop ../shared/data/atop] [--runs 3]

1. `foederis import atop DIR` (all 745 alliances) as a fresh process;
2. `foederis export dyad-years --start 1816 --end 2018 --all-dyads` (every directed
   dyad-year of the COW state system with ATOP's flags: the rows of peacesciencer's
   `create_dyadyears() |> add_atop_alliance()`, plus the rows with an obligation outside
   the system and foederis's own columns), Parquet and CSV (the default), first run (cold
   cache) and warm; and the same for 1816-2025;
3. baselines: `python -c pass`, `python -c 'import numpy, pyarrow.parquet'` (the floor
   any Python exporter of these rows pays) and, where R with peacesciencer is installed, the
   same rows in R
   (`Rscript -e 'library(peacesciencer); create_dyadyears() |> add_atop_alliance()'`).
   Without R, the issue's reference figure is printed (6.66 s end to end, R 4 on a 2-core
   machine), marked as not measured here.

Every figure is wall time and CPU time of the child processes (the machine may be shared:
CPU time is the fairer comparison then). Each run uses its own cache directory. The children
run byte-compiled, as an installed package does: where the environment sets
PYTHONDONTWRITEBYTECODE, every run would otherwise compile foederis's modules from source
(about 0.1 s), so the children get their own PYTHONPYCACHEPREFIX instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEACESCIENCER_REFERENCE = 6.66  # s, end to end incl. R start-up (issue 12), not measured here


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(args, env={**CHILD_ENV, **env}, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--atop", type=Path, default=Path("../shared/data/atop"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not (args.atop / "atop4_01_member.csv").is_file():
        raise SystemExit(f"ATOP files not found in {args.atop}")
    work = Path(tempfile.mkdtemp(prefix="bench-dyads-"))
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    _run([sys.executable, "-m", "foederis", "--help"], {})  # byte-compile once
    foederis = [sys.executable, "-m", "foederis"]
    layer = work / "atop-layer.json"
    rows: list[tuple[str, float, float]] = []
    try:
        base = _median([_run([sys.executable, "-c", "pass"], {}) for _ in range(args.runs)])
        rows.append(("baseline: python -c pass", *base))
        libs = "import numpy, pyarrow.parquet"
        floor = _median([_run([sys.executable, "-c", libs], {}) for _ in range(args.runs)])
        rows.append(("baseline: python -c 'import numpy, pyarrow.parquet'", *floor))
        imp = _median(
            [
                _run([*foederis, "import", "atop", str(args.atop), "--out", str(layer)], {})
                for _ in range(args.runs)
            ]
        )
        rows.append(("foederis import atop (745 alliances)", *imp))
        for end in (2018, 2025):
            for fmt in ("parquet", "csv"):
                out = work / f"dy-{end}.{fmt}"
                cmd = [*foederis, "export", "dyad-years", "--start", "1816", "--end", str(end)]
                cmd += ["--all-dyads", "-f", fmt, "-o", str(out)]
                cold = []
                for i in range(args.runs):
                    cache = work / f"cache-{end}-{fmt}-{i}"
                    cold.append(
                        _run(cmd, {"FOEDERIS_ATOP": str(layer), "FOEDERIS_CACHE_DIR": str(cache)})
                    )
                rows.append((f"export 1816-{end} --all-dyads {fmt}, cold cache", *_median(cold)))
                cache = work / f"cache-{end}-{fmt}-warm"
                env = {"FOEDERIS_ATOP": str(layer), "FOEDERIS_CACHE_DIR": str(cache)}
                _run(cmd, env)
                warm = _median([_run(cmd, env) for _ in range(args.runs)])
                rows.append((f"export 1816-{end} --all-dyads {fmt}, warm cache", *warm))
        r_cmd = shutil.which("Rscript")
        if r_cmd:
            expr = "library(peacesciencer); d <- create_dyadyears() |> add_atop_alliance()"
            got = _median([_run([r_cmd, "-e", expr], {}) for _ in range(args.runs)])
            rows.append(("peacesciencer (R), same rows", *got))
            ref = got[0]
        else:
            ref = PEACESCIENCER_REFERENCE
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'what':58} {'wall s':>8} {'cpu s':>8} {'ref/wall':>9} {'ref/cpu':>8}")
    for what, wall, cpu in rows:
        rw = f"{ref / wall:8.1f}x" if "export" in what else ""
        rc = f"{ref / cpu:7.1f}x" if "export" in what else ""
        print(f"{what:58} {wall:8.2f} {cpu:8.2f} {rw:>9} {rc:>8}")
    if not r_cmd:
        print(
            f"peacesciencer: R is not installed here; reference {PEACESCIENCER_REFERENCE} s "
            "end to end (issue 12, 2-core machine), not measured in this run"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
