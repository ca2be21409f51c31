"""The news pipeline: read → clean → dedupe → extract → reconcile → store (→ review).

    from foederis.news import ingest
    result = ingest([Path("articles/")], db_path=Path("news.sqlite3"))
    print(result.to_json())

Re-ingesting a file whose bytes are already stored is a no-op. Documents are written in
small transactions, each with its claims and proposals; stories and events are
recomputed at the end (and on the next run, if a run was killed before that point).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from foederis.kb import KnowledgeBase
from foederis.news import dedupe
from foederis.news.clean import clean
from foederis.news.dates import parse_iso
from foederis.news.events import event_keys
from foederis.news.extract import Claim, Extractor
from foederis.news.languages import detect
from foederis.news.read import RawDocument, ReadError, iter_entries, read_file
from foederis.news.reconcile import Verdict, reconcile
from foederis.news.store import Store, now, writer_lock
from foederis.news.textutil import shingle_hashes, shingles

COMMIT_EVERY = 100  # documents per transaction

Progress = Callable[[str, int, int], None]  # (stage, done, total)


# ---- records returned to callers (and printed as JSON by the CLI) ------------------------


class DocumentOut(BaseModel):
    id: int
    path: str
    title: str | None
    outlet: str | None
    byline: str | None = None
    published: str | None
    story: int | None
    canonical: bool
    event: str | None = None
    language: str | None = None
    url: str | None = None
    kept_chars: int
    removed_chars: int
    new: bool = True


class ClaimOut(BaseModel):
    id: int
    document: int
    sentence: str
    span: tuple[int, int]
    states: list[str]
    treaty: str | None
    relation: str
    date: str | None
    article: str | None
    value: str | None = None
    status: str
    kb_value: str | None
    kb_source: str | None = None
    as_of: str | None = None


class SkippedOut(BaseModel):
    path: str
    reason: str


class IngestResult(BaseModel):
    documents: list[DocumentOut]
    claims: list[ClaimOut]
    skipped: list[SkippedOut] = []
    notes: list[SkippedOut] = []

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)


class StoryOut(BaseModel):
    story: int
    canonical: int
    title: str | None
    event: str | None
    documents: list[DocumentOut]
    documents_total: int  # the story's documents; ``documents`` may hold only the first ones


# ---- the work ---------------------------------------------------------------------------


@dataclass
class _New:
    """A document read and cleaned (by a worker process with ``--jobs``), its 3-grams
    hashed; signed (``minhash``) with the run's other new documents, in batches. The
    page's raw text is not kept, and its 3-grams are a sorted array (1.6 kB for 400) rather
    than a set (~20 kB)."""

    @property
    def signed_size(self) -> int:
        return len(self.grams)

    raw: RawDocument
    text: str
    kept: int
    removed: int
    grams: np.ndarray[Any, np.dtype[np.uint32]]  # sorted 3-gram hashes (4 bytes each)
    language: str = "en"
    minhash: bytes = b""  # set by ``_sign_all``
    claims: list[Claim] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    verdicts: list[Verdict] | None = None
    as_of: date | None = None
    id: int = 0


def ingest(
    paths: Iterable[Path | str],
    db_path: Path | str | None = None,
    kb: KnowledgeBase | None = None,
    *,
    progress: Progress | None = None,
    commit_every: int = COMMIT_EVERY,
    jobs: int = 1,
) -> IngestResult:
    """Read, clean, group, extract, reconcile and store articles; bad files are skipped
    with a reason. Returns what the paths hold (stored before or now) with their claims.
    ``jobs`` > 1 reads, cleans, signs, extracts and reconciles in that many processes
    (grouping and storing stay in this one, in the same order); the result is the same."""
    if kb is None:
        from foederis.kb import load_kb

        kb = load_kb()
    files = list(iter_entries(Path(p) for p in paths))
    pool = _pool(kb, jobs, len(files))
    try:
        with _older_objects_frozen():
            return _ingest(files, db_path, kb, progress, commit_every, pool)
    finally:
        if pool is not None:
            pool.shutdown()


@contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Leave the objects alive before a run (the KB, the states registry, the language
    models' tables, caches) out of the cyclic garbage collector's scans while it runs:
    each full collection would walk them again, a tenth of a 10,000-article run. Nothing
    is kept longer than it would be; a caller's own freeze is left as it was."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _ingest(
    files: list[tuple[Path, Path | None]],
    db_path: Path | str | None,
    kb: KnowledgeBase,
    progress: Progress | None,
    commit_every: int,
    pool: ProcessPoolExecutor | None,
) -> IngestResult:
    prepared: Iterator[tuple[RawDocument | ReadError, _New | str | None]] = (
        pool.map(_read_and_prepare, files, chunksize=PARALLEL_CHUNK)
        if pool is not None
        else ((read_file(path, root=root), None) for path, root in files)
    )
    with writer_lock(db_path), Store(db_path) as store:  # one ingest at a time per database
        skipped: list[SkippedOut] = []
        notes: list[SkippedOut] = []
        fresh: list[_New] = []
        seen: dict[str, int | None] = {}
        existing_ids: list[int] = []
        known: dict[str, int] = {}  # stored documents among the hashes of the next block
        for n, path, raw, ready in _read_ahead(files, prepared, store, known):
            _tick(progress, "read", n, len(files))
            if isinstance(raw, ReadError):
                skipped.append(SkippedOut(path=str(path), reason=raw.reason))
                continue
            notes += [SkippedOut(path=str(path), reason=note) for note in raw.notes]
            if raw.content_hash in seen:
                continue
            seen[raw.content_hash] = known.get(raw.content_hash)
            if raw.content_hash in known:
                existing_ids.append(known[raw.content_hash])
                continue
            if ready is None:
                ready = _prepare_safely(raw)
            if isinstance(ready, str):  # one bad file never stops a batch: report it, go on
                skipped.append(SkippedOut(path=str(path), reason=ready))
            else:
                fresh.append(ready)

        if fresh or store.pending_grouping():
            stories = _group_stories(store, fresh, progress)
            _extract(kb, store, fresh, stories, progress, pool)
            _write(store, fresh, progress, commit_every)
            _regroup(store, fresh, stories)

        ids = sorted({*existing_ids, *(d.id for d in fresh)})
        new_ids = {d.id for d in fresh}
        docs = [_doc_out(r, r["id"] in new_ids) for r in store.documents(ids)]
        claims = [_claim_out(r) for r in store.claims(documents=ids)]
        return IngestResult(documents=docs, claims=claims, skipped=skipped, notes=notes)


READ_AHEAD = 256  # documents whose hashes are looked up in the store at once


def _read_ahead(
    files: list[tuple[Path, Path | None]],
    prepared: Iterator[tuple[RawDocument | ReadError, _New | str | None]],
    store: Store,
    known: dict[str, int],
) -> Iterator[tuple[int, Path, RawDocument | ReadError, _New | str | None]]:
    """The read documents in order, numbered from 1, a block of ``READ_AHEAD`` at a time:
    before a block is handed out, ``known`` is filled with those of its hashes that are
    stored already (one query a block, not one a document; nothing is written while the
    documents are read, so the answer cannot change). A hash met again in a later block
    is the caller's to recognise (``seen``)."""
    pairs = enumerate(zip(files, prepared, strict=True), 1)
    while True:
        block = [
            (n, path, raw, ready) for n, ((path, _), (raw, ready)) in islice(pairs, READ_AHEAD)
        ]
        if not block:
            return
        known.clear()
        known.update(
            store.known_hashes(r.content_hash for _, _, r, _ in block if isinstance(r, RawDocument))
        )
        yield from block


def _tick(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _prepare_safely(raw: RawDocument) -> _New | str:
    try:
        return _prepare(raw)
    except Exception as exc:
        return f"could not be cleaned ({type(exc).__name__}: {str(exc)[:200]})"


# ---- worker processes (--jobs N) ---------------------------------------------------------

PARALLEL_CHUNK = 16  # documents per task sent to a worker
_worker_extractor: Extractor | None = None


def _pool(kb: KnowledgeBase, jobs: int, n: int) -> ProcessPoolExecutor | None:
    if jobs <= 1 or n < 2 * PARALLEL_CHUNK:
        return None
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(kb,))


def _init_worker(kb: KnowledgeBase) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(kb)
    gc.freeze()  # the worker's KB and tables, as ``_older_objects_frozen`` (the process is ours)


def _read_and_prepare(
    entry: tuple[Path, Path | None],
) -> tuple[RawDocument | ReadError, _New | str | None]:
    path, root = entry
    raw = read_file(path, root=root)
    if isinstance(raw, ReadError):
        return raw, None
    return raw, _prepare_safely(raw)


_Analysis = tuple[list[Claim], list[str], list[Verdict] | None]


def _analyse_one(task: tuple[str, date | None, str, date | None]) -> _Analysis:
    assert _worker_extractor is not None
    return analyse(_worker_extractor, *task)


def analyse(
    extractor: Extractor, text: str, ref: date | None, lang: str, published: date | None
) -> _Analysis:
    """Extract, key events and — for a dated article — reconcile one document: the
    per-document work after grouping, the same in this process or a worker. An undated
    article is reconciled later, once the date of its story or event is known."""
    claims = extractor.extract(text, ref, lang)
    events = event_keys(claims, ref, extractor.kb)
    verdicts = (
        [reconcile(c, extractor.kb, published) for c in claims] if published is not None else None
    )
    return claims, events, verdicts


def _prepare(raw: RawDocument) -> _New:
    """Clean one document, hash its 3-grams and identify its language (the per-document
    work before grouping; signing is done for the run's new documents together)."""
    cleaned = clean(raw.text, raw.title)
    grams, language = _grams_and_language(cleaned.text)
    return _New(
        dataclasses.replace(raw, text=""),  # the page itself is not needed again
        cleaned.text,
        cleaned.kept_chars,
        cleaned.removed_chars,
        grams,
        language=language,
    )


@lru_cache(maxsize=4096)  # a syndicated copy cleans to the same text: looked at once
def _grams_and_language(text: str) -> tuple[np.ndarray[Any, np.dtype[np.uint32]], str]:
    """A cleaned text's 3-gram hashes (read-only: copies share them) and language."""
    grams = shingle_hashes(text)
    grams.flags.writeable = False
    return grams, detect(text)


SIGN_BATCH = 4096  # documents signed in one call (a call costs ~40 µs on top of its rows)


def _sign_all(fresh: list[_New]) -> list[np.ndarray[Any, np.dtype[np.uint32]]]:
    """MinHash signatures of the new documents, a batch at a time; each is kept as
    bytes on its document too (``minhash``, stored with it)."""
    out: list[np.ndarray[Any, np.dtype[np.uint32]]] = []
    for start in range(0, len(fresh), SIGN_BATCH):
        batch = fresh[start : start + SIGN_BATCH]
        for d, sig in zip(batch, dedupe.signatures([d.grams for d in batch]), strict=True):
            d.minhash = dedupe.to_bytes(sig)
            out.append(sig)
    return out


def _group_stories(
    store: Store, fresh: list[_New], progress: Progress | None
) -> list[list[Hashable]]:
    """Stories over every stored and new document (keys: int ids for stored documents,
    ("new", i) for new ones), regrouped from scratch with ``dedupe.group_stories``, so
    that the stories depend on the documents and not on how they were split into runs.
    Signatures stored by an older scheme are made again from the stored text."""
    _tick(progress, "dedupe", 0, 1)
    items: list[dedupe.Item] = []
    stale: list[int] = []
    for doc_id, blob, size, _story in store.signatures():
        sig = dedupe.from_bytes(blob)
        if sig is None:
            stale.append(len(items))
            sig = np.zeros(dedupe.NUM_PERM, dtype=np.uint32)
        items.append(dedupe.Item(doc_id, sig, size))
    if stale:
        sets = [shingles(store.text(int(str(items[i].key)))) for i in stale]
        resigned = dedupe.signatures(sets)
        with store.transaction() as conn:
            for i, sig, sh in zip(stale, resigned, sets, strict=True):
                key = int(str(items[i].key))
                items[i] = dedupe.Item(key, sig, len(sh))
                store.set_signature(conn, key, dedupe.to_bytes(sig), len(sh))
    for i, (d, sig) in enumerate(zip(fresh, _sign_all(fresh), strict=True)):
        items.append(dedupe.Item(("new", i), sig, d.signed_size))

    def shingles_of(key: Hashable) -> dedupe.Grams:
        if isinstance(key, tuple):
            return fresh[int(key[1])].grams
        return shingle_hashes(store.text(int(str(key))))

    groups = dedupe.group_stories(items, shingles_of)
    _tick(progress, "dedupe", 1, 1)
    return groups


def _extract(
    kb: KnowledgeBase,
    store: Store,
    fresh: list[_New],
    stories: list[list[Hashable]],
    progress: Progress | None,
    pool: ProcessPoolExecutor | None = None,
) -> None:
    extractor = Extractor(kb)
    published = {int(str(r["id"])): parse_iso(r["published"]) for r in store.documents()}
    story_date: dict[Hashable, date] = {}
    for group in stories:
        dates = [
            published.get(int(str(k)))
            if not isinstance(k, tuple)
            else fresh[int(k[1])].raw.published
            for k in group
        ]
        known = sorted(d for d in dates if d is not None)
        if known:
            for k in group:
                story_date[k] = known[0]
    refs = [d.raw.published or story_date.get(("new", i)) for i, d in enumerate(fresh)]
    tasks = [(d.text, ref, d.language, d.raw.published) for d, ref in zip(fresh, refs, strict=True)]
    # a copy with the same text, dates and language has the same claims: analysed once
    unique = list(dict.fromkeys(tasks))
    found: Iterable[_Analysis] = (
        pool.map(_analyse_one, unique, chunksize=PARALLEL_CHUNK)
        if pool is not None
        else (analyse(extractor, *task) for task in unique)
    )
    results: dict[tuple[str, date | None, str, date | None], _Analysis] = {}
    for k, (task, result) in enumerate(zip(unique, found, strict=True), 1):
        _tick(progress, "extract", k, len(unique))
        results[task] = result
    for d, task in zip(fresh, tasks, strict=True):
        claims, events, verdicts = results[task]
        d.claims, d.events = list(claims), list(events)
        d.verdicts = list(verdicts) if verdicts is not None else None
    # an undated article takes the date of its story, else of its event
    event_date: dict[str, date] = {}
    for d in fresh:
        if d.raw.published:
            for e in d.events:
                event_date[e] = min(event_date.get(e, d.raw.published), d.raw.published)
    for i, d in enumerate(fresh):
        d.as_of = (
            d.raw.published
            or story_date.get(("new", i))
            or min((event_date[e] for e in d.events if e in event_date), default=None)
        )
        if d.verdicts is None:  # undated: reconciled as of its story's or event's date
            as_of = d.as_of or date.today()
            d.verdicts = [reconcile(c, kb, as_of) for c in d.claims]


def _write(store: Store, fresh: list[_New], progress: Progress | None, commit_every: int) -> None:
    for start in range(0, len(fresh), commit_every):
        chunk = fresh[start : start + commit_every]
        with store.transaction() as conn:
            for d in chunk:
                d.id = store.add_document(
                    conn,
                    {
                        "content_hash": d.raw.content_hash,
                        "path": str(d.raw.path),
                        "format": d.raw.format,
                        "title": d.raw.title,
                        "outlet": d.raw.outlet,
                        "byline": d.raw.byline,
                        "published": d.raw.published.isoformat() if d.raw.published else None,
                        "text": d.text,
                        "kept_chars": d.kept,
                        "removed_chars": d.removed,
                        "shingle_count": d.signed_size,
                        "minhash": d.minhash,
                        "claim_count": len(d.claims),
                        "ingested_at": now(),
                        "language": d.language,
                        "url": d.raw.url,
                    },
                )
                store.add_events(conn, d.id, d.events)
                as_of = (d.as_of or date.today()).isoformat()
                for c, v in zip(d.claims, d.verdicts or [], strict=True):
                    cid = store.add_claim(
                        conn,
                        {
                            "document": d.id,
                            "sentence": c.sentence,
                            "span_start": c.start,
                            "span_end": c.end,
                            "states": c.states,
                            "treaty": c.treaty,
                            "relation": c.relation,
                            "date": c.date,
                            "article": c.article,
                            "value": c.value,
                            "pact": c.pact,
                            "status": v.status,
                            "kb_value": v.kb_value,
                            "kb_source": v.kb_source,
                            "as_of": as_of,
                        },
                    )
                    for p in v.proposals:
                        stable = {
                            k: val
                            for k, val in p.value.items()
                            if k not in ("reported_on", "event", "described_as")
                        }
                        fingerprint = hashlib.sha256(
                            json.dumps([p.kind, p.treaty, stable], sort_keys=True).encode()
                        ).hexdigest()
                        store.add_proposal(conn, p.kind, p.treaty, p.value, fingerprint, cid)
        _tick(progress, "store", min(start + commit_every, len(fresh)), len(fresh))


def _regroup(store: Store, fresh: list[_New], stories: list[list[Hashable]]) -> None:
    """Store each document's story (its canonical document's id) and event."""

    def doc_id(key: Hashable) -> int:
        return fresh[int(key[1])].id if isinstance(key, tuple) else int(str(key))

    rows = {int(r["id"]): r for r in store.documents()}
    id_groups = [[doc_id(k) for k in g] for g in stories]
    id_groups = [[i for i in g if i in rows] for g in id_groups]
    events = store.events()
    for i in rows:
        events.setdefault(i, [])
    labels = dedupe.group_events(events, id_groups)
    updates: list[tuple[int, int | None, str | None]] = []
    for group in id_groups:
        if not group:
            continue
        canon = dedupe.canonical(
            group, lambda i: (-int(rows[i]["kept_chars"]), rows[i]["published"] or "9999", i)
        )
        updates += [(i, canon, labels.get(i)) for i in group]
    with store.transaction() as conn:
        store.set_groups(conn, updates)


# ---- queries for the command line -------------------------------------------------------


def _doc_out(r: sqlite3.Row, new: bool = False) -> DocumentOut:
    return DocumentOut(
        id=r["id"],
        path=r["path"],
        title=r["title"],
        outlet=r["outlet"],
        byline=r["byline"],
        published=r["published"],
        story=r["story"],
        canonical=r["story"] == r["id"],
        event=r["event"],
        language=r["language"],
        url=r["url"],
        kept_chars=r["kept_chars"],
        removed_chars=r["removed_chars"],
        new=new,
    )


def _claim_out(r: sqlite3.Row) -> ClaimOut:
    return ClaimOut(
        id=r["id"],
        document=r["document"],
        sentence=r["sentence"],
        span=(r["span_start"], r["span_end"]),
        states=json.loads(r["states"]),
        treaty=r["treaty"],
        relation=r["relation"],
        date=r["date"],
        article=r["article"],
        value=r["value"],
        status=r["status"],
        kb_value=r["kb_value"],
        kb_source=r["kb_source"],
        as_of=r["as_of"],
    )


def list_stories(
    db_path: Path | str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    documents: int | None = None,
) -> list[StoryOut]:
    """Stories (groups of documents reporting the same story), by story id; ``limit`` and
    ``offset`` page through them in SQL, so a page reads only its own documents. With
    ``documents``, each story lists only its first ``documents`` documents (by id; the
    rest: :func:`story_documents`); ``documents_total`` counts them all."""
    with Store(db_path) as store:
        rows = store.story_documents(limit, offset, per_story=documents)
        groups: dict[int, list[DocumentOut]] = {}
        totals: dict[int, int] = {}
        for r in rows:
            doc = _doc_out(r)
            key = doc.story if doc.story is not None else doc.id
            groups.setdefault(key, []).append(doc)
            totals[key] = int(r["documents_total"]) if documents is not None else len(groups[key])
        # a canonical document past the first ``documents`` of its story is read on its own
        listed = {d.id for docs in groups.values() for d in docs}
        canon = {int(r["id"]): _doc_out(r) for r in store.documents(sorted(set(groups) - listed))}
    out = []
    for story, docs in sorted(groups.items()):
        head = next((d for d in docs if d.canonical), canon.get(story, docs[0]))
        out.append(
            StoryOut(
                story=story,
                canonical=head.id,
                title=head.title,
                event=head.event,
                documents=docs,
                documents_total=totals[story],
            )
        )
    return out


def story_documents(
    story: int, db_path: Path | str | None = None, *, limit: int = 100, offset: int = 0
) -> list[DocumentOut]:
    """A page of the documents of one story (keyed by its canonical document's id), by id."""
    with Store(db_path) as store:
        return [_doc_out(r) for r in store.documents_of_story(story, limit, offset)]


def count_story_documents(story: int, db_path: Path | str | None = None) -> int:
    """How many documents the story has (0: there is no such story)."""
    with Store(db_path) as store:
        return store.count_story_documents(story)


def count_stories(db_path: Path | str | None = None) -> int:
    """How many stories list_stories would return."""
    with Store(db_path) as store:
        return store.count_stories()


def list_claims(
    status: str | None = None,
    db_path: Path | str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[ClaimOut]:
    """Claims (with ``status`` only, when given), by id; ``limit`` and ``offset`` page
    through them in SQL."""
    with Store(db_path) as store:
        return [_claim_out(r) for r in store.claims(status=status, limit=limit, offset=offset)]


def count_claims(status: str | None = None, db_path: Path | str | None = None) -> int:
    """How many claims list_claims(status) would return."""
    with Store(db_path) as store:
        return store.count_claims(status)
