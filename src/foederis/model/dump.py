"""JSON-ready dicts of model objects (for `foederis show --format json` and the HTTP API).
Imports pydantic, so only the commands that print whole treaties pay for it."""

from __future__ import annotations

from functools import cache
from typing import Any

from foederis.model.area import Area
from foederis.model.treaty import Treaty


@cache
def _adapter(model: type[Any]) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def treaty_json(t: Treaty) -> dict[str, Any]:
    """The treaty as JSON; ``sources`` are graded (kind, badge, publisher), official first."""
    from foederis.sources.grade import ordered, source_json

    out: dict[str, Any] = _adapter(Treaty).dump_python(t, mode="json")
    out["sources"] = [source_json(s) for s in ordered(t.sources)]
    return out


def area_json(a: Area) -> dict[str, Any]:
    out: dict[str, Any] = _adapter(Area).dump_python(a, mode="json")
    return out
