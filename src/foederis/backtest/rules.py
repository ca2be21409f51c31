"""The coding rules: one (war, alliance) pair -> honor / violate / cfna / nonagg / consul.

Follows Leeds, Long & Mitchell (2000), as revised by Berkemeier & Fuhrmann (2018): a pair
is a case of alliance performance only when the casus foederis arose; then the alliance is
honored when the obligated allies did what they promised and violated otherwise; members
fighting each other always violate it. Every other pair is not a case of performance (dna):
``cfna`` (casus foederis not met), ``nonagg`` (a non-aggression pact whose members did not
fight each other) or ``consul`` (a consultation pact).

The rules, in the order they are tried (the first that applies decides; its name is the
Coding's ``rule``):

1. ``fought-each-other``: two members fought on opposite sides -> violate (consul for a pure
   consultation pact, which promises nothing that fighting breaks).
2. ``consultation-only`` / ``nonaggression-only``: the members' own provisions (ATOP member
   level, for the phase in force) hold no defense, offense or neutrality promise -> consul or
   nonagg.
3. ``fought-together``: two or more members fought on one side, and a member holds the
   promise that side needs (defense on the attacked side, offense on the attacking side)
   with no condition the war data cannot show (location, a named conflict, a demand) ->
   honor when every member owing it fought, violate otherwise.
4. ``duty``: each promise a member owes an ally at war is invoked or not, by the member-level
   conditions: defense when the ally was an original target of the attack, offense when the
   ally started the war, neutrality when the ally fought (only when attacked, if so
   conditioned); a named adversary must be among the enemies; a number-of-attackers
   condition needs two or more attackers; a location, specific-conflict or demand condition
   is taken as not met, since the war data cannot show it. Any invoked promise unkept ->
   violate; all kept -> honor.
5. ``not-invoked``: no promise invoked -> cfna; a neutrality pact that also forbids
   aggression -> nonagg.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from foederis.backtest.inputs import Alliance, Contiguity, MemberSpell
from foederis.backtest.wars import War

Label = Callable[[int, int], str]
UNSEEN = {
    "defense": ("defcoloc", "defcocon", "defcodem"),
    "offense": ("offcoloc", "offcocon", "offcodem"),
    "neutral": ("neucoloc", "neucocon", "neucodem"),
}
# Conditions taken as met when ATOP codes the alliance as concluded during this very war
# (member-level cowwar): a promise made in the middle of a war for "the present conflict"
# refers to that war.
WARTIME_MET = ("cocon", "codem", "coloc")
CONDITION_TEXT = {
    "coloc": "a location",
    "cocon": "a specific conflict",
    "codem": "a demand",
}


class Category(StrEnum):
    honor = "honor"
    violate = "violate"
    cfna = "cfna"
    nonagg = "nonagg"
    consul = "consul"
    unclear = "unclear"  # only for engine-coded recent wars: the engine said "uncertain"

    @property
    def dna(self) -> bool:
        """Not a case of alliance performance (the codebook's dna)."""
        return self in (Category.cfna, Category.nonagg, Category.consul)


@dataclass(frozen=True, slots=True)
class Coding:
    """One coded pair. ``warnum`` is the COW war number (or a recent war's id); ``atopid``
    the ATOP alliance (None for a KB treaty, named in ``treaty``); ``rule`` the rule that
    decided; ``reasons`` the facts and conditions behind it, in the order they were used."""

    warnum: int | str
    atopid: int | None
    category: Category
    rule: str
    reasons: tuple[str, ...]
    members_in_war: tuple[int, ...] = field(default=())
    treaty: str | None = None
    event: str | None = None


@dataclass(frozen=True, slots=True)
class Duty:
    """One member owing one promise (defense, offense, neutral) to one ally in this war."""

    kind: str
    owner: int
    ally: int
    invoked: bool
    why: str


def _code_label(ccode: int, year: int) -> str:
    return f"COW {ccode}"


@dataclass
class Coder:
    """Codes (war, alliance) pairs. ``contiguity`` tells original targets from joiners;
    without it every member on the attacked side in the war's first year counts as
    attacked. ``label`` names a COW state code in the reasons."""

    contiguity: Contiguity | None = None
    label: Label = _code_label

    # -- which members and which pairs ---------------------------------------------------
    @staticmethod
    def active_members(war: War, alliance: Alliance) -> dict[int, MemberSpell]:
        """Members whose spell overlaps their own fighting (or the war, for those who did not
        fight), keyed by COW code; the first phase that overlaps."""
        out: dict[int, MemberSpell] = {}
        for m in alliance.members:
            if m.ccode in out:
                continue
            p = war.participants.get(m.ccode)
            first, last = (p.first_year, p.last_year) if p else (war.first_year, war.last_year)
            if m.overlaps(first, last):
                out[m.ccode] = m
        return out

    def candidates(
        self, wars: dict[int, War], alliances: dict[int, Alliance]
    ) -> Iterator[tuple[War, Alliance]]:
        """Every (war, alliance) in which a member fought while a member, in war order."""
        spells: dict[int, list[MemberSpell]] = {}
        for a in alliances.values():
            for m in a.members:
                spells.setdefault(m.ccode, []).append(m)
        for warnum in sorted(wars):
            war = wars[warnum]
            found = {
                m.atopid
                for c, p in war.participants.items()
                for m in spells.get(c, ())
                if m.overlaps(p.first_year, p.last_year)
            }
            for aid in sorted(found):
                yield war, alliances[aid]

    # -- facts about the war ---------------------------------------------------------------
    def _name(self, ccode: int, war: War) -> str:
        return self.label(ccode, war.first_year)

    def _names(self, codes: list[int] | frozenset[int] | set[int], war: War) -> str:
        return ", ".join(self._name(c, war) for c in sorted(codes)) or "none"

    def original_target(self, war: War, ccode: int) -> tuple[bool, str]:
        """Was this state attacked, rather than a joiner? On the side without the war's
        initiators, in the war from its first year, and bordering an initiator (land or up
        to 400 miles of water) - or, when no state of its side borders one, fighting an
        initiator directly."""
        p = war.participants[ccode]
        me = self._name(ccode, war)
        if p.initiator or p.side in war.initiating_sides():
            return False, f"{me} fought on the initiating side"
        if p.first_year != war.first_year:
            return False, f"{me} joined in {p.first_year}, after the war began in {war.first_year}"
        initiators = sorted(c for c in p.opponents if war.participants[c].initiator)
        if not initiators:
            return False, f"{me} did not fight an initiator"
        if self.contiguity is None:
            return True, f"{me} fought the initiator from the war's first year"
        year = war.first_year
        near = [i for i in initiators if self.contiguity.contiguous(ccode, i, year)]
        if near:
            return (
                True,
                f"{me} borders initiator {self._names(near, war)} and fought it from {year}",
            )
        side_near = [
            c
            for c, q in war.participants.items()
            if q.side == p.side
            and q.first_year == year
            and any(self.contiguity.contiguous(c, i, year) for i in war.initiators)
        ]
        if side_near:
            return False, (
                f"{me} does not border the initiators; {self._names(side_near, war)} did and "
                f"were attacked, so {me} joined"
            )
        return True, f"{me} was attacked by distant initiator {self._names(initiators, war)}"

    # -- promises ----------------------------------------------------------------------------
    def duties(self, war: War, alliance: Alliance, members: dict[int, MemberSpell]) -> list[Duty]:
        wartime = war.warnum in alliance.wartime_wars
        out: list[Duty] = []
        for ally in sorted(c for c in members if c in war.participants):
            attacked, why_attacked = self.original_target(war, ally)
            for owner, spell in sorted(members.items()):
                if owner == ally:
                    continue
                for kind in ("defense", "offense", "neutral"):
                    if getattr(spell, kind):
                        ok, why = self._invoked(
                            war, kind, spell, ally, attacked, why_attacked, wartime
                        )
                        out.append(Duty(kind, owner, ally, ok, why))
        return out

    def _invoked(
        self,
        war: War,
        kind: str,
        spell: MemberSpell,
        ally: int,
        attacked: bool,
        why: str,
        wartime: bool,
    ) -> tuple[bool, str]:
        p = war.participants[ally]
        me = self._name(ally, war)
        conds = spell.conditions
        prefix = kind[:3]
        if kind == "defense" and not attacked:
            return False, why
        if kind == "offense" and not p.initiator:
            return False, f"{me} did not start the war"
        if kind == "neutral" and "neucoatt" in conds and not attacked:
            return False, f"neutrality only if {me} is attacked (neucoatt); {why}"
        if f"{prefix}coadv" in conds and spell.threats:
            hit = p.opponents & set(spell.threats)
            if not hit:
                return False, (
                    f"{prefix}coadv: only against {self._names(set(spell.threats), war)}; "
                    f"{me} fought {self._names(p.opponents, war)}"
                )
        if f"{prefix}conum" in conds:
            n = sum(1 for c in p.opponents if war.participants[c].initiator)
            if n < 2:
                return False, f"{prefix}conum: needs two or more attackers; {me} faced {n}"
        unseen = self._unseen(kind, conds, wartime)
        if unseen:
            what = ", ".join(f"{c} ({CONDITION_TEXT[c[3:]]})" for c in unseen)
            return False, f"conditioned on {what}, which the war data cannot show: taken as not met"
        base = {
            "defense": why,
            "offense": f"{me} started the war",
            "neutral": f"{me} was at war" + (f"; {why}" if attacked else ""),
        }[kind]
        return True, base

    @staticmethod
    def _unseen(kind: str, conds: frozenset[str], wartime: bool) -> list[str]:
        """Conditions the war data cannot show, which therefore count as not met."""
        return [c for c in UNSEEN[kind] if c in conds and not (wartime and c[3:] in WARTIME_MET)]

    # -- the decision ------------------------------------------------------------------------
    def code(self, war: War, alliance: Alliance) -> Coding:
        members = self.active_members(war, alliance)
        fighting = sorted(c for c in members if c in war.participants)
        reasons: list[str] = [self._facts(war, alliance, members, fighting)]

        def done(cat: Category, rule: str) -> Coding:
            return Coding(war.warnum, alliance.atopid, cat, rule, tuple(reasons), tuple(fighting))

        spells = list(members.values())
        has = {
            k: any(getattr(s, k) for s in spells)
            for k in ("defense", "offense", "neutral", "nonagg")
        }
        enemies = sorted(
            (a, b)
            for a in fighting
            for b in fighting
            if a < b and b in war.participants[a].opponents
        )
        if enemies:
            pairs = "; ".join(
                f"{self._name(a, war)} against {self._name(b, war)}" for a, b in enemies
            )
            reasons.append(f"members fought each other: {pairs}")
            if any(has.values()):
                return done(Category.violate, "fought-each-other")
            reasons.append("a consultation pact promises nothing that fighting breaks")
            return done(Category.consul, "fought-each-other")
        if not (has["defense"] or has["offense"] or has["neutral"]):
            if has["nonagg"]:
                reasons.append("the members' provisions are non-aggression (and consultation) only")
                return done(Category.nonagg, "nonaggression-only")
            reasons.append("the members' provisions are consultation only")
            return done(Category.consul, "consultation-only")
        joint = self._fought_together(war, alliance, members, fighting, reasons)
        if joint is not None:
            return done(joint, "fought-together")
        duties = self.duties(war, alliance, members)
        invoked = [d for d in duties if d.invoked]
        if not invoked:
            seen: set[tuple[str, str]] = set()
            for d in duties:
                key = (d.kind, d.why)
                if key not in seen:
                    seen.add(key)
                    reasons.append(f"{d.kind} not invoked: {d.why}")
            if not has["defense"] and not has["offense"] and has["nonagg"]:
                reasons.append(
                    "a neutrality and non-aggression pact whose members did not fight each other"
                )
                return done(Category.nonagg, "not-invoked")
            return done(Category.cfna, "not-invoked")
        broken = False
        for d in invoked:
            side = war.participants[d.ally].side
            q = war.participants.get(d.owner)
            owner, ally = self._name(d.owner, war), self._name(d.ally, war)
            if d.kind == "neutral":
                kept = q is None or q.side == side
                did = "stayed out" if q is None else "fought beside it"
            else:
                kept = q is not None and q.side == side
                did = "fought beside it" if kept else "did not fight beside it"
            broken = broken or not kept
            reasons.append(
                f"{d.kind} owed by {owner} to {ally} invoked ({d.why}); {owner} {did}: "
                + ("kept" if kept else "broken")
            )
        return done(Category.violate if broken else Category.honor, "duty")

    def _fought_together(
        self,
        war: War,
        alliance: Alliance,
        members: dict[int, MemberSpell],
        fighting: list[int],
        reasons: list[str],
    ) -> Category | None:
        if len(fighting) < 2:
            return None
        side = war.participants[fighting[0]].side
        kind = "offense" if side in war.initiating_sides() else "defense"
        prefix = kind[:3]
        owing = {c: s for c, s in members.items() if getattr(s, kind)}
        if not owing:
            return None
        wartime = war.warnum in alliance.wartime_wars
        if any(self._unseen(kind, s.conditions, wartime) for s in owing.values()):
            return None
        enemies = frozenset().union(*(war.participants[c].opponents for c in fighting))
        for s in owing.values():
            if f"{prefix}coadv" in s.conditions and s.threats and not enemies & set(s.threats):
                return None
        names = self._names(fighting, war)
        where = "attacking" if kind == "offense" else "attacked"
        absent = sorted(c for c in owing if c not in war.participants)
        if absent:
            reasons.append(
                f"{names} fought together on the {where} side, which the {kind} promise covers; "
                f"{self._names(absent, war)}, also bound, did not fight"
            )
            return Category.violate
        reasons.append(
            f"{names} fought together on the {where} side, as the {kind} promise requires"
        )
        return Category.honor

    def _facts(
        self, war: War, alliance: Alliance, members: dict[int, MemberSpell], fighting: list[int]
    ) -> str:
        parts = []
        for c in fighting:
            p = war.participants[c]
            role = "initiator, " if p.initiator else ""
            parts.append(
                f"{self._name(c, war)} ({role}side {p.side}, {p.first_year}-{p.last_year})"
            )
        out = [c for c in members if c not in war.participants]
        text = f"war {war.warnum} ({war.first_year}-{war.last_year}); members at war: " + "; ".join(
            parts
        )
        if out:
            text += f"; members not at war: {self._names(out, war)}"
        provisions = "/".join(alliance.provisions()) or "none"
        end = alliance.end.isoformat() if alliance.end else "open"
        span = alliance.span or f"{alliance.begin.isoformat()} to {end}"
        text += f"; ATOP {alliance.atopid} ({span}): {provisions}"
        conds = sorted({c for s in members.values() for c in s.conditions})
        if conds:
            text += f"; member conditions: {', '.join(conds)}"
        return text
