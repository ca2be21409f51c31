"""No-duty answers: "no treaty obliges X to defend Y; the closest instrument is Z, which has
no defense clause".

People often assume a duty to defend where there is only a political assurance, a policy or
a cooperation agreement (the Budapest Memorandum, AUKUS, the Taiwan Relations Act, the 2024
security agreements with Ukraine). The KB records those instruments as ordinary treaty files
whose clauses include no ``defense`` clause. For a protected state and a day, this module
names, for every state such an instrument links to it, the instrument that comes closest —
provided that no defense obligation in force binds that state to the protected one (then
the treaty answers and the instrument is beside the point).

``check`` (CheckResult.no_duty) and ``allies`` both use :func:`closest_instruments`, so the
rule and its wording live here only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from foederis import states
from foederis.engine import bindings
from foederis.exports.obligations import allies
from foederis.kb import KnowledgeBase
from foederis.model.record import record
from foederis.model.treaty import Treaty


@record(frozen=True, slots=True)
class NoDuty:
    """No defense obligation binds ``states`` to ``protects`` on the day; ``treaty`` is the
    instrument linking them, which has no defense clause."""

    states: list[str]
    protects: str
    treaty: str
    short_name: str
    kind: str
    clauses: list[str]  # "Art. 2(b) (policy)", the instrument's own provisions
    text: str
    sources: list[str]  # URLs

    def to_json(self) -> dict[str, Any]:
        return {
            "states": list(self.states),
            "protects": self.protects,
            "treaty": self.treaty,
            "short_name": self.short_name,
            "kind": self.kind,
            "clauses": list(self.clauses),
            "text": self.text,
            "sources": list(self.sources),
        }


def _name(code: str) -> str:
    return f"{states.get(code).name} ({code})" if states.is_known(code) else code


def _names(codes: list[str]) -> str:
    names = [_name(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def concerns(t: Treaty, state: str, day: date) -> bool:
    """``t`` links ``state`` to others on ``day``: it is in force and ``state`` is a party
    or is named as a beneficiary in one of its clauses."""
    if not t.is_in_force(day):
        return False
    if state in bindings.members(t, day):
        return True
    return any(c.obligation.owed_to != "all" and state in c.obligation.owed_to for c in t.clauses)


def counterparts(t: Treaty, state: str, day: date) -> set[str]:
    """The other states the instrument links ``state`` to on ``day``: its parties that day
    and the states its clauses name as owing something."""
    out = set(t.members_on(day))
    for c in t.clauses:
        if c.obligation.owed_by != "all":
            out.update(c.obligation.owed_by)
    out.discard(state)
    return out


def closest_instruments(
    kb: KnowledgeBase,
    state: str,
    day: date,
    exclude: Iterable[str] = (),
    candidates: Iterable[Treaty] | None = None,
) -> list[NoDuty]:
    """For ``state`` on ``day``: every instrument without a defense clause that links it to
    states no defense obligation in force binds to it (``exclude``: states to leave out,
    e.g. the attackers). One entry per instrument, states sorted; instruments by id."""
    pool = candidates if candidates is not None else kb.treaties.values()
    instruments = [t for t in pool if not t.is_defense() and concerns(t, state, day)]
    if not instruments:
        return []
    bound = {o.obligated for o in allies(kb, state, day)}
    skip = bound | set(exclude)
    out: list[NoDuty] = []
    for t in sorted(instruments, key=lambda t: t.id):
        free = sorted(counterparts(t, state, day) - skip)
        if not free:
            continue
        clauses = [
            f"{c.label if c.article != 'unknown' else c.id} ({c.type.value.replace('_', '-')})"
            for c in t.clauses
        ]
        text = (
            f"No treaty obliges {_names(free)} to defend {_name(state)} on {day}; the "
            f"closest instrument is the {t.short_name} ({t.id}), which has no defense clause"
            + (f" (its provisions: {'; '.join(clauses)})" if clauses else "")
            + "."
        )
        out.append(
            NoDuty(
                states=free,
                protects=state,
                treaty=t.id,
                short_name=t.short_name,
                kind=t.kind.value,
                clauses=clauses,
                text=text,
                sources=[s.url for s in t.sources if s.url][:3],
            )
        )
    return out
