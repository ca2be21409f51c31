"""``report_error``: the one place the command line prints an error (message, then hint)."""

from __future__ import annotations

import sys

from foederis.errors import FoederisError, KBValidationError, display_path


def report_error(exc: BaseException) -> int:
    """Print ``error: …`` (and ``  hint: …``) on stderr for a user error; the exit code (1).

    KB problems are listed one per line (file:line: field: message); OS errors name the
    file and the reason without a traceback.
    """
    lines: list[str] = []
    if isinstance(exc, KBValidationError):
        lines = [f"error: {p}" for p in exc.problems]
        if len(exc.problems) > 1:
            lines.append(f"{len(exc.problems)} problems")
    elif isinstance(exc, FoederisError):
        lines = [f"error: {exc.message}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    elif isinstance(exc, OSError):
        where = f"{display_path(exc.filename)}: " if exc.filename else ""
        lines = [f"error: {where}{exc.strerror or exc}"]
        lines.append("  hint: check the path and its permissions")
    else:
        lines = [f"error: {exc}"]
    sys.stderr.write("".join(line + "\n" for line in lines))
    return 1
