"""Dyad-year tables on disk: the column cache and the CSV writer, fast enough that a warm
``foederis export dyad-years`` of every dyad-year since 1816 takes a fraction of a second.

* :func:`save` / :func:`load`: a table (foederis.exports.dyads.DyadYearTable) with its export
  metadata as one file: a JSON header (row count, dictionaries, metadata, column offsets)
  and the raw columns, which :func:`load` maps into memory (``mmap``) without copying or
  unpickling, and without importing the KB, pydantic or pyarrow.
* :func:`write_csv`: the CSV text built with numpy, not row by row: every field is looked up
  in a small table of its possible texts (a COW code, a year, a set of five 0/1 flags, a
  state, a treaty set) padded to a fixed width with NUL bytes, the padded rows are laid side
  by side and the padding dropped in one pass. Rows with treaty ids (a small share) are
  built apart with that wider field and put back in place run by run. Values are written
  unquoted unless they contain a comma, quote or line break (then quoted as RFC 4180
  says); a null is an empty field (NA in R).
"""

from __future__ import annotations

import itertools
import json
import mmap
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from foederis.exports.dyadtable import ATOP_FLAGS, COLUMNS, NO_CODE, UNKNOWN, DyadYearTable

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAGIC = b"foederis-dyad-years/1\n"
_FIELDS = ("ccode1", "ccode2", "year", "atop", "flags", "iso1", "iso2", "treaties")
ALIGN = 64
CHUNK = 1 << 16  # rows per block while building CSV text (bounded memory)


def save(path: Path, table: DyadYearTable, meta: dict[str, str]) -> None:
    """Write atomically (temp file + rename); a file that cannot be written is skipped."""
    import tempfile

    import numpy as np

    arrays = {name: _narrow(getattr(table, name)) for name in _FIELDS}
    cols: list[list[Any]] = []
    offset = 0
    for name, arr in arrays.items():
        cols.append([name, arr.dtype.str, offset])
        offset += -(-arr.nbytes // ALIGN) * ALIGN
    del np
    header = json.dumps(
        {
            "n": len(table),
            "names": list(table.names),
            "treaty_sets": list(table.treaty_sets),
            "meta": meta,
            "columns": cols,
        }
    ).encode()
    start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".cols")
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + len(header).to_bytes(8, "little") + header)
            f.write(b"\0" * (start - f.tell()))
            for (_, _, off), arr in zip(cols, arrays.values(), strict=True):
                f.seek(start + off)
                f.write(arr.tobytes())
        os.replace(tmp, path)
    except OSError:
        return


def _narrow(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """int32 columns whose values fit in int16 are stored as int16 (half the file to map)."""
    import numpy as np

    if arr.dtype == np.int32 and (
        not len(arr) or (arr.min() >= -(1 << 15) and arr.max() < 1 << 15)
    ):
        return arr.astype(np.int16)
    return arr


def load(path: Path | None) -> tuple[DyadYearTable, dict[str, str]] | None:
    """The table and metadata saved at ``path``; None when absent or unreadable (the KB is
    the truth: a broken file is rebuilt)."""
    if path is None:
        return None
    import numpy as np

    try:
        with path.open("rb") as f:
            if hasattr(mmap, "MAP_SHARED"):  # POSIX; MAP_POPULATE (Linux) reads it in one go
                flags = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)
                mm = mmap.mmap(f.fileno(), 0, flags=flags, prot=mmap.PROT_READ)
            else:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if mm[: len(MAGIC)] != MAGIC:
            return None
        size = int.from_bytes(mm[len(MAGIC) : len(MAGIC) + 8], "little")
        head = json.loads(mm[len(MAGIC) + 8 : len(MAGIC) + 8 + size])
        start = -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN
        n = int(head["n"])
        arrays = {
            name: np.frombuffer(mm, dtype=np.dtype(dt), count=n, offset=start + int(off))
            for name, dt, off in head["columns"]
        }
        table = DyadYearTable(
            **arrays,
            names=tuple(head["names"]),
            treaty_sets=tuple(head["treaty_sets"]),
        )
        meta = {str(k): str(v) for k, v in head["meta"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return table, meta


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------


def _field(text: str) -> bytes:
    if any(c in text for c in ',"\n\r'):
        text = '"' + text.replace('"', '""') + '"'
    return text.encode()


def _lookup(texts: Sequence[bytes]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int32]]:
    """(padded table: one row per text, NUL-padded; lengths)."""
    import numpy as np

    width = max((len(t) for t in texts), default=0) or 1
    flat = b"".join(t.ljust(width, b"\0") for t in texts)
    out = np.frombuffer(flat, dtype=np.uint8).reshape(len(texts), width).copy()
    return out, np.fromiter(map(len, texts), dtype=np.int32, count=len(texts))


def _flag_texts() -> list[bytes]:
    """The text of the five flags for each byte value (``UNKNOWN``: five empty fields)."""
    out = []
    for v in range(256):
        if not v & UNKNOWN:
            out.append(b"".join(b"1," if v >> i & 1 else b"0," for i in range(len(ATOP_FLAGS))))
        else:
            out.append(b"," * len(ATOP_FLAGS))
    return out


def csv_chunks(table: DyadYearTable) -> Iterator[bytes | memoryview]:
    """The CSV text of ``table`` (header first), in pieces."""
    import numpy as np

    for text in (*table.names, *table.treaty_sets):
        if "\0" in text:  # NUL is the padding byte; no registry name or treaty id has one
            raise ValueError(f"NUL byte in {text!r}")
    yield ",".join(COLUMNS).encode() + b"\n"
    n = len(table)
    if not n:
        return
    top = int(max(table.ccode1.max(), table.ccode2.max(), 0))
    codes = _lookup([b","] + [b"%d," % c for c in range(top + 1)])
    y0, y1 = int(table.year.min()), int(table.year.max())
    flag_texts = _flag_texts()
    flags = _lookup(flag_texts)
    year_atop = _lookup([b"%d," % y + f for y in range(y0, y1 + 1) for f in flag_texts])
    names = _lookup([_field(s) + b"," for s in table.names])
    fields = [  # (padded texts, lengths, index of each row's text), in column order
        (*codes, np.where(table.ccode1 == NO_CODE, 0, table.ccode1 + 1)),
        (*codes, np.where(table.ccode2 == NO_CODE, 0, table.ccode2 + 1)),
        # the year and ATOP's five flags as one field (fixed width): one lookup, not two
        (*year_atop, (table.year - y0).astype(np.int32) * 256 + table.atop),
        (*names, table.iso1),
        (*names, table.iso2),
        (*flags, table.flags),
        (*_lookup([_field(s) + b"\n" for s in table.treaty_sets]), table.treaties),
    ]
    pieces = [_Pieces(texts) for texts, _, _ in fields]
    for lo in range(0, n, CHUNK):
        yield from _chunk([(t, ln, i[lo : lo + CHUNK]) for t, ln, i in fields], pieces)


def _chunk(
    fields: list[tuple[npt.NDArray[np.uint8], npt.NDArray[np.int32], npt.NDArray[Any]]],
    pieces: list[_Pieces],
) -> Iterator[memoryview]:
    """CSV rows of one block. Rows whose fields have the same lengths (the same *shape*) are
    laid out together as one (rows x length) byte matrix, column range by column range, with
    no padding to remove; consecutive rows of one shape are consecutive in their matrix, so
    the text comes out as one slice per run of same-shaped rows, in table order."""
    import numpy as np

    m = len(fields[0][2])
    lens: list[Any] = []  # per field: each row's text length, or one int when all agree
    radix = 1
    for _, ln, _ in fields:
        radix *= int(ln.max()) + 1
    shape = np.zeros(m, dtype=np.int32 if radix < 1 << 31 else np.int64)
    total = np.zeros(m, dtype=np.int64)
    for _, ln, idx in fields:
        if int(ln.min()) == int(ln.max()):
            lens.append(int(ln[0]))
            total += int(ln[0])
            continue
        row_len = ln[idx]
        lens.append(row_len)
        shape = shape * (int(ln.max()) + 1) + row_len
        total += row_len
    order = np.argsort(shape, kind="stable")
    at = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(total[order], out=at[1:])
    buf = np.empty(int(at[-1]), dtype=np.uint8)
    firsts = [0, *(np.flatnonzero(np.diff(shape[order])) + 1).tolist(), m]
    for s, e in itertools.pairwise(firsts):
        rows = order[s:e]
        first = int(rows[0])
        view = buf[at[s] : at[e]].reshape(e - s, int(total[first]))
        col = 0
        for (_, _, idx), row_len, parts in zip(fields, lens, pieces, strict=True):
            w = row_len if isinstance(row_len, int) else int(row_len[first])
            if not w:
                continue
            at_rows = idx[rows]
            for offset, size, words in parts.of(w):
                dest = view[:, col + offset : col + offset + size].view(words.dtype)
                dest[:, 0] = words[at_rows]
            col += w
    where = np.empty(m, dtype=np.int64)
    where[order] = np.arange(m)
    runs = [0, *(np.flatnonzero(np.diff(shape)) + 1).tolist(), m]
    starts = at[where[runs[:-1]]].tolist()
    ends = at[where[np.array(runs[1:]) - 1] + 1].tolist()
    text = memoryview(buf.data)
    for a, b in zip(starts, ends, strict=True):
        yield text[a:b]


_WORD = {8: "<u8", 4: "<u4", 2: "<u2", 1: "u1"}


class _Pieces:
    """For each width w of the padded ``texts``: its first w bytes cut into 8-, 4-, 2- and
    1-byte pieces (offset, size, one word per text), so that a row's field is copied as a
    few machine words rather than byte by byte."""

    def __init__(self, texts: npt.NDArray[np.uint8]) -> None:
        self.texts = texts
        self.done: dict[int, list[tuple[int, int, Any]]] = {}

    def of(self, w: int) -> list[tuple[int, int, Any]]:
        got = self.done.get(w)
        if got is None:
            import numpy as np

            got, offset = [], 0
            for size in (8, 4, 2, 1):
                while w - offset >= size:
                    block = np.ascontiguousarray(self.texts[:, offset : offset + size])
                    got.append((offset, size, block.view(np.dtype(_WORD[size]))[:, 0].copy()))
                    offset += size
            self.done[w] = got
        return got


def write_csv(table: DyadYearTable, out: IO[bytes]) -> None:
    batch: list[bytes | memoryview] = []
    size = 0
    for piece in csv_chunks(table):  # one write per few MB, not one per run of rows
        batch.append(piece)
        size += len(piece)
        if size >= 1 << 22:
            out.write(b"".join(batch))
            batch, size = [], 0
    out.write(b"".join(batch))


# --------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------


def cache_path(dirs: Sequence[Path] | None, start: int, end: int, all_dyads: bool) -> Path | None:
    """Where the column file of this export lives: keyed by the size and modification time
    of every KB file, the ATOP layer in use, the states registry and the code that shapes
    the rows (foederis.cache.key), found without loading anything (None: cache off)."""
    from foederis import cache
    from foederis.atop.paths import layer_path
    from foederis.kb.files import layer_files, user_dirs

    folder = cache.cache_dir()
    if folder is None:
        return None
    resolved = [Path(d).resolve() for d in user_dirs(dirs)]
    files = [f for layer in layer_files(resolved) for f in layer]
    layer = layer_path()
    if layer is not None:
        files.append(layer.resolve())
    package = Path(__file__).resolve().parents[1]
    code = sorted((package / "engine").glob("*.py")) + [
        package / "exports" / name for name in ("dyads.py", "dyadtable.py", "dyadfile.py")
    ]
    code += [package / "atop" / "convention.py", package / "exports" / "write.py"]
    rows = "all" if all_dyads else "obligations"
    return folder / f"dyadyears-{rows}-{start}-{end}-{cache.key([*files, *code])}.cols"


def check_request(start: int, end: int, fmt: str, output: Path | None) -> None:
    """The checks of ``foederis export dyad-years``'s options, one place for both of its
    parsers (cli.fast and cli.app): a UsageError naming the option."""
    from foederis.errors import UsageError

    if start < 1815:
        raise UsageError("--start", f"{start} is before 1815", "the state system starts in 1815")
    if end > 2100:
        raise UsageError("--end", f"{end} is after 2100", "choose a year up to 2100")
    if end < start:
        raise UsageError("--end", f"{end} is before --start {start}", "swap the two years")
    if fmt == "parquet" and output is None:
        raise UsageError("--output", "parquet needs a file", "add -o dyad-years.parquet")


def export(
    dirs: Sequence[Path] | None,
    start: int,
    end: int,
    fmt: str,
    output: Path | None,
    *,
    all_dyads: bool = False,
) -> int:
    """``foederis export dyad-years``: the rows of foederis.exports.dyads.dyad_year_table for
    the KB of ``dirs`` (and the ATOP layer in use), read from the column file when one
    matches the KB's files, so that a warm export loads neither the KB nor the engine."""
    from foederis import cache

    path = cache_path(dirs, start, end, all_dyads)
    got = load(path) if path is not None and path.is_file() else None
    if got is None:
        from foederis.exports.dyads import dyad_year_table
        from foederis.exports.write import dyad_metadata
        from foederis.kb import load_kb

        kb = load_kb(list(dirs) if dirs else None)
        table = dyad_year_table(kb, start, end, all_dyads=all_dyads)
        meta = dyad_metadata(kb, start, end, all_dyads)
        if path is not None:
            save(path, table, meta)
            cache.prune(path)
    else:
        table, meta = got
    return write_table(table, meta, fmt, output)


def write_table(table: DyadYearTable, meta: dict[str, str], fmt: str, output: Path | None) -> int:
    """CSV (a ``.meta.json`` sidecar beside a file), JSON (``{"metadata", "dyad_years"}``) or
    Parquet (metadata in the file); returns the number of rows."""
    import sys

    if fmt == "json":
        body = {"metadata": meta, "dyad_years": table.rows()}
        text = json.dumps(body, ensure_ascii=False) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
        return len(table)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        if output is None:
            from foederis.errors import FoederisError

            raise FoederisError("parquet needs a file", "add --output dyad-years.parquet")
        arrow = table.to_arrow()
        arrow = arrow.replace_schema_metadata({k.encode(): v.encode() for k, v in meta.items()})
        # statistics only for the key columns (readers filter on them); the flags and
        # names gain nothing from min/max and cost a fifth of the writing time
        pq.write_table(arrow, output, write_statistics=["ccode1", "ccode2", "year"])
        return len(table)
    if output is None:
        sys.stdout.flush()
        write_csv(table, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with output.open("wb") as fh:
            write_csv(table, fh)
        sidecar = output.with_suffix(output.suffix + ".meta.json")
        sidecar.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return len(table)
