"""Closed vocabularies of the treaty format and the engine (see docs/kb-format.md)."""

from __future__ import annotations

from enum import StrEnum


class TreatyKind(StrEnum):
    alliance = "alliance"
    organization = "organization"
    strategic_partnership = "strategic_partnership"
    policy = "policy"


class SourceKind(StrEnum):
    """What a source is (docs/kb-format.md, "Sources"); the grade a reader sees follows it."""

    treaty_text = "treaty_text"  # the text itself, as published by a party or a collection
    depositary = "depositary"  # the depositary's record: signatures, ratifications, notices
    government = "government"  # a government ministry, head of state, embassy, agency
    intergovernmental = "intergovernmental"  # NATO, OAS, UN, AU ... on their own activity
    parliament = "parliament"  # parliamentary records, reports, committee papers
    court = "court"  # judgments and court records
    official_gazette = "official_gazette"  # official gazettes and statute/treaty series
    research_data = "research_data"  # research data sets (ATOP, COW, PA-X)
    scholarly = "scholarly"  # scholarly books, articles, treaty collections
    wire_service = "wire_service"  # news agencies (AP, Reuters, AFP, TASS, Yonhap ...)
    newspaper = "newspaper"  # newspapers, broadcasters and news sites
    reference = "reference"  # encyclopedias and other reference works (incl. Wikipedia)
    other = "other"  # anything else (think twice)


class TextStatus(StrEnum):
    """Whether an official text of a clause was ever published."""

    published = "published"  # the quote rests on an official or scholarly-collection text
    unpublished = "unpublished"  # no official text was published: content known from reports


class ClauseType(StrEnum):
    defense = "defense"
    offense = "offense"
    neutrality = "neutrality"
    non_aggression = "non_aggression"
    consultation = "consultation"
    policy = "policy"


class Severity(StrEnum):
    """Ordered from least to most severe; see SEVERITY_RANK."""

    imminent_threat = "imminent_threat"
    gray_zone = "gray_zone"
    armed_attack = "armed_attack"
    invasion = "invasion"


SEVERITY_RANK: dict[Severity, int] = {s: i for i, s in enumerate(Severity)}

SEVERITY_TEXT: dict[Severity, str] = {
    Severity.imminent_threat: "an imminent threat",
    Severity.gray_zone: "gray-zone coercion (e.g. water cannon, ramming)",
    Severity.armed_attack: "an armed attack",
    Severity.invasion: "an invasion that puts the victim in a state of war",
}


class Strength(StrEnum):
    """Ordered from strongest to weakest; see STRENGTH_RANK."""

    automatic = "automatic"
    all_means = "all_means"
    deems_necessary = "deems_necessary"
    constitutional = "constitutional"
    military_support = "military_support"
    consult = "consult"
    non_assistance = "non_assistance"
    none = "none"


STRENGTH_RANK: dict[Strength, int] = {s: i for i, s in enumerate(Strength)}

STRENGTH_TEXT: dict[Strength, str] = {
    Strength.automatic: "immediate military assistance by all means",
    Strength.all_means: "aid and assistance by all the means in its power",
    Strength.deems_necessary: "such action as it deems necessary, including armed force",
    Strength.constitutional: "act to meet the common danger per its constitutional processes",
    Strength.military_support: (
        "active military support, as ATOP codes a defense obligation (the article's own "
        "wording is not curated)"
    ),
    Strength.consult: "consult with the other parties",
    Strength.non_assistance: "refrain from aiding the attacker",
    Strength.none: "no legal duty to act",
}


class Asset(StrEnum):
    territory = "territory"
    armed_forces = "armed_forces"
    public_vessel = "public_vessel"
    coast_guard = "coast_guard"
    aircraft = "aircraft"
    civilians = "civilians"


class Initiator(StrEnum):
    attacker = "attacker"
    target = "target"
    unknown = "unknown"


class Outcome(StrEnum):
    honored = "honored"
    not_honored = "not_honored"
    partial = "partial"
    pending = "pending"
    not_invoked = "not_invoked"


class Effect(StrEnum):
    widen = "widen"
    narrow = "narrow"
    affirm = "affirm"


class StatementStatus(StrEnum):
    official = "official"
    reported = "reported"
    disputed = "disputed"


class Status(StrEnum):
    triggered = "triggered"
    uncertain = "uncertain"
    consultation = "consultation"
    not_triggered = "not_triggered"


class Verdict(StrEnum):
    """Outcome of one condition."""

    met = "met"
    failed = "failed"
    unknown = "unknown"


class ClaimStatus(StrEnum):
    """How a claim from the news compares with the knowledge base on the article's date."""

    confirmed = "confirmed"
    conflict = "conflict"
    stale = "stale"
    new = "new"
    disputed = "disputed"  # sources disagree and the KB records both readings
    unverifiable = "unverifiable"
