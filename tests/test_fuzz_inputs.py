"""Fuzzing the two readers of untrusted files (issue 9): the treaty loader (`validate`,
`--kb`) on mutations of the real treaty files, and the news reader on mutations of the
seed articles and on made-up Markdown/HTML. Each mutated input must give a clear error
(located problems, a skipped file with a reason) or a valid result: never an exception,
never a hang, never unbounded memory.

The hypothesis runs happen in a child process under limits: an address-space limit
(RLIMIT_AS), an alarm per example and a timeout for the whole run, so that a hang or a
memory blow-up fails the test instead of stalling CI. CI runs a few dozen examples per
reader; a soak run takes many more: ``FOEDERIS_SOAK=1`` (or ``FOEDERIS_FUZZ_EXAMPLES=N``),
see docs/security.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
TREATIES = REPO / "src" / "foederis" / "data" / "treaties"
SOAK = os.environ.get("FOEDERIS_SOAK") == "1"
EXAMPLES = int(os.environ.get("FOEDERIS_FUZZ_EXAMPLES", "400" if SOAK else "25"))
PER_EXAMPLE_SECONDS = 20  # one example must finish in this time (a hang fails)
MEMORY_BYTES = 3 * 1024**3  # address space of the child process

# pieces that YAML, Markdown, HTML and our own checks treat specially
TOKENS = [
    "&a ", "*a", "!!int ", "!!python/object:os.system ", "!foo ", "<<: *a\n", "[", "]", "{",
    "}", ": ", "- ", "\n", "  ", "\t", "'", '"', "#", "---\n", "...\n", "? ", "|\n", ">-\n",
    "%YAML 1.1\n", "\x00", "\ufeff", "\u202e", "9" * 60, "nzl", " USA", "2024-02-30",
    "0000-00-00", "null", "~", "yes", "1e400", ".inf", "[/]", ":100:", "<script>x</script>",
    "<!--", "<html><body><p>", "</p>", "```\n", "# ", "](javascript:x)", "\r\n", "é", "😀",
]  # fmt: skip


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


@st.composite
def mutated(draw: Any, sources: list[Path]) -> tuple[str, str]:
    """A real file, changed by 1-5 random edits (insert a token or random text, delete a
    span, duplicate or drop a line)."""
    path = draw(st.sampled_from(sources))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["token", "text", "delete", "dup", "drop"]))
        pos = draw(st.integers(0, len(text)))
        if op == "token":
            text = text[:pos] + draw(st.sampled_from(TOKENS)) + text[pos:]
        elif op == "text":
            text = text[:pos] + draw(st.text(max_size=40)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 200)) :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i:i] = [lines[i]] * (8 if op == "dup" else 0)
            if op == "drop":
                del lines[i]
            text = "\n".join(lines)
    return path.name, text


@st.composite
def made_up_article(draw: Any) -> tuple[str, str]:
    front = draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=20), max_size=8))
    body = draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=60), max_size=20))
    suffix = draw(st.sampled_from([".md", ".html", ".txt"]))
    head = "---\ntitle: " + "".join(front) + "\n---\n" if draw(st.booleans()) else ""
    return f"made-up{suffix}", head + "".join(body)


def _alarm(seconds: int) -> Callable[[], None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"one example ran longer than {seconds} s (a hang)")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    return lambda: signal.alarm(0)


# ---- the checks (run in the child process) ----------------------------------------------


def fuzz_treaty_loader() -> None:
    from foederis.errors import Problem
    from foederis.kb import validate_paths

    sources = _files(TREATIES, "*.yaml")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated(sources))
    def one(case: tuple[str, str]) -> None:
        name, text = case
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / name
            f.write_text(text, encoding="utf-8", errors="surrogatepass")
            stop = _alarm(PER_EXAMPLE_SECONDS)
            try:
                problems = validate_paths([f])
            finally:
                stop()
            for p in problems:  # a clear error: located in this file, with a message
                assert isinstance(p, Problem) and p.message, p
                assert p.file.endswith(name), p

    one()


def fuzz_news_reader() -> None:
    from foederis.news.clean import clean
    from foederis.news.read import RawDocument, ReadError, read_file

    sources = _files(SEEDS, "*.txt")
    strategy = made_up_article() | mutated(sources) if sources else made_up_article()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy, st.sampled_from([".txt", ".md", ".html"]))
    def one(case: tuple[str, str], suffix: str) -> None:
        name, text = case
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / (Path(name).stem + suffix)
            f.write_bytes(text.encode("utf-8", errors="surrogatepass"))
            stop = _alarm(PER_EXAMPLE_SECONDS)
            try:
                doc = read_file(f)
                if isinstance(doc, RawDocument):
                    clean(doc.text, doc.title)
            finally:
                stop()
            assert isinstance(doc, (RawDocument, ReadError))
            if isinstance(doc, ReadError):
                assert doc.reason and "could not be read" not in doc.reason, doc.reason
            else:
                assert doc.title is None or len(doc.title) <= 10_000

    one()


CHECKS = {"treaty-loader": fuzz_treaty_loader, "news-reader": fuzz_news_reader}


# ---- the tests (run the checks in a child under limits) -----------------------------------


def _limits() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
@pytest.mark.parametrize("check", sorted(CHECKS))
def test_fuzz_never_raises_hangs_or_blows_up(check: str) -> None:
    if check == "news-reader" and not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS} (only made-up articles fuzzed)")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    proc = subprocess.run(
        [sys.executable, __file__, check],
        env=env,
        capture_output=True,
        text=True,
        timeout=PER_EXAMPLE_SECONDS * EXAMPLES + 120,
        preexec_fn=_limits,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-8000:]
    assert "ok " + check in proc.stdout


if __name__ == "__main__":
    CHECKS[sys.argv[1]]()
    print("ok " + sys.argv[1])
