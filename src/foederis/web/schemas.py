"""Request and response models of the HTTP API (the OpenAPI schema at /openapi.json).

Request bodies are validated by these models (bounded lengths, closed vocabularies), then
turned into the library's :class:`~foederis.model.scenario.Scenario` by
:func:`to_scenario`, which maps every problem to a 422 naming the field. Response models
document the JSON the library's ``to_json`` methods produce (the same JSON as the CLI's
``--format json``).
"""

from __future__ import annotations

from datetime import date as Date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from foederis import states
from foederis.engine.cascade import Mode
from foederis.engine.noduty import NoDuty
from foederis.errors import ScenarioError
from foederis.exports.obligations import DirectedObligation
from foederis.model.enums import Asset, ClauseType, Initiator, Severity, Status, Strength
from foederis.model.scenario import NON_STATE, Scenario
from foederis.web.errors import from_scenario_error, from_unknown_state

Name = Annotated[str, StringConstraints(max_length=100)]
Text = Annotated[str, StringConstraints(max_length=300)]

YEONPYEONG: dict[str, Any] = {
    "attacker": ["PRK"],
    "target": "KOR",
    "date": "2010-11-23",
    "where": "yeonpyeong-island",
}


class ScenarioIn(BaseModel):
    """An attack: who attacks whom, when, where, what is hit, how hard, who started it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [YEONPYEONG]})

    attacker: Annotated[list[Name], Field(min_length=1, max_length=10)] | Text = Field(
        description="Attacking state(s): ISO3 codes or names (a list, or one string with "
        "commas), or `non-state` / `non-state:<name>`."
    )
    target: Name = Field(description="The attacked state (ISO3 code or name).")
    date: Date | None = Field(
        default=None, description="Day of the attack as YYYY-MM-DD (default today)."
    )
    where: Name | None = Field(
        default=None,
        description="Gazetteer place id or name (GET /api/areas); default: "
        "the target's own territory.",
    )
    asset: Asset = Field(default=Asset.territory, description="What is hit.")
    severity: Severity = Field(default=Severity.armed_attack, description="How hard.")
    initiator: Initiator = Field(
        default=Initiator.attacker, description="Who started the fighting."
    )

    @field_validator("date", mode="before")
    @classmethod
    def _date_is_text(cls, value: object) -> object:
        if value is not None and not isinstance(value, str | Date):
            raise PydanticCustomError("date_type", "Input should be a date as YYYY-MM-DD")
        return value


class CascadeIn(ScenarioIn):
    """An attack, plus how to follow the war it starts."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{**YEONPYEONG, "mode": "legal"}]}
    )

    mode: Mode = Field(default=Mode.legal, description="legal | escalation")
    rounds: int | None = Field(
        default=None,
        ge=1,
        le=100,
        description="Stop after this many rounds (default: until no one joins).",
    )


class ReviewIn(BaseModel):
    """A curator's decision on one queued proposal."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"decision": "accept"}]}
    )

    decision: Literal["accept", "reject"]


def to_scenario(body: ScenarioIn) -> Scenario:
    """The library's Scenario, or an ApiError (422) naming the field at fault."""
    raw = body.attacker if isinstance(body.attacker, list) else body.attacker.split(",")
    attackers: list[str] = []
    for item in raw:
        text = item.strip()
        if text.lower().startswith((NON_STATE, "non_state")):
            attackers.append(text)
            continue
        try:
            attackers.append(states.parse_state(text))
        except states.UnknownStateError as exc:
            raise from_unknown_state(exc, "attacker") from None
    try:
        target = states.parse_state(body.target)
    except states.UnknownStateError as exc:
        raise from_unknown_state(exc, "target") from None
    where = body.where.strip() if body.where else None
    fields: dict[str, Any] = {
        "attacker": attackers,
        "target": target,
        "where": where or None,
        "asset": body.asset,
        "severity": body.severity,
        "initiator": body.initiator,
    }
    if body.date is not None:
        fields["date"] = body.date
    try:
        return Scenario(**fields)
    except ScenarioError as exc:
        raise from_scenario_error(exc) from None


# ---- responses (documentation of the JSON the library emits) ------------------------------
class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class ScenarioOut(_Out):
    attacker: list[str]
    target: str
    date: Date
    where: str | None
    asset: Asset
    severity: Severity
    initiator: Initiator
    place: str | None = None


class ReasonOut(_Out):
    condition: str
    verdict: Literal["met", "failed", "unknown"]
    text: str
    sources: list[str]


class SourceRefOut(_Out):
    id: str
    url: str | None
    title: str | None
    kind: str
    badge: str
    publisher: str | None


class ObligationOut(_Out):
    state: str
    protects: str
    treaty: str
    clause: str = Field(description="`treaty#clause`, e.g. `nato#art-5`")
    article: str
    type: ClauseType
    status: Status
    strength: Strength
    reasons: list[ReasonOut]
    sources: list[SourceRefOut]


class PrecedentOut(_Out):
    id: str
    date: Date | None
    by: str | None
    event: str
    outcome: str
    summary: str | None
    sources: list[str]


class CheckOut(_Out):
    """The full answer (`detail=full`): every row whole, as `foederis check --format json`."""

    scenario: ScenarioOut
    obligations: list[ObligationOut]
    no_duty: list[NoDuty] = Field(
        description="instruments without a defense clause linking the target to states no "
        "defense obligation binds to it: 'no treaty obliges X; the closest instrument is Y'"
    )


class Detail(StrEnum):
    compact = "compact"
    full = "full"


class CompactRowOut(_Out):
    state: str
    protects: str
    clause: str = Field(description="`treaty#clause`, a key of `clauses`.")
    status: Status
    belligerent: bool
    reasons: list[int] = Field(description="Indexes into `reasons`, in order.")


class CompactClauseOut(_Out):
    treaty: str
    article: str
    type: ClauseType
    strength: Strength
    sources: list[str] = Field(description="Keys of `sources`.")
    precedents: list[str] = Field(description="Keys of `precedents`.")


class CheckCompactOut(_Out):
    """The compact answer (the default): the rows of the full answer in the same order,
    each holding what is its own; what rows share is stored once in `clauses`, `reasons`,
    `sources` and `precedents` (sources cited by their keys)."""

    format: Literal["compact"]
    scenario: ScenarioOut
    obligations: list[CompactRowOut]
    no_duty: list[NoDuty]
    clauses: dict[str, CompactClauseOut]
    reasons: list[ReasonOut]
    sources: dict[str, SourceRefOut]
    precedents: dict[str, PrecedentOut]


class EntryOut(_Out):
    state: str
    side: Literal["attacker", "target"]
    treaty: str | None = None
    clause: str | None = None
    article: str | None = None
    protects: str | None = None
    status: Status | None = None
    strength: Strength | None = None
    also: list[dict[str, str]] | None = Field(
        default=None, description="Every other clause that binds the state to the same side."
    )


class RoundOut(_Out):
    round: int
    joined: list[EntryOut]


class ConflictDutyOut(_Out):
    treaty: str
    clause: str
    article: str
    type: str
    standing: str = Field(description="bound, frozen or dormant (suspended duties are left out).")
    protects: list[str] = Field(description="The belligerents on that side it protects.")


class ConflictOut(_Out):
    state: str
    round: int
    bound_to: dict[str, str]
    duties: dict[str, list[ConflictDutyOut]] = Field(
        description="Per side, the defence and consultation duties toward its belligerents."
    )
    joined: Literal["attacker", "target"] | None = Field(
        description="The side it joined (a duty that drafts pulled it one way), or null."
    )


class UncertainOut(_Out):
    state: str
    side: Literal["attacker", "target"]
    round: int
    treaty: str
    clause: str
    article: str
    protects: str
    status: Status
    strength: Strength
    unknown: list[str] = Field(description="The conditions that are not settled.")


class CascadeOut(_Out):
    scenario: ScenarioOut
    mode: Mode
    rounds: list[RoundOut]
    sides: dict[str, list[str]]
    conflicts: list[ConflictOut] = Field(
        description="States bound to both sides: a conflict of obligations."
    )
    uncertain: list[UncertainOut] = Field(
        description="Duties that would draft a state if they were certain; they draft nobody."
    )
    stopped: Literal["fixed_point", "round_limit"]


class TreatySummary(_Out):
    id: str
    name: str
    short_name: str
    kind: str
    signed: Date | None
    in_force: Date | None
    ended: Date | None
    parties: list[str] = Field(
        description="Parties on `date` when given, else every state that was ever a party."
    )


class StateOut(_Out):
    iso3: str
    cow: int | None
    name: str


class AreaOut(_Out):
    id: str
    name: str
    kind: str
    held_by: str | None
    within: list[str]


class AlliesOut(_Out):
    state: str
    date: Date
    allies: list[DirectedObligation]
    signed_not_in_force: list[str]
    no_duty: list[NoDuty]


class ObligationsOut(_Out):
    metadata: dict[str, str]
    obligations: list[DirectedObligation]


class NodeOut(_Out):
    id: str
    name: str
    active: bool


class EdgeOut(_Out):
    source: str
    target: str
    treaty: str
    strength: Strength
    mutual: bool
    frozen: bool


class NetworkTreatyOut(_Out):
    id: str
    short_name: str
    color: str
    in_force: bool
    members_ever: list[str]


class NetworkOut(_Out):
    date: Date
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    treaties: list[NetworkTreatyOut]


class HealthOut(_Out):
    status: Literal["ok"]
    treaties: int
    news: bool
