"""Hostile text from every door (the model, the recorder's actions, JSON import) ends in a stored,
exportable record or a specific message — never another exception, never half an import.

Property tests draw from the whole Unicode range (surrogates, non-characters, unassigned and
private-use code points included) mixed with the characters known to break Word, Excel and
terminals; 100,000-character strings and oversized or malformed files are checked one by one.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recorder_app.cli import main
from recorder_app.core.compose import compose
from recorder_app.core.errors import ImportRefused, UserError
from recorder_app.core.interchange import MAX_FILE_BYTES, dumps, loads
from recorder_app.core.model import MAX_TEXT, Meeting, Point
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.xlsx_export import MAX_CELL_UNITS, xlsx_bytes
from recorder_app.resources import sample_path
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, list_meetings, load_meeting
from recorder_app.storage.orm import Base
from tests.meetings import content

# Characters that have broken real programs: C0/C1 controls, XML-illegal non-characters, lone
# surrogates (from JSON "\ud800" escapes), bidirectional controls, BOM, line separators,
# formula triggers, astral and combining characters, a terminal escape.
NASTY = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1f", "\x7f", "\x85", "\x9f",
    "\ufffe", "\uffff", "\ufdd0", "\U0010ffff", "\U000e0001",
    "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d",
    "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u061c", "\ufeff", "\u200b", "\u200d",
    "\u2028", "\u2029", "\r", "\r\n", "\n", "\t", " ",
    "=", "+", "-", "@", "＝", "＋", "=SUM(A1:A9)", '=HYPERLINK("http://x","y")', "@cmd|' /C calc'!A0",
    "\U0001f600", "e\u0301", "𠀀", "臺", "&", "<w:p>", "]]>", '"', "\\",
]
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())  # all of Unicode, surrogates too
HOSTILE = st.lists(st.one_of(st.sampled_from(NASTY), ANY_CHARACTER), max_size=24).map("".join)
PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def small_meeting_data(text: str) -> dict[str, Any]:
    """A small meeting (every exported part: header, people, agenda kinds, a case register)
    as JSON-ready data, with *text* in every kind of text field."""
    literal = text.replace("{", "{{").replace("}", "}}")
    return {
        "body": text,
        "name": f"會議{text}",
        "date": "2024-07-11",
        "place": text,
        "recorder": text,
        "attendance_notes": {"出席": text},
        "attachment_label": text,
        "people": [{"key": "p", "surname": text or "王", "title": text, "organisation": text}],
        "chair": "p",
        "attendees": [
            {"person": "p", "stand_in": text, "mark": text},
            {"category": "列席", "name": text, "unit": text},
            {"category": f"出席顧問{text}", "name": text},
        ],
        # Braces in a style's patterns are placeholders ({n}); literal ones are doubled.
        "style": {"name": text, "title_suffix": text, "ladder": [literal + "{n}"], "page_number": literal},
        "agenda": [
            {"kind": "info", "id": "i", "title": text, "text": text},
            {
                "kind": "report", "id": "r", "title": text, "body": [text],
                "decision": "洽悉", "decision_points": [{"text": text, "children": [text]}],
            },
            {
                "kind": "section",
                "id": "s",
                "title": text,
                "text": text,
                "children": [
                    {
                        "kind": "discussion", "id": "d", "title": text, "explanation": [text, text],
                        "proposal": [text], "resolution": "照案通過", "resolution_points": [text],
                        "rider": [{"text": text, "numbered": False}], "note": text,
                    },
                    {"kind": "resolution", "id": "res", "title": text},
                ],
            },
            {"kind": "register", "id": "reg", "title": text},
            {
                "kind": "conclusions", "id": "c", "title": text,
                "speeches": [{"speaker": "p", "points": [text]}],
            },
        ],
        "groups": [
            {
                "name": f"組{text}",
                "cases": [
                    {"id": "k1", "title": text, "theme": text, "proposal": "提案新增", "decision": "同意新增",
                     "first_listed": text, "note": text},
                    {"id": "k2", "title": f"={text}", "note": f"+{text}"},
                ],
                "programmes": [{"id": "pg", "theme": text, "title": text}],
            }
        ],
    }


def assert_exportable(meeting: Meeting) -> None:
    """Word and Excel bytes are made without error, reopen, and Excel holds no formula."""
    document = docx.Document(io.BytesIO(docx_bytes(compose(meeting))))
    assert document.paragraphs
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(meeting)))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert len(cell.value.encode("utf-16-le")) // 2 <= MAX_CELL_UNITS


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with Database.open(tmp_path / "meetings.sqlite3") as database:
        yield database


# --- properties: every door ------------------------------------------------------------------


@PROPERTY
@given(text=HOSTILE)
def test_text_entering_through_the_model_is_stored_and_exported(db: Database, text: str) -> None:
    """Any text in any field of a Meeting is cleaned once: it validates, is stored, loads back
    equal, and exports to Word and Excel."""
    meeting = Meeting.model_validate(small_meeting_data(text))
    loaded = load_meeting(db, add_meeting(db, meeting))
    assert loaded == meeting
    assert_exportable(loaded)


@PROPERTY
@given(text=HOSTILE, other=HOSTILE)
def test_text_typed_or_pasted_into_the_recorder_is_stored_and_exported(
    db: Database, text: str, other: str
) -> None:
    """Any text typed or pasted into an item or the header either is saved (memory equals the
    file, both export) or is refused with a UserError — no other exception."""
    meeting_id = add_meeting(db, Meeting.model_validate(small_meeting_data("起")))
    s = MeetingSession(db, meeting_id)
    for action in (
        lambda: s.set_item_fields("i", title=text, text=other),
        lambda: s.set_item_fields("d", explanation=[text, other], proposal=[text]),
        lambda: s.set_item_fields("r", decision=None, decision_points=[Point(text=other, children=[text])]),
        lambda: s.set_header(place=text, recorder=other, body=other),
        lambda: s.set_speeches("c", []),
    ):
        with contextlib.suppress(UserError):  # a specific refusal is an allowed outcome
            action()
    assert load_meeting(db, meeting_id) == s.meeting
    assert_exportable(s.meeting)


@PROPERTY
@given(text=HOSTILE)
def test_text_entering_through_json_import_is_stored_and_exported(db: Database, text: str) -> None:
    """A meeting file with any text imports, stores and exports, whether written with \\u
    escapes or as raw UTF-8 (a lone surrogate then as raw bytes, which json decodes alike)."""
    document = {"format": "recorder-app.meeting", "version": 2, "meeting": small_meeting_data(text)}
    meeting = loads(json.dumps(document))
    stored = load_meeting(db, add_meeting(db, meeting))
    assert stored == meeting
    assert_exportable(stored)
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert content(loads(raw)) == content(meeting)  # a file without a uuid: a new identity


# --- 100,000-character strings ---------------------------------------------------------------


@pytest.mark.parametrize("nasty", ["臺", "\u202e", "\ud800字", "\x00\ufffe", "=1+1", "\U0001f600"])
def test_a_hundred_thousand_characters_are_stored_and_exported(db: Database, nasty: str) -> None:
    """A 100,000-character title or note (a whole PDF pasted in) is stored and exported: Word
    takes it whole, Excel cuts it at its cell limit with a visible marker, nothing raises."""
    long = (nasty * (100_000 // len(nasty) + 1))[:100_000]
    data = small_meeting_data("短")
    data["groups"][0]["cases"][0]["title"] = long
    data["agenda"][0]["text"] = long
    meeting = Meeting.model_validate(data)
    meeting_id = add_meeting(db, meeting)
    s = MeetingSession(db, meeting_id)
    s.set_item_fields("d", proposal=[long])
    s.set_header(place=long[:50_000])
    assert load_meeting(db, meeting_id) == s.meeting
    assert_exportable(s.meeting)


def test_text_over_the_limit_is_refused_in_words(db: Database) -> None:
    """Past MAX_TEXT a field is refused with its name, through every door."""
    too_long = "長" * (MAX_TEXT + 1)
    meeting_id = add_meeting(db, Meeting.model_validate(small_meeting_data("起")))
    s = MeetingSession(db, meeting_id)
    with pytest.raises(UserError, match="標題：太長"):
        s.set_item_fields("i", title=too_long)
    with pytest.raises(UserError, match=r"會議地點.*太長"):
        s.set_header(place=too_long)
    document = {"format": "recorder-app.meeting", "version": 1, "meeting": small_meeting_data("x")}
    document["meeting"]["groups"][0]["cases"][0]["note"] = too_long
    with pytest.raises(ImportRefused, match=r"的備註（meeting\.groups\[0\]\.cases\[0\]\.note）：太長"):
        loads(json.dumps(document))


# --- malformed and hostile files, through the command line and the database ------------------------


TABLES = tuple(Base.metadata.tables)  # every table the program keeps data in


def _rows(db_path: Path) -> dict[str, int]:
    with Database.open(db_path) as db, db.read() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in TABLES}


def _sample() -> dict[str, Any]:
    return json.loads(sample_path().read_text("utf-8"))


def _nested(depth: int) -> bytes:
    """The sample with *depth* sections nested in each other (written as text: json.dumps
    itself would exhaust the stack)."""
    head = '{"kind": "section", "id": "s%d", "title": "x", "children": ['
    nested = "".join(head % n for n in range(depth)) + "]}" * depth
    return _sample_bytes().replace(b'"agenda": [', f'"agenda": [{nested}, '.encode(), 1)


POEM = {"kind": "poem", "id": "x", "title": "x"}


def _edit(change: Any) -> bytes:
    raw = _sample()
    change(raw["meeting"])
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def _duplicate_case(m: dict[str, Any]) -> None:
    cases = m["groups"][0]["cases"]
    cases[1]["id"] = cases[0]["id"]


MALFORMED: list[tuple[str, Any, str]] = [
    ("wrong type", lambda: _edit(lambda m: m["groups"][2]["cases"][0].update(title=42)),
     "meeting.groups[2].cases[0].title"),
    ("wrong type deep", lambda: _edit(lambda m: m["agenda"][2]["children"][0].update(ticked_at="昨天")),
     "meeting.agenda[2].children[0].ticked_at"),
    ("list instead of text", lambda: _edit(lambda m: m.update(place=["a"])), "meeting.place"),
    ("missing field", lambda: _edit(lambda m: m.pop("date")), "meeting.date"),
    ("missing case title", lambda: _edit(lambda m: m["groups"][0]["cases"][5].pop("title")),
     "meeting.groups[0].cases[5].title"),
    ("unknown field", lambda: _edit(lambda m: m["people"][0].update(nickname="x")),
     "meeting.people[0].nickname"),
    ("unknown item kind", lambda: _edit(lambda m: m["agenda"].insert(0, POEM)), "meeting.agenda[0]"),
    ("duplicate case ids", lambda: _edit(_duplicate_case),
     "的案件代號（meeting.groups[0].cases[1].id）：g1-c01 重複"),
    ("duplicate item ids", lambda: _edit(lambda m: m["agenda"][1].update(id=m["agenda"][0]["id"])),
     "的代號（meeting.agenda[1].id）：opening 重複"),
    ("dangling person", lambda: _edit(lambda m: m.update(chair="ghost")),
     "主席（meeting.chair）：ghost 不在會議的人員名單中"),
    ("negative count", lambda: _edit(lambda m: m.update(ordinal=-3)), "meeting.ordinal"),
    ("5 MB string", lambda: _edit(lambda m: m.update(place="x" * 5_000_000)), "meeting.place"),
    ("50 MB string", lambda: _edit(lambda m: m.update(place="x" * 50_000_000)), "檔案過大"),
    ("deep nesting", lambda: _nested(3000), "巢狀"),
    ("not an object", lambda: b"[1, 2, 3]", "整份檔案：必須是物件"),
    ("not JSON", lambda: b'{"meeting": ', "不是有效的 JSON"),
    ("not UTF-8", lambda: _sample_bytes().replace("基隆".encode(), b"\xff\xfe", 1), "不是有效的 JSON"),
]


def _sample_bytes() -> bytes:
    return sample_path().read_bytes()


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database that already holds one meeting, so 'no new rows' is a real check."""
    path = tmp_path_factory.mktemp("populated") / "meetings.sqlite3"
    assert main(["import", str(sample_path()), "--db", str(path)]) == 0
    return path


@pytest.mark.parametrize(("name", "make", "fragment"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_refused_naming_the_field_and_nothing_is_imported(
    populated: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make: Any,
    fragment: str,
) -> None:
    """`recorder-app import` refuses the file in one line naming the bad field's path (or why
    the whole file is refused), exit status 1, and the database gains not one row."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(make())
    before = _rows(populated)
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(populated)]) == 1
    err = capsys.readouterr().err
    assert fragment in err, err[:300]
    assert len(err.strip().splitlines()) == 1 and len(err) < 1000
    assert _rows(populated) == before


def test_a_raw_lone_surrogate_in_a_file_is_cleaned_like_an_escaped_one(
    populated: Path, tmp_path: Path
) -> None:
    """A lone surrogate written raw (bytes ED A0 80, not a \\u escape) is decoded like the
    escape and removed by the model's cleaning: the meeting imports without it."""
    raw = _sample()
    raw["meeting"]["place"] = "基隆\ud800市"
    bad = tmp_path / "raw.json"
    bad.write_bytes(json.dumps(raw, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    assert b"\xed\xa0\x80" in bad.read_bytes()
    assert main(["import", str(bad), "--db", str(populated)]) == 0
    with Database.open(populated) as db:
        newest = max(m.id for m in list_meetings(db))
        assert load_meeting(db, newest).place == "基隆市"


def test_a_hostile_file_that_is_valid_imports_cleaned_and_exports(populated: Path, tmp_path: Path) -> None:
    """The same hostile characters inside a valid file are cleaned on import; the meeting
    exports through the command line to Word and Excel."""
    data = small_meeting_data("".join(NASTY) * 200)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"format": "recorder-app.meeting", "version": 1, "meeting": data}), "utf-8")
    assert main(["import", str(path), "--db", str(populated)]) == 0
    with Database.open(populated) as db:
        newest = max(m.id for m in list_meetings(db))
        meeting = load_meeting(db, newest)
    assert "\x00" not in meeting.place and "\ud800" not in meeting.place and "\u202e" in meeting.place
    out = tmp_path / "out"
    out.mkdir()
    args = ["export", "--db", str(populated), "--meeting", str(newest)]
    assert main([*args, "--docx", str(out / "m.docx"), "--xlsx", str(out / "m.xlsx")]) == 0
    assert_exportable(meeting)
    assert loads(dumps(meeting)) == meeting


def test_the_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A file over MAX_FILE_BYTES is refused from its size alone, naming the file."""
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ImportRefused, match="檔案過大"):
        from recorder_app.core.interchange import load

        load(big)


def test_dates_and_times_from_hostile_files_are_refused_not_crashed() -> None:
    """Impossible dates and times are refused with the field's path."""
    for field, value in [("date", "2024-02-30"), ("start_time", "25:00"), ("date", "113-07-11")]:
        document = {"format": "recorder-app.meeting", "version": 1, "meeting": small_meeting_data("x")}
        document["meeting"][field] = value
        with pytest.raises(ImportRefused, match=rf"（meeting\.{field}）："):
            loads(json.dumps(document))
