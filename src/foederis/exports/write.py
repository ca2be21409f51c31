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


def provenance(day: date) -> dict[str, str]:
    return {
        "foederis_version": __version__,
        "as_of": day.isoformat(),
        "unit": "directed_obligation",
        "source": "foederis knowledge base (src/foederis/data/treaties); every row's "
        "treaty file lists its sources",
    }


def write_obligations(kb: KnowledgeBase, day: date, fmt: str, output: Path | None) -> None:
    rows = [o.to_json() for o in directed_obligations(kb, day)]
    if fmt == "json":
        text = json.dumps({"metadata": provenance(day), "obligations": rows}, indent=2)
        _emit(text + "\n", output)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        _emit(buf.getvalue(), output)
        if output is not None:
            sidecar = output.with_suffix(output.suffix + ".meta.json")
            sidecar.write_text(json.dumps(provenance(day), indent=2) + "\n", encoding="utf-8")
    elif fmt == "parquet":
        if output is None:
            raise FoederisError("parquet needs a file", "add --output obligations.parquet")
        _parquet(rows, day, output)
    else:  # pragma: no cover - the CLI restricts the choices
        raise FoederisError(f"unknown format {fmt}")


def _parquet(rows: list[dict[str, Any]], day: date, output: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in COLUMNS})
    meta = {k.encode(): v.encode() for k, v in provenance(day).items()}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
    pq.write_table(table, output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
