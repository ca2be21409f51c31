"""The expert coding (Berkemeier & Fuhrmann 2018, replicating Leeds, Long & Mitchell 2000)
and the comparison of the backtest with it: agreement, confusion matrix, disagreements.

The expert file has one row per (war, alliance) with 0/1 columns per category and coding
(``honorBF``, ``cfnaLLM`` ...). A row flagged both ``cfna`` and ``nonagg`` (a neutrality and
non-aggression pact whose casus foederis did not arise) counts as ``cfna``; ``dna`` is the
union of cfna, nonagg and consul and is not a category of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from foederis.backtest.inputs import BacktestInputError, _int, _open_rows
from foederis.backtest.rules import Category, Coding

CATEGORIES = tuple(c for c in Category if c is not Category.unclear)  # the expert five
NOT_CODED = "not coded"
EXPERT_COLUMNS = ("warid", "cowwarid", "atopid", "warname")


@dataclass(frozen=True, slots=True)
class ExpertRow:
    line: int
    warid: int
    cowwarid: int | None  # None: a war of the Interstate War Data that COW does not list
    atopid: int
    warname: str
    category: Category


def read_expert(path: Path | str, coding: str = "BF") -> list[ExpertRow]:
    """Rows of the expert file under one of its two codings (``BF`` or ``LLM``)."""
    epath = Path(path)
    suffix = coding.upper()
    if suffix not in ("BF", "LLM"):
        raise BacktestInputError(
            epath, None, "--coding", f"unknown coding {coding!r}", "use bf or llm"
        )
    cols = tuple(f"{c.value}{suffix}" for c in CATEGORIES)
    out: list[ExpertRow] = []
    for line, row in _open_rows(epath, (*EXPERT_COLUMNS, *cols)):
        flags = [c for c, col in zip(CATEGORIES, cols, strict=True) if _flag(epath, line, row, col)]
        if Category.cfna in flags:
            flags = [Category.cfna]
        if len(flags) != 1:
            raise BacktestInputError(
                epath,
                line,
                "/".join(cols),
                f"{len(flags)} categories set ({', '.join(f.value for f in flags) or 'none'})",
                "each row needs exactly one of honor, violate, cfna, nonagg, consul",
            )
        cow = (row.get("cowwarid") or "").strip()
        out.append(
            ExpertRow(
                line,
                _int(epath, line, row, "warid"),
                _int(epath, line, row, "cowwarid") if cow else None,
                _int(epath, line, row, "atopid"),
                (row.get("warname") or "").strip(),
                flags[0],
            )
        )
    return out


def _flag(path: Path, line: int, row: dict[str, str], col: str) -> bool:
    text = (row.get(col) or "").strip()
    if text in ("", "0", "0.0"):
        return False
    if text in ("1", "1.0"):
        return True
    raise BacktestInputError(path, line, col, f"not 0/1: {text!r}", "flags are 1, 0 or empty")


@dataclass(frozen=True, slots=True)
class Pair:
    expert: ExpertRow
    ours: Coding | None


@dataclass
class Comparison:
    pairs: list[Pair]
    extra: int  # pairs we coded that the expert file does not hold
    not_in_cow: list[ExpertRow] = field(default_factory=list)

    @property
    def compared(self) -> list[Pair]:
        return [p for p in self.pairs if p.ours is not None]

    @property
    def missing(self) -> list[Pair]:
        return [p for p in self.pairs if p.ours is None]

    @property
    def agree(self) -> int:
        return sum(
            1 for p in self.compared if p.ours is not None and p.ours.category == p.expert.category
        )

    def rate(self, pairs: list[Pair] | None = None) -> float:
        ps = self.compared if pairs is None else [p for p in pairs if p.ours is not None]
        ok = sum(1 for p in ps if p.ours is not None and p.ours.category == p.expert.category)
        return ok / len(ps) if ps else 0.0

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter(
            (p.expert.category.value, p.ours.category.value if p.ours else NOT_CODED)
            for p in self.pairs
        )

    def disagreements(self) -> list[Pair]:
        return [p for p in self.pairs if p.ours is None or p.ours.category != p.expert.category]

    def split(self, modulus: int, remainder: int) -> list[Pair]:
        """Pairs of the wars whose expert war id is ``remainder`` modulo ``modulus``."""
        return [p for p in self.pairs if p.expert.warid % modulus == remainder]

    def performance_agreement(self) -> tuple[int, int]:
        """Agreement on dna vs performance (honor/violate), the first decision of the rules."""
        ps = self.compared
        ok = sum(
            1 for p in ps if p.ours is not None and p.ours.category.dna == p.expert.category.dna
        )
        return ok, len(ps)


def compare(codings: list[Coding], expert: list[ExpertRow]) -> Comparison:
    ours = {(c.warnum, c.atopid): c for c in codings}
    pairs: list[Pair] = []
    not_in_cow: list[ExpertRow] = []
    keys: set[tuple[int, int]] = set()
    for row in expert:
        if row.cowwarid is None:
            not_in_cow.append(row)
            continue
        key = (row.cowwarid, row.atopid)
        keys.add(key)
        pairs.append(Pair(row, ours.get(key)))
    expert_wars = {r.cowwarid for r in expert if r.cowwarid is not None}
    extra = sum(1 for k in ours if k[0] in expert_wars and k not in keys)
    return Comparison(pairs, extra, not_in_cow)
