"""The answer at a glance, protection over time and publishable citations, from the library
and the command line: each checked against the result rows it summarises."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from foederis import Scenario, check, citations_csv, citations_markdown, history, load_kb
from foederis.errors import UsageError
from foederis.model.enums import ClauseType, Status


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args], capture_output=True, text=True, timeout=120
    )


GRAY = Scenario(
    attacker="CHN",
    target="PHL",
    date="2024-06-17",
    where="second-thomas-shoal",
    asset="coast_guard",
    severity="gray_zone",
)


@pytest.mark.parametrize(
    ("attacker", "target", "day"),
    [("RUS", "POL", "2025-01-01"), ("PRK", "KOR", "2010-11-23"), ("RUS", "EST", "2024-03-01")],
)
def test_headline_counts_what_the_rows_say(attacker: str, target: str, day: str) -> None:
    result = check(Scenario(attacker=attacker, target=target, date=day))
    summary = result.summary()
    bound = [
        o
        for o in result.obligations
        if o.status is Status.triggered and o.type is ClauseType.defense
    ]
    assert sum(len(d.states) for d in summary.bound) == len(bound) > 0
    for d in summary.bound:
        named = d.who() if len(d.states) == 1 else str(len(d.states))
        assert named in summary.headline and d.article in summary.headline


def test_headline_states_uncertain_duties() -> None:
    summary = check(GRAY).summary()
    assert not summary.bound
    assert summary.headline.startswith("No state is bound; United States (USA): uncertain")
    assert "gray-zone" in summary.headline  # the open condition, quoted from the reason


def test_future_and_unverified_dates_get_a_caveat() -> None:
    later = date.today() + timedelta(days=400)
    future = check(Scenario(attacker="RUS", target="POL", date=later)).summary()
    assert any("last verified on" in c for c in future.caveats)
    assert any("in the future" in c for c in future.caveats)
    past = check(Scenario(attacker="RUS", target="POL", date="2020-01-01")).summary()
    assert past.caveats == ()


def test_policy_rows_say_policy_not_treaty() -> None:
    summary = check(Scenario(attacker="CHN", target="TWN", date="2024-01-01")).summary()
    assert summary.policy
    assert any("policy, not a treaty" in line for line in summary.lines())


def test_policy_rows_are_labelled_in_the_cli_table() -> None:
    res = run("check", "--attacker", "CHN", "--target", "TWN", "--date", "2024-01-01")
    rows = [line for line in res.stdout.splitlines() if "  us-twn-tra-1979  " in line]
    assert rows and all(line.startswith("policy, not a treaty") for line in rows)
    assert re.search(r"^us-twn-tra-1979#\S+ \(.+\) → policy, not a treaty: USA$", res.stdout, re.M)


def test_repr_is_short() -> None:
    result = check(Scenario(attacker="RUS", target="POL", date="2025-01-01"))
    assert len(repr(result)) < 160
    assert "57 triggered" in repr(result) or "triggered" in repr(result)


def test_history_gains_and_freezes() -> None:
    kb = load_kb()
    phl = {y.year: y for y in history(kb, "PHL", 1950, 1956)}
    assert not phl[1951].protectors  # the MDT entered into force on 1952-08-27
    assert ("USA", "gained") in {(c.state, c.change) for c in phl[1952].changes}
    assert phl[1955].by_treaty()["manila-pact"] >= 6
    arm = {y.year: y for y in history(kb, "ARM", 2022, 2025)}
    assert {c.change for c in arm[2024].changes} == {"frozen"}
    with pytest.raises(UsageError):
        history(kb, "ARM", 2025, 2020)
    with pytest.raises(UsageError):
        history(kb, "ARM", 2020, date.today().year + 1)


def test_citations_markdown_footnotes_resolve_to_kb_sources() -> None:
    kb = load_kb()
    text = citations_markdown(check(GRAY, kb), kb)
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", text, flags=re.M))
    assert cited == set(defined) and cited
    assert sorted(map(int, defined)) == list(range(1, len(defined) + 1))
    urls = {s.url for s in kb.treaty("us-phl-1951").sources}
    for line in defined.values():
        assert any(line.endswith(u) for u in urls), line
    assert "uncertain" in text.splitlines()[2]


def test_citations_csv_has_numbered_sources() -> None:
    kb = load_kb()
    result = check(Scenario(attacker="PRK", target="KOR", date="2010-11-23"), kb)
    rows = list(csv.DictReader(io.StringIO(citations_csv(result, kb))))
    assert rows and all(r["footnotes"] for r in rows)
    for r in rows:
        for n in r["footnotes"].split():
            assert f"[{n}] " in r["sources"]


# ---- command line ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["NATO", "nato", "SEATO", "Rio Treaty", "ANZUS"])
def test_show_accepts_any_case_and_aliases(name: str) -> None:
    res = run("show", name, "--format", "json")
    assert res.returncode == 0, res.stderr
    treaty = json.loads(res.stdout)
    kb = load_kb()
    assert kb.treaty(name).id == treaty["id"]


def test_treaties_unknown_type_names_the_valid_types() -> None:
    res = run("treaties", "--type", "mutual")
    assert res.returncode == 1
    for t in ClauseType:
        assert t.value in res.stderr


def test_empty_results_explain_themselves(tmp_path: object) -> None:
    res = run("allies", "Ukraine", "--date", "2024-01-01")
    assert res.returncode == 0
    assert "none" in res.stdout and "No treaty" in res.stdout
    db = f"{tmp_path}/empty.sqlite3"
    for cmd in ("stories", "claims"):
        res = run(cmd, "--db", db)
        assert res.returncode == 0, res.stderr
        assert "empty.sqlite3" in res.stdout and "none" in res.stdout


def test_check_text_opens_with_the_answer_and_never_blank_reasons() -> None:
    res = run("check", "--attacker", "SOM", "--target", "ETH", "--date", "1977-07-13")
    lines = res.stdout.splitlines()
    # the 1963 pact's entry into force is unknown in 1977: uncertain, never a failed party
    assert lines[2].startswith("No state is bound;") and "Kenya (KEN): uncertain" in lines[2]
    assert "uncertain" in res.stdout and "?" in res.stdout and "✓" in res.stdout
    assert "assumed started by the attacker" in lines[0]


def test_check_json_and_markdown() -> None:
    args = ["check", "--attacker", "PRK", "--target", "KOR", "--date", "2010-11-23"]
    data = json.loads(run(*args, "--format", "json").stdout)
    assert data["summary"]["headline"].startswith("United States (USA) is bound")
    md = run(*args, "--format", "markdown").stdout
    assert md.startswith("# If North Korea (PRK) attacks South Korea (KOR)")
    assert "## Sources" in md


def test_history_command() -> None:
    res = run("history", "Philippines", "--from", "1950", "--to", "1953")
    assert res.returncode == 0, res.stderr
    assert re.search(r"^1952\s+1\s+us-phl-1951 1\s+gained: USA", res.stdout, flags=re.M)
    bad = run("history", "PHL", "--from", "1960", "--to", "1950")
    assert bad.returncode == 1 and "--to" in bad.stderr and "Traceback" not in bad.stderr


def test_piped_output_is_not_wrapped() -> None:
    res = run("treaties")
    assert max(len(line) for line in res.stdout.splitlines()) > 80


def test_cli_shows_the_in_force_label_the_web_shows() -> None:
    # the 1963 Ethiopia-Kenya pact: only a day by which it was in force is known; the web
    # list shows the same Treaty.in_force_label (tests/web/test_pages.py)
    t = load_kb().treaty("eth-ken-1963")
    assert t.in_force is None and t.in_force_by is not None
    res = run("treaties")
    line = next(x for x in res.stdout.splitlines() if x.startswith("eth-ken-1963"))
    assert f"by {t.in_force_by.isoformat()} (day unknown)" in " ".join(line.split())
