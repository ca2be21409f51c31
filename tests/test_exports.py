"""Research exports: directed obligations on a day, dyad-years, and KB layering."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from foederis.exports.dyads import create_dyad_years
from foederis.exports.obligations import directed_obligations
from foederis.kb import load_kb


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _dyads(start: int, end: int) -> dict[tuple[str, str, int], dict[str, object]]:
    rows = create_dyad_years(load_kb(), start, end)
    return {(str(r["iso3_1"]), str(r["iso3_2"]), int(str(r["year"]))): r for r in rows}


def test_dyad_years_see_spells_that_start_mid_year() -> None:
    d = _dyads(2022, 2024)
    assert ("USA", "FIN", 2022) not in d  # no treaty binds them
    assert "nato" not in str(d[("DEU", "FIN", 2022)]["treaties"])  # EU only
    assert "nato" in str(d[("DEU", "FIN", 2023)]["treaties"])
    assert "nato" in str(d[("USA", "FIN", 2023)]["treaties"])  # joined 2023-04-04
    assert "nato" not in str(d.get(("USA", "SWE", 2023), {}).get("treaties", ""))
    assert "nato" in str(d[("USA", "SWE", 2024)]["treaties"])  # joined 2024-03-07
    assert d[("USA", "FIN", 2023)]["ccode1"] == 2 and d[("USA", "FIN", 2023)]["ccode2"] == 375


def test_dyad_years_respect_the_anzus_suspension() -> None:
    d = _dyads(1986, 1987)
    assert "anzus" in str(d[("USA", "NZL", 1986)]["treaties"])  # bound until 1986-08-11
    assert "anzus" not in str(d.get(("USA", "NZL", 1987), {}).get("treaties", ""))
    assert d[("AUS", "NZL", 1987)]["defense"] == 1


def test_dyad_years_agree_with_atop_2018(shared_data: Path) -> None:
    atop: set[tuple[int, int]] = set()
    with (shared_data / "atop" / "atop5_1_ddyr.csv").open() as fh:
        for row in csv.DictReader(fh):
            if row["year"] == "2018" and row["atop_defense"] == "1":
                atop.add((int(row["ccode1"]), int(row["ccode2"])))
    ours = {
        (r["ccode1"], r["ccode2"])
        for r in create_dyad_years(load_kb(), 2018, 2018)
        # ATOP codes the OAS Charter as a defense pact; foederis reads its Art. 3 as a duty
        # to consult (the Charter refers the response to the Rio Treaty), so its dyads
        # carry the consultation flag
        if r["defense"] == 1 or "oas-charter-1948" in str(r["treaties"])
    }
    undirected = ours | {(b, a) for a, b in ours}
    assert len(atop & undirected) / len(atop) >= 0.95


def test_obligations_on_a_day_are_directed_and_coded() -> None:
    rows = directed_obligations(load_kb(), date(2025, 6, 1))
    keys = {(o.obligated, o.protected, o.treaty) for o in rows}
    assert ("RUS", "PRK", "rus-prk-2024") in keys and ("PRK", "RUS", "rus-prk-2024") in keys
    assert ("USA", "JPN", "us-jpn-1960") in keys
    assert ("USA", "NZL", "anzus") not in keys and ("AUS", "NZL", "anzus") in keys


def test_export_parquet_and_json_carry_provenance(tmp_path: Path) -> None:
    pq_path = tmp_path / "o.parquet"
    assert (
        run(
            "export",
            "obligations",
            "--date",
            "2018-12-31",
            "--format",
            "parquet",
            "-o",
            str(pq_path),
        ).returncode
        == 0
    )
    table = pq.read_table(pq_path)
    assert table.schema.metadata[b"as_of"] == b"2018-12-31"
    assert "protected_cow" in table.column_names and table.num_rows > 3000
    data = json.loads(
        run("export", "obligations", "--date", "2018-12-31", "--format", "json").stdout
    )
    assert data["metadata"]["as_of"] == "2018-12-31" and data["obligations"]


def _user_kb(tmp: Path) -> Path:
    (tmp / "treaties").mkdir(parents=True)
    (tmp / "treaties" / "test-pact.yaml").write_text(
        "id: test-pact\nname: A test pact\nshort_name: Test pact\n"
        "signed: 2020-01-01\nin_force: 2020-01-01\n"
        "sources:\n  - id: s\n    kind: other\n    publisher: Example\n    url: https://example.org/pact\n"
        "parties:\n  - {state: ISL, joined: 2020-01-01, sources: [s]}\n"
        "  - {state: NZL, joined: 2020-01-01, sources: [s]}\n"
        "clauses:\n  - id: art-1\n    article: '1'\n    type: defense\n    sources: [s]\n"
        "    obligation: {strength: automatic}\n",
        encoding="utf-8",
    )
    return tmp


def test_a_users_file_replaces_the_builtin_treaty_with_its_id(tmp_path: Path) -> None:
    kb_dir = tmp_path / "override"
    kb_dir.mkdir()
    text = (Path(__file__).parents[1] / "src/foederis/data/treaties/anzus.yaml").read_text()
    (kb_dir / "anzus.yaml").write_text(
        text.replace("    since: 1986-08-11", "    since: 2030-01-01")
    )
    data = json.loads(
        run("allies", "NZL", "--date", "2026-01-01", "--format", "json", "--kb", str(kb_dir)).stdout
    )
    assert ("USA", "anzus") in {(r["obligated"], r["treaty"]) for r in data["allies"]}


def test_a_users_kb_layers_over_the_builtin_one(tmp_path: Path) -> None:
    kb_dir = _user_kb(tmp_path / "mykb")
    assert run("validate", str(kb_dir)).returncode == 0
    plain = json.loads(run("allies", "NZL", "--date", "2026-01-01", "--format", "json").stdout)
    assert "ISL" not in {r["obligated"] for r in plain["allies"]}
    for extra in (["--kb", str(kb_dir)], []):
        env = {} if extra else {"FOEDERIS_KB": str(kb_dir)}
        data = json.loads(
            run("allies", "NZL", "--date", "2026-01-01", "--format", "json", *extra, env=env).stdout
        )
        assert ("ISL", "test-pact") in {(r["obligated"], r["treaty"]) for r in data["allies"]}
        assert ("AUS", "anzus") in {(r["obligated"], r["treaty"]) for r in data["allies"]}
