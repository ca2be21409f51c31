"""Property-based fuzzing of the HTTP API from its own OpenAPI schema (schemathesis),
through the ASGI app: no input gives a 500, every response matches the documented
status codes, content types and schemas. Bounded: a few examples per operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (pip install -e '.[e2e]')"
)

from newsdata import seed_news  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from foederis.web import create_app  # noqa: E402

MAX_EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "news.sqlite3"
    seed_news(db, Path(folder), hostile=True)
    app = create_app(db_path=db, allowed_hosts=["testserver"])  # schemathesis's host name
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
def test_api_never_fails_on_any_input(case: Any) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
