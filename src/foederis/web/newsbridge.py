"""The web app's view of news ingestion (foederis.news): stories, claims, the review queue.

The news module is optional for the server: when it cannot be imported, the news
endpoints answer 503 with a clear message and the review page says so; everything else
works.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from foederis.web.errors import unavailable


class ClaimStatus(StrEnum):
    confirmed = "confirmed"
    conflict = "conflict"
    stale = "stale"
    new = "new"
    unverifiable = "unverifiable"


def available() -> bool:
    return False


class Bridge:
    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path

    def stories(self) -> list[dict[str, Any]]:
        raise unavailable("the news module is not available", "news ingestion is not installed")

    def claims(self, status: str | None) -> list[dict[str, Any]]:
        raise unavailable("the news module is not available", "news ingestion is not installed")

    def decide(self, item_id: int, accept: bool) -> dict[str, Any]:
        raise unavailable("the news module is not available", "news ingestion is not installed")


def bridge(app: FastAPI) -> Bridge:
    db: Path | None = app.state.db_path
    return Bridge(db)
