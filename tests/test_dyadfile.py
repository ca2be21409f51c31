"""Dyad-year tables on disk (foederis.exports.dyadfile): the column file and the CSV writer."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from foederis.exports import dyadfile
from foederis.exports.dyads import COLUMNS, NO_CODE, UNKNOWN, DyadYearTable, dyad_year_table
from foederis.kb import load_kb

NAMES = st.text(alphabet='AZ,"\n;é- ', min_size=1, max_size=8)


@st.composite
def tables(draw: st.DrawFn) -> DyadYearTable:
    names = tuple(draw(st.lists(NAMES, min_size=1, max_size=5, unique=True)))
    sets = ("", *draw(st.lists(NAMES, max_size=4, unique=True).filter(lambda x: "" not in x)))
    n = draw(st.integers(0, 40))
    ints = st.integers

    def col(values: st.SearchStrategy[int], dtype: type) -> np.ndarray:
        return np.array(draw(st.lists(values, min_size=n, max_size=n)), dtype=dtype)

    return DyadYearTable(
        ccode1=col(st.one_of(st.just(NO_CODE), ints(0, 9999)), np.int32),
        ccode2=col(st.one_of(st.just(NO_CODE), ints(0, 999)), np.int32),
        year=col(ints(1815, 2100), np.int32),
        atop=col(st.one_of(ints(0, 31), st.just(UNKNOWN)), np.uint8),
        flags=col(ints(0, 31), np.uint8),
        iso1=col(ints(0, len(names) - 1), np.int32),
        iso2=col(ints(0, len(names) - 1), np.int32),
        treaties=col(ints(0, len(sets) - 1), np.int32),
        names=names,
        treaty_sets=sets,
    )


def _csv_text(table: DyadYearTable) -> str:
    buf = io.BytesIO()
    dyadfile.write_csv(table, buf)
    return buf.getvalue().decode()


def _as_csv(row: dict[str, object]) -> list[str]:
    return ["" if row[c] is None else str(row[c]) for c in COLUMNS]


@settings(max_examples=150, deadline=None)
@given(tables())
def test_csv_holds_exactly_the_rows(table: DyadYearTable) -> None:
    """Parsed back by the csv module, the text gives every row's values (null: empty),
    whatever commas, quotes or line breaks the names hold."""
    parsed = list(csv.reader(io.StringIO(_csv_text(table), newline="")))
    assert parsed[0] == COLUMNS
    assert parsed[1:] == [_as_csv(r) for r in table.rows()]


def test_csv_of_the_kb_and_column_file_round_trip(tmp_path: Path) -> None:
    table = dyad_year_table(load_kb(), 1989, 1992, all_dyads=True)
    parsed = list(csv.reader(io.StringIO(_csv_text(table), newline="")))
    assert parsed[1:] == [_as_csv(r) for r in table.rows()]
    assert len(parsed) - 1 == len(table) > 50_000
    path = tmp_path / "t.cols"
    dyadfile.save(path, table, {"kb_digest": "x"})
    got = dyadfile.load(path)
    assert got is not None
    again, meta = got
    assert meta == {"kb_digest": "x"} and again.rows() == table.rows()
    # a damaged or foreign file is ignored (rebuilt from the KB), never trusted
    path.write_bytes(path.read_bytes()[:200])
    assert dyadfile.load(path) is None
    path.write_bytes(b"not a column file")
    assert dyadfile.load(path) is None


def _export(out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["export", "dyad-years", "--start", "1990", "--end", "1991", "-o", str(out)]
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args, *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "FOEDERIS_CACHE_DIR": str(cache)},
    )


def test_a_warm_export_reads_the_column_file_and_a_kb_edit_invalidates_it(
    tmp_path: Path,
) -> None:
    kb = tmp_path / "kb" / "treaties"
    kb.mkdir(parents=True)
    pact = (
        "id: test-pact\nname: A test pact\nshort_name: Test pact\n"
        "signed: 1990-01-01\nin_force: 1990-06-01\n"
        "sources:\n  - id: s\n    kind: other\n    publisher: Example\n"
        "    url: https://example.org/pact\n"
        "parties:\n  - {state: ISL, joined: 1990-06-01, sources: [s]}\n"
        "  - {state: NZL, joined: 1990-06-01, sources: [s]}\n"
        "clauses:\n  - id: art-1\n    article: '1'\n    type: defense\n    sources: [s]\n"
        "    obligation: {strength: automatic}\n"
    )
    (kb / "test-pact.yaml").write_text(pact, encoding="utf-8")
    cache = tmp_path / "cache"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _export(first, cache, "--kb", str(kb.parent)).returncode == 0
    assert len(list(cache.glob("dyadyears-*.cols"))) == 1
    assert _export(second, cache, "--kb", str(kb.parent)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert "395,920,1990" in first.read_text()  # ISL owes NZL
    meta = json.loads((tmp_path / "b.csv.meta.json").read_text())
    assert len(meta["kb_digest"]) == 64
    (kb / "test-pact.yaml").write_text(pact.replace("type: defense", "type: consultation"))
    assert _export(second, cache, "--kb", str(kb.parent)).returncode == 0
    row = [r for r in second.read_text().splitlines() if r.startswith("395,920,1990,")]
    assert row == ["395,920,1990,,,,,,ISL,NZL,0,0,0,0,1,test-pact"]
