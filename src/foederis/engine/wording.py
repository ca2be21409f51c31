"""wording: the only place where findings become English.

``say(finding)`` looks up the sentence for ``(condition, key)`` and fills it from the
finding's facts. Nothing else in the engine writes prose, and nothing reads prose back:
interfaces group and filter by ``Finding.facts``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from foederis import states
from foederis.model.enums import SEVERITY_TEXT, Severity

from .results import Finding

F = dict[str, Any]


@lru_cache(maxsize=4_096)
def name(code: str | None) -> str:
    if code is None:
        return "nobody"
    return states.get(code).name if states.is_known(code) else code


def names(codes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(name(c) for c in codes)


def day(d: date | None) -> str:
    return d.isoformat() if d else "an unknown date"


def spells(f: F) -> str:
    parts = [
        f"joined {j or 'at entry into force'}" + (f", left {left}" if left else "")
        for j, left in f.get("spells", ())
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def _asset(f: F) -> str:
    """The attacked asset as words (``public_vessel`` -> ``public vessel``)."""
    return str(f["asset"]).replace("_", " ")


def _via(f: F) -> str:
    if f.get("via_by") is None:
        return ""
    return f" ({f['via_status']} {name(f['via_by'])} statement of {f['via_date']})"


def _in_force_by(f: F) -> str:
    return (
        f"{f['treaty']} was in force by {f['in_force_by']} (the exact day it entered into "
        "force is unknown)"
    )


CONTESTED = {
    Severity.gray_zone.value: "whether gray-zone coercion amounts to an armed attack is contested",
    Severity.armed_attack.value: "whether an armed attack short of invasion meets it is "
    "not settled",
    Severity.imminent_threat.value: "whether a threat short of coercion meets it is not settled",
}

SUSPENSION = {
    "suspended": lambda f: (
        f"{name(f['state'])}'s obligations toward {name(f['toward'])} are suspended since "
        f"{f['since']}"
    ),
    "frozen": lambda f: (
        f"participation is frozen since {f['since']}: "
        f"{f['summary'] or 'the party does not take part'}"
    ),
    "dormant": lambda f: (
        f"the treaty is dormant between {name(f['state'])} and {name(f['toward'])} since "
        f"{f['since']}: {f['summary'] or 'it is in force but unused in practice'}"
    ),
}

SENTENCES: dict[tuple[str, str], Callable[[F], str]] = {
    ("in_force", "ended"): lambda f: (
        f"{f['treaty']} ended on {f['ended']}"
        + (f": {f['end_reason']}" if f.get("end_reason") else "")
    ),
    ("in_force", "in_force"): lambda f: (
        f"{f['treaty']} is in force on {f['day']} (since {f['since']})"
    ),
    ("in_force", "not_yet"): lambda f: (
        f"{f['treaty']} is not yet in force on {f['day']} ("
        + (f"signed {f['signed']}, " if f.get("signed") else "")
        + f"in force from {f['since']})"
    ),
    ("in_force", "in_force_by"): _in_force_by,
    ("in_force", "in_force_unknown"): lambda f: (
        f"{f['treaty']} was signed {day(f['signed'])} and in force by {f['in_force_by']}; "
        f"whether it was in force on {f['day']} is unknown"
    ),
    ("in_force", "never"): lambda f: (
        f"{f['treaty']} was signed {day(f['signed'])} but is not known to have entered into force"
    ),
    ("protected", "party"): lambda f: f"{name(f['state'])} is a party on {f['day']}",
    ("protected", "party_disputed"): lambda f: (
        f"whether {name(f['state'])} is a party on {f['day']} is disputed: {f['note']}"
    ),
    ("protected", "not_party_disputed"): lambda f: (
        f"the records say {name(f['state'])} is not a party on {f['day']}, but that is "
        f"disputed: {f['note']}"
    ),
    ("protected", "not_party"): lambda f: (
        f"{name(f['state'])} is not a party on {f['day']}{spells(f)}"
    ),
    ("membership", "named"): lambda f: (
        f"{name(f['state'])} is the obligated state named in the text"
    ),
    ("membership", "party"): lambda f: f"{name(f['state'])} is a party on {f['day']}",
    ("membership", "party_disputed"): lambda f: (
        f"whether {name(f['state'])} is a party on {f['day']} is disputed: {f['note']}"
    ),
    ("membership", "not_party_disputed"): lambda f: (
        f"the records say {name(f['state'])} is not a party on {f['day']}, but that is "
        f"disputed: {f['note']}"
    ),
    ("membership", "not_party"): lambda f: (
        f"{name(f['state'])} is not a party on {f['day']}{spells(f)}"
    ),
    **{("suspension", k): v for k, v in SUSPENSION.items()},
    ("obligation", "policy"): lambda f: (
        f"{f['clause']} states a policy, not a legal obligation to defend {name(f['state'])}"
    ),
    ("certainty", "provisional"): lambda f: (
        f"{f['clause']}: "
        + ("the coding" if f["text_published"] else "the text is unpublished, so its coding")
        + " is a provisional reading, not the treaty's words"
    ),
    ("event", "meets"): lambda f: (
        f"{SEVERITY_TEXT[Severity(f['severity'])]} meets the threshold of {f['clause']} "
        f"({SEVERITY_TEXT[Severity(f['threshold'])]})"
    ),
    ("event", "contested"): lambda f: (
        f"{f['clause']} requires {SEVERITY_TEXT[Severity(f['threshold'])]}; "
        f"{CONTESTED[f['severity']]}"
    ),
    ("event", "short"): lambda f: (
        f"{f['clause']} requires {SEVERITY_TEXT[Severity(f['threshold'])]}; "
        f"{SEVERITY_TEXT[Severity(f['severity'])]} falls short"
    ),
    ("scope", "covered"): lambda f: (
        f"an attack on {_asset(f)} in {f['place_name']} is covered "
        f"({f['area_name']}"
        + (f", per the {name(f['via_by'])} statement of {f['via_date']}" if f.get("via_by") else "")
        + ")"
    ),
    ("scope", "covered_weak"): lambda f: (
        f"an attack on {_asset(f)} in {f['place_name']} is covered only "
        f"on a {f['via_status']} reading ({f['area_name']}{_via(f)}), which cannot settle it"
    ),
    ("scope", "covered_unsettled"): lambda f: (
        f"whether {f['clause']} covers an attack on {_asset(f)} in "
        f"{f['place_name']} ({f['area_name']}) is arguable from the text but not settled"
    ),
    ("scope", "partly"): lambda f: (
        f"{f['place_name']} lies only partly in {f['area_name']}: coverage is not settled"
    ),
    ("scope", "disputed_holder"): lambda f: (
        f"the verdict turns on a disputed holder: {f['place_name']} is held by "
        f"{name(f['holder'])}, and its sovereignty is disputed by {names(f['disputed_by'])}"
    ),
    ("scope", "claimed_not_held"): lambda f: (
        f"the verdict turns on a disputed claim: {f['place_name']} is claimed by "
        f"{name(f['claimant'])} but held by "
        f"{name(f['holder']) if f['holder'] else 'no single state'} on the day "
        f"(claimants: {names(f['disputed_by'])})"
    ),
    ("scope", "narrowed_weak"): lambda f: (
        f"{f['place_name']} lies in {f['area_name']}, but a {name(f['via_by'])} statement "
        f"of {f['via_date']} reportedly excludes it"
    ),
    ("scope", "asset_not_covered"): lambda f: (
        f"{f['clause']} does not cover attacks on {_asset(f)}"
    ),
    ("scope", "outside"): lambda f: (
        f"{f['place_name']} is outside the area {f['clause']} covers ({'; '.join(f['areas'])})"
    ),
    ("request", "requested"): lambda f: (
        f"{f['clause']} obliges aid at the request of {name(f['state'])}, and "
        f"{name(f['state'])} requested it on {f['date']}"
    ),
    ("request", "no_request"): lambda f: (
        f"{f['clause']} obliges aid only at the request of {name(f['state'])}; no request "
        f"is recorded by {f['day']}"
    ),
    ("adversary", "named"): lambda f: f"the clause names {names(f['states'])} as the adversary",
    ("adversary", "others_only"): lambda f: (
        f"the clause covers attacks by {names(f['states'])} only"
    ),
    ("co_party", "covered"): lambda f: (
        f"the attacker ({names(f['states'])}) is itself a party, and {f['clause']} covers "
        "an attack by any state, parties included"
    ),
    ("co_party", "excluded"): lambda f: (
        f"the attacker ({names(f['states'])}) is itself a party, and {f['clause']} does not "
        "cover attacks between parties"
    ),
    ("co_party", "silent"): lambda f: (
        f"the attacker ({names(f['states'])}) is itself a party; the treaty does not say "
        "how it applies between its own members"
    ),
    ("non_state", "covered"): lambda f: f"an attack by {f['actor']} counts under {f['clause']}",
    ("non_state", "states_only"): lambda f: f"{f['clause']} covers attacks by states only",
    ("non_state", "untested"): lambda f: (
        f"whether an attack by a non-state actor ({f['actor']}) counts under {f['clause']} "
        "is untested"
    ),
    ("provocation", "attacker_started"): lambda f: (
        f"the attacker started the fighting, not {name(f['state'])}"
    ),
    ("provocation", "applies_anyway"): lambda f: (
        f"{f['clause']} applies whoever started the fighting{_via(f)}"
    ),
    ("provocation", "target_started_voids"): lambda f: (
        f"{name(f['state'])} started the fighting, and the obligation does not cover a war "
        f"the protected party began{_via(f)}"
    ),
    ("provocation", "target_started_silent"): lambda f: (
        f"{name(f['state'])} started the fighting; the treaty is silent on whether that "
        "voids the obligation"
    ),
    ("provocation", "target_started_weak"): lambda f: (
        f"{name(f['state'])} started the fighting; only a {f['via_status']} reading "
        f"{_via(f)} says that voids the obligation, which cannot settle it"
    ),
    ("provocation", "unknown_voids"): lambda f: (
        "who started the fighting is unknown, and the obligation does not cover a war "
        f"{name(f['state'])} began{_via(f)}"
    ),
    ("provocation", "unknown_weak"): lambda f: (
        "who started the fighting is unknown; a "
        f"{f['via_status']} reading{_via(f)} would make the obligation depend on it"
    ),
    ("provocation", "unknown_started"): lambda f: (
        f"who started the fighting is unknown; if {name(f['state'])} started it, this attack "
        "may be the other side's self-defence, which is not an armed attack"
    ),
}


PROVENANCE: dict[tuple[str, str], Callable[[F], str]] = {
    ("provenance", "coded"): lambda f: (
        f"{f['treaty']} is coded by {f['coded_by']} from its member-level data (not "
        "curated; the ATOP codebook defines the codes)"
    ),
    ("provenance", "coded_past_data"): lambda f: (
        f"{f['treaty']} is coded by {f['coded_by']} (not curated), whose data end on "
        f"{f['coverage_end']}; whether it still binds on {f['day']} is not recorded"
    ),
}
SENTENCES.update(PROVENANCE)


@lru_cache(maxsize=65_536)
def say(f: Finding) -> str:
    """The English sentence for one finding."""
    if f.key == "unmodelled":
        return str(dict(f.facts)["text"])
    return SENTENCES[(f.condition, f.key)](dict(f.facts))
