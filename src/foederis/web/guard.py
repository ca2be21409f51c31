"""Request guards for the web app (docs/security.md): which hosts are served, which
requests may change state, how large a request body may be.

- **Trusted hosts** (starlette's TrustedHostMiddleware): only requests whose ``Host``
  header names the server are answered, so a DNS-rebinding page (evil.example resolving
  to 127.0.0.1) gets a 400 instead of the API. Loopback names are always allowed; more
  come from ``foederis serve --allow-host`` or ``FOEDERIS_ALLOWED_HOSTS``.
- **Cross-site requests** (:class:`RequestGuard`): a request that can change state
  (POST, PUT, PATCH, DELETE) is refused with 403 when the browser says it comes from
  another site (``Sec-Fetch-Site: cross-site`` or ``same-site``) or its ``Origin`` is not
  this server. Clients that are not browsers send neither header and are not affected.
- **Body size**: a request body larger than MAX_BODY_BYTES is refused with 413 before
  anything parses it (by its ``Content-Length``, or while it arrives when chunked).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from foederis.web.errors import ApiError, error_response

MAX_BODY_BYTES = 1_000_000  # a scenario or a review decision is a few hundred bytes
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
ENV_VAR = "FOEDERIS_ALLOWED_HOSTS"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})


def allowed_hosts(extra: Iterable[str] = ()) -> list[str]:
    """Loopback names, then ``extra`` and the FOEDERIS_ALLOWED_HOSTS list (comma-separated;
    ``*`` allows any host, ``*.example.org`` any subdomain)."""
    env = [h.strip() for h in os.environ.get(ENV_VAR, "").split(",") if h.strip()]
    out: list[str] = []
    for host in (*LOOPBACK_HOSTS, *extra, *env):
        host = host.strip().lower()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 literal, as the Host header writes it
        if host and host not in out:
            out.append(host)
    return out


class RequestGuard:
    """Pure ASGI middleware: refuses cross-site state changes (403) and oversized
    bodies (413) before the application sees the request."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refused = cross_site(headers)
        if refused:
            await _send_error(
                scope,
                receive,
                send,
                ApiError(
                    403,
                    "cross_site_request",
                    refused,
                    hint="state-changing requests are accepted only from this server's own "
                    "pages or from clients that are not browsers (see docs/security.md)",
                ),
            )
            return
        length = headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > self.max_body:
            await _send_error(scope, receive, send, self._too_large())
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(body) > self.max_body:
                await _send_error(scope, receive, send, self._too_large())
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body: wait for the disconnect
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _too_large(self) -> ApiError:
        return ApiError(
            413,
            "body_too_large",
            f"the request body is larger than {self.max_body:,} bytes",
            field="body",
            hint="a scenario or a review decision is a few hundred bytes",
        )


def cross_site(headers: dict[str, str]) -> str | None:
    """Why a state-changing request with these (lower-cased) headers must be refused as
    coming from another site, or None."""
    site = headers.get("sec-fetch-site", "").strip().lower()
    if site:  # set by the browser itself (no page can forge it): it decides
        if site in SAFE_FETCH_SITES:
            return None
        return f"refused a {site} request (Sec-Fetch-Site: {site})"
    # older browsers: the Origin header (Chromium sends `Origin: null` for same-origin form
    # posts from a no-referrer page, but it also sends Sec-Fetch-Site, handled above)
    origin = headers.get("origin")
    if origin is None:
        return None
    origin = origin.strip()
    if origin.lower() == "null":
        return "refused a request from an opaque origin (Origin: null)"
    parts = urlsplit(origin)
    host = headers.get("host", "").strip().lower()
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
        return f"refused a request from another origin ({origin[:100]})"
    return None


async def _send_error(scope: Scope, receive: Receive, send: Send, err: ApiError) -> None:
    response = error_response(err)
    await response(scope, receive, send)


def host_list(values: Sequence[str]) -> list[str]:
    """Split ``--allow-host`` values that may themselves be comma-separated."""
    return [h.strip() for v in values for h in v.split(",") if h.strip()]
