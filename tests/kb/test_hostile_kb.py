"""Hostile treaty files (issue 9, items 1 and 6): the loader is bounded and refuses
anchors, aliases and explicit tags with file:line errors; state codes are exact wherever a
state appears; `validate` never says "valid" when it checked nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from foederis.errors import KBValidationError
from foederis.kb import BUILTIN_DIR, load_kb, validate_paths
from foederis.kb.yamlfile import MAX_BYTES, parse_yaml

TREATIES = BUILTIN_DIR / "treaties"

# 8 levels of aliases, 9 references each: ~4.3e7 leaves when expanded (the bomb)
BOMB = "\n".join(
    ["id: bomb", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    + ["name: *a7", ""]
)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "COLUMNS": "1000", **(env or {})},
    )


def test_bomb_is_small() -> None:
    assert len(BOMB) < 400


def test_alias_bomb_is_refused_at_its_anchor(tmp_path: Path) -> None:
    f = tmp_path / "bomb.yaml"
    f.write_text(BOMB)
    problems = validate_paths([f])
    assert len(problems) == 1
    p = problems[0]
    assert p.file.endswith("bomb.yaml") and p.line == 2 and p.field == "a0"
    assert "anchors are not allowed (&a0)" in p.message


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("id: x\nname: *nothing\n", 2, "name", "aliases are not allowed"),
        ("id: x\natop_id: !!int abc\n", 2, "atop_id", "explicit tags are not allowed (!!int)"),
        ("id: x\nname: !foo bar\n", 2, "name", "explicit tags are not allowed (!foo)"),
        ("id: x\nparties: !!seq []\n", 2, "parties", "explicit tags"),
        ("id: x\natop_id: " + "9" * 5000 + "\n", 2, "atop_id", "not a valid value"),
        ("id: x\nsigned: " + "[" * 40 + "]" * 40 + "\n", 2, "signed", "nested deeper"),
        ("id: x\n---\nid: y\n", 2, "(file)", "more than one YAML document"),
        ("id: x\n? [a, b]\n: 1\n", 2, "(file)", "a key must be plain text"),
    ],
)
def test_hostile_yaml_is_one_located_problem(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    f = tmp_path / "x.yaml"
    f.write_text(text)
    problems = validate_paths([f])
    assert problems and problems[0].line == line, problems
    assert problems[0].field.startswith(field), problems
    assert words in problems[0].message


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text("id: big\nnote: '" + "x" * MAX_BYTES + "'\n")
    problems = validate_paths([f])
    assert [p.message for p in problems] == [f"too large: over {MAX_BYTES:,} bytes"]


def test_parse_yaml_keeps_lines_and_drops_duplicate_values() -> None:
    doc = parse_yaml("a:\n  b: 1\n  b: {c: [1, 2]}\n  d:\n    - x\n    - y: 2\n", "f.yaml")
    assert doc.data == {"a": {"b": 1, "d": ["x", {"y": 2}]}}
    assert [(p.line, p.field, p.message) for p in doc.problems] == [(3, "a.b", "duplicate key")]
    assert doc.lines[("a", "d", 1, "y")] == 6


@pytest.mark.parametrize("how", ["validate", "--kb", "FOEDERIS_KB"])
def test_cli_refuses_the_bomb_quickly(tmp_path: Path, how: str) -> None:
    (tmp_path / "bomb.yaml").write_text(BOMB)
    if how == "validate":
        proc = _run("validate", str(tmp_path))
    elif how == "--kb":
        proc = _run("treaties", "--kb", str(tmp_path))
    else:
        proc = _run("treaties", env={"FOEDERIS_KB": str(tmp_path)})
    assert proc.returncode == 1, proc.stdout
    assert "Traceback" not in proc.stderr
    assert "bomb.yaml:2" in proc.stderr and "anchors are not allowed" in proc.stderr


# ---- state codes: exact everywhere a state appears ---------------------------------


def _mutated(tmp_path: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    text = (TREATIES / name).read_text()
    assert old in text, f"{old!r} not in {name}: the fixture needs updating"
    (tmp_path / name).write_text(text.replace(old, new, count))
    return tmp_path / name


@pytest.mark.parametrize(
    ("name", "old", "new", "field"),
    [
        ("anzus.yaml", "state: NZL", "state: nzl", "state"),
        ("anzus.yaml", "state: USA", 'state: " USA"', "state"),
        ("us-kor-1953.yaml", "state: KOR", "state: kor", "state"),
    ],
)
def test_non_canonical_party_code_is_refused(
    tmp_path: Path, name: str, old: str, new: str, field: str
) -> None:
    problems = validate_paths([_mutated(tmp_path, name, old, new)])
    assert problems, "a lower-case or padded state code must not pass validation"
    assert any(
        p.field.endswith(field) and "upper-case ISO3" in p.message and "hint" in str(p)
        for p in problems
    ), problems


def _mapping_with_state_lists(tmp_path: Path) -> Path:
    """A minimal treaty naming states in every place a state can appear."""
    f = tmp_path / "codes.yaml"
    f.write_text(
        """id: codes
name: Codes
short_name: Codes
in_force: 2000-01-01
sources:
  - {id: s, kind: other, publisher: Example, url: "https://example.org/"}
parties:
  - {state: USA, joined: 2000-01-01, sources: [s]}
  - {state: NZL, joined: 2000-01-01, sources: [s]}
suspensions:
  - {kind: suspended, by: [usa], toward: [NZL], since: 2001-01-01, sources: [s]}
clauses:
  - id: c
    article: "1"
    type: defense
    sources: [s]
    trigger: {adversaries: [" CHN"]}
    obligation: {owed_by: [Usa], owed_to: ["nzl"], strength: automatic}
interpretations:
  - {id: i, clause: c, date: 2002-01-01, by: usa, effect: narrow, status: official,
     summary: x, sources: [s]}
invocations:
  - {id: v, clause: c, by: nzl, event: x, outcome: pending, sources: [s]}
"""
    )
    return f


def test_every_state_field_is_checked(tmp_path: Path) -> None:
    problems = validate_paths([_mapping_with_state_lists(tmp_path)])
    flagged = {p.field for p in problems if "upper-case ISO3" in p.message}
    assert flagged >= {
        "suspensions[0].by[0]",
        "clauses[0].trigger.adversaries[0]",
        "clauses[0].obligation.owed_by[0]",
        "clauses[0].obligation.owed_to[0]",
        "interpretations[0].by",
        "invocations[0].by",
    }, problems


def test_load_kb_refuses_lower_case_party(tmp_path: Path) -> None:
    _mutated(tmp_path, "anzus.yaml", "state: NZL", "state: nzl")
    with pytest.raises(KBValidationError) as err:
        load_kb([tmp_path])
    assert any("upper-case ISO3" in p.message for p in err.value.problems)


# ---- validate must not say "valid" about nothing --------------------------------------


def _nothing_cases(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("id: x\n")
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "missing.yaml")
    linkdir = tmp_path / "linkdir"
    linkdir.mkdir()
    (linkdir / "gone.yaml").symlink_to(tmp_path / "gone.yaml")
    return {
        "empty directory": empty,
        "no yaml files": other,
        "null device": Path(os.devnull),
        "dangling symlink": dangling,
        "dangling symlink in a directory": linkdir,
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty directory",
        "no yaml files",
        "null device",
        "dangling symlink",
        "dangling symlink in a directory",
    ],
)
def test_validate_refuses_when_nothing_was_checked(tmp_path: Path, case: str) -> None:
    path = _nothing_cases(tmp_path)[case]
    assert validate_paths([path]), f"{case}: validate found no problem"
    proc = _run("validate", str(path))
    assert proc.returncode == 1, proc.stdout
    assert "valid" not in proc.stdout and "Traceback" not in proc.stderr


def test_upper_case_suffix_is_validated(tmp_path: Path) -> None:
    text = (TREATIES / "anzus.yaml").read_text().replace("state: NZL", "state: nzl", 1)
    (tmp_path / "anzus.YAML").write_text(text)
    problems = validate_paths([tmp_path])
    assert any("upper-case ISO3" in p.message for p in problems), problems


def test_unreadable_subdirectory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.walk's listing errors become problems (root can read anything, so the error is
    injected the way os.walk reports it)."""
    import foederis.kb.files as files

    (tmp_path / "ok.yaml").write_text((TREATIES / "anzus.yaml").read_text())
    real_walk = os.walk

    def walk(top: str | Path, onerror: object = None, **kw: object) -> object:
        err = PermissionError(13, "Permission denied", str(Path(top) / "secret"))
        onerror(err)  # type: ignore[operator]
        return real_walk(top, onerror=onerror, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(files.os, "walk", walk)
    problems = validate_paths([tmp_path])
    assert any("cannot list directory" in p.message and p.file.endswith("secret") for p in problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_subdirectory_really(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text((TREATIES / "anzus.yaml").read_text())
    secret = tmp_path / "secret"
    secret.mkdir()
    secret.chmod(0)
    try:
        problems = validate_paths([tmp_path])
    finally:
        secret.chmod(0o755)
    assert any("cannot list directory" in p.message for p in problems)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    problems = validate_paths([tmp_path])
    assert any("not a regular file" in p.message for p in problems), problems
