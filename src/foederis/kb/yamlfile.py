"""Strict YAML reading that remembers where every value came from.

PyYAML composes a node tree (with line marks); we build plain Python values from it and a
map from each value's path (e.g. ``("parties", 3, "joined")``) to its 1-based line, so that
a validation error can name the file, the line and the field. Dates stay text (the model
parses them, so ``2024-02-30`` is an error, not a silent ``datetime``), and duplicate keys
are errors.

The reader is bounded: anchors, aliases and explicit tags are refused (a 350-byte alias
bomb would otherwise expand to gigabytes), files over MAX_BYTES and nesting deeper than
MAX_DEPTH are refused, and only regular files are opened.
"""

from __future__ import annotations

import stat
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
_RESOLVER = yaml.resolver.Resolver()

MAX_BYTES = 2_000_000  # a treaty file is a few tens of kB: larger files are refused
MAX_DEPTH = 32  # nesting deeper than this is refused


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


def read_yaml(path: Path, max_bytes: int = MAX_BYTES) -> YamlDoc:
    name = display_path(path)
    doc = YamlDoc(file=name, data=None)
    data = read_limited(path, max_bytes, name, doc.problems)
    if data is None:
        return doc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc.problems.append(
            Problem(name, None, "(file)", f"not UTF-8 text ({exc.reason})", "save as UTF-8")
        )
        return doc
    return parse_yaml(text, name)


def read_limited(path: Path, max_bytes: int, name: str, problems: list[Problem]) -> bytes | None:
    """The bytes of a regular file of at most ``max_bytes``, else None and a problem.

    FIFOs, devices and directories are refused before opening (a FIFO would block and
    ``/dev/zero`` never ends); at most ``max_bytes + 1`` bytes are ever read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.append(
                Problem(
                    name,
                    None,
                    "(file)",
                    "not a regular file (a directory, FIFO, socket or device)",
                    "pass a YAML file or a directory of them",
                )
            )
            return None
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        problems.append(Problem(name, None, "(file)", f"cannot read: {exc.strerror or exc}"))
        return None
    if len(data) > max_bytes:
        problems.append(
            Problem(
                name,
                None,
                "(file)",
                f"too large: over {max_bytes:,} bytes",
                "a treaty file is a few tens of kilobytes; split or trim it",
            )
        )
        return None
    return data


def parse_yaml(text: str, name: str) -> YamlDoc:
    """One YAML document from ``text`` (``name`` labels problems). Anchors, aliases and
    explicit tags are refused (an alias bomb of a few hundred bytes would otherwise
    expand to gigabytes), as is nesting deeper than MAX_DEPTH. Never raises for bad
    input: problems are recorded on the returned document, whose ``data`` is then None."""
    doc = YamlDoc(file=name, data=None)
    loader = _Loader(text)
    try:
        doc.data = _compose(loader, doc)
    except _Refused as exc:
        doc.problems.append(exc.problem)
        doc.data = None
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
        doc.data = None
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(name, None, "(syntax)", f"malformed YAML: {exc}"))
        doc.data = None
    finally:
        loader.dispose()
    if doc.data is None and not doc.problems:
        doc.problems.append(Problem(name, 1, "(file)", "the file is empty"))
    return doc


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class _Frame:
    value: dict[str, Any] | list[Any]
    path: PathKey
    key: str = ""  # a mapping's pending key
    has_key: bool = False  # False: the next scalar is a key
    skip: bool = False  # the pending key is a duplicate: its value is built, then dropped


def _compose(loader: Any, doc: YamlDoc) -> Any:
    """Plain values straight from parser events, so that no alias is ever followed."""
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def refuse(event: Any, path: PathKey, message: str, hint: str) -> None:
        line = event.start_mark.line + 1
        raise _Refused(Problem(doc.file, line, dotted(path), message, hint))

    def check(event: Any, path: PathKey) -> None:
        if getattr(event, "anchor", None) is not None:
            refuse(
                event,
                path,
                f"anchors are not allowed (&{event.anchor})",
                "write the value out in full; foederis files use no anchors or aliases",
            )
        if getattr(event, "tag", None) is not None:
            refuse(
                event,
                path,
                f"explicit tags are not allowed ({_short_tag(event.tag)})",
                "remove the tag; quote the value if it should be text",
            )

    def child_path() -> PathKey | None:
        """The path of the value about to be placed, or None when it is a mapping key."""
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if not top.has_key:
            return None
        return (*top.path, top.key)

    def place(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif not top.skip:
            top.value[top.key] = value
        top.has_key = top.skip = False

    while True:
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            return root
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                refuse(event, (), "more than one YAML document", "keep one document per file")
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.AliasEvent):
            refuse(
                event,
                child_path() or (),
                f"aliases are not allowed (*{event.anchor})",
                "write the value out in full; foederis files use no anchors or aliases",
            )
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            place(frame.value)
            continue
        path = child_path()
        line = event.start_mark.line + 1
        if path is None:  # a mapping key
            top = stack[-1]
            check(event, top.path)
            if not isinstance(event, yaml.ScalarEvent):
                refuse(event, top.path, "a key must be plain text", "write keys as words")
            key = _scalar_value(event, top.path, doc)
            key = key if isinstance(key, str) else str(key)
            child = (*top.path, key)
            assert isinstance(top.value, dict)
            if key in top.value:
                doc.problems.append(
                    Problem(
                        doc.file,
                        line,
                        dotted(child),
                        "duplicate key",
                        "each key may appear once in a mapping",
                    )
                )
                top.skip = True
            else:
                doc.lines[child] = line
            top.key, top.has_key = key, True
            continue
        check(event, path)
        doc.lines.setdefault(path, line)
        if isinstance(event, yaml.ScalarEvent):
            place(_scalar_value(event, path, doc))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                refuse(
                    event,
                    path,
                    f"nested deeper than {MAX_DEPTH} levels",
                    "treaty files nest a few levels; check the indentation",
                )
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            stack.append(_Frame(container, path))


def _scalar_value(event: Any, path: PathKey, doc: YamlDoc) -> Any:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag.endswith((":timestamp", ":str")):
        return event.value  # dates stay text: the model validates them
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    try:
        return _SCALARS.yaml_constructors[tag](_SCALARS, node)
    except (ValueError, yaml.YAMLError) as exc:
        raise _Refused(
            Problem(
                doc.file,
                event.start_mark.line + 1,
                dotted(path),
                f"not a valid value: {event.value[:40]!r} ({exc})",
                "quote it if it is meant as text",
            )
        ) from None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


_STANDARD = "tag:yaml.org,2002:"
