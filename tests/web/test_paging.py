"""Every list the API and the pages serve is bounded: limit/offset with a maximum, the
total in the response, and a clear 422 naming the request field for a bad page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from asgiclient import AsgiClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foederis.web import api

LISTS = ["/api/treaties", "/api/states", "/api/areas"]


def _next(resp: Any) -> str | None:
    link = resp.headers.get("link")
    return link.split(">")[0].lstrip("<") if link else None


@pytest.mark.parametrize("url", LISTS)
def test_lists_page_with_a_total_and_a_next_link(client: AsgiClient, url: str) -> None:
    whole = client.get(url)
    total = int(whole.headers["x-total-count"])
    assert total == len(whole.json()) > 3 and "link" not in whole.headers
    seen: list[Any] = []
    nxt: str | None = url + "?limit=3"
    while nxt:
        resp = client.get(nxt)
        assert resp.status_code == 200 and int(resp.headers["x-total-count"]) == total
        page = resp.json()
        assert 1 <= len(page) <= 3
        seen += page
        nxt = _next(resp)
    assert seen == whole.json()
    past = client.get(url, params={"offset": total})
    assert past.json() == [] and past.headers["x-total-count"] == str(total)


@pytest.mark.parametrize("url", [*LISTS, "/api/stories", "/api/claims", "/api/stories/1/documents"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": api.MAX_PAGE_SIZE + 1}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "1.5"}, "offset"),
    ],
)
def test_bad_page_parameters_are_422_naming_the_field(
    client: AsgiClient, url: str, params: dict[str, Any], field: str
) -> None:
    resp = client.get(url, params=params)
    assert resp.status_code == 422
    body = resp.json()
    assert body["field"] == field and body["hint"]


def test_obligations_are_paged_with_the_total_in_the_body(client: AsgiClient) -> None:
    day = {"date": "2018-12-31"}
    whole = client.get("/api/obligations", params=day).json()
    total = whole["total"]
    assert total == len(whole["obligations"]) > 100 and whole["next"] is None
    rows: list[Any] = []
    url: str | None = "/api/obligations?date=2018-12-31&limit=250"
    while url:
        page = client.get(url).json()
        assert page["total"] == total and page["limit"] == 250
        assert page["metadata"] == whole["metadata"]
        rows += page["obligations"]
        url = page["next"]
    assert rows == whole["obligations"]
    too_many = client.get("/api/obligations", params={"limit": api.MAX_OBLIGATIONS + 1})
    assert too_many.status_code == 422 and too_many.json()["field"] == "limit"


def test_network_edges_are_paged(client: AsgiClient) -> None:
    whole = client.get("/api/network", params={"date": "2024-12-31"}).json()
    total = whole["total"]
    assert total == len(whole["edges"]) > 100 and whole["next"] is None
    edges: list[Any] = []
    url: str | None = "/api/network?date=2024-12-31&limit=400"
    while url:
        page = client.get(url).json()
        assert page["total"] == total and len(page["edges"]) <= 400
        assert page["nodes"] == whole["nodes"] and page["coverage"] == whole["coverage"]
        edges += page["edges"]
        url = page["next"]
    assert edges == whole["edges"]
    for bad, field in (({"limit": api.MAX_EDGES + 1}, "limit"), ({"offset": "x"}, "offset")):
        resp = client.get("/api/network", params=bad)
        assert resp.status_code == 422 and resp.json()["field"] == field


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(1, 6), offset=st.integers(0, 8))
def test_news_pages_are_cut_in_sql_like_the_whole_list(
    news_db: Path, limit: int, offset: int
) -> None:
    from foederis.news import count_claims, count_stories, list_claims, list_stories

    stories = list_stories(news_db)
    assert count_stories(news_db) == len(stories)
    assert list_stories(news_db, limit=limit, offset=offset) == stories[offset : offset + limit]
    for status in (None, "new", "confirmed"):
        claims = list_claims(status, news_db)
        assert count_claims(status, news_db) == len(claims)
        page = list_claims(status, news_db, limit=limit, offset=offset)
        assert page == claims[offset : offset + limit]


def test_news_api_pages_match_the_whole_list(client: AsgiClient) -> None:
    for url in ("/api/stories", "/api/claims"):
        whole = client.get(url, params={"limit": 1000})
        total = int(whole.headers["x-total-count"])
        assert total == len(whole.json()) >= 1
        rows: list[Any] = []
        nxt: str | None = url + "?limit=1"
        while nxt:
            resp = client.get(nxt)
            assert int(resp.headers["x-total-count"]) == total
            rows += resp.json()
            nxt = _next(resp)
        assert rows == whole.json()


@pytest.mark.parametrize("bad", ["abc", "0", "-2", "1e3", "99999999999999999999"])
def test_treaties_page_rejects_a_bad_page_number(client: AsgiClient, bad: str) -> None:
    resp = client.get("/treaties", params={"page": bad})
    assert resp.status_code == 422
    assert "page:" in resp.text and "page counts from 1" in resp.text


def test_treaties_page_past_the_end_is_422(client: AsgiClient) -> None:
    resp = client.get("/treaties", params={"page": 2})  # the built-in KB fits on one page
    assert resp.status_code == 422 and "past the last page (1)" in resp.text


def test_treaties_page_is_paged_with_the_atop_layer(shared_data: Path, tmp_path: Path) -> None:
    import re

    from foederis.atop.layer import import_atop, write_layer
    from foederis.kb import load_kb
    from foederis.web import create_app
    from foederis.web.pages import TREATIES_PAGE

    layer = tmp_path / "layer.json"
    write_layer(import_atop(shared_data / "atop"), layer)
    kb = load_kb(atop=layer)
    with AsgiClient(create_app(kb=kb)) as c:
        first = c.get("/treaties").text
        rows = re.findall(r'<a href="/treaties/([^"]+)"><strong>', first)
        assert len(rows) == TREATIES_PAGE
        assert "nato" in rows and not rows[0].startswith("atop-")  # curated first
        pages = -(-len(kb.treaties) // TREATIES_PAGE)
        assert f"Page 1 of {pages}" in first and 'rel="next" href="/treaties?page=2"' in first
        seen = set(rows)
        for n in range(2, pages + 1):
            html = c.get("/treaties", params={"page": n}).text
            ids = re.findall(r'<a href="/treaties/([^"]+)"><strong>', html)
            assert ids and not seen & set(ids)
            seen |= set(ids)
        assert seen == set(kb.treaties)
        assert c.get("/treaties", params={"page": pages + 1}).status_code == 422
        found = c.get("/treaties", params={"q": "warsaw"}).text
        assert 'href="/treaties/warsaw-pact"' in found and "Page 1 of" not in found


def test_review_facts_group_in_sql_whatever_the_order_of_states(
    news_db: Path, tmp_path: Path
) -> None:
    """The review page shows one card per fact: a second report of a claim (another
    document, its states in another order) joins the first card instead of adding one."""
    import json
    import shutil
    import sqlite3

    from foederis.news.store import Store

    db = tmp_path / "news.sqlite3"
    shutil.copy(news_db, db)
    with Store(db) as store:
        before = store.count_facts(None)
        facts = store.fact_page(None, 1000, 0)
    assert len(facts) == before >= 1
    head = next(r for r, _ in facts if len(json.loads(r["states"])) >= 2)
    conn = sqlite3.connect(db)
    docs = [int(r[0]) for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    other_doc = next((d for d in docs if d != head["document"]), head["document"])
    cols = [r[1] for r in conn.execute("PRAGMA table_info(claims)") if r[1] != "id"]
    row = dict(zip(head.keys(), tuple(head), strict=True))
    row["states"] = json.dumps(list(reversed(json.loads(row["states"]))))
    row["document"] = other_doc
    conn.execute(
        f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.count_facts(None) == before
        again = {int(r["id"]): d for r, d in store.fact_page(None, 1000, 0)}
    assert other_doc in again[int(head["id"])]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(1, 4), offset=st.integers(0, 5))
def test_proposals_are_ranked_and_cut_in_sql(news_db: Path, limit: int, offset: int) -> None:
    from foederis.news import count_proposals, review_list
    from foederis.news.review import importance

    for status in ("pending", None, ("accepted", "rejected")):
        every = review_list(news_db, status)
        assert count_proposals(news_db, status) == len(every)
        # the SQL ranking is importance(): most important first, then oldest first
        assert [p.id for p in every] == [
            p.id for p in sorted(every, key=lambda p: (-importance(p), p.id))
        ]
        page = review_list(news_db, status, limit=limit, offset=offset)
        assert page == every[offset : offset + limit]
    assert review_list(news_db, None)  # the seeded database has proposals


# ---- a story copied many times ------------------------------------------------------------
COPIES = 130  # more than one page of documents per story (api.MAX_STORY_DOCUMENTS)

STORY_TEXT = """Harbour festival report {n}
4 March 2024

The old harbour held its spring festival on Sunday, with boat races, music and a fish market
along the quay. Organisers said more visitors came than in any year since the festival began,
and that the rowing clubs of four towns took part in the races this time.
The mayor thanked the volunteers who cleaned the beach the week before.

Syndicated copy number {n}.
"""


@pytest.fixture(scope="module")
def copies_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with one story syndicated COPIES times, and the two seed articles."""
    from newsdata import write_hostile

    from foederis.web import newsbridge

    if not newsbridge.available():
        pytest.skip("the news module is not available")
    folder = tmp_path_factory.mktemp("copies")
    paths = write_hostile(folder)
    for n in range(COPIES):
        path = folder / f"copy-{n:03d}.txt"
        path.write_text(STORY_TEXT.format(n=n), encoding="utf-8")
        paths.append(path)
    db = folder / "news.sqlite3"
    newsbridge.ingest_files(paths, db)
    return db


@pytest.fixture(scope="module")
def copies_client(copies_db: Path) -> Any:
    from foederis.web import create_app

    with AsgiClient(create_app(db_path=copies_db)) as c:
        yield c


def test_a_story_with_many_copies_lists_its_first_documents_and_a_total(
    copies_db: Path, copies_client: AsgiClient
) -> None:
    from foederis.news import list_stories

    whole = {s.story: s for s in list_stories(copies_db)}  # every document, as the CLI
    big = max(whole.values(), key=lambda s: len(s.documents))
    assert len(big.documents) == COPIES, "the copies should form one story"
    # the canonical copy (the longest text) lies past the first page of documents
    assert big.canonical not in [d.id for d in big.documents[: api.STORY_DOCUMENTS]]
    stories = copies_client.get("/api/stories").json()
    assert len(stories) == len(whole)
    for story in stories:
        every = [d.model_dump(mode="json") for d in whole[story["story"]].documents]
        assert story["documents_total"] == len(every)
        assert story["documents"] == every[: api.STORY_DOCUMENTS]  # the first, by id
        assert story["canonical"] == whole[story["story"]].canonical
        assert (story["documents_next"] is None) == (len(every) <= api.STORY_DOCUMENTS)
    listed = next(s for s in stories if s["story"] == big.story)
    # the rest of the copies, page by page, from documents_next on
    seen = list(listed["documents"])
    nxt: str | None = listed["documents_next"]
    while nxt:
        resp = copies_client.get(nxt)
        assert resp.status_code == 200 and int(resp.headers["x-total-count"]) == COPIES
        assert 1 <= len(resp.json()) <= api.STORY_DOCUMENTS
        seen += resp.json()
        nxt = _next(resp)
    assert seen == [d.model_dump(mode="json") for d in big.documents]
    one_page = copies_client.get(f"/api/stories/{big.story}/documents", params={"limit": 1000})
    assert one_page.json() == seen and "link" not in one_page.headers
    review = copies_client.get("/review").text  # the review page lists the same first copies
    more = COPIES - api.STORY_DOCUMENTS
    assert f"… {more} more copies" in review
    assert f'href="/api/stories/{big.story}/documents?limit=1000">all {COPIES} as JSON' in review
    most = copies_client.get("/api/stories", params={"documents": api.MAX_STORY_DOCUMENTS})
    row = next(s for s in most.json() if s["story"] == big.story)
    assert len(row["documents"]) == api.MAX_STORY_DOCUMENTS < row["documents_total"] == COPIES


@pytest.mark.parametrize("bad", ["0", "-1", str(api.MAX_STORY_DOCUMENTS + 1), "x"])
def test_a_bad_documents_count_is_422_naming_it(copies_client: AsgiClient, bad: str) -> None:
    resp = copies_client.get("/api/stories", params={"documents": bad})
    assert resp.status_code == 422
    assert resp.json()["field"] == "documents" and resp.json()["hint"]


def test_an_unknown_story_is_404(copies_client: AsgiClient) -> None:
    resp = copies_client.get("/api/stories/999999/documents")
    assert resp.status_code == 404
    assert resp.json()["error"] == "unknown_story" and "/api/stories" in resp.json()["hint"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(1, 4), offset=st.integers(0, 4), documents=st.integers(1, 140))
def test_story_documents_are_cut_in_sql_like_the_whole_list(
    copies_db: Path, limit: int, offset: int, documents: int
) -> None:
    from foederis.news import count_story_documents, list_stories, story_documents

    stories = list_stories(copies_db)
    page = list_stories(copies_db, limit=limit, offset=offset, documents=documents)
    expected = stories[offset : offset + limit]
    assert [s.story for s in page] == [s.story for s in expected]
    for got, every in zip(page, expected, strict=True):
        assert got.documents == every.documents[:documents]
        assert got.documents_total == every.documents_total == len(every.documents)
        assert (got.canonical, got.title, got.event) == (every.canonical, every.title, every.event)
        assert count_story_documents(every.story, copies_db) == len(every.documents)
        assert (
            story_documents(every.story, copies_db, limit=documents, offset=offset)
            == every.documents[offset : offset + documents]
        )
