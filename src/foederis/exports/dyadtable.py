"""The dyad-year table: its columns and conventions (foederis.exports.dyads builds it,
foederis.exports.dyadfile stores and writes it). Light on purpose (numpy is imported when
a table is used), so that a warm export reads a stored table without loading the KB."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from foederis.model.enums import ClauseType

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# clause type -> provision (the order of foederis.atop.convention.PROVISIONS)
PROVISION_OF = {
    ClauseType.defense: "defense",
    ClauseType.offense: "offense",
    ClauseType.neutrality: "neutral",
    ClauseType.non_aggression: "nonagg",
    ClauseType.consultation: "consul",
}
ATOP_FLAGS = [f"atop_{p}" for p in PROVISION_OF.values()]
FOEDERIS_FLAGS = [f"foederis_{p}" for p in PROVISION_OF.values()]
FLAGS = ATOP_FLAGS + FOEDERIS_FLAGS
COLUMNS = [
    "ccode1",
    "ccode2",
    "year",
    *ATOP_FLAGS,
    "iso3_1",
    "iso3_2",
    *FOEDERIS_FLAGS,
    "foederis_treaties",
]
FIRST_YEAR = 1815
CLAUSE_BIT = {t: 1 << i for i, t in enumerate(PROVISION_OF)}
NO_CODE = -1
UNKNOWN = 0x80  # in ``atop``: ATOP's coding does not cover this row (null)


@dataclass(frozen=True)
class DyadYearTable:
    """Columns of equal length (numpy arrays). ``atop`` and ``flags`` hold the provision
    bits of ATOP's coding and of foederis's reading (bit i: ``PROVISION_OF``'s i-th;
    ``UNKNOWN`` in ``atop``: not covered, null); ``iso1``/``iso2``/``treaties`` are indices
    into ``names``/``treaty_sets``."""

    ccode1: npt.NDArray[np.int32]
    ccode2: npt.NDArray[np.int32]
    year: npt.NDArray[np.int32]
    atop: npt.NDArray[np.uint8]
    flags: npt.NDArray[np.uint8]
    iso1: npt.NDArray[np.int32]
    iso2: npt.NDArray[np.int32]
    treaties: npt.NDArray[np.int32]
    names: tuple[str, ...]
    treaty_sets: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.year)

    def flag(self, name: str) -> npt.NDArray[np.uint8]:
        """0/1 for the column ``name`` (an ``atop_*`` flag is 0 where it is null)."""
        import numpy as np

        if name in ATOP_FLAGS:
            bits = np.where(self.atop_known(), self.atop, np.uint8(0))
            i = ATOP_FLAGS.index(name)
        else:
            bits, i = self.flags, FOEDERIS_FLAGS.index(name)
        return ((bits >> np.uint8(i)) & np.uint8(1)).astype(np.uint8)

    def atop_known(self) -> npt.NDArray[np.bool_]:
        """Where the ``atop_*`` columns have a value (ATOP's coding covers the row)."""
        import numpy as np

        return np.asarray((self.atop & np.uint8(UNKNOWN)) == 0)

    def select(self, mask: npt.NDArray[np.bool_]) -> DyadYearTable:
        return DyadYearTable(
            self.ccode1[mask],
            self.ccode2[mask],
            self.year[mask],
            self.atop[mask],
            self.flags[mask],
            self.iso1[mask],
            self.iso2[mask],
            self.treaties[mask],
            self.names,
            self.treaty_sets,
        )

    def rows(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        known = self.atop_known().tolist()
        atop_cols = [self.flag(f).tolist() for f in ATOP_FLAGS]
        own_cols = [self.flag(f).tolist() for f in FOEDERIS_FLAGS]
        for i, (c1, c2, y, n1, n2, tr) in enumerate(
            zip(
                self.ccode1.tolist(),
                self.ccode2.tolist(),
                self.year.tolist(),
                self.iso1.tolist(),
                self.iso2.tolist(),
                self.treaties.tolist(),
                strict=True,
            )
        ):
            row: dict[str, object] = {
                "ccode1": None if c1 == NO_CODE else c1,
                "ccode2": None if c2 == NO_CODE else c2,
                "year": y,
            }
            for name, col in zip(ATOP_FLAGS, atop_cols, strict=True):
                row[name] = col[i] if known[i] else None
            row["iso3_1"] = self.names[n1]
            row["iso3_2"] = self.names[n2]
            for name, col in zip(FOEDERIS_FLAGS, own_cols, strict=True):
                row[name] = col[i]
            row["foederis_treaties"] = self.treaty_sets[tr]
            out.append(row)
        return out

    def to_arrow(self) -> Any:
        """A pyarrow Table in COLUMNS order (ccodes null where COW has none; the text
        columns dictionary-encoded)."""
        import pyarrow as pa

        def codes(a: npt.NDArray[np.int32]) -> Any:
            return pa.array(a, mask=a == NO_CODE, type=pa.int32())

        def text(idx: npt.NDArray[np.int32], values: tuple[str, ...]) -> Any:
            # dictionary-encoded: 2 M rows share ~200 names (Parquet keeps the dictionary)
            return pa.DictionaryArray.from_arrays(
                pa.array(idx, type=pa.int32()), pa.array(values, pa.string())
            )

        unknown = ~self.atop_known()
        cols = [codes(self.ccode1), codes(self.ccode2), pa.array(self.year, type=pa.int32())]
        cols += [pa.array(self.flag(f), mask=unknown, type=pa.uint8()) for f in ATOP_FLAGS]
        cols += [text(self.iso1, self.names), text(self.iso2, self.names)]
        cols += [pa.array(self.flag(f), type=pa.uint8()) for f in FOEDERIS_FLAGS]
        cols += [text(self.treaties, self.treaty_sets)]
        return pa.Table.from_arrays(cols, names=COLUMNS)
