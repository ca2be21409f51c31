"""Stage 3 — group texts that reuse the same story, and articles about the same event.

**Stories** are a function of the set of documents, not of how they were split into
runs: every ingest regroups every stored document with the same rule, in time linear in
the number of documents.

1. *Near-exact copies* (the same word 3-grams: the same article on another site, under
   other page chrome) have the same signature; they are collapsed to one representative
   by hashing the signature, so 25 copies cost one.
2. *Candidates* among representatives come from banded MinHash LSH: 128 minima from
   rensa (Rust), 64 bands of 2. Two texts are compared when a band agrees — the chance
   is 98% when one text holds a quarter of the other (Jaccard 0.25), 93% at 0.2. Within
   a band's bucket each text is compared with the ``BUCKET_WINDOW`` texts before it (in
   an order fixed by content), so a phrase shared by thousands of texts costs linear,
   not quadratic, work — and nothing is dropped because it is frequent *in a batch*.
3. *Verification* on the exact 3-gram sets: the smaller text must share at least
   ``STORY_CONTAINMENT`` of its 3-grams (and ``MIN_SHARED`` of them) with the other.
   Syndicated copies, truncations and summaries pass; articles that merely share set
   phrases do not. Pairs that pass are joined (networkx's union-find) into stories; each
   story has a canonical document (the longest clean text; then the earliest; then the
   first).

**Events.** Different articles on the same happening (same pact, same relation, dates
that agree) are grouped by the event keys that extraction gives them (see events.py).

Why rensa rather than datasketch: on the same 3-gram sets rensa computes a batch of
signatures in ~3 µs per document against ~100 µs for datasketch's MinHash (measured by
benchmarks/bench_news.py); LSH banding is twenty lines of numpy, so neither library's
index is used.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import rensa
from networkx.utils import UnionFind

from foederis.news.textutil import SHINGLE_SCHEME

NUM_PERM = 128
ROWS = 2  # minima per band
BANDS = NUM_PERM // ROWS
SEED = 1
STORY_CONTAINMENT = 0.2  # share of the smaller text's 3-grams found in the larger one
MIN_SHARED = 10  # and at least this many 3-grams in common
BUCKET_WINDOW = 4  # each text is compared with this many earlier texts in a bucket
MIN_AGREE = 2  # minima two texts must share to be compared
# signature format: rensa's algorithm, the number of minima and the 3-gram hash scheme
_MAGIC = b"RH" + bytes([rensa.RMinHash.ALGORITHM_VERSION, NUM_PERM, SHINGLE_SCHEME])

K = TypeVar("K", bound=Hashable)


def signatures(sets: Sequence[Iterable[int]]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """MinHash signatures of 3-gram hash sets, one row of ``NUM_PERM`` uint32 each (an
    empty set gives a row of the maximum value)."""
    arrays = [
        s.astype(np.uint64) if isinstance(s, np.ndarray) else np.fromiter(s, dtype=np.uint64)
        for s in sets
    ]
    sizes = np.array([len(a) for a in arrays], dtype=np.uint64)
    out = np.full((len(arrays), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    keep = np.flatnonzero(sizes)
    if len(keep):
        flat = np.concatenate([arrays[i] for i in keep])
        offsets = np.zeros(len(keep) + 1, dtype=np.uint64)
        offsets[1:] = np.cumsum(sizes[keep])
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, NUM_PERM, SEED)
        out[keep] = np.array(matrix.to_rows(), dtype=np.uint32)
    return out


def to_bytes(signature: np.ndarray[Any, np.dtype[np.uint32]]) -> bytes:
    return _MAGIC + signature.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray[Any, np.dtype[np.uint32]] | None:
    """A stored signature, or None when it was made by another scheme (re-sign it)."""
    if not data.startswith(_MAGIC) or len(data) != len(_MAGIC) + 4 * NUM_PERM:
        return None
    return np.frombuffer(data[len(_MAGIC) :], dtype="<u4").astype(np.uint32)


@dataclass(frozen=True, slots=True)
class Item:
    """One text to group: its key, MinHash signature and 3-gram count."""

    key: Hashable
    signature: np.ndarray[Any, np.dtype[np.uint32]]
    size: int


def collapse(items: Sequence[Item]) -> dict[bytes, list[int]]:
    """Indexes of items grouped by signature (near-exact copies), in content order."""
    out: dict[bytes, list[int]] = {}
    for i, it in enumerate(items):
        digest = hashlib.blake2b(it.signature.tobytes(), digest_size=16).digest()
        out.setdefault(digest + it.size.to_bytes(8, "little"), []).append(i)
    return dict(sorted(out.items()))


def candidate_pairs(
    sigs: np.ndarray[Any, np.dtype[np.uint32]],
    window: int = BUCKET_WINDOW,
    min_agree: int = MIN_AGREE,
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Row pairs (i < j) whose signatures agree on at least ``min_agree`` minima, looking
    in each minimum's bucket only at the ``window`` rows before each row: an (n, 2)
    array. The work is linear in the number of rows."""
    n = len(sigs)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    empty = np.all(sigs == np.iinfo(np.uint32).max, axis=1)
    found: list[np.ndarray[Any, np.dtype[np.int64]]] = []
    for b in range(sigs.shape[1]):
        col = sigs[:, b]
        order = np.argsort(col, kind="stable")
        ordered = col[order]
        for d in range(1, min(window, n - 1) + 1):
            same = np.flatnonzero(ordered[d:] == ordered[:-d])
            if len(same):
                lo = np.minimum(order[same], order[same + d]).astype(np.int64)
                hi = np.maximum(order[same], order[same + d]).astype(np.int64)
                found.append(lo * n + hi)
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes, counts = np.unique(np.concatenate(found), return_counts=True)
    codes = codes[counts >= min_agree]
    pairs: np.ndarray[Any, np.dtype[np.int64]] = np.stack([codes // n, codes % n], axis=1)
    keep: np.ndarray[Any, np.dtype[np.bool_]] = ~(empty[pairs[:, 0]] | empty[pairs[:, 1]])
    kept: np.ndarray[Any, np.dtype[np.int64]] = pairs[keep]
    return kept


Grams = np.ndarray[Any, np.dtype[np.uint32]]  # sorted distinct 3-gram hashes


def containment(a: Grams, b: Grams) -> float:
    """The share of the smaller text's 3-grams found in the other (0 below ``MIN_SHARED``
    in common), on sorted distinct hashes (``textutil.shingle_hashes``): a binary search
    of each of the smaller's in the larger, in numpy; no Python set is built."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0.0
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    shared = int(np.count_nonzero(b[at] == a))
    if shared < MIN_SHARED:
        return 0.0
    return shared / len(a)


def group_stories(
    items: Sequence[Item], shingles_of: Callable[[Hashable], Grams]
) -> list[list[Hashable]]:
    """Stories: groups of keys whose texts are copies, truncations or summaries of each
    other. The answer depends only on the items, not on their order or on earlier runs.
    ``shingles_of`` gives a key's sorted distinct 3-gram hashes."""
    copies = collapse(items)
    reps = [members[0] for members in copies.values()]
    uf: UnionFind = UnionFind()
    for members in copies.values():
        for i in members[1:]:
            uf.union(items[members[0]].key, items[i].key)
    sigs = (
        np.stack([items[i].signature for i in reps])
        if reps
        else np.empty((0, NUM_PERM), dtype=np.uint32)
    )
    cache: dict[Hashable, Grams] = {}

    def sh(key: Hashable) -> Grams:
        if key not in cache:
            cache[key] = shingles_of(key)
        return cache[key]

    for a, b in candidate_pairs(sigs).tolist():
        ka, kb = items[reps[a]].key, items[reps[b]].key
        if uf[ka] == uf[kb]:
            continue
        if containment(sh(ka), sh(kb)) >= STORY_CONTAINMENT:
            uf.union(ka, kb)
    out: dict[Hashable, list[Hashable]] = {}
    for it in items:
        out.setdefault(uf[it.key], []).append(it.key)
    return list(out.values())


def canonical(group: Sequence[K], rank: Callable[[K], Any]) -> K:
    """The member with the smallest ``rank`` (e.g. (-kept_chars, published, id))."""
    return min(group, key=rank)


def group_events(
    events: Mapping[K, Iterable[str]], stories: Iterable[Sequence[K]] = ()
) -> dict[K, str | None]:
    """The event of each document: documents sharing an event key (or a story) form one
    event group, named by its most frequent key; None for a document with no event."""
    uf: UnionFind = UnionFind()
    first_with: dict[str, K] = {}
    for doc, keys in events.items():
        uf[doc]  # registers the document
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
    for group in uf.to_sets():
        counts = Counter(k for d in group for k in events[d])
        label = min(counts, key=lambda k: (-counts[k], k)) if counts else None
        for d in group:
            labels[d] = label
    return labels
