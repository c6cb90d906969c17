"""The bounded memo of the process-wide caches (korrektor.memo)."""

from korrektor.memo import BoundedCache, cache_in


def test_a_bounded_cache_never_holds_more_than_its_maxsize():
    cache = BoundedCache(3)
    for i in range(10):
        assert cache.put(i, str(i)) == str(i)
        assert len(cache) <= 3
        assert cache.get(i) == str(i)  # the latest entry is always kept


def test_cache_in_makes_one_cache_per_key():
    caches: dict = {}
    a = cache_in(caches, "lexicon", 5)
    assert cache_in(caches, "lexicon", 5) is a and a.maxsize == 5
    assert cache_in(caches, "other", 5) is not a
