"""No-duty answers: "no treaty obliges X to defend Y; the closest instrument is Z"."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from foederis import Scenario, check
from foederis.engine.noduty import closest_instruments
from foederis.kb import load_kb

INSTRUMENT = """\
id: test-instrument
name: Test cooperation agreement between Australia, the United States and Japan
short_name: Test cooperation agreement
kind: strategic_partnership
signed: 2020-01-01
in_force: 2020-01-01
sources:
  - {id: s, kind: treaty_text, publisher: Test publisher, url: https://example.org/text}
parties:
  - {state: AUS, joined: 2020-01-01, sources: [s]}
  - {state: USA, joined: 2020-01-01, sources: [s]}
  - {state: JPN, joined: 2020-01-01, left: 2022-01-01, sources: [s]}
clauses:
  - id: art-1
    article: "1"
    type: consultation
    sources: [s]
    obligation: {owed_by: all, owed_to: all, strength: consult}
"""


def _layer(tmp_path: Path) -> Path:
    d = tmp_path / "kb"
    d.mkdir()
    (d / "test-instrument.yaml").write_text(INSTRUMENT, encoding="utf-8")
    return d


def test_budapest_memorandum_is_named_for_the_assuring_states_not_the_attacker() -> None:
    result = check(Scenario(attacker=["RUS"], target="UKR", date="2022-02-24"))
    (entry,) = [n for n in result.no_duty if n.treaty == "budapest-memorandum-1994"]
    assert entry.states == ["GBR", "USA"]  # Russia attacks: it is not offered as a defender
    assert "No treaty obliges" in entry.text and "no defense clause" in entry.text
    assert not result.bound(include_uncertain=True)


def test_a_state_bound_by_a_defense_treaty_is_not_said_to_be_free(tmp_path: Path) -> None:
    kb = load_kb([_layer(tmp_path)])
    day = date(2021, 6, 1)
    [entry] = closest_instruments(kb, "AUS", day)
    # ANZUS binds the United States to Australia, so only Japan is "not obliged".
    assert entry.states == ["JPN"]
    assert entry.treaty == "test-instrument"
    # Japan left the instrument in 2022: afterwards it no longer links Japan to Australia.
    assert closest_instruments(kb, "AUS", date(2023, 1, 1)) == []
    # Before the instrument existed nothing is said.
    assert closest_instruments(kb, "AUS", date(2019, 1, 1)) == []


def test_no_instrument_means_no_no_duty_entry() -> None:
    result = check(Scenario(attacker=["RUS"], target="EST", date="2026-01-01"))
    assert result.no_duty == []
    assert result.to_json()["no_duty"] == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_text_and_json_name_the_closest_instrument() -> None:
    base = ["check", "--attacker", "RUS", "--target", "UKR", "--date", "2022-02-24"]
    text = _cli(*base)
    assert text.returncode == 0, text.stderr
    assert "No treaty in the knowledge base protects" not in text.stdout
    assert "No treaty obliges United Kingdom (GBR) or United States (USA)" in text.stdout
    assert "Budapest Memorandum (budapest-memorandum-1994)" in text.stdout
    data = json.loads(_cli(*base, "--format", "json").stdout)
    assert [n["treaty"] for n in data["no_duty"]] == ["budapest-memorandum-1994"]


def test_allies_json_lists_no_duty_instruments() -> None:
    out = _cli("allies", "UKR", "--date", "2025-01-01", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    treaties = {n["treaty"] for n in data["no_duty"]}
    assert "budapest-memorandum-1994" in treaties
    for n in data["no_duty"]:
        assert "UKR" not in n["states"]
