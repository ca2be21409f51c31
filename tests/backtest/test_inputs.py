"""Bad input files give one located error (file:line: field: message + hint), never a
traceback; good small files are read into the typed model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from foederis.backtest.inputs import BacktestInputError, read_atop, read_contiguity
from foederis.backtest.wars import read_cow_wars
from foederis.errors import FoederisError

ALLIANCE_HEAD = (
    "atopid,begyr,begmo,begday,endyr,endmo,endday,defense,offense,neutral,nonagg,consul,mem1,mem2"
)
MEMBER_HEAD = (
    "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,"
    "nonagg,consul,defcoadv,defcoloc,defcocon,defconum,defcodem,defconpr,offcoadv,offcoloc,"
    "offcocon,offconum,offcodem,neucoadv,neucoloc,neucocon,neuconum,neucodem,neuconpr,"
    "neucoatt,asymm,obvary,statthr1,statthr2,cowwar"
)
WAR_HEAD = "warnum,ccode1,ccode2,year,sidea1,initiator1"


def atop_dir(
    tmp_path: Path, member_rows: list[str], alliance_rows: list[str] | None = None
) -> Path:
    d = tmp_path / "atop"
    d.mkdir()
    rows = alliance_rows if alliance_rows is not None else ["1,1900,1,1,0,0,0,1,0,0,0,0,2,20"]
    (d / "atop4_01_alliance.csv").write_text("\n".join([ALLIANCE_HEAD, *rows]) + "\n")
    (d / "atop4_01_member.csv").write_text("\n".join([MEMBER_HEAD, *member_rows]) + "\n")
    return d


def member(ccode: int, **flags: int) -> str:
    cols = MEMBER_HEAD.split(",")
    values = {"atopid": 1, "member": ccode, "yrent": 1900, "moent": 1, "dayent": 1, "phase": 0}
    values.update(flags)
    return ",".join(str(values.get(c, 0)) for c in cols)


def test_adapts_the_atop_reader_rows(tmp_path: Path) -> None:
    d = atop_dir(
        tmp_path,
        [
            member(2, defense=1, defcoadv=1, statthr1=365, neucoatt=1, cowwar=151),
            member(20, defense=1, moexit=0, yrexit=1960),
        ],
    )
    a = read_atop(d)[1]
    assert a.defense and not a.offense and a.end is None and a.span == "1900-01-01 to open"
    us = next(m for m in a.members if m.ccode == 2)
    assert us.conditions == frozenset({"defcoadv", "neucoatt"}) and us.threats == (365,)
    assert us.exit is None and us.wartime_war == 151 and a.wartime_wars == frozenset({151})
    assert us.covers(1950) and not us.covers(1899)
    canada = next(m for m in a.members if m.ccode == 20)
    assert canada.exit is not None and canada.exit.isoformat() == "1960-12-31"  # year only


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        ([member(2).replace(",1900,", ",19x0,", 1)], "yrent"),
        (["7," + member(2).split(",", 1)[1]], "atopid"),
    ],
)
def test_bad_member_rows_are_located(tmp_path: Path, rows: list[str], field: str) -> None:
    with pytest.raises(FoederisError) as exc:
        read_atop(atop_dir(tmp_path, rows))
    assert f"atop4_01_member.csv:2: {field}:" in exc.value.message
    assert exc.value.hint


def test_war_file(tmp_path: Path) -> None:
    f = tmp_path / "wars.csv"
    f.write_text(f"{WAR_HEAD}\n1,2,3,1900,1,1\n1,3,2,1900,2,0\n1,3,2,1901,2,0\n")
    w = read_cow_wars(f)[1]
    assert (w.first_year, w.last_year) == (1900, 1901)
    assert w.participants[2].initiator and w.participants[3].opponents == frozenset({2})
    f.write_text(f"{WAR_HEAD}\n1,2,3,1900,3,1\n")
    with pytest.raises(BacktestInputError, match=r"wars.csv:2: sidea1: side 3"):
        read_cow_wars(f)
    f.write_bytes(b"\xff\xfe" + b"\x00junk" * 10)
    with pytest.raises(BacktestInputError, match="not UTF-8"):
        read_cow_wars(f)


def test_a_state_that_changed_sides_keeps_its_first_side(tmp_path: Path) -> None:
    f = tmp_path / "wars.csv"
    f.write_text(f"{WAR_HEAD}\n1,2,3,1900,1,0\n1,2,4,1901,2,0\n1,3,2,1900,2,1\n1,4,2,1901,1,0\n")
    p = read_cow_wars(f)[1].participants[2]
    assert p.side == 1 and p.switched and p.opponents == frozenset({3, 4})


def test_contiguity_dates(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("ccode1,ccode2,conttype,stdate,enddate\n2,20,1,1920-01-01,2016-12-01\n")
    c = read_contiguity(f)
    assert c.contiguous(20, 2, 1950) and not c.contiguous(2, 20, 1900)
    f.write_text("ccode1,ccode2,conttype,stdate,enddate\n2,20,1,soon,2016-12-01\n")
    with pytest.raises(BacktestInputError, match=r"c.csv:2: stdate"):
        read_contiguity(f)


def test_cli_reports_a_bad_file_without_traceback(tmp_path: Path) -> None:
    d = atop_dir(tmp_path, [member(2)])
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "foederis",
            "backtest",
            "--atop",
            str(d),
            "--wars",
            str(tmp_path / "none.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "none.csv: file: not found" in proc.stderr
    assert "Traceback" not in proc.stderr and "hint:" in proc.stderr
