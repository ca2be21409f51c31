"""Gazetteer entries: named places and regions that clauses and scenarios refer to.
Plain dataclasses, validated from YAML by pydantic in kb/load.py (see model/treaty.py)."""

from __future__ import annotations

from dataclasses import field
from datetime import date as Date
from typing import Literal

from foederis.model.record import record
from foederis.model.treaty import STRICT, Source


@record(kw_only=True)
class Holding:
    """Who held (administered) a place from ``since`` until ``until`` (exclusive); null
    ``state``: nobody. ``disputed_by``: states contesting that holder's sovereignty then."""

    __pydantic_config__ = STRICT

    state: str | None
    since: Date | None = None
    until: Date | None = None
    disputed_by: list[str] = field(default_factory=list)
    note: str | None = None
    sources: list[str] = field(default_factory=list)

    def active_on(self, day: Date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


@record(kw_only=True)
class Area:
    """A place in the gazetteer: a territory, region or sea, who holds it (over time), what it
    lies within and whose home territory it contains."""

    __pydantic_config__ = STRICT

    id: str
    name: str
    kind: Literal["territory", "region", "sea"]
    held_by: str | None = None
    within: list[str] = field(default_factory=list)
    partly_within: list[str] = field(default_factory=list)
    contains_home_of: list[str] = field(default_factory=list)
    partly_contains_home_of: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    sources: list[str] = field(default_factory=list)
    # holders over time; when given, they decide who holds the place on a day (held_by is
    # then the current holder, kept for display)
    holders: list[Holding] = field(default_factory=list)

    def holding_on(self, day: Date) -> Holding:
        for h in self.holders:
            if h.active_on(day):
                return h
        if self.holders:
            return Holding(state=None)
        return Holding(state=self.held_by, disputed_by=list(self.claimed_by))


@record(kw_only=True)
class AreaFile:
    """One gazetteer file: its areas and the sources they cite."""

    __pydantic_config__ = STRICT

    areas: list[Area] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
