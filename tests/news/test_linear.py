"""Extraction does work proportional to the text's length (issue 9, item 3).

A one-line article of 72 KB used to take 26 s (every pact word rescanned the whole prefix,
every described pact re-read the whole sentence for dates). The work is now bounded per
sentence and sentences are bounded in length; these tests count the work rather than time it.
"""

from __future__ import annotations

from datetime import date

import pytest

from foederis.news import dates, extract, treaty_names
from foederis.news.extract import Extractor
from foederis.news.textutil import MAX_SENTENCE, split_sentences

UNIT = (
    "the treaty of 1961 between China and North Korea was signed and invoked under "
    "Article 5, a pact; "
)


def test_sentences_are_bounded_and_spans_exact() -> None:
    text = "x " + UNIT * 500
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    # nothing is lost: every word is in exactly one sentence
    assert sum(len(s.text.split()) for s in sentences) == len(text.split())


def test_characters_read_for_dates_and_pacts_grow_linearly(
    kb, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    read = {"dates": 0, "pacts": 0}
    real_dates, real_find = dates.find_dates, treaty_names.TreatyNames.find

    def counted_dates(text: str) -> list[dates.DateMention]:
        read["dates"] += len(text)
        return real_dates(text)

    def counted_find(self, text, mentions):  # type: ignore[no-untyped-def]
        read["pacts"] += len(text)
        return real_find(self, text, mentions)

    monkeypatch.setattr(extract, "find_dates", counted_dates)
    monkeypatch.setattr(treaty_names, "find_dates", counted_dates)
    monkeypatch.setattr(treaty_names.TreatyNames, "find", counted_find)
    ex = Extractor(kb)
    per_char = []
    for n in (50, 400):
        read.update(dates=0, pacts=0)
        text = UNIT * n
        ex.extract(text, date(2024, 6, 1))
        per_char.append((read["dates"] / len(text), read["pacts"] / len(text)))
    # a constant number of passes over each character, whatever the length
    for d, p in per_char:
        assert d <= 4 and p <= 1.01
    assert per_char[1][0] <= per_char[0][0] * 1.2


def test_a_long_one_line_article_is_read_whole(kb) -> None:  # type: ignore[no-untyped-def]
    # 250 KB on one line: about ten minutes before the fix; every unit's claims are found
    n = 2500
    claims = Extractor(kb).extract(UNIT * n, date(2024, 6, 1))
    signed = [c for c in claims if c.relation == "signed" and c.treaty == "prc-prk-1961"]
    assert len({c.start for c in signed}) >= n // 10
    found = treaty_names.TreatyNames(kb).find(UNIT * n, [])
    assert len(found) >= n
