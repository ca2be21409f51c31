"""Stage 6: new facts become proposals; accepting one writes a YAML patch, never the KB."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from foederis.news import ReviewError, ingest, list_claims, review_decide, review_list

ARTICLE = """Two Partners Agree on Defense

December 3, 2026

India and Brazil signed a mutual defense pact in New Delhi on December 2, 2026, officials said.

Estonia invoked NATO's Article 5 on December 1, 2026, after an attack on its border posts.
"""


def _kb_digest() -> str:
    from foederis.kb import BUILTIN_DIR

    h = hashlib.sha256()
    for f in sorted(BUILTIN_DIR.rglob("*.yaml")):
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.fixture()
def queued(tmp_path: Path, kb) -> Path:  # type: ignore[no-untyped-def]
    article = tmp_path / "news.txt"
    article.write_text(ARTICLE)
    db = tmp_path / "news.sqlite3"
    ingest([article], db_path=db, kb=kb)
    return db


def test_new_facts_are_queued(queued: Path) -> None:
    new = {(c.relation, c.treaty) for c in list_claims("new", db_path=queued)}
    assert ("signed", None) in new and ("invoked", "nato") in new
    kinds = {(p.kind, p.treaty) for p in review_list(queued)}
    assert kinds == {("new_treaty", None), ("new_invocation", "nato")}


def test_accepting_writes_a_patch_and_leaves_the_kb_alone(queued: Path, tmp_path: Path) -> None:
    before = _kb_digest()
    proposal = next(p for p in review_list(queued) if p.kind == "new_invocation")
    decided = review_decide(proposal.id, accept=True, out_dir=tmp_path / "patches", db_path=queued)
    assert decided.status == "accepted" and decided.patch_path
    patch = yaml.safe_load(Path(decided.patch_path).read_text())
    assert patch["treaty"] == "nato" and patch["append_to"] == "invocations"
    assert patch["entry"]["by"] == "EST" and patch["entry"]["date"] == "2026-12-01"
    assert patch["entry"]["clause"] == "art-5"
    assert patch["evidence"][0]["sentence"].startswith("Estonia invoked")
    assert _kb_digest() == before
    assert [p.id for p in review_list(queued)] != [proposal.id]
    with pytest.raises(ReviewError):
        review_decide(proposal.id, accept=False, db_path=queued)


def test_rejecting_writes_nothing(queued: Path, tmp_path: Path) -> None:
    proposal = next(p for p in review_list(queued) if p.kind == "new_treaty")
    decided = review_decide(proposal.id, accept=False, out_dir=tmp_path / "out", db_path=queued)
    assert decided.status == "rejected" and decided.patch_path is None
    assert not (tmp_path / "out").exists()
    assert review_list(queued, status="rejected")[0].value["parties"] == ["BRA", "IND"]
