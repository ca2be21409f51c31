"""Server-rendered pages (Jinja2, autoescaped): scenario, treaties, network, news review.

Every page works without JavaScript except the network drawing; the small scripts in
static/ only add type-ahead filtering, the share button and the network graph. Text from
articles and treaty files is always escaped (Jinja2 autoescape; ``textContent`` in JS).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from foederis import __version__, states
from foederis.engine.cascade import Mode
from foederis.engine.cascade import cascade as run_cascade
from foederis.engine.check import check as run_check
from foederis.errors import ScenarioError, UnknownTreatyError
from foederis.kb import KnowledgeBase
from foederis.model.enums import (
    SEVERITY_TEXT,
    STRENGTH_TEXT,
    Asset,
    ClaimStatus,
    ClauseType,
    Initiator,
    Severity,
    Status,
)
from foederis.sources.grade import ordered, source_json
from foederis.web import newsbridge
from foederis.web.errors import ApiError, from_pydantic, from_scenario_error
from foederis.web.schemas import CascadeIn, to_scenario
from foederis.web.views import (
    STATUS_LABEL,
    draw_cascade,
    draw_timeline,
    group_obligations,
    network_coverage,
    state_name,
    treaty_colors,
)

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    version=__version__,
    state_name=state_name,
    strength_text={k.value: v for k, v in STRENGTH_TEXT.items()},
    severity_text={k.value: v for k, v in SEVERITY_TEXT.items()},
)
templates.env.filters["state_name"] = state_name
router = APIRouter(include_in_schema=False)

SCENARIO_FIELDS = ("attacker", "target", "date", "where", "asset", "severity", "initiator", "mode")
EXAMPLES = [
    (
        "Yeonpyeong shelling, 2010",
        {"attacker": "PRK", "target": "KOR", "date": "2010-11-23", "where": "yeonpyeong-island"},
    ),
    (
        "China–Philippines at Second Thomas Shoal, 2024",
        {
            "attacker": "CHN",
            "target": "PHL",
            "date": "2024-06-17",
            "where": "second-thomas-shoal",
            "asset": "coast_guard",
            "severity": "gray_zone",
        },
    ),
    ("Russia attacks Estonia, today", {"attacker": "RUS", "target": "EST"}),
    (
        "China and the Senkaku Islands, today",
        {"attacker": "CHN", "target": "JPN", "where": "senkaku-islands"},
    ),
]


def kb_of(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    status: int = 200,
) -> HTMLResponse:
    base = {"nav": name.split(".")[0], "today": date.today().isoformat()}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def _choices() -> dict[str, Any]:
    return {
        "assets": [a.value for a in Asset],
        "severities": [s.value for s in Severity],
        "initiators": [i.value for i in Initiator],
        "modes": [m.value for m in Mode],
    }


def _state_options() -> list[tuple[str, str]]:
    return [(s.iso3, s.name) for s in states.all_states()]


# ---- scenario (home) ------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def scenario_page(request: Request) -> HTMLResponse:
    kb = kb_of(request)
    params = {
        k: v.strip() for k, v in request.query_params.items() if k in SCENARIO_FIELDS and v.strip()
    }
    form = {
        "attacker": "",
        "target": "",
        "date": date.today().isoformat(),
        "where": "",
        "asset": "territory",
        "severity": "armed_attack",
        "initiator": "attacker",
        "mode": "legal",
        **params,
    }
    ctx: dict[str, Any] = {
        "form": form,
        "errors": {},
        "result": None,
        "choices": _choices(),
        "state_options": _state_options(),
        "area_options": sorted(
            ((a.id, a.name) for a in kb.areas.values()), key=lambda a: a[1].lower()
        ),
        "examples": [(label, "/?" + urlencode(q)) for label, q in EXAMPLES],
    }
    if not ("attacker" in params and "target" in params):
        if params:
            missing = [f for f in ("attacker", "target") if f not in params]
            ctx["errors"] = {f: "required" for f in missing}
            return render(request, "scenario.html", ctx, status=422)
        return render(request, "scenario.html", ctx)
    field_errors = _field_errors(params, kb)
    if field_errors:
        ctx["errors"] = field_errors
        return render(request, "scenario.html", ctx, status=422)
    try:
        body = CascadeIn.model_validate({k: v for k, v in params.items()})
        scenario = to_scenario(body)
        result = run_check(scenario, kb)
        cascade = run_cascade(scenario, kb, mode=body.mode)
    except ValidationError as exc:
        return _form_errors(request, ctx, from_pydantic(exc, list(SCENARIO_FIELDS)))
    except ApiError as exc:
        return _form_errors(request, ctx, exc)
    except ScenarioError as exc:
        return _form_errors(request, ctx, from_scenario_error(exc))
    rows = result.obligations
    # policy rows (not treaties) are part of the answer: shown, labelled as such
    shown = [o for o in rows if o.status is not Status.not_triggered or o.standing_policy]
    hidden = [o for o in rows if o not in shown]
    bound_rows = [o for o in rows if o.status is Status.triggered and o.type is ClauseType.defense]
    bound: dict[str, dict[str, Any]] = {}
    for o in bound_rows:
        entry = bound.setdefault(
            o.clause,
            {
                "treaty": o.treaty,
                "clause_id": o.clause.split("#", 1)[-1],
                "article": o.article,
                "strength": o.strength.value,
                "states": [],
            },
        )
        entry["states"].append(state_name(o.state))
    api_body = {
        "attacker": scenario.attacker,
        "target": scenario.target,
        "date": scenario.date.isoformat(),
        "where": scenario.where,
        "asset": scenario.asset.value,
        "severity": scenario.severity.value,
        "initiator": scenario.initiator.value,
    }
    summary = result.summary(kb)
    answer_query = urlencode({k: v for k, v in params.items() if k != "mode"})
    ctx.update(
        result=result,
        summary=summary,
        answer_md=f"/answer.md?{answer_query}",
        answer_csv=f"/answer.csv?{answer_query}",
        scenario=scenario,
        attackers=[state_name(a) for a in scenario.attacker],
        groups=group_obligations(shown, kb),
        hidden_groups=group_obligations(hidden, kb),
        bound=list(bound.values()),
        status_label=STATUS_LABEL,
        cascade=cascade,
        drawing=draw_cascade(cascade, kb),
        share_url=str(request.url),
        api_body=api_body,
    )
    return render(request, "scenario.html", ctx)


def _form_errors(request: Request, ctx: dict[str, Any], err: ApiError) -> HTMLResponse:
    errors: dict[str, str] = {}
    for item in err.body.errors or []:
        key = (item.field or "form").split(".")[0]
        hint = _page_hint(item.hint)
        text = item.message + (f" — {hint}" if hint else "")
        errors.setdefault(key if key in SCENARIO_FIELDS else "form", text)
    if not errors:
        errors["form"] = err.body.message
    ctx["errors"] = errors
    return render(request, "scenario.html", ctx, status=422)


def _page_hint(hint: str | None) -> str | None:
    """A hint for a person at the form: the API's and the CLI's own pointers left out."""
    if not hint:
        return None
    parts = [p.strip() for p in hint.replace("? ", "?; ").split(";")]
    kept = [p for p in parts if p and "/api/" not in p and "`foederis" not in p]
    return "; ".join(kept) or None


def _field_errors(params: dict[str, str], kb: KnowledgeBase) -> dict[str, str]:
    """Every field's problem at once (attacker and target and date ...), in words for the
    form: what is wrong, and the likely names."""
    from foederis.errors import did_you_mean
    from foederis.model.scenario import EARLIEST, NON_STATE

    errors: dict[str, str] = {}

    def unknown_state(text: str) -> str:
        hint = did_you_mean(f"{states.get(c).name} ({c})" for c in states.suggest(text))
        return f"unknown state '{text}'" + (
            f" — {hint}"
            if hint
            else " — type a name or an ISO3 code; suggestions appear as you type"
        )

    for item in params.get("attacker", "").split(","):
        text = item.strip()
        is_state = text and not text.lower().startswith((NON_STATE, "non_state"))
        if is_state and states.resolve(text) is None:
            errors.setdefault("attacker", unknown_state(text))
    target = params.get("target", "")
    if target and states.resolve(target) is None:
        errors["target"] = unknown_state(target)
    raw_date = params.get("date")
    if raw_date:
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors["date"] = f"'{raw_date}' is not a valid date — use YYYY-MM-DD, a real day"
        else:
            if day < EARLIEST:
                errors["date"] = f"{day} is before 1815-01-01 — foederis starts in 1815"
    where = params.get("where")
    if where and kb.find_area(where) is None and not states.is_known(where.upper()):
        hint = did_you_mean(kb.suggest_area(where))
        errors["where"] = f"unknown place '{where}'" + (
            f" — {hint}" if hint else " — choose one of the suggested places"
        )
    choices = _choices()
    for name, key in (
        ("asset", "assets"),
        ("severity", "severities"),
        ("initiator", "initiators"),
        ("mode", "modes"),
    ):
        allowed = choices[key]
        value = params.get(name)
        if value is not None and value not in allowed:
            errors[name] = f"'{value}' is not allowed — choose one of: {', '.join(allowed)}"
    return errors


@router.get("/answer.md")
@router.get("/answer.csv")
def answer_export(request: Request) -> Response:
    """The scenario's answer with numbered source footnotes, as a download."""
    from foederis.exports.citations import citations_csv, citations_markdown

    kb = kb_of(request)
    params = {
        k: v.strip() for k, v in request.query_params.items() if k in SCENARIO_FIELDS and v.strip()
    }
    problems = _field_errors(params, kb)
    for f in ("attacker", "target"):
        if f not in params:
            problems.setdefault(f, "required")
    if problems:
        return render(
            request,
            "error.html",
            {
                "title": "Cannot export this answer",
                "message": "; ".join(f"{k}: {v}" for k, v in problems.items()),
                "hint": None,
                "links": [("/?" + urlencode(params), "back to the scenario")],
            },
            status=422,
        )
    try:
        params.pop("mode", None)
        scenario = to_scenario(CascadeIn.model_validate(params))
        result = run_check(scenario, kb)
    except (ValidationError, ApiError, ScenarioError) as exc:
        message = exc.message if isinstance(exc, ScenarioError) else str(exc)
        return render(
            request,
            "error.html",
            {
                "title": "Cannot export this answer",
                "message": message,
                "hint": None,
                "links": [("/", "back")],
            },
            status=422,
        )
    who = "-".join(scenario.attacker_states) or "attack"
    name = f"foederis-{who}-{scenario.target}-{scenario.date}"
    if request.url.path.endswith(".csv"):
        return Response(
            citations_csv(result, kb),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        citations_markdown(result, kb),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.md"'},
    )


# ---- treaties ---------------------------------------------------------------------------------
TREATIES_PAGE = 100  # rows of the treaties list on one page


@router.get("/treaties", response_class=HTMLResponse)
def treaties_page(request: Request) -> HTMLResponse:
    """The treaties, curated first (in force first, by name), TREATIES_PAGE to a page; the
    search (``q``) looks through all of them on the server."""
    kb = kb_of(request)
    page = _page_number(request)
    if isinstance(page, HTMLResponse):
        return page
    q = request.query_params.get("q", "").strip()[:200]
    today = date.today()
    matching: list[tuple[Any, str]] = []
    for t in sorted(
        kb.treaties.values(),
        key=lambda t: (not t.curated, not t.is_in_force(today), t.short_name.lower()),
    ):
        hay = " ".join(
            [t.id, t.name, t.short_name, *t.aliases, *(state_name(s) for s in t.states())]
        ).lower()
        if not q or q.lower() in hay:
            matching.append((t, hay))
    pages = max(1, -(-len(matching) // TREATIES_PAGE))
    if page > pages:
        return _bad_page(request, page, pages, "/treaties")
    lo = (page - 1) * TREATIES_PAGE
    rows = [
        {
            "t": t,
            "members": len(t.members_on(today)),
            "in_force": t.is_in_force(today),
            "search": hay,
        }
        for t, hay in matching[lo : lo + TREATIES_PAGE]
    ]
    return render(
        request,
        "treaties.html",
        {
            "rows": rows,
            "q": q,
            "shown": len(matching),
            "total": len(kb.treaties),
            "page": page,
            "pages": pages,
            "first": lo + 1,
            "query": urlencode({"q": q}) if q else "",
        },
    )


@router.get("/treaties/{treaty_id}", response_class=HTMLResponse)
def treaty_page(request: Request, treaty_id: str) -> HTMLResponse:
    kb = kb_of(request)
    try:
        t = kb.treaty(treaty_id)
    except UnknownTreatyError as exc:
        return render(
            request,
            "error.html",
            {
                "title": "Unknown treaty",
                "message": exc.message,
                "hint": exc.hint,
                "links": [(f"/treaties/{s}", s) for s in exc.suggestions],
            },
            status=404,
        )
    today = date.today()
    members = sorted(t.members_on(today), key=state_name)
    clause_invocations: dict[str, int] = {}
    for v in t.invocations:
        if v.clause:
            clause_invocations[v.clause] = clause_invocations.get(v.clause, 0) + 1
    return render(
        request,
        "treaty.html",
        {
            "t": t,
            "members": members,
            "timeline": draw_timeline(t, today),
            "color": treaty_colors(kb).get(t.id, "#0072b2"),
            "sources": {s.id: source_json(s) for s in t.sources},
            "source_list": [source_json(s) for s in ordered(t.sources)],
            "clause_invocations": clause_invocations,
            "superseded_by": kb.treaties.get(t.superseded_by) if t.superseded_by else None,
            "membership": _membership_chart(t, today, treaty_colors(kb).get(t.id, "#0072b2")),
        },
    )


def _membership_chart(t: Any, today: date, color: str) -> dict[str, Any] | None:
    from foederis.exports.history import membership

    series = membership(t, today)
    if not series:
        return None
    return {
        "years": [y for y, _ in series],
        "counts": [n for _, n in series],
        "color": color,
        "label": f"{t.short_name}: members",
    }


# ---- protection over time -----------------------------------------------------------------------
@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request) -> HTMLResponse:
    """Who owed a state a defense obligation, year by year: a chart (Chart.js, vendored) and
    the same data as a table of changes."""
    from foederis.errors import UsageError, did_you_mean
    from foederis.exports.history import history

    kb = kb_of(request)
    today = date.today()
    raw = request.query_params.get("state", "").strip()[:100]
    form = {
        "state": raw,
        "start": request.query_params.get("from", "1945").strip()[:4],
        "end": request.query_params.get("to", str(today.year)).strip()[:4],
    }
    ctx: dict[str, Any] = {"form": form, "errors": {}, "state_options": _state_options()}
    if not raw:
        return render(request, "history.html", ctx)
    errors: dict[str, str] = {}
    code = states.resolve(raw)
    if code is None:
        hint = did_you_mean(f"{states.get(c).name} ({c})" for c in states.suggest(raw))
        errors["state"] = f"unknown state '{raw}'" + (f" — {hint}" if hint else "")
    years: dict[str, int] = {}
    for key in ("start", "end"):
        if not form[key].isdigit():
            errors[key] = f"'{form[key]}' is not a year"
        else:
            years[key] = int(form[key])
    if not errors and code is not None:
        try:
            rows = history(kb, code, years["start"], years["end"], today)
        except UsageError as exc:
            errors[exc.field] = exc.reason + (f" — {exc.hint}" if exc.hint else "")
    if errors or code is None:
        ctx["errors"] = errors
        return render(request, "history.html", ctx, status=422)
    colors = treaty_colors(kb)
    treaty_ids = sorted({t for y in rows for t in y.by_treaty()})
    chart = {
        "years": [y.year for y in rows],
        "datasets": [
            {
                "treaty": tid,
                "label": kb.treaties[tid].short_name if tid in kb.treaties else tid,
                "color": colors.get(tid, "#555"),
                "counts": [y.by_treaty().get(tid, 0) for y in rows],
            }
            for tid in treaty_ids
        ],
    }
    ctx.update(state=code, rows=rows, chart=chart, changed=[y for y in rows if y.changes])
    return render(request, "history.html", ctx)


# ---- network ----------------------------------------------------------------------------------
@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    today = date.today()
    raw = request.query_params.get("date", "")
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    day = min(max(day, date(1815, 1, 1)), today)
    selected = request.query_params.get("state", "").strip().upper()[:3]
    return render(
        request,
        "network.html",
        {
            "day": day.isoformat(),
            "year": day.year,
            "min_year": 1815,
            "max_year": today.year,
            "selected": selected if states.is_known(selected) else "",
            "state_options": _state_options(),
            "coverage": network_coverage(kb_of(request)),
        },
    )


# ---- news review ------------------------------------------------------------------------------
@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    # the page opens on what needs a decision (conflict, stale, new); ?status=all shows all
    status = request.query_params.get("status", "decision")
    if status not in {s.value for s in ClaimStatus} | {"decision"}:
        status = ""
    ctx: dict[str, Any] = {
        "status": status,
        "statuses": [s.value for s in ClaimStatus],
        "available": newsbridge.available(),
        "message": None,
    }
    flash = request.query_params.get("done", "")
    if flash:
        ctx["message"] = flash[:200]
    if not ctx["available"]:
        return render(request, "review.html", ctx)
    page = _page_number(request)
    if isinstance(page, HTMLResponse):
        return page
    try:
        view = newsbridge.bridge(request.app).review_view(status or None, page)
    except ApiError as exc:
        ctx["available"] = False
        ctx["error"] = exc.body.message
        return render(request, "review.html", ctx)
    ctx.update(view)
    return render(request, "review.html", ctx)


MAX_PAGE = 10**9


def _page_number(request: Request) -> int | HTMLResponse:
    """The ``page`` query parameter (1 when absent), or a 422 page naming it."""
    text = request.query_params.get("page", "1").strip()
    if text.isdigit() and 1 <= int(text[:12]) <= MAX_PAGE:
        return int(text)
    return render(
        request,
        "error.html",
        {
            "title": "Invalid page number",
            "message": f"page: '{text[:40]}' is not a page number",
            "hint": "page counts from 1: use the page links below the list",
            "links": [(request.url.path, "first page")],
        },
        status=422,
    )


def _bad_page(request: Request, page: int, pages: int, path: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {
            "title": "No such page",
            "message": f"page: {page} is past the last page ({pages})",
            "hint": f"pages run from 1 to {pages}",
            "links": [(path, "first page")],
        },
        status=422,
    )


@router.post("/review/{item_id}")
async def review_decide(request: Request, item_id: str) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    decision = (form.get("decision") or [""])[0]
    back = (form.get("status") or [""])[0]
    if decision not in ("accept", "reject") or not item_id.isdigit() or len(item_id) > 18:
        return render(
            request,
            "error.html",
            {
                "title": "Invalid decision",
                "message": "choose accept or reject",
                "hint": None,
                "links": [("/review", "back")],
            },
            status=422,
        )
    try:
        newsbridge.bridge(request.app).decide(int(item_id), decision == "accept")
    except ApiError as exc:
        return render(
            request,
            "error.html",
            {
                "title": "Review failed",
                "message": exc.body.message,
                "hint": exc.body.hint,
                "links": [("/review", "back")],
            },
            status=exc.status,
        )
    query = {"done": f"{decision}ed item {item_id}"}
    if back in {s.value for s in ClaimStatus} | {"decision"}:
        query["status"] = back
    return RedirectResponse("/review?" + urlencode(query), status_code=303)
