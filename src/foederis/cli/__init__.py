"""The `foederis` command line: one package, one error reporter, one renderer per format.

Layout
    __init__.py  ``main``: dispatch. ``check``/``cascade`` and ``--version`` take the fast path
                 (argparse, no typer/rich import: a fresh ``foederis check`` starts in little
                 more than the interpreter's own time, see benchmarks/bench_engine.py);
                 everything else runs through the typer app. Read-only commands
                 (``READ_ONLY``) start with the garbage collector paused and end without
                 the interpreter's teardown (``main``'s docstring says why).
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

import gc
import os
import sys

FAST = ("check", "cascade")

#: Commands that only read (the KB and its compiled copy) and write to stdout and stderr.
#: ``main`` runs them without the cyclic garbage collector and ends their process without
#: the interpreter's teardown (see ``main``).
READ_ONLY = frozenset({*FAST, "allies", "show", "treaties", "--help", "-h", "--version", "-V"})

_gc_paused = False


def main(argv: list[str] | None = None) -> None:
    """Console entry point (``foederis = "foederis.cli:main"``).

    For a read-only command (``READ_ONLY``, or no command: the help) in a fresh process,
    two costs that buy nothing are skipped, both measured by benchmarks/bench_engine.py:

    * start-up allocates only long-lived objects (modules, the unpickled KB), so the cyclic
      garbage collector is paused until the KB is loaded (``resume_gc``; a read-only
      command that never calls it runs to its end without collection: it is short and
      makes little cyclic garbage);
    * once the output is flushed, the process ends with ``os._exit``: the interpreter's
      teardown would free every object of the KB one by one (about 15 ms) and there is
      nothing left to write or close (no atexit handler is registered on these paths).
      If flushing fails (a closed pipe), the normal exit runs and reports as before.
    """
    global _gc_paused
    args = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:  # started with standard output closed (``foederis ... >&-``)
        if sys.stderr is not None:
            sys.stderr.write(
                "error: standard output is closed, so foederis has nowhere to print\n"
                "hint: redirect it instead, e.g. > answer.txt or > /dev/null\n"
            )
        sys.exit(1)
    quick = not args or args[0] in READ_ONLY
    if quick and gc.isenabled():
        gc.disable()
        _gc_paused = True
    code = run(args)
    if quick:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:  # None when the process was started without it
                    stream.flush()
        except (OSError, ValueError):
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def resume_gc() -> None:
    """Re-enable the collector paused by ``main`` (no-op otherwise). What was allocated so
    far (modules, the KB) is moved to the permanent generation first (``gc.freeze``), so
    later collections do not walk it again."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def run(args: list[str]) -> int:
    """Run one command line; returns the exit code. Every FoederisError goes to report_error."""
    from foederis.cli.report import report_error
    from foederis.errors import FoederisError

    try:
        if args and args[0] in FAST:
            from foederis.cli.fast import run as run_fast

            return run_fast(args[0], args[1:])
        if args[:2] == ["export", "dyad-years"]:
            from foederis.cli.fast import export_dyad_years

            code = export_dyad_years(args[2:])
            if code is not None:
                return code
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
