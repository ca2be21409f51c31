"""The one exception hierarchy of foederis.

    FoederisError                 every error a user can cause; has .hint
    ├── KBError                   the knowledge base (treaty or area files) is wrong
    │   └── KBValidationError     one or more Problems, each with file, line, field
    ├── UnknownTreatyError        a treaty id that is not in the KB
    ├── UnknownAreaError          a place that is not in the gazetteer
    └── ScenarioError             a scenario field is wrong (CLI option or API field)

Unknown states raise ``foederis.states.UnknownStateError`` (a KeyError), which the CLI and
the HTTP API render the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FoederisError(Exception):
    """Base class: a message for the user plus a hint on what to do next."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one KB file, located to the line and field."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class KBError(FoederisError):
    """The knowledge base could not be loaded."""


class KBValidationError(KBError):
    """A list of problems found while loading or validating KB files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the knowledge base"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))

    def __str__(self) -> str:
        return self.message


class UnknownTreatyError(FoederisError):
    def __init__(self, treaty_id: str, suggestions: list[str]) -> None:
        self.treaty_id = treaty_id
        self.suggestions = suggestions
        hint = (
            f"did you mean {', '.join(suggestions)}?"
            if suggestions
            else "run `foederis treaties` to list the treaty ids"
        )
        super().__init__(f"unknown treaty '{treaty_id}'", hint)


class UnknownAreaError(FoederisError):
    def __init__(self, area: str, suggestions: list[str]) -> None:
        self.area = area
        self.suggestions = suggestions
        hint = (
            f"did you mean {', '.join(suggestions)}?"
            if suggestions
            else "run `foederis areas` to list the places the gazetteer knows"
        )
        super().__init__(f"unknown place '{area}'", hint)


class ScenarioError(FoederisError):
    """A scenario field is invalid; ``field`` names it (CLI option or JSON key)."""

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}", hint)


def display_path(path: Path | str) -> str:
    """A short path for messages: relative to the working directory when possible."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
