"""News ingestion: from raw articles to reviewed alliance claims .

One module per stage — read, clean, dedupe, extract, reconcile, review — plus store
(SQLite) and pipeline (ties them together). The command line calls the functions below.
"""

from __future__ import annotations

from foederis.errors import ReviewError
from foederis.news.events import EventOut, FactOut, list_events, list_facts
from foederis.news.pipeline import (
    ClaimOut,
    DocumentOut,
    IngestResult,
    StoryOut,
    count_claims,
    count_stories,
    count_story_documents,
    ingest,
    list_claims,
    list_stories,
    story_documents,
)
from foederis.news.review import ProposalOut, count_proposals, review_decide, review_list
from foederis.news.store import default_db_path

__all__ = [
    "ClaimOut",
    "DocumentOut",
    "EventOut",
    "FactOut",
    "IngestResult",
    "ProposalOut",
    "ReviewError",
    "StoryOut",
    "count_claims",
    "count_proposals",
    "count_stories",
    "count_story_documents",
    "default_db_path",
    "ingest",
    "list_claims",
    "list_events",
    "list_facts",
    "list_stories",
    "review_decide",
    "review_list",
    "story_documents",
]
