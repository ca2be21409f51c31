"""One JSON error shape for the whole HTTP API.

Every error the API returns has the body ``{"error": code, "message": ..., "field": ...,
"hint": ..., "errors": [...]}``: 422 when an input is invalid (``field`` names it, ``hint``
says what to send instead), 404 when an id is unknown, 503 when an optional part (news) is
not available. Inputs are validated before use, so no input reaches a 500.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from foederis import states
from foederis.errors import ScenarioError, UnknownAreaError, UnknownTreatyError


class FieldError(BaseModel):
    field: str | None = None
    message: str
    hint: str | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str
    message: str
    field: str | None = None
    hint: str | None = None
    errors: list[FieldError] = []


class ApiError(Exception):
    """An error to return as JSON with a status code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        hint: str | None = None,
        errors: Sequence[FieldError] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(
            error=code, message=message, field=field, hint=hint, errors=list(errors)
        )


def not_found(what: str, message: str, hint: str | None = None) -> ApiError:
    return ApiError(404, f"unknown_{what}", message, field=None, hint=hint)


def invalid(field: str, message: str, hint: str | None = None) -> ApiError:
    return ApiError(
        422,
        "invalid_input",
        message,
        field=field,
        hint=hint,
        errors=[FieldError(field=field, message=message, hint=hint)],
    )


def unavailable(message: str, hint: str | None = None) -> ApiError:
    return ApiError(503, "unavailable", message, hint=hint)


def from_scenario_error(exc: ScenarioError) -> ApiError:
    message = exc.message.removeprefix(f"{exc.field}: ")
    field = exc.field.removeprefix("--")
    hint = exc.hint
    if field == "where" and "unknown place" in message:
        hint = (
            f"{hint}; GET /api/areas lists the places"
            if hint
            else "GET /api/areas lists the places"
        )
    return invalid(field, message, hint)


def from_unknown_state(exc: states.UnknownStateError, field: str) -> ApiError:
    return invalid(field, f"unknown state {exc.code!r}", state_hint(exc))


def state_hint(exc: states.UnknownStateError) -> str:
    tip = "use an ISO3 code or a name (GET /api/states lists them)"
    if exc.suggestions:
        names = ", ".join(
            f"{c} ({states.get(c).name})" if states.is_known(c) else c for c in exc.suggestions
        )
        return f"did you mean {names}? {tip}"
    return tip


# ---- pydantic validation errors -----------------------------------------------------------
_TYPE_HINTS: Mapping[str, str] = {
    "missing": "this field is required",
    "date_from_datetime_parsing": "use a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "use a date as YYYY-MM-DD",
    "date_parsing": "use a date as YYYY-MM-DD",
    "date_type": "use a date as YYYY-MM-DD",
    "json_invalid": "send a JSON object (Content-Type: application/json)",
    "model_attributes_type": "send a JSON object",
    "dict_type": "send a JSON object",
    "list_type": "send a list",
    "string_type": "send a string",
    "int_type": "send a whole number",
    "int_parsing": "send a whole number",
    "bool_type": "send true or false",
    "bool_parsing": "send true or false",
}


_UNION_TAGS = frozenset({"str", "int", "float", "bool", "list", "dict", "none"})


def _field(loc: Sequence[int | str]) -> str | None:
    # drop the tags pydantic adds for union members ("list[constrained-str]", "str")
    parts = [
        str(p)
        for p in loc
        if isinstance(p, int) or not (any(ch in p for ch in "[]-") or p in _UNION_TAGS)
    ]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or None


def _error_field(err: Mapping[str, Any], prefix: Sequence[str]) -> str | None:
    if err.get("type") == "json_invalid":
        return "body"
    name = _field([*prefix, *err.get("loc", ())])
    if name is None and "same state" in str(err.get("msg", "")):
        return "target"
    return name


def _hint(err: Mapping[str, Any], allowed_fields: Sequence[str] = ()) -> str:
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        return f"allowed: {ctx.get('expected', '')}"
    if kind == "extra_forbidden":
        return (
            ("allowed fields: " + ", ".join(allowed_fields))
            if allowed_fields
            else "remove this field"
        )
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return f"at least {ctx.get('min_length')} character(s)"
    if kind == "too_short":
        return f"at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} item(s)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        msg = str(err.get("msg", ""))
        if "unknown state" in msg:
            return "use an ISO3 code or a name (GET /api/states lists them)"
        if "before 1815" in msg:
            return "use a date on or after 1815-01-01"
        if "same state" in msg:
            return "choose a target other than the attacker"
    return _TYPE_HINTS.get(kind, "see the request schema at /docs")


def _message(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    # an unknown state's suggestions are already in the message; keep it on one line
    return msg.replace("\n", " ")


def from_validation_errors(
    errors: Sequence[Mapping[str, Any]],
    allowed_fields: Sequence[str] = (),
    *,
    prefix: Sequence[str] = (),
) -> ApiError:
    items = [
        FieldError(
            field=_error_field(err, prefix), message=_message(err), hint=_hint(err, allowed_fields)
        )
        for err in errors
    ]
    if not items:
        items = [FieldError(field=None, message="invalid input", hint="see /docs")]
    first = items[0]
    return ApiError(
        422, "invalid_input", first.message, field=first.field, hint=first.hint, errors=items
    )


def from_pydantic(exc: ValidationError, allowed_fields: Sequence[str] = ()) -> ApiError:
    return from_validation_errors(exc.errors(), allowed_fields)


# ---- handlers -----------------------------------------------------------------------------
def error_response(err: ApiError) -> JSONResponse:
    return JSONResponse(err.body.model_dump(mode="json"), status_code=err.status)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def scenario_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ScenarioError)
    return error_response(from_scenario_error(exc))


async def unknown_treaty_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UnknownTreatyError)
    hint = exc.hint if exc.suggestions else "GET /api/treaties lists the treaty ids"
    return error_response(not_found("treaty", exc.message, hint))


async def unknown_area_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UnknownAreaError)
    return error_response(invalid("where", exc.message, exc.hint))


async def nonexistent_state_handler(request: Request, exc: Exception) -> Response:
    """A state named for a day it did not exist: 422 on the date (the state may be right)."""
    assert isinstance(exc, states.NonexistentStateError)
    return error_response(invalid("date", exc.message, exc.hint))


async def request_validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    allowed: list[str] = []
    route = request.scope.get("route")
    body_field = getattr(route, "body_field", None) if route is not None else None
    model = getattr(getattr(body_field, "field_info", None), "annotation", None)
    if isinstance(model, type) and issubclass(model, BaseModel):
        allowed = list(model.model_fields)
    return error_response(from_validation_errors(exc.errors(), allowed))


HTTP_CODES: Mapping[int, str] = {
    404: "not_found",
    405: "method_not_allowed",
    400: "bad_request",
    415: "unsupported_media_type",
}


def http_error_body(status: int, detail: object) -> ApiError:
    message = str(detail) if detail else "error"
    hint = None
    if status == 404:
        hint = "see /docs for the endpoints"
    elif status == 405:
        hint = "see /docs for the methods each endpoint accepts"
    return ApiError(status, HTTP_CODES.get(status, "http_error"), message, hint=hint)


__all__ = [
    "ApiError",
    "ErrorBody",
    "FieldError",
    "StarletteHTTPException",
    "api_error_handler",
    "error_response",
    "from_pydantic",
    "from_scenario_error",
    "from_unknown_state",
    "http_error_body",
    "invalid",
    "nonexistent_state_handler",
    "not_found",
    "request_validation_handler",
    "scenario_error_handler",
    "unavailable",
    "unknown_area_handler",
    "unknown_treaty_handler",
]
