"""The coded ATOP layer: import, layering under the curated KB, engine and provenance."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foederis import states
from foederis.atop.layer import LAYER_FORMAT, LayerError, read_layer
from foederis.engine.check import Engine
from foederis.exports.obligations import allies, treaty_obligations
from foederis.kb import load_kb
from foederis.model.enums import ClauseType, Status, Verdict
from foederis.model.scenario import Scenario


def test_every_alliance_is_coded(atop_layer: Path) -> None:
    treaties, header = read_layer(atop_layer)
    assert len({t.atop_id for t in treaties}) == 745
    assert all(t.coded_by == "ATOP 4.01" for t in treaties)
    assert all(t.sources and "atopdata.org" in t.sources[0].url for t in treaties)
    # what could not be coded is listed, never dropped silently
    kinds = {n["kind"] for n in header["notes"]}
    assert "unmapped_member" in kinds  # COW 8152 (alliance 1320) is not a COW state
    assert set(header["files"]) >= {"atop4_01_alliance.csv", "atop4_01_member.csv"}


def test_curated_treaty_replaces_the_coded_one(atop_layer: Path) -> None:
    kb = load_kb(atop=atop_layer)
    assert kb.treaties["warsaw-pact"].atop_id == 3285
    assert not any(t.atop_id == 3285 and t.coded_by for t in kb.treaties.values())
    assert "atop-3285" in kb.atop_header["replaced_by_curated"]
    assert "atop-3180" not in kb.treaties  # NATO is curated
    coded = [t for t in kb.treaties.values() if t.coded_by]
    assert len(coded) > 700


def test_warsaw_pact_coded(atop_layer: Path) -> None:
    """The coded Warsaw Pact (without the curated file) binds the USSR to Poland in 1970."""
    treaties, _ = read_layer(atop_layer)
    wp = next(t for t in treaties if t.id == "atop-3285")
    rows = list(treaty_obligations(wp, date(1970, 1, 1), {ClauseType.defense}))
    assert any(o.obligated == "SUN" and o.protected == "POL" for o in rows)
    # Albania left in 1968 (ATOP): not bound in 1970
    assert not any("ALB" in (o.obligated, o.protected) for o in rows)
    # the USSR never appears after it ceased to exist; Russia takes code 365 from 1991-12-26
    for t in treaties:
        for p in t.parties:
            if p.state == "SUN":
                assert p.left is None or p.left <= date(1991, 12, 26), t.id


def test_allies_poland_1970(atop_layer: Path) -> None:
    kb = load_kb(atop=atop_layer)
    rows = allies(kb, "POL", date(1970, 1, 1))
    assert any(o.obligated == "SUN" and o.treaty == "warsaw-pact" for o in rows)


def test_check_1914_answers_from_the_layer_with_provenance(atop_layer: Path) -> None:
    kb = load_kb(atop=atop_layer)
    result = Engine(kb).check(Scenario(attacker=["DEU"], target="FRA", date=date(1914, 8, 1)))
    coded = [o for o in result.obligations if o.treaty.startswith("atop-")]
    assert coded, "no coded obligation on 1914-08-01"
    russia = [o for o in coded if o.state == "RUS" and o.type is ClauseType.defense]
    assert russia
    for o in russia:
        prov = [r for r in o.reasons if r.condition == "provenance"]
        assert prov and "coded by ATOP 4.01" in prov[0].text
        assert any("atopdata.org" in s.url for s in o.sources)
        assert "coded by ATOP 4.01" in o.article
    # without the layer the built-in KB has nothing for 1914
    bare = Engine(load_kb()).check(Scenario(attacker=["DEU"], target="FRA", date="1914-08-01"))
    assert not [o for o in bare.obligations if o.status is not Status.not_triggered]
    for o in [*bare.obligations, *result.obligations]:
        assert states.exists(o.state, date(1914, 8, 1)), o.state  # no Austria, no USSR


def test_unmodelled_conditions_make_a_verdict_uncertain(atop_layer: Path) -> None:
    kb = load_kb(atop=atop_layer)
    engine = Engine(kb)
    seen = 0
    for t in kb.treaties.values():
        for c in t.clauses:
            if not c.trigger.unmodelled or c.type is not ClauseType.defense:
                continue
            members = sorted(t.members_on(t.in_force or date(1900, 1, 1)))
            if len(members) < 2 or t.in_force is None:
                continue
            target = members[0]
            attacker = next((s for s in states.existing_on(t.in_force) if s not in members), None)
            if attacker is None:
                continue
            result = engine.check(Scenario(attacker=[attacker], target=target, date=t.in_force))
            for o in result.obligations:
                if o.clause == t.ref(c):
                    seen += 1
                    assert o.status in (Status.uncertain, Status.not_triggered), o
                    assert any(
                        r.condition.startswith("unmodelled:") and r.verdict is Verdict.unknown
                        for r in o.reasons
                    )
            if seen > 40:
                return
    assert seen


def test_after_the_data_end_a_coded_treaty_is_unknown(atop_layer: Path) -> None:
    kb = load_kb(atop=atop_layer)
    engine = Engine(kb)
    t = next(
        t
        for t in kb.treaties.values()
        if t.coded_by
        and t.ended is None
        and t.is_defense()
        and len(t.members_on(date(2018, 6, 1))) == 2
    )
    a, b = sorted(t.members_on(date(2018, 6, 1)))
    third = next(s for s in ("ATG", "TUV", "NRU", "ISL") if s not in (a, b))
    late = engine.check(Scenario(attacker=[third], target=a, date="2025-01-01"))
    rows = [o for o in late.obligations if o.treaty == t.id]
    assert rows and all(o.status is not Status.triggered for o in rows)
    assert any(
        r.condition == "provenance" and r.verdict is Verdict.unknown
        for o in rows
        for r in o.reasons
    )


@settings(max_examples=60, deadline=None)
@given(day=st.dates(date(1815, 1, 1), date(2018, 12, 31)))
def test_no_state_appears_when_it_did_not_exist(atop_layer: Path, day: date) -> None:
    kb = load_kb(atop=atop_layer)
    for t in kb.treaties.values():
        for s in t.members_on(day):
            assert states.exists(s, day), (t.id, s, day)


def test_bad_layer_files(tmp_path: Path) -> None:
    bad = tmp_path / "layer.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(LayerError, match="not a readable ATOP layer"):
        read_layer(bad)
    bad.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(LayerError, match="format"):
        read_layer(bad)
    bad.write_text(json.dumps({"format": LAYER_FORMAT, "treaties": [{"id": 3}]}), encoding="utf-8")
    with pytest.raises(LayerError, match=r"treaties\.0"):
        read_layer(bad)
    good = {"format": LAYER_FORMAT, "treaties": [], "last_year": 2018}
    for members, where in (
        (None, "members: not a list"),
        ([[1005, 0, 200]], r"members\.0: expected"),
        ([[1005, 0, 200, "1815-01-03", "1815-01-03", 1, 1]], r"members\.0: empty spell"),
        ([[1005, 0, 200, "1815-01-03", "1815-02-31", 1, 1]], r"members\.0: day is out"),
        ([[1005, 0, 200, "1815-01-03", "1815-02-08", 64, 1]], r"members\.0: .*bits"),
    ):
        bad.write_text(json.dumps({**good, "members": members}), encoding="utf-8")
        with pytest.raises(LayerError, match=where):
            read_layer(bad)
    bad.write_text(json.dumps({**good, "members": [], "last_year": "2018"}), encoding="utf-8")
    with pytest.raises(LayerError, match="last_year"):
        read_layer(bad)
    with pytest.raises(LayerError, match="not found"):
        load_kb(atop=tmp_path / "missing.json")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=300,
    )


def test_cli_import_and_use(atop_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "layer.json"
    done = _cli("import", "atop", str(atop_dir), "--out", str(out), "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["alliances"] == 745 and out.is_file()
    env = {"FOEDERIS_ATOP": str(out), "FOEDERIS_CACHE_DIR": str(tmp_path / "cache")}
    got = _cli("allies", "POL", "--date", "1970-01-01", "--format", "json", env=env)
    assert got.returncode == 0, got.stderr
    rows = json.loads(got.stdout)["allies"]
    assert any(r["obligated"] == "SUN" and r["treaty"] == "warsaw-pact" for r in rows)
    check = _cli("check", "--attacker", "DEU", "--target", "FRA", "--date", "1914-08-01", env=env)
    assert check.returncode == 0, check.stderr
    assert "coded by ATOP 4.01" in check.stdout


def test_cli_errors(tmp_path: Path) -> None:
    done = _cli("import", "atop", str(tmp_path / "nope"), "--out", str(tmp_path / "l.json"))
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "hint: " in done.stderr
    assert "Traceback" not in done.stderr
    gone = _cli("check", "--attacker", "DEU", "--target", "SUN", "--date", "2026-01-01")
    assert gone.returncode != 0
    assert "Soviet Union (SUN) did not exist on 2026-01-01" in gone.stderr
    assert "Traceback" not in gone.stderr
