"""Stage 2 — remove boilerplate, keep every sentence of the article body.

The text is judged line by line (one paragraph per line): single lines by their own
look (``boilerplate.chrome_reason``), then by context: the title and its repeats, short
lines repeated on the page, headline lists after an "OTHER NEWS" heading, a publisher's
contact block, navigation above the headline, a run of prompts and links at the foot,
and paragraphs that repeat a longer one (a standfirst copied from the first paragraph).

Counts are of the characters of non-blank lines (surrounding whitespace excluded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from foederis.news import boilerplate as bp
from foederis.news.textutil import key

LONG_LINE_WORDS = 12  # a line this long is article text unless a pattern says otherwise
LIST_ITEM_MAX_WORDS = 40
CONTACT_ITEM_MAX_WORDS = 15
SHORT_REPEAT_MAX_WORDS = 12
DUPLICATE_MIN_WORDS = 8
FOOTER_ITEM_MAX_WORDS = 6

_Mark = Callable[[int, str], None]


@dataclass(frozen=True, slots=True)
class Removed:
    line: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str
    kept_chars: int
    removed_chars: int
    removed: list[Removed] = field(default_factory=list)

    def removed_by_reason(self) -> dict[str, int]:
        counts: Counter[str] = Counter(r.reason for r in self.removed)
        return dict(counts)


def clean(text: str, title: str | None = None) -> CleanResult:
    """Boilerplate-free text of an article (one paragraph per line)."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    idx = [i for i, ln in enumerate(lines) if ln]
    # each line's comparison key and word count, made once and read by every rule (the
    # key's words are joined by single spaces, so they count the words too)
    keys = [key(ln) for ln in lines]
    words = [k.count(" ") + 1 if k else 0 for k in keys]
    reasons: dict[int, str] = {}

    def mark(i: int, reason: str) -> None:
        reasons.setdefault(i, reason)

    _mark_single_lines(lines, words, idx, mark)
    title_idx = _mark_title(keys, idx, title, mark)
    _mark_repeats(keys, words, idx, mark)
    _mark_blocks(lines, words, idx, mark)
    _mark_header(lines, words, idx, title_idx, reasons, mark)
    _mark_footer(words, idx, reasons, mark)
    _mark_duplicates(keys, words, idx, reasons, mark)

    kept = [lines[i] for i in idx if i not in reasons]
    removed = [Removed(i, reasons[i], lines[i]) for i in idx if i in reasons]
    body = "\n".join(kept)
    return CleanResult(
        text=body,
        kept_chars=sum(len(k) for k in kept),
        removed_chars=sum(len(r.text) for r in removed),
        removed=removed,
    )


def _mark_single_lines(lines: list[str], words: list[int], idx: list[int], mark: _Mark) -> None:
    for i in idx:
        reason = bp.chrome_reason_counted(lines[i], words[i])
        if reason:
            mark(i, reason)


def _mark_title(keys: list[str], idx: list[int], title: str | None, mark: _Mark) -> int | None:
    """Remove every line that repeats the title; the first one ends the header."""
    if not title:
        return None
    tkey = key(title)
    if not tkey:
        return None
    first: int | None = None
    for i in idx:
        if keys[i] == tkey:
            mark(i, "title")
            first = i if first is None else first
    return first


def _mark_repeats(keys: list[str], words: list[int], idx: list[int], mark: _Mark) -> None:
    short = [(i, keys[i]) for i in idx if words[i] <= SHORT_REPEAT_MAX_WORDS]
    counts = Counter(k for _, k in short)
    for i, k in short:
        if counts[k] > 1:
            mark(i, "repeated")


def _mark_blocks(lines: list[str], words: list[int], idx: list[int], mark: _Mark) -> None:
    """Headline lists and contact blocks: a heading, then the short lines under it."""
    pos = 0
    while pos < len(idx):
        i = idx[pos]
        line = lines[i]
        if bp.HEADLINE_LIST.match(line):
            kind, limit = "headline-list", LIST_ITEM_MAX_WORDS
        elif bp.CONTACT_HEADING.match(line):
            kind, limit = "contact-block", CONTACT_ITEM_MAX_WORDS
        else:
            pos += 1
            continue
        mark(i, kind)
        pos += 1
        while pos < len(idx) and (words[idx[pos]] <= limit or bp.TIMESTAMP.match(lines[idx[pos]])):
            if (
                kind == "contact-block"
                and words[idx[pos]] > 6
                and bp.looks_like_headline(lines[idx[pos]])
            ):
                break  # the article's headline right after a contact block
            mark(idx[pos], kind)
            pos += 1


def _mark_header(
    lines: list[str],
    words: list[int],
    idx: list[int],
    title_idx: int | None,
    reasons: dict[int, str],
    mark: _Mark,
) -> None:
    """Navigation above the article: short lines before the title (or, with no title,
    before the first long line)."""
    if title_idx is not None:
        end = title_idx
    else:
        end = next(
            (i for i in idx if words[i] >= LONG_LINE_WORDS and i not in reasons),
            idx[-1] + 1 if idx else 0,
        )
    for i in idx:
        if i >= end:
            break
        line = lines[i]
        if words[i] <= 4 and not line.endswith((".", "?", "!")):
            mark(i, "navigation")


def _mark_footer(words: list[int], idx: list[int], reasons: dict[int, str], mark: _Mark) -> None:
    """The run of chrome and very short lines after the last paragraph, when prompts or
    links are in it (a truncated last sentence is kept)."""
    run: list[int] = []
    for i in reversed(idx):
        if i not in reasons and words[i] > FOOTER_ITEM_MAX_WORDS:
            break
        run.append(i)
    if any(reasons.get(i) in ("prompt", "read-more", "repeated") for i in run):
        for i in run:
            mark(i, "footer")


def _mark_duplicates(
    keys: list[str], words: list[int], idx: list[int], reasons: dict[int, str], mark: _Mark
) -> None:
    """A paragraph whose words repeat those of a longer (or earlier equal) paragraph."""
    keyed = [(i, keys[i]) for i in idx if i not in reasons and words[i] >= DUPLICATE_MIN_WORDS]
    for a, ka in keyed:
        for b, kb in keyed:
            if a == b or a in reasons or b in reasons:
                continue
            if (len(kb) > len(ka) and ka in kb) or (ka == kb and b < a):
                mark(a, "duplicate")
                break
