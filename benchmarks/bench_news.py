"""News pipeline benchmark: documents per second, dedup precision/recall, dedupe scaling.

    PYTHONPATH=src python benchmarks/bench_news.py [--n 1000,10000,100000] [--jobs 2]
        [--scale 1000,10000,100000] [--lsh-scale 1000,10000,100000,1000000]

1. Generates a synthetic corpus of N articles with known duplicates (news_corpus.py).
2. Baseline: the time to read and hash every file (the floor for any ingest).
3. The whole pipeline (read, clean, dedupe, extract, reconcile, store) into a fresh
   SQLite file, on one core: documents per second, against the baseline. Each size runs
   in a fresh interpreter warmed up on other articles, so no cache carries over.
4. Dedup precision and recall over document pairs against the known stories.
5. Dedupe alone (shingles, MinHash, banded LSH, verification) at each scale: the same
   ``dedupe.signatures`` and ``dedupe.group_stories`` that ingest calls.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import news_corpus

from foederis.kb import load_kb
from foederis.news import dedupe, ingest
from foederis.news.store import Store
from foederis.news.textutil import shingle_hashes, shingles


def _pairs(groups: Iterable[list[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        out.update(itertools.combinations(sorted(g), 2))
    return out


WARM_UP_DOCS = 300


def bench_pipeline(n: int, work: Path, jobs: int = 1, prose: str = "syllables") -> dict[str, float]:
    """One pipeline measurement in a fresh interpreter (``spawn``), as a new
    ``foederis news ingest`` would be: nothing cached from another measurement (the
    language of a text, a signed copy, a resolved pact name) can flatter it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(_bench_pipeline, n, work, jobs, prose).result()


def _bench_pipeline(n: int, work: Path, jobs: int, prose: str) -> dict[str, float]:
    corpus = work / "corpus"
    t = time.perf_counter()
    truth = news_corpus.generate(corpus, n, prose=prose)
    gen = time.perf_counter() - t
    files = sorted(p for p in corpus.iterdir() if p.name != "truth.json")

    t = time.perf_counter()
    for p in files:
        hashlib.sha256(p.read_bytes()).hexdigest()
    baseline = time.perf_counter() - t

    kb = load_kb()
    # warm up on other articles (another seed): the models and tables are loaded, as in
    # a process that has ingested before, but no text of the measured corpus is cached
    news_corpus.generate(work / "warm-up", WARM_UP_DOCS, seed=n + 7919, prose=prose)
    ingest([work / "warm-up"], db_path=work / "warm-up.sqlite3", kb=kb)
    db = work / "news.sqlite3"
    t = time.perf_counter()
    cpu = _cpu()
    result = ingest([corpus], db_path=db, kb=kb, jobs=jobs)
    elapsed = time.perf_counter() - t
    cpu_s = _cpu() - cpu

    with Store(db) as store:
        rows = store.documents()
    by_story: dict[int, list[str]] = {}
    for r in rows:
        by_story.setdefault(r["story"], []).append(Path(r["path"]).name)
    found = _pairs(by_story.values())
    expected_groups: dict[int, list[str]] = {}
    for name, story in truth.items():
        expected_groups.setdefault(story, []).append(name)
    expected = _pairs(expected_groups.values())
    tp = len(found & expected)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(expected) if expected else 1.0
    statuses: dict[str, int] = {}
    for c in result.claims:
        statuses[c.status] = statuses.get(c.status, 0) + 1
    return {
        "jobs": jobs,
        "documents": len(result.documents),
        "skipped": len(result.skipped),
        "claims": len(result.claims),
        "generate_s": gen,
        "baseline_read_hash_s": baseline,
        "baseline_docs_per_s": n / baseline,
        "pipeline_s": elapsed,
        "pipeline_docs_per_s": n / elapsed,
        "pipeline_cpu_s": cpu_s,  # this process and its workers: on a shared machine
        "pipeline_docs_per_cpu_s": n / cpu_s,  # wall time counts other jobs' turns too
        "load_average": os.getloadavg()[0],
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "slowdown_vs_baseline": elapsed / baseline,
        "dedup_pairs_expected": len(expected),
        "dedup_pairs_found": len(found),
        "dedup_precision": precision,
        "dedup_recall": recall,
        "claim_statuses": statuses,  # type: ignore[dict-item]
    }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bench_dedupe(n: int) -> dict[str, float]:
    texts, stories = news_corpus.texts(n, seed=3)
    t = time.perf_counter()
    grams = [shingle_hashes(x) for x in texts]  # as ingest does (pipeline._prepare)
    sigs = dedupe.signatures(grams)
    items = [
        dedupe.Item(i, sig, len(g)) for i, (sig, g) in enumerate(zip(sigs, grams, strict=True))
    ]
    signed = time.perf_counter() - t
    t = time.perf_counter()
    groups = dedupe.group_stories(items, lambda k: grams[int(str(k))])
    grouped = time.perf_counter() - t
    found = _pairs([[str(k) for k in g] for g in groups])
    expected_groups: dict[int, list[str]] = {}
    for i, s in enumerate(stories):
        expected_groups.setdefault(s, []).append(str(i))
    expected = _pairs(expected_groups.values())
    tp = len(found & expected)
    return {
        "docs": n,
        "shingle_minhash_s": signed,
        "lsh_group_s": grouped,
        "total_s": signed + grouped,
        "us_per_doc": (signed + grouped) / n * 1e6,
        "precision": tp / len(found) if found else 1.0,
        "recall": tp / len(expected) if expected else 1.0,
    }


def bench_minhash(n: int = 2000) -> dict[str, float]:
    """MinHash signatures of the same 3-gram sets: datasketch (pure Python + numpy, one
    document at a time) against rensa (Rust, a batch), and what production calls."""
    from datasketch import LeanMinHash, MinHash

    texts, _ = news_corpus.texts(n, seed=5)
    sets = [shingles(x) for x in texts]
    perms = MinHash(num_perm=dedupe.NUM_PERM, seed=dedupe.SEED, scheme="affine32").permutations
    t = time.perf_counter()
    for s in sets:
        m = MinHash(
            num_perm=dedupe.NUM_PERM,
            seed=dedupe.SEED,
            hashfunc=int,
            permutations=perms,
            scheme="affine32",
        )
        m.update_batch(list(s))
        LeanMinHash(m)
    datasketch_s = time.perf_counter() - t
    t = time.perf_counter()
    dedupe.signatures(sets)
    rensa_s = time.perf_counter() - t
    return {
        "docs": n,
        "mean_shingles": sum(map(len, sets)) / n,
        "datasketch_us_per_doc": datasketch_s / n * 1e6,
        "rensa_us_per_doc": rensa_s / n * 1e6,
        "ratio": datasketch_s / rensa_s,
    }


def bench_lsh_only(n: int, chunk: int = 100_000) -> dict[str, float]:
    """Signatures and candidate pairs for ``n`` synthetic 3-gram sets (400 random hashes
    each, one in five a near-copy of an earlier one), made in chunks so that 1M fits in
    memory: the part of dedupe that grows with the corpus. Texts are not generated or
    verified here (a partial measurement; see bench_dedupe for the whole stage)."""
    import numpy as np

    rng = np.random.default_rng(7)
    sigs = []
    t = time.perf_counter()
    made = 0
    while made < n:
        size = min(chunk, n - made)
        base = rng.integers(0, 2**32, size=(size, 400), dtype=np.uint64)
        copies = rng.random(size) < 0.2
        src = rng.integers(0, size, size=size)
        base[copies, :300] = base[src[copies], :300]  # shares 300 of 400 3-grams
        sigs.append(dedupe.signatures([row for row in base]))
        made += size
    matrix = np.concatenate(sigs)
    signed = time.perf_counter() - t
    t = time.perf_counter()
    pairs = dedupe.candidate_pairs(matrix)
    lsh = time.perf_counter() - t
    return {
        "docs": n,
        "signatures_s": signed,
        "candidates_s": lsh,
        "us_per_doc": (signed + lsh) / n * 1e6,
        "candidate_pairs": len(pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="1000,10000", help="pipeline corpus sizes (comma-separated)")
    parser.add_argument("--jobs", type=int, default=2, help="also run ingest --jobs N")
    parser.add_argument(
        "--jobs-up-to", type=int, default=10_000, help="run --jobs N only up to this size"
    )
    parser.add_argument("--scale", default="1000,10000,100000")
    parser.add_argument("--lsh-scale", default="1000,10000,100000,1000000")
    parser.add_argument(
        "--prose",
        choices=["syllables", "english"],
        default="syllables",
        help="the articles' filler: made-up words, or with English function words among them",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    pipelines = []
    for n in (int(x) for x in args.n.split(",") if x):
        for jobs in sorted({1, args.jobs} if n <= args.jobs_up_to else {1}):
            with tempfile.TemporaryDirectory() as tmp:
                run = bench_pipeline(n, Path(tmp), jobs, args.prose)
                pipelines.append(run | {"n": n, "prose": args.prose})
                print(json.dumps(pipelines[-1]), file=sys.stderr, flush=True)
    minhash = bench_minhash()
    scaling = [bench_dedupe(int(s)) for s in args.scale.split(",") if s]
    lsh = [bench_lsh_only(int(s)) for s in args.lsh_scale.split(",") if s]
    report = {"pipeline": pipelines, "minhash": minhash, "dedupe_scaling": scaling, "lsh": lsh}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for p in pipelines:
        print(
            f"pipeline, {p['n']} synthetic articles ({p['prose']}), {p['jobs']} process(es)"
            f" (load average {p['load_average']:.1f}, peak memory {p['max_rss_mb']:.0f} MB):"
        )
        print(f"  baseline read+hash : {p['baseline_docs_per_s']:10.0f} docs/s")
        print(
            f"  whole pipeline     : {p['pipeline_docs_per_s']:10.0f} docs/s "
            f"({p['pipeline_s']:.1f} s, {p['slowdown_vs_baseline']:.0f}x the baseline);"
            f" {p['pipeline_docs_per_cpu_s']:.0f} docs per CPU-second"
        )
        print(
            f"  dedup vs known duplicates: precision {p['dedup_precision']:.3f}, "
            f"recall {p['dedup_recall']:.3f} ({p['dedup_pairs_expected']} duplicate pairs)"
        )
        print(f"  claims: {p['claims']} {p['claim_statuses']}")
    m = minhash
    print(
        f"MinHash, {m['docs']} documents of {m['mean_shingles']:.0f} 3-grams: datasketch"
        f" {m['datasketch_us_per_doc']:.0f} us/doc, rensa {m['rensa_us_per_doc']:.0f} us/doc"
        f" ({m['ratio']:.0f}x)"
    )
    print("dedupe alone (shingles + MinHash + banded LSH + verification):")
    for s in scaling:
        print(
            f"  {s['docs']:>7} docs: {s['total_s']:7.2f} s ({s['us_per_doc']:.0f} us/doc;"
            f" MinHash {s['shingle_minhash_s']:.2f} s, LSH+verify {s['lsh_group_s']:.2f} s)"
            f"  P={s['precision']:.3f} R={s['recall']:.3f}"
        )
    print("signatures + LSH candidates only (synthetic 3-gram sets, no texts):")
    for s in lsh:
        print(
            f"  {s['docs']:>7} docs: {s['signatures_s'] + s['candidates_s']:7.2f} s"
            f" ({s['us_per_doc']:.1f} us/doc; {s['candidate_pairs']} candidate pairs)"
        )


if __name__ == "__main__":
    main()
