"""The compact JSON of a ``check`` answer: every source, precedent and reason once.

The full JSON (``CheckResult.to_json()``, the CLI's ``--format json``) repeats, in every
obligation row, the clause's sources (whole objects), its precedents (with their
summaries) and the reasons the row shares with the other states bound by the same clause.
For an attack on a NATO and EU member that is some 90 rows and over half a megabyte, mostly
copies. The compact JSON keeps the same rows in the same order, each with what is its own
(``state``, ``protects``, ``clause``, ``status``, ``belligerent``, ``reasons``), and stores
everything else once, in top-level tables:

- ``clauses``: ``{clause: {treaty, article, type, strength, sources, precedents}}``, what a
  row shares with every row of its clause (the engine's ClauseGroup);
- ``sources``: ``{id: {id, url, title, kind, badge, publisher}}`` under the KB's
  ``treaty/source`` ids; clauses, reasons and precedents cite sources by these ids;
- ``precedents``: ``{"treaty/invocation": {id, date, by, event, outcome, summary, sources}}``;
- ``reasons``: a list of ``{condition, verdict, text, facts, sources}``; a row's ``reasons``
  are indexes into it, in the row's order.

Nothing is left out: :func:`expand` rebuilds the full JSON from the compact one exactly
(tests/web/test_compact.py checks this on random scenarios), so a client can read either.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from .results import CheckResult, Finding, Precedent, SourceRef

FORMAT = "compact"


class _Table:
    """Objects stored once under a key: the hinted key, or the hint with ``~2``, ``~3``...
    when another object already holds it (never silently merged)."""

    def __init__(self) -> None:
        self.keys: dict[Hashable, str] = {}
        self.rows: dict[str, Any] = {}

    def put(self, obj: Hashable, hint: str, row: Any) -> str:
        key, n = hint, 1
        while key in self.rows:
            n += 1
            key = f"{hint}~{n}"
        self.keys[obj] = key
        self.rows[key] = row
        return key


def compact_json(result: CheckResult) -> dict[str, Any]:
    """The answer with every source, precedent and reason stored once (module doc)."""
    sources = _Table()
    precedents = _Table()
    reason_index: dict[Finding, int] = {}
    reasons: list[dict[str, Any]] = []

    def source(s: SourceRef) -> str:
        found = sources.keys.get(s)
        return found if found is not None else sources.put(s, s.id, s.to_json())

    def reason(f: Finding) -> int:
        found = reason_index.get(f)
        if found is None:
            found = reason_index[f] = len(reasons)
            reasons.append({**f.to_json(), "sources": [source(s) for s in f.sources]})
        return found

    def precedent(treaty: str, p: Precedent) -> str:
        found = precedents.keys.get((treaty, p))
        if found is None:
            row = {**p.to_json(), "sources": [source(s) for s in p.sources]}
            found = precedents.put((treaty, p), f"{treaty}/{p.id}", row)
        return found

    clauses: dict[str, dict[str, Any]] = {}
    for g in result.groups:
        fields = {
            "treaty": g.treaty,
            "article": g.article,
            "type": g.type.value,
            "strength": g.strength.value,
            "sources": [source(s) for s in g.sources],
            "precedents": [precedent(g.treaty, p) for p in g.precedents],
        }
        if clauses.setdefault(g.clause, fields) != fields:  # the engine makes one per clause
            raise ValueError(f"two clause groups for {g.clause} in one answer")
    rows = [
        {
            "state": o.state,
            "protects": o.protects,
            "clause": o.clause,
            "status": o.status.value,
            "belligerent": o.belligerent,
            "reasons": [reason(r) for r in o.reasons],
        }
        for o in result.obligations
    ]
    full = result.to_json()
    return {
        "format": FORMAT,
        "scenario": full["scenario"],
        "obligations": rows,
        "no_duty": full["no_duty"],
        "clauses": clauses,
        "reasons": reasons,
        "sources": sources.rows,
        "precedents": precedents.rows,
    }


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """The full JSON (as ``CheckResult.to_json()``, plus any other top-level keys such as
    ``summary``) from the compact JSON."""
    sources: dict[str, dict[str, Any]] = data["sources"]

    def cite(ids: list[str]) -> list[str]:
        # the full JSON cites a source by its URL, or by its id when it has none
        return [sources[i]["url"] or sources[i]["id"] for i in ids]

    reasons = [{**r, "sources": cite(r["sources"])} for r in data["reasons"]]
    precedents = {k: {**p, "sources": cite(p["sources"])} for k, p in data["precedents"].items()}
    clauses = {
        k: {
            **c,
            "sources": [sources[i] for i in c["sources"]],
            "precedents": [precedents[p] for p in c["precedents"]],
        }
        for k, c in data["clauses"].items()
    }
    rows = [
        {**o, **clauses[o["clause"]], "reasons": [reasons[i] for i in o["reasons"]]}
        for o in data["obligations"]
    ]
    tables = ("format", "clauses", "reasons", "sources", "precedents", "obligations")
    return {**{k: v for k, v in data.items() if k not in tables}, "obligations": rows}
