"""Stage 3 — group texts that reuse the same story, and articles about the same event.

**Stories.** Syndicated copies, truncated copies and summaries share word 3-grams with
the original: the smaller text is largely *contained* in the larger one, although their
Jaccard similarity is low (a copy cut to a quarter has Jaccard 0.25). Candidates are
therefore found with datasketch's MinHash LSH Ensemble, an index for containment
queries that scales to millions of sets, and each candidate pair is then checked on the
exact shingle sets. Pairs that pass are joined (union-find) into stories, and each story
gets a canonical document (the longest clean text; then the earliest; then the first).

**Events.** Different articles on the same event (same pact, same relation: "the
signing of rus-prk-2024") are grouped by the event keys that extraction gives them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from datasketch import LeanMinHash, MinHash, MinHashLSHEnsemble

NUM_PERM = 64
SEED = 1
CANDIDATE_CONTAINMENT = 0.15  # LSH Ensemble threshold (a little under the verified one)
STORY_CONTAINMENT = 0.2  # share of the smaller text's 3-grams found in the larger one
MIN_SHARED = 10  # and at least this many 3-grams in common
NUM_PART = 8
COMMON_SHARE = 0.005
COMMON_MIN = 20
SIZE_STEP = 1.05  # sizes are rounded up to powers of this to keep partitioning fast

K = TypeVar("K", bound=Hashable)


@cache
def _permutations() -> Any:
    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def minhash(shingles: Iterable[int]) -> LeanMinHash:
    """The MinHash signature of a set of 32-bit shingle hashes."""
    m = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme="affine32"
    )
    values = list(shingles)
    if values:
        m.update_batch(values)
    return LeanMinHash(m)


def common_shingles(sets: Sequence[set[int]]) -> set[int]:
    """3-grams found in more than ``COMMON_SHARE`` of the texts (and at least
    ``COMMON_MIN`` of them): set phrases that make unrelated texts look alike."""
    limit = max(COMMON_MIN, int(len(sets) * COMMON_SHARE))
    counts: Counter[int] = Counter()
    for s in sets:
        counts.update(s)
    return {h for h, n in counts.items() if n > limit}


def to_bytes(m: LeanMinHash) -> bytes:
    buf = bytearray(m.bytesize())
    m.serialize(buf)
    return bytes(buf)


def from_bytes(data: bytes) -> LeanMinHash:
    m: LeanMinHash = LeanMinHash.deserialize(data)
    return m


@dataclass(frozen=True, slots=True)
class Item:
    """One text to group: its key, MinHash and shingle count."""

    key: Hashable
    minhash: LeanMinHash
    size: int


def _bucket(size: int) -> int:
    return math.ceil(SIZE_STEP ** math.ceil(math.log(max(size, 1)) / math.log(SIZE_STEP)))


def candidate_pairs(
    items: Sequence[Item], queries: Iterable[Item] | None = None
) -> set[tuple[Hashable, Hashable]]:
    """Pairs (query, indexed) where the query text may be contained in the other."""
    indexed = [i for i in items if i.size > 0]
    if not indexed:
        return set()
    lsh = MinHashLSHEnsemble(
        threshold=CANDIDATE_CONTAINMENT, num_perm=NUM_PERM, num_part=NUM_PART, m=4
    )
    lsh.index([(i.key, i.minhash, _bucket(i.size)) for i in indexed])
    pairs: set[tuple[Hashable, Hashable]] = set()
    for q in queries if queries is not None else indexed:
        if q.size == 0:
            continue
        for other in lsh.query(q.minhash, q.size):
            if other != q.key:
                pairs.add((q.key, other))
    return pairs


def containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / min(len(a), len(b))


class UnionFind(Generic[K]):
    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self, keys: Iterable[K]) -> list[list[K]]:
        out: dict[K, list[K]] = {}
        for k in keys:
            out.setdefault(self.find(k), []).append(k)
        return list(out.values())


def group_stories(
    items: Sequence[Item],
    shingles_of: Callable[[Hashable], set[int]],
    queries: Iterable[Item] | None = None,
) -> list[list[Hashable]]:
    """Stories: groups of keys whose texts are copies, truncations or summaries of each
    other. ``queries`` limits the candidate search to some items (the new ones) when the
    others were grouped before; every item is in the answer."""
    uf: UnionFind[Hashable] = UnionFind()
    cache_: dict[Hashable, set[int]] = {}

    def sh(key: Hashable) -> set[int]:
        if key not in cache_:
            cache_[key] = shingles_of(key)
        return cache_[key]

    for a, b in candidate_pairs(items, queries):
        if uf.find(a) == uf.find(b):
            continue
        if containment(sh(a), sh(b)) >= STORY_CONTAINMENT:
            uf.union(a, b)
    return uf.groups(i.key for i in items)


def canonical(group: Sequence[K], rank: Callable[[K], Any]) -> K:
    """The member with the smallest ``rank`` (e.g. (-kept_chars, published, id))."""
    return min(group, key=rank)


def group_events(
    events: Mapping[K, Iterable[str]], stories: Iterable[Sequence[K]] = ()
) -> dict[K, str | None]:
    """The event of each document: documents sharing an event key (or a story) form one
    event group, named by its most frequent key; None for a document with no event."""
    uf: UnionFind[K] = UnionFind()
    first_with: dict[str, K] = {}
    for doc, keys in events.items():
        uf.find(doc)
        for k in keys:
            if k in first_with:
                uf.union(first_with[k], doc)
            else:
                first_with[k] = doc
    for story in stories:
        for other in story[1:]:
            if story[0] in events and other in events:
                uf.union(story[0], other)
    labels: dict[K, str | None] = {}
    for group in uf.groups(events):
        counts = Counter(k for d in group for k in events[d])
        label = min(counts, key=lambda k: (-counts[k], k)) if counts else None
        for d in group:
            labels[d] = label
    return labels
