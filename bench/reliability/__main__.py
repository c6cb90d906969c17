"""``python -m bench.reliability PART [--quick] [knobs]``: see the package docstring."""

from __future__ import annotations

import argparse
import sys
import time

from . import __doc__ as DOC
from . import disk, kill, load, memory, pathological
from .common import git_state, write_json

PARTS = {"memory": memory, "pathological": pathological, "kill": kill, "disk": disk, "load": load}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.reliability", description=DOC,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="part", required=True)

    def part(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument("--quick", action="store_true", help="small sizes, for CI")
        p.add_argument("--json", default=None, help="also write the results here")
        return p

    p = part("memory", "peak memory of batch on a huge JSONL, and of correct on a large document")
    p.add_argument("--sizes", help=f"JSONL sizes (default {memory.FULL['sizes']})")
    p.add_argument("--jobs", help=f"--jobs values (default {memory.FULL['jobs']})")
    p.add_argument("--text-sizes", help=f"plain-text sizes (default {memory.FULL['text_sizes']})")
    p.add_argument("--workdir", default=None, help="where the inputs are made (default: $TMPDIR)")
    p = part("pathological", "time per document on pathological text, at growing sizes")
    p.add_argument("--sizes", help=f"text sizes (default {pathological.FULL['sizes']})")
    p.add_argument("--cases", default=None, help="comma-separated case names (default: all)")
    p = part("kill", "SIGKILL batch at random moments, --resume, compare with a clean run")
    p.add_argument("--kills", type=int, help=f"number of kills (default {kill.FULL['kills']})")
    p.add_argument("--records", type=int, help=f"input records (default {kill.FULL['records']})")
    p.add_argument("--finishing-records", type=int, help="records of the run killed while it compresses its "
                   f"output; 0 skips it (default {kill.FULL['finishing_records']})")
    p.add_argument("--seed", type=int, default=7)
    part("disk", "full disk and unwritable outputs: fail fast and cleanly")
    p = part("load", "the service under concurrent load with bad requests mixed in")
    p.add_argument("--seconds", type=float, help=f"duration (default {load.FULL['seconds']})")
    p.add_argument("--clients", type=int, help=f"concurrent clients (default {load.FULL['clients']})")
    p.add_argument("--max-requests", type=int, help=f"stop after this many (default {load.FULL['max_requests']})")
    p.add_argument("--queue", type=int, help=f"the server's --queue (default {load.FULL['queue']})")
    p.add_argument("--probes", type=int, help=f"leak-probe requests after the load (default {load.FULL['probes']})")
    part("all", "every part in turn")

    a = ap.parse_args(argv)
    names = list(PARTS) if a.part == "all" else [a.part]
    reports = []
    for name in names:
        module = PARTS[name]
        knobs = dict(module.QUICK if a.quick else module.FULL)
        for k in knobs:  # explicit knobs override the preset
            if getattr(a, k, None) is not None:
                knobs[k] = getattr(a, k)
        extra = {k: getattr(a, k) for k in ("workdir", "cases", "seed") if getattr(a, k, None) is not None}
        t = time.monotonic()
        code = git_state()
        report = module.run(**knobs, **extra)
        report.data["seconds"] = round(time.monotonic() - t, 1)
        report.data["code"] = code
        report.print()
        reports.append(report)
    write_json(reports, a.json)
    if len(reports) > 1:
        print("\n" + "  ".join(f"{r.part}: {'ok' if r.ok else 'FAILED'} ({r.data['seconds']} s)" for r in reports))
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
