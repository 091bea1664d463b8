"""Syndicated copies: the same wire story on several sites is one independent report.

Articles are compared by their word shingles (runs of ``SHINGLE_WORDS`` words, case
and punctuation folded). Candidate pairs come from MinHash LSH (datasketch), so the
work grows with the number of articles, not its square; each candidate pair is then
confirmed on the exact Jaccard similarity of the two shingle sets, so the grouping does
not depend on MinHash's estimation error. Confirmed pairs are joined transitively.

Exact duplicates (the same text twice) always share a group, however short.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
# Jaccard similarity of two articles' shingle sets above which they are copies of one story.
# A wire story reprinted with a new headline, a trimmed last paragraph and a few edited words
# scores 0.6-0.9; two different reports of the same strike (same places, same figures, other
# words) score below 0.1. 0.5 keeps lightly edited reprints together and separate reports apart.
SIMILARITY_THRESHOLD = 0.5
NUM_PERM = 128  # MinHash permutations: more = fewer missed candidate pairs, slower hashing
MIN_SHINGLES = 8  # texts shorter than this are grouped only with exact duplicates of themselves
# Only the first words are shingled: copies of a story share their opening, and a 10 MB text
# costs no more than a long article.
MAX_WORDS = 5_000
_SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Text folded for comparison: lower case, words only, single spaces."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """SHA-256 of the text with spacing and case folded: equal for the same text however laid out."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of runs of ``size`` consecutive words among the first ``MAX_WORDS`` of ``text`` (normalised)."""
    words = _WORD.findall(text[:MAX_WORDS * 20].lower())[:MAX_WORDS]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def syndication_groups(
    articles: Iterable[tuple[str, str]], *, threshold: float = SIMILARITY_THRESHOLD, num_perm: int = NUM_PERM
) -> dict[str, str]:
    """
    The syndication group of every article.

    Parameters
    ----------
    articles
        ``(name, text)`` pairs; names must be unique.
    threshold
        Jaccard similarity of shingle sets at and above which two texts are copies.
    num_perm
        MinHash permutations used to find candidate pairs.

    Returns
    -------
    groups
        ``name -> group id``; the group id is the first name (in sorted order) of the
        group, so an article that is nobody's copy is its own group.
    """
    items = sorted(dict(articles).items())
    parent = {name: name for name, _ in items}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_with_hash: dict[str, str] = {}
    sets: dict[str, set[str]] = {}
    lsh = MinHashLSH(threshold=max(threshold * 0.8, 0.05), num_perm=num_perm)  # lower: fewer missed candidates
    for name, text in items:
        digest = content_hash(text)
        if digest in first_with_hash:
            union(first_with_hash[digest], name)
            continue
        first_with_hash[digest] = name
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            continue
        sets[name] = grams
        signature = MinHash(num_perm=num_perm, seed=_SEED)
        signature.update_batch([g.encode("utf-8") for g in grams])
        for other in lsh.query(signature):
            if jaccard(grams, sets[other]) >= threshold:
                union(other, name)
        lsh.insert(name, signature)
    return {name: find(name) for name, _ in items}
