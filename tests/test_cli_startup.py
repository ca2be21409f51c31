"""Start-up shortcuts change nothing a user sees.

``foederis.cli.main`` (the console entry) runs read-only commands with the cyclic garbage
collector paused during start-up and ends their process with ``os._exit`` once the output
is flushed (see its docstring; the figures are in the README, Speed). These tests run each
command as a real process (``python -m foederis``: ``main``, shortcuts on) and in this
process through ``foederis.cli.run`` (no shortcut), and compare stdout, stderr and the
exit code byte for byte; ``check`` and ``cascade`` also through the typer app, and what a
fresh ``check`` imports.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from foederis import cli
from foederis.cli import run

CHECK = ["check", "--attacker", "RUS", "--target", "EST", "--date", "2026-01-01"]
CASES = [
    CHECK,
    [*CHECK, "--all"],
    [*CHECK, "--format", "json"],
    [*CHECK, "--format", "markdown"],
    ["check", "--attacker", "CHN", "--target", "PHL", "--date", "2024-06-17", "--format", "csv"],
    ["cascade", "--attacker", "PRK", "--target", "KOR", "--date", "2010-11-23"],
    ["cascade", "--attacker", "RUS", "--target", "POL", "--date", "2025-01-01", "-f", "json"],
    ["allies", "EST", "--date", "2026-01-01"],
    ["allies", "PRK", "--date", "2025-06-01", "--format", "json"],
    ["show", "NATO"],
    ["show", "anzus", "--format", "json"],
    ["treaties", "--state", "PHL", "--date", "2024-06-17"],
    ["--help"],
    [],
    ["--version"],
    ["check", "-h"],
    ["check", "--attacker", "PRKK", "--target", "KOR"],
    ["cascade", "--attacker", "PRK", "--target", "KOR", "--rounds", "0"],
    ["show", "natto"],
    ["allies", "Narnia"],
]


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def fresh(args: list[str]) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        env={**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a) or "(no arguments)")
def test_a_fresh_process_prints_what_run_prints(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(list(args))
    here = capsys.readouterr()
    assert fresh(args) == (code, here.out, here.err)
    assert here.out or here.err, "the command printed nothing: the comparison proves nothing"


@pytest.mark.parametrize("args", [CHECK, [*CHECK, "--format", "json"], CASES[5]])
def test_fast_path_prints_what_the_typer_app_prints(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from foederis.cli.app import run_app

    code = run(list(args))
    fast = capsys.readouterr()
    try:
        full_code = run_app(list(args))
    except SystemExit as done:  # the typer command ends with typer.Exit(code)
        full_code = int(done.code or 0)
    full = capsys.readouterr()
    assert (code, fast.out, fast.err) == (full_code, full.out, full.err)
    assert fast.out


def test_a_fresh_check_imports_only_what_it_needs() -> None:
    probe = (
        "import sys\n"
        "from foederis.cli import run\n"
        f"code = run({CHECK!r})\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(proc.stderr.split())
    assert "foederis.engine.check" in loaded, "the probe did not run a check"
    heavy = {"typer", "rich", "click", "pydantic", "yaml", "hashlib", "numpy", "textwrap", "pickle"}
    assert loaded & heavy == set()


def test_the_collector_paused_by_main_is_resumed_once_the_kb_is_loaded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_gc_paused", True)
    gc.disable()
    try:
        assert run(list(CHECK)) == 0
        assert gc.isenabled()
        assert cli._gc_paused is False
    finally:
        gc.unfreeze()
        gc.enable()
    assert capsys.readouterr().out


DYADS = ["export", "dyad-years", "--start", "1949", "--end", "1952"]


@pytest.mark.parametrize(
    "args",
    [
        DYADS,
        [*DYADS, "--all-dyads"],
        [*DYADS, "-f", "json"],
        [*DYADS, "--format", "parquet"],  # parquet without a file: the app's error
        ["export", "dyad-years", "--start", "1700", "--end", "1952"],
        ["export", "dyad-years", "--start", "1952", "--end", "1949"],
        [*DYADS, "--format", "yaml"],  # declined by the fast parser: the app words it
        ["export", "dyad-years", "--start", "x", "--end", "1952"],
        ["export", "dyad-years", "--end", "1952"],
        [*DYADS, "--al"],  # no abbreviations (click takes none)
    ],
    ids=lambda a: " ".join(a[2:]),
)
def test_the_fast_dyad_year_export_prints_what_the_typer_app_prints(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export dyad-years` runs without typer when its command line is well formed; what it
    prints (rows, errors, exit code) is what the typer command prints."""
    from foederis.cli import fast

    code = run(list(args))
    quick = capsys.readouterr()
    monkeypatch.setattr(fast, "export_dyad_years", lambda argv: None)
    full_code = run(list(args))
    full = capsys.readouterr()
    assert (code, quick.out, quick.err) == (full_code, full.out, full.err)
    assert quick.out or quick.err


def test_a_warm_dyad_year_export_imports_no_typer(tmp_path: Path) -> None:
    env = {**os.environ, "FOEDERIS_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache
        proc = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-m",
                "foederis",
                *DYADS,
                "-o",
                str(tmp_path / "d.csv"),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
            env=env,
        )
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "numpy" in imported  # the probe works
    assert not imported & {"typer", "click", "pydantic", "rich"}
