"""Storage — an embedded SQLite database with a migrated schema.

The schema is built by numbered migrations recorded in ``schema_version``; opening an
older database applies the missing ones (never drops and recreates). Writes happen in
explicit transactions (``with store.transaction():``): a document is stored with all its
claims, events and proposals or not at all, so an ingest killed at any point (kill -9)
leaves a consistent database, and re-running it completes the work.

The database path comes from an argument, else ``FOEDERIS_DB``, else
``$XDG_DATA_HOME/foederis/news.sqlite3`` (``~/.local/share/foederis/news.sqlite3``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from foederis.errors import FoederisError

ENV_VAR = "FOEDERIS_DB"


class StoreError(FoederisError, sqlite3.DatabaseError):
    """The news database cannot be opened or is not one (a text file, a directory).
    A FoederisError for the command line, and an sqlite3 error for callers that already
    handle database errors (the web app answers 503)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        FoederisError.__init__(self, message, hint)


MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,
    path          TEXT NOT NULL,
    format        TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    byline        TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    kept_chars    INTEGER NOT NULL,
    removed_chars INTEGER NOT NULL,
    shingle_count INTEGER NOT NULL,
    minhash       BLOB NOT NULL,
    claim_count   INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE TABLE claims (
    id         INTEGER PRIMARY KEY,
    document   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence   TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    states     TEXT NOT NULL,
    treaty     TEXT,
    relation   TEXT NOT NULL,
    date       TEXT,
    article    TEXT,
    value      TEXT,
    pact       TEXT,
    status     TEXT NOT NULL,
    kb_value   TEXT,
    kb_source  TEXT,
    as_of      TEXT NOT NULL
);
CREATE INDEX claims_document ON claims(document);
CREATE INDEX claims_status ON claims(status);
""",
    ),
    (
        2,
        """
ALTER TABLE documents ADD COLUMN story INTEGER;
ALTER TABLE documents ADD COLUMN event TEXT;
CREATE INDEX documents_story ON documents(story);
CREATE TABLE document_events (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event    TEXT NOT NULL,
    PRIMARY KEY (document, event)
);
""",
    ),
    (
        3,
        """
CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    treaty      TEXT,
    value       TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at  TEXT NOT NULL,
    decided_at  TEXT,
    patch_path  TEXT
);
CREATE TABLE proposal_claims (
    proposal INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    claim    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (proposal, claim)
);
""",
    ),
]
MIGRATIONS.append(
    (
        4,
        """
ALTER TABLE documents ADD COLUMN language TEXT;
ALTER TABLE documents ADD COLUMN url TEXT;
""",
    )
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def default_db_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "foederis" / "news.sqlite3"


@contextmanager
def writer_lock(path: Path | str | None = None) -> Iterator[None]:
    """Hold the database's writer lock (an advisory lock on ``<db>.lock`` beside it) for
    the duration: two ingests into one database run one after the other instead of
    racing (one would otherwise die on the UNIQUE content hash or "database is locked",
    and their stories would be grouped without seeing each other). Waits as long as the
    other writer runs. Where ``fcntl`` is missing (Windows) only SQLite's own locking
    applies."""
    db = Path(path) if path is not None else default_db_path()
    if str(db) == ":memory:" or db.is_dir():
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A connection to the news database (use as a context manager)."""

    def __init__(
        self, path: Path | str | None = None, *, migrate: bool = True, upto: int | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if self.path.is_dir():
            raise StoreError(
                f"the news database {self.path} is a directory",
                "pass a database file with --db or FOEDERIS_DB",
            )
        try:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
        except OSError as exc:
            raise StoreError(
                f"cannot open the news database {self.path}: {exc.strerror or exc}",
                "check the path given with --db or FOEDERIS_DB and its permissions",
            ) from None
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the news database {self.path}: {exc}",
                "check the path given with --db or FOEDERIS_DB and its permissions",
            ) from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                self.migrate(upto)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise
            raise StoreError(
                f"{self.path} is not a foederis news database ({exc})",
                "pass a database made by `foederis ingest`, or a new file name",
            ) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ---- schema -------------------------------------------------------------------

    def version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self, upto: int | None = None) -> list[int]:
        """Apply the migrations the database lacks, each in its own transaction."""
        applied = []
        with self.transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        for number, script in MIGRATIONS:
            if upto is not None and number > upto:
                break
            with self.transaction():
                if self.version() >= number:
                    continue
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_version VALUES (?, ?)", (number, now()))
                applied.append(number)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- reads --------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, int]:
        wanted = list(hashes)
        out: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.conn.execute(
                f"SELECT content_hash, id FROM documents WHERE content_hash IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update({r[0]: int(r[1]) for r in rows})
        return out

    def documents(self, ids: Sequence[int] | None = None) -> list[sqlite3.Row]:
        sql = (
            "SELECT id, content_hash, path, format, title, outlet, byline, published,"
            " kept_chars, removed_chars, shingle_count, claim_count, story, event, language, url"
            " FROM documents"
        )
        if ids is None:
            return list(self.conn.execute(sql + " ORDER BY id"))
        out: list[sqlite3.Row] = []
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            out += self.conn.execute(
                sql + f" WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk
            )
        return out

    def signatures(self) -> Iterator[tuple[int, bytes, int, int | None]]:
        """(id, minhash bytes, shingle count, story) of every stored document."""
        for row in self.conn.execute(
            "SELECT id, minhash, shingle_count, story FROM documents ORDER BY id"
        ):
            yield int(row[0]), bytes(row[1]), int(row[2]), row[3]

    def text(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return str(row[0]) if row else ""

    def events(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for doc, event in self.conn.execute("SELECT document, event FROM document_events"):
            out.setdefault(int(doc), []).append(str(event))
        return out

    def pending_grouping(self) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE story IS NULL LIMIT 1").fetchone()
            is not None
        )

    def claims(
        self,
        *,
        status: str | None = None,
        documents: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[sqlite3.Row]:
        sql = "SELECT * FROM claims"
        args: list[Any] = []
        where = []
        if status:
            where.append("status = ?")
            args.append(status)
        if documents is not None:
            if not documents:
                return []
            # one JSON parameter, not one per id: an ingest of 1M articles asks for the
            # claims of every document, far past SQLite's limit on variables
            where.append("document IN (SELECT value FROM json_each(?))")
            args.append(json.dumps([int(d) for d in documents]))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args += [-1 if limit is None else limit, offset]
        return list(self.conn.execute(sql, args))

    def count_claims(self, status: str | None = None) -> int:
        if status:
            row = self.conn.execute("SELECT COUNT(*) FROM claims WHERE status = ?", (status,))
        else:
            row = self.conn.execute("SELECT COUNT(*) FROM claims")
        return int(row.fetchone()[0])

    # One claim per fact: claims with the same treaty, relation, states (in any order),
    # date, article, value and status report one fact (copies of one story, reports of one
    # event); the fact is shown by its first claim.
    _FACTS = (
        "SELECT MIN(id) AS id, status, group_concat(DISTINCT document) AS documents"
        " FROM (SELECT id, document, status, treaty, relation, date, article, value,"
        " (SELECT group_concat(j.value, ',') FROM (SELECT value FROM json_each(c.states)"
        " ORDER BY value) AS j) AS skey FROM claims AS c{where})"
        " GROUP BY treaty, relation, skey, date, article, value, status"
    )
    _FACT_ORDER = (
        " ORDER BY CASE status WHEN 'conflict' THEN 0 WHEN 'stale' THEN 1 WHEN 'new' THEN 2"
        " WHEN 'disputed' THEN 3 WHEN 'unverifiable' THEN 4 WHEN 'confirmed' THEN 5 ELSE 9 END,"
        " MIN(id)"
    )

    def _fact_where(self, statuses: Sequence[str] | None) -> tuple[str, list[Any]]:
        if statuses is None:
            return "", []
        return f" WHERE status IN ({','.join('?' * len(statuses))})", list(statuses)

    def count_facts(self, statuses: Sequence[str] | None = None) -> int:
        if statuses is not None and not statuses:
            return 0
        where, args = self._fact_where(statuses)
        sql = f"SELECT COUNT(*) FROM ({self._FACTS.format(where=where)})"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def fact_page(
        self, statuses: Sequence[str] | None, limit: int, offset: int
    ) -> list[tuple[sqlite3.Row, list[int]]]:
        """One page of facts, those needing a decision first: each fact's first claim and
        the documents of every claim of the fact (ids, ascending)."""
        if statuses is not None and not statuses:
            return []
        where, args = self._fact_where(statuses)
        sql = self._FACTS.format(where=where) + self._FACT_ORDER + " LIMIT ? OFFSET ?"
        heads = list(self.conn.execute(sql, [*args, limit, offset]))
        if not heads:
            return []
        rows = {
            int(r["id"]): r
            for r in self.conn.execute(
                f"SELECT * FROM claims WHERE id IN ({','.join('?' * len(heads))})",
                [h["id"] for h in heads],
            )
        }
        return [
            (rows[int(h["id"])], sorted(int(d) for d in str(h["documents"]).split(",")))
            for h in heads
        ]

    def status_counts(self) -> dict[str, int]:
        return {
            str(s): int(n)
            for s, n in self.conn.execute("SELECT status, COUNT(*) FROM claims GROUP BY status")
        }

    # a story is keyed by its ``story`` id, or by the document's own id while ungrouped
    _STORY_KEY = "SELECT DISTINCT COALESCE(story, id) AS k FROM documents"

    def count_stories(self) -> int:
        row = self.conn.execute(f"SELECT COUNT(*) FROM ({self._STORY_KEY})").fetchone()
        return int(row[0])

    _DOC_COLUMNS = (
        "id, content_hash, path, format, title, outlet, byline, published,"
        " kept_chars, removed_chars, shingle_count, claim_count, story, event, language, url"
    )

    def story_documents(
        self, limit: int | None = None, offset: int = 0, per_story: int | None = None
    ) -> list[sqlite3.Row]:
        """The documents of the stories ``offset`` .. ``offset + limit`` (by story key),
        ordered by id: one page of stories read in SQL. With ``per_story``, only each
        story's first ``per_story`` documents (by id); every row then also has
        ``documents_total``, the number of documents of its story."""
        if per_story is None:
            if limit is None and not offset:
                return self.documents()
            sql = (
                f"SELECT {self._DOC_COLUMNS} FROM documents WHERE COALESCE(story, id) IN"
                f" ({self._STORY_KEY} ORDER BY k LIMIT ? OFFSET ?) ORDER BY id"
            )
            return list(self.conn.execute(sql, (-1 if limit is None else limit, offset)))
        # the window reads only ids and story keys (the documents_story index covers them)
        sql = (
            f"SELECT {', '.join('d.' + c.strip() for c in self._DOC_COLUMNS.split(','))},"
            " w.total AS documents_total FROM ("
            " SELECT id, COUNT(*) OVER story AS total, ROW_NUMBER() OVER (story ORDER BY id) AS n"
            f" FROM documents WHERE COALESCE(story, id) IN ({self._STORY_KEY}"
            " ORDER BY k LIMIT ? OFFSET ?)"
            " WINDOW story AS (PARTITION BY COALESCE(story, id))"
            ") w JOIN documents d ON d.id = w.id WHERE w.n <= ? ORDER BY d.id"
        )
        return list(
            self.conn.execute(sql, (-1 if limit is None else limit, offset, max(per_story, 0)))
        )

    # one story's documents: those grouped under its key, or the ungrouped document itself
    _OF_STORY = "FROM documents WHERE story = ? OR (story IS NULL AND id = ?)"

    def count_story_documents(self, story: int) -> int:
        """How many documents the story keyed ``story`` has (0: no such story)."""
        row = self.conn.execute(f"SELECT COUNT(*) {self._OF_STORY}", (story, story)).fetchone()
        return int(row[0])

    def documents_of_story(self, story: int, limit: int, offset: int = 0) -> list[sqlite3.Row]:
        """A page of one story's documents, by id."""
        sql = f"SELECT {self._DOC_COLUMNS} {self._OF_STORY} ORDER BY id LIMIT ? OFFSET ?"
        return list(self.conn.execute(sql, (story, story, limit, offset)))

    # ---- writes (call inside a transaction) -----------------------------------------

    def add_document(self, conn: sqlite3.Connection, doc: dict[str, Any]) -> int:
        cur = conn.execute(
            "INSERT INTO documents (content_hash, path, format, title, outlet, byline,"
            " published, text, kept_chars, removed_chars, shingle_count, minhash,"
            " claim_count, ingested_at, story, event, language, url)"
            " VALUES (:content_hash, :path, :format, :title, :outlet, :byline, :published,"
            " :text, :kept_chars, :removed_chars, :shingle_count, :minhash, :claim_count,"
            " :ingested_at, NULL, NULL, :language, :url)",
            doc,
        )
        return int(cur.lastrowid or 0)

    def add_claim(self, conn: sqlite3.Connection, claim: dict[str, Any]) -> int:
        claim = {**claim, "states": json.dumps(list(claim["states"]))}
        cur = conn.execute(
            "INSERT INTO claims (document, sentence, span_start, span_end, states, treaty,"
            " relation, date, article, value, pact, status, kb_value, kb_source, as_of)"
            " VALUES (:document, :sentence, :span_start, :span_end, :states, :treaty,"
            " :relation, :date, :article, :value, :pact, :status, :kb_value, :kb_source,"
            " :as_of)",
            claim,
        )
        return int(cur.lastrowid or 0)

    def add_events(self, conn: sqlite3.Connection, doc_id: int, events: Iterable[str]) -> None:
        events = list(events)
        if not events:
            return
        conn.executemany(
            "INSERT OR IGNORE INTO document_events VALUES (?, ?)", [(doc_id, e) for e in events]
        )

    def add_proposal(
        self,
        conn: sqlite3.Connection,
        kind: str,
        treaty: str | None,
        value: dict[str, Any],
        fingerprint: str,
        claim_id: int,
    ) -> int:
        row = conn.execute(
            "SELECT id FROM proposals WHERE fingerprint = ?", (fingerprint,)
        ).fetchone()
        if row:
            pid = int(row[0])
        else:
            cur = conn.execute(
                "INSERT INTO proposals (kind, treaty, value, fingerprint, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (kind, treaty, json.dumps(value, sort_keys=True), fingerprint, now()),
            )
            pid = int(cur.lastrowid or 0)
        conn.execute("INSERT OR IGNORE INTO proposal_claims VALUES (?, ?)", (pid, claim_id))
        return pid

    def set_signature(
        self, conn: sqlite3.Connection, doc_id: int, minhash: bytes, shingle_count: int
    ) -> None:
        conn.execute(
            "UPDATE documents SET minhash = ?, shingle_count = ? WHERE id = ?",
            (minhash, shingle_count, doc_id),
        )

    def set_groups(
        self, conn: sqlite3.Connection, groups: Iterable[tuple[int, int | None, str | None]]
    ) -> int:
        """Set (document, story, event) where they changed; returns rows changed."""
        changed = 0
        for doc_id, story, event in groups:
            cur = conn.execute(
                "UPDATE documents SET story = ?, event = ? WHERE id = ?"
                " AND (story IS NOT ? OR event IS NOT ?)",
                (story, event, doc_id, story, event),
            )
            changed += cur.rowcount
        return changed

    # ---- checks -------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks and by our own
        invariant (each document has exactly the claims it was stored with)."""
        problems = [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")
        ]
        for row in self.conn.execute(
            "SELECT d.id, d.claim_count, COUNT(c.id) FROM documents d"
            " LEFT JOIN claims c ON c.document = d.id GROUP BY d.id"
            " HAVING d.claim_count != COUNT(c.id)"
        ):
            problems.append(f"document {row[0]} has {row[2]} claims, stored with {row[1]}")
        return problems


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
