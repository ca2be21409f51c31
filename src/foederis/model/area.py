"""Gazetteer entries: named places and regions that clauses and scenarios refer to."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from foederis.model.treaty import Source


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    name: str
    kind: Literal["territory", "region", "sea"]
    held_by: str | None = None
    within: list[str] = Field(default_factory=list)
    partly_within: list[str] = Field(default_factory=list)
    contains_home_of: list[str] = Field(default_factory=list)
    partly_contains_home_of: list[str] = Field(default_factory=list)
    claimed_by: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class AreaFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    areas: list[Area] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
