"""A scenario: who attacks whom, when, where, what is hit, how hard, and who started it."""

from __future__ import annotations

from datetime import date as Date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from foederis.model.enums import Asset, Initiator, Severity

NON_STATE = "non-state"
EARLIEST = Date(1815, 1, 1)


class Scenario(BaseModel):
    """Normalized scenario. States are ISO3 codes; names are resolved on input.

    ``attacker`` holds states and/or one non-state actor written ``non-state`` or
    ``non-state:<name>`` (e.g. ``non-state:al-Qaeda``). ``where`` is a gazetteer id; None
    means the target's own (home) territory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    attacker: tuple[str, ...] = Field(min_length=1)
    target: str
    date: Date = Field(default_factory=Date.today)
    where: str | None = None
    asset: Asset = Asset.territory
    severity: Severity = Severity.armed_attack
    initiator: Initiator = Initiator.attacker

    @field_validator("attacker", mode="before")
    @classmethod
    def _attackers(cls, value: object) -> object:
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            return value
        out: list[str] = []
        for item in value:
            text = str(item).strip()
            if text.lower().startswith(NON_STATE) or text.lower().startswith("non_state"):
                label = text.split(":", 1)[1].strip() if ":" in text else ""
                out.append(f"{NON_STATE}:{label}" if label else NON_STATE)
            else:
                out.append(_state(text))
        return out

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> object:
        return _state(str(value)) if isinstance(value, str) else value

    @field_validator("date")
    @classmethod
    def _date_range(cls, value: Date) -> Date:
        if value < EARLIEST:
            raise ValueError("dates before 1815-01-01 are outside the state system foederis covers")
        return value

    @model_validator(mode="after")
    def _not_self(self) -> Scenario:
        if self.target in self.attacker:
            raise ValueError(f"the attacker and the target are the same state ({self.target})")
        return self

    @property
    def attacker_states(self) -> list[str]:
        return [a for a in self.attacker if not a.startswith(NON_STATE)]

    @property
    def non_state(self) -> str | None:
        for a in self.attacker:
            if a.startswith(NON_STATE):
                return a.split(":", 1)[1] if ":" in a else "a non-state actor"
        return None


def _state(text: str) -> str:
    from foederis import states

    try:
        return states.parse_state(text)
    except states.UnknownStateError as exc:
        raise ValueError(str(exc)) from None
