"""How the files beside this script were made: by release 0.1.0 (schema 0002), before the
storage redesign. Run once, at the commit that added them; later code has other APIs, so this
script is kept as a record, not to be run again.

    meetings.sqlite3   three meetings written by 0.1.0's own storage and session layers:
                       1. every agenda kind and optional field (tests/test_storage.py's meeting),
                       2. the sample with recorder actions (decisions, ticks, a vote, speeches,
                          a header edit, an inserted item), so its audit log has entries,
                       3. a blank committee meeting;
    meeting-N.json     the same meetings as 0.1.0 exported them (interchange.dumps);
    minutes-N.txt      their minutes as 0.1.0's plain-text export printed them (rendered by the
                       same release from meeting-N.json, at commit 909436c).

tests/test_upgrade.py opens a copy of the database with the current program (which migrates
it) and checks each meeting equals what its JSON file says, read by the current program.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from recorder_app.storage.repository import add_meeting  # noqa: E402

from recorder_app.core.interchange import dumps, load  # noqa: E402
from recorder_app.core.model import (  # noqa: E402
    CaseDecision,
    DiscussionItem,
    ReportDecision,
    Speech,
    Vote,
)
from recorder_app.core.templates import blank_copy  # noqa: E402
from recorder_app.resources import resource, sample_path  # noqa: E402
from recorder_app.session import MeetingSession  # noqa: E402
from recorder_app.storage.database import Database  # noqa: E402
from tests.test_storage import every_kind_meeting  # noqa: E402


def main() -> None:
    target = HERE / "meetings.sqlite3"
    for old in HERE.glob("meetings.sqlite3*"):
        old.unlink()
    db = Database.open(target)
    ids = [add_meeting(db, every_kind_meeting())]

    sample = blank_copy(load(sample_path()))
    ids.append(add_meeting(db, sample))
    s = MeetingSession(db, ids[1])
    cases = [c for _, c in s.meeting.cases() if c.outcome is None]
    for case in cases[:10]:
        added = case.proposal.value == "提案新增"
        s.set_case_decision(case.id, CaseDecision.ADD if added else CaseDecision.DELIST)
    s.set_case_decision(cases[10].id, CaseDecision.REJECT)
    at = dt.datetime(2024, 7, 11, 14, 55)
    for item in list(s.meeting.walk())[:4]:
        s.tick(item.id, at)
    report = next(i for i in s.meeting.walk() if i.kind == "report")
    s.set_report_decision(report.id, ReportDecision.NOTED, "")
    concl = next(i for i in s.meeting.walk() if i.kind == "conclusions")
    s.set_speeches(
        concl.id,
        [Speech(speaker=s.meeting.people[0].key, points=["第一點", "第二點"], spoke_at=at)],
    )
    s.set_header(place="基隆市要塞司令部（更正）", end_time=dt.time(16, 35))
    parent = next(i for i in s.meeting.walk() if i.kind == "section")
    s.insert_item(
        parent.id,
        0,
        DiscussionItem(
            id="motion-1",
            title="臨時動議一",
            explanation=["說明"],
            vote=Vote(yes=3, no=1),
        ),
    )
    s.set_resolution("motion-1", None, "照案通過，並請各市配合")
    s.set_current_item("motion-1")

    committee = blank_copy(load(resource("templates", "committee.json")))
    ids.append(add_meeting(db, committee))

    from recorder_app.storage.repository import load_meeting

    for n, meeting_id in enumerate(ids, start=1):
        (HERE / f"meeting-{n}.json").write_text(dumps(load_meeting(db, meeting_id)), encoding="utf-8")
    db.close()


if __name__ == "__main__":
    main()
