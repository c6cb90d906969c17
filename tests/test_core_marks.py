"""The compiled mark statistics (``korrektor._core.MarkStats``, ``rust/src/marks.rs``) read
``punctuation.json`` as ``korrektor.marks.MarkStats`` does; the compiled edit kinds are
``korrektor.rules.Kind``'s."""

from korrektor import _core
from korrektor.marks import default_core_mark_stats, default_mark_stats
from korrektor.rules import Kind


def test_the_word_sets_agree():
    here = default_mark_stats()
    for name, words in default_core_mark_stats().sets():
        assert words == sorted(getattr(here, name)), name


def test_the_dash_rates_agree_to_the_bit():
    here = default_mark_stats()
    core = default_core_mark_stats()
    words = sorted(set(here.before_dash) | set(here.after_dash)) + ["unlisted", "Einigung", ""]
    for before in words:
        for after in words[::7]:
            assert core.dash_plausibility(before, after) == here.dash_plausibility(before, after), (before, after)


def test_the_edit_kinds_are_pythons():
    assert _core.edit_kinds() == [k.value for k in Kind]
