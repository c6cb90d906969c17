"""Reliability checks of korrektor: bounded memory and time, faults, the service under load.

    python -m bench.reliability memory        [--quick] [--sizes 100M,1G] [--jobs 1,2] [--text-sizes ...]
    python -m bench.reliability pathological  [--quick] [--sizes 65536,262144,1048576]
    python -m bench.reliability kill          [--quick] [--kills N] [--records N]
    python -m bench.reliability disk          [--quick]
    python -m bench.reliability load          [--quick] [--seconds S] [--clients N] [--probes N]
    python -m bench.reliability all --quick   # every quick version, about 1–2 minutes

Run from the repository root. Each part prints a table and exits with status 1 when one of its
expectations fails; ``--json FILE`` also writes the results. The numbers of the full runs are in
RELIABILITY.md; ``tests/test_reliability.py`` runs the quick versions.

One module per part (``memory``, ``pathological``, ``kill``, ``disk``, ``load``); ``common`` holds
what they share: the command line of the CLI, a process-tree memory sampler, a generator of
German-like text and the result table.
"""
