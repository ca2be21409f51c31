"""The web app's view of news ingestion (foederis.news): stories, claims, the review queue.

The news module is optional for the server: when it cannot be imported, the news
endpoints answer 503 with a clear message and the review page says so; everything else
works. The database is the app's ``db_path`` (``create_app(db_path=...)`` or
``foederis serve --db``), else ``FOEDERIS_DB``, else the news module's default. Accepted
proposals are written as YAML patches into ``review-patches/`` beside the database.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from foederis.model.enums import ClaimStatus
from foederis.web.errors import ApiError, not_found, unavailable

CONTEXT_CHARS = 280
DECISION = frozenset({"conflict", "stale", "new"})  # what the review page opens on
DECIDED = ("accepted", "rejected")


@cache
def _news() -> Any | None:
    try:
        module = importlib.import_module("foederis.news")
    except ImportError:
        return None
    needed = (
        "ingest",
        "list_stories",
        "count_stories",
        "story_documents",
        "count_story_documents",
        "list_claims",
        "count_claims",
        "review_list",
        "count_proposals",
        "review_decide",
    )
    return module if all(hasattr(module, n) for n in needed) else None


def available() -> bool:
    return _news() is not None


def ingest_files(paths: Sequence[Path], db_path: Path | None) -> Any:
    """Run news ingestion on files (used by tests and scripts)."""
    news = _news()
    if news is None:
        raise unavailable(
            "the news module is not available", "this build of foederis has no news ingestion"
        )
    return news.ingest(list(paths), db_path=db_path)


REVIEW_PAGE = 50  # rows of each list on one review page
EVIDENCE_SHOWN = 10  # sentences shown per proposal
DOCUMENTS_SHOWN = 20  # copies shown per story


class Bridge:
    def __init__(self, db_path: Path | None) -> None:
        news = _news()
        if news is None:
            raise unavailable(
                "the news module is not available", "this build of foederis has no news ingestion"
            )
        self.news = news
        self.db_path = db_path if db_path is not None else Path(news.default_db_path())

    @property
    def patch_dir(self) -> Path:
        return self.db_path.parent / "review-patches"

    def _guard(self, what: str) -> ApiError:
        return unavailable(
            f"the news database could not be read ({what})",
            f"check the database path {self.db_path} (--db or FOEDERIS_DB)",
        )

    # ---- API ------------------------------------------------------------------------------
    def stories(
        self, limit: int | None = None, offset: int = 0, documents: int | None = None
    ) -> list[dict[str, Any]]:
        """A page of stories, cut in SQL (all of them without ``limit``), each with its
        first ``documents`` documents (all without) and ``documents_total``."""
        try:
            rows = self.news.list_stories(
                self.db_path, limit=limit, offset=offset, documents=documents
            )
            return [s.model_dump(mode="json") for s in rows]
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def story_documents(self, story: int, limit: int, offset: int) -> list[dict[str, Any]]:
        """A page of one story's documents, cut in SQL."""
        try:
            rows = self.news.story_documents(story, self.db_path, limit=limit, offset=offset)
            return [d.model_dump(mode="json") for d in rows]
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def count_story_documents(self, story: int) -> int:
        try:
            return int(self.news.count_story_documents(story, self.db_path))
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def count_stories(self) -> int:
        try:
            return int(self.news.count_stories(self.db_path))
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def claims(
        self, status: str | None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """A page of claims, cut in SQL (all of them without ``limit``)."""
        try:
            rows = self.news.list_claims(status, db_path=self.db_path, limit=limit, offset=offset)
            return [c.model_dump(mode="json") for c in rows]
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def count_claims(self, status: str | None) -> int:
        try:
            return int(self.news.count_claims(status, db_path=self.db_path))
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def proposals(
        self,
        status: str | tuple[str, ...] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """A page of proposals, ranked and cut in SQL (all of them without ``limit``)."""
        try:
            rows = self.news.review_list(self.db_path, status, limit=limit, offset=offset)
            return [p.model_dump(mode="json") for p in rows]
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def count_proposals(self, status: str | tuple[str, ...] | None) -> int:
        try:
            return int(self.news.count_proposals(self.db_path, status))
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None

    def decide(self, item_id: int, accept: bool) -> dict[str, Any]:
        try:
            out = self.news.review_decide(
                item_id, accept, out_dir=self.patch_dir, db_path=self.db_path
            )
        except self.news.ReviewError as exc:
            text = exc.reason
            if text.startswith("no proposal"):
                raise not_found(
                    "proposal",
                    text,
                    "GET /api/claims?status=new shows new "
                    "claims; the review page lists the pending proposals",
                ) from None
            raise ApiError(
                409, "already_decided", text, hint="a proposal is decided once"
            ) from None
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None
        result: dict[str, Any] = out.model_dump(mode="json")
        return result

    # ---- the review page --------------------------------------------------------------------
    def review_view(self, status: str | None, page: int = 1) -> dict[str, Any]:
        """Stories, claims (one per fact, each with its sentence in context) and proposals:
        page ``page`` of each list (REVIEW_PAGE rows). Stories, facts and proposals are counted,
        ranked and cut in SQL, so that the page stays small and quick for any database."""
        from foederis.news.pipeline import _claim_out

        lo = (page - 1) * REVIEW_PAGE
        wanted = sorted(DECISION) if status == "decision" else None if status is None else [status]
        try:
            with self._store() as store:
                counts: dict[str, int] = {s.value: 0 for s in ClaimStatus}
                counts.update(store.status_counts())
                claims_total = store.count_facts(wanted)
                decision_count = store.count_facts(sorted(DECISION))
                facts = store.fact_page(wanted, REVIEW_PAGE, lo)
                stories_total = store.count_stories()
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None
        stories = self.stories(REVIEW_PAGE, lo, DOCUMENTS_SHOWN)
        pending = self.proposals("pending", REVIEW_PAGE, lo)
        pending_total = self.count_proposals("pending")
        decided = self.proposals(DECIDED, REVIEW_PAGE, lo)
        decided_total = self.count_proposals(DECIDED)
        shown: list[dict[str, Any]] = []
        for row, documents in facts:
            c = _claim_out(row).model_dump(mode="json")
            c["also_in"] = [d for d in documents if d != c["document"]]
            shown.append(c)
        docs = {int(c["document"]) for c in shown} | {d for c in shown for d in c["also_in"]}
        titles = self._titles(docs)
        texts = self._texts({int(c["document"]) for c in shown})
        for c in shown:
            c["context"] = context(texts.get(int(c["document"]), ""), c["span"], c["sentence"])
            c["document_title"] = titles.get(c["document"], f"document {c['document']}")
            c["also_in"] = [titles.get(d, f"document {d}") for d in c["also_in"]]
        for p in pending:
            p["evidence_total"] = len(p.get("evidence", []))
            p["evidence"] = p.get("evidence", [])[:EVIDENCE_SHOWN]
        longest = max(claims_total, pending_total, decided_total, stories_total)
        return {
            "stories": stories,
            "stories_total": stories_total,
            "claims": shown,
            "claims_total": claims_total,
            "counts": counts,
            "decision_count": decision_count,
            "total_claims": sum(counts.values()),
            "pending": pending,
            "pending_total": pending_total,
            "decided": decided,
            "db_path": str(self.db_path),
            "page": page,
            "pages": max(1, -(-longest // REVIEW_PAGE)),
        }

    def _store(self) -> Any:
        from foederis.news.store import Store

        return Store(self.db_path)

    def _titles(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        try:
            with self._store() as store:
                rows = store.documents(sorted(ids))
        except (sqlite3.Error, OSError) as exc:
            raise self._guard(type(exc).__name__) from None
        return {int(r["id"]): r["title"] or Path(r["path"]).name for r in rows}

    def _texts(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        from foederis.news.store import Store

        try:
            with Store(self.db_path) as store:
                return {i: store.text(i) for i in sorted(ids)}
        except (sqlite3.Error, OSError, KeyError, TypeError) as exc:
            raise self._guard(type(exc).__name__) from None


def context(text: str, span: Sequence[int], sentence: str) -> dict[str, str]:
    """The supporting sentence with up to CONTEXT_CHARS of text on each side, cut at a
    space. Plain strings: the template escapes them."""
    start, end = (int(span[0]), int(span[1])) if len(span) == 2 else (-1, -1)
    if not (0 <= start <= end <= len(text)) or text[start:end] != sentence:
        found = text.find(sentence)
        if found < 0:
            return {"before": "", "sentence": sentence, "after": ""}
        start, end = found, found + len(sentence)
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + CONTEXT_CHARS < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return {"before": before, "sentence": text[start:end], "after": after}


def bridge(app: FastAPI) -> Bridge:
    db: Path | None = app.state.db_path
    return Bridge(db)
