"""Issue 15's "Done when", item by item, where no other test covers it yet: every data
command speaks JSON, every closed option rejects an unknown value in the same words, piped
output keeps whole rows, ``show``'s any-case-and-alias lookup also holds for the API and
the web, empty answers explain themselves, and headlines name triggered *and* uncertain
duties on every interface."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from foederis import Scenario, check, load_kb
from foederis.cli import run
from foederis.model.enums import ClauseType, Status

ROOT = Path(__file__).resolve().parents[1]
NATO_FILE = str(ROOT / "src" / "foederis" / "data" / "treaties" / "nato.yaml")

# every command that prints data, with arguments that give it something to print
DATA_COMMANDS = [
    ["treaties"],
    ["show", "nato"],
    ["allies", "PRK", "--date", "2025-06-01"],
    ["validate", NATO_FILE],
    ["sources", "nato"],
    ["history", "PHL", "--from", "1950", "--to", "1953"],
    ["states"],
    ["areas"],
    ["check", "--attacker", "PRK", "--target", "KOR", "--date", "2010-11-23"],
    ["cascade", "--attacker", "PRK", "--target", "KOR", "--date", "2010-11-23"],
    ["test", str(ROOT / "tests" / "scenarios" / "places.yaml")],
    ["export", "obligations", "--date", "2018-12-31"],
    ["export", "dyad-years", "--start", "1950", "--end", "1951"],
]
NEWS_COMMANDS = ["stories", "events", "claims", "review"]
# commands that print no data of their own: a server, and a Markdown report file
NO_JSON = {
    "serve": "runs the web app",
    "export coverage": "writes the Markdown report docs/atop-coverage-2018.md",
    "export atop-report": "writes the checked-in Markdown report of every difference",
}


def _json_out(args: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    assert run([*args, "--format", "json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_every_data_command_prints_json(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json_out(args, capsys)
    assert data not in ({}, [], None)


@pytest.mark.parametrize("cmd", NEWS_COMMANDS)
def test_news_commands_print_json_even_when_empty(
    cmd: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _json_out([cmd, "--db", str(tmp_path / "empty.sqlite3")], capsys) == []


def test_every_command_that_prints_data_offers_json(capsys: pytest.CaptureFixture[str]) -> None:
    from test_cli_help import COMMANDS

    missing = []
    for words in COMMANDS:
        name = " ".join(words)
        if name in NO_JSON or name in {"export", "import"}:
            continue
        run([*words, "-h"])
        text = capsys.readouterr().out
        if "--format" not in text or "json" not in text.split("--format", 1)[1].split("\n")[0]:
            missing.append(name)
    assert missing == []


@pytest.mark.parametrize(
    ("args", "option", "allowed"),
    [
        (["treaties", "--format", "yaml"], "--format", "text, json"),
        (["show", "nato", "--format", "yaml"], "--format", "text, json"),
        (["export", "obligations", "--format", "xml"], "--format", "csv, json, parquet"),
        (["check", "--attacker", "PRK", "--target", "KOR", "--format", "yaml"], "--format", None),
        (["check", "--attacker", "PRK", "--target", "KOR", "--asset", "tank"], "--asset", None),
        (["cascade", "--attacker", "PRK", "--target", "KOR", "--mode", "war"], "--mode", None),
        (["treaties", "--type", "mutual"], "--type", None),
        (["claims", "--status", "weird"], "--status", None),
    ],
)
def test_unknown_values_are_one_error_in_one_style(
    args: list[str], option: str, allowed: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(args) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"error: {option}: '") and "not" in lines[0], lines
    assert lines[1].startswith("  hint: ") and captured.out == ""
    if allowed:
        assert lines[1] == f"  hint: allowed: {allowed}"
    assert "Traceback" not in captured.err and "Value error" not in captured.err


def _piped(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "40"}  # a narrow terminal setting must not wrap a pipe
    res = subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_piped_tables_keep_every_row_on_one_line() -> None:
    kb = load_kb()
    out = _piped("treaties")
    for t in kb.treaties.values():
        rows = [line for line in out.splitlines() if line.split(" ", 1)[0] == t.id]
        assert len(rows) == 1 and t.short_name in rows[0], t.id
    scenario = ["--attacker", "RUS", "--target", "POL", "--date", "2025-01-01"]
    result = check(Scenario(attacker="RUS", target="POL", date="2025-01-01"))
    triggered = [o for o in result.obligations if o.status is Status.triggered]
    text = _piped("check", *scenario)
    assert len(triggered) > 50
    for o in triggered:
        row = (
            rf"^triggered\s+.+ \({o.state}\)\s+{re.escape(o.treaty)}\s+"
            rf"{re.escape(o.article)}\s+{o.strength.value}\s*$"
        )
        assert re.search(row, text, flags=re.M), (o.state, o.treaty)
    allies = _piped("allies", "POL", "--date", "2025-01-01")
    for o in triggered:
        if o.type is ClauseType.defense:
            row = rf"^.+ \({o.state}\)\s+{re.escape(o.treaty)}\s+.*{o.strength.value}"
            assert re.search(row, allies, flags=re.M), (o.state, o.treaty)


@pytest.mark.parametrize("name", ["NATO", "Nato", "SEATO", "Rio Treaty", "anzus"])
def test_api_and_web_accept_ids_in_any_case_and_aliases(name: str) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from asgiclient import AsgiClient

    from foederis.web import create_app

    expected = load_kb().treaty(name).id
    with AsgiClient(create_app()) as client:
        data = client.get(f"/api/treaties/{name}").json()
        assert data["id"] == expected
        page = client.get(f"/treaties/{name}")
        assert page.status_code == 200 and f"<code>{expected}</code>" in page.text


def test_empty_answers_explain_themselves_in_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "none.sqlite3")
    cases = {
        ("treaties", "--state", "CHE"): "has none that match",
        ("treaties", "--date", "1900-01-01"): "has none that match",
        ("allies", "CHE", "--date", "2020-01-01"): "No treaty in the knowledge base",
        ("history", "CHE", "--from", "1950", "--to", "1952"): "No treaty in the knowledge base",
        ("events", "--db", db): "none.sqlite3",
        ("review", "--db", db): "none.sqlite3",
    }
    for args, why in cases.items():
        out = _piped(*args)
        lines = out.strip().splitlines()
        assert lines[0].endswith(": none."), (args, out)
        assert why in out, (args, out)


def test_empty_answers_explain_themselves_on_the_web() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from asgiclient import AsgiClient

    from foederis.web import create_app

    with AsgiClient(create_app()) as client:
        html = client.get("/history", params={"state": "CHE", "from": "1950", "to": "1952"}).text
        assert "Switzerland" in html and re.search(r"No (state|treaty)", html), html[-3000:]
        allies = client.get("/api/allies/CHE", params={"date": "2020-01-01"}).json()
        assert allies["allies"] == [] and "no_duty" in allies


# a day on which some states are bound and others' duties are uncertain
MIXED = Scenario(attacker="IRN", target="SAU", date="2026-01-01")


def test_headline_names_triggered_and_uncertain_duties_together() -> None:
    result = check(MIXED)
    defense = [o for o in result.obligations if o.type is ClauseType.defense]
    bound = [o for o in defense if o.status is Status.triggered]
    uncertain = [o for o in result.obligations if o.status is Status.uncertain]
    assert bound and uncertain
    headline = result.summary().headline
    assert f"{len(bound)} states are bound" in headline
    assert f"{len(uncertain)} obligations uncertain" in headline


def test_every_interface_shows_the_same_headline() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from html import unescape

    from asgiclient import AsgiClient

    from foederis.web import create_app

    headline = check(MIXED).summary().headline
    cli = _piped("check", "--attacker", "IRN", "--target", "SAU", "--date", "2026-01-01")
    assert headline in cli.splitlines()[:4]
    with AsgiClient(create_app()) as client:
        body = {"attacker": ["IRN"], "target": "SAU", "date": "2026-01-01"}
        assert client.post("/api/check", json=body).json()["summary"]["headline"] == headline
        html = client.get("/?attacker=IRN&target=SAU&date=2026-01-01").text
        block = html[html.index('id="headline"') :]
        text = unescape(re.sub(r"<[^>]+>", "", block[block.index(">") + 1 : block.index("</")]))
        assert " ".join(text.split()) == headline
