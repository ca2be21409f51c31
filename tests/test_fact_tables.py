"""Fact tables (tests/facts/*.yaml): a wrong fact fails with the file, row and field; a
malformed table is a clear error naming the file and line, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from foederis.errors import KBValidationError
from foederis.kb import load_kb
from foederis.testing.facts import check_row, load_fact_file

BAD = Path(__file__).parent / "fixtures" / "facts-bad" / "wrong_fact.yaml"
FACTS = Path(__file__).parent / "facts"


def test_wrong_fact_fails_naming_row_and_field() -> None:
    right, wrong = load_fact_file(BAD)
    kb = load_kb()
    assert check_row(right, kb) == []
    assert check_row(wrong, kb) == ["signed: the table says 1949-04-05, the KB says 1949-04-04"]
    assert wrong.where.endswith("wrong_fact.yaml:8: facts[1] (nato)")


def test_pytest_plugin_reports_file_and_row(tmp_path: Path) -> None:
    (tmp_path / "facts").mkdir()
    shutil.copy(BAD, tmp_path / "facts" / "wrong_fact.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "facts/wrong_fact.yaml:8: facts[1] (nato)" in proc.stdout
    assert "signed: the table says 1949-04-05, the KB says 1949-04-04" in proc.stdout
    assert "1 failed, 1 passed" in proc.stdout


def test_cli_runs_fact_tables() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", "test", str(BAD)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "wrong_fact.yaml:8: facts[1] nato treaty" in proc.stderr
    assert "the table says 1949-04-05" in proc.stderr
    assert "1 passed, 1 failed" in proc.stdout


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("  - {treaty: nato, sources: [x], signd: 1949-04-04}", "facts.0.signd"),
        ("  - {treaty: nato, members: [USA], sources: [x]}", "need `date`"),
        ("  - {treaty: nato, left: null, sources: [x]}", "need `party`"),
        ("  - {treaty: nato, article: '5', sources: [x]}", "need `clause`"),
        ("  - {treaty: nato, invocation: {when: 2001-10-02}, sources: [x]}", "unknown key"),
        ("  - {treaty: nato, signed: 1949-04-04}", "facts.0.sources"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("facts:\n" + row + "\n", encoding="utf-8")
    with pytest.raises(KBValidationError) as err:
        load_fact_file(path)
    text = str(err.value)
    assert "t.yaml:2" in text and message in text, text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{treaty: natoo, sources: [x]}", "no treaty 'natoo'"),
        ("{treaty: nato, signed: 1949-04-04, sources: [made-up]}", "['made-up'] are neither"),
        ("{treaty: nato, clause: art-55, sources: [parl-uk-text]}", "no clause 'art-55'"),
        ("{treaty: nato, party: XXX, sources: [parl-uk-text]}", "has 0 spells"),
        ("{treaty: nato, invocation: {id: nope}, sources: [parl-uk-text]}", "no invocation"),
    ],
)
def test_unknown_references_fail_plainly(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(f"facts:\n  - {row}\n", encoding="utf-8")
    (case,) = load_fact_file(path)
    problems = check_row(case, load_kb())
    assert any(message in p for p in problems), problems


def test_every_row_cites_sources_of_its_treaty() -> None:
    kb = load_kb()
    rows = [case for path in sorted(FACTS.glob("*.yaml")) for case in load_fact_file(path)]
    assert len(rows) > 200
    for case in rows:
        known = {s.id for s in kb.treaties[case.row.treaty].sources} | set(case.file_sources)
        assert set(case.row.sources) <= known, case.where


def test_cli_malformed_table_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("facts:\n  - {treaty: nato, signd: 1949-04-04}\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", "test", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "t.yaml:2: facts.0.signd" in proc.stderr and "facts.0.sources" in proc.stderr
    assert "Traceback" not in proc.stderr
