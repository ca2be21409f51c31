"""A compiled copy of the validated KB, so that a fresh process does not re-parse and
re-validate every YAML file.

The cache key is a digest of the foederis version and the path, size and modification time
of each input file and of the model and loader code; any edit to any treaty, area or state
file, or to the classes being pickled, makes a new key. The digest is CRC-32 and Adler-32
of that text plus its length (zlib; 64 bits and more): it only has to tell apart the few
copies in one directory, and a fresh `foederis check` does not pay for loading OpenSSL
(``hashlib``, about 2.5 ms of a 90 ms process). The copy is
written only after validation passed, atomically (temp file + rename), and only the newest
few copies of each kind are kept, under
``$FOEDERIS_CACHE_DIR`` or ``~/.cache/foederis``. Set ``FOEDERIS_CACHE_DIR=off`` to
disable it. A cache that cannot be read or written is ignored: the YAML is the truth.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from foederis import __version__

try:  # the C unpickler alone: pickle.py (about 1 ms to import) is needed only to write
    from _pickle import UnpicklingError, load
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    from pickle import UnpicklingError, load

if TYPE_CHECKING:
    from foederis.kb import KnowledgeBase

PACKAGE = Path(__file__).resolve().parent
STATES_FILE = PACKAGE / "data" / "states.yaml"
# the code that shapes the pickled objects: a change here must invalidate the cache


def _python_files(folder: Path) -> list[Path]:
    # os.listdir, not Path.glob: no pattern to compile in a fresh process
    return sorted(folder / n for n in os.listdir(folder) if n.endswith(".py") and n[0] != ".")


MODEL_CODE = _python_files(PACKAGE / "model") + _python_files(PACKAGE / "kb")


def cache_dir() -> Path | None:
    env = os.environ.get("FOEDERIS_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "foederis"


def key(files: Sequence[Path]) -> str:
    parts = [__version__]
    for f in [*files, STATES_FILE, *MODEL_CODE]:
        try:
            st = f.stat()
        except OSError:
            continue
        parts.append(f"{os.path.abspath(f)}\0{st.st_size}\0{st.st_mtime_ns}\n")
    text = "".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def cached_path(kind: str, files: Sequence[Path]) -> Path | None:
    """Where the compiled copy of ``kind`` built from ``files`` lives (None: disabled)."""
    d = cache_dir()
    return None if d is None else d / f"{kind}-{key(files)}.pickle"


def load_pickle(path: Path | None) -> object | None:
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            obj: object = load(fh)
            return obj
    except (
        OSError,
        UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None


def dump_pickle(path: Path | None, obj: object) -> None:
    if path is None:
        return
    import pickle  # only when writing: keeps the read path of a fresh process light
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return
    prune(path)


KEEP = 8  # compiled copies kept per kind (other --kb layers, other versions); older ones go


def prune(path: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently written copies of ``path``'s kind, so the
    cache directory does not grow with every edit of a treaty file or upgrade."""
    kind = path.name.rsplit("-", 1)[0]
    try:
        found = path.parent.glob(f"{kind}-*{path.suffix}")
        same = [p for p in found if p.name.rsplit("-", 1)[0] == kind]
        same.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in same[keep:]:
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return


def read(files: Sequence[Path]) -> KnowledgeBase | None:
    from foederis.kb import KnowledgeBase

    kb = load_pickle(cached_path("kb", files))
    return kb if isinstance(kb, KnowledgeBase) else None


def write(files: Sequence[Path], kb: KnowledgeBase) -> None:
    dump_pickle(cached_path("kb", files), kb)
