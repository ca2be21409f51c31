"""Grades of sources: the badge a reader sees, the order sources are listed in (official
first), and which kinds may carry which facts. One place for all of it; the validator,
the report, the CLI, the web pages and the JSON all use these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from foederis.model.enums import SourceKind as K
from foederis.model.treaty import Source
from foederis.sources.registry import Citable, registry

BADGE: dict[K, str] = {
    K.treaty_text: "official text",
    K.depositary: "depositary",
    K.government: "government",
    K.intergovernmental: "intergovernmental",
    K.parliament: "parliament",
    K.court: "court",
    K.official_gazette: "official gazette",
    K.research_data: "data set",
    K.scholarly: "scholarly",
    K.wire_service: "press",
    K.newspaper: "press",
    K.reference: "reference",
    K.other: "other",
}

# listing order: official texts and records first, then official documents, scholarship, press
RANK: dict[K, int] = {
    K.treaty_text: 0,
    K.depositary: 1,
    K.official_gazette: 2,
    K.government: 3,
    K.intergovernmental: 3,
    K.parliament: 4,
    K.court: 4,
    K.scholarly: 5,
    K.research_data: 5,
    K.wire_service: 6,
    K.newspaper: 7,
    K.reference: 8,
    K.other: 9,
}

# official or primary: the document itself or a record by an official body
PRIMARY_KINDS = frozenset(
    {
        K.treaty_text,
        K.depositary,
        K.government,
        K.intergovernmental,
        K.parliament,
        K.court,
        K.official_gazette,
    }
)
# a quoted clause text must rest on one of these (or the clause says no text was published)
TEXT_KINDS = frozenset(
    {
        K.treaty_text,
        K.depositary,
        K.government,
        K.intergovernmental,
        K.parliament,
        K.official_gazette,
        K.scholarly,
    }
)
# party dates (joined/left) want a depositary record or an official one
PARTY_DATE_KINDS = frozenset(
    {
        K.depositary,
        K.government,
        K.intergovernmental,
        K.parliament,
        K.official_gazette,
        K.treaty_text,
    }
)


def state_media(src: Source) -> str | None:
    """ISO3 of the government whose outlet this is (per the registry), else None."""
    if src.url is None:
        return None
    entry = registry().lookup(src.url)
    return entry.state_media if isinstance(entry, Citable) else None


def badge(src: Source) -> str:
    sm = state_media(src)
    return f"state media ({sm})" if sm else BADGE[src.kind]


def is_primary(src: Source) -> bool:
    return src.kind in PRIMARY_KINDS


def ordered(sources: Iterable[Source]) -> list[Source]:
    """Official first; the file's order among equals."""
    return sorted(sources, key=lambda s: RANK[s.kind])


def source_json(src: Source) -> dict[str, Any]:
    """One source as JSON: what it is (kind, badge), who published it, where to find it."""
    return {
        "id": src.id,
        "kind": src.kind.value,
        "badge": badge(src),
        "publisher": src.publisher,
        "title": src.title,
        "label": src.label,
        "url": src.url,
        "work": None
        if src.work is None
        else {
            "author": src.work.author,
            "title": src.work.title,
            "publisher": src.work.publisher,
            "year": src.work.year,
            "volume": src.work.volume,
            "pages": src.work.pages,
            "citation": src.work.cite(),
        },
        "state_media": state_media(src),
        "accessed": src.accessed.isoformat() if src.accessed else None,
        "archived_url": src.archived_url,
        "note": src.note,
    }
