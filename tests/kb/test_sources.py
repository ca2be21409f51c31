"""Graded sources: the domain registry, the validator's source rules (bad fixtures with
file:line messages), the list of problems still being re-sourced, and the display of
grades in the CLI and JSON."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from foederis.kb import load_kb, validate_paths
from foederis.kb.files import builtin_files
from foederis.kb.load import read_layers
from foederis.model.enums import SourceKind
from foederis.sources.grade import RANK, ordered
from foederis.sources.registry import (
    Citable,
    RegistryError,
    Uncitable,
    host_of,
    parse_registry,
    registry,
)
from foederis.sources.rules import finding_ref, pending, treaty_findings

BAD = Path(__file__).parent / "bad" / "sources"

# file -> (line, field, words the message must contain)
CASES = {
    "uncitable-domain.yaml": (14, "sources[1].url", ["uncitable", "issuhub.com", "piracy"]),
    "text-without-official-source.yaml": (
        22,
        "clauses[0].text",
        ["quoted text of Art. 1", "newspaper", "text_status: unpublished"],
    ),
    "kind-does-not-fit-domain.yaml": (8, "sources[0].kind", ["treaty_text", "latimes.com"]),
    "unpublished-without-note.yaml": (19, "clauses[0].note", ["no official text"]),
    "source-without-url-or-work.yaml": (7, "sources[0]", ["neither a url nor a work"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_source_reports_file_line_field(name: str) -> None:
    line, field, words = CASES[name]
    problems = validate_paths([BAD / name])
    assert len(problems) == 1, "\n".join(map(str, problems))
    first = problems[0]
    assert first.file.endswith(name) and first.line == line, str(first)
    assert first.field == field, str(first)
    for w in words:
        assert w in str(first), f"{w!r} not in {first}"
    assert first.hint


def test_validate_command_names_the_reason_and_exits_1() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "foederis", "validate", str(BAD / "uncitable-domain.yaml")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert proc.returncode == 1
    text = " ".join(proc.stderr.split())
    assert "uncitable-domain.yaml:14" in text and "unlicensed copies" in text
    assert "Traceback" not in proc.stderr


# ---- the registry --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.nato.int/cps/en/natohq/topics_49187.htm", "nato.int"),
        ("http://en.m.wikisource.org/wiki/Page:X", "wikisource.org"),
        ("https://books.google.com.tw/books?id=x", "books.google.*"),
        ("https://books.google.it/books?id=x", "books.google.*"),
        ("https://cl.2786x.xyz/read.php?tid=1", "2786x.xyz"),
        ("https://HISTORY.STATE.GOV/historicaldocuments/x", "history.state.gov"),
    ],
)
def test_lookup_matches_the_longest_registered_parent_domain(url: str, domain: str) -> None:
    entry = registry().lookup(url)
    assert entry is not None and entry.domain == domain


def test_lookup_prefers_the_more_specific_entry() -> None:
    # history.state.gov (Office of the Historian) is registered apart from state.gov
    hist = registry().lookup("https://history.state.gov/x")
    dept = registry().lookup("https://www.state.gov/x")
    assert isinstance(hist, Citable) and isinstance(dept, Citable)
    assert hist.publisher != dept.publisher


def test_unknown_and_malformed_urls_match_nothing() -> None:
    assert registry().lookup("https://example.org/x") is None
    assert registry().lookup("not a url") is None
    assert host_of("https://www.Example.ORG./x") == "example.org"
    # a registered name inside another host is no match
    assert registry().lookup("https://nato.int.example.com/x") is None


def test_every_uncitable_entry_has_a_reason_and_category() -> None:
    bad = registry().uncitable()
    assert len(bad) >= 30
    for entry in bad:
        assert entry.reason.strip() and entry.label
    names = {e.domain for e in bad}
    for required in ("vdare.com", "voltairenet.org", "issuhub.com", "wikimili.com", "scribd.com"):
        assert required in names


def test_state_media_are_citable_and_labelled() -> None:
    for url, iso3 in [
        ("https://tass.com/politics/1", "RUS"),
        ("https://kcnawatch.org/newstream/1", "PRK"),
        ("http://en.people.cn/n3/1.html", "CHN"),
    ]:
        entry = registry().lookup(url)
        assert isinstance(entry, Citable) and entry.state_media == iso3


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"citable": [{"domain": "a.org", "kinds": ["blog"], "publisher": "A"}]}, "blog"),
        ({"citable": [{"domain": "a.org", "kinds": [], "publisher": "A"}]}, "no kinds"),
        ({"uncitable": [{"domain": "a.org", "category": "bad", "reason": "x"}]}, "category"),
        ({"uncitable": [{"domain": "a.org", "category": "forum"}]}, "domain, category, reason"),
        (
            {
                "citable": [{"domain": "a.org", "kinds": ["other"], "publisher": "A"}],
                "uncitable": [{"domain": "a.org", "category": "forum", "reason": "x"}],
            },
            "listed twice",
        ),
        ({"sites": []}, "citable"),
    ],
)
def test_a_malformed_registry_is_rejected(data: object, words: str) -> None:
    with pytest.raises(RegistryError, match=words):
        parse_registry(data)


# ---- the built-in KB -----------------------------------------------------------------------


def _raw() -> object:
    return read_layers([builtin_files()])


def test_every_builtin_source_is_on_a_reviewed_domain() -> None:
    raw = read_layers([builtin_files()])
    unknown = []
    for lt in raw.treaties.values():
        for s in lt.treaty.sources:
            if s.url is not None and registry().lookup(s.url) is None:
                unknown.append(f"{lt.treaty.id}/{s.id}: {host_of(s.url)}")
    for _doc, sources in raw.area_sources:
        unknown += [s.id for s in sources if s.url and registry().lookup(s.url) is None]
    assert unknown == [], (
        "review these domains and add them (kinds, publisher; or uncitable with a reason) to "
        f"src/foederis/data/sources/domains.yaml: {unknown}"
    )


def test_pending_entries_still_match_a_problem() -> None:
    """pending.yaml lists problems still being re-sourced; fixed ones must be deleted."""
    raw = read_layers([builtin_files()])
    found: set[tuple[str, str]] = set()
    for tid, lt in raw.treaties.items():
        for f in treaty_findings(lt.treaty)[0]:
            ref = finding_ref(lt.treaty, f)
            if ref is not None:
                found.add((tid, ref))
    stale = sorted(set(pending()) - found)
    assert stale == [], f"delete these fixed entries from pending.yaml: {stale}"


def test_no_builtin_source_is_on_an_uncitable_domain_outside_pending() -> None:
    kb = load_kb()
    for t in kb.treaties.values():
        for s in t.sources:
            entry = registry().lookup(s.url) if s.url else None
            if isinstance(entry, Uncitable):
                assert (t.id, f"source:{s.id}") in pending(), f"{t.id}/{s.id}"


# ---- display -------------------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foederis", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "400"},
    )


def test_show_json_grades_every_source_official_first() -> None:
    data = json.loads(_run("show", "nato", "--format", "json").stdout)
    sources = data["sources"]
    assert sources
    ranks = [RANK[SourceKind(s["kind"])] for s in sources]
    assert ranks == sorted(ranks)
    for s in sources:
        assert s["publisher"] and s["badge"] and (s["url"] or s["work"])


def test_show_text_prints_badge_and_publisher() -> None:
    out = _run("show", "nato").stdout
    section = out.split("Sources")[-1]
    lines = [ln for ln in section.splitlines() if ln.strip().startswith("[")]
    assert lines and all("]" in ln and ":" in ln for ln in lines)
    assert any("NATO" in ln for ln in lines)


def test_check_json_sources_carry_kind_badge_and_publisher() -> None:
    proc = _run(
        "check", "--attacker", "RUS", "--target", "EST", "--date", "2026-01-01", "--format", "json"
    )
    data = json.loads(proc.stdout)
    obligations = data["obligations"]
    assert obligations
    for o in obligations[:5]:
        assert o["sources"]
        ranks = [RANK[SourceKind(s["kind"])] for s in o["sources"]]
        assert ranks == sorted(ranks), "official sources come first"
        assert all(s["badge"] and s["publisher"] for s in o["sources"])


def test_ordered_keeps_file_order_among_equals() -> None:
    kb = load_kb()
    t = kb.treaty("nato")
    got = ordered(t.sources)
    for a, b in itertools.pairwise(got):
        assert RANK[a.kind] <= RANK[b.kind]
        if a.kind == b.kind:
            assert t.sources.index(a) < t.sources.index(b)


# ---- the source-quality report -------------------------------------------------------------

REPORT = Path(__file__).parents[2] / "docs" / "source-quality.md"


def test_checked_in_source_report_is_current() -> None:
    from foederis.sources.report import kb_report, report_markdown

    expected = report_markdown(kb_report(load_kb().treaties.values()))
    assert REPORT.read_text(encoding="utf-8") == expected, (
        "docs/source-quality.md is stale: run "
        "`foederis sources --format markdown > docs/source-quality.md`"
    )


def test_report_separates_official_from_secondary_and_lists_problems() -> None:
    from foederis.sources.report import treaty_report

    raw = read_layers([[BAD / "text-without-official-source.yaml", BAD / "uncitable-domain.yaml"]])
    press = treaty_report(raw.treaties["text-without-official-source"].treaty)
    assert [f.what for f in press.secondary] == [
        "party USA (1950-06-01 to today)",
        "party CAN (1950-06-01 to today)",
        "Art. 1 text",
    ]
    assert press.primary == []
    assert any(p.startswith("error: Art. 1: the quoted text") for p in press.problems)
    assert any("USA's dates" in p and p.startswith("warning:") for p in press.problems)
    mirror = treaty_report(raw.treaties["uncitable-domain"].treaty)
    assert any("source mirror" in p and "uncitable" in p for p in mirror.problems)
    assert {f.what for f in mirror.primary} >= {"party USA (1950-06-01 to today)"}


def test_sources_command_text_and_json() -> None:
    proc = _run("sources", "us-jpn-1960")
    assert proc.returncode == 0
    assert proc.stdout.startswith("us-jpn-1960: ")
    assert "official/primary" in proc.stdout
    data = json.loads(_run("sources", "nato", "anzus", "--format", "json").stdout)
    assert [r["id"] for r in data] == ["anzus", "nato"]
    for r in data:
        assert r["facts"] == len(r["primary"]) + len(r["secondary_only"])
    bad = _run("sources", "natoo")
    assert bad.returncode != 0 and "nato" in bad.stderr and "Traceback" not in bad.stderr
