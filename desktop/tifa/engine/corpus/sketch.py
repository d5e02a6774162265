"""MinHash sketches of documents (datasketch): what finds echoes among thousands of texts.

A document's *shingles* are the hashes of every run of ``SHINGLE`` content characters of its
normalised text (punctuation, spaces and paragraph breaks left out, so a reprint with other
punctuation or line breaks has the same shingles). Its *signature* is datasketch's MinHash of
those shingles (``NUM_PERM`` affine permutations, 32-bit values): ``NUM_PERM * 4`` bytes in
the store, whatever the document's length.

Two estimates come from signatures:

- Jaccard similarity of two documents: the share of equal signature values
  (``jaccard``); near-duplicates (one article reposted by twenty sites) are above 0.9.
- Containment of a stored document B in a query A whose shingles are known in full: the share
  of B's signature values that some shingle of A takes under the same permutation
  (``containment_hits``). A local readout quoting one paragraph of a central text has low
  Jaccard with it, but the part of it that is the quotation shows up here, in both
  directions (the query's own signature against the stored documents' shingles is not
  needed: the hits estimate |A ∩ B| / |B|, and |B| is stored).

Nothing here touches the database; ``sketch_text`` runs in any process (worker processes of
an add, Dask workers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

SHINGLE = 5  # characters per shingle (content characters only)
NUM_PERM = 128  # MinHash permutations: 512 bytes a document
SEED = 13
SCHEME = "affine32"
PARAMS = f"minhash/{SCHEME}/k{SHINGLE}/p{NUM_PERM}/s{SEED}/v1"  # stored: a change re-sketches

UInt32Array = npt.NDArray[np.uint32]
_NOT_CONTENT = re.compile(r"[\W_]+")
_BASE = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class Sketch:
    """A document's MinHash signature and how many distinct shingles it has."""

    shingles: int
    signature: bytes  # NUM_PERM little-endian uint32
    params: str = PARAMS  # how it was made

    def values(self) -> UInt32Array:
        return np.frombuffer(self.signature, dtype="<u4").astype(np.uint32)


def content_text(normalized: str) -> str:
    """The normalised text without punctuation, symbols, spaces and paragraph breaks."""
    return _NOT_CONTENT.sub("", normalized)


def shingle_hashes(normalized: str) -> UInt32Array:
    """Distinct 32-bit hashes of the text's shingles (sorted); a text shorter than one
    shingle is one shingle."""
    text = content_text(normalized)
    if not text:
        return np.empty(0, dtype=np.uint32)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes64 = codes.astype(np.uint64)
    n = max(1, len(codes64) - SHINGLE + 1)
    k = min(SHINGLE, len(codes64))
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(k):
            h = h * _BASE + codes64[t : t + n]
        folded = (h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


def _identity(value: object) -> object:
    return value


@cache
def permutations() -> tuple[UInt32Array, UInt32Array]:
    """datasketch's permutation parameters (a, b) for our seed and size."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(values: UInt32Array) -> UInt32Array:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme applies it before the
    permutations (``tests/engine/test_corpus_echoes.py`` checks the two agree)."""
    h = values.astype(np.uint32)
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        h = h ^ (h >> np.uint32(16))
    return h


def permuted(hashes: UInt32Array) -> UInt32Array:
    """Every shingle under every permutation: ``len(hashes) x NUM_PERM``."""
    a, b = permutations()
    with np.errstate(over="ignore"):
        out: UInt32Array = _fmix32(hashes)[:, None] * a[None, :] + b[None, :]
    return out


def sketch_hashes(hashes: UInt32Array) -> Sketch:
    """The MinHash (datasketch) of a set of shingle hashes."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_identity)
    if len(hashes):
        minhash.update_batch(hashes)
    values = np.asarray(minhash.hashvalues, dtype="<u4")
    return Sketch(len(hashes), values.tobytes())


def sketch_text(normalized: str) -> Sketch:
    return sketch_hashes(shingle_hashes(normalized))


def signature_keys(signature: bytes) -> list[int]:
    """A stored signature as the index keys of ``sketch_keys``: ``permutation << 32 |
    value``, one a permutation."""
    values = np.frombuffer(signature, dtype="<u4").astype(np.int64)
    keys: list[int] = (np.arange(len(values), dtype=np.int64) << 32 | values).tolist()
    return keys


def jaccard(a: UInt32Array, b: UInt32Array) -> float:
    """Estimated Jaccard similarity of two documents from their signature values."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment_hits(
    query: UInt32Array, signatures: UInt32Array
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """For each stored signature (rows of ``signatures``), how many of its values some
    shingle of the query (``query``: its shingle hashes) takes under the same permutation,
    and the same hits weighted by how rare each value is in its column (log(N / documents
    with that value): a shingle that is the minimum of many documents, 习近平总书记 say, is
    common wording). hits / NUM_PERM estimates the share of the stored document's shingles
    found in the query."""
    hits = np.zeros(len(signatures), dtype=np.int64)
    weighted = np.zeros(len(signatures), dtype=np.float64)
    if not len(query) or not len(signatures):
        return hits, weighted
    values = permuted(query)
    total = len(signatures)
    for i in range(signatures.shape[1]):
        column = signatures[:, i]
        matched = np.flatnonzero(np.isin(column, values[:, i]))
        if not len(matched):
            continue
        _, inverse, counts = np.unique(column[matched], return_inverse=True,
                                           return_counts=True)
        hits[matched] += 1
        weighted[matched] += np.log(total / counts)[inverse]
    return hits, weighted
