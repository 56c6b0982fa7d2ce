"""Crash test, long form (run on demand): `python benchmarks/crash_long.py [--kills 500] [--mode spawn]`.

Records in a child process and SIGKILLs it at random moments, ≥ 500 times, checking after
every kill that each acknowledged action is in the file, nothing beyond the one in flight is,
the audit log agrees, integrity_check is ok and foreign_key_check is empty (see
tests/crash_child.py). ``spawn`` starts every child as a fresh interpreter (a real start,
~0.7 s per kill); ``fork`` forks it from this process (milliseconds per kill, so thousands).
Prints the figures for the closing note; exit status 1 if any check failed.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

from tests.crash_child import Figures, Harness, default_mode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--mode", choices=["spawn", "fork"], default="spawn")
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    parser.add_argument("--max-delay", type=float, default=None, help="seconds after READY")
    parser.add_argument("--fresh-every", type=int, default=250, help="kills per database file")
    args = parser.parse_args()
    if args.mode == "fork" and default_mode() != "fork":
        parser.error("fork is not available here")
    max_delay = args.max_delay or (0.25 if args.mode == "spawn" else 0.08)
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, mode {args.mode}, "
          f"seed {args.seed}, max delay {max_delay * 1000:.0f} ms after the child is ready")
    figures = Figures()
    committed = 0
    database = 0
    while figures.kills < args.kills:
        # A fresh database now and then, so the file is also killed while small and while large.
        with tempfile.TemporaryDirectory(prefix="crash-long-") as tmp:
            harness = Harness(Path(tmp), args.seed + database, plan_length=50_000)
            goal = min(args.kills, figures.kills + args.fresh_every)
            while figures.kills < goal:
                harness.run(min(goal, figures.kills + 50), args.mode, max_delay, figures)
                print(f"  {figures.summary()}", flush=True)
            committed += harness.committed
            database += 1
    print(f"result: {figures.summary()}; {committed} actions committed across {database} database(s)")
    for failure in figures.failures[:20]:
        print(f"FAILURE: {failure}")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
