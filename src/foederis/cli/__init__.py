"""The `foederis` command line: one package, one error reporter, one renderer per format.

Layout
    __init__.py  ``main``: dispatch. ``check``/``cascade`` and ``--version`` take the fast path
                 (argparse, no typer/rich import: a fresh ``foederis check`` starts in little
                 more than the interpreter's own time, see benchmarks/bench_engine.py);
                 everything else runs through the typer app.
    fast.py      ``check`` and ``cascade`` (argparse).
    app.py       every other command (typer).
    text.py      every plain-text renderer (tables never wrap: piped output is full width)
                 and the one help layout both parsers use.
    output.py    the JSON renderer (``emit_json``) shared by every ``--format json``.
    report.py    ``report_error(exc) -> exit code``: the one place that prints errors.

Errors: commands raise ``foederis.errors.FoederisError`` subclasses (``UsageError(field,
message, hint)`` for a bad argument); ``main`` hands them to ``report_error``, which prints
``error: …`` and ``  hint: …`` on stderr and returns 1. No command prints its own errors
and no user error ends in a traceback.

Adding a command (e.g. ``foederis sources``)
    1. In app.py, write a function decorated with ``@command()`` (or ``@command(export_app)``
       for ``foederis export …``). Its docstring is the help text. Use the shared options
       (``FormatOpt``, ``KbOpt``, ``DateOpt``, ``DbOpt``), give every other option a
       ``metavar`` and a help sentence, and parse user values with ``state_arg``/``day_arg``/
       ``choice_arg`` (they raise UsageError naming the option).
    2. Compute with the library (no logic in the CLI), then render: ``emit_json(data)`` for
       ``--format json`` and a function in text.py returning a ``str`` for text. Empty results
       say why they are empty (``text.empty``).
    3. Add a subprocess test in tests/test_cli.py (``-h`` works, ``--format json`` parses,
       a bad value is one ``error:`` line with a hint). tests/test_cli_help.py checks every
       registered command for ``-h``, metavars and help sentences automatically.
"""

from __future__ import annotations

import sys

FAST = ("check", "cascade")


def main(argv: list[str] | None = None) -> None:
    """Console entry point (``foederis = "foederis.cli:main"``)."""
    sys.exit(run(sys.argv[1:] if argv is None else list(argv)))


def run(args: list[str]) -> int:
    """Run one command line; returns the exit code. Every FoederisError goes to report_error."""
    from foederis.cli.report import report_error
    from foederis.errors import FoederisError

    try:
        if args and args[0] in FAST:
            from foederis.cli.fast import run as run_fast

            return run_fast(args[0], args[1:])
        if args and args[0] in ("--version", "-V"):
            from foederis import __version__

            sys.stdout.write(f"foederis {__version__}\n")
            return 0
        from foederis.cli.app import run_app

        return run_app(args)
    except FoederisError as exc:
        return report_error(exc)
    except OSError as exc:
        return report_error(exc)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130


if __name__ == "__main__":  # pragma: no cover
    main()
