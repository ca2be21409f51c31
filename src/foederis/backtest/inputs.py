"""The backtest's view of its inputs: ATOP 4.01 alliances with member-level conditions (read
by the project's ATOP reader, :mod:`foederis.atop.read`, and adapted here), COW direct
contiguity, and the shared CSV helpers the war and expert readers use.

Bad files are reported as ``file:line: field: message`` with a hint, never a traceback. The
files are small (a few thousand rows), so the standard ``csv`` module is enough.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from foederis.errors import FoederisError

MEMBER_FILE = "atop4_01_member.csv"
ALLIANCE_FILE = "atop4_01_alliance.csv"
MAX_BYTES = 50 * 1024 * 1024
PROVISIONS = ("defense", "offense", "neutral", "nonagg", "consul")
# Member-level conditions (ATOP codebook): the duty applies only against a specific
# adversary (coadv), in a location (coloc), in a specific conflict (cocon), against a number
# of attackers (conum), on a demand (codem), if the ally did not provoke (conpr); neucoatt:
# neutrality only if the ally is attacked.
CONDITIONS = (
    "defcoadv",
    "defcoloc",
    "defcocon",
    "defconum",
    "defcodem",
    "defconpr",
    "offcoadv",
    "offcoloc",
    "offcocon",
    "offconum",
    "offcodem",
    "neucoadv",
    "neucoloc",
    "neucocon",
    "neuconum",
    "neucodem",
    "neuconpr",
    "neucoatt",
    "asymm",
)


class BacktestInputError(FoederisError):
    """An input file of the backtest is missing or malformed."""

    def __init__(
        self, path: Path | str, line: int | None, field_: str, message: str, hint: str
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field_}: {message}", hint)
        self.path = str(path)
        self.line = line
        self.field = field_


@dataclass(frozen=True, slots=True)
class MemberSpell:
    """One member of one alliance in one phase, with its own obligations and conditions."""

    atopid: int
    ccode: int
    phase: int
    entry: date
    exit: date | None  # None: still in effect when ATOP 4.01 ends
    defense: bool
    offense: bool
    neutral: bool
    nonagg: bool
    consul: bool
    conditions: frozenset[str]
    threats: tuple[int, ...]  # COW codes named as the specific threat (statthr1/2)
    wartime_war: int | None = None  # COW war during which it was concluded (cowwar)

    def covers(self, year: int) -> bool:
        return self.entry.year <= year and (self.exit is None or year <= self.exit.year)

    def overlaps(self, first: int, last: int) -> bool:
        return self.entry.year <= last and (self.exit is None or first <= self.exit.year)


@dataclass(frozen=True, slots=True)
class Alliance:
    atopid: int
    begin: date
    end: date | None
    defense: bool
    offense: bool
    neutral: bool
    nonagg: bool
    consul: bool
    members: tuple[MemberSpell, ...] = field(default=(), kw_only=True)
    # the dates as ATOP gives them (a month or year alone where the day is not coded)
    span: str = field(default="", kw_only=True)

    @property
    def wartime_wars(self) -> frozenset[int]:
        """COW wars during which ATOP says the alliance was concluded."""
        return frozenset(m.wartime_war for m in self.members if m.wartime_war)

    @property
    def ccodes(self) -> frozenset[int]:
        return frozenset(m.ccode for m in self.members)

    def provisions(self) -> list[str]:
        return [p for p in PROVISIONS if getattr(self, p)]


def _open_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise BacktestInputError(path, None, "file", "not found", "pass the right path")
    if path.stat().st_size > MAX_BYTES:
        raise BacktestInputError(path, None, "file", "larger than 50 MB", "is this the right file?")
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise BacktestInputError(
                    path,
                    1,
                    missing[0],
                    "column missing from the header",
                    f"expected columns {', '.join(required)}",
                )
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise BacktestInputError(
            path, None, "file", f"not UTF-8 text ({exc.reason})", "pass the CSV file"
        ) from None
    except csv.Error as exc:
        raise BacktestInputError(path, None, "file", f"not a CSV file ({exc})", "") from None


def _flag(path: Path, line: int, row: dict[str, str], name: str) -> bool:
    """A 0/1 ATOP flag (empty counts as 0)."""
    text = row.get(name) or ""
    if text in ("0", ""):
        return False
    if text == "1":
        return True
    return _int(path, line, row, name, 0) == 1


def _int(path: Path, line: int, row: dict[str, str], name: str, default: int | None = None) -> int:
    text = (row.get(name) or "").strip()
    if text.isdigit():
        return int(text)
    if not text:
        if default is not None:
            return default
        raise BacktestInputError(path, line, name, "empty", "every row needs this value")
    try:
        return int(float(text))
    except ValueError:
        raise BacktestInputError(
            path, line, name, f"not a number: {text!r}", "use an integer"
        ) from None


def _date(
    path: Path, line: int, row: dict[str, str], prefix: str, names: tuple[str, str, str]
) -> date | None:
    year = _int(path, line, row, names[0], 0)
    if year == 0:
        return None
    month = _int(path, line, row, names[1], 0) or 1
    day = _int(path, line, row, names[2], 0) or 1
    try:
        return date(year, month, day)
    except ValueError:
        raise BacktestInputError(
            path, line, prefix, f"not a date: {year}-{month}-{day}", "check year, month and day"
        ) from None


def read_atop(directory: Path | str) -> dict[int, Alliance]:
    """Alliances of ATOP 4.01 keyed by atopid, each with its member spells, as the coding
    rules see them. Reading and checking the files is the project's ATOP reader's job
    (:mod:`foederis.atop.read`); this only adapts its rows."""
    from foederis.atop.read import read_atop as read_files

    data = read_files(Path(directory))
    spells: dict[int, list[MemberSpell]] = {}
    for m in data.members:
        codes = m.codes
        spells.setdefault(m.atopid, []).append(
            MemberSpell(
                m.atopid,
                m.member,
                m.phase,
                m.entry.first(),
                m.exit.last() if m.exit else None,
                m.defense,
                m.offense,
                m.neutral,
                m.nonagg,
                m.consul,
                conditions=frozenset(c for c in CONDITIONS if codes.get(c) == 1),
                threats=m.statthr,
                wartime_war=codes.get("cowwar") or None,
            )
        )
    return {
        aid: Alliance(
            aid,
            a.begin.first(),
            a.end.last() if a.end else None,
            a.defense,
            a.offense,
            a.neutral,
            a.nonagg,
            a.consul,
            members=tuple(spells.get(aid, ())),
            span=f"{a.begin} to {a.end if a.end else 'open'}",
        )
        for aid, a in data.alliances.items()
    }


@dataclass(frozen=True, slots=True)
class Contiguity:
    """COW direct contiguity: which states border each other (land or up to 400 miles of
    water) in a year. Used to tell a war's original targets from states that joined it."""

    spells: dict[tuple[int, int], tuple[tuple[int, int, int], ...]]

    def contiguous(self, a: int, b: int, year: int) -> bool:
        return any(y0 <= year <= y1 for _, y0, y1 in self.spells.get((a, b), ()))

    def kind(self, a: int, b: int, year: int) -> int | None:
        kinds = [t for t, y0, y1 in self.spells.get((a, b), ()) if y0 <= year <= y1]
        return min(kinds) if kinds else None


def read_contiguity(path: Path | str) -> Contiguity:
    cpath = Path(path)
    spells: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for line, row in _open_rows(cpath, ("ccode1", "ccode2", "conttype", "stdate", "enddate")):
        a = _int(cpath, line, row, "ccode1")
        b = _int(cpath, line, row, "ccode2")
        kind = _int(cpath, line, row, "conttype")
        years = []
        for name in ("stdate", "enddate"):
            text = (row.get(name) or "").strip()
            if len(text) < 4 or not text[:4].isdigit():
                raise BacktestInputError(
                    cpath, line, name, f"not a date: {text!r}", "write YYYY-MM-DD"
                )
            years.append(int(text[:4]))
        for key in ((a, b), (b, a)):
            spells.setdefault(key, []).append((kind, years[0], years[1]))
    return Contiguity({k: tuple(v) for k, v in spells.items()})
