"""Console entry point of `foederis`.

`check` and `cascade` go straight to scenario_cli (argparse, plain text or JSON), so the
most-used commands do not pay for importing typer and rich; everything else runs through
the typer app in commands.py. Every user error is printed once as `error: …` with a hint
and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("check", "cascade"):
        from foederis.scenario_cli import run

        sys.exit(run(args[0], args[1:]))
    if args and args[0] == "backtest":
        from foederis.backtest.cli import run as backtest

        sys.exit(backtest(args[1:]))
    from foederis import states
    from foederis.commands import app, err
    from foederis.errors import FoederisError, KBValidationError

    try:
        app(args=args, prog_name="foederis")
    except KBValidationError as exc:
        for p in exc.problems:
            err.print(f"[red]error[/red]: {p}", highlight=False)
        sys.exit(1)
    except FoederisError as exc:
        err.print(f"[red]error[/red]: {exc.message}", highlight=False)
        if exc.hint:
            err.print(f"  hint: {exc.hint}", highlight=False)
        sys.exit(1)
    except states.UnknownStateError as exc:
        err.print(f"[red]error[/red]: {str(exc).strip(chr(39) + chr(34))}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
