"""Research exports: directed obligations on a day, dyad-years, and KB layering."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

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
    assert "nato" not in str(d[("DEU", "FIN", 2022)]["foederis_treaties"])  # EU only
    assert "nato" in str(d[("DEU", "FIN", 2023)]["foederis_treaties"])
    assert "nato" in str(d[("USA", "FIN", 2023)]["foederis_treaties"])  # joined 2023-04-04
    assert "nato" not in str(d.get(("USA", "SWE", 2023), {}).get("foederis_treaties", ""))
    assert "nato" in str(d[("USA", "SWE", 2024)]["foederis_treaties"])  # joined 2024-03-07
    assert d[("USA", "FIN", 2023)]["ccode1"] == 2 and d[("USA", "FIN", 2023)]["ccode2"] == 375


def test_dyad_years_respect_the_anzus_suspension() -> None:
    d = _dyads(1986, 1987)
    assert "anzus" in str(d[("USA", "NZL", 1986)]["foederis_treaties"])  # bound until 1986-08-11
    assert "anzus" not in str(d.get(("USA", "NZL", 1987), {}).get("foederis_treaties", ""))
    assert d[("AUS", "NZL", 1987)]["foederis_defense"] == 1
    # without an imported ATOP layer, ATOP's coding is unknown: empty, never guessed
    assert d[("AUS", "NZL", 1987)]["atop_defense"] is None


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
        if r["foederis_defense"] == 1 or "oas-charter-1948" in str(r["foederis_treaties"])
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


def test_dyad_years_follow_peacesciencer_columns_and_have_no_duplicates() -> None:
    from foederis.exports.dyads import COLUMNS

    rows = create_dyad_years(load_kb(), 1989, 1992)
    assert COLUMNS[:8] == [
        "ccode1",
        "ccode2",
        "year",
        "atop_defense",
        "atop_offense",
        "atop_neutral",
        "atop_nonagg",
        "atop_consul",
    ]
    keys = [(r["ccode1"], r["ccode2"], r["year"]) for r in rows]
    assert len(keys) == len(set(keys))
    # USSR-DPRK and Russia-DPRK in 1991 share COW code 365: one row, named for year's end
    r = [r for r in rows if (r["ccode1"], r["ccode2"], r["year"]) == (365, 731, 1991)]
    assert len(r) == 1 and r[0]["iso3_1"] == "RUS" and r[0]["foederis_defense"] == 1
    # no state appears in a year it did not exist
    assert not [r for r in rows if r["iso3_1"] == "SUN" and r["year"] > 1991]


def test_all_dyads_cover_the_state_system() -> None:
    from foederis.exports.dyads import dyad_year_table, system_members

    table = dyad_year_table(load_kb(), 1990, 1991, all_dyads=True)
    n1990 = len(system_members(1990))
    assert 255 in system_members(1990) and 260 in system_members(1990)  # unification year
    members = set(system_members(1990))
    in_system = [
        (a, b)
        for a, b, y in zip(
            table.ccode1.tolist(), table.ccode2.tolist(), table.year.tolist(), strict=True
        )
        if y == 1990 and a in members and b in members
    ]
    assert len(in_system) == n1990 * (n1990 - 1)
    # beyond the system: states that existed before COW counts them (Marshall Islands 1986-)
    others = {
        (a, b)
        for a, b, y in zip(
            table.ccode1.tolist(), table.ccode2.tolist(), table.year.tolist(), strict=True
        )
        if y == 1990
    } - set(in_system)
    assert others <= {(2, 983), (2, 987)}
    keys = list(zip(table.ccode1.tolist(), table.ccode2.tolist(), table.year.tolist(), strict=True))
    assert len(keys) == len(set(keys)) and keys == sorted(keys)
    flagged = dyad_year_table(load_kb(), 1990, 1991)
    assert int(table.flag("foederis_defense").sum()) == int(flagged.flag("foederis_defense").sum())
    assert not table.atop_known().any()  # no ATOP layer: atop_* are all null


def test_dyad_year_export_formats_carry_the_kb_digest(tmp_path: Path) -> None:
    out = tmp_path / "d.parquet"
    done = run(
        "export", "dyad-years", "--start", "2000", "--end", "2001", "-f", "parquet", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    meta = pq.read_table(out).schema.metadata
    assert len(meta[b"kb_digest"]) == 64
    csv_out = tmp_path / "d.csv"
    assert (
        run(
            "export", "dyad-years", "--start", "2000", "--end", "2001", "-o", str(csv_out)
        ).returncode
        == 0
    )
    side = json.loads((tmp_path / "d.csv.meta.json").read_text())
    assert side["kb_digest"] == meta[b"kb_digest"].decode()
    with csv_out.open() as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["ccode1", "ccode2", "year"] and "atop_defense" in header
    data = json.loads(
        run("export", "dyad-years", "--start", "2000", "--end", "2000", "-f", "json").stdout
    )
    assert data["metadata"]["kb_digest"] == side["kb_digest"] and data["dyad_years"]
    bad = run("export", "dyad-years", "--start", "2000", "--end", "2001", "-f", "parquet")
    assert bad.returncode == 1 and "error: " in bad.stderr and "hint: " in bad.stderr


@pytest.mark.parametrize(
    ("years", "field", "hint"),
    [
        (("1700", "1952"), "--start", "the state system starts in 1815"),
        (("2000", "2101"), "--end", "choose a year up to 2100"),
        (("1952", "1949"), "--end", "swap the two years"),
    ],
)
def test_dyad_year_export_refuses_bad_years_naming_the_option(
    years: tuple[str, str], field: str, hint: str
) -> None:
    bad = run("export", "dyad-years", "--start", years[0], "--end", years[1])
    assert bad.returncode == 1 and not bad.stdout
    assert bad.stderr.startswith(f"error: {field}: "), bad.stderr
    assert f"hint: {hint}" in bad.stderr
