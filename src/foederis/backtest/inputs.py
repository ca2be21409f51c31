"""Read the backtest's inputs: ATOP 4.01 alliances with member-level conditions, and the COW
inter-state war file (directed dyad-years).

A minimal typed reader used until the project-wide ATOP reader lands; it keeps only the
fields the coding rules need and reports a bad file as ``file:line: field: message`` with a
hint, never a traceback. Both files are read with the standard ``csv`` module: they are
small (a few thousand rows), so no data-frame library is needed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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


def _provisions(path: Path, line: int, row: dict[str, str]) -> tuple[bool, bool, bool, bool, bool]:
    d, o, n, na, c = (_flag(path, line, row, p) for p in PROVISIONS)
    return d, o, n, na, c


def read_atop(directory: Path | str) -> dict[int, Alliance]:
    """Alliances of ATOP 4.01 keyed by atopid, each with its member spells."""
    root = Path(directory)
    if not root.is_dir():
        raise BacktestInputError(
            root, None, "--atop", "not a directory", f"pass the folder holding {MEMBER_FILE}"
        )
    apath = root / ALLIANCE_FILE
    alliances: dict[int, Alliance] = {}
    for line, row in _open_rows(apath, ("atopid", "begyr", "endyr", *PROVISIONS)):
        aid = _int(apath, line, row, "atopid")
        begin = _date(apath, line, row, "begyr", ("begyr", "begmo", "begday"))
        if begin is None:
            raise BacktestInputError(apath, line, "begyr", "empty", "every alliance has a start")
        alliances[aid] = Alliance(
            aid,
            begin,
            _date(apath, line, row, "endyr", ("endyr", "endmo", "endday")),
            *_provisions(apath, line, row),
        )
    mpath = root / MEMBER_FILE
    spells: dict[int, list[MemberSpell]] = {}
    required = ("atopid", "member", "yrent", "yrexit", "phase", *PROVISIONS, *CONDITIONS)
    for line, row in _open_rows(mpath, required):
        aid = _int(mpath, line, row, "atopid")
        if aid not in alliances:
            raise BacktestInputError(
                mpath, line, "atopid", f"{aid} is not in {ALLIANCE_FILE}", "use matching files"
            )
        entry = _date(mpath, line, row, "yrent", ("yrent", "moent", "dayent"))
        if entry is None:
            raise BacktestInputError(mpath, line, "yrent", "empty", "every member has an entry")
        threats = tuple(
            t for t in (_int(mpath, line, row, n, 0) for n in ("statthr1", "statthr2")) if t > 0
        )
        spells.setdefault(aid, []).append(
            MemberSpell(
                aid,
                _int(mpath, line, row, "member"),
                _int(mpath, line, row, "phase", 0),
                entry,
                _date(mpath, line, row, "yrexit", ("yrexit", "moexit", "dayexit")),
                *_provisions(mpath, line, row),
                conditions=frozenset(c for c in CONDITIONS if _flag(mpath, line, row, c)),
                threats=threats,
                wartime_war=_int(mpath, line, row, "cowwar", 0) or None,
            )
        )
    for aid, members in spells.items():
        a = alliances[aid]
        alliances[aid] = replace(a, members=tuple(members))
    return alliances


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
