"""The bounded memo of the process-wide caches (korrektor.memo)."""

from korrektor.memo import remember


def test_a_remembering_cache_never_holds_more_than_its_maxsize():
    cache: dict = {}
    for i in range(10):
        assert remember(cache, i, str(i), 3) == str(i)
        assert len(cache) <= 3
        assert cache.get(i) == str(i)  # the latest entry is always kept
