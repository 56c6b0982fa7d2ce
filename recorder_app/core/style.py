"""A house style (格式): how one body writes its minutes, as data.

Bodies write the same record differently: which header lines there are and what they are
called, whether they are numbered, how dates, times and ordinals are spelt, how attendance
is laid out, how an agenda item is headed and labelled, the numbering ladder, the page
number, the fonts. A ``Style`` says all of that; composition (``core.compose`` and the item
kinds) reads it and hard-codes none of it. Styles are TOML files (``core.styles`` finds and
reads them); a meeting keeps a copy of the style it was recorded with, so editing a style
file later changes no stored meeting until the clerk applies it.

Every field has a default: the 基北北桃合作交流平臺 reference minutes, so a style file says only
where its body differs.
"""

from __future__ import annotations

from string import Formatter
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from recorder_app.core.records import Line, Record
from recorder_app.core.text import clean_text

# Text kept exactly as written, spaces included: a joiner of one full-width space, a
# separator of one space, a ladder level "{n} " (1 請發展局…). Line would strip them.
Verbatim = Annotated[
    str,
    BeforeValidator(lambda v: clean_text(v) if isinstance(v, str) else v),
    StringConstraints(max_length=200),
]


def _pattern(*names: str) -> AfterValidator:
    """A text with {placeholders}: only *names* may appear, so formatting it cannot fail."""

    def check(text: str) -> str:
        try:
            found = [field for _, field, _, _ in Formatter().parse(text) if field is not None]
        except ValueError:  # a lone { or }
            raise PydanticCustomError("pattern_braces", "unbalanced braces") from None
        allowed = "、".join(f"{{{n}}}" for n in names) or "（無）"
        for field in found:
            if field not in names:
                raise PydanticCustomError(
                    "pattern_names", "unknown placeholder", {"allowed": allowed, "found": f"{{{field}}}"}
                )
        return text

    return AfterValidator(check)


HeaderField = Literal["time", "place", "chair", "attendance", "recorder"]


class DateStyle(Record):
    """How the meeting's date and times are spelt."""

    numerals: Literal["arabic", "chinese"] = Field(
        default="arabic", title="日期數字"
    )  # 113 年 7 月 11 日, or 一百十三年七月十一日
    era: Line = Field(default="", title="紀元")  # 中華民國
    weekday: bool = Field(default=True, title="星期")  # (星期四)
    clock: Literal["12h", "24h"] = Field(default="12h", title="時刻")  # 下午 2 時 50 分, or 14 時 50 分
    zero_minutes: bool = Field(default=False, title="整點寫零分")  # 上午 9 時 0 分


class HeaderLine(Record):
    """One paragraph of the header: one field, or several on one line (主席：…　記錄：…)."""

    fields: list[HeaderField] = Field(min_length=1, title="欄位")
    numbered: bool = Field(default=True, title="編號")


class HeaderStyle(Record):
    lines: list[HeaderLine] = Field(
        default_factory=lambda: [
            HeaderLine(fields=["time"]),
            HeaderLine(fields=["place"]),
            HeaderLine(fields=["chair"]),
            HeaderLine(fields=["attendance"]),
            HeaderLine(fields=["recorder"], numbered=False),
        ],
        title="各行",
    )
    joiner: Verbatim = Field(default="\u3000", title="同一行欄位間的分隔")  # a full-width space
    time: Line = Field(default="會議時間", title="時間標題")
    place: Line = Field(default="會議地點", title="地點標題")
    chair: Line = Field(default="主席", title="主席標題")
    co_chairs: Line = Field(default="共同主持", title="共同主持標題")
    recorder: Line = Field(default="紀錄", title="紀錄標題")  # 記錄, 紀錄彙整, 彙整
    # 基隆市政府 邱佩琳副市長 (organisation first), or 歐兼主任委員晉德 (surname, title, given name)
    name_form: Literal["organisation", "formal"] = Field(default="organisation", title="姓名寫法")


class AttendanceGroup(Record):
    """One category of attendance and how its line is written."""

    category: Line = Field(title="類別")  # what attendees carry: 出席, 列席, 出席委員, 列席單位…
    label: Line = Field(title="標題")  # 出席單位及人員, 列席單位、人員
    separator: Verbatim = Field(default="、", title="姓名間的分隔")  # 、 or a space
    # inline: 出席委員：王委員某 李委員某; units: the label alone, then one line per unit
    # (地政處：黃勤豪), in the order the units first appear.
    layout: Literal["inline", "units"] = Field(default="inline", title="排列")
    nobody: Verbatim = Field(default="", title="單位未派員時")  # (未派員)
    note: Annotated[Verbatim, _pattern("note")] = Field(
        default="{note}", title="附註寫法"
    )  # (詳簽到表): "({note})"


def _default_attendance() -> list[AttendanceGroup]:
    return [
        AttendanceGroup(category="出席", label="出席單位及人員"),
        AttendanceGroup(category="列席", label="列席單位及人員"),
        AttendanceGroup(category="請假", label="請假人員"),
        AttendanceGroup(category="缺席", label="缺席人員"),
    ]


ItemHeading = Annotated[Line, _pattern("n")]  # 討論事項{n}: {n} the item's number in words


class DiscussionStyle(Record):
    """討論事項 and 臨時動議."""

    # An unnumbered line before the item (討論事項{n}: the n-th discussion item of its
    # section); empty: the item itself is the numbered paragraph 案由：….
    heading: ItemHeading = Field(default="", title="項目標題")
    title: Line = Field(default="案由", title="案由標題")  # 案名
    explanation: Line = Field(default="說明", title="說明標題")  # 案情概要說明
    proposal: Line = Field(default="辦法", title="辦法標題")
    resolution: Line = Field(default="決議", title="決議標題")
    rider: Line = Field(default="附帶決議", title="附帶決議標題")
    vote: Line = Field(default="表決結果", title="表決標題")


class ReportStyle(Record):
    """報告事項."""

    heading: ItemHeading = Field(default="", title="項目標題")  # 報告事項{n}
    title: Line = Field(default="案由", title="案由標題")  # 案名 (only under a heading)
    body: Line = Field(default="說明", title="說明標題")  # 案情概要說明
    decision: Line = Field(default="決定", title="決定標題")  # 決議, 主席裁示


class MinutesStyle(Record):
    """宣讀上次會議紀錄: {previous} is the previous meeting's ordinal, {name} the meeting's name."""

    heading: Annotated[Line, _pattern("previous", "name")] = Field(
        default="宣讀上{previous}次{name}紀錄", title="標題"
    )


class AdjournmentStyle(Record):
    clock: Literal["12h", "24h"] = Field(default="12h", title="時刻")  # (下午 4 時 35 分) or (17 時 50 分)
    end: Verbatim = Field(default="", title="結尾")  # 。


class FontStyle(Record):
    body: Line = Field(default="標楷體", title="內文字型")
    body_size: int = Field(default=14, ge=8, le=24, title="內文字級")
    title_size: int = Field(default=18, ge=8, le=36, title="標題字級")


# The numbering ladder by depth: {formal} 壹貳參, {chinese} 一二三, {n} 1 2 3, {stem} 甲乙丙.
PLATFORM_LADDER = ["{formal}、", "{chinese}、", "({chinese})", "{n}.", "({n})", "{stem}、", "({stem})"]


class Style(Record):
    """Everything about how a body writes its minutes (see the module's docstring)."""

    name: Line = Field(default="基北北桃合作交流平臺", title="格式名稱")
    description: Line = Field(default="", title="說明")
    title_suffix: Line = Field(default="紀錄", title="標題結尾")  # 會議紀錄
    ordinal: Literal["arabic", "chinese", "digits"] = Field(
        default="arabic", title="次別寫法"
    )  # 第 3 次, 第五百二十次, 第五二○次
    counts: Literal["arabic", "chinese"] = Field(default="arabic", title="內文數字")  # 同意新增 2 案, 二案
    brackets: Literal["half", "full"] = Field(default="half", title="括號")  # (星期四) or （星期四）
    ladder: list[Annotated[Verbatim, _pattern("formal", "chinese", "n", "stem")]] = Field(
        default_factory=lambda: list(PLATFORM_LADDER), min_length=1, title="編號層級"
    )
    page_number: Annotated[Verbatim, _pattern("page", "pages", "page_chinese")] = Field(
        default="{page}", title="頁碼"
    )  # - {page} -, 第 {page} 頁（共 {pages} 頁）
    # A group's cases the meeting did not decide: written, never left out (issue 14). {n} how
    # many (in the style's numerals), {titles} their names (not by default: a register being
    # recorded is mostly undecided, and the preview would list thousands).
    undecided: Annotated[Verbatim, _pattern("n", "titles")] = Field(
        default="尚未決定{n}案，提下次會議續議。", title="待決案件"
    )
    date: DateStyle = Field(default_factory=DateStyle, title="日期時間")
    header: HeaderStyle = Field(default_factory=HeaderStyle, title="開頭各行")
    attendance: list[AttendanceGroup] = Field(default_factory=_default_attendance, title="出列席")
    discussion: DiscussionStyle = Field(default_factory=DiscussionStyle, title="討論事項")
    report: ReportStyle = Field(default_factory=ReportStyle, title="報告事項")
    minutes: MinutesStyle = Field(default_factory=MinutesStyle, title="宣讀上次會議紀錄")
    adjournment: AdjournmentStyle = Field(default_factory=AdjournmentStyle, title="散會")
    fonts: FontStyle = Field(default_factory=FontStyle, title="字型")
