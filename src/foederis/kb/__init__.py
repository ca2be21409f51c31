"""The knowledge base: validated treaties and gazetteer, loaded from YAML layers.

kb = load_kb()                     # built-in KB (+ FOEDERIS_KB directories)
kb = load_kb([Path("my-kb")])      # + a user's own directory on top
kb.treaty("nato").members_on(date(2026, 1, 1))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from datetime import date
from functools import cache
from pathlib import Path

from foederis import cache as compiled
from foederis.errors import (
    KBValidationError,
    Problem,
    UnknownAreaError,
    UnknownTreatyError,
    close_matches,
)
from foederis.kb.files import BUILTIN_DIR, builtin_files, layer_files, scan_yaml, user_dirs
from foederis.model.area import Area
from foederis.model.record import record
from foederis.model.treaty import Treaty

__all__ = ["BUILTIN_DIR", "KnowledgeBase", "load_kb", "treaty_summary", "validate_paths"]


@record
class KnowledgeBase:
    """The validated treaties and gazetteer, with the file each treaty came from."""

    treaties: dict[str, Treaty]
    areas: dict[str, Area]
    origins: dict[str, Path] = field(default_factory=dict)
    # the coded ATOP layer under the curated files (foederis.atop.layer): its file, and
    # what the import recorded (source files with digests, notes on what it could not code)
    atop_layer: Path | None = None
    atop_header: dict[str, object] = field(default_factory=dict)

    def treaty(self, treaty_id: str) -> Treaty:
        """A treaty by id, in any case, or by its name, short name or an alias ("NATO",
        "SEATO", "Rio Treaty"); UnknownTreatyError (with suggestions) if none matches."""
        found = self.treaties.get(treaty_id) or self._treaty_names().get(_fold(treaty_id))
        if found is None:
            names = [*self.treaties, *(a for t in self.treaties.values() for a in t.aliases)]
            close = close_matches(treaty_id, names, n=5)
            ids = [self._treaty_names()[_fold(c)].id for c in close]
            raise UnknownTreatyError(treaty_id, list(dict.fromkeys(ids))[:3])
        return found

    def _treaty_names(self) -> dict[str, Treaty]:
        index: dict[str, Treaty] = {}
        for t in self.treaties.values():
            for text in (t.id, t.name, t.short_name, *t.aliases):
                index.setdefault(_fold(text), t)
        return index

    def area(self, area_id: str) -> Area:
        try:
            return self.areas[area_id]
        except KeyError:
            raise UnknownAreaError(area_id, self.suggest_area(area_id)) from None

    def find_area(self, text: str) -> Area | None:
        """An area by id, name or alias (case-insensitive)."""
        key = text.strip().lower().replace(" ", "-")
        if key in self.areas:
            return self.areas[key]
        wanted = text.strip().lower()
        for area in self.areas.values():
            if wanted == area.name.lower() or wanted in (a.lower() for a in area.aliases):
                return area
        return None

    def suggest_area(self, text: str) -> list[str]:
        key = text.strip().lower().replace(" ", "-")
        return close_matches(key, self.areas, n=3)

    def treaties_of(self, state: str) -> list[Treaty]:
        return [t for t in self.treaties.values() if state in t.states()]

    def in_force(self, day: date) -> list[Treaty]:
        return [t for t in self.treaties.values() if t.is_in_force(day)]

    def select(
        self,
        *,
        state: str | None = None,
        day: date | None = None,
        clause_type: str | None = None,
        text: str | None = None,
    ) -> list[Treaty]:
        """Treaties with ``state`` as a party (on ``day``, if given), in force on ``day``,
        with a clause of ``clause_type``, whose id/names/aliases contain ``text``."""
        rows = list(self.treaties.values())
        if state:
            rows = [t for t in rows if state in (t.members_on(day) if day else t.states())]
        if day:
            rows = [t for t in rows if t.is_in_force(day)]
        if clause_type:
            rows = [t for t in rows if any(c.type == clause_type for c in t.clauses)]
        if text and text.strip():
            needle = text.strip().lower()
            rows = [
                t
                for t in rows
                if needle in " ".join([t.id, t.name, t.short_name, *t.aliases]).lower()
            ]
        return rows


def _fold(text: str) -> str:
    from foederis.states import normalize

    return normalize(text)


def treaty_summary(t: Treaty, day: date | None = None) -> dict[str, object]:
    """One treaty as a row of `foederis treaties --format json` and `GET /api/treaties`:
    ``parties`` are the parties on ``day`` when given, else every state ever a party."""
    return {
        "id": t.id,
        "name": t.name,
        "short_name": t.short_name,
        "kind": t.kind.value,
        "signed": t.signed,
        "in_force": t.in_force,
        "ended": t.ended,
        "parties": sorted(t.members_on(day) if day else t.states()),
    }


def _build(dirs: Sequence[Path], atop: Path | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    from foederis.kb.load import read_layers
    from foederis.kb.validate import check_kb

    raw = read_layers(layer_files(dirs))
    problems = raw.problems + check_kb(raw)
    treaties = {tid: lt.treaty for tid, lt in raw.treaties.items()}
    origins = {tid: lt.path for tid, lt in raw.treaties.items()}
    header: dict[str, object] = {}
    if atop is not None:
        _add_coded(treaties, origins, header, atop)
    kb = KnowledgeBase(
        treaties=dict(sorted(treaties.items())),
        areas=raw.areas,
        origins=origins,
        atop_layer=atop,
        atop_header=header,
    )
    return kb, problems


def _add_coded(
    treaties: dict[str, Treaty], origins: dict[str, Path], header: dict[str, object], atop: Path
) -> None:
    """The coded ATOP layer under the curated treaties: a curated treaty with the same
    ``atop_id`` (or id) replaces every coded phase of that alliance."""
    from foederis.atop.layer import read_layer

    coded, head = read_layer(atop)
    curated = {t.atop_id for t in treaties.values() if t.atop_id is not None}
    replaced: list[str] = []
    for t in coded:
        if t.atop_id in curated or t.id in treaties:
            replaced.append(t.id)
            continue
        treaties[t.id] = t
        origins[t.id] = atop
    header.update(head)
    header["replaced_by_curated"] = replaced


def load_kb(extra_dirs: Sequence[Path] | None = None, atop: Path | None = None) -> KnowledgeBase:
    """Load and validate the KB; raises KBValidationError listing every problem.

    ``atop``: the coded ATOP layer file; default: FOEDERIS_ATOP, else the file written by
    ``foederis import atop`` when there is one (foederis.atop.paths)."""
    from foederis.atop.paths import layer_path

    layer = layer_path(atop)
    return _load_cached(
        tuple(Path(d).resolve() for d in user_dirs(extra_dirs)),
        layer.resolve() if layer is not None else None,
    )


@cache
def _load_cached(dirs: tuple[Path, ...], atop: Path | None = None) -> KnowledgeBase:
    files = [f for layer in layer_files(dirs) for f in layer]
    if atop is not None:
        files.append(atop)
        if not atop.is_file():
            from foederis.atop.layer import LayerError

            raise LayerError(
                f"ATOP layer not found: {atop}",
                "run `foederis import atop DIR`, fix FOEDERIS_ATOP, or set FOEDERIS_ATOP=off",
            )
    cached = compiled.read(files)
    if cached is not None:
        return cached
    kb, problems = _build(dirs, atop)
    if problems:
        raise KBValidationError(problems)
    compiled.write(files, kb)
    return kb


def validate_paths(paths: Sequence[Path]) -> list[Problem]:
    """Problems in the given files/directories, validated on top of the built-in KB.

    With no paths, validates the built-in KB (and FOEDERIS_KB directories)."""
    if not paths:
        return _build(tuple(user_dirs()))[1]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return [Problem(str(p), None, "(path)", "no such file or directory") for p in missing]
    from foederis.kb.load import read_layers
    from foederis.kb.validate import check_kb

    user_files: list[Path] = []
    listing: list[Problem] = []
    for p in paths:
        files, problems = scan_yaml(p)
        user_files += files
        listing += problems
    if not user_files:
        return listing + [
            Problem(
                str(p),
                None,
                "(path)",
                "no treaty or area files found (nothing was checked)",
                "treaty files end in .yaml or .yml",
            )
            for p in paths
        ]
    mine = {f.resolve() for f in user_files}
    raw = read_layers([[f for f in builtin_files() if f.resolve() not in mine], user_files])
    problems = raw.problems + check_kb(raw)
    wanted = {str(f) for f in user_files}
    from foederis.errors import display_path

    shown = {display_path(f) for f in wanted}
    return listing + [p for p in problems if p.file in shown]
