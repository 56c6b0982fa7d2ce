"""The audit trail: every change with time (UTC), operating-system user and old → new, in the
same transaction as the change."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder_app.cli import main
from recorder_app.core.errors import UserError
from recorder_app.core.interchange import load
from recorder_app.core.model import (
    Attendee,
    CaseDecision,
    InfoItem,
    Meeting,
    ReportDecision,
    Resolution,
    SectionItem,
    Speech,
    Vote,
)
from recorder_app.resources import sample_path
from recorder_app.session import MeetingSession
from recorder_app.storage.actions import set_case_decision
from recorder_app.storage.audit import audit_log, os_user
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, delete_meeting, list_meetings
from tests.meetings import fresh

SAMPLE = load(sample_path())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "meetings.sqlite3"
    with Database.open(path) as db:
        assert add_meeting(db, SAMPLE) == 1
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "meetings.sqlite3"
    shutil.copyfile(template, path)
    with Database.open(path) as database:
        yield database


@pytest.fixture
def session(db: Database) -> MeetingSession:
    return MeetingSession(db, 1)


def test_every_kind_of_change_is_logged_once_with_time_user_and_old_new(session: MeetingSession) -> None:
    """Each session action adds one entry: its action, target and the changed fields before
    and after as compact JSON; the time is UTC and now; the user is the operating system's."""
    s = session
    started = dt.datetime.now(dt.UTC)
    s.set_case_decision("g1-c06", CaseDecision.DELIST)
    s.tick("opening", dt.datetime(2024, 7, 11, 14, 51, tzinfo=dt.UTC))
    s.set_report_decision("work-report", ReportDecision.AGREED_FOR_RECORD)
    s.insert_item(None, 3, SectionItem(id="motions", title="臨時動議", children=[]))
    s.insert_item("motions", 0, InfoItem(id="m1", title="動議一"))
    s.set_item_fields("m1", title="動議一（修正）")
    s.set_header(place="基隆市政府", attendees=[Attendee(person="liu")])
    s.set_speeches("conclusions", [Speech(speaker="su", points=["第一點"])])
    s.remove_item("motions")
    entries = s.audit()
    assert [(e.action, e.target) for e in entries] == [
        ("add_meeting", None),
        ("set_case_decision", "g1-c06"),
        ("tick_item", "opening"),
        ("set_report_decision", "work-report"),
        ("insert_item", "motions"),
        ("insert_item", "m1"),
        ("update_item_fields", "m1"),
        ("update_meeting_fields", None),
        ("replace_speeches", "conclusions"),
        ("remove_item", "motions"),
    ]
    decision = entries[1]
    assert (decision.old, decision.new) == ('{"decision":null}', '{"decision":"同意解列"}')
    assert decision.label == "案件決定"
    assert decision.describe() == '案件決定 g1-c06：{"decision":null} → {"decision":"同意解列"}'
    assert json.loads(entries[3].new or "") == {"decision": "同意備查"}
    assert json.loads(entries[6].old or "") == {"title": "動議一"}
    header = json.loads(entries[7].new or "")
    assert header["place"] == "基隆市政府"
    assert header["attendees"] == [
        {"category": "出席", "person": "liu", "name": "", "unit": "", "stand_in": "", "mark": ""}
    ]
    speeches = json.loads(entries[8].new or "")["speeches"]
    assert speeches == [{"speaker": "su", "points": ["第一點"], "spoke_at": None}]
    removed = json.loads(entries[9].old or "")["item"]
    # The whole item as it was, children included: the log says what went.
    assert (removed["id"], removed["kind"], removed["title"]) == ("motions", "section", "臨時動議")
    assert [(c["id"], c["title"]) for c in removed["children"]] == [("m1", "動議一（修正）")]
    assert entries[9].new is None
    for e in entries[1:]:
        assert e.at.tzinfo is not None and e.at.utcoffset() == dt.timedelta(0)
        assert started <= e.at <= dt.datetime.now(dt.UTC)
        assert e.os_user == getpass.getuser()
        assert " " not in (e.new or "").split('"')[0]  # compact: no space after separators
    assert [e.id for e in entries] == sorted(e.id for e in entries)


def test_votes_resolutions_and_end_time_are_logged(session: MeetingSession) -> None:
    """A vote replaced, a resolution and the end time each leave an entry with the old value."""
    s = session
    s.insert_item(None, 0, SectionItem(id="d", title="討論事項", children=[]))
    from recorder_app.core.model import DiscussionItem

    s.insert_item("d", 0, DiscussionItem(id="d1", title="案由"))
    s.set_vote("d1", Vote(yes=3, no=1))
    s.set_vote("d1", None)
    s.set_resolution("d1", Resolution.PASSED)
    s.set_header(end_time=dt.time(16, 40))
    *_, vote_set, vote_cleared, resolution, end = s.audit()
    assert json.loads(vote_set.new or "")["vote"]["yes"] == 3
    assert json.loads(vote_set.old or "") == {"vote": None}
    assert json.loads(vote_cleared.old or "")["vote"]["no"] == 1
    assert json.loads(resolution.new or "") == {"resolution": "照案通過"}
    assert (end.old, end.new) == ('{"end_time":"16:35:00"}', '{"end_time":"16:40:00"}')


def test_an_action_that_changes_nothing_logs_nothing(session: MeetingSession) -> None:
    """Setting what is already there (a double click) is no change: no entry, no write."""
    s = session
    s.set_case_decision("g1-c06", CaseDecision.DELIST)
    count = len(s.audit())
    s.set_case_decision("g1-c06", CaseDecision.DELIST)
    s.set_header(place=s.meeting.place)
    s.set_item_fields("opening", title=s.item("opening").title)
    assert len(s.audit()) == count


def test_moving_around_is_not_a_change(session: MeetingSession) -> None:
    """set_current_item only remembers where the recorder is: not in the log, but the meeting
    still counts as the one worked in last."""
    before = list_meetings(session.db)[0].updated_at
    count = len(session.audit())
    session.set_current_item("conclusions")
    assert len(session.audit()) == count
    assert list_meetings(session.db)[0].updated_at >= before


def test_a_failed_change_leaves_no_entry(session: MeetingSession) -> None:
    """The entry is written in the change's own transaction: a change rolled back by a failure
    midway (after the entry was inserted) takes its entry with it."""
    s = session
    with s.db.write() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER unplugged BEFORE UPDATE ON cases BEGIN SELECT RAISE(ABORT, 'disk unplugged'); END"
        )
    count = len(s.audit())
    with pytest.raises(UserError, match="disk unplugged"):
        s.set_case_decision("g1-c06", CaseDecision.DELIST)
    assert len(s.audit()) == count


def test_the_last_change_is_the_newest_entry(session: MeetingSession) -> None:
    """The meetings list's updated_at is the time of the newest audit entry."""
    session.set_case_decision("g1-c06", CaseDecision.DELIST)
    assert list_meetings(session.db)[0].updated_at == session.audit()[-1].at


def test_deleting_a_meeting_deletes_its_log_only(db: Database) -> None:
    """The log belongs to its meeting (ON DELETE CASCADE); another meeting's log is untouched."""
    other = add_meeting(db, fresh(SAMPLE))
    set_case_decision(db, other, "g1-c06", CaseDecision.DELIST)
    delete_meeting(db, 1)
    with db.read() as conn:
        meetings = conn.exec_driver_sql("SELECT DISTINCT meeting_id FROM audit_log").scalars().all()
    assert meetings == [other]
    assert len(audit_log(db, other)) == 2
    with pytest.raises(UserError, match="找不到會議 1"):
        audit_log(db, 1)


def test_an_unknown_user_is_recorded_as_a_question_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    """A service account without a name (getpass fails) still gets its changes recorded."""
    def nameless() -> str:
        raise OSError("no user name")

    os_user.cache_clear()
    monkeypatch.setattr(getpass, "getuser", nameless)
    try:
        assert os_user() == "?"
    finally:
        os_user.cache_clear()


def test_the_command_line_prints_the_log(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """`recorder-app audit --meeting ID` prints one line per change, all in words: local time
    (no offset), user, action, the case by its name, old → new by the field's name (issue 13,
    finding 6: it printed raw JSON with +00:00); an unknown meeting is a one-line error."""
    set_case_decision(db, 1, "g1-c06", CaseDecision.DELIST)
    path = str(db.path)
    db.close()
    assert main(["audit", "--db", path, "--meeting", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    when, user, label, target, change = lines[1].split("\t")
    local = dt.datetime.strptime(when, "%Y-%m-%d %H:%M:%S")
    assert abs(local - dt.datetime.now()) < dt.timedelta(minutes=5)  # local time, not UTC
    assert (user, label, target) == (getpass.getuser(), "案件決定", "「(樣本)交通組持續列管案件 01」")
    assert change == "本次決議：待決 → 同意解列"
    assert "{" not in "".join(lines) and "+00:00" not in "".join(lines)
    created = "建立「基北北桃合作交流平臺第 3 次副市長層級會議」（2024-07-11）"
    assert lines[0].split("\t")[2:] == ["建立會議", "—", created]
    assert main(["audit", "--db", path, "--meeting", "9"]) == 1
    assert "找不到會議 9" in capsys.readouterr().err


def test_whole_meetings_imported_are_logged_as_created(db: Database, sample: Meeting) -> None:
    """add_meeting (import, a new meeting from a template) is the first entry of every meeting."""
    meeting_id = add_meeting(db, sample)
    (entry,) = audit_log(db, meeting_id)
    assert entry.action == "add_meeting" and entry.old is None
    assert json.loads(entry.new or "") == {
        "body": sample.body, "name": sample.name, "ordinal": sample.ordinal, "date": sample.date.isoformat()
    }
