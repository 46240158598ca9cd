"""Near-duplicate articles: the same wire story syndicated, trimmed or lightly rewritten.

Each article gets a MinHash signature (``datasketch``) of its word 5-grams. Locality-sensitive
hashing splits the signature into bands; two texts share a band key with high probability only
when their Jaccard similarity is high, so the store finds an article's copies with indexed
lookups of its band keys rather than by comparing it with every stored article. A candidate is
confirmed by the similarity the two signatures estimate.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

PERMUTATIONS = 128
BANDS, ROWS = 16, 8  # 16 x 8 = 128: band keys collide above a similarity of about 0.7
SHINGLE = 5
COPY_SIMILARITY = 0.6  # estimated Jaccard of 5-grams above which two texts are one story
_WORD = re.compile(r"\w+")


def article_hash(text: str) -> str:
    """Content hash of an article's text: the key of an exact copy, which makes re-ingesting
    idempotent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of a text, case and punctuation folded."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes to store."""
    from datasketch import MinHash  # loads SciPy: only writers pay for it

    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint64).tobytes()


def band_keys(sig: bytes) -> list[tuple[int, str]]:
    """The LSH keys of a signature: one (band, digest) pair per band."""
    values = np.frombuffer(sig, dtype=np.uint64)
    return [
        (band, hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8)
         .hexdigest())
        for band in range(BANDS)
    ]  # fmt: skip


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two texts as their signatures estimate it."""
    left, right = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(left == right)) / len(left)
