"""A scenario: who attacks whom, when, where, what is hit, how hard, and who started it.

A frozen dataclass that normalizes its input on construction (state names to ISO3 codes,
text dates to dates, strings to enums) and raises ScenarioError naming the field at fault,
so the CLI, the HTTP API and Python callers get the same checks and the same messages.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date as Date
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from foederis.errors import ScenarioError, unknown_choice
from foederis.model.enums import Asset, Initiator, Severity
from foederis.model.record import record

NON_STATE = "non-state"
EARLIEST = Date(1815, 1, 1)
E = TypeVar("E", bound=StrEnum)


@record(frozen=True)
class Scenario:
    """Normalized scenario. States are ISO3 codes; names are resolved on input.

    ``attacker`` holds states and/or one non-state actor written ``non-state`` or
    ``non-state:<name>`` (e.g. ``non-state:al-Qaeda``); a list or a comma-separated string
    is accepted. ``where`` is a gazetteer id (or an ISO3 code for a state's home territory);
    None means the target's own territory. ``date`` accepts a date or ``YYYY-MM-DD``."""

    attacker: tuple[str, ...]
    target: str
    date: Date = field(default_factory=Date.today)
    where: str | None = None
    asset: Asset = Asset.territory
    severity: Severity = Severity.armed_attack
    initiator: Initiator = Initiator.attacker

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "attacker", _attackers(self.attacker))
        put(self, "target", _state(self.target, "target"))
        put(self, "date", _date(self.date))
        where = self.where.strip() if isinstance(self.where, str) else self.where
        if where is not None and not isinstance(where, str):
            raise ScenarioError("where", "must be a place name or id")
        put(self, "where", where or None)
        put(self, "asset", _choice(Asset, self.asset, "asset"))
        put(self, "severity", _choice(Severity, self.severity, "severity"))
        put(self, "initiator", _choice(Initiator, self.initiator, "initiator"))
        _existing(self.target, self.date, "target")
        for a in self.attacker_states:
            _existing(a, self.date, "attacker")
        if self.target in self.attacker:
            raise ScenarioError(
                "target",
                f"the attacker and the target are the same state ({self.target})",
                "choose a target other than the attacker",
            )

    @property
    def attacker_states(self) -> tuple[str, ...]:
        return tuple(a for a in self.attacker if not a.startswith(NON_STATE))

    @property
    def non_state(self) -> str | None:
        for a in self.attacker:
            if a.startswith(NON_STATE):
                return a.split(":", 1)[1] if ":" in a else "a non-state actor"
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "attacker": list(self.attacker),
            "target": self.target,
            "date": self.date.isoformat(),
            "where": self.where,
            "asset": self.asset.value,
            "severity": self.severity.value,
            "initiator": self.initiator.value,
        }


def _attackers(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ScenarioError("attacker", "must be a state or a list of states")
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if text.lower().startswith((NON_STATE, "non_state")):
            label = text.split(":", 1)[1].strip() if ":" in text else ""
            out.append(f"{NON_STATE}:{label}" if label else NON_STATE)
        else:
            out.append(_state(text, "attacker"))
    if not out:
        raise ScenarioError(
            "attacker",
            "at least one attacker is required",
            "a state (ISO3 code or name) or non-state[:name]",
        )
    return tuple(dict.fromkeys(out))


def _state(value: object, field_name: str) -> str:
    from foederis import states

    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(field_name, "a state is required", "an ISO3 code or a name")
    try:
        return states.parse_state(value)
    except states.UnknownStateError as exc:
        raise ScenarioError(field_name, exc.message, exc.hint) from None


def _existing(code: str, day: Date, field_name: str) -> None:
    """A state that did not exist on the day is an error naming its lifetime."""
    from foederis import states

    try:
        states.require_exists(code, day)
    except states.NonexistentStateError as exc:
        raise ScenarioError(field_name, exc.message, exc.hint) from None


def _date(value: object) -> Date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = Date.fromisoformat(value.strip())
        except ValueError:
            raise ScenarioError(
                "date",
                f"'{value}' is not a valid date",
                "use YYYY-MM-DD, a day that exists in the calendar",
            ) from None
    if not isinstance(value, Date):
        raise ScenarioError("date", "must be a date (YYYY-MM-DD)")
    if value < EARLIEST:
        raise ScenarioError(
            "date",
            f"{value} is before 1815-01-01",
            "dates before 1815 are outside the state system foederis covers",
        )
    return value


def _choice(kind: type[E], value: object, field_name: str) -> E:
    try:
        return kind(str(value))
    except ValueError:
        exc = unknown_choice(field_name, value, [m.value for m in kind])
        raise ScenarioError(field_name, exc.reason, exc.hint) from None
