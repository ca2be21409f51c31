"""Stage 6 — the review queue: proposals for the knowledge base (a new treaty, a new
party, a new invocation) made from ``new`` claims, and changed dates made from claims
that give a day the KB records otherwise (with the KB's value and source).

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
from foederis.kb import KnowledgeBase
from foederis.news.dates import parse_iso
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
    url: str | None = None
    language: str | None = None


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
    importance: int = 0  # higher first: see ``importance``


_KIND_WEIGHT = {"new_treaty": 40, "new_invocation": 35, "changed_date": 30, "new_party": 25}


def importance(p: ProposalOut) -> int:
    """How much a proposal matters: a pact the KB lacks first, then an invocation, a
    changed date, a new party; within a kind, the more documents (and languages) report
    it, the higher."""
    documents = len({e.document for e in p.evidence})
    languages = len({e.language or "en" for e in p.evidence})
    return _KIND_WEIGHT.get(p.kind, 10) + 3 * min(documents, 10) + 2 * min(languages, 5)


def review_list(
    db_path: Path | str | None = None,
    status: str | tuple[str, ...] | None = "pending",
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[ProposalOut]:
    """Proposals, most important first (then oldest first); ``limit`` and ``offset`` page
    through them in SQL (the ranking of ``importance`` is computed there too), so a page
    reads only its own proposals and their evidence."""
    weights = " ".join(f"WHEN '{k}' THEN {w}" for k, w in _KIND_WEIGHT.items())
    # importance(): the kind's weight, 3 per reporting document (up to 10), 2 per language
    # (up to 5), over the documents of the proposal's claims
    sql = (
        "SELECT p.*, (CASE p.kind " + weights + " ELSE 10 END)"
        " + 3 * MIN(COUNT(DISTINCT c.document), 10)"
        " + 2 * MIN(COUNT(DISTINCT COALESCE(d.language, 'en')), 5) AS rank"
        " FROM proposals AS p LEFT JOIN proposal_claims AS pc ON pc.proposal = p.id"
        " LEFT JOIN claims AS c ON c.id = pc.claim LEFT JOIN documents AS d ON d.id = c.document"
    )
    wanted = (status,) if isinstance(status, str) else status
    args: list[Any] = []
    if wanted:
        sql += f" WHERE p.status IN ({','.join('?' * len(wanted))})"
        args += wanted
    sql += " GROUP BY p.id ORDER BY rank DESC, p.id LIMIT ? OFFSET ?"
    args += [-1 if limit is None else limit, offset]
    with Store(db_path) as store:
        return [_out(store.conn, r) for r in store.conn.execute(sql, args)]


def count_proposals(
    db_path: Path | str | None = None, status: str | tuple[str, ...] | None = "pending"
) -> int:
    """How many proposals review_list(status) would return."""
    wanted = (status,) if isinstance(status, str) else status
    with Store(db_path) as store:
        if wanted:
            sql = f"SELECT COUNT(*) FROM proposals WHERE status IN ({','.join('?' * len(wanted))})"
            row = store.conn.execute(sql, wanted)
        else:
            row = store.conn.execute("SELECT COUNT(*) FROM proposals")
        return int(row.fetchone()[0])


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
            url=r["url"],
            language=r["language"],
        )
        for r in conn.execute(
            "SELECT c.id, c.document, c.sentence, c.span_start, c.span_end, d.path, d.title,"
            " d.outlet, d.published, d.url, d.language"
            " FROM proposal_claims pc JOIN claims c ON c.id = pc.claim"
            " JOIN documents d ON d.id = c.document WHERE pc.proposal = ? ORDER BY c.id",
            (row["id"],),
        )
    ]
    out = ProposalOut(
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
    out.importance = importance(out)
    return out


def write_patch(p: ProposalOut, out_dir: Path, kb: KnowledgeBase | None = None) -> Path:
    """Two files: ``proposal-NNNN-KIND-TREATY.yaml`` (what to change and the evidence to
    check first) and, when a supporting article has a web address to cite,
    ``kb/TREATY.yaml``: the treaty file with the change made, which ``foederis validate``
    accepts and ``--kb`` can layer over the built-in KB for a try. Returns the treaty file
    when one was written, else the note."""
    out_dir.mkdir(parents=True, exist_ok=True)
    value = dict(p.value)
    sources = _sources(p)
    note = (
        f"Proposed from news reports (review proposal {p.id}). Check every fact against a "
        "primary source (docs/curating.md) before applying; nothing here was verified."
    )
    treaty_file: dict[str, Any] | None = None
    entry: dict[str, Any]
    section = ""
    if p.kind == "new_treaty":
        parties = sorted(str(s) for s in value.get("parties", []))
        signed = value.get("signed") if _is_day(value.get("signed")) else None
        year = str(value.get("signed") or value.get("reported_on") or "")[:4]
        tid = "-".join(s.lower() for s in parties) + (f"-{year}" if year else "")
        described = str(value.get("described_as") or "").strip()
        entry = {
            "id": tid,
            "name": f"{described or 'Pact'} between {' and '.join(parties)} (name to be checked)",
            "short_name": described or tid,
            "kind": "alliance",
            "signed": signed,
            "in_force": None,
            "ended": None,
            "last_verified": None,
            "note": note,
            "sources": sources,
            "parties": [
                {"state": s, "joined": None, "sources": [x["id"] for x in sources]} for s in parties
            ],
            "clauses": [],
        }
        if sources:
            treaty_file = entry
        target = tid
    else:
        target = str(p.treaty)
        if p.kind == "changed_date":
            entry = {
                "field": value.get("field"),
                "state": value.get("state"),
                "from": value.get("kb_value"),
                "to": value.get("reported"),
                "kb_source": value.get("kb_source"),
                "sources": [x["id"] for x in sources],
                "note": note,
            }
            section = str(value.get("field"))
            base = _kb_file(target, kb)
            if sources and base is not None and _change_date(base, value, sources, p.id):
                treaty_file = base
        elif p.kind == "new_invocation":
            entry = {
                "id": f"news-{p.id}",
                "clause": value.get("clause"),
                "date": value.get("date") if _is_day(value.get("date")) else None,
                "by": value.get("by"),
                "event": value.get("event") or "reported in the news",
                "outcome": value.get("outcome", "pending"),
                "summary": note,
                "sources": [x["id"] for x in sources],
            }
            section = "invocations"
        else:
            entry = {
                "state": value.get("state"),
                "joined": value.get("joined") if _is_day(value.get("joined")) else None,
                "sources": [x["id"] for x in sources],
                "note": note,
            }
            section = "parties"
        base = _kb_file(target, kb) if p.kind != "changed_date" else None
        if sources and base is not None:
            base.setdefault(section, []).append(entry)
            known = {x.get("id") for x in base.get("sources", [])}
            base.setdefault("sources", []).extend(x for x in sources if x["id"] not in known)
            treaty_file = base
    patch: dict[str, Any] = {
        "proposal": p.id,
        "kind": p.kind,
        "treaty": target,
        "note": note,
        "append_to": None if p.kind in ("new_treaty", "changed_date") else section,
        "change": section if p.kind == "changed_date" else None,
        "entry": entry,
        "kb_file": f"kb/{target}.yaml" if treaty_file is not None else None,
    }
    if treaty_file is None:
        patch["why_no_kb_file"] = (
            "no supporting article has a web address to cite as the source "
            "(give `url:` in its front matter) or the treaty file was not found"
        )
    patch["evidence"] = [e.model_dump() for e in p.evidence]
    path = out_dir / f"proposal-{p.id:04d}-{p.kind}-{target}.yaml"
    path.write_text(_dump(patch), "utf-8")
    if treaty_file is None:
        return path
    kb_path = out_dir / "kb" / f"{target}.yaml"
    kb_path.parent.mkdir(parents=True, exist_ok=True)
    kb_path.write_text(_dump(treaty_file), "utf-8")
    return kb_path


_TREATY_DATES = ("signed", "in_force", "ended")
_PARTY_DATES = ("joined", "left")


def _change_date(
    base: dict[str, Any], value: dict[str, Any], sources: list[dict[str, Any]], proposal: int
) -> bool:
    """Make the proposed date change in a treaty file (as plain data): the reported day
    replaces the KB's, the articles are added as sources, and the KB's former value is
    kept under ``disputed`` with its own sources (sources disagree: both are recorded).
    False when the file no longer holds the value the proposal was made against."""
    field, old, new = value.get("field"), value.get("kb_value"), value.get("reported")
    if not _is_day(new) or not isinstance(old, str):
        return False
    news_ids = [x["id"] for x in sources]
    known = {x.get("id") for x in base.get("sources", [])}
    if field in _TREATY_DATES and value.get("state") is None:
        if str(base.get(field)) != old:
            return False
        kb_source = value.get("kb_source")
        old_ids = [x["id"] for x in base.get("sources", []) if x.get("url") == kb_source]
        old_ids = old_ids or [x["id"] for x in base.get("sources", [])][:1]
        base[field] = new
        target = base
    elif field in _PARTY_DATES:
        spell = next(
            (
                party
                for party in base.get("parties", [])
                if party.get("state") == value.get("state") and str(party.get(field)) == old
            ),
            None,
        )
        if spell is None:
            return False
        old_ids = list(spell.get("sources") or [])
        spell[field] = new
        spell["sources"] = [*old_ids, *(i for i in news_ids if i not in old_ids)]
        target = spell
    else:
        return False
    if not old_ids:
        return False
    target.setdefault("disputed", []).append(
        {
            "field": field,
            "value": old,
            "sources": old_ids,
            "note": f"The value before review proposal {proposal}, which took the reported day.",
        }
    )
    base.setdefault("sources", []).extend(x for x in sources if x["id"] not in known)
    return True


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _is_day(value: object) -> bool:
    return isinstance(value, str) and parse_iso(value) is not None and len(value) == 10


def _sources(p: ProposalOut) -> list[dict[str, Any]]:
    """One source per supporting article with a web address."""
    out: dict[str, dict[str, Any]] = {}
    for e in p.evidence:
        if not e.url:
            continue
        out.setdefault(
            f"news-{e.document}",
            {
                "id": f"news-{e.document}",
                "kind": "newspaper",
                "url": e.url,
                "title": e.title or e.url,
                "publisher": e.outlet or "unknown",
                "accessed": e.published or now()[:10],
            },
        )
    return list(out.values())


def _kb_file(treaty: str, kb: KnowledgeBase | None) -> dict[str, Any] | None:
    if kb is None:
        from foederis.kb import load_kb

        kb = load_kb()
    origin = kb.origins.get(treaty)
    if origin is None or not origin.is_file():
        return None
    data = yaml.safe_load(origin.read_text("utf-8"))
    return _plain(data) if isinstance(data, dict) else None


def _plain(value: Any) -> Any:
    """Dates back to ISO text, so the copy reads as the original does."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
