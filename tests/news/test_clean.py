"""Stage 2: boilerplate removed, article bodies intact (checked on the seed articles
without copying their text: by patterns and by line lengths)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foederis.news import boilerplate as bp
from foederis.news.clean import CleanResult, clean
from foederis.news.read import RawDocument, read_paths
from foederis.news.textutil import key, word_count

# reasons for which a long line may go: a site's self-description, a standfirst that
# repeats the first paragraph, a photo caption, a long headline in an "other news" list
LONG_LINE_REASONS = {"publisher", "duplicate", "caption", "headline-list"}


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, tuple[RawDocument, CleanResult]]:
    out = {}
    for raw in read_paths([seeds_dir]):
        assert isinstance(raw, RawDocument)
        out[raw.path.name[:3]] = (raw, clean(raw.text, raw.title))
    return out


def test_long_lines_are_kept(cleaned: dict[str, tuple[RawDocument, CleanResult]]) -> None:
    for name, (raw, result) in cleaned.items():
        kept = set(result.text.split("\n"))
        for line in raw.text.splitlines():
            line = line.strip()
            if word_count(line) >= 20 and line not in kept:
                reason = next(r.reason for r in result.removed if r.text == line)
                assert reason in LONG_LINE_REASONS, (name, reason, line[:60])


def test_truncated_last_sentence_is_kept(
    cleaned: dict[str, tuple[RawDocument, CleanResult]],
) -> None:
    # the copy on the third site stops mid-sentence before its "Read more" link
    raw, result = cleaned["002"]
    lines = [ln.strip() for ln in raw.text.splitlines() if ln.strip()]
    read_more = next(i for i, ln in enumerate(lines) if ln.startswith("Read more"))
    assert lines[read_more - 1] in result.text.split("\n")
    assert not lines[read_more - 1].endswith(".")


def test_copies_keep_the_same_body(cleaned: dict[str, tuple[RawDocument, CleanResult]]) -> None:
    original = key(cleaned["000"][1].text)
    for line in cleaned["002"][1].text.split("\n"):
        assert key(line) in original, line[:60]


@pytest.mark.parametrize(
    ("name", "gone", "reason"),
    [
        ("000", r"(?m)^\s*OTHER NEWS\s*$", "headline-list"),
        ("000", r"(?m)^\s*\d+ minutes ago\s*$", "timestamp"),
        ("000", r"(?m)^By", "byline"),
        ("001", r"(?i)sign (?:up|in)|download the app|one app|start reading|days free", "prompt"),
        ("001", r"(?m)^Top News$", "repeated"),
        ("002", r"(?i)registration certificate|owner:|^contacts$", "contact-block"),
        ("002", r"(?i)read more on", "read-more"),
        ("003", r"(?i)welcome to", "publisher"),
        ("004", r"(?i)also read", "read-more"),
    ],
)
def test_boilerplate_is_removed(
    cleaned: dict[str, tuple[RawDocument, CleanResult]], name: str, gone: str, reason: str
) -> None:
    raw, result = cleaned[name]
    assert re.search(gone, raw.text, re.MULTILINE), "the pattern must be in the raw text"
    assert not re.search(gone, result.text, re.MULTILINE)
    assert reason in result.removed_by_reason()


def test_titles_are_removed_everywhere(cleaned: dict[str, tuple[RawDocument, CleanResult]]) -> None:
    for name, (raw, result) in cleaned.items():
        assert raw.title
        assert raw.title not in result.text.split("\n"), name
    raw, result = cleaned["000"]
    assert result.removed_by_reason()["title"] == raw.text.count(raw.title or "") == 3


def test_counts_add_up(cleaned: dict[str, tuple[RawDocument, CleanResult]]) -> None:
    for raw, result in cleaned.values():
        total = sum(len(ln.strip()) for ln in raw.text.splitlines())
        assert result.kept_chars + result.removed_chars == total
        assert result.kept_chars == len(result.text) - result.text.count("\n")
    assert cleaned["000"][1].removed_chars > 3000  # the headline list


def test_no_prompt_survives(cleaned: dict[str, tuple[RawDocument, CleanResult]]) -> None:
    for _, result in cleaned.values():
        for line in result.text.split("\n"):
            assert not (word_count(line) <= 20 and bp.PROMPT.search(line.lower())), line


def test_synthetic_page() -> None:
    page = "\n".join(
        [
            "Sign up for our newsletter",
            "Top News",
            "World",
            "A Pact Is Signed Between Two States",
            "By Jane Roe Reuters",
            "June 20, 2024",
            "Two states signed a mutual defense pact on Thursday, their ministries said in a joint"
            " statement released in both capitals.",
            "The pact commits each side to help the other if attacked, officials said on Friday.",
            "OTHER NEWS",
            "3 minutes ago",
            "Something else happened somewhere",
            "Download the app",
        ]
    )
    result = clean(page, "A Pact Is Signed Between Two States")
    assert result.text.split("\n") == page.split("\n")[6:8]


def test_lower_cased_patterns_have_no_capitals() -> None:
    """The chrome patterns matched on the lower-cased line must not need a capital (one
    would never match): checked on their text, escapes such as \\S aside."""
    for name in (
        "PROMPT",
        "READ_MORE",
        "METADATA",
        "PUBLISHER",
        "CONTACT_LINE",
        "POSES",
        "CAPTION",
    ):
        pattern: re.Pattern[str] = getattr(bp, name)
        assert not pattern.flags & re.IGNORECASE, name
        assert not re.search(r"[A-Z]", re.sub(r"\\.", "", pattern.pattern)), name


@pytest.mark.parametrize(
    "line,reason",
    [
        ("SIGN UP FOR OUR NEWSLETTER", "prompt"),
        ("Read More", "read-more"),
        ("UPDATED: 3 hours", "metadata"),
        ("The minister poses for a photo in Manila (Reuters Photo", "caption"),
        ("Copyright © Example Media", "prompt"),
    ],
)
def test_chrome_in_any_case(line: str, reason: str) -> None:
    assert bp.chrome_reason(line) == reason
