"""The SQLite storage layer: schema and migrations, durability settings, round trips, actions."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc as sa_exc

from recorder_app.core.errors import UserError
from recorder_app.core.model import (
    AdjournmentItem,
    Attendance,
    Attendee,
    Ballot,
    Case,
    CaseDecision,
    Choice,
    ConclusionsItem,
    DiscussionItem,
    InfoItem,
    Meeting,
    Person,
    Point,
    Programme,
    Proposal,
    RegisterItem,
    ReportDecision,
    ReportItem,
    Resolution,
    ResolutionItem,
    SectionItem,
    Speech,
    Style,
    Vote,
    VoteMethod,
    WorkingGroup,
)
from recorder_app.storage.actions import (
    insert_item,
    remove_item,
    replace_speeches,
    set_case_decision,
    set_current_item,
    tick_item,
    update_item,
    update_meeting,
)
from recorder_app.storage.audit import audit_log
from recorder_app.storage.database import SCHEMA_HEAD, Database, default_db_path, is_network_path
from recorder_app.storage.meetings import add_meeting, delete_meeting, list_meetings, load_meeting
from recorder_app.storage.orm import Base
from tests.meetings import fresh

TAIPEI = dt.timezone(dt.timedelta(hours=8))
DATA_TABLES = ("meetings", "agenda_items", "speeches", "working_groups", "cases", "audit_log")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "meetings.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    yield database
    database.close()


EVERY_KIND = "0e7e4c1d-5a3b-4c2d-9e8f-7a6b5c4d3e2f"


def every_kind_meeting(identity: str = EVERY_KIND) -> Meeting:
    """A small meeting that uses every agenda kind and every optional field at least once."""
    return Meeting(
        uuid=identity,
        body="測試平臺",
        name="委員會議",
        ordinal=7,
        date=dt.date(2025, 3, 4),
        start_time=dt.time(9, 30),
        end_time=dt.time(11, 5, 30, tzinfo=TAIPEI),
        place="第一會議室",
        people=[
            Person(key="chair", surname="王", given_name="大明", title="主任委員"),
            Person(key="b", surname="李", given_name="小華", title="委員", organisation="某市政府"),
            Person(key="c", surname="陳"),
        ],
        chair="chair",
        co_chairs=["c", "b"],
        recorder="張記錄",
        attendance_notes={"出席": "詳簽到表"},
        attendees=[
            Attendee(category=Attendance.PRESENT, person="b", stand_in="王大鈞"),
            Attendee(category=Attendance.OBSERVER, name="許志堅", unit="都市發展局"),
            Attendee(category="出席顧問", name="張顧問俊哲", mark="請假"),
            Attendee(category=Attendance.ON_LEAVE, person="c"),
            Attendee(category=Attendance.ABSENT, name="某委員"),
        ],
        attachment_label="附件 2",
        agenda=[
            InfoItem(id="open", title="主席致詞", text="略", ticked_at=dt.datetime(2025, 3, 4, 9, 31)),
            ReportItem(
                id="r1",
                title="上次會議紀錄",
                body=["第一行\n第二行"],
                decision=ReportDecision.MINUTES_AMENDED,
                decision_points=[Point(text="修正如附件", children=[Point(text="例如：", numbered=False)])],
            ),
            SectionItem(
                id="discuss",
                title="討論事項",
                presenter="b",
                children=[
                    DiscussionItem(
                        id="d1",
                        title="案由一",
                        explanation=["說明一", Point(text="說明二\n續行", children=["(一)不是編號"])],
                        proposal=["辦法"],
                        resolution=Resolution.AMENDED,
                        resolution_points=["修正後通過"],
                        rider=["附帶決議"],
                        vote=Vote(
                            method=VoteMethod.ROLL_CALL,
                            roll_call=[
                                Ballot(voter="基隆市", choice=Choice.YES),
                                Ballot(voter="臺北市", choice=Choice.ABSTAIN),
                                Ballot(voter="新北市", choice=Choice.NO),
                            ],
                        ),
                        ticked_at=dt.datetime(2025, 3, 4, 10, 0, tzinfo=TAIPEI),
                    ),
                    DiscussionItem(
                        id="d2",
                        title="案由二",
                        vote=Vote(method=VoteMethod.SHOW_OF_HANDS, yes=5, no=1, abstain=2),
                    ),
                    SectionItem(
                        id="nested",
                        title="臨時動議",
                        text="無",
                        children=[
                            SectionItem(
                                id="deeper",
                                title="更深一層",
                                children=[ResolutionItem(id="res", title="決議文字")],
                            ),
                            RegisterItem(id="reg", title="列管案件"),
                        ],
                    ),
                    DiscussionItem(id="d3", title="案由三"),
                ],
            ),
            ConclusionsItem(
                id="concl",
                title="主席結論",
                speeches=[
                    Speech(
                        speaker="b", points=["第一點", "第二點"], spoke_at=dt.datetime(2025, 3, 4, 10, 30)
                    ),
                    Speech(speaker="chair"),
                ],
            ),
            SectionItem(id="empty-section", title="報告事項", text="無"),
            AdjournmentItem(id="end", title="散會"),
        ],
        groups=[
            WorkingGroup(
                name="交通組",
                cases=[
                    Case(id="c1", title="案件一", proposal=Proposal.ADD, decision=CaseDecision.ADD),
                    Case(
                        id="c2",
                        title="案件二",
                        theme="共同議題",
                        first_listed="第 1 次會議",
                        note="備註\n兩行",
                        placeholder=True,
                    ),
                ],
                programmes=[
                    Programme(id="p1", theme="氣候", title="方案一"),
                    Programme(id="p2", theme="氣候", title="方案二", decision=None),
                ],
            ),
            WorkingGroup(name="空組"),
        ],
        style=Style(name="測試格式", ladder=["{chinese}、", "{n}、"], ordinal="digits", brackets="full"),
        current_item="d1",
    )


def count_rows(db: Database, table: str) -> int:
    with db.read() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


# --- schema and connection --------------------------------------------------------------------


def test_migrations_build_exactly_the_orm_schema(db: Database) -> None:
    """The hand-written migration and orm.py describe the same tables, columns, keys and indexes."""
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD


def test_pragmas_are_set_on_the_connection(db: Database) -> None:
    """WAL, synchronous=FULL, foreign keys and a busy timeout hold on the app's connection."""
    names = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    with db.read() as conn:
        values = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}
    assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_write_takes_the_lock_at_begin_and_read_does_not(db: Database, db_path: Path) -> None:
    """write() is BEGIN IMMEDIATE (lock held before any statement); read() is a plain BEGIN."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with db.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with db.read():
            other.execute("BEGIN IMMEDIATE")  # nobody holds the write lock during a read
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_write_rolls_back_when_the_block_raises(db: Database, sample: Meeting) -> None:
    """An exception inside write() leaves the database as it was before the block."""
    meeting_id = add_meeting(db, sample)
    with pytest.raises(RuntimeError), db.write() as conn:
        conn.exec_driver_sql("DELETE FROM meetings")
        raise RuntimeError("interrupted")
    assert load_meeting(db, meeting_id) == sample


def test_nested_transactions_are_refused(db: Database) -> None:
    """Nesting read()/write() on the one shared connection fails loudly instead of deadlocking."""
    with db.read(), pytest.raises(RuntimeError, match="nest"), db.write():
        pass


def test_threads_take_turns_on_the_one_connection(db: Database, sample: Meeting) -> None:
    """A worker thread reading while the GUI thread records decisions gets no errors."""
    meeting_id = add_meeting(db, sample)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(20):
                load_meeting(db, meeting_id)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    worker = threading.Thread(target=reader)
    worker.start()
    for n in range(40):
        set_case_decision(db, meeting_id, "g1-c06", [CaseDecision.DELIST, None][n % 2])
    worker.join()
    assert errors == []


def test_storage_imports_no_qt() -> None:
    """The storage layer stays Qt-free, so the command line and tests can drive it."""
    code = (
        "import sys, recorder_app.storage.actions, recorder_app.storage.meetings, recorder_app.services;"
        "sys.exit(any(m.split('.')[0] == 'PySide6' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- round trips ------------------------------------------------------------------------------


def test_sample_round_trips(db: Database, sample: Meeting) -> None:
    """The shipped reference meeting loads back equal to what was stored."""
    meeting_id = add_meeting(db, sample)
    assert load_meeting(db, meeting_id) == sample


def test_every_agenda_kind_round_trips(db: Database) -> None:
    """Every item kind, nested sections, roll-call votes, speeches and offsets survive storage."""
    meeting = every_kind_meeting()
    meeting_id = add_meeting(db, meeting)
    loaded = load_meeting(db, meeting_id)
    assert loaded == meeting
    assert [i.id for i in loaded.walk()] == [i.id for i in meeting.walk()]
    assert loaded.end_time is not None and loaded.end_time.tzinfo is not None


def test_enumerations_are_stored_as_their_chinese_values(db: Database) -> None:
    """The file holds 同意新增, not ADD: readable in any SQLite browser, and stable across renames."""
    add_meeting(db, every_kind_meeting())
    with db.read() as conn:
        decisions = set(conn.exec_driver_sql("SELECT decision FROM cases").scalars())
        categories = set(
            conn.exec_driver_sql(
                "SELECT json_extract(a.value, '$.category') "
                "FROM meetings, json_each(meetings.data, '$.attendees') AS a"
            ).scalars()
        )
        payload = conn.exec_driver_sql("SELECT data FROM agenda_items WHERE key = 'r1'").scalar()
    assert decisions == {"同意新增", None}
    assert categories == {"出席", "列席", "出席顧問", "請假", "缺席"}
    assert '"decision":"修正確定"' in payload  # the characters as they are, no \\u escapes


def test_failed_add_meeting_leaves_nothing(db: Database, sample: Meeting) -> None:
    """A failure midway through storing a meeting rolls back the rows already written."""
    with db.write() as conn:
        # Fails on the first case, and only once the meeting row is already in the transaction.
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_midway BEFORE INSERT ON cases "
            "WHEN (SELECT count(*) FROM meetings) = 1 "
            "BEGIN SELECT RAISE(ABORT, 'disk unplugged'); END"
        )
    with pytest.raises(UserError, match=r"無法儲存到資料庫.*disk unplugged"):
        add_meeting(db, sample)
    for table in DATA_TABLES:
        assert count_rows(db, table) == 0, table
    with db.write() as conn:
        conn.exec_driver_sql("DROP TRIGGER fail_midway")
    assert load_meeting(db, add_meeting(db, sample)) == sample


def test_load_of_a_missing_meeting_is_a_user_error(db: Database) -> None:
    """Asking for a meeting id that does not exist says so in words."""
    with pytest.raises(UserError, match="找不到會議 42"):
        load_meeting(db, 42)


def test_list_meetings_newest_first(db: Database, sample: Meeting) -> None:
    """The meetings list shows the latest meeting date first, without loading meetings."""
    older = add_meeting(db, fresh(sample).model_copy(update={"date": dt.date(2023, 1, 1)}))
    newer = add_meeting(db, fresh(sample))
    summaries = list_meetings(db)
    assert [s.id for s in summaries] == [newer, older]
    assert summaries[0].name == sample.name and summaries[0].date == sample.date
    assert summaries[0].updated_at.tzinfo is not None


def test_delete_meeting_removes_everything_under_it(db: Database) -> None:
    """ON DELETE CASCADE empties every child table; another meeting is untouched."""
    doomed = add_meeting(db, every_kind_meeting())
    kept = add_meeting(db, fresh(every_kind_meeting()))
    delete_meeting(db, doomed)
    with db.read() as conn:
        rows = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in DATA_TABLES}
    delete_meeting(db, kept)
    for table in DATA_TABLES:
        assert count_rows(db, table) == 0, table
    assert rows["meetings"] == 1 and rows["speeches"] == 2 and rows["cases"] == 2
    with pytest.raises(UserError, match="找不到會議"):
        delete_meeting(db, doomed)


# --- recorder actions -------------------------------------------------------------------------


def test_case_decision_survives_close_and_reopen(db_path: Path, sample: Meeting) -> None:
    """A decision recorded with set_case_decision is on disk: a new process would see it."""
    with Database.open(db_path) as db:
        meeting_id = add_meeting(db, sample)
        set_case_decision(db, meeting_id, "g1-c06", CaseDecision.DELIST)
        set_case_decision(db, meeting_id, "g1-c01", None)
    with Database.open(db_path) as db:
        loaded = load_meeting(db, meeting_id)
    cases = {case.id: case for _, case in loaded.cases()}
    assert cases["g1-c06"].decision is CaseDecision.DELIST
    assert cases["g1-c01"].decision is None


def test_recorder_actions_change_only_what_they_name(db: Database) -> None:
    """Each action stores its own fields only; the rest of the meeting (and of the item's own
    payload) is intact, and the recorder's place bumps updated_at."""
    meeting = every_kind_meeting()
    meeting_id = add_meeting(db, meeting)
    before = list_meetings(db)[0].updated_at
    at = dt.datetime(2025, 3, 4, 10, 45, tzinfo=TAIPEI)
    report = next(i for i in meeting.walk() if i.id == "r1")
    discussion = next(i for i in meeting.walk() if i.id == "d3")

    tick_item(db, meeting_id, "res", at)
    tick_item(db, meeting_id, "open", None)
    noted = report.model_copy(
        update={"decision": ReportDecision.NOTED, "decision_points": [Point(text="照辦")], "body": ["不寫入"]}
    )
    update_item(db, meeting_id, noted, ["decision", "decision_points"])  # body is not named: kept
    reserved = discussion.model_copy(update={"resolution": Resolution.RESERVED})
    update_item(db, meeting_id, reserved, ["resolution"])
    set_current_item(db, meeting_id, "end")
    ended = meeting.model_copy(update={"end_time": dt.time(11, 40), "place": "不寫入"})
    update_meeting(db, meeting_id, ended, ["end_time"])

    expected = meeting.model_dump()
    agenda = expected["agenda"]
    discuss = agenda[2]["children"]
    discuss[2]["children"][0]["children"][0]["ticked_at"] = at
    agenda[0]["ticked_at"] = None
    agenda[1].update(decision=ReportDecision.NOTED, decision_points=[{"text": "照辦"}])
    discuss[3].update(resolution=Resolution.RESERVED)
    expected.update(current_item="end", end_time=dt.time(11, 40))
    assert load_meeting(db, meeting_id) == Meeting.model_validate(expected)
    assert list_meetings(db)[0].updated_at > before


def test_storage_checks_only_what_the_file_knows(db: Database) -> None:
    """Values come validated by the session; storage still refuses an unknown meeting, case or
    item (only the file knows those), in words, and changes nothing."""
    meeting = every_kind_meeting()
    meeting_id = add_meeting(db, meeting)
    before = list_meetings(db)[0].updated_at
    report = next(i for i in meeting.walk() if i.id == "r1")
    refused = [
        (lambda: set_case_decision(db, meeting_id, "nope", CaseDecision.ADD), "案件 nope"),
        (lambda: set_case_decision(db, 999, "c1", CaseDecision.ADD), "找不到會議 999"),
        (lambda: tick_item(db, meeting_id, "nope", None), "議程項目 nope"),
        (lambda: update_item(db, meeting_id, report.model_copy(update={"id": "nope"}), ["body"]), "nope"),
        (lambda: update_item(db, meeting_id, InfoItem(id="r1", title="x"), ["title"]), "另一種項目"),
        (lambda: set_current_item(db, meeting_id, "nope"), "議程項目 nope"),
        (lambda: update_meeting(db, 999, meeting, ["place"]), "找不到會議 999"),
        (lambda: replace_speeches(db, meeting_id, "nope", []), "議程項目 nope"),
        (lambda: remove_item(db, 999, report), "找不到會議 999"),
        (lambda: insert_item(db, meeting_id, None, 99, InfoItem(id="x", title="x")), "插入位置 99"),
    ]
    for action, message in refused:
        with pytest.raises(UserError, match=message):
            action()
    assert list_meetings(db)[0].updated_at == before  # each bump was rolled back
    assert load_meeting(db, meeting_id) == every_kind_meeting()


def test_a_case_key_of_another_meeting_is_not_touched(db: Database) -> None:
    """Case keys are unique per meeting only; a decision lands in the named meeting alone."""
    first = add_meeting(db, every_kind_meeting())
    second = add_meeting(db, fresh(every_kind_meeting()))
    set_case_decision(db, second, "c1", CaseDecision.REJECT)
    assert load_meeting(db, first) == every_kind_meeting()
    cases = {c.id: c for _, c in load_meeting(db, second).cases()}
    assert cases["c1"].decision is CaseDecision.REJECT


# --- files: opening, corruption, backups, migrations ------------------------------------------


def test_garbage_file_is_a_user_error_naming_it(db_path: Path) -> None:
    """A file that is not a database is refused in one Chinese sentence, and left untouched."""
    db_path.parent.mkdir(parents=True)
    garbage = b"This is a Word document, honest.\n" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(UserError) as caught:
        Database.open(db_path)
    assert str(db_path) in str(caught.value)
    assert "不是 SQLite 資料庫或已損毀" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert db_path.read_bytes() == garbage


def test_damaged_database_is_a_user_error(db_path: Path, sample: Meeting) -> None:
    """A real database whose pages were overwritten is refused on open, not halfway through work."""
    with Database.open(db_path) as db:
        add_meeting(db, sample)
    data = bytearray(db_path.read_bytes())
    data[4096:] = bytes((i * 37) % 251 for i in range(len(data) - 4096))
    db_path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="無法開啟資料庫"):
        Database.open(db_path)


def test_backup_is_a_standalone_copy(db: Database, tmp_path: Path, sample: Meeting) -> None:
    """backup() writes a file that opens on its own (no -wal needed) with the same meeting."""
    meeting_id = add_meeting(db, sample)
    copy = db.backup(tmp_path / "copies" / "copy.sqlite3")
    raw = sqlite3.connect(copy)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        raw.close()
    with Database.open(copy) as restored:
        assert load_meeting(restored, meeting_id) == sample


def test_opening_a_file_at_head_makes_no_backup(db_path: Path, sample: Meeting) -> None:
    """An up-to-date file is opened as is: no migration and no backup on every start."""
    with Database.open(db_path) as db:
        add_meeting(db, sample)
    with Database.open(db_path):
        pass
    assert not (db_path.parent / "backups").exists()


def test_file_from_a_newer_program_is_refused(db_path: Path) -> None:
    """A schema revision this program does not know is refused rather than 'upgraded'."""
    with Database.open(db_path) as db, db.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(UserError, match="較新版本"):
        Database.open(db_path)


# --- paths --------------------------------------------------------------------------------------


def test_default_db_path_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RECORDER_APP_DATA_DIR moves the database (tests, portable installs); else local app data."""
    monkeypatch.setenv("RECORDER_APP_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_db_path() == tmp_path / "elsewhere" / "meetings.sqlite3"
    monkeypatch.delenv("RECORDER_APP_DATA_DIR")
    path = default_db_path()
    assert path.name == "meetings.sqlite3" and "MeetingRecorder" in path.parts


def test_network_locations_are_recognised() -> None:
    r"""UNC paths (\\server\share) are refused on Windows, where WAL cannot work on them."""
    assert is_network_path(r"\\server\share\meetings.sqlite3", platform="win32")
    assert is_network_path(r"\\?\UNC\server\share\meetings.sqlite3", platform="win32")
    assert not is_network_path("/home/user/meetings.sqlite3", platform="linux")


def test_schema_head_constant_is_alembics_head() -> None:
    """The fast path on open (no Alembic import) compares against the real newest migration."""
    from alembic.script import ScriptDirectory

    from recorder_app.storage.database import SCHEMA_HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


# --- where the file may live: network shares and read-only places --------------------------------


def test_a_network_share_is_refused_before_anything_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database on a network drive is refused in words (WAL breaks there); no folder appears."""
    from recorder_app.storage import database

    monkeypatch.setattr(database, "is_network_path", lambda path: True)
    target = tmp_path / "share" / "meetings.sqlite3"
    with pytest.raises(UserError, match="網路磁碟") as caught:
        Database.open(target)
    assert str(target) in str(caught.value)
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"\\server\share\meetings.sqlite3", True),
        ("//server/share/meetings.sqlite3", True),
        (r"\\?\UNC\server\share\meetings.sqlite3", True),
        ("//?/UNC/server/share/meetings.sqlite3", True),
        (r"\\?\C:\Users\rec\meetings.sqlite3", False),
        (r"\\.\C:\Users\rec\meetings.sqlite3", False),
        (r"C:\Users\rec\AppData\Local\MeetingRecorder\meetings.sqlite3", False),
    ],
)
def test_windows_network_paths_are_recognised(path: str, network: bool) -> None:
    r"""UNC paths in every spelling are network paths; local drives, long-path prefixed or not,
    are not (a mapped network drive letter is asked of Windows itself, GetDriveTypeW)."""
    assert is_network_path(path, platform="win32") is network


MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export /mnt/share nfs4 rw,relatime 0 0
//nas/meetings /mnt/my\\040nas cifs rw 0 0
tmpfs /mnt/share/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/mnt/share/meetings.sqlite3", True),
        ("/mnt/my nas/m.sqlite3", True),
        ("/mnt/share/local/m.sqlite3", False),  # a local mount inside the share
        ("/mnt/shared/m.sqlite3", False),  # a prefix of the name is not the mount
        ("/home/rec/m.sqlite3", False),
    ],
)
def test_linux_network_mounts_are_recognised(path: str, network: bool) -> None:
    """On Linux the mount holding the file is looked up: NFS and SMB mounts are refused too."""
    assert is_network_path(path, platform="linux", mounts=MOUNTS) is network


@pytest.fixture
def stored(db_path: Path, sample: Meeting) -> Iterator[Path]:
    """A closed database holding the sample; its folder's and file's permissions restored after."""
    with Database.open(db_path) as db:
        add_meeting(db, sample)
    yield db_path
    db_path.parent.chmod(0o755)
    for p in db_path.parent.iterdir():
        p.chmod(0o644)


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_read_only_folder_opens_read_only_and_refuses_writes(
    stored: Path, sample: Meeting, unprivileged: None
) -> None:
    """File and folder not writable: the meeting opens (immutable, as no -wal can be made),
    db.read_only is set with a message for the window, reading and exporting work, every write
    is refused with a message, and not one byte in the folder changes."""
    from recorder_app.session import Change, MeetingSession

    stored.chmod(0o444)
    stored.parent.chmod(0o555)
    before = _state(stored.parent)
    with Database.open(stored) as db:
        assert db.read_only and "唯讀" in db.read_only_message and str(stored) in db.read_only_message
        session = MeetingSession(db, 1)
        assert session.read_only and session.meeting == sample
        refused = [
            lambda: session.set_case_decision("g1-c06", CaseDecision.DELIST),
            lambda: session.set_header(place="別處"),
            lambda: add_meeting(db, sample),
            lambda: delete_meeting(db, 1),
        ]
        for write in refused:
            with pytest.raises(UserError, match="唯讀") as caught:
                write()
            assert "\n" not in str(caught.value)
        assert session.meeting == sample
        assert session.set_current_item("conclusions") == Change.CURRENT  # moving around still works
        assert session.meeting.current_item == "conclusions"
        assert len(audit_log(db, 1)) == 1
    assert _state(stored.parent) == before


def test_a_read_only_file_in_a_writable_folder_is_read_only_for_sqlite_too(
    stored: Path, sample: Meeting, unprivileged: None, tmp_path: Path
) -> None:
    """Only the file is read-only (mode=ro): even a write that bypassed db.write() is refused
    by SQLite itself, the file keeps every byte, and a copy (the backup API) still works."""
    stored.chmod(0o444)
    before = stored.read_bytes()
    with Database.open(stored) as db:
        assert db.read_only
        with pytest.raises(sa_exc.OperationalError, match="readonly"), db._engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM meetings")
        copy = db.backup(tmp_path / "elsewhere" / "copy.sqlite3")
    assert stored.read_bytes() == before
    with Database.open(copy) as restored:
        assert not restored.read_only and load_meeting(restored, 1) == sample


def test_a_read_only_folder_with_unsaved_wal_is_refused_not_shown_without_it(
    stored: Path, unprivileged: None
) -> None:
    """Left with committed changes in its -wal (no -shm) in a read-only folder, the file cannot
    be read safely (immutable would ignore the -wal): refused with what to do."""
    code = (
        "import os, sys\n"
        "from recorder_app.storage.database import Database\n"
        "from recorder_app.storage.actions import set_case_decision\n"
        "db = Database.open(sys.argv[1])\n"
        "set_case_decision(db, 1, 'g1-c06', '同意解列')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(stored)], check=True, timeout=60)
    Path(f"{stored}-shm").unlink()
    stored.parent.chmod(0o555)
    with pytest.raises(UserError, match=r"沒有正常關閉.*-wal"):
        Database.open(stored)


def test_no_new_database_in_a_read_only_folder(tmp_path: Path, unprivileged: None) -> None:
    """Creating a database where nothing may be written is refused in words, nothing created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UserError, match="資料夾是唯讀的"):
            Database.open(folder / "meetings.sqlite3")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_an_old_file_left_mid_transaction_is_rolled_back_and_opened(db_path: Path) -> None:
    """A rollback-journal file (an older program) killed mid-transaction has a hot journal,
    which a read-only connection may not roll back: the damage check then runs on the writer,
    which rolls it back; the file opens with only what was committed."""
    with Database.open(db_path) as db:
        add_meeting(db, every_kind_meeting())
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=1')\n"
        "c.execute('BEGIN'); c.execute('DELETE FROM cases')\n"
        "c.executemany('INSERT INTO audit_log (meeting_id, at, os_user, action) VALUES (1, ?, ?, ?)',"
        " [('x' * 3000, 'u', 'a')] * 200)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True, timeout=60)
    assert Path(f"{db_path}-journal").exists()
    with Database.open(db_path) as db:
        assert load_meeting(db, 1) == every_kind_meeting()
    assert not Path(f"{db_path}-journal").exists()
