"""Where the coded ATOP layer lives (light: no imports beyond the standard library, so the
KB loader can ask cheaply whether there is a layer).

``--atop FILE`` where a command takes it, else ``FOEDERIS_ATOP`` (``off`` disables the
layer), else ``$XDG_DATA_HOME/foederis/atop-layer.json`` (default
``~/.local/share/foederis/atop-layer.json``) when that file exists.
"""

from __future__ import annotations

import os
from pathlib import Path

LAYER_ENV = "FOEDERIS_ATOP"
LAYER_FORMAT = "foederis-atop-layer/2"  # 2: ATOP's member spells (atop_* columns)


def default_layer_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "foederis" / "atop-layer.json"


def layer_path(explicit: Path | None = None) -> Path | None:
    """The layer file to use: ``explicit``, else ``FOEDERIS_ATOP`` (``off``: none), else
    the default path when it exists; None when there is no layer."""
    if explicit is not None:
        return explicit
    env = os.environ.get(LAYER_ENV, "").strip()
    if env.lower() == "off":
        return None
    if env:
        return Path(env)
    path = default_layer_path()
    return path if path.is_file() else None
