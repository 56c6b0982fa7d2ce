"""The secretariat's review, part 2: comparing two versions (Word tracked changes, the changed
decisions' sheet, the text diff).

The Word file is read back as XML: what ``w:del`` / ``w:ins`` hold, and the text a reader gets
by accepting (or rejecting) every change, paragraph by paragraph, is computed here from the
XML alone and set against the plain Word export of the version.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from recorder_app import review
from recorder_app.core import compare
from recorder_app.core.compose import compose
from recorder_app.core.model import CaseDecision, Point, Speech
from recorder_app.export.docx_export import docx_bytes
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from tests.test_review import FIRST_CASE, ROOT, SAMPLE, copy_of, db, meeting_id, template  # noqa: F401

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPEECH_BEFORE = "基隆有深厚的文化歷史底蘊"
SPEECH_AFTER = "基隆有悠久的文化歷史底蘊"


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _inside(el: etree._Element, tag: str) -> bool:
    return any(a.tag == W + tag for a in el.iterancestors())


def _mark(p: etree._Element, tag: str) -> bool:
    return p.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None


def resolved(data: bytes, accept: bool) -> list[str]:
    """The paragraphs' text once every change is accepted (or rejected), as Word does it:
    the dropped side's runs go, and a paragraph whose mark goes joins the next one."""
    drop = "del" if accept else "ins"
    out: list[str] = []
    carry = ""
    for p in document_xml(data).iter(W + "p"):
        if p.getparent().tag != W + "body":
            continue
        text = carry
        for el in p.iter(W + "t", W + "delText", W + "tab", W + "br"):
            if _inside(el, drop) or el.getparent().tag != W + "r":  # not pPr's tab stops
                continue
            text += {W + "tab": "\t", W + "br": "\n"}.get(el.tag) or el.text or ""
        if _mark(p, drop):
            carry = text
            continue
        carry = ""
        out.append(text)
    return out


def tracked(data: bytes, tag: str) -> list[str]:
    """The text each w:ins / w:del around runs holds, in order (not the paragraph marks')."""
    text = "t" if tag == "ins" else "delText"
    return ["".join(t.text or "" for t in el.iter(W + text)) for el in document_xml(data).iter(W + tag)
            if el.getparent().tag == W + "p"]


def plain(data: bytes) -> list[str]:
    return resolved(data, accept=True)


def speech_changed(db: Database, meeting_id: int) -> None:
    session = MeetingSession(db, meeting_id)
    item = next(i for i in session.meeting.walk() if i.kind == "conclusions")
    speeches = [s.model_copy(deep=True) for s in item.speeches]  # type: ignore[attr-defined]
    first = speeches[0].points[0]
    assert first.startswith(SPEECH_BEFORE)
    speeches[0] = Speech(speaker=speeches[0].speaker, points=[SPEECH_AFTER + first[len(SPEECH_BEFORE):],
                                                              *speeches[0].points[1:]])
    session.set_speeches(item.id, speeches)


def two_versions(db: Database, meeting_id: int) -> review.Compared:
    """Version 1 as recorded; version 2 with a speech and a case decision changed."""
    review.new_version(db, meeting_id)
    speech_changed(db, meeting_id)
    MeetingSession(db, meeting_id).set_case_decision(FIRST_CASE, CaseDecision.REJECT)
    review.new_version(db, meeting_id)
    return review.compare_versions(db, meeting_id, 1, 2)


def redline(compared: review.Compared) -> bytes:
    return review.comparison_files(compared, ["docx"])["docx"]


def test_a_changed_speech_and_decision_are_tracked_by_character_in_the_word_file(
    db: Database, meeting_id: int
) -> None:
    compared = two_versions(db, meeting_id)
    data = redline(compared)
    deleted, inserted = tracked(data, "del"), tracked(data, "ins")
    # The speech: one word, not the paragraph (diff by character, then the semantic cleanup).
    assert "深厚" in deleted and "悠久" in inserted
    # The decision moved a case out of 同意新增 into a new 不同意新增 line.
    assert any("跨市設置通勤綠廊標誌牌面" in d for d in deleted)
    assert any("不同意新增 1 案" in i for i in inserted)
    for el in document_xml(data).iter(W + "ins", W + "del"):
        assert el.get(W + "author") == compared.new.os_user and el.get(W + "date", "").endswith("Z")
    ids = [el.get(W + "id") for el in document_xml(data).iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids))


def test_accepting_every_change_gives_the_newer_minutes_and_rejecting_gives_the_older(
    db: Database, meeting_id: int
) -> None:
    compared = two_versions(db, meeting_id)
    data = redline(compared)
    newer = plain(docx_bytes(compose(compared.new_meeting)))
    older = plain(docx_bytes(compose(compared.old_meeting)))
    assert newer != older
    assert resolved(data, accept=True) == newer
    # The decision added a 不同意新增 line, so the line after it is numbered as the newer
    # numbers it (numbers are never tracked): rejecting gives the older text, number aside.
    assert unnumbered(resolved(data, accept=False)) == unnumbered(older)
    assert resolved(data, accept=False) != older


def unnumbered(texts: list[str]) -> list[str]:
    """Each paragraph without its number (what comes before the number's tab)."""
    return [t.split("\t", 1)[1] if "\t" in t else t for t in texts]


def test_an_unchanged_pair_gives_no_tracked_change(db: Database, meeting_id: int) -> None:
    review.new_version(db, meeting_id)
    review.new_version(db, meeting_id, note="sent round again")
    compared = review.compare_versions(db, meeting_id, 1, 2)
    assert compared.comparison.same
    data = redline(compared)
    assert tracked(data, "ins") == [] and tracked(data, "del") == []
    assert plain(data) == plain(docx_bytes(compose(compared.new_meeting)))
    assert "沒有差異" in compared.text()


def with_points(db: Database, meeting_id: int, texts: list[str]) -> None:
    session = MeetingSession(db, meeting_id)
    item = next(i for i in session.meeting.walk() if i.kind == "report")
    session.set_item_fields(item.id, body=[Point(id=f"p{ord(t[0])}", text=t) for t in texts])


def test_a_point_inserted_at_the_top_renumbers_the_others_without_marking_them(
    db: Database, meeting_id: int
) -> None:
    following = ["甲案辦理情形", "乙案辦理情形", "丙案辦理情形"]
    with_points(db, meeting_id, following)
    review.new_version(db, meeting_id)
    with_points(db, meeting_id, ["新增之辦理情形", *following])
    review.new_version(db, meeting_id)
    compared = review.compare_versions(db, meeting_id, 1, 2)
    changes = compared.comparison.changes
    assert [c.kind for c in changes] == [compare.Kind.INSERTED]
    assert compared.comparison.new[changes[0].new].text == "新增之辦理情形"  # type: ignore[index]
    # The numbers did shift (一 → 二 …): they are not what is compared.
    old_numbers = {p.text: p.number for p in compared.comparison.old if p.text in following}
    new_numbers = {p.text: p.number for p in compared.comparison.new if p.text in following}
    assert old_numbers != new_numbers and set(old_numbers) == set(following)
    data = redline(compared)
    [inserted] = tracked(data, "ins")  # the new paragraph, its number with it; nothing else
    assert inserted.endswith("新增之辦理情形")
    assert tracked(data, "del") == []
    assert resolved(data, accept=True) == plain(docx_bytes(compose(compared.new_meeting)))


def test_a_point_removed_in_the_middle_is_one_deleted_paragraph(db: Database, meeting_id: int) -> None:
    with_points(db, meeting_id, ["甲案辦理情形", "乙案辦理情形", "丙案辦理情形"])
    review.new_version(db, meeting_id)
    with_points(db, meeting_id, ["甲案辦理情形", "丙案辦理情形"])
    review.new_version(db, meeting_id)
    compared = review.compare_versions(db, meeting_id, 1, 2)
    assert [c.kind for c in compared.comparison.changes] == [compare.Kind.DELETED]
    data = redline(compared)
    assert len(tracked(data, "del")) == 1 and "乙案辦理情形" in tracked(data, "del")[0]
    assert resolved(data, accept=True) == plain(docx_bytes(compose(compared.new_meeting)))
    # What follows 乙 is numbered as the newer numbers it; the text is the older's.
    older = plain(docx_bytes(compose(compared.old_meeting)))
    assert unnumbered(resolved(data, accept=False)) == unnumbered(older)


def test_the_character_diff_is_cleaned_into_readable_spans() -> None:
    # Without the semantic cleanup the common 的 would split the change into fragments.
    old, new = "本案請交通局於下次會議報告辦理情形", "本案請工務局於三個月內提出具體的改善方案"
    diffs = compare.char_diff(old, new)
    changed = [t for op, t in diffs if op != compare.EQUAL]
    assert len(changed) <= 4
    assert "".join(t for op, t in diffs if op != compare.INSERT) == old
    assert "".join(t for op, t in diffs if op != compare.DELETE) == new


@pytest.mark.parametrize(
    ("old", "new", "gone", "came"),
    [
        ("同意解列 24 案、新增 12 案及確認執行中 51 案", "同意解列 24 案、新增 11 案及確認執行中 52 案",
         ["12", "51"], ["11", "52"]),
        ("新增 2 案", "新增 21 案", ["2"], ["21"]),
        ("第 105 次會議", "第 15 次會議", ["105"], ["15"]),
        ("出席 １２ 人", "出席 １３ 人", ["１２"], ["１３"]),
    ],
)
def test_a_changed_number_is_replaced_whole(old: str, new: str, gone: list[str], came: list[str]) -> None:
    """A tally read "12 → 11", not "1, then 2 → 1" (the cleanup keeps the digit both share)."""
    diffs = compare.char_diff(old, new)
    assert [t for op, t in diffs if op == compare.DELETE] == gone
    assert [t for op, t in diffs if op == compare.INSERT] == came
    assert "".join(t for op, t in diffs if op != compare.INSERT) == old
    assert "".join(t for op, t in diffs if op != compare.DELETE) == new


def test_changed_decisions_and_attendance_are_listed(db: Database, meeting_id: int) -> None:
    review.new_version(db, meeting_id)
    MeetingSession(db, meeting_id).set_case_decision(FIRST_CASE, CaseDecision.REJECT)
    review.new_version(db, meeting_id)
    compared = review.compare_versions(db, meeting_id, 1, 2)
    [case] = compared.comparison.cases
    assert (case.id, case.old_decision, case.new_decision) == (FIRST_CASE, "同意新增", "不同意新增")
    assert case.what == "決議變更"
    old, new = SAMPLE.model_copy(deep=True), SAMPLE.model_copy(deep=True)
    new.attendees = new.attendees[1:]
    if old.attendees:
        [gone] = compare.compare(old, new).attendance
        assert gone.removed and not gone.added


def test_the_changed_decisions_sheet_keeps_text_as_text(db: Database, meeting_id: int) -> None:
    from openpyxl import load_workbook

    compared = two_versions(db, meeting_id)
    data = review.comparison_files(compared, ["xlsx"])["xlsx"]
    ws = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [FIRST_CASE]
    assert rows[0][5:7] == ["同意新增", "不同意新增"]
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=3) for c in row if c.value is not None)


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "recorder_app", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_the_compare_command_as_the_issue_names_it(template: Path, tmp_path: Path) -> None:
    path = copy_of(template, tmp_path / "db")
    with Database.open(path) as database:
        two_versions(database, 1)
    shown = cli("compare", "--meeting", "1", "--from", "1", "--to", "2", "--db", path)
    assert shown.returncode == 0, shown.stderr
    assert "[-深厚-]{+悠久+}" in shown.stdout and FIRST_CASE in shown.stdout
    out = tmp_path / "out"
    out.mkdir()
    written = cli("compare", "--meeting", "1", "--from", "1", "--to", "2", "--db", path,
                  "--docx", out / "r.docx", "--xlsx", out / "r.xlsx", "--text", out / "r.txt")
    assert written.returncode == 0, written.stderr
    assert (out / "r.txt").read_text(encoding="utf-8") == shown.stdout
    assert "深厚" in tracked((out / "r.docx").read_bytes(), "del")
    assert zipfile.is_zipfile(out / "r.xlsx")
    missing = cli("compare", "--meeting", "1", "--from", "1", "--to", "9", "--db", path)
    assert missing.returncode == 1 and "沒有第 9 版" in missing.stderr and "Traceback" not in missing.stderr


def test_a_comparison_of_a_meeting_with_itself_is_empty() -> None:
    c = compare.compare(SAMPLE, SAMPLE.model_copy(deep=True))
    assert c.same and len(c.paragraphs) == len(c.old) == len(c.new)
