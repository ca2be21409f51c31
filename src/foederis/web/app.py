"""The FastAPI application: JSON API under /api, pages at /, offline API docs at /docs.

from foederis.web import create_app
app = create_app()                       # built-in KB, database from FOEDERIS_DB
uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from foederis import __version__, states
from foederis.errors import ScenarioError, UnknownAreaError, UnknownTreatyError
from foederis.kb import KnowledgeBase, load_kb
from foederis.web import answers, api, errors, guard, pages

log = logging.getLogger("foederis.web")
GZIP_MIN = 1024  # bytes: smaller bodies are sent as they are
STATIC = Path(__file__).resolve().parent / "static"

DESCRIPTION = """
**When a state is attacked, who is bound to come to its aid, under which treaty article?**

The same questions as the `foederis` command line, with the same JSON:
`POST /api/check` for one attack, `POST /api/cascade` to follow the war round by round,
`GET /api/allies/{state}` for who owes a state a defense obligation on a day.

Errors always have the same shape: `{"error", "message", "field", "hint", "errors"}` —
422 when an input is invalid (the field and what to send instead), 404 for an unknown id,
503 when news ingestion is not available.
"""


def create_app(
    db_path: Path | str | None = None,
    kb: KnowledgeBase | None = None,
    *,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """The web app over ``kb`` (default: the built-in KB plus FOEDERIS_KB layers) and the
    news database at ``db_path`` (default: the FOEDERIS_DB environment variable, else the
    news module's default). Requests are answered only for loopback host names and
    ``allowed_hosts`` (and FOEDERIS_ALLOWED_HOSTS); see foederis.web.guard."""
    app = FastAPI(
        title="foederis",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.kb = kb if kb is not None else load_kb()
    env_db = os.environ.get("FOEDERIS_DB")
    app.state.db_path = Path(db_path) if db_path else (Path(env_db) if env_db else None)
    app.state.answers = answers.AnswerCache(app.state.kb)
    states.all_states()  # warm the registry before the first request

    # gzip for clients that ask (Accept-Encoding) and bodies over GZIP_MIN bytes: answers are
    # JSON and HTML that shrink 4-40x; level 1 compresses the largest check answer (48 kB)
    # to 11 kB in ~0.2 ms, where level 6 takes ~1.6 ms for 13% fewer bytes.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN, compresslevel=1)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(guard.RequestGuard)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=guard.allowed_hosts(allowed_hosts))
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    app.add_exception_handler(errors.ApiError, errors.api_error_handler)
    app.add_exception_handler(ScenarioError, errors.scenario_error_handler)
    app.add_exception_handler(UnknownTreatyError, errors.unknown_treaty_handler)
    app.add_exception_handler(UnknownAreaError, errors.unknown_area_handler)
    app.add_exception_handler(states.NonexistentStateError, errors.nonexistent_state_handler)
    app.add_exception_handler(RequestValidationError, errors.request_validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="foederis API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={
                "validatorUrl": None,
                "defaultModelsExpandDepth": 0,
                "tryItOutEnabled": True,
            },
        )
        page.headers["content-security-policy"] = docs_csp(bytes(page.body))
        page.headers["referrer-policy"] = "no-referrer"
        return page

    return app


_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_csp(html: bytes) -> str:
    """The pages' policy for /docs, whose Swagger UI starts from an inline script: that
    script (and no other) is allowed by its hash; framing is refused."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.finditer(html)
    )
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeaders:
    """Pure ASGI middleware: ``nosniff`` on every response, and on the pages a Content
    Security Policy that allows no inline or foreign script — a second line of defence
    behind escaping, should article text ever reach a page unescaped. (/docs sets its own
    policy, which allows Swagger UI's one inline script by its hash: docs_csp.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_csp = not str(scope.get("path", "")).startswith(("/docs", "/api/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("x-content-type-options", "nosniff")
                if with_csp and headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("content-security-policy", CSP)
                    headers.setdefault("referrer-policy", "no-referrer")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def tune_gc() -> None:
    """For a long-running server: move what is loaded so far (the KB, the registry) out of
    the collector's way and collect less often. Each request allocates many small objects
    and frees them at once, so the default thresholds trigger full collections that walk
    the whole heap and stall requests for up to ~0.2 s."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        if exc.status_code == 400:  # a body that is not even text (e.g. invalid UTF-8)
            return errors.error_response(
                errors.invalid(
                    "body",
                    str(exc.detail),
                    "send a JSON object in UTF-8 (Content-Type: application/json)",
                )
            )
        return errors.error_response(errors.http_error_body(exc.status_code, exc.detail))
    title = "Page not found" if exc.status_code == 404 else "Error"
    response = pages.render(
        request,
        "error.html",
        {
            "title": title,
            "message": str(exc.detail),
            "hint": "Use the links above to find your way.",
            "links": [("/", "Scenario")],
        },
        status=exc.status_code,
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response
