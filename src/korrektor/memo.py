"""The one bounded memo of korrektor's process-wide caches (token shapes and known words, candidate
lists, channel searches and compound parts, chunk features, bigram and character-model scores,
compound splits).

A corpus repeats its words, so what is learnt about a word is kept for the next time it comes; but
a long run over endless unique input must not grow without bound. Each cache is a plain dict, and
:func:`remember` is the only way in: it empties the dict when it holds ``maxsize`` entries and one
more comes, and the cache fills again with what the text in hand asks for. Lookups are the dict's
own ``get`` or ``[]``.

Why plain dicts and a function, not ``cachetools.LRUCache`` or a dict subclass: a hit is the hot
path (the decoder asks these caches about a million times on the 200 English benchmark pages), and
Python 3.11 specialises lookups on an exact dict only. Measured: a hit costs ~37 ns on a dict,
~53 ns on any dict subclass (1.5 % of the warm benchmark), ~300 ns on a ``LRUCache`` and ~600 ns
with the lock threads would need for it (its reordering on a hit is not atomic); with
``LRUCache`` the benchmark ran 15 % slower cold and 30 % slower warm. Least-recently-used
eviction would gain nothing: the entries are cheap to recompute, and the bound is about memory.
``functools.lru_cache`` fits none of them (they are per language data or skip long keys).

Threads (``korrektor batch``, Dask, the service run corrections in threads): a lookup, the
``clear`` and the item assignment are each one atomic dict operation under the GIL, as in the
hand-written caches before. Two threads that ``remember`` at once may clear each other's fresh
entry, or leave an entry or two above ``maxsize`` until the next call: a lost entry, computed
again, never a wrong one, since every cached value is a pure function of its key.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["remember"]

K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V, maxsize: int) -> V:
    """Keep ``value`` under ``key`` in ``cache``, emptying the cache first when it holds
    ``maxsize`` entries; returns ``value``."""
    if len(cache) >= maxsize:
        cache.clear()
    cache[key] = value
    return value
