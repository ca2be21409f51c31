"""Write obligation exports as CSV, JSON or Parquet, with provenance alongside."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from foederis import __version__
from foederis.errors import FoederisError
from foederis.exports.obligations import directed_obligations
from foederis.kb import KnowledgeBase

COLUMNS = [
    "obligated",
    "obligated_cow",
    "protected",
    "protected_cow",
    "treaty",
    "clause",
    "article",
    "type",
    "strength",
    "frozen",
    "dormant",
    "atop_id",
]


def kb_digest(kb: KnowledgeBase) -> str:
    """SHA-256 over the content of every file the KB was built from (treaty and area files,
    the coded ATOP layer) and the states registry: two exports with the same digest come from
    the same data."""
    import hashlib

    from foederis.cache import STATES_FILE

    files = sorted({*kb.origins.values(), *([kb.atop_layer] if kb.atop_layer else [])})
    stamp = []
    for f in [*files, STATES_FILE]:
        try:
            st = f.stat()
            stamp.append((str(f), st.st_size, st.st_mtime_ns))
        except OSError:
            stamp.append((str(f), -1, -1))
    key = tuple(stamp)
    if key in _DIGESTS:
        return _DIGESTS[key]
    h = hashlib.sha256()
    for f in [*files, STATES_FILE]:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:
            h.update(f"{f.name}\0missing\0".encode())
    _DIGESTS[key] = h.hexdigest()
    return _DIGESTS[key]


_DIGESTS: dict[tuple[tuple[str, int, int], ...], str] = {}


def kb_metadata(kb: KnowledgeBase) -> dict[str, str]:
    """What every export says about the data behind it."""
    out = {
        "foederis_version": __version__,
        "kb_digest": kb_digest(kb),
        "kb_treaties": str(len(kb.treaties)),
        "atop_layer": str(kb.atop_layer) if kb.atop_layer else "none",
    }
    if kb.atop_layer:
        out["atop_coded_by"] = str(kb.atop_header.get("coded_by", ""))
        out["atop_citation"] = str(kb.atop_header.get("citation", ""))
    return out


def provenance(day: date, kb: KnowledgeBase | None = None) -> dict[str, str]:
    return {
        **(kb_metadata(kb) if kb is not None else {}),
        "foederis_version": __version__,
        "as_of": day.isoformat(),
        "unit": "directed_obligation",
        "source": "foederis knowledge base (src/foederis/data/treaties); every row's "
        "treaty file lists its sources",
    }


def write_obligations(kb: KnowledgeBase, day: date, fmt: str, output: Path | None) -> None:
    rows = [o.to_json() for o in directed_obligations(kb, day)]
    if fmt == "json":
        text = json.dumps({"metadata": provenance(day, kb), "obligations": rows}, indent=2)
        _emit(text + "\n", output)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        _emit(buf.getvalue(), output)
        if output is not None:
            sidecar = output.with_suffix(output.suffix + ".meta.json")
            sidecar.write_text(json.dumps(provenance(day, kb), indent=2) + "\n", encoding="utf-8")
    elif fmt == "parquet":
        if output is None:
            raise FoederisError("parquet needs a file", "add --output obligations.parquet")
        _parquet(rows, provenance(day, kb), output)
    else:  # pragma: no cover - the CLI restricts the choices
        raise FoederisError(f"unknown format {fmt}")


def _parquet(rows: list[dict[str, Any]], metadata: dict[str, str], output: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in COLUMNS})
    meta = {k.encode(): v.encode() for k, v in metadata.items()}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
    pq.write_table(table, output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def dyad_metadata(kb: KnowledgeBase, start: int, end: int, all_dyads: bool) -> dict[str, str]:
    from foederis.exports.dyads import FIRST_YEAR, atop_last_year

    last = atop_last_year(kb)
    return {
        **kb_metadata(kb),
        "unit": "directed_dyad_year",
        "columns": "ccode1, ccode2, year, atop_* as peacesciencer's create_dyadyears() |> "
        "add_atop_alliance() (ATOP's coding, from the ATOP layer; empty where ATOP does not "
        "cover the year or no layer is imported); iso3_1, iso3_2; foederis_* and "
        "foederis_treaties (foederis's reading: curated files over the ATOP layer)",
        "atop_years": f"{FIRST_YEAR}-{last}" if last is not None else "none (no ATOP layer)",
        "years": f"{start}-{end}",
        "rows": "every dyad-year of the COW state system, and every dyad-year with an obligation"
        if all_dyads
        else "dyads with an obligation in force at any time in the year",
    }
