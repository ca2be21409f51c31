"""Claims in eleven languages, from CLDR names, dateparser dates and the cue-word data.

Every sentence in data/sentences.yaml was written for these tests; each names the claim
the extractor must find in it and how the claim reconciles with the knowledge base.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from foederis.news import languages
from foederis.news.extract import Extractor
from foederis.news.reconcile import reconcile

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "sentences.yaml").read_text("utf-8")
)


def test_every_listed_language_has_a_case() -> None:
    assert {c["lang"] for c in CASES} == set(languages.LANGUAGES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}-{c['claim']['relation']}")
def test_language_is_identified(case: dict[str, Any]) -> None:
    assert languages.detect(case["text"]) == case["lang"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}-{c['claim']['relation']}")
def test_claim_is_found_and_reconciled(case: dict[str, Any], kb) -> None:  # type: ignore[no-untyped-def]
    ref = date.fromisoformat(str(case["published"]))
    want = case["claim"]
    claims = Extractor(kb).extract(case["text"], ref, case["lang"])
    match = [c for c in claims if c.relation == want["relation"] and c.treaty == want["treaty"]]
    assert match, f"no {want['relation']} claim in {[(c.relation, c.treaty) for c in claims]}"
    c = match[0]
    assert set(c.states) == set(want["states"])
    assert c.date == str(want["date"])
    assert case["text"][c.start : c.end] == c.sentence
    assert reconcile(c, kb, ref).status == want["status"]


@pytest.mark.parametrize(
    ("lang", "name", "iso3"),
    [
        ("es", "Corea del Norte", "PRK"),
        ("pt", "Coreia do Sul", "KOR"),
        ("fr", "Arabie saoudite", "SAU"),
        ("de", "Vereinigte Staaten", "USA"),
        ("ru", "Россия", "RUS"),
        ("ar", "باكستان", "PAK"),
        ("zh", "朝鲜", "PRK"),
        ("ja", "ロシア", "RUS"),
        ("ko", "대한민국", "KOR"),
        ("id", "Korea Utara", "PRK"),
        ("ko", "서울", "KOR"),  # a capital: CLDR's exemplar city of Asia/Seoul
        ("ja", "東京", "JPN"),
        ("ru", "Москва", "RUS"),
    ],
)
def test_state_names_and_capitals_come_from_cldr(lang: str, name: str, iso3: str) -> None:
    assert languages.state_names(lang)[name.lower()] == iso3


def test_names_are_found_with_inflection_and_attached_particles() -> None:
    assert [m.iso3 for m in languages.find_states("переговоры России и США", "ru")] == [
        "RUS",
        "USA",
    ]
    assert [m.iso3 for m in languages.find_states("러시아와 북한은", "ko")] == ["RUS", "PRK"]
    assert [m.iso3 for m in languages.find_states("وروسيا", "ar")] == ["RUS"]


@pytest.mark.parametrize(
    ("lang", "text", "iso", "precision"),
    [
        ("es", "el 19 de junio de 2024 en Pionyang", "2024-06-19", "day"),
        ("de", "am 4. Dezember 2024 in Kraft", "2024-12-04", "day"),
        ("ru", "4 декабря 2024 года", "2024-12-04", "day"),
        ("zh", "于2024年12月4日生效", "2024-12-04", "day"),
        ("ko", "2024년 12월 4일에 발효", "2024-12-04", "day"),
        ("fr", "en mars 2024", "2024-03", "month"),
        ("ru", "в феврале 2024 года", "2024", "year"),  # dateparser lacks this case form
    ],
)
def test_dates_keep_their_precision_in_other_languages(
    lang: str, text: str, iso: str, precision: str
) -> None:
    (found,) = languages.find_dates_in(text, lang)
    assert (found.iso, found.precision) == (iso, precision)


def test_sentences_split_in_every_script() -> None:
    text = "Erster Satz. Am 4. April 2023 trat Finnland bei! 第一句。第二句。 جملة؟ أخرى."
    assert [text[a:b] for a, b in languages.split(text)] == [
        "Erster Satz.",
        "Am 4. April 2023 trat Finnland bei!",
        "第一句。",
        "第二句。",
        "جملة؟",
        "أخرى.",
    ]


# ---- fast paths give the answers of the slow ones --------------------------------------

_PIECES = [c["text"] for c in CASES] + [
    "kalo mi ren tos",
    "Se UNIÓ",
    "4.",
    "12. ",
    "Nr. 7! ",
    "。",
    "؟ ",
    "\n",
    "  ",
    "IN KRAFT GETRETEN",
    "in\u00a0Kraft\tgetreten",
    "se\t\tunió",
    "zu  verteidigen",
    "Rusia se",
    "retiró",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.sampled_from(languages.LANGUAGES[1:]))
def test_the_cue_gate_never_hides_a_cue(pieces: list[str], lang: str) -> None:
    """``Cues.may_relate`` (substring tests of the cues' literal starts) is False only
    where no relation pattern matches: skipping such texts changes no claim."""
    text = " ".join(pieces)
    table = languages.cues(lang)
    assert table is not None
    if any(p.search(text) for _, p in table.relations):
        assert table.may_relate(text)


@pytest.mark.parametrize(
    ("pattern", "prefix"),
    [
        (r"\bfirm(?:ó|aron)\b", "firm"),
        (r"\bentr(?:ó|a)\s+en\s+vigor\b", "entr"),
        (r"wor?d", "wo"),
        (r"[\w-]*pakt\w*", ""),
        (r"a|b", ""),
        (r"(?:a|b)c", ""),
        (r"حيز التنفيذ", "حيز التنفيذ"),
        (r"\bin\s+kraft\s+(?:getreten|trat)\b", "in kraft "),
        (r"\bse\s(?:unió)", "se "),
        (r"\bzu\s*verteidigen", "zu"),
        (r"\bzu\s?x", "zu"),
    ],
)
def test_literal_prefix(pattern: str, prefix: str) -> None:
    assert languages.literal_prefix(pattern) == prefix


_PLAIN_END = re.compile(
    r"(?<!(?<!\d)\d)(?<!(?<!\d)\d\d)[.!?؟]+[\"'”’»)\]]*\s+|[。！？]+[」』”’)]*\s*"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 2.!?؟。！？」\"')]\n", max_size=60))
def test_sentence_ends_match_the_plain_pattern(text: str) -> None:
    """The sentence-end pattern has a lookahead in front to run fast; it finds exactly
    what the plain pattern finds."""
    fast = [m.span() for m in languages._END.finditer(text)]
    assert fast == [m.span() for m in _PLAIN_END.finditer(text)]
