"""The ATOP readers: the real files (when present) and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from foederis.atop.read import (
    ALLIANCE_FILE,
    MEMBER_FILE,
    AtopFileError,
    PartialDate,
    read_alliances,
    read_atop,
    read_dyad_years,
    read_members,
)


def test_real_files(atop_dir: Path) -> None:
    data = read_atop(atop_dir)
    assert len(data.alliances) == 745
    assert len(data.members) == 2398
    # every alliance has member rows and the member list agrees with them
    for atopid, alliance in data.alliances.items():
        rows = data.members_of(atopid)
        assert rows, atopid
        assert {m.member for m in rows} == set(alliance.members), atopid
    # the conditions are 0/1 flags that match the codes
    n_adv = sum(m.defcoadv for m in data.members)
    assert n_adv == sum(1 for m in data.members if m.codes["defcoadv"] == 1) > 0
    warsaw = [m for m in data.members if m.atopid == 3285]
    assert {m.member for m in warsaw} >= {365, 290}  # USSR, Poland


def test_dyad_years(atop_dir: Path) -> None:
    dy = read_dyad_years(atop_dir / "atop5_1_ddyr.csv")
    assert len(dy) == 273_296
    assert min(dy.year) == 1815 and max(dy.year) == 2018
    assert set(dy.atop_defense) == {0, 1}


def test_partial_dates() -> None:
    assert PartialDate(1822, 12).first() == date(1822, 12, 1)
    assert PartialDate(1822, 12).last() == date(1822, 12, 31)
    assert PartialDate(1900, 2).last() == date(1900, 2, 28)
    assert PartialDate(1900).precision == "year"
    assert str(PartialDate(1914, 8, 1)) == "1914-08-01"


def _write(folder: Path, alliance: str, member: str) -> Path:
    (folder / ALLIANCE_FILE).write_text(alliance, encoding="utf-8")
    (folder / MEMBER_FILE).write_text(member, encoding="utf-8")
    return folder


ALLIANCE_HEAD = "atopid,begyr,begmo,begday,endyr,endmo,endday,defense,mem1,mem2\n"
MEMBER_HEAD = (
    "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,"
    "nonagg,consul,defcoadv,defcoloc,defcocon,defconum,defcodem,defconpr,asymm,obvary\n"
)


def test_good_minimal_files(tmp_path: Path) -> None:
    _write(
        tmp_path,
        ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n",
        MEMBER_HEAD
        + "1,2,1900,1,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0\n"
        + "1,20,1900,1,,0,0,0,0,1,0,0,0,0,0,0,0,0,0,1,0,0\n",
    )
    data = read_atop(tmp_path)
    assert data.alliances[1].members == (2, 20)
    assert data.alliances[1].end is None
    first, second = data.members
    assert first.defense_conditions() == ("defcoadv",)
    assert second.entry.precision == "month" and second.defconpr


@pytest.mark.parametrize(
    ("alliance", "member", "where", "field"),
    [
        (
            ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n",
            MEMBER_HEAD.replace(",obvary", ""),
            1,
            "obvary",
        ),
        (
            ALLIANCE_HEAD + "1,1900,13,1,0,0,0,1,2,20\n",
            MEMBER_HEAD,
            2,
            "begmo",
        ),
        (ALLIANCE_HEAD + "1,1900,1,1,0,0,0,yes,2,20\n", MEMBER_HEAD, 2, "defense"),
        (ALLIANCE_HEAD + "1,1900,2,30,0,0,0,1,2,20\n", MEMBER_HEAD, 2, "begday"),
        (ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,,\n", MEMBER_HEAD, 2, "mem1"),
        (
            ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n1,1900,1,1,0,0,0,1,2,20\n",
            MEMBER_HEAD,
            3,
            "atopid",
        ),
        (
            ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n",
            MEMBER_HEAD + "9,2,1900,1,1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0\n",
            2,
            "atopid",
        ),
        (
            ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n",
            MEMBER_HEAD + "1,2,1900,1,1,1899,1,1,0,1,0,0,0,0,1,0,0,0,0,0,0,0\n",
            2,
            "yrexit",
        ),
        (
            ALLIANCE_HEAD + "1,1900,1,1,0,0,0,1,2,20\n",
            MEMBER_HEAD + "1,2,1900,1,1\n",
            2,
            "yrexit",
        ),
    ],
)
def test_bad_files_name_file_line_and_field(
    tmp_path: Path, alliance: str, member: str, where: int, field: str
) -> None:
    _write(tmp_path, alliance, member)
    with pytest.raises(AtopFileError) as info:
        read_atop(tmp_path)
    assert info.value.line == where
    assert info.value.field == field
    assert f":{where}: {field}:" in str(info.value)
    assert info.value.hint and "atopdata.org" in info.value.hint


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(AtopFileError, match="not found"):
        read_alliances(tmp_path / "nope.csv")
    with pytest.raises(AtopFileError, match="not a folder"):
        read_atop(tmp_path / "nope")
    bad = tmp_path / "bin.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(AtopFileError, match="UTF-8"):
        read_members(bad)
    dd = tmp_path / "dd.csv"
    dd.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "2,20,x,1,0,0,0,0\n"
    )
    with pytest.raises(AtopFileError) as info:
        read_dyad_years(dd)
    assert info.value.field == "year"
