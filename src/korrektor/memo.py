"""The one bounded memo of korrektor's process-wide caches (token shapes, candidate lists, channel
searches, bigram and character-model scores, compound splits).

A corpus repeats its words, so what is learnt about a word is kept for the next time it comes; but
a long run over endless unique input must not grow without bound. :class:`BoundedCache` is a dict
whose :meth:`~BoundedCache.put` empties it when it holds ``maxsize`` entries and one more comes:
the cache then fills again with what the text in hand asks for. Lookups are the dict's own
(``get``, ``[]``, ``in``), a C call each.

Why not ``cachetools.LRUCache`` (or ``functools.lru_cache``): the decoder asks these caches some
hundred thousand times a page set, and a hit is the hot path. A ``LRUCache`` hit is a Python-level
call that reorders the entries: ~0.3 µs against ~0.03 µs for a dict, and ~0.6 µs with the lock
that threads would need for it (its reordering is not atomic). Least-recently-used eviction is
no gain here either: the entries are cheap to recompute, and the bound is about memory, not
about keeping the best entries. ``functools.lru_cache`` is fast but fits none of the caches: they
are keyed per language data or skip long keys (bounded in bytes too).

Threads (``korrektor batch``, Dask, the service run corrections in threads): each of ``get``,
``[]``, ``clear`` and the item assignment is one atomic dict operation under the GIL, as the
hand-written caches were. Two threads that ``put`` at once may clear each other's fresh entry or
let the cache hold an entry or two above ``maxsize`` until the next ``put``: a lost entry, which
is computed again, never a wrong one, as every cached value is a pure function of its key.
"""

from __future__ import annotations

from typing import Hashable, TypeVar

__all__ = ["BoundedCache", "cache_in"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(dict[K, V]):
    """A memo of at most ``maxsize`` entries: emptied by :meth:`put` when full."""

    __slots__ = ("maxsize",)

    def __init__(self, maxsize: int):
        super().__init__()
        self.maxsize = maxsize

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` under ``key`` (emptying the cache first when it is full); returns ``value``."""
        if len(self) >= self.maxsize:
            self.clear()
        self[key] = value
        return value


def cache_in(caches: dict, key: Hashable, maxsize: int) -> BoundedCache:
    """The bounded cache under ``key`` in ``caches`` (e.g. one per language data), made on first use."""
    found = caches.get(key)
    if found is None:
        found = caches.setdefault(key, BoundedCache(maxsize))  # atomic: one cache per key in threads too
    return found
