"""Fixtures for the web tests: the app over the built-in KB with a temporary news
database (holding two hostile made-up articles), a TestClient, a live uvicorn server on
127.0.0.1, and the system Chromium (browser tests skip with a reason when it is absent)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parent))

from asgiclient import AsgiClient
from liveserver import chromium, chromium_missing, live_server
from newsdata import seed_news

from foederis.web import create_app


@pytest.fixture(scope="session")
def news_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("news")


@pytest.fixture(scope="session")
def news_db(news_dir: Path) -> Path:
    db = news_dir / "news.sqlite3"
    seed_news(db, news_dir, hostile=True)
    return db


@pytest.fixture(scope="session")
def app(news_db: Path) -> FastAPI:
    return create_app(db_path=news_db)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[AsgiClient]:
    with AsgiClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    why = chromium_missing()
    if why:
        pytest.skip(why)
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()
