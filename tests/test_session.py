"""The recorder's operations layer: memory and file agree, actions undo exactly, failures change nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recorder_app.core.errors import UserError
from recorder_app.core.interchange import load
from recorder_app.core.model import (
    KINDS,
    AgendaItem,
    Attendance,
    Attendee,
    Ballot,
    CaseDecision,
    Choice,
    ConclusionsItem,
    DiscussionItem,
    InfoItem,
    Meeting,
    Person,
    Point,
    ReportDecision,
    Resolution,
    ResolutionItem,
    SectionItem,
    Speech,
    Style,
    Vote,
    VoteMethod,
)
from recorder_app.resources import sample_path
from recorder_app.session import Change, MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, list_meetings, load_meeting
from tests.meetings import fresh

TAIPEI = dt.timezone(dt.timedelta(hours=8))
SAMPLE = load(sample_path())
OLD_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A closed database file holding the sample: copying it is ~50x faster than migrating anew."""
    path = tmp_path_factory.mktemp("template") / "meetings.sqlite3"
    with Database.open(path) as db:
        meeting_id = add_meeting(db, SAMPLE)
    return path, meeting_id


@pytest.fixture
def db(template: tuple[Path, int], tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "meetings.sqlite3"
    shutil.copyfile(template[0], path)
    database = Database.open(path)
    yield database
    database.close()


@pytest.fixture
def session(db: Database, template: tuple[Path, int]) -> MeetingSession:
    return MeetingSession(db, template[1])


def on_disk(s: MeetingSession) -> Meeting:
    return load_meeting(s.db, s.meeting_id)


def updated_at(s: MeetingSession) -> dt.datetime:
    return next(m.updated_at for m in list_meetings(s.db) if m.id == s.meeting_id)


def backdate(s: MeetingSession) -> None:
    """Set updated_at far back, so a bump is visible whatever the clock's resolution."""
    with s.db.write() as conn:
        conn.exec_driver_sql(
            "UPDATE meetings SET updated_at = ? WHERE id = ?", (OLD_STAMP.isoformat(), s.meeting_id)
        )


def motion_section() -> SectionItem:
    """臨時動議 with one discussion item that has a roll-call vote."""
    return SectionItem(
        id="motions",
        title="臨時動議",
        children=[
            DiscussionItem(
                id="motion-1",
                title="建議四市共同辦理防災演練",
                explanation=["說明一", "說明二"],
                proposal=["請各市配合辦理"],
                vote=Vote(
                    method=VoteMethod.ROLL_CALL,
                    roll_call=[
                        Ballot(voter="基隆市", choice=Choice.YES),
                        Ballot(voter="臺北市", choice=Choice.ABSTAIN),
                    ],
                ),
            )
        ],
    )


# --- the scripted sequence: every method, memory == disk, undo restores exactly ---------------

Step = Callable[[MeetingSession], tuple[Callable[[], Change], Callable[[], Change], Change]]


def case_decision(key: str, decision: CaseDecision | None) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = s.case(key)[1].decision
        return (
            lambda: s.set_case_decision(key, decision),
            lambda: s.set_case_decision(key, old),
            Change.CASES,
        )

    return step


def tick(key: str, at: dt.datetime | None) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = s.item(key).ticked_at
        return lambda: s.tick(key, at), lambda: s.tick(key, old), Change.AGENDA

    return step


def report_decision(key: str, decision: ReportDecision | None) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = s.item(key).decision  # type: ignore[union-attr]
        return (
            lambda: s.set_report_decision(key, decision),
            lambda: s.set_report_decision(key, old),
            Change.AGENDA,
        )

    return step


def resolution(key: str, value: Resolution | None) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = s.item(key).resolution  # type: ignore[union-attr]
        return (
            lambda: s.set_resolution(key, value),
            lambda: s.set_resolution(key, old),
            Change.AGENDA,
        )

    return step


def vote(key: str, value: Vote | None) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = s.item(key).vote  # type: ignore[union-attr]
        return lambda: s.set_vote(key, value), lambda: s.set_vote(key, old), Change.AGENDA

    return step


def item_fields(key: str, **fields: object) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = {name: getattr(s.item(key), name) for name in fields}
        return (
            lambda: s.set_item_fields(key, **fields),
            lambda: s.set_item_fields(key, **old),
            Change.AGENDA,
        )

    return step


def insert(parent_key: str | None, index: int | str, item: AgendaItem, flags: Change) -> Step:
    """Insert at *index*, or (a key) at the place of that item among the parent's children."""

    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        at = s.parent_of(index)[1] if isinstance(index, str) else index
        return lambda: s.insert_item(parent_key, at, item), lambda: s.remove_item(item.id), flags

    return step


def remove(key: str, flags: Change) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        item = s.item(key)
        parent, index = s.parent_of(key)
        parent_key = None if parent is None else parent.id
        return lambda: s.remove_item(key), lambda: s.insert_item(parent_key, index, item), flags

    return step


def speeches(edit: Callable[[list[Speech]], list[Speech]]) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = list(s.item("conclusions").speeches)  # type: ignore[union-attr]
        new = edit([sp.model_copy(deep=True) for sp in old])
        return (
            lambda: s.set_speeches("conclusions", new),
            lambda: s.set_speeches("conclusions", old),
            Change.SPEECHES,
        )

    return step


def header(flags: Change = Change.HEADER, **fields: object) -> Step:
    def step(s: MeetingSession) -> tuple[Callable[[], Change], Callable[[], Change], Change]:
        old = {name: getattr(s.meeting, name) for name in fields}
        return lambda: s.set_header(**fields), lambda: s.set_header(**old), flags

    return step


def edited_first_speech(sp: list[Speech]) -> list[Speech]:
    sp[0].points = [*sp[0].points, "補充：請\x0b交通局研議"]
    return sp[:-1]  # and the last one deleted


NEW_PERSON = Person(key="chen", surname="陳", given_name="大文", title="秘書長", organisation="基隆市政府")

SCRIPT: list[tuple[str, Step]] = [
    ("delist a case", case_decision("g1-c06", CaseDecision.DELIST)),
    ("clear a case decision", case_decision("g1-c01", None)),
    ("refuse a proposed case", case_decision("g2-c01", CaseDecision.REJECT)),
    ("tick with an offset", tick("opening", dt.datetime(2024, 7, 11, 14, 51, 3, 250, tzinfo=TAIPEI))),
    ("tick a nested item, naive time", tick("register", dt.datetime(2024, 7, 11, 15, 2))),
    ("report decision", report_decision("work-report", ReportDecision.APPROVED_FOR_RECORD)),
    (
        "report decision points",
        item_fields("work-report", decision_points=[Point(text="照\x07辦", children=[Point(text="子項")])]),
    ),
    ("info item texts", item_fields("opening", title="主席致詞\n（代讀）", text="略\r\n續")),
    ("report body", item_fields("work-report", body=["第一段\u2028第二段"])),
    ("section text and title", item_fields("resolutions", title="決議事項 ", text="無")),
    ("insert 臨時動議 with a vote", insert(None, "conclusions", motion_section(), Change.AGENDA)),
    (
        "insert a resolution",
        insert("resolutions", 1, ResolutionItem(id="resolution-2", title="二"), Change.AGENDA),
    ),
    ("resolution", resolution("motion-1", Resolution.AMENDED)),
    ("show-of-hands vote", vote("motion-1", Vote(yes=3, no=0, abstain=1))),
    ("no vote", vote("motion-1", None)),
    (
        "discussion texts",
        item_fields(
            "motion-1",
            explanation=["一", "二\x00"],
            proposal=[Point(text="辦法", numbered=False)],
            resolution_points=["修正\r\n後通過"],
            rider=["附帶決議"],
        ),
    ),
    ("speeches reordered", speeches(lambda sp: sp[::-1])),
    (
        "now speaking",
        speeches(lambda sp: [*sp, Speech(speaker="qiu", spoke_at=dt.datetime(2024, 7, 11, 16, 1))]),
    ),
    ("points edited, last deleted", speeches(edited_first_speech)),
    ("all speeches deleted", speeches(lambda sp: [])),
    ("remove a nested item", remove("register", Change.AGENDA)),
    ("remove a section with children", remove("resolutions", Change.AGENDA)),
    ("remove the conclusions", remove("conclusions", Change.AGENDA | Change.SPEECHES)),
    (
        "insert conclusions with speeches",
        insert(
            None,
            0,
            ConclusionsItem(id="c2", title="結論", speeches=[Speech(speaker="su")]),
            Change.AGENDA | Change.SPEECHES,
        ),
    ),
    (
        "header scalars",
        header(
            place="基隆市政府",
            date=dt.date(2024, 7, 12),
            start_time=dt.time(9, 30),
            end_time=dt.time(16, 35, tzinfo=TAIPEI),
            ordinal=None,
        ),
    ),
    ("header names", header(body="平臺 ", name="第二\n會議", recorder="郭曉蓓", attachment_label="")),
    ("chair and co-chairs", header(chair="su", co_chairs=["qiu", "lin"])),
    ("no chair", header(chair=None, co_chairs=[])),
    (
        "people replaced, new chair",
        header(
            Change.HEADER | Change.AGENDA | Change.SPEECHES, people=[*SAMPLE.people, NEW_PERSON], chair="chen"
        ),
    ),
    (
        "attendees",
        header(
            attendance_notes={"列席": "詳簽到表"},
            attendees=[
                Attendee(person="liu", stand_in="王大鈞", mark="遲到"),
                Attendee(category=Attendance.OBSERVER, name="交通局", unit="交通局"),
                Attendee(category="出席顧問", name="張顧問俊哲"),
            ],
        ),
    ),
    (
        "style",
        header(Change.HEADER, style=Style(ladder=["{chinese}、", "{n}、"], ordinal="digits")),
    ),
]


def test_every_action_keeps_memory_and_disk_equal_and_undoes_exactly(session: MeetingSession) -> None:
    """Each method, in a scripted sequence: flags right, memory == disk, calling again with the old
    value restores memory and file exactly, updated_at and saved_at record the commit, and the
    audit log gains exactly one entry for each do, undo and redo."""
    s = session
    for name, step in SCRIPT:
        do, undo, flags = step(s)
        before = s.meeting.model_copy(deep=True)
        backdate(s)
        s.saved_at = None
        logged = len(s.audit())
        assert do() == flags, name
        after = s.meeting.model_copy(deep=True)
        assert after != before, f"{name}: nothing changed"
        assert on_disk(s) == after, name
        assert updated_at(s) == s.audit()[-1].at, name
        assert s.saved_at is not None and s.saved_at.tzinfo is not None, name
        undo()
        assert s.meeting == before and on_disk(s) == before, f"{name}: undo"
        do()  # redo, so the script builds on each step
        assert s.meeting == after and on_disk(s) == after, f"{name}: redo"
        assert len(s.audit()) == logged + 3, f"{name}: one audit entry each for do, undo, redo"
    assert s.meeting != SAMPLE
    assert s.item("opening").title == "主席致詞 （代讀）"  # cleaned the same way in memory and on disk
    s.reload()
    assert s.meeting == after


def test_lookups_follow_inserts_and_removals(session: MeetingSession) -> None:
    """item(), case() and parent_of() answer from indexes that stay in step with the agenda."""
    s = session
    s.insert_item(None, 3, motion_section())
    assert s.parent_of("motions") == (None, 3)
    assert s.parent_of("motion-1") == (s.item("motions"), 0)
    assert s.parent_of("conclusions") == (None, 4)
    assert s.parent_of("register") == (s.item("resolutions"), 1)
    s.remove_item("motions")
    for key in ("motions", "motion-1"):
        with pytest.raises(UserError, match=f"議程項目 {key}"):
            s.item(key)
    group, case = s.case("g1-c06")
    assert case in group.cases and group in s.meeting.groups
    with pytest.raises(UserError, match="案件 nope"):
        s.case("nope")


def test_positions_stay_contiguous_in_the_file(session: MeetingSession) -> None:
    """Inserts and removals shift siblings, so every parent's children sit at 0, 1, 2, … on disk."""
    s = session
    s.insert_item(None, 0, InfoItem(id="first", title="頭"))
    s.insert_item("resolutions", 1, ResolutionItem(id="mid", title="中"))
    s.insert_item(None, len(s.meeting.agenda), InfoItem(id="last", title="尾"))
    s.remove_item("resolution-1")
    s.remove_item("work-report")
    s.insert_item("resolutions", 2, motion_section())
    with s.db.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT parent_id, position FROM agenda_items WHERE meeting_id = ? ORDER BY parent_id, position",
            (s.meeting_id,),
        ).all()
    by_parent: dict[int | None, list[int]] = {}
    for parent, position in rows:
        by_parent.setdefault(parent, []).append(position)
    assert all(positions == list(range(len(positions))) for positions in by_parent.values())
    assert [i.id for i in s.item("resolutions").children] == ["mid", "register", "motions"]  # type: ignore[union-attr]
    assert [i.id for i in s.meeting.agenda] == [
        "first",
        "opening",
        "resolutions",
        "conclusions",
        "adjourn",
        "last",
    ]
    assert on_disk(s) == s.meeting


# --- failures change nothing ---------------------------------------------------------------------

# Each action with a trigger that fails the statement it runs after bumping updated_at, as a
# full disk or a pulled USB stick would fail it midway through the transaction.
FAILING_WRITES: list[tuple[str, str, Callable[[MeetingSession], Change]]] = [
    ("case decision", "BEFORE UPDATE ON cases", lambda s: s.set_case_decision("g1-c06", CaseDecision.DELIST)),
    ("tick", "BEFORE UPDATE ON agenda_items", lambda s: s.tick("opening", dt.datetime(2024, 7, 11, 15))),
    (
        "report decision",
        "BEFORE UPDATE ON agenda_items",
        lambda s: s.set_report_decision("work-report", ReportDecision.AGREED_FOR_RECORD),
    ),
    (
        "resolution",
        "BEFORE UPDATE ON agenda_items",
        lambda s: s.set_resolution("motion-1", Resolution.PASSED),
    ),
    ("vote", "BEFORE UPDATE OF data ON agenda_items", lambda s: s.set_vote("motion-1", Vote(yes=4))),
    ("item fields", "BEFORE UPDATE ON agenda_items", lambda s: s.set_item_fields("opening", text="新")),
    (
        "insert",
        "BEFORE INSERT ON agenda_items",
        lambda s: s.insert_item(None, 0, InfoItem(id="x", title="x")),
    ),
    ("remove", "BEFORE DELETE ON agenda_items", lambda s: s.remove_item("resolutions")),
    (
        "speeches",
        "BEFORE INSERT ON speeches",
        lambda s: s.set_speeches("conclusions", [Speech(speaker="su")]),
    ),
    ("header", "BEFORE UPDATE OF data ON meetings", lambda s: s.set_header(place="別處")),
    (
        "people",
        "BEFORE UPDATE OF data ON meetings",
        lambda s: s.set_header(people=[*SAMPLE.people, NEW_PERSON]),
    ),
    ("current item", "BEFORE UPDATE OF current_item ON meetings", lambda s: s.set_current_item("adjourn")),
]


@pytest.mark.parametrize(
    ("timing", "action"), [f[1:] for f in FAILING_WRITES], ids=[f[0] for f in FAILING_WRITES]
)
def test_a_failed_write_changes_neither_memory_nor_file(
    session: MeetingSession, timing: str, action: Callable[[MeetingSession], Change]
) -> None:
    """A database error midway through an action rolls it back and leaves the in-memory meeting as it was."""
    s = session
    s.insert_item(None, 3, motion_section())
    before = s.meeting.model_copy(deep=True)
    stamp, saved, logged = updated_at(s), s.saved_at, len(s.audit())
    with s.db.write() as conn:
        conn.exec_driver_sql(
            f"CREATE TRIGGER unplugged {timing} BEGIN SELECT RAISE(ABORT, 'disk unplugged'); END"
        )
    with pytest.raises(UserError, match=r"無法儲存到資料庫.*disk unplugged"):
        action(s)
    assert s.meeting == before
    assert s.saved_at == saved
    assert on_disk(s) == before
    assert updated_at(s) == stamp
    assert len(s.audit()) == logged  # the entry went with the rolled-back change
    with s.db.write() as conn:
        conn.exec_driver_sql("DROP TRIGGER unplugged")
    action(s)  # the same action works once the disk is back
    assert on_disk(s) == s.meeting != before


INVALID: list[tuple[Callable[[MeetingSession], object], str]] = [
    (lambda s: s.set_case_decision("nope", CaseDecision.ADD), "沒有案件 nope"),
    (lambda s: s.set_case_decision("g1-c01", "亂寫"), "本次決議：必須是"),
    (lambda s: s.tick("nope", None), "沒有議程項目 nope"),
    (lambda s: s.tick("opening", "昨天"), "完成時間：不是有效的日期時間"),
    (lambda s: s.set_report_decision("conclusions", ReportDecision.NOTED), "不是報告案"),
    (lambda s: s.set_resolution("work-report", Resolution.PASSED), "不是討論案"),
    (lambda s: s.set_vote("work-report", None), "不是討論案"),
    (lambda s: s.set_vote("motion-1", Vote.model_construct(yes=-1)), "不可小於 0"),
    (lambda s: s.set_speeches("opening", []), "不是主席結論"),
    (lambda s: s.set_speeches("conclusions", [Speech(speaker="ghost")]), "發言人：ghost 不在"),
    (lambda s: s.set_item_fields("opening", body="x"), "沒有可修改的欄位 body"),
    (lambda s: s.set_item_fields("opening", id="renamed"), "沒有可修改的欄位 id"),
    (lambda s: s.set_item_fields("motion-1", explanation="not a list"), "說明"),
    (lambda s: s.set_item_fields("opening", title="長" * 200_001), "標題：太長"),
    (lambda s: s.set_header(chair="ghost"), "主席：ghost 不在會議的人員名單中"),
    (lambda s: s.set_header(co_chairs=["qiu", "ghost"]), "共同主持第 2 項：ghost 不在"),
    (lambda s: s.set_header(people=SAMPLE.people[:1]), "共同主持第 1 項：su 不在"),
    (lambda s: s.set_header(people=[*SAMPLE.people, SAMPLE.people[0]]), "第 5 項的人員代號：qiu 重複"),
    (lambda s: s.set_header(attendees=[Attendee(person="ghost")]), "出列席人員第 1 項的人員：ghost"),
    (lambda s: s.set_header(ordinal=0), "會議次別：不可小於 1"),
    (lambda s: s.set_header(date="明天"), "會議日期：不是有效的日期"),
    (lambda s: s.set_header(current_item="adjourn"), "沒有可修改的欄位 current_item"),
    (lambda s: s.set_header(agenda=[]), "沒有可修改的欄位 agenda"),
    (lambda s: s.insert_item(None, 0, InfoItem(id="opening", title="重複")), "代號 opening 已有其他項目使用"),
    (
        lambda s: s.insert_item(
            "resolutions",
            0,
            SectionItem(id="new", title="新", children=[ResolutionItem(id="register", title="重複")]),
        ),
        "代號 register 已有其他項目使用",
    ),
    (lambda s: s.insert_item("opening", 0, InfoItem(id="x", title="x")), "opening 不是段落"),
    (lambda s: s.insert_item(None, 99, InfoItem(id="x", title="x")), "插入位置 99 超出範圍"),
    (lambda s: s.insert_item(None, -1, InfoItem(id="x", title="x")), "插入位置 -1 超出範圍"),
    (
        lambda s: s.insert_item(
            None, 0, ConclusionsItem(id="x", title="x", speeches=[Speech(speaker="ghost")])
        ),
        "議程第 1 項（主席結論）的發言第 1 項的發言人：ghost",
    ),
    (lambda s: s.insert_item(None, 0, {"kind": "bogus", "id": "x", "title": "x"}), "沒有這種議程項目"),
    (lambda s: s.remove_item("nope"), "沒有議程項目 nope"),
    (lambda s: s.set_current_item("nope"), "沒有議程項目 nope"),
]


@pytest.mark.parametrize(("action", "message"), INVALID, ids=[message for _, message in INVALID])
def test_invalid_input_is_refused_and_changes_nothing(
    session: MeetingSession, action: Callable[[MeetingSession], object], message: str
) -> None:
    """Unknown keys, wrong kinds, dangling people and duplicate ids raise a UserError in words."""
    s = session
    s.insert_item(None, 3, motion_section())
    before = s.meeting.model_copy(deep=True)
    stamp, logged = updated_at(s), len(s.audit())
    with pytest.raises(UserError, match=message):
        action(s)
    assert s.meeting == before
    assert on_disk(s) == before
    assert updated_at(s) == stamp
    assert len(s.audit()) == logged


def test_storage_trusts_what_the_session_checked(
    session: MeetingSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One validator: a refused action never reaches storage (it is checked before any write),
    so the storage layer need not, and does not, validate again."""
    from recorder_app.storage import actions

    def unreachable(*args: object, **kwargs: object) -> None:
        raise AssertionError("storage was reached with an invalid value")

    for name in ("update_item", "update_meeting", "replace_speeches", "insert_item", "set_case_decision"):
        monkeypatch.setattr(actions, name, unreachable)
    for action, _ in INVALID:
        with pytest.raises(UserError):
            action(session)


# --- the current item --------------------------------------------------------------------------


def test_current_item_survives_close_and_reopen(tmp_path: Path) -> None:
    """set_current_item is on disk: a session opened after a restart resumes at that item."""
    path = tmp_path / "meetings.sqlite3"
    with Database.open(path) as db:
        s = MeetingSession(db, add_meeting(db, SAMPLE))
        assert s.set_current_item("conclusions") == Change.CURRENT
        assert s.meeting.current_item == "conclusions"
    with Database.open(path) as db:
        reopened = MeetingSession(db, s.meeting_id)
        assert reopened.meeting.current_item == "conclusions"
        reopened.set_current_item(None)
    with Database.open(path) as db:
        assert MeetingSession(db, s.meeting_id).meeting.current_item is None


def test_removing_the_current_item_clears_it(session: MeetingSession) -> None:
    """Removing the section that holds the current item leaves no current item, in memory and on disk."""
    s = session
    s.set_current_item("register")
    assert s.remove_item("resolutions") == Change.AGENDA | Change.CURRENT
    assert s.meeting.current_item is None
    assert on_disk(s) == s.meeting


def test_actions_never_reload_the_meeting(session: MeetingSession, monkeypatch: pytest.MonkeyPatch) -> None:
    """After opening, actions update the live copy in place; none reads the whole meeting back."""
    s = session

    def no_reload(*args: object) -> Meeting:
        raise AssertionError("the session reloaded the whole meeting")

    monkeypatch.setattr("recorder_app.session.load_meeting", no_reload)
    live_item, (_, live_case) = s.item("work-report"), s.case("g1-c06")
    s.set_case_decision("g1-c06", CaseDecision.DELIST)
    s.set_report_decision("work-report", ReportDecision.NOTED)
    s.insert_item(None, 0, motion_section())
    s.set_vote("motion-1", None)
    s.set_speeches("conclusions", [])
    s.set_header(place="別處", people=[*SAMPLE.people, NEW_PERSON])
    s.remove_item("motions")
    assert s.item("work-report") is live_item and s.case("g1-c06")[1] is live_case
    assert live_case.decision is CaseDecision.DELIST
    monkeypatch.undo()
    assert on_disk(s) == s.meeting


def test_values_handed_in_are_copied(session: MeetingSession) -> None:
    """Changing an object after handing it to an action (an undo command's copy) cannot change the meeting."""
    s = session
    section, speech, vote_ = motion_section(), Speech(speaker="su", points=["一"]), Vote(yes=1)
    s.insert_item(None, 0, section)
    s.set_speeches("conclusions", [speech])
    s.set_vote("motion-1", vote_)
    section.children.clear()
    speech.points.append("二")
    vote_.yes = 9
    assert on_disk(s) == s.meeting


# --- property: random edits keep memory and disk equal -----------------------------------------

def _is_text(item: object, name: str) -> bool:
    """Whether the field *name* of *item* holds plain text (a str), for the random text edits."""
    return type(item).model_fields[name].annotation is str


CASE_KEYS = [case.id for _, case in SAMPLE.cases()]
ITEM_KEYS = [item.id for item in SAMPLE.walk()]
TEXT_FIELDS = [
    (item.id, name)
    for item in SAMPLE.walk()
    for name in sorted(KINDS[item.kind].editable)
    if _is_text(item, name)
]
ACTIONS = st.one_of(
    st.tuples(st.just("case"), st.sampled_from(CASE_KEYS), st.sampled_from([None, *CaseDecision])),
    st.tuples(
        st.just("tick"),
        st.sampled_from(ITEM_KEYS),
        st.none()
        | st.datetimes(
            min_value=dt.datetime(2000, 1, 1),
            max_value=dt.datetime(2100, 1, 1),
            timezones=st.sampled_from([None, TAIPEI, dt.UTC]),
        ),
    ),
    st.tuples(st.just("fields"), st.sampled_from(TEXT_FIELDS), st.text(max_size=20)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTIONS, min_size=1, max_size=10))
def test_random_edits_keep_memory_equal_to_disk(
    db: Database, actions: list[tuple[str, object, object]]
) -> None:
    """Any sequence of decisions, ticks and text edits (control characters included) leaves the
    in-memory meeting equal to what the file holds, after every step."""
    s = MeetingSession(db, add_meeting(db, fresh(SAMPLE)))
    for kind, target, value in actions:
        if kind == "case":
            s.set_case_decision(target, value)  # type: ignore[arg-type]
        elif kind == "tick":
            s.tick(target, value)  # type: ignore[arg-type]
        else:
            key, name = target  # type: ignore[misc]
            s.set_item_fields(key, **{name: value})
        assert on_disk(s) == s.meeting
