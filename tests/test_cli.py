"""The command line as a user meets it: real subprocesses, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


CHECK = ["check", "--attacker", "PRK", "--target", "KOR", "--date", "2010-11-23"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--attacker", "PRKK", "--target", "KOR"], ["--attacker", "did you mean PRK"]),
        (["check", "--attacker", "PRK", "--target", "PRK"], ["same state"]),
        (
            ["check", "--attacker", "PRK", "--target", "KOR", "--date", "2024-02-30"],
            ["--date", "not a valid date", "YYYY-MM-DD"],
        ),
        (
            ["check", "--attacker", "PRK", "--target", "KOR", "--date", "1700-01-01"],
            ["--date", "1815"],
        ),
        (
            ["check", "--attacker", "PRK", "--target", "KOR", "--where", "atlantis"],
            ["--where", "unknown place 'atlantis'"],
        ),
        (
            ["check", "--attacker", "PRK", "--target", "KOR", "--asset", "tanks"],
            ["--asset", "allowed"],
        ),
        (
            ["check", "--attacker", "PRK", "--target", "KOR", "--severity", "nuclear"],
            ["--severity", "allowed"],
        ),
        (
            ["check", "--attacker", "CHN", "--target", "USA", "--where", "senkaku-islands"],
            ["--where", "held by Japan", "armed_forces"],
        ),
        (["cascade", "--attacker", "PRK", "--target", "KOR", "--mode", "chaos"], ["--mode"]),
        (["check", "--target", "KOR"], ["--attacker"]),
        (["show", "natto"], ["unknown treaty 'natto'", "nato"]),
        (["allies", "Narnia"], ["unknown state"]),
        (["allies", "PRK", "--date", "2024-13-01"], ["--date", "not a valid date"]),
    ],
)
def test_bad_input_is_one_clear_error(args: list[str], words: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    for w in words:
        assert w in proc.stderr, f"{w!r} not in {proc.stderr!r}"


def test_check_json_has_the_documented_keys() -> None:
    proc = run(*CHECK, "--where", "yeonpyeong-island", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"scenario", "obligations", "no_duty", "summary"}
    assert data["scenario"]["target"] == "KOR"
    row = next(o for o in data["obligations"] if o["clause"] == "us-kor-1953#art-3")
    assert set(row) >= {
        "state",
        "protects",
        "treaty",
        "clause",
        "status",
        "strength",
        "reasons",
        "sources",
    }
    assert (row["state"], row["protects"], row["status"]) == ("USA", "KOR", "triggered")
    assert all(s["url"].startswith("http") for s in row["sources"])


def test_check_text_names_status_and_reasons() -> None:
    proc = run(*CHECK, "--where", "yeonpyeong-island")
    assert proc.returncode == 0, proc.stderr
    assert "United States (USA)" in proc.stdout and "triggered" in proc.stdout
    assert "✓ the attacker started the fighting" in proc.stdout


def test_cascade_json_rounds_and_sides() -> None:
    proc = run("cascade", *CHECK[1:], "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["rounds"][0]["round"] == 0
    assert {"state": "PRK", "side": "attacker"} in data["rounds"][0]["joined"]
    assert "USA" in data["sides"]["target"] and "CHN" not in data["sides"]["attacker"]
    assert data["stopped"] == "fixed_point"


def test_allies_prk_2025_and_before_entry_into_force() -> None:
    later = json.loads(run("allies", "PRK", "--date", "2025-06-01", "--format", "json").stdout)
    rows = {(r["obligated"], r["treaty"], r["article"]) for r in later["allies"]}
    assert ("RUS", "rus-prk-2024", "Art. 4") in rows
    assert any(r[0] == "CHN" and r[1] == "prc-prk-1961" for r in rows)
    before = json.loads(
        run("allies", "North Korea", "--date", "2024-07-01", "--format", "json").stdout
    )
    assert "RUS" not in {r["obligated"] for r in before["allies"]}
    assert before["signed_not_in_force"] == ["rus-prk-2024"]


def test_allies_new_zealand_2026() -> None:
    data = json.loads(run("allies", "NZL", "--date", "2026-01-01", "--format", "json").stdout)
    by = {(r["obligated"], r["treaty"]) for r in data["allies"]}
    assert ("AUS", "anzus") in by
    assert ("USA", "anzus") not in by


def test_treaties_filters_and_show_json() -> None:
    listed = json.loads(
        run("treaties", "--state", "PHL", "--date", "2024-06-17", "--format", "json").stdout
    )
    assert "us-phl-1951" in {t["id"] for t in listed}
    shown = json.loads(run("show", "nato", "--format", "json").stdout)
    assert shown["id"] == "nato" and shown["clauses"] and shown["sources"]


def test_export_obligations_csv_has_cow_codes(tmp_path: object) -> None:
    proc = run("export", "obligations", "--date", "2018-12-31", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    header, *lines = proc.stdout.splitlines()
    assert header.split(",")[:4] == ["obligated", "obligated_cow", "protected", "protected_cow"]
    assert any(line.startswith("USA,2,KOR,732,us-kor-1953") for line in lines)


def test_foederis_test_reports_a_failing_case_in_one_line(tmp_path: object) -> None:
    from pathlib import Path

    case = Path(str(tmp_path)) / "wrong.yaml"
    case.write_text(
        "sources:\n  - {id: s, kind: other, publisher: Example, url: 'https://example.org/x'}\n"
        "cases:\n  - name: A deliberately wrong expectation about Hawaii and NATO\n"
        "    date: 2026-01-01\n"
        "    input: {attacker: [CHN], target: USA, where: hawaii}\n"
        "    output:\n      GBR->USA: {status: triggered, clause: nato#art-5}\n"
        "    sources: [s]\n",
        encoding="utf-8",
    )
    proc = run("test", str(case))
    assert proc.returncode == 1
    assert "A deliberately wrong expectation" in proc.stderr
    assert "GBR->USA nato#art-5 @2026-01-01: expected triggered, got not_triggered" in proc.stderr
    assert "outside the area" in proc.stderr
    assert "0 passed, 1 failed" in proc.stdout
