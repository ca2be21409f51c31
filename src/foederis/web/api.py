"""The JSON API under /api: the same semantics and JSON as the CLI's ``--format json``."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import Response

from foederis import states
from foederis.engine.cascade import cascade as run_cascade
from foederis.engine.check import check as run_check
from foederis.engine.noduty import closest_instruments
from foederis.exports.obligations import allies as find_allies
from foederis.exports.obligations import directed_obligations, pending
from foederis.exports.write import provenance
from foederis.kb import KnowledgeBase, treaty_summary
from foederis.model.dump import treaty_json
from foederis.model.enums import ClaimStatus, ClauseType
from foederis.web import newsbridge
from foederis.web.answers import AnswerCache, encode
from foederis.web.errors import ApiError, ErrorBody, invalid, not_found, state_hint
from foederis.web.schemas import (
    AlliesOut,
    AreaOut,
    CascadeIn,
    CascadeOut,
    CheckCompactOut,
    CheckOut,
    Detail,
    HealthOut,
    NetworkOut,
    ObligationsOut,
    ReviewIn,
    ScenarioIn,
    StateOut,
    TreatySummary,
    to_scenario,
)
from foederis.web.views import network

router = APIRouter(prefix="/api")

E422: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ErrorBody,
        "description": "Invalid input: `field` names it, `hint` says what to send instead.",
    }
}
E404: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "Unknown id."}}
E503: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorBody, "description": "The news module or its database is not available."}
}

DayQuery = Annotated[Date | None, Query(description="Day as YYYY-MM-DD (default today).")]


def kb_of(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


def today() -> Date:
    return Date.today()


def json_response(data: Any, status: int = 200) -> Response:
    return Response(encode(data), status_code=status, media_type="application/json")


PAGE_SIZE = 100  # rows per page of a news list
STORY_DOCUMENTS = (
    newsbridge.DOCUMENTS_SHOWN
)  # documents per story in /api/stories and the review page
MAX_STORY_DOCUMENTS = 100
MAX_PAGE_SIZE = 1000  # rows per page of any list
MAX_EDGES = 5000  # edges per page of the network (a day has fewer than 2,000 with ATOP)
MAX_OBLIGATIONS = 10_000  # directed obligations per page (up to ~15,300 a day with ATOP: 2 pages)
LimitQuery = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows per page (at most 1000).")
]
OffsetQuery = Annotated[int, Query(ge=0, le=2**62, description="Rows to skip.")]


def _next_link(request: Request, limit: int, offset: int) -> str:
    nxt = request.url.include_query_params(limit=limit, offset=offset + limit)
    return f'<{nxt.path}?{nxt.query}>; rel="next"'


def page_response(
    request: Request, rows: list[Any], total: int, limit: int, offset: int
) -> Response:
    """A page already cut (e.g. by SQL): the rows as a JSON list, ``X-Total-Count`` and
    ``Link: rel="next"`` while rows remain."""
    response = json_response(rows)
    response.headers["x-total-count"] = str(total)
    if offset + limit < total:
        response.headers["link"] = _next_link(request, limit, offset)
    return response


def page_fields(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """Paging fields for a JSON object answer: ``total``, ``limit``, ``offset`` and
    ``next`` (the URL of the next page, or null)."""
    nxt = None
    if offset + limit < total:
        url = request.url.include_query_params(limit=limit, offset=offset + limit)
        nxt = f"{url.path}?{url.query}"
    return {"total": total, "limit": limit, "offset": offset, "next": nxt}


def _ok(model: Any, text: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": text}}


# ---- knowledge base -------------------------------------------------------------------------
@router.get(
    "/health",
    tags=["meta"],
    summary="Is the server up",
    responses=_ok(HealthOut, "The server is up."),
)
async def health(request: Request) -> Response:
    """Liveness: the number of treaties loaded and whether news is available."""
    return json_response(
        {"status": "ok", "treaties": len(kb_of(request).treaties), "news": newsbridge.available()}
    )


@router.get(
    "/treaties",
    tags=["knowledge base"],
    summary="List and search treaties",
    responses={**_ok(list[TreatySummary], "Treaties, by id."), **E422},
)
def list_treaties(
    request: Request,
    state: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Only treaties this state is (or, without date, ever was) party to.",
        ),
    ] = None,
    date: Annotated[
        Date | None,
        Query(description="Only treaties in force that day; `parties` are the parties that day."),
    ] = None,
    type: Annotated[
        ClauseType | None, Query(description="Only treaties with a clause of this type.")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Search id, names and aliases.")
    ] = None,
    limit: LimitQuery = MAX_PAGE_SIZE,
    offset: OffsetQuery = 0,
) -> Response:
    """The treaties of the knowledge base (as `foederis treaties --format json`), one page
    at a time: `X-Total-Count` gives the total, `Link: rel="next"` the next page."""
    kb = kb_of(request)
    code = _state_param(state, "state") if state else None
    rows = kb.select(state=code, day=date, clause_type=type, text=q)
    return page_response(
        request,
        [treaty_summary(t, date) for t in rows[offset : offset + limit]],
        len(rows),
        limit,
        offset,
    )


@router.get(
    "/treaties/{treaty_id}",
    tags=["knowledge base"],
    summary="One treaty",
    responses={
        200: {
            "description": "The treaty file as JSON (clauses, parties, "
            "suspensions, interpretations, invocations, "
            "sources), as `foederis show ID --format json`."
        },
        **E404,
    },
)
def get_treaty(
    request: Request, treaty_id: Annotated[str, Path(description="Treaty id, e.g. `nato`.")]
) -> Response:
    """One treaty with its clauses, parties over time, invocations and sources."""
    t = kb_of(request).treaty(treaty_id)
    return json_response(treaty_json(t))


@router.get(
    "/states",
    tags=["knowledge base"],
    summary="States (ISO3, COW, name)",
    responses=_ok(list[StateOut], "States."),
)
def list_states(
    request: Request, limit: LimitQuery = MAX_PAGE_SIZE, offset: OffsetQuery = 0
) -> Response:
    """Every state the registry knows: ISO3, COW code, name (as `foederis states`), one
    page at a time (`X-Total-Count`, `Link: rel="next"`)."""
    everyone = states.all_states()
    return page_response(
        request,
        [
            {"iso3": s.iso3, "cow": states.cow_code(s.iso3), "name": s.name}
            for s in everyone[offset : offset + limit]
        ],
        len(everyone),
        limit,
        offset,
    )


@router.get(
    "/areas",
    tags=["knowledge base"],
    summary="Places (gazetteer)",
    responses=_ok(list[AreaOut], "Places."),
)
def list_areas(
    request: Request, limit: LimitQuery = MAX_PAGE_SIZE, offset: OffsetQuery = 0
) -> Response:
    """The gazetteer: places a scenario's `where` can name (as `foederis areas`), one page
    at a time (`X-Total-Count`, `Link: rel="next"`)."""
    areas = list(kb_of(request).areas.values())
    return page_response(
        request,
        [
            {"id": a.id, "name": a.name, "kind": a.kind, "held_by": a.held_by, "within": a.within}
            for a in areas[offset : offset + limit]
        ],
        len(areas),
        limit,
        offset,
    )


@router.get(
    "/allies/{state}",
    tags=["obligations"],
    summary="Who owes a state a defense obligation",
    responses={**_ok(AlliesOut, "Who owes the state a defense obligation."), **E404, **E422},
)
def get_allies(
    request: Request,
    state: Annotated[str, Path(description="ISO3 code or name, e.g. `PRK`.")],
    date: DayQuery = None,
) -> Response:
    """Who owes STATE a defense obligation on a day, under which treaty and clause."""
    kb = kb_of(request)
    try:
        code = states.parse_state(state)
    except states.UnknownStateError as exc:
        raise not_found("state", f"unknown state {exc.code!r}", state_hint(exc)) from None
    day = date or today()
    return json_response(
        {
            "state": code,
            "date": day,
            "allies": [r.to_json() for r in find_allies(kb, code, day)],
            "signed_not_in_force": [t.id for t in pending(kb, code, day)],
            "no_duty": [n.to_json() for n in closest_instruments(kb, code, day)],
        }
    )


@router.get(
    "/obligations",
    tags=["obligations"],
    summary="Every directed obligation on a day",
    responses={**_ok(ObligationsOut, "Every directed obligation in force."), **E422},
)
def get_obligations(
    request: Request,
    date: DayQuery = None,
    type: Annotated[ClauseType | None, Query(description="Only clauses of this type.")] = None,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_OBLIGATIONS, description="Rows per page (at most 10,000)."),
    ] = MAX_OBLIGATIONS,
    offset: OffsetQuery = 0,
) -> Response:
    """Every directed obligation in force on a day (as `foederis export obligations
    --format json`), one page at a time: `total` counts them all, `next` is the URL of the
    next page (null on the last)."""
    day = date or today()
    kb = kb_of(request)
    rows = directed_obligations(kb, day, {type} if type else None)
    meta = provenance(day, kb)
    return json_response(
        {
            "metadata": meta,
            **page_fields(request, len(rows), limit, offset),
            "obligations": [o.to_json() for o in rows[offset : offset + limit]],
        }
    )


@router.get(
    "/network",
    tags=["obligations"],
    summary="The defense-obligation network on a day",
    responses={**_ok(NetworkOut, "The defense-obligation network."), **E422},
)
def get_network(
    request: Request,
    date: DayQuery = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_EDGES, description="Edges per page (at most 5000).")
    ] = MAX_EDGES,
    offset: Annotated[int, Query(ge=0, le=2**62, description="Edges to skip.")] = 0,
) -> Response:
    """States as nodes, defense obligations in force on the day as edges (one per pair of
    states and treaty); the network page draws this. Edges come one page at a time:
    `total` counts them all, `next` is the URL of the next page (null on the last); nodes
    and treaties (bounded by the KB) come whole with every page."""
    data = network(kb_of(request), date or today())
    edges = data.pop("edges")
    return json_response(
        {
            **data,
            **page_fields(request, len(edges), limit, offset),
            "edges": edges[offset : offset + limit],
        }
    )


# ---- engine -------------------------------------------------------------------------------
@router.post(
    "/check",
    tags=["engine"],
    summary="Check one attack",
    responses={
        **_ok(
            CheckCompactOut | CheckOut,
            "Obligations the attack triggers, with reasons: compact (the default) or full.",
        ),
        **E422,
    },
)
async def post_check(
    request: Request,
    body: Annotated[ScenarioIn, Body()],
    detail: Annotated[
        Detail,
        Query(
            description="`compact` (default): each clause, source, precedent and reason once, "
            "in top-level tables the rows refer to; `full`: every row whole, the same JSON "
            "as `foederis check --format json`."
        ),
    ] = Detail.compact,
) -> Response:
    """Which obligations an attack triggers: who, under which clause, how strongly, why.
    `detail=full` gives the JSON of `foederis check --format json`; the default, compact,
    holds the same facts with nothing repeated (`foederis.engine.compact.expand` turns it
    into the full JSON)."""
    # Answers are kept per scenario and epoch (web/answers.py: the KB does not change
    # while serving); computing one takes about a millisecond, so it runs on the event loop.
    answers: AnswerCache = request.app.state.answers
    return Response(answers.answer(to_scenario(body), detail.value), media_type="application/json")


@router.post(
    "/check/citations",
    tags=["engine"],
    summary="One attack's answer with numbered source footnotes (Markdown or CSV)",
    responses={
        200: {
            "description": "The answer, ready to publish.",
            "content": {"text/markdown": {}, "text/csv": {}},
        },
        **E422,
    },
    response_class=Response,
)
def post_check_citations(
    request: Request,
    body: Annotated[ScenarioIn, Body()],
    format: Annotated[
        str, Query(pattern="^(markdown|csv)$", description="`markdown` or `csv`.")
    ] = "markdown",
) -> Response:
    """The answer of `POST /api/check` as Markdown or CSV with numbered footnotes
    (publisher, title, access date, URL), as `foederis check --format markdown|csv`."""
    from foederis.exports.citations import citations_csv, citations_markdown

    scenario = to_scenario(body)
    kb = kb_of(request)
    result = run_check(scenario, kb)
    if format == "csv":
        return Response(
            citations_csv(result, kb),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="foederis-answer.csv"'},
        )
    return Response(
        citations_markdown(result, kb),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="foederis-answer.md"'},
    )


@router.get(
    "/history/{state}",
    tags=["obligations"],
    summary="Protection over time: who owed a state a defense obligation, year by year",
    responses={**E404, **E422},
)
def get_history(
    request: Request,
    state: Annotated[str, Path(description="ISO3 code or name, e.g. `PHL`.")],
    start: Annotated[int, Query(ge=1815, le=2100, description="First year.")] = 1945,
    end: Annotated[
        int | None, Query(ge=1815, le=2100, description="Last year (default: this year).")
    ] = None,
) -> Response:
    """Each year's protectors (on 31 December, or today for this year), per treaty counts,
    and what changed: gained, lost, suspended, frozen (as `foederis history --format json`)."""
    from foederis.errors import UsageError
    from foederis.exports.history import history

    try:
        code = states.parse_state(state)
    except states.UnknownStateError as exc:
        raise not_found("state", f"unknown state {exc.code!r}", state_hint(exc)) from None
    try:
        years = history(kb_of(request), code, start, end if end is not None else today().year)
    except UsageError as exc:
        raise invalid(exc.field, exc.reason, exc.hint) from None
    return json_response({"state": code, "years": [y.to_json() for y in years]})


@router.post(
    "/cascade",
    tags=["engine"],
    summary="Follow the war round by round",
    responses={**_ok(CascadeOut, "The war round by round."), **E422},
)
def post_cascade(request: Request, body: Annotated[CascadeIn, Body()]) -> Response:
    """Follow the war round by round as bound allies join (as `foederis cascade
    --format json`)."""
    scenario = to_scenario(body)
    result = run_cascade(scenario, kb_of(request), mode=body.mode, rounds=body.rounds)
    return json_response(result.to_json())


# ---- news ---------------------------------------------------------------------------------
@router.get(
    "/stories",
    tags=["news"],
    summary="Ingested news stories",
    responses={
        200: {"description": "Stories: groups of documents that report the same story."},
        **E422,
        **E503,
    },
)
def get_stories(
    request: Request,
    limit: LimitQuery = PAGE_SIZE,
    offset: OffsetQuery = 0,
    documents: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_STORY_DOCUMENTS,
            description="Documents listed per story (at most 100), the first by id; "
            "`documents_total` counts them all, `documents_next` pages through the rest.",
        ),
    ] = STORY_DOCUMENTS,
) -> Response:
    """Ingested stories with their first documents (as `foederis stories --format json`,
    each story's list cut at `documents`), one page at a time: `X-Total-Count` gives the
    total, `Link: rel="next"` the next page. A story copied many times lists its first
    documents, `documents_total` and `documents_next`, the URL of the next page of
    `GET /api/stories/{story}/documents` (null when all are listed)."""
    news = newsbridge.bridge(request.app)
    total = news.count_stories()
    rows = news.stories(limit, offset, documents)
    for story in rows:
        story["documents_next"] = (
            f"/api/stories/{story['story']}/documents?limit={documents}&offset={documents}"
            if story["documents_total"] > len(story["documents"])
            else None
        )
    return page_response(request, rows, total, limit, offset)


@router.get(
    "/stories/{story}/documents",
    tags=["news"],
    summary="The documents of one story",
    responses={
        200: {"description": "The story's documents (copies), by id."},
        **E404,
        **E422,
        **E503,
    },
)
def get_story_documents(
    request: Request,
    story: Annotated[
        int, Path(ge=1, le=2**62, description="Story id (its canonical document's id).")
    ],
    limit: LimitQuery = PAGE_SIZE,
    offset: OffsetQuery = 0,
) -> Response:
    """Every document of one story, one page at a time: `X-Total-Count` gives the total,
    `Link: rel="next"` the next page."""
    news = newsbridge.bridge(request.app)
    total = news.count_story_documents(story)
    if not total:
        raise not_found("story", f"no story {story}", "GET /api/stories lists the stories")
    return page_response(request, news.story_documents(story, limit, offset), total, limit, offset)


@router.get(
    "/claims",
    tags=["news"],
    summary="Claims from the news, checked against the KB",
    responses={
        200: {"description": "Claims extracted from the news, reconciled with the KB."},
        **E422,
        **E503,
    },
)
def get_claims(
    request: Request,
    status: Annotated[
        ClaimStatus | None, Query(description="Only claims with this status.")
    ] = None,
    limit: LimitQuery = PAGE_SIZE,
    offset: OffsetQuery = 0,
) -> Response:
    """Claims with their status against the KB (as `foederis claims --format json`), one
    page at a time: `X-Total-Count` gives the total, `Link: rel="next"` the next page."""
    news = newsbridge.bridge(request.app)
    wanted = status.value if status else None
    total = news.count_claims(wanted)
    return page_response(request, news.claims(wanted, limit, offset), total, limit, offset)


@router.post(
    "/review/{item_id}",
    tags=["news"],
    summary="Accept or reject a proposal",
    responses={
        200: {
            "description": "The decided proposal; `patch_path` is the YAML patch written for "
            "the curator when accepted."
        },
        409: {"model": ErrorBody, "description": "The proposal was already decided."},
        **E404,
        **E422,
        **E503,
    },
)
def post_review(
    request: Request,
    item_id: Annotated[int, Path(ge=1, le=2**62, description="Review item id.")],
    body: Annotated[ReviewIn, Body()],
) -> Response:
    """Accept or reject one queued proposal (as `foederis review accept|reject ID`)."""
    return json_response(newsbridge.bridge(request.app).decide(item_id, body.decision == "accept"))


# ---- helpers ------------------------------------------------------------------------------
def _state_param(text: str, field: str) -> str:
    try:
        return states.parse_state(text)
    except states.UnknownStateError as exc:
        raise invalid(field, f"unknown state {exc.code!r}", state_hint(exc)) from None


__all__ = ["ApiError", "router"]
