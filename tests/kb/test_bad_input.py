"""Every kind of bad KB input gets one clear problem naming file, line and field (and a
hint), through the library and through `foederis validate` (exit code 1, no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from foederis.kb import validate_paths

BAD = Path(__file__).parent / "bad"

# file -> (line, field, words the message must contain)
CASES = {
    "bad-date.yaml": (5, "in_force", ["not a valid date", "2024-02-30", "YYYY-MM-DD"]),
    "unknown-state.yaml": (13, "parties[1].state", ["unknown state 'PRKK'", "PRK"]),
    "leaves-before-joins.yaml": (15, "parties[1].left", ["leaves", "before it joins"]),
    "overlapping-spells.yaml": (14, "parties[1].joined", ["overlap", "USA"]),
    "unknown-area.yaml": (
        22,
        "clauses[0].trigger.scope[0].areas[0]",
        ["unknown area 'north-atlantik-area'", "north-atlantic"],
    ),
    "unknown-source.yaml": (12, "parties[0].sources[0]", ["unknown source id 'txet'"]),
    "unknown-key.yaml": (13, "signd", ["unknown key"]),
    "duplicate-key.yaml": (13, "signed", ["duplicate key"]),
    "malformed.yaml": (13, "(syntax)", ["malformed YAML"]),
    "party-without-source.yaml": (10, "parties[0].sources", ["needs at least one source"]),
    "party-did-not-exist.yaml": (14, "parties[1].joined", ["UZB did not exist on 1970-06-01"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_reports_file_line_field(name: str) -> None:
    line, field, words = CASES[name]
    problems = validate_paths([BAD / name])
    assert problems, f"{name} should not validate"
    first = problems[0]
    assert first.file.endswith(name)
    assert first.line == line, str(first)
    assert first.field == field, str(first)
    text = str(first)
    for w in words:
        assert w in text, f"{w!r} not in {text!r}"


def test_duplicate_treaty_id_across_files() -> None:
    problems = validate_paths([BAD / "duplicate-id"])
    assert any(
        "duplicate treaty id 'same-id'" in str(p) and p.line == 1 and p.field == "id"
        for p in problems
    ), problems


def test_valid_builtin_kb_has_no_problems() -> None:
    problems = validate_paths([])
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("name", ["bad-date.yaml", "unknown-state.yaml", "malformed.yaml"])
def test_cli_validate_exits_1_without_traceback(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", "validate", str(BAD / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert name in proc.stderr
    assert f":{CASES[name][0]}:" in proc.stderr


def test_cli_validate_builtin_ok() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", "validate"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "valid" in proc.stdout
