"""Comparison benchmark (run on demand): `python benchmarks/bench_compare.py`.

Two versions of a synthetic meeting of 5,000 cases (``core.synthetic.with_cases``): the newer
has 50 case decisions changed (moving cases between the register's sentences), a point added
at the top of the first report and one speech reworded. Prints, best of 3 on this machine:
- the comparison (both composed, paragraphs aligned, changed ones diffed by character),
- the comparison and the tracked-changes Word file written (the issue's figure), target < 2 s,
- the plain-text diff and the changed-decisions sheet;
- one paragraph of 13,000 characters with 20 edits diffed by character (the issue: difflib took
  1.5 s on such a paragraph).
"""

from __future__ import annotations

import sys

from bench_engine import best_of  # the benchmark beside this one (run as a script from benchmarks/)

from recorder_app.core import compare
from recorder_app.core.compose import compose
from recorder_app.core.interchange import load
from recorder_app.core.model import CaseDecision, Meeting, Point
from recorder_app.core.synthetic import with_cases
from recorder_app.export.changes_xlsx import changes_xlsx_bytes
from recorder_app.export.redline import redline_bytes
from recorder_app.resources import sample_path

TARGET_S = 2.0


def two_versions(n_cases: int) -> tuple[Meeting, Meeting]:
    old = with_cases(load(sample_path()), n_cases)
    new = old.model_copy(deep=True)
    cases = [c for g in new.groups for c in g.cases]
    for case in cases[:: max(1, len(cases) // 50)][:50]:
        case.decision = CaseDecision.REJECT if case.decision is CaseDecision.ADD else CaseDecision.DELIST
    for item in new.walk():
        if item.kind == "report":
            added = Point(id="bench-new", text="新增之說明：本次會議前已完成各案辦理情形之彙整。")
            item.body.insert(0, added)  # type: ignore[attr-defined]
        if item.kind == "conclusions" and item.speeches:  # type: ignore[attr-defined]
            speech = item.speeches[0]  # type: ignore[attr-defined]
            speech.points[0] = "（修正）" + speech.points[0][4:]
    return old, new


def main() -> int:
    import datetime as dt

    old, new = two_versions(5000)
    result = compare.compare(old, new)
    print(f"5,000 cases: {len(result.old):,} → {len(result.new):,} paragraphs, "
          f"{len(result.changes)} changed, {len(result.cases)} case decisions changed")
    t_compare = best_of(3, lambda: compare.compare(old, new))
    now = dt.datetime.now(dt.UTC)

    def compare_and_redline() -> bytes:
        c = compare.compare(old, new)
        return redline_bytes(compose(old), compose(new), c, "秘書處", now)

    t_both = best_of(3, compare_and_redline)
    t_text = best_of(3, lambda: compare.text_diff(result, "第 1 版", "第 2 版"))
    t_xlsx = best_of(3, lambda: changes_xlsx_bytes(result, "決議異動"))
    print(f"compare:                      {t_compare:.3f} s")
    print(f"compare + tracked-changes docx: {t_both:.3f} s (target < {TARGET_S:.0f} s)")
    print(f"text diff:                    {t_text:.3f} s")
    print(f"changed-decisions xlsx:       {t_xlsx:.3f} s")
    long_old = "".join(c.title + "、" for _, c in old.cases())[:13_000]
    long_new = long_old
    for k in range(20):  # 20 edits spread through the paragraph
        at = (k + 1) * len(long_old) // 21
        long_new = long_new[:at] + "（修正）" + long_new[at + 3:]
    t_long = best_of(3, lambda: compare.char_diff(long_old, long_new))
    print(f"one {len(long_old):,}-character paragraph, 20 edits: {t_long:.3f} s")
    return 0 if t_both < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
