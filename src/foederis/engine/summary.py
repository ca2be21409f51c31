"""The answer at a glance: one line before the table, computed from the result's fields.

``summarize(result)`` groups a check's obligation rows by (treaty, clause, status), the
structured fields of each row, never by the wording of a reason, and says who is bound,
whose duty is uncertain (with the first open condition, quoted), who must consult, and
which rows are policy rather than treaty duties. Caveats: a day after the knowledge base
was last verified, or in the future.

    >>> summarize(check(Scenario(attacker="RUS", target="POL", date="2025-01-01"))).headline
    '31 states are bound under North Atlantic Treaty (NATO) Art. 5 and 26 under ...'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from foederis.model.enums import ClauseType, Status, Verdict
from foederis.model.record import record
from foederis.states import label

if TYPE_CHECKING:
    from foederis.engine.check import CheckResult, Obligation
    from foederis.kb import KnowledgeBase


@record(frozen=True, slots=True)
class Duty:
    """All rows of one clause with one status: who, under which treaty and article."""

    treaty: str
    treaty_name: str
    clause: str
    article: str
    type: ClauseType
    status: Status
    states: tuple[str, ...]
    open_question: str | None  # the first condition left unknown (uncertain rows)

    @property
    def under(self) -> str:
        return f"{self.treaty_name} {self.article}"

    def who(self) -> str:
        return label(self.states[0]) if len(self.states) == 1 else f"{len(self.states)} states"

    def to_json(self) -> dict[str, Any]:
        return {
            "treaty": self.treaty,
            "treaty_name": self.treaty_name,
            "clause": self.clause,
            "article": self.article,
            "type": self.type.value,
            "status": self.status.value,
            "states": list(self.states),
            "open_question": self.open_question,
        }


@record(frozen=True, slots=True)
class Summary:
    """The answer at a glance, computed from the result rows (``headline``)."""

    bound: tuple[Duty, ...]
    uncertain: tuple[Duty, ...]
    consultation: tuple[Duty, ...]
    policy: tuple[Duty, ...]
    not_triggered: int
    caveats: tuple[str, ...]

    @property
    def headline(self) -> str:
        """One sentence: triggered duties, then uncertain ones; never silent about doubt."""
        parts: list[str] = []
        if self.bound:
            first, *rest = self.bound
            verb = "is" if len(first.states) == 1 else "are"
            text = f"{first.who()} {verb} bound under {first.under}"
            text += "".join(
                f" and {d.who() if len(d.states) == 1 else len(d.states)} under {d.under}"
                for d in rest
            )
            parts.append(text)
        else:
            parts.append("No state is bound")
        n_uncertain = sum(len(d.states) for d in self.uncertain)
        if n_uncertain and len(self.uncertain) <= 2 and not self.bound:
            parts += [
                f"{d.who()}: uncertain under {d.under}"
                + (f" — {d.open_question}" if d.open_question else "")
                for d in self.uncertain
            ]
        elif n_uncertain:
            parts.append(f"{n_uncertain} obligation{'s' if n_uncertain != 1 else ''} uncertain")
        n_consult = sum(len(d.states) for d in self.consultation)
        if n_consult:
            parts.append(
                f"{n_consult} duty to consult"
                if n_consult == 1
                else f"{n_consult} duties to consult"
            )
        return "; ".join(parts) + "."

    def lines(self) -> list[str]:
        """The headline, the policy rows (not treaties) and the caveats, one per line."""
        out = [self.headline]
        out += [
            f"{d.who()} under {d.under}: policy, not a treaty — no legal duty" for d in self.policy
        ]
        out += [f"Caveat: {c}" for c in self.caveats]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "bound": [d.to_json() for d in self.bound],
            "uncertain": [d.to_json() for d in self.uncertain],
            "consultation": [d.to_json() for d in self.consultation],
            "policy": [d.to_json() for d in self.policy],
            "not_triggered": self.not_triggered,
            "caveats": list(self.caveats),
        }


def summarize(result: CheckResult, kb: KnowledgeBase | None = None) -> Summary:
    """The Summary of a check result (``kb``: where treaty names and verification dates are)."""
    if kb is None:
        from foederis.kb import load_kb

        kb = load_kb()
    groups: dict[tuple[str, str, Status], list[Obligation]] = {}
    for o in result.obligations:
        groups.setdefault((o.treaty, o.clause, o.status), []).append(o)
    duties: dict[str, list[Duty]] = {"bound": [], "uncertain": [], "consult": [], "policy": []}
    not_triggered = 0
    for (treaty_id, clause, status), rows in groups.items():
        first = rows[0]
        treaty = kb.treaties.get(treaty_id)
        duty = Duty(
            treaty=treaty_id,
            treaty_name=treaty.short_name if treaty else treaty_id,
            clause=clause,
            article=first.article,
            type=first.type,
            status=status,
            states=tuple(o.state for o in rows),
            open_question=next(
                (r.text for r in first.reasons if r.verdict is Verdict.unknown), None
            ),
        )
        if first.standing_policy:
            duties["policy"].append(duty)
        elif status is Status.triggered and first.type is ClauseType.defense:
            duties["bound"].append(duty)
        elif status is Status.uncertain:
            duties["uncertain"].append(duty)
        elif status is Status.consultation:
            duties["consult"].append(duty)
        else:
            not_triggered += len(rows)
    for key in duties:
        duties[key].sort(key=lambda d: (-len(d.states), d.treaty, d.clause))
    return Summary(
        bound=tuple(duties["bound"]),
        uncertain=tuple(duties["uncertain"]),
        consultation=tuple(duties["consult"]),
        policy=tuple(duties["policy"]),
        not_triggered=not_triggered,
        caveats=tuple(_caveats(result, kb)),
    )


def _caveats(result: CheckResult, kb: KnowledgeBase) -> list[str]:
    day = result.scenario.date
    involved = {o.treaty for o in result.obligations} or set(kb.treaties)
    verified = [
        t.last_verified
        for tid in sorted(involved)
        if (t := kb.treaties.get(tid)) is not None and t.last_verified is not None
    ]
    out = []
    if verified and day > min(verified):
        out.append(
            f"{day} is after the knowledge base was last verified on {min(verified)}: "
            "treaties, members or suspensions may have changed since"
        )
    if day > date.today():
        out.append(f"{day} is in the future; the answer assumes today's treaties still hold")
    return out
