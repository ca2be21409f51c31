"""Every command has the same help: -h works, no Python types, every option explained."""

from __future__ import annotations

import re

import pytest
import typer

from foederis.cli import run
from foederis.cli.app import app


def _commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    out: list[list[str]] = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            out += [[name, sub] for sub in subs]
        out.append([name])
    return out


COMMANDS = _commands()


def test_the_list_is_complete() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {"check", "cascade", "treaties", "show", "export dyad-years", "test"} <= names


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_has_one_layout(
    words: list[str], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*words, flag]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"Usage: foederis {' '.join(words)} ")
    assert not re.search(r"<(str|int|bool|list|Path)", text), text  # no Python types
    assert "-h, --help" in text
    options = re.findall(r"^  (-[-\w, ]+?)(?:  |\n)", text, flags=re.M)
    for line in text.splitlines():
        m = re.match(r"^  (--?[\w-]+(?:, --?[\w-]+)*)( [A-Z.\-]+)?\s{2,}(\S.*)?$", line)
        if m and "/" not in line:
            assert m.group(3), f"option without help: {line}"
    assert options


def test_root_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["-h"]) == 0
    text = capsys.readouterr().out
    for words in COMMANDS:
        assert f"  {words[0]} " in text
    assert "-V, --version" in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib
    from pathlib import Path

    from foederis import __version__

    assert run(["--version"]) == 0
    assert capsys.readouterr().out == f"foederis {__version__}\n"
    meta = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert meta["project"]["version"] == __version__


def test_mode_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    run(["cascade", "-h"])
    text = capsys.readouterr().out
    assert "--mode MODE" in text and "escalation" in text and "legal" in text


def test_unknown_option_is_one_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["treaties", "--bogus"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("error: ")
    assert "hint: see `foederis treaties -h`" in err
