"""The comparison with the expert coding, on a small hand-written expert file, and the
checked-in report against the shared data (skipped when ../shared/data is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foederis.backtest import code_history
from foederis.backtest.expert import compare, read_expert
from foederis.backtest.inputs import BacktestInputError
from foederis.backtest.rules import Category, Coding
from foederis.cli import run

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "docs" / "backtest-agreement.md"
HEAD = "warid,cowwarid,atopid,warname," + ",".join(
    f"{c}{s}"
    for s in ("BF", "LLM")
    for c in ("honor", "violate", "cfna", "nonagg", "consul", "dna")
)


def expert_file(tmp_path: Path, rows: list[str]) -> Path:
    f = tmp_path / "expert.csv"
    f.write_text("\n".join([HEAD, *rows]) + "\n")
    return f


def row(warid: int, cow: str, atopid: int, bf: str, llm: str | None = None) -> str:
    cats = ("honor", "violate", "cfna", "nonagg", "consul", "dna")
    flags = []
    for code in (bf, llm or bf):
        names = set(code.split("+"))
        flags += ["1" if c in names else "" for c in cats]
    return f"{warid},{cow},{atopid},War {warid}," + ",".join(flags)


def coding(war: int, atopid: int, cat: Category) -> Coding:
    return Coding(war, atopid, cat, "test", ("because",))


def test_agreement_confusion_and_disagreements(tmp_path: Path) -> None:
    f = expert_file(
        tmp_path,
        [
            row(2, "10.0", 1, "honor"),
            row(2, "10.0", 2, "cfna+dna"),
            row(4, "12.0", 3, "cfna+nonagg+dna", "violate"),
            row(6, "", 4, "consul+dna"),
            row(8, "14.0", 5, "violate"),
        ],
    )
    ours = [
        coding(10, 1, Category.honor),
        coding(10, 2, Category.violate),
        coding(12, 3, Category.cfna),
        coding(10, 9, Category.consul),
    ]
    cmp = compare(ours, read_expert(f, "bf"))
    assert (cmp.agree, len(cmp.compared), len(cmp.missing), len(cmp.not_in_cow)) == (2, 3, 1, 1)
    assert cmp.extra == 1  # ATOP 9 in war 10 is not in the expert file
    conf = cmp.confusion()
    assert conf[("cfna", "violate")] == 1 and conf[("violate", "not coded")] == 1
    assert [p.expert.atopid for p in cmp.disagreements()] == [2, 5]
    assert compare(ours, read_expert(f, "llm")).agree == 1  # the LLM coding of ATOP 3 is violate


def test_a_row_with_two_categories_is_an_error(tmp_path: Path) -> None:
    f = expert_file(tmp_path, [row(2, "10", 1, "honor+violate")])
    with pytest.raises(BacktestInputError, match=r"expert.csv:2: .*2 categories set"):
        read_expert(f)


def _figure(text: str) -> str:
    m = re.search(r"Agreement over the five categories: (\d+/\d+ = [\d.]+%)", text)
    assert m, "no agreement figure"
    return m.group(1)


def test_checked_in_report_is_fresh(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """docs/backtest-agreement.md must equal a fresh run of the command written in it."""
    text = REPORT.read_text(encoding="utf-8")
    m = re.search(r"```bash\nfoederis backtest (.+)\n```", text)
    assert m, "the report does not show its command"
    argv = m.group(1).split()
    monkeypatch.chdir(REPO)
    out = tmp_path / "fresh.md"
    assert run(["backtest", *argv, "-o", str(out)]) == 0
    fresh = out.read_text(encoding="utf-8")
    assert fresh == text, (
        "docs/backtest-agreement.md is stale: regenerate it with\n  "
        + m.group(0).split("\n")[1]
        + " -o docs/backtest-agreement.md"
    )
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert _figure(fresh) in readme, "README's backtest agreement differs from the report"


def test_agreement_stays_at_the_target(shared_data: Path) -> None:
    codings = code_history(shared_data / "atop", shared_data / "cow" / "inter_state_war_ddy.csv")
    cmp = compare(
        codings, read_expert(shared_data / "reliability" / "berkemeier_fuhrmann_2018.csv")
    )
    assert cmp.agree / len(cmp.compared) >= 0.85
    assert cmp.agree / len(cmp.pairs) >= 0.85  # also when pairs not coded count as wrong
    # every expert pair in a COW war whose alliance has a member at war is coded
    assert len(cmp.missing) <= 15
