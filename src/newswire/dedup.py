"""Near-duplicate articles (wire copies, republished stories) by MinHash LSH.

A document's text becomes a set of word shingles (:data:`SHINGLE` consecutive normalised
words); datasketch's :class:`~datasketch.MinHash` turns the set into a signature of
:data:`NUM_PERM` 32-bit values, whose agreement estimates the Jaccard similarity of two texts.
Locality-sensitive hashing splits the signature into bands (``b`` bands of ``r`` values, the
split datasketch's :class:`~datasketch.MinHashLSH` chooses for :data:`THRESHOLD`); texts that
agree on a whole band share that band's key and become candidates, and a candidate is a near
duplicate when its estimated similarity is at least the threshold.

The store keeps each document's signature (512 bytes) and its band keys (one indexed row per
band) in the database, so the index persists across runs, is updated in the same transaction
as the document, and needs no rebuild at start-up (see docs/scale.md).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MIN_SHINGLES",
    "NUM_PERM",
    "SHINGLE",
    "THRESHOLD",
    "LshParams",
    "Signature",
    "band_keys",
    "from_bytes",
    "lsh_params",
    "shingles",
    "signature",
    "similarity",
    "to_bytes",
]

#: Words per shingle.
SHINGLE = 3
#: MinHash permutations (signature length).
NUM_PERM = 128
#: Estimated Jaccard similarity of shingle sets from which two texts are near duplicates.
THRESHOLD = 0.7
#: Texts with fewer shingles than this are too short to call near duplicates (exact only).
MIN_SHINGLES = 20

Signature = NDArray[np.uint32]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LshParams:
    """LSH banding: ``bands`` bands of ``rows`` signature values each."""

    bands: int
    rows: int
    threshold: float
    num_perm: int


@lru_cache(maxsize=8)
def lsh_params(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> LshParams:
    """The banding datasketch's MinHashLSH chooses (least false positives + negatives) for ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return LshParams(bands=int(lsh.b), rows=int(lsh.r), threshold=threshold, num_perm=num_perm)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of ``size``-word shingles of the text, case- and accent-folded, punctuation ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int = NUM_PERM, min_shingles: int = MIN_SHINGLES) -> Signature | None:
    """The MinHash signature of the text, or None when it has fewer than ``min_shingles`` shingles."""
    from datasketch import MinHash

    sh = shingles(text)
    if len(sh) < min_shingles:
        return None
    mh = MinHash(num_perm=num_perm)  # fixed seed: the same text always gives the same signature
    mh.update_batch(list(sh))
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def to_bytes(sig: Signature) -> bytes:
    """The signature as compact bytes (little-endian uint32), for the database."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    """A signature back from :func:`to_bytes`."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def similarity(a: Signature, b: Signature) -> float:
    """The Jaccard similarity the two signatures estimate (share of equal values)."""
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(sig: Signature, params: LshParams | None = None) -> list[int]:
    """One signed 64-bit key per LSH band (band number and values hashed together)."""
    params = params or lsh_params(num_perm=len(sig))
    raw = sig.astype("<u4")
    keys = []
    for band in range(params.bands):
        chunk = raw[band * params.rows : (band + 1) * params.rows].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return sorted(set(keys))
