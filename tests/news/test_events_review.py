"""Events across languages, one fact per fact, and the review queue end to end, on a
small corpus written for these tests (tests/news/corpus: reports in English, Arabic,
Spanish, Portuguese, Indonesian and German, including a pact the KB lacks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from foederis.news import ingest, list_events, list_facts, review_decide, review_list

CORPUS = Path(__file__).parent / "corpus"


# The corpus's German-British treaty (Kensington, July 2025) plays "a pact the KB lacks":
# the built-in KB now records it (gbr-deu-kensington-2025), so these tests use the KB
# without that file.
LACKED = "gbr-deu-kensington-2025"


@pytest.fixture(scope="module")
def lacking(kb):  # type: ignore[no-untyped-def]
    """The KB without any UK-German pact: the corpus reports one (the Kensington Treaty of
    17 July 2025) that this KB lacks, whatever the built-in KB comes to hold."""
    from foederis.kb import KnowledgeBase

    kept = {k: t for k, t in kb.treaties.items() if not {"GBR", "DEU"} <= t.states()}
    return KnowledgeBase(treaties=kept, areas=kb.areas, origins=kb.origins)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, lacking) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("events") / "news.sqlite3"
    result = ingest([CORPUS], db_path=path, kb=lacking)
    assert len(result.documents) == 9 and not result.skipped
    return path


def _names(event) -> set[str]:  # type: ignore[no-untyped-def]
    return {Path(d.title or "").name for d in event.documents}


def test_every_document_has_its_language_story_and_event(db: Path, lacking) -> None:  # type: ignore[no-untyped-def]
    result = ingest([CORPUS], db_path=db, kb=lacking)  # a re-run: nothing new, same answer
    by_name = {Path(d.path).name: d for d in result.documents}
    assert {d.language for d in result.documents} == {"en", "ar", "es", "pt", "id", "de"}
    assert by_name["sau-pak-ar.md"].language == "ar"
    assert all(d.story is not None and d.event for d in result.documents)
    # a copy on another site is the same story; a report in another language is not
    en, mirror = by_name["sau-pak-en.md"], by_name["sau-pak-en-mirror.md"]
    assert en.story == mirror.story != by_name["sau-pak-es.md"].story


def test_reports_in_different_languages_are_one_event(db: Path) -> None:
    events = {e.event: e for e in list_events(db)}
    assert set(events) == {"sau-pak-2025:signed", "rus-prk-2024:in_force", "DEU+GBR:signed:2025-07"}
    sau = events["sau-pak-2025:signed"]
    assert (sau.treaty, sau.relation, sau.date) == ("sau-pak-2025", "signed", "2025-09-17")
    assert sau.languages == ["ar", "en", "es"] and len(sau.documents) == 4
    force = events["rus-prk-2024:in_force"]
    assert force.date == "2024-12-04" and force.languages == ["en", "id", "pt"]
    kensington = events["DEU+GBR:signed:2025-07"]
    assert kensington.treaty is None and kensington.states == ["DEU", "GBR"]
    assert kensington.languages == ["de", "en"]


def test_one_fact_however_many_documents_state_it(db: Path) -> None:
    facts = list_facts(db_path=db)
    keys = [(f.treaty, f.relation, tuple(f.states), f.date, f.article, f.value) for f in facts]
    assert len(keys) == len(set(keys))
    (signed,) = [f for f in facts if f.treaty == "sau-pak-2025" and f.relation == "signed"]
    assert signed.status == "confirmed" and signed.states == ["PAK", "SAU"]
    assert len({s.document for s in signed.supports}) == 4
    assert {s.language for s in signed.supports} == {"en", "ar", "es"}


def test_events_command_lists_them(db: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "foederis", "events", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert {e["event"] for e in yaml.safe_load(out.stdout)} >= {"sau-pak-2025:signed"}


def test_accepting_a_new_pact_writes_a_treaty_file_that_validates(db: Path, tmp_path: Path) -> None:
    pending = review_list(db)
    assert pending and pending[0].kind == "new_treaty"
    first = pending[0]
    assert first.value["parties"] == ["DEU", "GBR"] and first.value["signed"] == "2025-07-17"
    assert len({e.document for e in first.evidence}) == 2  # the English and German reports
    done = review_decide(first.id, accept=True, out_dir=tmp_path, db_path=db)
    patch = Path(str(done.patch_path))
    assert patch == tmp_path / "kb" / "deu-gbr-2025.yaml"
    data = yaml.safe_load(patch.read_text("utf-8"))
    assert [p["state"] for p in data["parties"]] == ["DEU", "GBR"]
    assert {s["url"] for s in data["sources"]} == {
        "https://example.org/test-de/kensington-vertrag",
        "https://example.org/test-wire/kensington-treaty",
    }
    check = subprocess.run(
        [sys.executable, "-m", "foederis", "validate", str(patch.parent)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert review_list(db) == [p for p in pending if p.id != first.id]


# ---- changed dates (tests/news/corpus-dates: reports written for the tests whose days
# are deliberately not the KB's) --------------------------------------------------------

DATES = Path(__file__).parent / "corpus-dates"


def test_changed_dates_are_proposed_ranked_and_accepted_into_a_valid_file(
    tmp_path: Path,
    kb,  # type: ignore[no-untyped-def]
) -> None:
    db = tmp_path / "news.sqlite3"
    ingest([DATES], db_path=db, kb=kb)
    pending = [p for p in review_list(db) if p.kind == "changed_date"]
    # the entry into force reported by two outlets in two languages ranks above Greece's
    # accession reported once; each carries the KB's current value and its source
    assert [(p.value["field"], p.value["reported"]) for p in pending] == [
        ("in_force", "1949-08-25"),
        ("joined", "1952-02-20"),
    ]
    force, joined = pending
    assert force.importance > joined.importance
    assert force.value["kb_value"] == kb.treaties["nato"].in_force.isoformat()
    assert force.value["kb_source"] and joined.value["state"] == "GRC"
    assert {e.language for e in force.evidence} == {"en", "es"}

    for p in (force, joined):
        done = review_decide(p.id, accept=True, out_dir=tmp_path / f"out{p.id}", db_path=db)
        patch = Path(str(done.patch_path))
        assert patch.name == "nato.yaml"
        data = yaml.safe_load(patch.read_text("utf-8"))
        if p is force:
            assert str(data["in_force"]) == "1949-08-25"
            kept = [d for d in data["disputed"] if d["field"] == "in_force"]
        else:
            (greece,) = [x for x in data["parties"] if x["state"] == "GRC"]
            assert str(greece["joined"]) == "1952-02-20"
            kept = [d for d in greece["disputed"] if str(d["value"]) == "1952-02-18"]
        # the KB's former value is kept, with its own sources: both readings recorded
        assert len(kept) == 1 and kept[0]["sources"]
        urls = {s.get("url") for s in data["sources"]}  # printed works have none
        assert {e.url for e in p.evidence} <= urls
        check = subprocess.run(
            [sys.executable, "-m", "foederis", "validate", str(patch.parent)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    assert not [p for p in review_list(db) if p.kind == "changed_date"]
