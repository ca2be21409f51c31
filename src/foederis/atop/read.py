"""Typed readers for the ATOP files: alliance level, member level, directed dyad-years.

The user downloads the files from atopdata.org and passes their folder; foederis never
ships them. Variable names follow the ATOP codebook (v4.01).

>>> from foederis.atop.read import read_atop          # doctest: +SKIP
>>> atop = read_atop(Path("../shared/data/atop"))     # doctest: +SKIP
>>> atop.alliances[1005].members                      # COW codes  # doctest: +SKIP
(200, 210, 220, 240, 245, 300)
>>> [m for m in atop.members if m.atopid == 3180][0].defcoadv   # doctest: +SKIP

API:

* :func:`read_atop` (folder) -> :class:`AtopData`: ``alliances`` (atopid -> :class:`Alliance`)
  and ``members`` (list of :class:`Member`, one per alliance x member x phase);
  :func:`read_alliances`, :func:`read_members` read one file each.
* :func:`read_dyad_years` (the 5.1 ``atop5_1_ddyr.csv``) -> :class:`DyadYears`, columns as
  tuples of ints (``ccode1``, ``ccode2``, ``year``, ``atop_defense`` ...).
* :class:`PartialDate`: ATOP dates may lack a day (or, rarely, a month); ``first()`` and
  ``last()`` give the first and last day it can mean, ``precision`` says which it is.
* :class:`Member` has the member-level condition codes (``defcoadv`` specific adversary,
  ``defcoloc`` location, ``defcocon`` specific conflict, ``defconum`` number of
  adversaries, ``defcodem`` non-compliance with demands, ``defconpr`` non-provocation) and
  ``asymm`` / ``obvary``; ``codes`` holds every integer-coded variable of the row by its
  codebook name (``None`` where the file leaves it blank).

Bad files raise :class:`AtopFileError` naming the file, line and field, with a hint.
"""

from __future__ import annotations

import calendar
import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from foederis.errors import FoederisError, display_path

__all__ = [
    "ALLIANCE_FILE",
    "ATOP4_LAST_DAY",
    "DDYR_FILE",
    "MEMBER_FILE",
    "Alliance",
    "AtopData",
    "AtopFileError",
    "DyadYears",
    "Member",
    "PartialDate",
    "read_alliances",
    "read_atop",
    "read_dyad_years",
    "read_members",
]

ALLIANCE_FILE = "atop4_01_alliance.csv"
MEMBER_FILE = "atop4_01_member.csv"
DDYR_FILE = "atop5_1_ddyr.csv"
# ATOP 4.01 codes alliances through 2016 (members still in are coded with exit 0).
ATOP4_LAST_DAY = date(2016, 12, 31)
MAX_FILE_BYTES = 200 * 1024 * 1024

PROVISIONS = ("defense", "offense", "neutral", "nonagg", "consul")
DEFENSE_CONDITIONS = ("defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr")


class AtopFileError(FoederisError):
    """An ATOP file is missing or malformed; the message names file, line and field."""

    def __init__(self, path: Path, line: int | None, field_name: str, message: str) -> None:
        where = f"{display_path(path)}:{line}" if line else display_path(path)
        self.path = path
        self.line = line
        self.field = field_name
        super().__init__(
            f"{where}: {field_name}: {message}",
            "pass the folder holding the ATOP 4.01 files as downloaded from atopdata.org "
            f"({ALLIANCE_FILE}, {MEMBER_FILE}; optionally {DDYR_FILE})",
        )


@dataclass(frozen=True, slots=True)
class PartialDate:
    """An ATOP date: ``month`` / ``day`` are ``None`` where ATOP leaves them blank or 0."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class Alliance:
    """One ATOP alliance (alliance-level file): the whole treaty over all its phases."""

    atopid: int
    line: int
    begin: PartialDate
    end: PartialDate | None  # None: in effect at the end of ATOP 4.01 (ineffect = 1)
    members: tuple[int, ...]  # COW codes, mem1..mem59
    cowid: int | None
    bilat: bool
    maxphase: int
    defense: bool
    offense: bool
    neutral: bool
    nonagg: bool
    consul: bool
    codes: Mapping[str, int | None] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Member:
    """One row of the member-level file: one member in one phase of one alliance."""

    atopid: int
    line: int
    member: int  # COW code
    phase: int  # 0: the alliance has one phase; else 1..maxphase
    maxphase: int
    entry: PartialDate
    exit: PartialDate | None  # None: still a member at the end of ATOP 4.01
    cowsys: bool  # member of the COW state system at entry
    defense: bool
    offense: bool
    neutral: bool
    nonagg: bool
    consul: bool
    defcoadv: bool  # defense conditional on a specific adversary (statthr1/2, specthrt)
    defcoloc: bool  # ... on the location of the conflict
    defcocon: bool  # ... on a specific conflict
    defconum: bool  # ... on the number of adversaries
    defcodem: bool  # ... on the adversary not complying with demands
    defconpr: bool  # ... on the ally not provoking the attack
    asymm: bool  # this member's obligations differ from those of other members
    obvary: bool  # obligations vary (by member or over the alliance's life)
    statthr: tuple[int, ...]  # states named as the threat (COW codes; statthr1, statthr2)
    codes: Mapping[str, int | None] = field(repr=False)

    def defense_conditions(self) -> tuple[str, ...]:
        """Names of the defense conditions coded 1 for this member."""
        return tuple(c for c in DEFENSE_CONDITIONS if self.codes.get(c) == 1)


@dataclass(frozen=True, slots=True)
class AtopData:
    alliances: dict[int, Alliance]
    members: list[Member]
    folder: Path

    def members_of(self, atopid: int) -> list[Member]:
        return [m for m in self.members if m.atopid == atopid]


@dataclass(frozen=True, slots=True)
class DyadYears:
    """ATOP 5.1 directed dyad-years as columns (one tuple per variable)."""

    ccode1: tuple[int, ...]
    ccode2: tuple[int, ...]
    year: tuple[int, ...]
    atop_defense: tuple[int, ...]
    atop_offense: tuple[int, ...]
    atop_neutral: tuple[int, ...]
    atop_nonagg: tuple[int, ...]
    atop_consul: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.year)


# --------------------------------------------------------------------------------------


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise AtopFileError(path, None, "file", "not found")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise AtopFileError(path, None, "file", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise AtopFileError(path, 1, missing[0], "column missing from the header")
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise AtopFileError(path, None, "file", f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise AtopFileError(path, None, "file", f"not a CSV file ({exc})") from None


def _int(path: Path, line: int, row: Mapping[str, str | None], name: str) -> int | None:
    raw = row.get(name)
    if raw is None:
        raise AtopFileError(path, line, name, "value missing (short row)")
    text = raw.strip()
    if text in ("", "."):
        return None
    try:
        value = float(text)
    except ValueError:
        raise AtopFileError(path, line, name, f"not a number: {text[:40]!r}") from None
    if value != int(value):
        raise AtopFileError(path, line, name, f"not a whole number: {text[:40]!r}")
    return int(value)


def _need(path: Path, line: int, row: Mapping[str, str | None], name: str) -> int:
    value = _int(path, line, row, name)
    if value is None:
        raise AtopFileError(path, line, name, "value is blank")
    return value


def _codes(path: Path, line: int, row: Mapping[str, str | None]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for name, raw in row.items():
        if name is None or name == "version" or name.startswith("mem"):
            continue
        if raw is None:
            raise AtopFileError(path, line, name, "value missing (short row)")
        out[name] = _int(path, line, row, name)
    return out


def _date(
    path: Path, line: int, row: Mapping[str, str | None], y: str, m: str, d: str
) -> PartialDate | None:
    year = _int(path, line, row, y)
    if not year:
        return None
    month = _int(path, line, row, m) or None
    day = _int(path, line, row, d) or None
    if not 1700 <= year <= 2100:
        raise AtopFileError(path, line, y, f"year {year} out of range")
    if month is not None and not 1 <= month <= 12:
        raise AtopFileError(path, line, m, f"month {month} out of range")
    if day is not None:
        if month is None:
            raise AtopFileError(path, line, d, "a day without a month")
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise AtopFileError(path, line, d, f"day {day} does not exist in {year}-{month:02d}")
    return PartialDate(year, month, day)


def _flag(codes: Mapping[str, int | None], name: str) -> bool:
    return codes.get(name) == 1


_ALLIANCE_REQUIRED = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "mem1")
_MEMBER_REQUIRED = (
    "atopid",
    "member",
    "yrent",
    "moent",
    "dayent",
    "yrexit",
    "moexit",
    "dayexit",
    "phase",
    *PROVISIONS,
    *DEFENSE_CONDITIONS,
    "asymm",
    "obvary",
)


def read_alliances(path: Path) -> dict[int, Alliance]:
    """The alliance-level file: atopid -> :class:`Alliance`."""
    out: dict[int, Alliance] = {}
    for line, row in _rows(path, _ALLIANCE_REQUIRED):
        atopid = _need(path, line, row, "atopid")
        if atopid in out:
            raise AtopFileError(path, line, "atopid", f"{atopid} appears twice")
        begin = _date(path, line, row, "begyr", "begmo", "begday")
        if begin is None:
            raise AtopFileError(path, line, "begyr", "no start year")
        codes = _codes(path, line, row)
        members = tuple(
            code
            for i in range(1, 60)
            if f"mem{i}" in row and (code := _int(path, line, row, f"mem{i}"))
        )
        if not members:
            raise AtopFileError(path, line, "mem1", "an alliance without members")
        out[atopid] = Alliance(
            atopid=atopid,
            line=line,
            begin=begin,
            end=_date(path, line, row, "endyr", "endmo", "endday"),
            members=members,
            cowid=codes.get("cowid"),
            bilat=_flag(codes, "bilat"),
            maxphase=codes.get("maxphase") or 0,
            defense=_flag(codes, "defense"),
            offense=_flag(codes, "offense"),
            neutral=_flag(codes, "neutral"),
            nonagg=_flag(codes, "nonagg"),
            consul=_flag(codes, "consul"),
            codes=codes,
        )
    return out


def read_members(path: Path) -> list[Member]:
    """The member-level file, in file order."""
    out: list[Member] = []
    for line, row in _rows(path, _MEMBER_REQUIRED):
        codes = _codes(path, line, row)
        entry = _date(path, line, row, "yrent", "moent", "dayent")
        if entry is None:
            raise AtopFileError(path, line, "yrent", "no entry year")
        exit_ = _date(path, line, row, "yrexit", "moexit", "dayexit")
        if exit_ is not None and exit_.last() < entry.first():
            raise AtopFileError(path, line, "yrexit", f"exit {exit_} before entry {entry}")
        threats = tuple(c for c in (codes.get("statthr1"), codes.get("statthr2")) if c)
        out.append(
            Member(
                atopid=_need(path, line, row, "atopid"),
                line=line,
                member=_need(path, line, row, "member"),
                phase=_need(path, line, row, "phase"),
                maxphase=codes.get("maxphase") or 0,
                entry=entry,
                exit=exit_,
                cowsys=_flag(codes, "cowsys"),
                defense=_flag(codes, "defense"),
                offense=_flag(codes, "offense"),
                neutral=_flag(codes, "neutral"),
                nonagg=_flag(codes, "nonagg"),
                consul=_flag(codes, "consul"),
                defcoadv=_flag(codes, "defcoadv"),
                defcoloc=_flag(codes, "defcoloc"),
                defcocon=_flag(codes, "defcocon"),
                defconum=_flag(codes, "defconum"),
                defcodem=_flag(codes, "defcodem"),
                defconpr=_flag(codes, "defconpr"),
                asymm=_flag(codes, "asymm"),
                obvary=_flag(codes, "obvary"),
                statthr=threats,
                codes=codes,
            )
        )
    return out


def read_atop(folder: Path) -> AtopData:
    """Both ATOP 4.01 files from ``folder``; every member row must name a known alliance."""
    if not folder.is_dir():
        raise AtopFileError(folder, None, "folder", "not a folder")
    alliances = read_alliances(folder / ALLIANCE_FILE)
    members = read_members(folder / MEMBER_FILE)
    for m in members:
        if m.atopid not in alliances:
            raise AtopFileError(
                folder / MEMBER_FILE, m.line, "atopid", f"{m.atopid} is not in {ALLIANCE_FILE}"
            )
    return AtopData(alliances, members, folder)


_DDYR_COLUMNS = (
    "ccode1",
    "ccode2",
    "year",
    "atop_defense",
    "atop_offense",
    "atop_neutral",
    "atop_nonagg",
    "atop_consul",
)


def read_dyad_years(path: Path) -> DyadYears:
    """The ATOP 5.1 directed dyad-year file (``atop5_1_ddyr.csv``) as columns.

    Read with pyarrow's CSV reader (about 20 times faster than the csv module here); a
    malformed file is reported with the line pyarrow names."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    if not path.is_file():
        raise AtopFileError(path, None, "file", "not found")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise AtopFileError(path, None, "file", f"larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.int32() for c in _DDYR_COLUMNS},
                include_columns=list(_DDYR_COLUMNS),
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowKeyError) as exc:
        text = str(exc)
        missing = next((c for c in _DDYR_COLUMNS if f"'{c}'" in text or f"{c} " in text), None)
        if "not exist" in text or "not found" in text.lower():
            raise AtopFileError(path, 1, missing or "header", "column missing") from None
        if missing is None and "column #" in text:
            idx = text.split("column #", 1)[1].split(":", 1)[0]
            if idx.isdigit() and int(idx) < len(_DDYR_COLUMNS):
                missing = _DDYR_COLUMNS[int(idx)]
        line = None
        if "Row #" in text:
            digits = text.split("Row #", 1)[1].split(":", 1)[0]
            line = int(digits) if digits.isdigit() else None
        raise AtopFileError(path, line, missing or "row", text.splitlines()[0][:200]) from None
    for name in _DDYR_COLUMNS:
        if table.column(name).null_count:
            raise AtopFileError(path, None, name, "blank values")
    return DyadYears(*(tuple(table.column(c).to_pylist()) for c in _DDYR_COLUMNS))
