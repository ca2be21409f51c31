"""The command line with hostile data and paths (issue 9, items 8 and 11): user data is
printed verbatim (no markup, no emoji shortcodes), and OS/SQLite errors are one clean
`error:` line with a hint, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from foederis.kb import BUILTIN_DIR

MARKUP = "[/] [bold]x[/bold] :100: [red]"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "1000"},
    )


def clean_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.lstrip().startswith("error: "), proc.stderr
    assert "hint:" in proc.stderr
    for w in words:
        assert w in proc.stderr, (w, proc.stderr)


# ---- item 8: markup and shortcodes in data ---------------------------------------------


def test_problem_on_line_100_prints_the_number(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("# c\n" * 99 + f"id: x\nfoo: '{MARKUP}'\n")
    proc = run("validate", str(tmp_path / "x.yaml"))
    assert proc.returncode == 1
    assert "x.yaml:100:" in proc.stderr and "💯" not in proc.stderr + proc.stdout


def test_markup_in_a_treaty_name_is_printed_verbatim(tmp_path: Path) -> None:
    text = (BUILTIN_DIR / "treaties" / "anzus.yaml").read_text()
    for key in ("name", "short_name"):
        start = text.index(f"\n{key}: ") + 1
        end = text.index("\n", start)
        text = f'{text[:start]}{key}: "{MARKUP}"{text[end:]}'
    (tmp_path / "anzus.yaml").write_text(text)
    for args in (("treaties", "--kb", str(tmp_path)), ("show", "anzus", "--kb", str(tmp_path))):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        assert MARKUP in proc.stdout and "💯" not in proc.stdout


def test_markup_in_news_is_printed_verbatim(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.md").write_text(
        f"---\ntitle: '{MARKUP} title'\n---\n\n"
        f"NATO {MARKUP} has 30 member states, analysts said in 2019 {MARKUP}.\n"
    )
    db = str(tmp_path / "n.sqlite3")
    for args in (("ingest", str(news)), ("stories",), ("claims",), ("review",)):
        proc = run(*args, "--db", db)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "💯" not in proc.stdout
        if args[0] in ("ingest", "stories"):
            assert f"{MARKUP} title" in proc.stdout
        if args[0] == "claims":
            assert f"NATO {MARKUP} has 30" in proc.stdout


# ---- item 11: OS and SQLite errors -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("export", "obligations", "--date", "2018-12-31", "-o", "missing/x.csv"),
        ("export", "obligations", "--date", "2018-12-31", "-o", "adir"),
        ("export", "obligations", "--date", "2018-12-31", "--format", "json", "-o", "adir"),
        ("export", "dyad-years", "--start", "2000", "--end", "2001", "-o", "missing/x.csv"),
        ("export", "dyad-years", "--start", "2000", "--end", "2001", "-o", "adir"),
    ],
)
def test_output_into_missing_dir_or_onto_dir(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "adir").mkdir()
    clean_error(run(*args, cwd=tmp_path))


@pytest.mark.parametrize("command", ["stories", "claims", "review", "ingest"])
@pytest.mark.parametrize("target", ["text", "directory"])
def test_db_on_a_text_file_or_directory(tmp_path: Path, command: str, target: str) -> None:
    db = tmp_path / "thing"
    if target == "text":
        db.write_text("hello, not a database\n")
    else:
        db.mkdir()
    extra = [str(tmp_path / "none")] if command == "ingest" else []
    (tmp_path / "none").mkdir()
    proc = run(command, *extra, "--db", str(db))
    clean_error(proc, str(db))
    if target == "text":
        assert db.read_text() == "hello, not a database\n"  # left alone


def test_year_out_of_range(tmp_path: Path) -> None:
    atop = tmp_path / "atop.csv"
    atop.write_text("ccode1,ccode2,year,defense\n")
    clean_error(run("export", "coverage", "--atop", str(atop), "--year", "-5"), "--year")


@pytest.mark.parametrize("pid", ["99999999999999999999", "0"])
def test_review_accept_impossible_id(tmp_path: Path, pid: str) -> None:
    clean_error(run("review", "accept", pid, "--db", str(tmp_path / "n.sqlite3")), "ID")


def test_json_output_is_plain_json(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.md").write_text(f"---\ntitle: '{MARKUP}'\n---\n\nSome body text.\n")
    proc = run("ingest", str(news), "--db", str(tmp_path / "n.sqlite3"), "--format", "json")
    assert json.loads(proc.stdout)["documents"][0]["title"] == MARKUP


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--attacker", "RUS", "--target", "EST", "--date", "2026-01-01"),
        ("allies", "PRK", "--date", "2025-06-01"),
        ("--version",),
    ],
)
def test_closed_standard_output_is_a_clean_error(args: tuple[str, ...]) -> None:
    """``foederis ... >&-``: the process starts without stdout (sys.stdout is None)."""
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        close_fds=True,
        # close fd 1 in the child before Python starts
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith("error: standard output is closed"), proc.stderr
    assert "hint:" in proc.stderr
