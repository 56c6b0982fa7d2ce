"""Engine benchmark (run on demand): `python benchmarks/bench_engine.py`.

Prints, in one run on this machine:
- the sample's export time (docx + xlsx), target < 0.5 s;
- a synthetic meeting's export time at 500 … 5,000 cases and the growth per case, target
  < 5 s at 5,000 and linear;
- the median and p99 time to commit one recorded decision through the storage layer, next to
  a bare sqlite3 UPDATE + COMMIT with the same pragmas on the same kind of file, target ≤ 2×.
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from recorder_app.core.compose import compose
from recorder_app.core.interchange import load
from recorder_app.core.model import CaseDecision, Meeting
from recorder_app.core.synthetic import with_cases
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.xlsx_export import xlsx_bytes
from recorder_app.resources import sample_path
from recorder_app.storage.actions import set_case_decision
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def export_both(meeting: Meeting) -> None:
    docx_bytes(compose(meeting))
    xlsx_bytes(meeting)


def bench_exports(sample: Meeting) -> None:
    t = best_of(5, lambda: export_both(sample))
    print(f"sample export (docx + xlsx, compose included): {t * 1000:7.1f} ms   target < 500 ms")
    sizes = [500, 1000, 2000, 3000, 4000, 5000]
    times = []
    for n in sizes:
        meeting = with_cases(sample, n)
        times.append(best_of(3, lambda m=meeting: export_both(m)))
        print(f"synthetic {n:5d} cases: {times[-1]:6.3f} s   ({times[-1] / n * 1e6:6.1f} µs/case)")
    # Linear growth: the cost per case at 5,000 is close to the cost per case at 500.
    slope = (times[-1] - times[0]) / (sizes[-1] - sizes[0])
    print(f"growth 500 → 5,000: ×{times[-1] / times[0]:.2f} time for ×10 cases; "
          f"marginal {slope * 1e6:.1f} µs/case   target < 5 s at 5,000, linear")


def bench_decisions(sample: Meeting, rounds: int = 400) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        meeting_id = add_meeting(db, with_cases(sample, 5000))
        keys = [c.id for _, c in with_cases(sample, 5000).cases()]
        choices = [CaseDecision.DELIST, CaseDecision.CONTINUE, CaseDecision.ADD, None]
        ours = []
        for i in range(rounds):
            start = time.perf_counter()
            set_case_decision(db, meeting_id, keys[i * 7 % len(keys)], choices[i % 4])
            ours.append(time.perf_counter() - start)
        db.close()

        bare_path = Path(tmp) / "bare.sqlite3"
        con = sqlite3.connect(bare_path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, decision TEXT)")
        bare = []
        for i in range(rounds):
            start = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO t (decision) VALUES (?)", (f"d{i}",))
            con.execute("COMMIT")
            bare.append(time.perf_counter() - start)
        con.close()

    def stats(xs: list[float]) -> tuple[float, float]:
        xs = sorted(xs)
        return statistics.median(xs) * 1000, xs[int(len(xs) * 0.99) - 1] * 1000

    (om, op), (bm, bp) = stats(ours), stats(bare)
    print(f"commit one decision (5,000-case register): median {om:6.2f} ms  p99 {op:6.2f} ms")
    print(f"bare sqlite3 INSERT + COMMIT, same pragmas: median {bm:6.2f} ms  p99 {bp:6.2f} ms")
    print(f"ratio (median): ×{om / bm:.2f}   target ≤ ×2")


def main() -> int:
    sample = load(sample_path())
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}")
    bench_exports(sample)
    bench_decisions(sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
