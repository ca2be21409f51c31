"""Stories do not depend on how a corpus is split into runs (issue 9, item 7).

Shingles used to be dropped when they were common *in a batch* (more than max(20, 0.5%) of
its documents), so a story with 25 copies became 25 stories, and a resumed ingest ended
with other stories than a clean run. Stories are now regrouped over every stored document
with one rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import load_corpus_module
from foederis.news import ingest, list_events, list_stories

COPIES = 25


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    news_corpus = load_corpus_module()
    news_corpus.generate(out, 60, seed=7)
    (out / "truth.json").unlink()
    original = sorted(out.glob("*.txt"))[0].read_text("utf-8")
    for i in range(COPIES):  # the same article on 25 sites, each with its own masthead
        (out / f"copy_{i:02d}.txt").write_text(
            f"The Daily Site {i}\n\n{original}\n\nCopyright {2000 + i} Site {i}\n", "utf-8"
        )
    return out


def _partition(db: Path) -> set[frozenset[str]]:
    return {frozenset(Path(d.path).name for d in s.documents) for s in list_stories(db)}


def test_one_run_and_several_runs_give_the_same_stories(corpus: Path, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    files = sorted(p for p in corpus.iterdir())
    ingest([corpus], db_path=tmp_path / "one.sqlite3", kb=kb)
    parts = [tmp_path / f"part{k}" for k in range(3)]
    for k, part in enumerate(parts):
        part.mkdir()
        for p in files[k::3]:  # interleaved, so copies of one story land in different runs
            shutil.copy(p, part / p.name)
    for part in parts:
        ingest([part], db_path=tmp_path / "three.sqlite3", kb=kb)
    one, three = _partition(tmp_path / "one.sqlite3"), _partition(tmp_path / "three.sqlite3")
    assert one == three
    # and the 25 copies are one story with their original, in both
    original = sorted(corpus.glob("0*.txt"))[0].name
    story = next(s for s in one if original in s)
    assert {f"copy_{i:02d}.txt" for i in range(COPIES)} <= story


def test_order_of_runs_does_not_matter(corpus: Path, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    files = sorted(p for p in corpus.iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for i, p in enumerate(files):
        shutil.copy(p, (first if i % 2 else second) / p.name)
    ingest([first], db_path=tmp_path / "ab.sqlite3", kb=kb)
    ingest([second], db_path=tmp_path / "ab.sqlite3", kb=kb)
    ingest([second], db_path=tmp_path / "ba.sqlite3", kb=kb)
    ingest([first], db_path=tmp_path / "ba.sqlite3", kb=kb)
    assert _partition(tmp_path / "ab.sqlite3") == _partition(tmp_path / "ba.sqlite3")


def test_jobs_give_the_same_result(corpus: Path, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    one = ingest([corpus], db_path=tmp_path / "one.sqlite3", kb=kb)
    two = ingest([corpus], db_path=tmp_path / "two.sqlite3", kb=kb, jobs=2)

    def key(r):  # type: ignore[no-untyped-def]
        docs = {d.id: Path(d.path).name for d in r.documents}
        return sorted(
            (docs[c.document], c.relation, c.treaty or "", c.status, c.sentence) for c in r.claims
        )

    assert key(one) == key(two) and len(one.documents) == len(two.documents)
    assert _partition(tmp_path / "one.sqlite3") == _partition(tmp_path / "two.sqlite3")
    assert _events(tmp_path / "one.sqlite3") == _events(tmp_path / "two.sqlite3")
    assert _events(tmp_path / "one.sqlite3")  # the corpus has events to compare
    # every document keeps its story and event, whichever process read it
    by_name = {Path(d.path).name: (d.event, d.language) for d in one.documents}
    assert by_name == {Path(d.path).name: (d.event, d.language) for d in two.documents}


def _events(db: Path) -> set[tuple[str, frozenset[tuple[int, str | None]]]]:
    """Events with their documents (ids: both runs store the files in the same order)."""
    return {(e.event, frozenset((d.id, d.title) for d in e.documents)) for e in list_events(db)}


def test_a_run_leaves_the_collector_as_it_found_it(corpus: Path, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    """Ingest freezes the objects alive before it for its length and unfreezes them
    after; a caller's own freeze is kept."""
    import gc

    gc.unfreeze()  # in-process CLI and web tests freeze the process: start from none
    ingest([corpus], db_path=tmp_path / "a.sqlite3", kb=kb)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        ingest([corpus], db_path=tmp_path / "b.sqlite3", kb=kb)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_benchmark_corpus_in_english_reads_as_english(tmp_path: Path) -> None:
    """``prose="english"`` (the benchmark's English feed) gives articles that language
    identification reads as English; the default filler is left as it was; a bad value
    is an error."""
    from foederis.news.clean import clean
    from foederis.news.languages import detect
    from foederis.news.read import RawDocument, read_file

    news_corpus = load_corpus_module()
    for prose, english in (("english", 1.0), ("syllables", 0.6)):
        out = tmp_path / prose
        news_corpus.generate(out, 40, seed=3, prose=prose)
        langs = []
        for p in sorted(out.glob("*.txt")):
            raw = read_file(p)
            assert isinstance(raw, RawDocument)
            langs.append(detect(clean(raw.text, raw.title).text))
        share = langs.count("en") / len(langs)
        assert share == 1.0 if english == 1.0 else share < english
    with pytest.raises(ValueError, match="prose"):
        news_corpus.generate(tmp_path / "bad", 1, prose="klingon")
