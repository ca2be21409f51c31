"""The states registry: codes, names, COW mapping and the name index."""

from __future__ import annotations

import csv
import dataclasses
import itertools
import pickle
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foederis import states
from foederis.errors import FoederisError
from foederis.states import CowSpell, State, UnknownStateError

REPO = Path(__file__).resolve().parents[1]

UN_MEMBERS = 193
EXTRA_CURRENT = ["TWN", "XKX", "PSE", "VAT", "XAB", "XOS"]
HISTORICAL = ["SUN", "DDR", "YUG", "CSK", "YMD", "VDR", "RVN", "ZAN"]
PRE_1945 = ["HAN", "BAV", "BAD", "SAX", "WRT", "HSE", "HSG", "MEC", "AUH", "PAP", "SIC"]
PRE_1945 += ["MOD", "PMA", "TUS", "XKO"]


# --------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------


def test_registry_size_and_order() -> None:
    all_ = states.all_states()
    codes = [s.iso3 for s in all_]
    assert len(codes) == UN_MEMBERS + len(EXTRA_CURRENT) + len(HISTORICAL) + len(PRE_1945)
    assert codes == sorted(set(codes))
    for code in EXTRA_CURRENT + HISTORICAL + PRE_1945:
        assert code in codes


def test_state_record() -> None:
    prk = states.get("PRK")
    assert isinstance(prk, State)
    assert prk.name == "North Korea"
    assert prk.official_name == "Democratic People's Republic of Korea"
    assert prk.cow == (CowSpell(731, date(1948, 9, 9), None),)
    assert prk.start == date(1948, 9, 9) and prk.end is None
    assert "DPRK" in prk.aliases
    assert "North Korean" in prk.demonyms
    assert "Pyongyang" in prk.capitals
    assert "Kim Jong Un" in prk.leaders
    with pytest.raises(dataclasses.FrozenInstanceError):
        prk.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("PRK", "North Korea"),
        ("KOR", "South Korea"),
        ("RUS", "Russia"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("CHN", "China"),
        ("TWN", "Taiwan"),
        ("SUN", "Soviet Union"),
        ("DDR", "East Germany"),
        ("YMD", "South Yemen"),
        ("VDR", "North Vietnam"),
        ("RVN", "South Vietnam"),
        ("VAT", "Holy See"),
        ("XKX", "Kosovo"),
        ("PSE", "Palestine"),
    ],
)
def test_ui_names(iso3: str, name: str) -> None:
    assert states.get(iso3).name == name


def test_every_state_is_well_formed() -> None:
    for s in states.all_states():
        assert len(s.iso3) == 3 and s.iso3.isupper(), s
        assert s.name and s.official_name, s
        if s.start and s.end:
            assert s.start <= s.end, s
        for spell in s.cow:
            if spell.start and spell.end:
                assert spell.start <= spell.end, (s.iso3, spell)
        for field in ("aliases", "demonyms", "capitals", "leaders"):
            value = getattr(s, field)
            assert isinstance(value, tuple) and all(isinstance(v, str) and v for v in value)


def test_historical_states_have_an_end() -> None:
    for code in HISTORICAL:
        s = states.get(code)
        assert s.start is not None and s.end is not None, code
    assert states.get("SUN").end == date(1991, 12, 25)
    assert states.get("DDR").end == date(1990, 10, 2)
    assert states.get("CSK").end == date(1992, 12, 31)


def test_get_and_is_known() -> None:
    assert states.get("prk").iso3 == "PRK"
    assert states.is_known("PRK") and states.is_known(" kor ")
    assert not states.is_known("PRKK")
    assert not states.is_known("GMY")  # a COW abbreviation, not a code
    with pytest.raises(UnknownStateError) as info:
        states.get("PRKK")
    assert isinstance(info.value, FoederisError)
    assert info.value.code == "PRKK"
    assert info.value.suggestions[0] == "PRK"


# --------------------------------------------------------------------------------------
# Resolving names
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # names and official names
        ("North Korea", "PRK"),
        ("north korea", "PRK"),
        ("  NORTH   korea ", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People\u2019s Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Russian Federation", "RUS"),
        ("United States of America", "USA"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d\u2019Ivoire", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Czechia", "CZE"),
        ("Serbia and Montenegro", "YUG"),
        ("Yemen Arab Republic", "YEM"),
        ("Antigua & Barbuda", "ATG"),
        ("St Lucia", "LCA"),
        ("Holy See", "VAT"),
        # aliases and abbreviations
        ("DPRK", "PRK"),
        ("D.P.R.K.", "PRK"),
        ("ROK", "KOR"),
        ("PRC", "CHN"),
        ("ROC", "TWN"),
        ("USA", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("U.S.A.", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("Soviet Union", "SUN"),
        ("USSR", "SUN"),
        ("GDR", "DDR"),
        ("West Germany", "DEU"),
        ("Burma", "MMR"),
        ("Vatican", "VAT"),
        # demonyms (and plurals)
        ("North Korean", "PRK"),
        ("North Koreans", "PRK"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Chinese", "CHN"),
        ("Filipino", "PHL"),
        ("Philippine", "PHL"),
        ("Japanese", "JPN"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Ukrainian", "UKR"),
        ("Soviet", "SUN"),
        ("South Vietnamese", "RVN"),
        # capitals and metonyms
        ("Pyongyang", "PRK"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Beijing", "CHN"),
        ("Washington", "USA"),
        ("Washington, D.C.", "USA"),
        ("the White House", "USA"),
        ("Seoul", "KOR"),
        ("Tokyo", "JPN"),
        ("Manila", "PHL"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Taipei", "TWN"),
        ("Brussels", "BEL"),
        ("Downing Street", "GBR"),
        ("Saigon", "RVN"),
        # leaders
        ("Vladimir Putin", "RUS"),
        ("Putin", "RUS"),
        ("Kim Jong Un", "PRK"),
        ("Kim Jong-un", "PRK"),
        ("Xi Jinping", "CHN"),
        ("Joe Biden", "USA"),
        ("Ferdinand Marcos Jr.", "PHL"),
        ("Ferdinand Marcos Jr", "PHL"),
        ("Marcos", "PHL"),
        ("Lloyd Austin", "USA"),
        ("Kurt Campbell", "USA"),
        ("Zelenskyy", "UKR"),
        ("Zelensky", "UKR"),
        ("Yoon Suk Yeol", "KOR"),
        ("Yoon Suk-yeol", "KOR"),
        ("Erdogan", "TUR"),
        ("Gorbachev", "SUN"),
        # possessives
        ("Russia's", "RUS"),
        ("China\u2019s", "CHN"),
        # codes
        ("PRK", "PRK"),
        ("prk", "PRK"),
        ("KP", "PRK"),
        ("DE", "DEU"),
        ("XK", "XKX"),
        ("SUN", "SUN"),
    ],
)
def test_resolve(text: str, iso3: str) -> None:
    assert states.resolve(text) == iso3
    assert states.parse_state(text) == iso3


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Atlantis",
        "GMY",  # COW abbreviation for Germany: clashes, so not accepted
        "UKG",
        "TAW",
        "Congo",  # Republic of the Congo or DR Congo
        "Congolese",
        "Korea",
        "Korean",
        "Dominican",  # Dominica or the Dominican Republic
    ],
)
def test_resolve_unknown_or_ambiguous(text: str) -> None:
    assert states.resolve(text) is None


def test_parse_state_suggests() -> None:
    with pytest.raises(UnknownStateError) as info:
        states.parse_state("PRKK")
    err = info.value
    assert err.code == "PRKK"
    assert err.suggestions == ["PRK"]
    assert err.message == "unknown state 'PRKK'"
    assert err.hint == "did you mean PRK (North Korea)?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norh Korea", {"PRK"}),
        ("Pyongang", {"PRK"}),
        ("Untied States", {"USA"}),
        ("Congo", {"COD", "COG"}),
        ("Korea", {"PRK", "KOR"}),
    ],
)
def test_suggestions(text: str, expected: set[str]) -> None:
    with pytest.raises(UnknownStateError) as info:
        states.parse_state(text)
    assert expected <= set(info.value.suggestions)
    for code in expected:
        assert f"{code} ({states.get(code).name})" in (info.value.hint or "")


def test_no_suggestion_message() -> None:
    with pytest.raises(UnknownStateError) as info:
        states.parse_state("qqqqqqqq")
    assert info.value.suggestions == []
    assert info.value.message == "unknown state 'qqqqqqqq'"
    assert "foederis states" in (info.value.hint or "")


def test_error_pickles() -> None:
    err = UnknownStateError("PRKK", ["PRK"])
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.suggestions, str(back)) == (err.code, err.suggestions, str(err))


def test_normalize() -> None:
    assert states.normalize("U.S.") == states.normalize("US") == "us"
    assert states.normalize("  The   Kremlin ") == "kremlin"
    assert states.normalize("People\u2019s") == states.normalize("People's")
    assert states.normalize("Côte d'Ivoire") == "cote divoire"
    assert states.normalize("Kim Jong-un") == "kim jong un"
    assert states.normalize("Lars Løkke Rasmussen") == "lars lokke rasmussen"


# --------------------------------------------------------------------------------------
# The name index
# --------------------------------------------------------------------------------------


def test_name_index() -> None:
    index = states.name_index()
    assert index["pyongyang"] == "PRK"
    assert index["dprk"] == "PRK"
    assert index["north korean"] == "PRK"
    assert index["kremlin"] == "RUS"
    assert index["us"] == "USA"
    assert index["putin"] == "RUS"
    for ambiguous in ("congo", "congolese", "dominican", "korea"):
        assert ambiguous not in index
    for iso2 in ("in", "it", "no", "be"):  # ISO2 codes are not names
        assert iso2 not in index
    for key, iso3 in index.items():
        assert states.normalize(key) == key
        assert states.is_known(iso3)
        assert states.resolve(key) == iso3, key
    index["pyongyang"] = "XXX"  # a copy: the registry is unaffected
    assert states.name_index()["pyongyang"] == "PRK"


def test_demonyms_capitals_leaders_never_name_another_state() -> None:
    for s in states.all_states():
        for text in (*s.demonyms, *s.capitals, *s.leaders):
            assert states.resolve(text) in (s.iso3, None), (s.iso3, text)


# --------------------------------------------------------------------------------------
# Correlates of War
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "iso3"),
    [
        (731, "PRK"),
        (732, "KOR"),
        (713, "TWN"),
        (2, "USA"),
        (365, "RUS"),
        (260, "DEU"),
        (255, "DEU"),
        (265, "DDR"),
        (315, "CSK"),
        (316, "CZE"),
        (317, "SVK"),
        (345, "SRB"),
        (347, "XKX"),
        (680, "YMD"),
        (678, "YEM"),
        (679, "YEM"),
        (816, "VNM"),
        (817, "RVN"),
        (740, "JPN"),
        (840, "PHL"),
        (900, "AUS"),
        (920, "NZL"),
        (800, "THA"),
        (305, "AUT"),
        (712, "MNG"),
        (341, "MNE"),
    ],
)
def test_cow_hand_checks(code: int, iso3: str) -> None:
    assert states.iso3_from_cow(code) == iso3


@pytest.mark.parametrize(
    ("code", "on", "iso3"),
    [
        (365, date(1900, 1, 1), "RUS"),
        (365, date(1980, 1, 1), "SUN"),
        (365, date(1991, 12, 25), "SUN"),
        (365, date(1991, 12, 26), "RUS"),
        (365, date(2024, 1, 1), "RUS"),
        (345, date(1912, 10, 1), "SRB"),
        (345, date(1960, 1, 1), "YUG"),
        (345, date(2005, 1, 1), "YUG"),
        (345, date(2010, 1, 1), "SRB"),
        (816, date(1965, 1, 1), "VDR"),
        (816, date(1980, 1, 1), "VNM"),
        (255, date(1939, 1, 1), "DEU"),
        (255, date(1950, 1, 1), "DEU"),  # no holder that day: the latest holder
        (260, date(1970, 1, 1), "DEU"),
    ],
)
def test_iso3_from_cow_on_date(code: int, on: date, iso3: str) -> None:
    assert states.iso3_from_cow(code, on) == iso3


def test_cow_code_on_date() -> None:
    assert states.cow_code("DEU") == 255
    assert states.cow_code("DEU", date(1970, 1, 1)) == 260
    assert states.cow_code("DEU", date(1990, 10, 2)) == 260
    assert states.cow_code("DEU", date(1990, 10, 3)) == 255
    assert states.cow_code("YEM", date(1980, 1, 1)) == 678
    assert states.cow_code("YEM") == 679
    assert states.cow_code("RUS", date(1980, 1, 1)) == 365  # the latest spell
    assert states.cow_code("SUN") == 365
    assert states.cow_code("VAT") is None
    assert states.cow_code("PSE") is None
    assert states.iso3_from_cow(99999) is None
    with pytest.raises(UnknownStateError):
        states.cow_code("XXX")


def _inside(spell: CowSpell) -> date:
    return spell.start or spell.end or date(2000, 1, 1)


def test_cow_round_trip_for_every_state() -> None:
    with_cow = [s for s in states.all_states() if s.cow]
    assert len(with_cow) >= UN_MEMBERS
    for s in with_cow:
        for spell in s.cow:
            day = _inside(spell)
            assert states.iso3_from_cow(spell.code, day) == s.iso3, (s.iso3, spell)
            assert states.cow_code(s.iso3, day) == spell.code, (s.iso3, spell)
        assert states.iso3_from_cow(states.cow_code(s.iso3) or -1) is not None


def test_cow_spells_do_not_overlap() -> None:
    spans: dict[int, list[tuple[date, date, str]]] = {}
    for s in states.all_states():
        for spell in s.cow:
            spans.setdefault(spell.code, []).append(
                (spell.start or date.min, spell.end or date.max, s.iso3)
            )
    for code, items in spans.items():
        items.sort()
        for (_, end, a), (start, _, b) in itertools.pairwise(items):
            assert end < start, f"COW {code}: {a} and {b} overlap"


def test_only_non_cow_states_lack_a_cow_code() -> None:
    assert sorted(s.iso3 for s in states.all_states() if not s.cow) == ["PSE", "VAT", "XAB", "XOS"]


def _cow_rows(shared_data: Path) -> list[dict[str, str]]:
    path = shared_data / "cow" / "states2016.csv"
    if not path.is_file():
        pytest.skip(f"the COW state list is not at {path}")
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_post_1945_cow_state_maps_to_iso3(shared_data: Path) -> None:
    rows = _cow_rows(shared_data)
    unmapped = []
    for r in rows:
        start = date(int(r["styear"]), int(r["stmonth"]), int(r["stday"]))
        end = date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"]))
        if end < date(1945, 1, 1):
            continue
        code = int(r["ccode"])
        day = max(start, date(1945, 1, 1))
        iso3 = states.iso3_from_cow(code, day)
        if iso3 is None:
            unmapped.append(f"{code} {r['stateabb']} {r['statenme']}")
            continue
        assert states.cow_code(iso3, day) == code, (code, day, iso3)
    assert not unmapped, f"COW states with no ISO3: {unmapped}"


def test_every_registry_cow_code_is_in_the_cow_list(shared_data: Path) -> None:
    codes = {int(r["ccode"]) for r in _cow_rows(shared_data)}
    for s in states.all_states():
        for spell in s.cow:
            assert spell.code in codes, (s.iso3, spell.code)


def test_yaml_matches_generator(shared_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("pycountry")
    csv_path = shared_data / "cow" / "states2016.csv"
    if not csv_path.is_file():
        pytest.skip(f"the COW state list is not at {csv_path}")
    out = tmp_path / "states.yaml"
    subprocess.run(
        [sys.executable, str(REPO / "data-raw" / "states.py"), str(csv_path), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    committed = (REPO / "src" / "foederis" / "data" / "states.yaml").read_text("utf-8")
    assert out.read_text("utf-8") == committed, "states.yaml is stale: re-run data-raw/states.py"


def test_import_is_light() -> None:
    code = (
        "import sys, foederis.states as s;"
        "print('pycountry' in sys.modules, 'yaml' in sys.modules);"
        "s.all_states(); print('pycountry' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["False", "False", "False"]


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

_NAMES = [
    (s.iso3, text) for s in states.all_states() for text in (s.name, s.official_name, *s.aliases)
]


@given(st.sampled_from(_NAMES), st.sampled_from([str, str.upper, str.lower, str.title]))
def test_every_name_and_alias_resolves_to_its_state(
    item: tuple[str, str], case: Callable[[str], str]
) -> None:
    iso3, text = item
    assert states.resolve(text) == iso3
    assert states.resolve(f"  {case(text)} ") == iso3


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = states.normalize(text)
    assert states.normalize(once) == once


@given(st.text(max_size=30))
def test_resolve_never_raises(text: str) -> None:
    result = states.resolve(text)
    assert result is None or states.is_known(result)
