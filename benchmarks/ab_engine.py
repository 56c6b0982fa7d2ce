"""A/B of the engine against another checkout (run on demand):

    python benchmarks/ab_engine.py ../older-checkout

Times the same exports (docx + xlsx, compose included) in this checkout and in the other, each
in a fresh interpreter with its own code on sys.path, best of 7, alternating A B A B A B so a
machine busy for a moment hurts both alike. The other checkout needs the same dependencies
(its own code is what is put first on the path). Figures are printed, nothing is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

CHILD = """
import gc, sys, time
from recorder_app.core.compose import compose
from recorder_app.core.interchange import load
from recorder_app.core.synthetic import with_cases
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.xlsx_export import xlsx_bytes
from recorder_app.resources import sample_path

def best(fn, n=7):
    times = []
    for _ in range(n):
        gc.collect()
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)

sample = load(sample_path())
big = with_cases(sample, 5000)
both = lambda m: (docx_bytes(compose(m)), xlsx_bytes(m))
print(f"{best(lambda: both(sample)) * 1000:.1f} {best(lambda: both(big)) * 1000:.1f}")
"""


def run(tree: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=tree, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{tree}: {out.stderr.strip().splitlines()[-1]}")
    sample, big = map(float, out.stdout.split())
    return sample, big


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    other = Path(sys.argv[1]).resolve()
    rows: dict[str, list[tuple[float, float]]] = {"this": [], "other": []}
    for _ in range(3):
        rows["this"].append(run(HERE))
        rows["other"].append(run(other))
    a = min(s for s, _ in rows["this"]), min(b for _, b in rows["this"])
    b = min(s for s, _ in rows["other"]), min(b for _, b in rows["other"])
    print(f"{'':28} {'sample':>10} {'5,000 cases':>12}")
    print(f"{'this checkout':28} {a[0]:8.1f} ms {a[1]:9.1f} ms")
    print(f"{str(other)[-28:]:28} {b[0]:8.1f} ms {b[1]:9.1f} ms")
    small, large = 100 * (a[0] / b[0] - 1), 100 * (a[1] / b[1] - 1)
    print(f"{'change':28} {small:+8.1f} %  {large:+9.1f} %   target ≤ +10 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
