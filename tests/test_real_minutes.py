"""Four real minutes of the Taipei Urban Planning Commission (臺北市都市計畫委員會), made from data.

tests/data/real-minutes/tpupNNN.json holds each meeting as a recorder would have entered it:
people, attendance, items and their points, with no number and no label typed (numbers come
from a point's depth and the style's ladder, labels from the style). Exported to Word, every
paragraph must read as the published minutes do (tests/data/reference/real-minutes/, one
paragraph a line) once white space is removed and full/half width folded (NFKC).

Where the original contradicts itself the program writes the one consistent form instead,
and ``INCONSISTENT`` lists each such paragraph: its line in the canonical text, what the
original has there, what the program writes, and why. The list is exact: every paragraph
that differs from the original in anything but white space is on it — bracket widths too,
which the folded comparison would not notice — and every entry changes its line. Spacing
is not listed: 560's `本 會：` and `楊 綱`, 599's `討論事項 一` and the space after 一、 are
white space, and the program writes 本會, 楊綱, 討論事項一 and a tab after the number.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import docx
import pytest
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from recorder_app import styles
from recorder_app.core.attendance import attendee_text
from recorder_app.core.compose import compose, title
from recorder_app.core.document import Line, Role, lines
from recorder_app.core.interchange import load
from recorder_app.core.model import Meeting
from recorder_app.core.style import Style
from recorder_app.export import layout
from recorder_app.export.docx_export import docx_bytes
from recorder_app.export.layout import CHAR, TEXT_WIDTH, width
from tests.reference import docx_paragraphs

DATA = Path(__file__).resolve().parent / "data"
MEETINGS = ("tpup505", "tpup520", "tpup560", "tpup599")


class Fix(NamedTuple):
    """Line *line* of a meeting's canonical text reads *new* where the original has *old*."""

    meeting: str
    line: int
    old: str
    new: str
    reason: str


SEPARATOR = "names are separated by a space, as in 出席委員 and 本會 of these minutes and all of 505"
STAND_IN = "a stand-in is bracketed （王大鈞代） as the first is; four open with a half-width ("
BRACKETS = "the style's brackets are full-width, as in （星期四）, （一） and （17 時 50 分） here"
LEVEL_4 = "the fourth level is 1. as in 23 of these minutes' 34 such points; two runs of them write 1、"
NUMBERING = "points are numbered from one: the original starts this item's points at the wrong number"
THREE = "叁 and 參 are the same numeral three: 參 as the minutes write it for 散會"
FOURTH = "叁 and 參 are both three: 散會 is the fourth heading after 叁、討論事項"

INCONSISTENT = (
    Fix("tpup520", 6, "于顧問淑婷、李顧問永展", "于顧問淑婷 李顧問永展", SEPARATOR),
    Fix("tpup520", 8, "王志豪、吳俊賢", "王志豪 吳俊賢", SEPARATOR),
    Fix("tpup520", 17, "張淑娟、陳文粹", "張淑娟 陳文粹", SEPARATOR),
    Fix(
        "tpup560",
        5,
        "黃委員榮峰(張杏端代) 林委員志盈(王聲威代) 林委員聖忠(鍾弘遠代） 莊委員武雄(陳川青代）",
        "黃委員榮峰（張杏端代） 林委員志盈（王聲威代） 林委員聖忠（鍾弘遠代） 莊委員武雄（陳川青代）",
        STAND_IN,
    ),
    Fix("tpup599", 7, "上(598)次", "上（598）次", BRACKETS),
    Fix("tpup599", 39, "1、", "1.", LEVEL_4),
    Fix("tpup599", 40, "2、", "2.", LEVEL_4),
    Fix("tpup599", 41, "3、", "3.", LEVEL_4),
    Fix("tpup599", 42, "4、", "4.", LEVEL_4),
    Fix("tpup599", 75, "叁、", "參、", THREE),
    Fix("tpup599", 99, "1、", "1.", LEVEL_4),
    Fix("tpup599", 100, "2、", "2.", LEVEL_4),
    Fix("tpup599", 101, "3、", "3.", LEVEL_4),
    Fix("tpup599", 102, "4、", "4.", LEVEL_4),
    Fix("tpup599", 103, "5、", "5.", LEVEL_4),
    Fix("tpup599", 104, "6、", "6.", LEVEL_4),
    Fix("tpup599", 105, "7、", "7.", LEVEL_4),
    Fix("tpup599", 117, "(一)", "（一）", BRACKETS),
    Fix("tpup599", 118, "(二)", "（二）", BRACKETS),
    Fix("tpup599", 119, "(三)", "（三）", BRACKETS),
    Fix("tpup599", 202, "四、", "一、", NUMBERING),
    Fix("tpup599", 203, "五、", "二、", NUMBERING),
    Fix("tpup599", 204, "六、", "三、", NUMBERING),
    Fix("tpup599", 229, "七、", "一、", NUMBERING),
    Fix("tpup599", 230, "八、", "二、", NUMBERING),
    Fix("tpup599", 231, "九、", "三、", NUMBERING),
    Fix("tpup599", 276, "(一)", "（一）", BRACKETS),
    Fix("tpup599", 277, "(二)", "（二）", BRACKETS),
    Fix("tpup599", 278, "(三)", "（三）", BRACKETS),
    Fix("tpup599", 299, "參、散會", "肆、散會", FOURTH),
)


def folded(text: str) -> str:
    """The comparison: white space removed, full and half width folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


def meeting_file(name: str) -> Path:
    return DATA / "real-minutes" / f"{name}.json"


@cache
def meeting(name: str) -> Meeting:
    return load(meeting_file(name), styles.resolve)


@cache
def exported(name: str) -> tuple[str, ...]:
    return tuple(docx_paragraphs(docx_bytes(compose(meeting(name)))))


def canonical(name: str) -> list[str]:
    path = DATA / "reference" / "real-minutes" / f"{name}.canonical.txt"
    return path.read_text("utf-8").splitlines()


def expected(name: str) -> list[str]:
    """The canonical text with the listed paragraphs in their consistent form."""
    lines = canonical(name)
    for fix in INCONSISTENT:
        if fix.meeting == name:
            assert fix.old in lines[fix.line - 1], fix
            lines[fix.line - 1] = lines[fix.line - 1].replace(fix.old, fix.new, 1)
    return lines


def differences(name: str, norm: Callable[[str], str]) -> list[tuple[int, str, str]]:
    want, got = expected(name), exported(name)
    assert len(got) == len(want), f"{name}: {len(got)} paragraphs written, {len(want)} in the minutes"
    return [(n, w, g) for n, (w, g) in enumerate(zip(want, got, strict=True), 1) if norm(w) != norm(g)]


@pytest.mark.parametrize("name", MEETINGS)
def test_every_paragraph_reads_as_the_minutes(name: str) -> None:
    """Each paragraph equals the original's after white space and width are normalised."""
    assert differences(name, folded) == []


@pytest.mark.parametrize("name", MEETINGS)
def test_every_difference_from_the_original_is_listed(name: str) -> None:
    """With widths kept, the listed paragraphs are still the only ones that differ."""
    assert differences(name, spaceless) == []


def test_every_listed_paragraph_changes_its_line_and_says_why() -> None:
    for fix in INCONSISTENT:
        line = canonical(fix.meeting)[fix.line - 1]
        assert fix.old in line and fix.old != fix.new and fix.reason, fix
    assert len({(f.meeting, f.line) for f in INCONSISTENT}) == len(INCONSISTENT)


@pytest.mark.parametrize("name", MEETINGS)
def test_the_title_is_exactly_the_minutes_title(name: str) -> None:
    """台北市 in 505 and 520, as the body wrote its name then; 第五○五次 with ○ (U+25CB)."""
    written = canonical(name)[0]
    assert title(meeting(name)) == written
    assert exported(name)[0] == written


def test_the_titles() -> None:
    assert [title(meeting(n)) for n in MEETINGS] == [
        "台北市都市計畫委員會第五○五次委員會議會議紀錄",
        "台北市都市計畫委員會第五二○次委員會議會議紀錄",
        "臺北市都市計畫委員會第 560 次委員會議紀錄",
        "臺北市都市計畫委員會第 599 次委員會議紀錄",
    ]


# --- the files hold data, not printed text ------------------------------------------------------

_NUMERAL = "一二三四五六七八九十百"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
ENUMERATOR = re.compile(
    rf"""^\s*(
        [壹貳參叁肆伍陸柒捌玖拾佰]+\s*、          # 壹、
      | [{_NUMERAL}]+\s*、                          # 一、
      | [(（]\s*[{_NUMERAL}{_STEMS}0-9]+\s*[)）]    # (一) （一） (1) (甲)
      | [0-9]+\s*[.．、)）](?![0-9])                # 1. 1、 1) — not 98.5.18
      | [0-9]+\s+\S                                 # 1 請發展局… (520's fourth level)
      | [{_STEMS}]\s*、                             # 甲、
    )""",
    re.VERBOSE,
)


def _labels(style: Style) -> set[str]:
    h, d, r = style.header, style.discussion, style.report
    return {
        h.time, h.place, h.chair, h.co_chairs, h.recorder,
        d.title, d.explanation, d.proposal, d.resolution, d.rider, d.vote,
        r.title, r.body, r.decision,
        *(g.label for g in style.attendance),
    } - {""}


def _headings(style: Style) -> list[str]:
    return [h.format(n="") for h in (style.discussion.heading, style.report.heading) if h]


def labelled(names: list[str]) -> re.Pattern[str]:
    """A text that starts with a label (案名：) or is a heading (討論事項一) of any style."""
    found: set[str] = set()
    headings: set[str] = set()
    every = [styles.load(s.key) for s in styles.available()] + [meeting(n).style for n in names]
    for style in every:
        found |= _labels(style)
        headings.update(_headings(style))
    label = "|".join(re.escape(x) for x in sorted(found, key=len, reverse=True))
    heading = "|".join(re.escape(x) for x in sorted(headings))
    return re.compile(rf"^\s*(({label})\s*[：:]|({heading})\s*[{_NUMERAL}]+\s*$)")


def strings(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every string value in a JSON document."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, v in value.items():
            yield from strings(v, f"{where}.{key}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{where}[{i}]")


def test_no_string_in_the_files_starts_with_a_number_or_a_label() -> None:
    """Numbers come from depth and the style, labels from the style: none is typed."""
    pattern = labelled(list(MEETINGS))
    typed = [
        (name, where, text)
        for name in MEETINGS
        for where, text in strings(json.loads(meeting_file(name).read_text("utf-8")))
        if ENUMERATOR.match(text) or pattern.match(text)
    ]
    assert typed == []


@pytest.mark.parametrize(
    "text",
    ["一、本件", "(一)發展局", "（十一）本案", "1.建築物", "1、街廓", "1 請發展局", "壹、宣讀", "甲、某",
     "案名：修訂", "說明：", "決議：本案", "案情概要說明：", "記錄：張技士蓉真", "出席委員：", "討論事項一"],
)
def test_the_check_would_see_a_typed_number_or_label(text: str) -> None:
    assert ENUMERATOR.match(text) or labelled(list(MEETINGS)).match(text)


@pytest.mark.parametrize(
    "text", ["98.5.18 專案小組審查意見：", "討論事項一「變更…」", "法令依據：都市計畫法", "2002-12-11"]
)
def test_the_check_lets_data_through(text: str) -> None:
    assert not (ENUMERATOR.match(text) or labelled(list(MEETINGS)).match(text))


# --- the page: hanging indents at every depth, lists of names ---------------------------------

STEP = Pt(28)  # one ladder step: 2 characters of 14 pt
SLACK = Twips(layout.SLACK)  # half a point between a number and its text column


def _pairs(name: str) -> list[tuple[Paragraph, Line]]:
    document = docx.Document(io.BytesIO(docx_bytes(compose(meeting(name)))))
    return list(zip(document.paragraphs[1:], lines(compose(meeting(name))), strict=True))


def test_599s_points_hang_one_step_deeper_at_each_level() -> None:
    """壹、 一、 （一） 1.: each level's number starts under the text of the level above, and its
    wrapped lines hang at its own text column; an unnumbered paragraph under a point (（四）獎勵
    額度上限 / 本計畫區維持原計畫…) starts at that point's text column. （一） is 3 字 wide, so
    1. starts one character further in than on the platform's page."""
    number_column: dict[int, int] = {}
    text_column: dict[int, int] = {}
    unnumbered: dict[int, set[int]] = {}
    for p, line in _pairs("tpup599"):
        fmt = p.paragraph_format
        if line.number:
            start = fmt.left_indent + fmt.first_line_indent
            assert number_column.setdefault(line.level, start) == start, line  # siblings align
            if line.number in ("壹、", "一、", "（一）", "1."):
                text_column.setdefault(line.level, fmt.left_indent)
            assert fmt.tab_stops[0].position == fmt.left_indent  # the TAB lands on the text column
        elif line.role is Role.BODY:
            unnumbered.setdefault(line.level, set()).add(fmt.left_indent or 0)
    assert sorted(number_column) == [1, 2, 3, 4]
    assert number_column[1] == 0
    for level in (2, 3, 4):
        assert text_column[level - 1] - number_column[level] == SLACK
    assert text_column[3] - number_column[3] == Pt(3 * 14) + SLACK  # （一）: 3 字
    assert text_column[4] - number_column[4] == STEP + SLACK
    assert unnumbered[4] == {number_column[4]}  # under （四）, at its text


def test_prose_under_a_label_indents_its_first_line() -> None:
    """決議： alone, then its one long paragraph, set as prose (討論事項二 of 599)."""
    pairs = _pairs("tpup599")
    at = next(i for i, (p, _) in enumerate(pairs) if p.text.startswith("本案係配合市府重大政策"))
    label, prose = pairs[at - 1], pairs[at]
    assert label[0].text == "決議：" and label[0].paragraph_format.keep_with_next
    assert prose[1].role is Role.REMARK
    assert prose[0].paragraph_format.first_line_indent == STEP


def test_a_long_list_of_names_hangs_after_its_label_and_breaks_between_names() -> None:
    """560's 出席委員 wraps under the first name, as the original does, and no name is torn."""
    p = next(p for p, line in _pairs("tpup560") if line.label == "出席委員：")
    fmt = p.paragraph_format
    assert fmt.left_indent == Pt(5 * 14) and fmt.first_line_indent == -Pt(5 * 14)
    rows = p.text.removeprefix("出席委員：").split("\n")
    assert len(rows) > 2
    m = meeting("tpup560")
    names = [attendee_text(m, a) for a in m.attendees if a.category == "出席"]
    assert [n for row in rows for n in row.split(" ")] == names
    room = (TEXT_WIDTH - Pt(5 * 14).twips) / CHAR
    assert all(width(row) <= room for row in rows)
