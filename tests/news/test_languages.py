"""Claims in eleven languages, from CLDR names, dateparser dates and the cue-word data.

Every sentence in data/sentences.yaml was written for these tests; each names the claim
the extractor must find in it and how the claim reconciles with the knowledge base.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

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
