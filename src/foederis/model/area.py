"""Gazetteer entries: named places and regions that clauses and scenarios refer to.
Plain dataclasses, validated from YAML by pydantic in kb/load.py (see model/treaty.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from foederis.model.treaty import STRICT, Source


@dataclass(kw_only=True)
class Area:
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


@dataclass(kw_only=True)
class AreaFile:
    __pydantic_config__ = STRICT

    areas: list[Area] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
