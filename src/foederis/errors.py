"""The one exception hierarchy of foederis: every error a user can cause is a FoederisError.

    FoederisError                 every error a user can cause; .message and .hint
    ├── KBError                   the knowledge base (treaty or area files) is wrong
    │   └── KBValidationError     one or more Problems, each with file, line, field
    ├── UnknownStateError         a state code or name the registry does not know
    ├── UnknownTreatyError        a treaty id that is not in the KB
    ├── UnknownAreaError          a place that is not in the gazetteer
    └── UsageError                one input field is wrong (.field names it)
        ├── ScenarioError         a scenario field (CLI option or API field)
        └── ReviewError           a news proposal that does not exist or was decided

The CLI prints each as ``error: message`` plus ``hint: ...`` (foederis.cli.report_error);
the HTTP API turns them into 4xx JSON bodies (foederis.web.errors). ``did_you_mean`` is the
one builder of "did you mean …?" hints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from foederis.model.record import record


class FoederisError(Exception):
    """Base class: a message for the user plus a hint on what to do next."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


def did_you_mean(candidates: Iterable[str], otherwise: str | None = None) -> str | None:
    """``did you mean A, B or C?`` for the candidates; ``otherwise`` when there are none."""
    items = list(dict.fromkeys(candidates))
    if not items:
        return otherwise
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
    return f"did you mean {listed}?"


def close_matches(word: str, options: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """The options most like ``word`` (case-insensitive), best first."""
    import difflib

    opts = list(options)
    lowered = {o.lower(): o for o in opts}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=cutoff)
    return [lowered[f] for f in found]


@record(frozen=True, slots=True)
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


class UnknownStateError(FoederisError):
    """A state code or name the registry does not know.

    ``code`` is the text that failed; ``suggestions`` are ISO3 codes of likely matches
    (the hint names them: "did you mean PRK (North Korea)?").
    """

    def __init__(self, code: str, suggestions: Iterable[str] = (), hint: str | None = None):
        self.code = code
        self.suggestions: list[str] = list(suggestions)
        if hint is None:
            from foederis import states

            labels = [
                f"{c} ({states.get(c).name})" if states.is_known(c) else c for c in self.suggestions
            ]
            hint = did_you_mean(labels, "use an ISO3 code or a name; `foederis states` lists them")
        super().__init__(f"unknown state '{code}'", hint)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.code, self.suggestions, self.hint))


class UnknownTreatyError(FoederisError):
    def __init__(self, treaty_id: str, suggestions: Sequence[str]) -> None:
        self.treaty_id = treaty_id
        self.suggestions = list(suggestions)
        hint = did_you_mean(suggestions, "run `foederis treaties` to list the treaty ids")
        super().__init__(f"unknown treaty '{treaty_id}'", hint)


class UnknownAreaError(FoederisError):
    def __init__(self, area: str, suggestions: Sequence[str]) -> None:
        self.area = area
        self.suggestions = list(suggestions)
        hint = did_you_mean(
            suggestions, "run `foederis areas` to list the places the gazetteer knows"
        )
        super().__init__(f"unknown place '{area}'", hint)


class UsageError(FoederisError):
    """One input field is wrong. ``field`` names it as the user wrote it (``--date``, ``STATE``,
    or a JSON key); ``reason`` is the message without the field; ``message`` has both."""

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}", hint)

    def renamed(self, field: str) -> UsageError:
        """The same error, naming the field as another interface calls it (``--target``)."""
        new = type(self).__new__(type(self))
        UsageError.__init__(new, field, self.reason, self.hint)
        return new

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.reason, self.hint))


class ScenarioError(UsageError):
    """A scenario field is invalid; ``field`` names it (CLI option or JSON key)."""


class ReviewError(UsageError):
    """A news proposal that does not exist or was already decided."""


def unknown_choice(field: str, value: object, allowed: Sequence[str]) -> UsageError:
    """The error for a value outside a fixed vocabulary: names the valid values."""
    close = close_matches(str(value), allowed, n=1, cutoff=0.6)
    hint = f"allowed: {', '.join(allowed)}"
    if close:
        hint = f"{did_you_mean(close)} {hint}"
    return UsageError(field, f"'{value}' is not allowed", hint)


def display_path(path: Path | str) -> str:
    """A short path for messages: relative to the working directory when possible."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
