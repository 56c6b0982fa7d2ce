"""Comments (批註): anchored, listed, resolved; allowed on an approved meeting without
weakening its lock; carried in hand-over files without duplicates; real Word comments."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from recorder_app import review
from recorder_app.core.errors import UserError
from recorder_app.core.model import CaseDecision, Point
from recorder_app.session import MeetingSession
from recorder_app.storage.audit import audit_log, os_user
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import list_meetings
from tests.test_review import (  # noqa: F401
    FIRST_CASE,
    ROOT,
    SAMPLE,
    approved,
    copy_of,
    db,
    meeting_id,
    template,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIRST_CASE_TITLE = SAMPLE.groups[0].cases[0].title


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def commented(data: bytes) -> dict[str, str]:
    """Each Word comment's text → the text of the paragraph it is anchored in."""
    texts = {
        c.get(W + "id"): "".join(t.text or "" for t in c.iter(W + "t"))
        for c in part(data, "word/comments.xml").iter(W + "comment")
    }
    out = {}
    for start in part(data, "word/document.xml").iter(W + "commentRangeStart"):
        p = next(a for a in start.iterancestors() if a.tag == W + "p")
        out[texts[start.get(W + "id")]] = "".join(t.text or "" for t in p.iter(W + "t"))
    return out


def test_a_comment_has_its_anchor_author_time_and_is_open_until_resolved(
    db: Database, meeting_id: int
) -> None:
    item = SAMPLE.agenda[0].id
    made = review.add_comment(db, meeting_id, f"item:{item}", "時間請改為下午 3 時")
    assert (made.anchor, made.author, made.resolved) == (f"item:{item}", os_user(), False)
    case = review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "名稱請與提案單一致", author="王科長")
    assert [c.id for c in review.comments_of(db, meeting_id)] == [made.id, case.id]
    done = review.resolve_comment(db, meeting_id, case.id)
    assert done.resolved and done.resolved_by == os_user()
    assert [c.resolved for c in review.comments_of(db, meeting_id)] == [False, True]
    actions = [e.action for e in audit_log(db, meeting_id)]
    assert actions[-2:] == ["add_comment", "resolve_comment"]


@pytest.mark.parametrize(
    ("anchor", "words"),
    [("item:nowhere", "沒有代號為 nowhere 的議程項目"), ("case:x9", "沒有代號為 x9 的案件"),
     ("para:0", "紀錄只有第 1 到第"), ("page 3", "批註的位置要寫成")],
)
def test_a_comment_on_nothing_is_refused_in_words(
    db: Database, meeting_id: int, anchor: str, words: str
) -> None:
    with pytest.raises(UserError, match=words):
        review.add_comment(db, meeting_id, anchor, "x")
    assert review.comments_of(db, meeting_id) == []


def test_an_approved_meeting_takes_comments_and_stays_locked(db: Database, meeting_id: int) -> None:
    approved(db, meeting_id)
    made = review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "核定後仍請查明")
    review.resolve_comment(db, meeting_id, made.id)
    assert review.comments_of(db, meeting_id)[0].resolved
    with pytest.raises(review.MeetingLocked):
        MeetingSession(db, meeting_id).set_case_decision(FIRST_CASE, CaseDecision.REJECT)


def test_comments_are_listed_by_the_version_current_when_they_were_made(
    db: Database, meeting_id: int
) -> None:
    early = review.add_comment(db, meeting_id, "para:2", "標題")  # before any version
    review.new_version(db, meeting_id)
    first = review.add_comment(db, meeting_id, "para:3", "初稿的意見")
    review.new_version(db, meeting_id)
    second = review.add_comment(db, meeting_id, "para:3", "修正稿的意見")
    assert early.version is None
    assert [c.id for c in review.comments_of(db, meeting_id, 1)] == [first.id]
    assert [c.id for c in review.comments_of(db, meeting_id, 2)] == [second.id]
    with pytest.raises(UserError, match="沒有第 5 版"):
        review.comments_of(db, meeting_id, 5)


def test_comments_survive_a_handover_round_trip_once_and_resolution_comes_back(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    ours = review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "請秘書處確認")
    sent = review.handover_to(db, meeting_id, tmp_path / "交接.mrec")
    with Database.open(tmp_path / "secretariat" / "meetings.sqlite3") as theirs:
        took = review.import_file(theirs, sent)
        their_id = took.meeting_id
        assert "1 則新批註" in took.message
        [there] = review.comments_of(theirs, their_id)
        assert (there.uuid, there.anchor, there.text, there.author, there.at) == (
            ours.uuid, ours.anchor, ours.text, ours.author, ours.at)
        assert review.import_file(theirs, sent).message.endswith("沒有變更")  # again: nothing twice
        assert len(review.comments_of(theirs, their_id)) == 1
        review.resolve_comment(theirs, their_id, there.id, by="秘書處")
        review.add_comment(theirs, their_id, "para:2", "標題無誤")
        back = review.handover_to(theirs, their_id, tmp_path / "回覆.mrec")
    returned = review.import_file(db, back)
    assert "新增 1 則批註" in returned.message
    mine = review.comments_of(db, meeting_id)
    assert [(c.text, c.resolved, c.resolved_by) for c in mine] == [
        ("請秘書處確認", True, "秘書處"), ("標題無誤", False, "")]
    assert len(list_meetings(db)) == 1
    review.import_file(db, back)
    assert len(review.comments_of(db, meeting_id)) == 2


def test_a_locked_meeting_takes_comments_from_a_handover(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    approved(db, meeting_id)
    sent = review.handover_to(db, meeting_id, tmp_path / "交接.mrec")
    with Database.open(tmp_path / "secretariat" / "meetings.sqlite3") as theirs:
        their_id = review.import_file(theirs, sent).meeting_id
        review.add_comment(theirs, their_id, f"case:{FIRST_CASE}", "下次會議再議")
        back = review.handover_to(theirs, their_id, tmp_path / "回覆.mrec")
    review.import_file(db, back)
    assert [c.text for c in review.comments_of(db, meeting_id)] == ["下次會議再議"]


def test_open_comments_are_word_comments_on_their_paragraphs(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    review.new_version(db, meeting_id)
    MeetingSession(db, meeting_id).set_case_decision(FIRST_CASE, CaseDecision.REJECT)
    review.new_version(db, meeting_id)
    review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "不同意的理由請補充")
    title = review.add_comment(db, meeting_id, "para:2", "已解決的不帶")
    review.resolve_comment(db, meeting_id, title.id)
    compared = review.compare_versions(db, meeting_id, 1, 2)
    redline = review.comparison_files(compared, ["docx"])["docx"]
    found = commented(redline)
    assert list(found) == ["不同意的理由請補充"]
    assert f"「{FIRST_CASE_TITLE}」" in found["不同意的理由請補充"]  # the sentence naming the case
    comment = next(part(redline, "word/comments.xml").iter(W + "comment"))
    assert comment.get(W + "author") == os_user()
    # The plain Word export of the working draft carries them too …
    review.export(db, meeting_id, {"docx": tmp_path / "draft.docx"})
    assert list(commented((tmp_path / "draft.docx").read_bytes())) == ["不同意的理由請補充"]


def test_an_approved_final_is_exported_without_comments(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "意見")
    number = approved(db, meeting_id)
    targets = {"docx": tmp_path / "final.docx", "odt": tmp_path / "final.odt"}
    review.export(db, meeting_id, targets, version=number)
    with zipfile.ZipFile(tmp_path / "final.docx") as z:
        assert "word/comments.xml" not in z.namelist() or b"<w:comment " not in z.read("word/comments.xml")
    assert annotated((tmp_path / "final.odt").read_bytes()) == {}


OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"


def annotated(data: bytes) -> dict[str, tuple[str, str, str]]:
    """Each ODF annotation's text → (author, date, the text of the paragraph it is in)."""
    out = {}
    for note in part(data, "content.xml").iter(OFFICE + "annotation"):
        p = note.getparent()
        said = "\n".join("".join(x.itertext()) for x in note.iter(TEXT + "p"))
        own = "".join(p.itertext()).replace("".join(note.itertext()), "")
        out[said] = (note.findtext(DC + "creator"), note.findtext(DC + "date"), own)
    return out


@pytest.fixture
def taipei(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The clock of a PC in Taiwan (this machine's is UTC, where local and UTC look alike)."""
    import time

    monkeypatch.setenv("TZ", "Asia/Taipei")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_open_comments_are_odf_annotations_too_dated_when_they_were_made(
    db: Database, meeting_id: int, tmp_path: Path, taipei: None
) -> None:
    """An agency reviewing the ODF draft in LibreOffice sees the comments in the margin as Word
    shows its own; both carry the time the comment was made, not the time of the export, on
    the local clock: Word shows w:date as written (local time with a Z, as Word writes it), so
    a true UTC time read 8 hours early in Taipei."""
    made = review.add_comment(db, meeting_id, f"case:{FIRST_CASE}", "牌面尺寸請補充\n並附示意圖", "秘書處")
    review.add_comment(db, meeting_id, "item:work-report", "第三點請核對")
    gone = review.add_comment(db, meeting_id, "para:2", "已解決的不帶")
    review.resolve_comment(db, meeting_id, gone.id)
    targets = {"odt": tmp_path / "draft.odt", "docx": tmp_path / "draft.docx"}
    review.export(db, meeting_id, targets)
    found = annotated(targets["odt"].read_bytes())
    assert set(found) == {"牌面尺寸請補充\n並附示意圖", "第三點請核對"}
    author, date, paragraph = found["牌面尺寸請補充\n並附示意圖"]
    assert author == "秘書處" and f"「{FIRST_CASE_TITLE}」" in paragraph
    taipei_clock = (made.at + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%S")
    assert date == taipei_clock  # local, as LibreOffice writes it
    assert "幕僚單位及議題小組工作報告" in found["第三點請核對"][2]
    word = {c.findtext(f"{W}p/{W}r/{W}t"): c.get(W + "date") for c in
            part(targets["docx"].read_bytes(), "word/comments.xml").iter(W + "comment")}
    assert word["第三點請核對"] is not None
    assert taipei_clock + "Z" in word.values()


def test_a_control_character_in_a_handed_comment_does_not_stop_the_odf_export() -> None:
    """Comments from a hand-over file are stored as they came; the ODF writer cleans them as the
    Word writer does (a raw \\x01 made the XML unparsable, and so the whole export fail)."""
    from recorder_app.core.compose import compose
    from recorder_app.export.docx_export import WordComment
    from recorder_app.export.odt_export import odt_bytes

    data = odt_bytes(compose(SAMPLE), [WordComment(1, "請\x01確認", "秘書\x02處")])
    [(said, (author, _date, _p))] = annotated(data).items()
    assert (said, author) == ("請確認", "秘書處")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "recorder_app", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_the_comment_commands_as_the_issue_names_them(template: Path, tmp_path: Path) -> None:
    path = copy_of(template, tmp_path / "db")
    made = cli("comment", "--meeting", "1", "--on", f"case:{FIRST_CASE}", "--text", "請確認", "--db", path)
    assert made.returncode == 0, made.stderr
    listed = cli("comments", "--meeting", "1", "--db", path)
    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    number, anchor, author, when, state, text = line.split("\t")
    assert (number, anchor, author, state, text) == (made.stdout.strip(), f"case:{FIRST_CASE}", os_user(),
                                                     "未解決", "請確認")
    assert len(when) == len("2026-12-01 14:00")
    assert cli("resolve", "--meeting", "1", "--comment", number, "--db", path).returncode == 0
    assert "已解決" in cli("comments", "--meeting", "1", "--db", path).stdout
    bad = cli("comment", "--meeting", "1", "--on", "case:none", "--text", "x", "--db", path)
    assert bad.returncode == 1 and "沒有代號為 none 的案件" in bad.stderr and "Traceback" not in bad.stderr


def test_export_leaves_the_comments_out_when_told(template: Path, tmp_path: Path) -> None:
    """A draft sent out officially: `export --no-comments` (the window's 附上…批註 unticked)."""
    path = copy_of(template, tmp_path / "db")
    assert cli("comment", "--meeting", "1", "--on", f"case:{FIRST_CASE}", "--text", "請確認",
               "--db", path).returncode == 0
    for flags, expected in (((), {"請確認"}), (("--no-comments",), set())):
        out = tmp_path / f"draft{len(flags)}.odt"
        done = cli("export", "--meeting", "1", "--odt", out, *flags, "--db", path)
        assert done.returncode == 0, done.stderr
        assert set(annotated(out.read_bytes())) == expected


def test_comments_on_an_item_and_a_point_land_on_their_paragraphs(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    session = MeetingSession(db, meeting_id)
    report = next(i for i in session.meeting.walk() if i.kind == "report")
    points = [Point(id="b1", text="甲案辦理情形"), Point(id="b2", text="乙案辦理情形")]
    session.set_item_fields(report.id, body=points)
    review.add_comment(db, meeting_id, f"point:{report.id}/b2", "乙案請補日期")
    review.add_comment(db, meeting_id, f"item:{report.id}", "報告事項請合併")
    with pytest.raises(UserError, match="沒有代號為 b9 的要點"):
        review.add_comment(db, meeting_id, f"point:{report.id}/b9", "x")
    review.export(db, meeting_id, {"docx": tmp_path / "draft.docx"})
    found = commented((tmp_path / "draft.docx").read_bytes())
    assert found["乙案請補日期"].endswith("乙案辦理情形")
    assert report.title in found["報告事項請合併"] and "辦理情形" not in found["報告事項請合併"]
