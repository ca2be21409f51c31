"""Stages on their own: dates, sentences, mentions, dedupe, extraction and reconciliation."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from foederis.news import dedupe
from foederis.news.dates import date_line, find_dates
from foederis.news.extract import Extractor
from foederis.news.mentions import article_key, find_states
from foederis.news.reconcile import reconcile
from foederis.news.textutil import shingle_hashes, split_sentences


def test_dates_keep_their_precision() -> None:
    found = [
        (d.iso, d.precision)
        for d in find_dates(
            "after the Sept. 11, 2001, attacks; signed in April, 1949; the 1961 pact"
        )
    ]
    assert found == [("2001-09-11", "day"), ("1949-04", "month"), ("1961", "year")]
    assert date_line("June 20, 2024, 6:02 AM") == date(2024, 6, 20)
    assert date_line("27-Jun-2024") == date(2024, 6, 27)
    assert date_line("It was signed on June 20, 2024 in Pyongyang.") is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_sentence_spans_are_exact(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text and s.text.strip()


def test_sentences_respect_abbreviations() -> None:
    text = "The U.S. said so. Sept. 11 came. Mr. Kim left."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. said so.",
        "Sept. 11 came.",
        "Mr. Kim left.",
    ]


def test_state_mentions() -> None:
    text = "Pyongyang and the Kremlin met in the South China Sea; post-Soviet Belarus, the U.S."
    found = [(m.text, m.iso3) for m in find_states(text)]
    assert found == [("Pyongyang", "PRK"), ("Kremlin", "RUS"), ("Belarus", "BLR"), ("U.S.", "USA")]
    assert article_key("IV") == article_key("4") == "4"


def test_dedupe_finds_copies_truncations_and_summaries() -> None:
    words = [f"w{i}" for i in range(2000)]
    original = " ".join(words[:600])
    texts = {
        "original": original,
        "copy": original,
        "truncated": " ".join(words[:200]),
        "summary": " ".join(words[:60] + [f"x{i}" for i in range(60)] + words[300:360]),
        "other": " ".join(words[1000:1600]),
    }
    sets = {k: shingle_hashes(v) for k, v in texts.items()}
    sigs = dedupe.signatures(list(sets.values()))
    items = [dedupe.Item(k, sig, len(sets[k])) for k, sig in zip(sets, sigs, strict=True)]
    groups = {frozenset(g) for g in dedupe.group_stories(items, sets.__getitem__)}
    assert frozenset({"original", "copy", "truncated", "summary"}) in groups
    assert frozenset({"other"}) in groups
    stored = dedupe.from_bytes(dedupe.to_bytes(sigs[0]))
    assert stored is not None and (stored == sigs[0]).all()
    assert dedupe.from_bytes(b"an older scheme's bytes") is None


def test_events_group_documents_across_stories() -> None:
    labels = dedupe.group_events(
        {1: ["a:signed"], 2: [], 3: ["a:signed", "b:invoked"], 4: []}, stories=[[1, 2]]
    )
    assert labels == {1: "a:signed", 2: "a:signed", 3: "a:signed", 4: None}


def test_extract_and_reconcile_a_short_text(kb) -> None:  # type: ignore[no-untyped-def]
    text = (
        "China and North Korea signed a mutual defense treaty in 1961.\n"
        "Kazakhstan withdrew from the Collective Security Treaty Organization in 2023.\n"
        "NATO now has 31 member states."
    )
    claims = Extractor(kb).extract(text, date(2024, 6, 1))
    got = {
        (c.relation, c.treaty, c.date, c.value): reconcile(c, kb, date(2024, 6, 1)).status
        for c in claims
    }
    assert got[("signed", "prc-prk-1961", "1961", None)] == "confirmed"
    assert got[("withdrew", "csto", "2023", None)] == "conflict"
    assert got[("membership_count", "nato", None, "31")] == "stale"


@given(
    st.lists(
        st.sampled_from(["pact", "Treaty", "of", "the", "NATO", "1961", "ü", "a"]), max_size=40
    )
)
def test_shingle_hashes_are_sorted_and_distinct(words: list[str]) -> None:
    """The 3-gram hashes (what MinHash signs and containment compares) are the sorted
    distinct values, one per distinct 3-gram of lower-cased words."""
    import numpy as np

    from foederis.news.textutil import shingle_hashes

    text = " ".join(words)
    got = shingle_hashes(text)
    assert got.dtype == np.uint32
    assert got.tolist() == sorted(set(got.tolist()))
    toks = text.lower().split()
    grams = {tuple(toks[i : i + 3]) for i in range(len(toks) - 2)}
    assert len(got) == (len(grams) if len(toks) >= 3 else min(len(toks), 1))


@given(st.text(max_size=200))
def test_key_is_the_lower_case_words_joined_by_spaces(text: str) -> None:
    import re

    from foederis.news.textutil import key

    assert key(text) == " ".join(re.findall(r"\w+", text.lower()))


@given(st.sets(st.integers(0, 200), max_size=120), st.sets(st.integers(0, 200), max_size=120))
def test_containment_is_the_share_of_the_smaller_set(a: set[int], b: set[int]) -> None:
    """On sorted hash arrays, as ingest calls it; the definition on Python sets."""
    import numpy as np

    def arr(s: set[int]) -> np.ndarray:  # type: ignore[type-arg]
        return np.array(sorted(s), dtype=np.uint32)

    shared = len(a & b)
    want = shared / min(len(a), len(b)) if a and b and shared >= dedupe.MIN_SHARED else 0.0
    assert dedupe.containment(arr(a), arr(b)) == want


@given(st.lists(st.sets(st.integers(0, 2**32 - 1), max_size=60), min_size=1, max_size=8))
def test_a_signature_does_not_depend_on_its_batch(sets: list[set[int]]) -> None:
    """Ingest signs the new documents in batches: each row is the signature the document
    has alone (stored signatures stay comparable across runs)."""
    import numpy as np

    arrays = [np.array(sorted(s), dtype=np.uint32) for s in sets]
    batch = dedupe.signatures(arrays)
    for i, a in enumerate(arrays):
        assert (batch[i] == dedupe.signatures([a])[0]).all()
