"""The secretariat's review, part 1: versions, identity, the hand-over file, approval, the lock, verify.

Driven through ``recorder_app.review`` (what the window and the command line call), the
command line as a child process where a terminal matters, and the storage write path below
both where the lock must hold whatever program writes.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder_app import review, services
from recorder_app.core import handover, interchange
from recorder_app.core.errors import ImportRefused, UserError
from recorder_app.core.interchange import load
from recorder_app.core.model import CaseDecision, Meeting, Point, ReportDecision
from recorder_app.resources import sample_path
from recorder_app.session import MeetingSession
from recorder_app.storage import sqlite as storage_sqlite
from recorder_app.storage.audit import audit_log
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, list_meetings, load_meeting
from tests.meetings import content

SAMPLE = load(sample_path())
FIRST_CASE = SAMPLE.groups[0].cases[0].id
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database holding the sample (copying is much faster than migrating anew)."""
    path = tmp_path_factory.mktemp("template") / "meetings.sqlite3"
    with Database.open(path) as db:
        add_meeting(db, SAMPLE)
    return path


def copy_of(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "meetings.sqlite3"
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    with Database.open(copy_of(template, tmp_path / "recorder")) as database:
        yield database


@pytest.fixture
def meeting_id(db: Database) -> int:
    return list_meetings(db)[0].id


def change_a_decision(db: Database, meeting_id: int, decision: CaseDecision = CaseDecision.REJECT) -> None:
    MeetingSession(db, meeting_id).set_case_decision(FIRST_CASE, decision)


def decision_of(meeting: Meeting, case_id: str = FIRST_CASE) -> CaseDecision | None:
    return next(c.decision for g in meeting.groups for c in g.cases if c.id == case_id)


def approved(db: Database, meeting_id: int) -> int:
    """The recorder's version (記錄完成), approved and locked; its number."""
    number = review.new_version(db, meeting_id)
    review.approve(db, meeting_id, number, "王大明", "秘書長", dt.date(2024, 7, 20))
    return number


# --- versions ----------------------------------------------------------------------------------------


def test_a_version_keeps_the_meeting_as_it_was_and_is_numbered_and_labelled(
    db: Database, meeting_id: int
) -> None:
    first = review.new_version(db, meeting_id, note="交秘書處")
    change_a_decision(db, meeting_id)
    second = review.new_version(db, meeting_id)
    third = review.new_version(db, meeting_id, label="會後修正")
    listed = review.versions_of(db, meeting_id)
    assert (
        [(v.number, v.label) for v in listed]
        == [(first, "記錄完成"), (second, "初稿"), (third, "會後修正")]
        == [(1, "記錄完成"), (2, "初稿"), (3, "會後修正")]
    )
    assert listed[0].note == "交秘書處" and listed[0].os_user
    assert decision_of(review.version_meeting(db, meeting_id, 1)) == decision_of(SAMPLE) == CaseDecision.ADD
    assert decision_of(review.version_meeting(db, meeting_id, 2)) == CaseDecision.REJECT
    # A version's row is never changed, whatever writes to the file.
    with (
        pytest.raises(sqlite3.IntegrityError, match="version is never changed"),
        sqlite3.connect(db.path) as raw,
    ):
        raw.execute("UPDATE versions SET label = '改過' WHERE number = 1")


def test_a_new_draft_from_an_old_version_takes_its_content_and_keeps_the_others(
    db: Database, meeting_id: int
) -> None:
    review.new_version(db, meeting_id)
    change_a_decision(db, meeting_id)
    review.new_version(db, meeting_id)
    made = review.from_version(db, meeting_id, 1)
    assert made == 3
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.ADD
    assert decision_of(review.version_meeting(db, meeting_id, 2)) == CaseDecision.REJECT
    assert [e.action for e in audit_log(db, meeting_id)[-2:]] == ["from_version", "new_version"]


# --- approval and the lock -------------------------------------------------------------------------


def test_an_approved_meeting_refuses_an_edit_through_the_session(db: Database, meeting_id: int) -> None:
    approved(db, meeting_id)
    session = MeetingSession(db, meeting_id)
    assert session.locked_version == 1
    with pytest.raises(review.MeetingLocked, match="重新開啟") as refused:
        session.set_case_decision(FIRST_CASE, CaseDecision.REJECT)
    assert "recorder-app reopen" in str(refused.value)
    with pytest.raises(review.MeetingLocked):
        session.set_header(place="別的地方")
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.ADD
    assert load_meeting(db, meeting_id).place == SAMPLE.place


def test_the_lock_is_in_the_file_itself_so_any_program_is_refused(db: Database, meeting_id: int) -> None:
    """Not a check in Python that a new code path could forget: SQLite's triggers refuse."""
    approved(db, meeting_id)
    with sqlite3.connect(db.path) as raw:
        for statement in (
            "UPDATE meetings SET data = json_set(data, '$.place', 'x') WHERE id = ?",
            "UPDATE cases SET decision = '不同意新增' WHERE group_id IN"
            " (SELECT id FROM working_groups WHERE meeting_id = ?)",
            "DELETE FROM agenda_items WHERE meeting_id = ?",
            "DELETE FROM meetings WHERE id = ?",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="approved and locked"):
                raw.execute(statement, (meeting_id,))
    assert content(load_meeting(db, meeting_id)) == content(review.version_meeting(db, meeting_id, 1))


def test_the_migrations_trigger_words_are_the_ones_storage_explains() -> None:
    """db/versions/0005 froze the words its triggers abort with; storage must recognise them."""
    spec = importlib.util.spec_from_file_location(
        "m0005", ROOT / "db" / "versions" / "0005_versions_and_lock.py"
    )
    assert spec and spec.loader
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.LOCKED_MESSAGE == storage_sqlite.LOCKED_MESSAGE
    assert migration.VERSION_MESSAGE == storage_sqlite.VERSION_MESSAGE


def test_only_the_meeting_as_it_stands_can_be_approved(db: Database, meeting_id: int) -> None:
    review.new_version(db, meeting_id)
    change_a_decision(db, meeting_id)
    with pytest.raises(UserError, match="請先建立新版本"):
        review.approve(db, meeting_id, 1, "王大明")
    with pytest.raises(UserError, match="沒有第 9 版"):
        review.approve(db, meeting_id, 9, "王大明")
    with pytest.raises(UserError, match="核定人"):
        review.approve(db, meeting_id, 1, "  ")
    assert review.locked_version(db, meeting_id) is None


def test_reopening_makes_a_correction_version_and_the_history_says_which_is_final(
    db: Database, meeting_id: int
) -> None:
    approved(db, meeting_id)
    with pytest.raises(UserError, match="原因"):
        review.reopen(db, meeting_id, "")
    correction = review.reopen(db, meeting_id, "第 3 案決定誤植")
    assert review.locked_version(db, meeting_id) is None
    change_a_decision(db, meeting_id)  # editable again
    final = review.new_version(db, meeting_id, label="核定本")
    review.approve(db, meeting_id, final, "王大明", "秘書長", dt.date(2024, 7, 25))
    listed = {v.number: v for v in review.versions_of(db, meeting_id)}
    assert listed[correction].label == "修正稿 1"  # a correction, though no 初稿 came before
    assert "重新開啟第 1 版：第 3 案決定誤植" in listed[correction].note
    assert listed[final].label == "核定本"
    assert listed[1].approved and listed[final].approved  # the history keeps both approvals
    assert review.locked_version(db, meeting_id) == final  # … and says which one is the final
    actions = [e.action for e in audit_log(db, meeting_id)]
    assert actions[-6:] == ["approve", "reopen", "new_version", "set_case_decision", "new_version", "approve"]


def test_the_next_meeting_confirming_with_corrections_approves_a_new_version(
    db: Database, meeting_id: int
) -> None:
    """宣讀上次會議紀錄 → 修正確定 at the next meeting: the corrected minutes become a new
    version approved by that meeting, on its date; the earlier approval stays in the history."""
    approved(db, meeting_id)
    later = services.create(db, "committee", today=dt.date(2024, 8, 15))  # opens with 宣讀上次會議紀錄
    session = MeetingSession(db, later)
    item = next(i for i in session.meeting.walk() if i.kind == "minutes")
    session.set_item_fields(item.id, decision=ReportDecision.MINUTES_AMENDED)
    session.set_item_fields(item.id, text=[Point(text="第 1 案改為不同意新增")])
    number = review.confirm_at_next_meeting(db, meeting_id, later)
    listed = {v.number: v for v in review.versions_of(db, meeting_id)}
    assert review.locked_version(db, meeting_id) == number
    assert listed[number].label == "核定本" and "第 1 案改為不同意新增" in listed[number].note
    assert listed[number].approvals[-1].on == dt.date(2024, 8, 15)
    assert listed[1].approved  # the first approval is kept


# --- identity and importing ------------------------------------------------------------------------


def meeting_file(db: Database, meeting_id: int, target: Path) -> Path:
    """The meeting as the JSON export writes it (with its identity)."""
    target.write_text(interchange.dumps(load_meeting(db, meeting_id)), "utf-8")
    return target


def test_every_meeting_has_its_own_identity_and_the_json_carries_it(db: Database, meeting_id: int) -> None:
    stored = load_meeting(db, meeting_id)
    again = add_meeting(db, load(sample_path()))  # the shipped sample has no uuid: a new one each read
    assert load_meeting(db, again).uuid != stored.uuid
    assert json.loads(interchange.dumps(stored))["meeting"]["uuid"] == str(stored.uuid)


def test_importing_the_same_meeting_again_is_a_no_op_that_says_so(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    path = meeting_file(db, meeting_id, tmp_path / "same.json")
    before = len(audit_log(db, meeting_id))
    outcome = review.import_file(db, path)
    assert (outcome.meeting_id, outcome.version) == (meeting_id, None)
    assert "內容相同，沒有變更" in outcome.message
    assert len(list_meetings(db)) == 1 and len(audit_log(db, meeting_id)) == before


def test_a_changed_copy_asks_first_then_becomes_a_new_version_naming_the_file(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    path = meeting_file(db, meeting_id, tmp_path / "秘書處修正.json")
    change_a_decision(db, meeting_id)  # the copy now differs from what the database holds
    with pytest.raises(review.NeedsConfirmation, match=r"秘書處修正\.json"):
        review.import_file(db, path)
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.REJECT  # nothing written
    assert review.versions_of(db, meeting_id) == []
    outcome = review.import_file(db, path, replace=True)
    assert (outcome.meeting_id, outcome.version) == (meeting_id, 1)
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.ADD
    assert len(list_meetings(db)) == 1
    entries = audit_log(db, meeting_id)
    assert [(e.action, e.target) for e in entries[-2:]] == [
        ("import_file", "秘書處修正.json"),
        ("new_version", "1"),
    ]
    assert review.versions_of(db, meeting_id)[0].note == "匯入 秘書處修正.json"


def test_an_import_into_a_locked_meeting_is_refused_and_changes_nothing(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    approved(db, meeting_id)
    copy = load_meeting(db, meeting_id).model_copy(update={"place": "別的地方"})
    path = tmp_path / "changed.json"
    path.write_text(interchange.dumps(copy), "utf-8")
    with pytest.raises(review.MeetingLocked, match="重新開啟"):
        review.import_file(db, path, replace=True)
    assert load_meeting(db, meeting_id).place == SAMPLE.place
    assert len(review.versions_of(db, meeting_id)) == 1


def test_a_newer_meeting_file_is_refused_naming_its_version(tmp_path: Path) -> None:
    raw = json.loads(sample_path().read_text("utf-8"))
    raw["version"] = interchange.VERSION + 1
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(ImportRefused, match=f"格式版本 {interchange.VERSION + 1}.*請安裝新版程式"):
        review.check_file(path)


# --- the hand-over file ------------------------------------------------------------------------------


def test_a_handover_round_trip_keeps_versions_and_audit_and_makes_no_duplicate(
    db: Database, meeting_id: int, template: Path, tmp_path: Path
) -> None:
    """Recorder → secretariat → recorder: each side ends with the same versions and audit
    entries, one meeting each, however often the file goes back and forth."""
    review.new_version(db, meeting_id, note="交秘書處")
    sent = review.handover_to(db, meeting_id, tmp_path / "第一次交接")
    assert sent.suffix == ".mrec"
    with Database.open(tmp_path / "secretariat" / "meetings.sqlite3") as theirs:
        took = review.import_file(theirs, sent)
        assert "已匯入為新會議" in took.message and "共 1 個版本" in took.message
        their_id = took.meeting_id
        assert content(load_meeting(theirs, their_id)) == content(load_meeting(db, meeting_id))
        assert load_meeting(theirs, their_id).uuid == load_meeting(db, meeting_id).uuid
        assert review.import_file(theirs, sent).message.endswith("內容相同，沒有變更")  # again: a no-op
        # The secretariat corrects and sends a draft out, then hands the meeting back.
        change_a_decision(theirs, their_id)
        review.new_version(theirs, their_id, note="送各機關")
        back = review.handover_to(theirs, their_id, tmp_path / "回覆.mrec")
        theirs_versions = [(v.number, v.label, v.note) for v in review.versions_of(theirs, their_id)]
        theirs_audit = [
            (e.at, e.os_user, e.action, e.target, e.old, e.new) for e in audit_log(theirs, their_id)
        ]
    with pytest.raises(review.NeedsConfirmation):
        review.import_file(db, back)  # it would replace the recorder's content: ask first
    returned = review.import_file(db, back, replace=True)
    assert (returned.meeting_id, returned.version) == (meeting_id, 2)
    assert len(list_meetings(db)) == 1
    assert [(v.number, v.label, v.note) for v in review.versions_of(db, meeting_id)] == theirs_versions
    ours_audit = [(e.at, e.os_user, e.action, e.target, e.old, e.new) for e in audit_log(db, meeting_id)]
    assert ours_audit[: len(theirs_audit)] == theirs_audit  # every entry, once, in order
    assert len(set(ours_audit)) == len(ours_audit)
    assert ours_audit[-1][2:4] == ("import_file", "回覆.mrec")
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.REJECT
    assert review.import_file(db, back).message.endswith("內容相同，沒有變更")


def handed_back_with_a_version(db: Database, meeting_id: int, tmp_path: Path) -> Path:
    """The meeting handed over to another database, a decision changed and a version made
    there, and handed back: the file that comes back."""
    sent = review.handover_to(db, meeting_id, tmp_path / "a.mrec")
    with Database.open(tmp_path / "other" / "meetings.sqlite3") as theirs:
        their_id = review.import_file(theirs, sent).meeting_id
        change_a_decision(theirs, their_id)
        review.new_version(theirs, their_id)
        return review.handover_to(theirs, their_id, tmp_path / "b.mrec")


def test_versions_made_on_both_sides_with_one_number_are_refused_not_merged(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    back = handed_back_with_a_version(db, meeting_id, tmp_path)
    change_a_decision(db, meeting_id, CaseDecision.CONTINUE)
    review.new_version(db, meeting_id)  # a version 1 of our own, different from theirs
    with pytest.raises(UserError, match=r"第 1 版.*內容不同"):
        review.import_file(db, back, replace=True)
    assert decision_of(load_meeting(db, meeting_id)) == CaseDecision.CONTINUE  # nothing half imported


def rewritten(data: bytes, change: dict[str, object] | None = None, *, rehash: bool) -> bytes:
    """The hand-over file with its content changed (place) and, if *rehash*, a manifest
    recomputed to match — what someone editing the file by hand would do."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = json.loads(z.read("manifest.json"))
        body = json.loads(z.read("content.json"))
    meeting = json.loads(body["meeting"])
    meeting["meeting"]["place"] = "偽造的地點"
    body["meeting"] = json.dumps(meeting, ensure_ascii=False)
    new = json.dumps(body, ensure_ascii=False).encode("utf-8")
    if rehash:
        import hashlib

        manifest["content_sha256"] = hashlib.sha256(new).hexdigest()
    manifest.update(change or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr("content.json", new)
    return out.getvalue()


def test_a_handover_damaged_in_transit_is_refused_whole(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    good = review.handover_to(db, meeting_id, tmp_path / "good.mrec").read_bytes()
    damaged = tmp_path / "damaged.mrec"
    damaged.write_bytes(rewritten(good, rehash=False))
    with Database.open(tmp_path / "other" / "meetings.sqlite3") as theirs:
        with pytest.raises(ImportRefused, match="傳送途中損壞"):
            review.import_file(theirs, damaged)
        truncated = tmp_path / "truncated.mrec"
        truncated.write_bytes(good[: len(good) // 2])
        with pytest.raises(ImportRefused, match="已損壞"):
            review.import_file(theirs, truncated)
        newer = tmp_path / "newer.mrec"
        newer.write_bytes(rewritten(good, {"version": handover.VERSION + 1}, rehash=True))
        with pytest.raises(ImportRefused, match=f"交接檔格式版本 {handover.VERSION + 1}"):
            review.import_file(theirs, newer)
        assert list_meetings(theirs) == []


# --- verify ------------------------------------------------------------------------------------------


def test_verify_names_an_untouched_exported_final_and_refuses_it_with_one_byte_changed(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    number = approved(db, meeting_id)
    targets = {"docx": tmp_path / "minutes.docx", "xlsx": tmp_path / "annex.xlsx"}
    review.export(db, meeting_id, targets, number)
    for path in targets.values():
        found = review.verify(db, path)
        assert [(f.meeting_id, f.version, f.approved) for f in found] == [(meeting_id, number, True)]
        assert "核定本" in found[0].words() or "記錄完成" in found[0].words()
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        changed = tmp_path / f"changed{path.suffix}"
        changed.write_bytes(bytes(data))
        assert review.verify(db, changed) == []


def test_verify_never_trusts_the_hash_a_handover_carries(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    """A hand-over file edited and re-hashed loads (it is not damaged) but verify knows it not."""
    sent = review.handover_to(db, meeting_id, tmp_path / "sent.mrec")
    assert [f.meeting_id for f in review.verify(db, sent)] == [meeting_id]
    forged = tmp_path / "forged.mrec"
    forged.write_bytes(rewritten(sent.read_bytes(), rehash=True))
    review.check_file(forged)  # a consistent file: the hash proves no more than that
    assert review.verify(db, forged) == []


# --- the command line --------------------------------------------------------------------------------


def cli(*args: str | Path, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """recorder-app as a child process with no terminal (stdin from /dev/null), as in a script."""
    return subprocess.run(
        [sys.executable, "-m", "recorder_app", *map(str, args)],
        capture_output=True,
        text=True,
        stdin=stdin,
        timeout=120,
    )


def test_the_review_commands_work_as_the_issue_names_them(template: Path, tmp_path: Path) -> None:
    path = copy_of(template, tmp_path / "db")
    with Database.open(path) as db:
        meeting_id = list_meetings(db)[0].id
    m = str(meeting_id)
    made = cli("new-version", "--meeting", m, "--db", path, "--label", "記錄完成", "--note", "交秘書處")
    assert made.returncode == 0 and made.stdout.strip() == "1", made.stderr
    listed = cli("versions", "--meeting", m, "--db", path)
    assert listed.stdout.startswith("1\t記錄完成\t") and "未核定" in listed.stdout
    handed = cli("handover", "--meeting", m, "--db", path, "--to", tmp_path / "out.mrec")
    assert handed.returncode == 0 and "不證明是誰做的" in handed.stderr
    ok = cli(
        "approve",
        "--meeting",
        m,
        "--version",
        "1",
        "--by",
        "王大明",
        "--title",
        "秘書長",
        "--date",
        "2024-07-20",
        "--db",
        path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "已核定（王大明秘書長，2024-07-20）" in cli("versions", "--meeting", m, "--db", path).stdout
    exported = cli(
        "export", "--meeting", m, "--version", "1", "--docx", tmp_path / "final.docx", "--db", path
    )
    assert exported.returncode == 0, exported.stderr
    verified = cli("verify", tmp_path / "final.docx", "--db", path)
    assert verified.returncode == 0 and verified.stdout.startswith(f"{m}\t1\t相符"), verified.stderr
    stranger = tmp_path / "stranger.docx"
    stranger.write_bytes((tmp_path / "final.docx").read_bytes() + b"\0")
    refused = cli("verify", stranger, "--db", path)
    assert refused.returncode == 1 and "不相符" in refused.stderr
    reopened = cli("reopen", "--meeting", m, "--note", "誤植", "--db", path)
    assert reopened.returncode == 0 and reopened.stdout.strip() == "2", reopened.stderr


def test_a_changed_import_without_a_terminal_needs_yes(template: Path, tmp_path: Path) -> None:
    path = copy_of(template, tmp_path / "db")
    with Database.open(path) as db:
        meeting_id = list_meetings(db)[0].id
        file = meeting_file(db, meeting_id, tmp_path / "copy.json")
        change_a_decision(db, meeting_id)
    refused = cli("import", file, "--db", path)
    assert refused.returncode == 1
    assert "--yes" in refused.stderr and "Traceback" not in refused.stderr
    taken = cli("import", file, "--db", path, "--yes")
    assert taken.returncode == 0 and taken.stdout.strip() == f"{meeting_id}\t1", taken.stderr
    again = cli("import", file, "--db", path)
    assert again.returncode == 0 and again.stdout.strip() == str(meeting_id)
    assert "沒有變更" in again.stderr


# --- the upgrade -------------------------------------------------------------------------------------


def test_meetings_stored_before_identities_get_distinct_ones(tmp_path: Path) -> None:
    target = tmp_path / "meetings.sqlite3"
    shutil.copyfile(ROOT / "tests" / "data" / "release-0.1.0" / "meetings.sqlite3", target)
    with Database.open(target) as db:
        uuids = [load_meeting(db, m.id).uuid for m in list_meetings(db)]
    assert len(uuids) == 3 == len(set(uuids))


def test_the_readme_names_the_current_format_versions() -> None:
    """The README tells IT which formats this program writes; it must not lag the code."""
    readme = (ROOT / "README.md").read_text("utf-8")
    said = f"meeting files are format {interchange.VERSION}; hand-over files format {handover.VERSION}"
    assert said in readme


def test_a_handback_reads_only_the_versions_this_database_does_not_hold(
    db: Database, meeting_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions are immutable and were checked when stored: a file going back and forth with a
    long history is not read whole each time (20 versions of 5,000 cases took 2.6 s)."""
    review.new_version(db, meeting_id)
    change_a_decision(db, meeting_id, CaseDecision.CONTINUE)
    review.new_version(db, meeting_id)
    back = handed_back_with_a_version(db, meeting_id, tmp_path)
    docs = {v.number: v.document for v in handover.load(back.read_bytes()).versions}
    assert len(set(docs.values())) == 3
    read: list[str] = []
    real = interchange.loads
    monkeypatch.setattr(interchange, "loads", lambda data, *a, **k: read.append(data) or real(data, *a, **k))
    returned = review.import_file(db, back, replace=True)
    assert returned.version == 3
    # The new one is checked before anything is written: read twice, as the file's meeting
    # (the working state is version 3) and as version 3.
    assert read.count(docs[3]) == 2
    assert docs[1] not in read and docs[2] not in read  # those held here are not read again
    assert review.version_meeting(db, meeting_id, 3).uuid == load_meeting(db, meeting_id).uuid
