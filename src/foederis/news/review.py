"""Stage 6 — the review queue: proposals for the knowledge base (a new treaty, a new
party, a new invocation) made from ``new`` claims.

``review_list`` shows them; ``review_decide(id, accept=True, out_dir=...)`` writes a YAML
patch file for the curator (what to add to which treaty file, and the evidence: the
articles and sentences). The KB files themselves are never changed here: a person checks
the sources and applies the patch (docs/curating.md).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from foederis.errors import ReviewError
from foederis.news.store import Store, now


class Evidence(BaseModel):
    claim: int
    document: int
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    sentence: str
    span: tuple[int, int]


class ProposalOut(BaseModel):
    id: int
    kind: str
    treaty: str | None
    value: dict[str, Any]
    status: str
    created_at: str
    decided_at: str | None
    patch_path: str | None
    evidence: list[Evidence]


def review_list(
    db_path: Path | str | None = None, status: str | None = "pending"
) -> list[ProposalOut]:
    with Store(db_path) as store:
        sql = "SELECT * FROM proposals"
        args: tuple[str, ...] = ()
        if status:
            sql += " WHERE status = ?"
            args = (status,)
        rows = list(store.conn.execute(sql + " ORDER BY id", args))
        return [_out(store.conn, r) for r in rows]


def review_decide(
    proposal_id: int,
    accept: bool,
    out_dir: Path | str | None = None,
    db_path: Path | str | None = None,
) -> ProposalOut:
    """Accept (write a patch file into ``out_dir``) or reject a pending proposal."""
    with Store(db_path) as store, store.transaction() as conn:
        row = conn.execute("SELECT * FROM proposals WHERE id = ?", (proposal_id,)).fetchone()
        if row is None:
            raise ReviewError(
                "ID", f"no proposal {proposal_id}", "run `foederis review` to list pending ones"
            )
        if row["status"] != "pending":
            raise ReviewError(
                "ID",
                f"proposal {proposal_id} was already {row['status']}",
                "run `foederis review` to list pending ones",
            )
        patch_path = None
        if accept:
            target = Path(out_dir) if out_dir is not None else Path.cwd()
            patch_path = write_patch(_out(conn, row), target)
        conn.execute(
            "UPDATE proposals SET status = ?, decided_at = ?, patch_path = ? WHERE id = ?",
            (
                "accepted" if accept else "rejected",
                now(),
                str(patch_path) if patch_path else None,
                proposal_id,
            ),
        )
        decided = conn.execute("SELECT * FROM proposals WHERE id = ?", (proposal_id,)).fetchone()
        return _out(conn, decided)


def _out(conn: sqlite3.Connection, row: sqlite3.Row) -> ProposalOut:
    evidence = [
        Evidence(
            claim=r["id"],
            document=r["document"],
            path=r["path"],
            title=r["title"],
            outlet=r["outlet"],
            published=r["published"],
            sentence=r["sentence"],
            span=(r["span_start"], r["span_end"]),
        )
        for r in conn.execute(
            "SELECT c.id, c.document, c.sentence, c.span_start, c.span_end, d.path, d.title,"
            " d.outlet, d.published FROM proposal_claims pc JOIN claims c ON c.id = pc.claim"
            " JOIN documents d ON d.id = c.document WHERE pc.proposal = ? ORDER BY c.id",
            (row["id"],),
        )
    ]
    return ProposalOut(
        id=row["id"],
        kind=row["kind"],
        treaty=row["treaty"],
        value=json.loads(row["value"]),
        status=row["status"],
        created_at=row["created_at"],
        decided_at=row["decided_at"],
        patch_path=row["patch_path"],
        evidence=evidence,
    )


def write_patch(p: ProposalOut, out_dir: Path) -> Path:
    """A YAML patch: which treaty file, which list to append to, the entry (with nulls
    where the news gives nothing), and the evidence to check before applying it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    patch: dict[str, Any] = {
        "proposal": p.id,
        "kind": p.kind,
        "treaty": p.treaty,
        "file": f"src/foederis/data/treaties/{p.treaty}.yaml" if p.treaty else None,
        "note": "Proposed from news reports. Check every fact against a primary source "
        "(docs/curating.md) before applying; nothing here was verified.",
    }
    value = dict(p.value)
    if p.kind == "new_invocation":
        patch["append_to"] = "invocations"
        patch["entry"] = {
            "id": f"news-{p.id}",
            "clause": value.get("clause"),
            "date": value.get("date"),
            "by": value.get("by"),
            "event": value.get("event"),
            "outcome": value.get("outcome", "pending"),
            "sources": [f"news-{p.id}"],
        }
    elif p.kind == "new_party":
        patch["append_to"] = "parties"
        patch["entry"] = {
            "state": value.get("state"),
            "joined": value.get("joined"),
            "left": None,
            "sources": [f"news-{p.id}"],
        }
    else:
        parties = [str(s) for s in value.get("parties", [])]
        slug = "-".join(s.lower() for s in parties) + (
            f"-{str(value.get('signed'))[:4]}" if value.get("signed") else ""
        )
        patch["file"] = f"src/foederis/data/treaties/{slug or 'new-treaty'}.yaml"
        patch["new_file"] = {
            "id": slug or None,
            "name": None,
            "short_name": value.get("described_as"),
            "kind": "alliance",
            "signed": value.get("signed"),
            "in_force": None,
            "ended": None,
            "parties": [{"state": s, "joined": None, "sources": []} for s in parties],
            "clauses": [],
            "sources": [],
        }
    patch["evidence"] = [e.model_dump() for e in p.evidence]
    path = out_dir / f"proposal-{p.id:04d}-{p.kind}-{p.treaty or 'new'}.yaml"
    path.write_text(yaml.safe_dump(patch, sort_keys=False, allow_unicode=True), "utf-8")
    return path
