"""Dates written in English news text: "June 20, 2024", "27-Jun-2024", "Sept. 11, 2001",
"April, 1949", "2024-06-27", a bare year "1961".

Each mention keeps its precision (day, month or year) so that a claim dated "1961" is
compared with the knowledge base at year precision only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"

_PATTERNS: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "day"),
    (
        re.compile(
            rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b",
            re.IGNORECASE,
        ),
        "day",
    ),
    (
        re.compile(
            rf"\b(?P<d>{_DAY})(?:st|nd|rd|th)?[\s-](?:of\s+)?(?P<m>{_MONTH})\.?,?[\s-](?P<y>{_YEAR})\b",
            re.IGNORECASE,
        ),
        "day",
    ),
    (re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b"), "month"),
    (re.compile(rf"(?<![\d,.-])\b(?P<y>{_YEAR})\b(?![\d-]|,\d)"), "year"),
]

_HAS_YEAR = re.compile(r"\d{4}")
_TIME_OR_NOISE = re.compile(
    r"(?i)\b(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|[ap]\.?m\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|updated|published|posted|last|on|at|utc|gmt|[a-z]{2,4}t)\b|[\s,|:/·•-]+"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: date
    precision: Precision

    @property
    def iso(self) -> str:
        """ISO text at the mention's precision: 2001-09-11, 2024-06 or 1961."""
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"


def _month(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def find_dates(text: str) -> list[DateMention]:
    """Every date mention, most precise reading first where readings overlap."""
    found: list[DateMention] = []
    if not _HAS_YEAR.search(text):
        return found
    taken = bytearray(len(text))  # 1 where a more precise reading was found
    for pattern, precision in _PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            groups = m.groupdict()
            try:
                year = int(groups["y"])
                month = (
                    _month(groups["m"])
                    if groups.get("m") and not groups["m"].isdigit()
                    else (int(groups["m"]) if groups.get("m") else 1)
                )
                day = int(groups["d"]) if groups.get("d") else 1
                value = date(year, month, day)
            except (ValueError, KeyError):
                continue
            found.append(DateMention(m.start(), m.end(), value, precision))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    found.sort(key=lambda d: d.start)
    return found


def date_line(line: str) -> date | None:
    """The date of a line that is nothing but a date (a dateline such as
    "June 20, 2024, 6:02 AM" or "27-Jun-2024"), else None."""
    if len(line) > 60:
        return None
    for mention in find_dates(line):
        if mention.precision != "day":
            continue
        rest = line[: mention.start] + " " + line[mention.end :]
        if not _TIME_OR_NOISE.sub("", rest).strip():
            return mention.value
    return None


def parse_iso(text: str | None) -> date | None:
    """A date from ISO text (the first 10 characters of a timestamp are enough)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
