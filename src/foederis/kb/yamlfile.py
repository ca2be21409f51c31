"""Strict YAML reading that remembers where every value came from.

PyYAML composes a node tree (with line marks); we build plain Python values from it and a
map from each value's path (e.g. ``("parties", 3, "joined")``) to its 1-based line, so that
a validation error can name the file, the line and the field. Dates stay text (the model
parses them, so ``2024-02-30`` is an error, not a silent ``datetime``), and duplicate keys
are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from foederis.errors import Problem, display_path

try:  # the C parser when available: same nodes, faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class YamlDoc:
    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: PathKey) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None

    def problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        return Problem(self.file, self.line_of(path), dotted(path), message, hint)


def dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def read_yaml(path: Path) -> YamlDoc:
    name = display_path(path)
    doc = YamlDoc(file=name, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(
            Problem(name, None, "(file)", f"not UTF-8 text ({exc.reason})", "save as UTF-8")
        )
        return doc
    except OSError as exc:
        doc.problems.append(Problem(name, None, "(file)", f"cannot read: {exc.strerror}"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "malformed YAML"
        doc.problems.append(
            Problem(
                name,
                line,
                "(syntax)",
                f"malformed YAML: {what}",
                "check indentation and quoting on this line",
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(name, None, "(syntax)", f"malformed YAML: {exc}"))
        return doc
    if node is None:
        doc.problems.append(Problem(name, 1, "(file)", "the file is empty"))
        return doc
    doc.data = _build(node, (), doc)
    return doc


def _build(node: yaml.Node, path: PathKey, doc: YamlDoc) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            key = str(key) if not isinstance(key, str) else key
            child = (*path, key)
            if key in out:
                doc.problems.append(
                    Problem(
                        doc.file,
                        key_node.start_mark.line + 1,
                        dotted(child),
                        "duplicate key",
                        "each key may appear once in a mapping",
                    )
                )
                continue
            doc.lines[child] = key_node.start_mark.line + 1
            out[key] = _build(value_node, child, doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag.endswith((":timestamp", ":str")):
        return node.value  # dates stay text: the model validates them
    return _SCALARS.construct_object(node, deep=True)
