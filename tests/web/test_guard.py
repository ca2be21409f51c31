"""The web app's request guards (issue 9, items 4 and 12): trusted hosts against DNS
rebinding, no cross-site state change (in-process and in Chromium), body size limit
before parsing, paged news lists, http(s)-only source links, a CSP on /docs."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgiclient import AsgiClient
from liveserver import live_server
from newsdata import seed_news

from foederis.kb import BUILTIN_DIR, validate_paths
from foederis.web import create_app, newsbridge
from foederis.web.guard import MAX_BODY_BYTES

CROSS_SITE = [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "http://127.0.0.1:9"},  # another port on the same machine
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://localhost:3000"},
]


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[AsgiClient, Path]]:
    db = tmp_path / "news.sqlite3"
    if not seed_news(db, tmp_path, hostile=True):
        pytest.skip("the news module is not available")
    with AsgiClient(create_app(db_path=db)) as c:
        yield c, db


def _pending(db: Path) -> list[int]:
    return [p["id"] for p in newsbridge.Bridge(db).proposals("pending")]


# ---- trusted hosts (DNS rebinding) ------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "10.0.0.5:8000", ""])
def test_foreign_host_header_is_refused(client: AsgiClient, host: str) -> None:
    resp = client.get("/api/treaties", headers={"host": host})
    assert resp.status_code == 400 and "host" in resp.text.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1234", "[::1]:80"])
def test_loopback_host_header_is_served(client: AsgiClient, host: str) -> None:
    assert client.get("/api/health", headers={"host": host}).status_code == 200


def test_allowed_hosts_extend_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOEDERIS_ALLOWED_HOSTS", "analyst.lan")
    with AsgiClient(create_app(allowed_hosts=["box.example"])) as c:
        for host in ("box.example:8000", "analyst.lan", "127.0.0.1"):
            assert c.get("/api/health", headers={"host": host}).status_code == 200, host
        assert c.get("/api/health", headers={"host": "other.example"}).status_code == 400


# ---- cross-site requests (CSRF) ---------------------------------------------------------


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_form_post_changes_nothing(
    fresh: tuple[AsgiClient, Path], headers: dict[str, str]
) -> None:
    c, db = fresh
    before = _pending(db)
    pid = before[0]
    resp = c.post(
        f"/review/{pid}",
        content=b"decision=accept",
        headers={"content-type": "application/x-www-form-urlencoded", **headers},
    )
    assert resp.status_code == 403, resp.text
    assert resp.json()["error"] == "cross_site_request"
    assert _pending(db) == before
    assert not (db.parent / "review-patches").exists()
    api = c.post(f"/api/review/{pid}", json={"decision": "accept"}, headers=headers)
    assert api.status_code == 403 and _pending(db) == before


def test_same_origin_and_non_browser_posts_still_work(fresh: tuple[AsgiClient, Path]) -> None:
    c, db = fresh
    first = _pending(db)[0]
    same = c.post(
        f"/review/{first}",
        content=b"decision=reject",
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "origin": "http://127.0.0.1:8000",
            "sec-fetch-site": "same-origin",
        },
    )
    assert same.status_code == 303, same.text
    assert first not in _pending(db)
    # a client that is not a browser (curl) sends no Origin: it passes the guard and gets
    # the API's own answer (the proposal was decided above)
    plain = c.post(f"/api/review/{first}", json={"decision": "reject"})
    assert plain.status_code == 409, plain.text


def test_cross_site_check_post_is_refused(client: AsgiClient) -> None:
    body = {"attacker": ["PRK"], "target": "KOR", "date": "2010-11-23"}
    assert client.post("/api/check", json=body).status_code == 200
    resp = client.post("/api/check", json=body, headers={"origin": "http://evil.example"})
    assert resp.status_code == 403


# ---- request bodies ---------------------------------------------------------------------


def test_oversized_body_is_refused_before_parsing(client: AsgiClient) -> None:
    big = b'{"attacker": ["PRK"], "target": "KOR", "note": "' + b"x" * 10_000_000 + b'"}'
    resp = client.post("/api/check", content=big, headers={"content-type": "application/json"})
    assert resp.status_code == 413 and resp.json()["field"] == "body"


def test_oversized_chunked_body_is_refused(client: AsgiClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    async def agen() -> Any:
        for c in chunks():
            yield c

    resp = client.post("/api/check", content=agen(), headers={"content-type": "application/json"})
    assert resp.status_code == 413


# ---- paging -----------------------------------------------------------------------------


def test_news_lists_are_paged(fresh: tuple[AsgiClient, Path]) -> None:
    c, _ = fresh
    everything = c.get("/api/claims", params={"limit": 1000})
    total = int(everything.headers["x-total-count"])
    assert total == len(everything.json()) >= 3
    first = c.get("/api/claims", params={"limit": 2})
    assert len(first.json()) == 2 and int(first.headers["x-total-count"]) == total
    assert 'rel="next"' in first.headers["link"] and "offset=2" in first.headers["link"]
    nxt = c.get(first.headers["link"].split(">")[0].lstrip("<"))
    assert [x["id"] for x in first.json() + nxt.json()] == [
        x["id"] for x in everything.json()[: 2 + len(nxt.json())]
    ]
    assert len(c.get("/api/claims").json()) == min(total, 100)
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert c.get("/api/claims", params=bad).status_code == 422
        assert c.get("/api/stories", params=bad).status_code == 422
    assert c.get("/api/stories", params={"limit": 1}).headers["x-total-count"]


def test_review_page_shows_one_page(
    fresh: tuple[AsgiClient, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    c, _ = fresh
    monkeypatch.setattr(newsbridge, "REVIEW_PAGE", 1)
    page1 = c.get("/review")
    assert page1.status_code == 200
    assert page1.text.count('class="card claim') == 1
    assert 'rel="next"' in page1.text and "page=2" in page1.text
    page2 = c.get("/review?page=2")
    assert page2.text.count('class="card claim') == 1 and 'rel="prev"' in page2.text
    # a bad page number is a clear 422 naming the request field, never a silent page 1
    for bad in ("abc", "0", "-1", "99999999999999999999"):
        resp = c.get("/review", params={"page": bad})
        assert resp.status_code == 422, bad
        assert "page:" in resp.text and "page counts from 1" in resp.text


# ---- links and /docs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JavaScript:x"]
)
def test_non_http_archived_url_is_refused(tmp_path: Path, url: str) -> None:
    text = (BUILTIN_DIR / "treaties" / "anzus.yaml").read_text()
    marker = "    url: "
    assert marker in text
    first = text.index(marker)
    end = text.index("\n", first)
    text = text[: end + 1] + f'    archived_url: "{url}"\n' + text[end + 1 :]
    (tmp_path / "anzus.yaml").write_text(text)
    problems = validate_paths([tmp_path / "anzus.yaml"])
    assert any(
        p.field.endswith("archived_url") and "not an http(s) URL" in p.message for p in problems
    ), problems


def test_docs_have_a_csp_that_allows_only_their_own_script(client: AsgiClient) -> None:
    resp = client.get("/docs")
    csp = resp.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "'sha256-" in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


# ---- in the browser: a cross-site page cannot change anything -----------------------------


@contextmanager
def attacker_site(html: str) -> Iterator[str]:
    """A page served from another site (``localhost`` on another port, while the app is on
    127.0.0.1): an auto-submitting form and a no-cors fetch aimed at the app."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{port}/"
    finally:
        srv.shutdown()
        srv.server_close()


def test_cross_site_form_in_chromium_changes_nothing(page: Any, tmp_path: Path) -> None:
    db = tmp_path / "news.sqlite3"
    if not seed_news(db, tmp_path, hostile=True):
        pytest.skip("the news module is not available")
    before = _pending(db)
    pid = before[0]
    with live_server(create_app(db_path=db)) as server:
        evil = f"""<!doctype html><html><body>
<form id="f" method="post" action="{server}/review/{pid}">
<input name="decision" value="accept"></form>
<script>
fetch("{server}/api/review/{pid}", {{method: "POST", mode: "no-cors",
  headers: {{"content-type": "text/plain"}}, body: '{{"decision": "accept"}}'}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""
        with attacker_site(evil) as url:
            responses: list[int] = []
            page.on(
                "response",
                lambda r: responses.append(r.status) if f"/review/{pid}" in r.url else None,
            )
            page.goto(url)
            page.wait_for_url(f"{server}/review/{pid}", timeout=15_000)
            page.wait_for_load_state()
            assert "cross_site_request" in page.content()
        assert 403 in responses, responses
        # the form really reached the server, and nothing changed
        assert _pending(db) == before
        assert not (tmp_path / "review-patches").exists()
        ok = httpx.get(server + "/review", timeout=10)
        assert ok.status_code == 200 and f'data-proposal="{pid}"' in ok.text
