"""Hand-over benchmark (run on demand): `python benchmarks/bench_handover.py`.

A meeting of 5,000 cases (``core.synthetic.with_cases``) with 20 versions, each after one case
decision changed: the history a secretariat and a recorder send back and forth. Prints:
- a new version (median of the 20),
- the .mrec hand-over file written, and its size,
- the file imported into a new database (every version checked, then stored),
- the identical file imported again (a no-op that says so),
- a handback with one new version: only that version is read (review._checked skips the
  versions the database holds, by number and SHA-256).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from recorder_app import review
from recorder_app.core.interchange import load
from recorder_app.core.model import CaseDecision
from recorder_app.core.synthetic import with_cases
from recorder_app.resources import sample_path
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting

VERSIONS = 20
CASES = 5000


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-handover-"))
    meeting = with_cases(load(sample_path()), CASES)
    cases = [c.id for g in meeting.groups for c in g.cases]
    with Database.open(folder / "recorder.sqlite3") as db:
        meeting_id = add_meeting(db, meeting)
        session = MeetingSession(db, meeting_id)
        made = []
        for i in range(VERSIONS):
            session.set_case_decision(cases[i], CaseDecision.REJECT)
            made.append(timed(lambda: review.new_version(db, meeting_id))[0])
        t_write, sent = timed(lambda: review.handover_to(db, meeting_id, folder / "sent.mrec"))
    print(f"{CASES:,} cases, {VERSIONS} versions")
    print(f"  new version (median of {VERSIONS}):       {statistics.median(made) * 1000:7.0f} ms")
    print(f"  hand-over file written:              {t_write:7.2f} s  ({sent.stat().st_size / 1e6:.1f} MB)")
    with Database.open(folder / "secretariat.sqlite3") as theirs:
        t_first, took = timed(lambda: review.import_file(theirs, sent))
        t_again, again = timed(lambda: review.import_file(theirs, sent))
        assert again.message.endswith("沒有變更"), again.message
        their_id = took.meeting_id
        MeetingSession(theirs, their_id).set_case_decision(cases[VERSIONS], CaseDecision.REJECT)
        review.new_version(theirs, their_id)
        back = review.handover_to(theirs, their_id, folder / "back.mrec")
    print(f"  imported into a new database:        {t_first:7.2f} s")
    print(f"  the same file imported again:        {t_again:7.2f} s  (a no-op)")
    with Database.open(folder / "recorder.sqlite3") as db:
        t_back, returned = timed(lambda: review.import_file(db, back, replace=True))
    print(f"  handback with one new version:       {t_back:7.2f} s  ({returned.message})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
