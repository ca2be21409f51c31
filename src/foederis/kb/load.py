"""Treaty and area files → validated model objects, with every problem located.

Layers: the built-in KB (``foederis/data``) first, then each user directory given with
``--kb`` or the ``FOEDERIS_KB`` environment variable (``os.pathsep``-separated), in order.
A later layer may add treaties or replace a treaty of an earlier layer with the same id;
two files with the same id in one layer are an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from foederis.errors import Problem
from foederis.kb.yamlfile import PathKey, YamlDoc, read_yaml
from foederis.model.area import Area, AreaFile
from foederis.model.treaty import Source, Treaty

M = TypeVar("M")


@dataclass
class LoadedTreaty:
    treaty: Treaty
    doc: YamlDoc
    path: Path
    layer: int


@dataclass
class RawKB:
    """What was read, before KB-wide checks: treaties by id, areas by id, problems."""

    treaties: dict[str, LoadedTreaty] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    area_docs: dict[str, tuple[YamlDoc, PathKey]] = field(default_factory=dict)
    area_sources: list[tuple[YamlDoc, list[Source]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_layers(layers: Iterable[Iterable[Path]]) -> RawKB:
    raw = RawKB()
    for layer_no, files in enumerate(layers):
        seen_here: dict[str, Path] = {}
        for path in files:
            doc = read_yaml(path)
            raw.problems.extend(doc.problems)
            if doc.data is None:
                continue
            if not isinstance(doc.data, dict):
                raw.problems.append(doc.problem((), "a treaty or area file must be a mapping"))
                continue
            if "areas" in doc.data and "id" not in doc.data:
                _add_areas(raw, doc)
                continue
            treaty = _to_model(Treaty, doc, raw.problems)
            if treaty is None:
                continue
            if treaty.id in seen_here:
                raw.problems.append(
                    doc.problem(
                        ("id",),
                        f"duplicate treaty id '{treaty.id}' (also in {seen_here[treaty.id]})",
                        "every treaty id must be unique; rename one of them",
                    )
                )
                continue
            seen_here[treaty.id] = path
            raw.treaties[treaty.id] = LoadedTreaty(treaty, doc, path, layer_no)
    return raw


def _add_areas(raw: RawKB, doc: YamlDoc) -> None:
    area_file = _to_model(AreaFile, doc, raw.problems)
    if area_file is None:
        return
    raw.area_sources.append((doc, area_file.sources))
    for i, area in enumerate(area_file.areas):
        if area.id in raw.areas and raw.area_docs[area.id][0].file == doc.file:
            raw.problems.append(doc.problem(("areas", i, "id"), f"duplicate area id '{area.id}'"))
            continue
        raw.areas[area.id] = area
        raw.area_docs[area.id] = (doc, ("areas", i))


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def _to_model(model: type[M], doc: YamlDoc, problems: list[Problem]) -> M | None:
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "expected a mapping of keys to values"))
        return None
    try:
        result: M = _adapter(model).validate_python(doc.data)
        return result
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(_problem_from_pydantic(doc, err))
        return None


def _problem_from_pydantic(doc: YamlDoc, err: Any) -> Problem:
    loc: PathKey = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    # pydantic adds the matching type name for unions (e.g. "list[str]"): drop those parts
    path: PathKey = tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and ("[" in p or p in ("literal['all']", "str", "int", "bool", "date", "none"))
        )
    )
    kind = err["type"]
    msg = str(err["msg"])
    hint: str | None = None
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        msg = "unknown key"
        hint = "see docs/kb-format.md for the keys this entry takes (check the spelling)"
    elif kind == "missing":
        msg = "required key is missing"
        hint = "see docs/kb-format.md"
    elif kind.startswith("date"):
        msg = f"not a valid date: {err.get('input')!r} ({msg})"
        hint = "dates are YYYY-MM-DD and must exist in the calendar"
    elif kind == "enum" or kind == "literal_error":
        msg = f"{err.get('input')!r} is not allowed ({msg})"
    return doc.problem(path, msg, hint)
