"""The JSON renderer of the command line: one encoder for every ``--format json``."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON (dates as ISO strings) and a newline."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n")


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    return str(value)


def emit_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
