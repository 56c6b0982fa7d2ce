"""Engine benchmark (run on demand): `python benchmarks/bench_engine.py`.

Prints, in one run on this machine:
- the sample's export time in each format (compose included), and docx + xlsx together,
  target < 0.5 s;
- each format's export time for a synthetic meeting of 5,000 cases, target < 5 s each, and
  docx + xlsx at 500 … 5,000 cases with the growth per case (linear);
- the median and p99 time to commit one recorded decision through the storage layer, next to
  a bare sqlite3 UPDATE + COMMIT with the same pragmas on the same kind of file, target ≤ 2×.

The PDF uses the machine's 楷書 (fonts.py: 標楷體, 全字庫正楷體, AR PL UKai TW); where there is
none, the tests' subset of 全字庫正楷體, and the line says which face was used. The 52 MB
全字庫正楷體 costs about 0.8 s per export to read; Windows' kaiu.ttf is a quarter of its size.
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
from recorder_app.export import fonts, formats
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


def export_one(key: str, meeting: Meeting) -> None:
    formats.formats()[key].render(formats.Source(meeting))  # compose included, as an export


def pdf_font() -> str:
    """The face the PDF uses; the tests' subset where the machine has none."""
    import os

    if not fonts.kai_faces():
        os.environ[fonts.FONTS_ENV] = str(Path(__file__).resolve().parent.parent / "tests" / "data" / "fonts")
    face = fonts.kai_faces()[0]
    return f"{face.name}, {face.path}"


def bench_exports(sample: Meeting) -> None:
    print(f"PDF font: {pdf_font()}")
    big = with_cases(sample, 5000)
    print(f"{'format':6} {'sample':>9} {'5,000 cases':>12}   target < 5 s at 5,000")
    for key in formats.formats():
        small_t = best_of(3, lambda k=key: export_one(k, sample))
        big_t = best_of(2, lambda k=key: export_one(k, big))
        print(f"{key:6} {small_t * 1000:7.0f} ms {big_t:10.2f} s")
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
