"""Typed model of one treaty file (docs/kb-format.md).

Plain dataclasses, so that the engine and a fresh `foederis check` process never import
pydantic: YAML is validated into these classes by pydantic (kb/load.py builds the
validator) and the result is cached compiled (foederis.cache). Checks that need more than
the shape (states, areas, source ids, dates, cross-references) live in kb/validate.py.
"""

from __future__ import annotations

from dataclasses import field as _field
from dataclasses import replace
from datetime import date as Date
from functools import cached_property
from typing import Any, Literal

from foederis.model.enums import (
    Asset,
    ClauseType,
    Effect,
    Outcome,
    Severity,
    SourceKind,
    StatementStatus,
    Strength,
    TextStatus,
    TreatyKind,
)
from foederis.model.record import record

AllOr = list[str] | Literal["all"]


STRICT = {"extra": "forbid"}  # pydantic config: unknown keys are errors


@record(kw_only=True)
class Work:
    """A printed work cited as itself (not through a mirror of it)."""

    __pydantic_config__ = STRICT

    title: str
    author: str | None = None
    publisher: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None

    def cite(self) -> str:
        """``Author, Title, vol. V (Publisher, Year), p. P``."""
        head = f"{self.author}, {self.title}" if self.author else self.title
        if self.volume:
            head += f", vol. {self.volume}"
        imprint = ", ".join(x for x in (self.publisher, str(self.year or "")) if x)
        if imprint:
            head += f" ({imprint})"
        if self.pages:
            head += f", {'pp.' if '-' in self.pages or '–' in self.pages else 'p.'} {self.pages}"
        return head


@record(kw_only=True)
class Source:
    """One source a fact rests on. ``kind`` grades it (docs/kb-format.md); a printed work
    is cited as ``work`` (with ``url`` only when the publisher or a library hosts it)."""

    __pydantic_config__ = STRICT

    id: str
    kind: SourceKind
    publisher: str
    url: str | None = None
    title: str | None = None
    work: Work | None = None
    accessed: Date | None = None
    archived_url: str | None = None
    language: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """Title (or the cited work) for display."""
        if self.work is not None:
            return self.work.cite()
        return self.title or self.url or self.id


@record(kw_only=True)
class Disputed:
    """The other reading of a fact that sources disagree on."""

    __pydantic_config__ = STRICT

    field: str
    value: Any = None
    sources: list[str] = _field(default_factory=list)
    note: str | None = None


@record(kw_only=True)
class Party:
    """One membership spell. ``joined: null``: the party's own date is not recorded (e.g. its
    ratification date is unknown); it is treated as bound from the treaty's entry into force,
    and the party's ``note`` says why."""

    __pydantic_config__ = STRICT

    state: str
    joined: Date | None = None
    left: Date | None = None
    sources: list[str] = _field(default_factory=list)
    note: str | None = None
    disputed: list[Disputed] = _field(default_factory=list)

    def active_on(self, day: Date) -> bool:
        """Active on ``day``, assuming the treaty is in force that day."""
        if self.joined is not None and day < self.joined:
            return False
        return self.left is None or day < self.left


@record(kw_only=True)
class Suspension:
    """A duty that does not run normally in one direction (``by`` -> ``toward``) from
    ``since``: ``suspended`` (it lapsed: not bound), ``frozen`` (participation frozen:
    at most uncertain) or ``dormant`` (formally in force, unused in practice, with evidence:
    at most uncertain). ``exempt`` lists [obligated, protected] pairs it does not touch
    (the Manila Pact is dormant except between the US and Thailand)."""

    __pydantic_config__ = STRICT

    kind: Literal["suspended", "frozen", "dormant"]
    by: AllOr
    toward: AllOr
    since: Date
    until: Date | None = None
    summary: str | None = None
    sources: list[str] = _field(default_factory=list)
    exempt: list[tuple[str, str]] = _field(default_factory=list)

    def active_on(self, day: Date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def applies(self, obligated: str, protected: str) -> bool:
        by_ok = self.by == "all" or obligated in self.by
        to_ok = self.toward == "all" or protected in self.toward
        return by_ok and to_ok and (obligated, protected) not in self.exempt

    __hash__ = object.__hash__  # identity: bindings cache per record


@record(kw_only=True)
class Scope:
    """Where and to what a clause applies: the assets hit and the areas covered."""

    __pydantic_config__ = STRICT

    assets: list[Asset] = _field(default_factory=list)
    areas: list[str] = _field(default_factory=list)
    # false: a reading of the text that is arguable but not settled (coast-guard cutters
    # as "public vessels" before the US said so); a match gives at most unknown
    settled: bool = True


@record(kw_only=True)
class Unmodelled:
    """A condition the trigger model cannot evaluate (e.g. an ATOP code such as ``defcoloc``
    whose location ATOP's data do not name). The engine reports it as ``unknown``, so a
    verdict resting on it is ``uncertain``, never silently ``triggered``."""

    __pydantic_config__ = STRICT

    code: str
    text: str


@record(kw_only=True)
class Trigger:
    """What sets a clause off: the event's threshold, its scopes and the conditions on the
    attacker, the provocation and the request (docs/kb-format.md)."""

    __pydantic_config__ = STRICT

    event: Severity = Severity.armed_attack
    scope: list[Scope] = _field(
        default_factory=lambda: [Scope(assets=[Asset.territory], areas=["party_territory"])]
    )
    adversaries: list[str] | None = None
    non_state: bool | None = None
    provocation_voids: bool | None = None
    # does the clause cover an attack by another party? null: the text does not say
    co_party: bool | None = None
    # the duty arises only at the request of the attacked party (CSTO Art. 4 as amended)
    on_request: bool = False
    unmodelled: list[Unmodelled] = _field(default_factory=list)


@record(kw_only=True)
class Obligation:
    """Who owes the duty to whom, and how strong it is."""

    __pydantic_config__ = STRICT

    owed_by: AllOr = "all"
    owed_to: AllOr = "all"
    strength: Strength
    # states whose duty is aid without co-belligerence (EU Art. 42(7)'s proviso)
    aid_only: list[str] = _field(default_factory=list)


@record(kw_only=True)
class ClauseVersion:
    """The clause as amended from ``since`` (e.g. CSTO Art. 4 after the 2010 protocol):
    the fields given replace the clause's own from that day on."""

    __pydantic_config__ = STRICT

    since: Date
    text: str | None = None
    trigger: Trigger | None = None
    strength: Strength | None = None
    sources: list[str] = _field(default_factory=list)
    note: str | None = None


@record(kw_only=True)
class Clause:
    """One article of a treaty: its quoted text, its trigger, the obligation it states and
    its dated versions."""

    __pydantic_config__ = STRICT

    id: str
    article: str
    type: ClauseType
    text: str | None = None
    text_status: TextStatus = TextStatus.published
    sources: list[str] = _field(default_factory=list)
    trigger: Trigger = _field(default_factory=Trigger)
    obligation: Obligation
    note: str | None = None
    disputed: list[Disputed] = _field(default_factory=list)
    # "provisional": the text is unpublished or the coding is a provisional reading; the
    # engine then answers at most `uncertain`
    certainty: Literal["text", "provisional"] = "text"
    # how the instrument numbers its provisions (the Taiwan Relations Act has sections)
    division: Literal["article", "section"] = "article"
    versions: list[ClauseVersion] = _field(default_factory=list)
    coded_by: str | None = None  # "ATOP 4.01": coded from a data set, not curated

    @property
    def label(self) -> str:
        if self.coded_by:
            return f"{self.article} (coded by {self.coded_by})"
        word = UNNUMBERED.get(self.article.lower())
        if word is not None:
            return word
        return f"{'Sec.' if self.division == 'section' else 'Art.'} {self.article}"

    def on(self, day: Date) -> Clause:
        """The clause as in force on ``day`` (its latest version from on or before it)."""
        current = [v for v in self.versions if v.since <= day]
        if not current:
            return self
        v = max(current, key=lambda v: v.since)
        return replace(
            self,
            text=v.text if v.text is not None else self.text,
            trigger=v.trigger if v.trigger is not None else self.trigger,
            obligation=replace(self.obligation, strength=v.strength)
            if v.strength is not None
            else self.obligation,
            sources=v.sources or self.sources,
            versions=[],
        )

    __hash__ = object.__hash__  # identity: the engine caches per clause object


UNNUMBERED = {  # articles the curator could not number: say so instead of "Art. unknown"
    "unpublished": "[unpublished clause]",
    "unknown": "Art. [number unknown]",
    "unverified": "Art. [number unverified]",
    "unnumbered": "[unnumbered clause]",
}


@record(kw_only=True)
class Interpretation:
    """A dated statement by a party on how a clause reads (e.g. that it covers a sea area)."""

    __pydantic_config__ = STRICT

    id: str
    clause: str
    date: Date
    by: str
    effect: Effect
    status: StatementStatus
    summary: str
    add_scope: list[Scope] = _field(default_factory=list)
    remove_scope: list[Scope] = _field(default_factory=list)
    provocation_voids: bool | None = None
    sources: list[str] = _field(default_factory=list)


@record(kw_only=True)
class Invocation:
    """A recorded invocation of a clause (or of the treaty) and its outcome."""

    __pydantic_config__ = STRICT

    id: str
    clause: str | None = None
    date: Date | None = None
    by: str | None = None
    event: str
    outcome: Outcome
    ended: Date | None = None
    summary: str | None = None
    sources: list[str] = _field(default_factory=list)


@record(kw_only=True)
class Treaty:
    """One treaty file: dates, parties over time, clauses, suspensions, interpretations,
    invocations and the sources they rest on."""

    __pydantic_config__ = STRICT

    id: str
    name: str
    short_name: str
    kind: TreatyKind = TreatyKind.alliance
    aliases: list[str] = _field(default_factory=list)
    atop_id: int | None = None
    cow_id: int | None = None
    signed: Date | None = None
    in_force: Date | None = None
    in_force_by: Date | None = None
    ended: Date | None = None
    end_reason: str | None = None
    superseded_by: str | None = None
    last_verified: Date | None = None
    summary: str | None = None
    note: str | None = None
    sources: list[Source] = _field(default_factory=list)
    parties: list[Party] = _field(default_factory=list)
    suspensions: list[Suspension] = _field(default_factory=list)
    clauses: list[Clause] = _field(default_factory=list)
    interpretations: list[Interpretation] = _field(default_factory=list)
    invocations: list[Invocation] = _field(default_factory=list)
    disputed: list[Disputed] = _field(default_factory=list)
    # A coded treaty (the ATOP layer): who coded it ("ATOP 4.01") and the last day its
    # coding covers; after that day nothing is known about it (the engine says so).
    coded_by: str | None = None
    coverage_end: Date | None = None

    # ---- queries -------------------------------------------------------------------
    @property
    def effective_from(self) -> Date | None:
        """The first day we may treat the treaty as in force: its entry into force, or, when
        that day is unknown, the day by which sources show it was in force."""
        return self.in_force if self.in_force is not None else self.in_force_by

    @property
    def in_force_label(self) -> str:
        """The entry into force as every interface shows it: the day, or the day by which
        sources show it in force when the day itself is unknown."""
        if self.in_force is not None:
            return self.in_force.isoformat()
        if self.in_force_by is not None:
            return f"by {self.in_force_by.isoformat()} (day unknown)"
        return "not known to be in force"

    def is_in_force(self, day: Date) -> bool:
        start = self.effective_from
        if start is None or day < start:
            return False
        return self.ended is None or day < self.ended

    def members_on(self, day: Date) -> set[str]:
        """The parties bound on ``day``: active spells of states that existed that day (a
        state never appears on a date when it did not exist; see foederis.states)."""
        if not self.is_in_force(day):
            return set()
        from foederis.states import exists

        return {p.state for p in self.parties if p.active_on(day) and exists(p.state, day)}

    @property
    def curated(self) -> bool:
        return self.coded_by is None

    def states(self) -> set[str]:
        """Every state that was ever a party."""
        return {p.state for p in self.parties}

    def spells(self, state: str) -> list[Party]:
        return [p for p in self.parties if p.state == state]

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(f"{self.id} has no clause '{clause_id}'")

    def ref(self, clause: Clause) -> str:
        return f"{self.id}#{clause.id}"

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def is_defense(self) -> bool:
        return any(c.type == "defense" for c in self.clauses)

    __hash__ = object.__hash__  # identity: the engine caches per treaty object
