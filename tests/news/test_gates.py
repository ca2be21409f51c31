"""The fast gates of English extraction skip only sentences in which nothing can be
found: checked on random sentences built from pact names, pact and cue words, state
names and filler (hypothesis), against the full finders they stand in front of."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foederis.kb import load_kb
from foederis.news.extract import _CUE_STEMS, Extractor, _cues
from foederis.news.mentions import find_states
from foederis.news.textutil import Substrings

KB = load_kb()
EXTRACTOR = Extractor(KB)
NAMES = sorted(EXTRACTOR.names._any_name.words) if EXTRACTOR.names._any_name else []
WORDS = [
    *NAMES[::7],
    *("NATO", "Rio", "ANZUS", "the treaty", "the pact", "an alliance", "the accord"),
    *("invoked", "signed", "ratified", "withdrew from", "joined", "entered into force"),
    *("has a mutual defense pact with", "does not have", "Article 5", "in 1961", "the deal"),
    *("Russia", "North Korea", "the United States", "Japan", "Soviet", "Korean"),
    *("the", "a", "of", "and", "said", "Varen", "mortu", "loramgar", "kabelne", "Rio."),
    *("afraid", "impact", "retreat", "unsigned", "self-defense", "co-signed", "(aid)", "_aid"),
    *("come to its aid", "mutual aid", "30-member", "members are", "re-invoked", "period"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_a_gated_sentence_has_no_pact_and_no_cue(words: list[str]) -> None:
    s = " ".join(words) + "."
    low = s.lower()
    if not EXTRACTOR.names.may_mention(low):
        assert EXTRACTOR.names.find(s, find_states(s)) == []
    if not _CUE_STEMS.starts_a_word_in(low):
        assert _cues(s) == []


def test_the_gate_lets_pacts_and_cues_through() -> None:
    assert EXTRACTOR.names.may_mention("the north atlantic treaty")
    assert EXTRACTOR.names.may_mention("under anzus, they said")
    assert not EXTRACTOR.names.may_mention("varen mortu loramgar kabelne.")
    assert _CUE_STEMS.found_in("it was invoked")


def test_substrings_is_the_in_operator() -> None:
    words = Substrings("pact", "ü", "a b")
    for text, want in [("impact", True), ("Ü", False), ("über", True), ("ab", False), ("", False)]:
        assert words.found_in(text) is want
        assert want == any(w in text for w in words.words)


def test_substrings_at_the_start_of_a_word() -> None:
    words = Substrings("aid", "pact")
    for text, want in [
        ("said", False),
        ("aid", True),
        ("its aid.", True),
        ("(aid)", True),
        ("_aid", False),
        ("afraid of an impact", False),
        ("impact pact", True),  # the second "pact" starts a word
        ("said: aid", True),
        ("é aid", True),
        ("éaid", False),
    ]:
        assert words.starts_a_word_in(text) is want, text


def test_substrings_refuses_an_empty_word() -> None:
    with pytest.raises(ValueError, match="no empty word"):
        Substrings("pact", "")


@pytest.mark.parametrize("lang", ["es", "pt", "fr", "de", "ru", "ar", "zh", "ja", "ko", "id"])
def test_treaty_names_in_any_case_pass_the_gate(lang: str) -> None:
    """Every treaty name of data/news/names.yaml is found in a sentence however it is
    capitalised: the lower-cased gate in front of the pattern lets it through."""
    from foederis.news import languages

    _, table, _ = languages._treaty_pattern(lang)
    assert table, lang
    for name, tid in table.items():
        for written in {name, name.upper(), name.title()}:
            found = languages.find_treaties(f"xx {written} yy", lang)
            assert tid in [m.treaty for m in found], (lang, written)
