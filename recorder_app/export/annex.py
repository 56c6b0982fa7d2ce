"""The annex of the minutes as sheets of cells, once for every spreadsheet format.

案件清冊 (one row per case: decision and resulting status) and 小組統計 (per-group tallies,
their total and the minutes' summary sentence). Every number is computed here from the
recorded decisions (through ``core.register``) and is a value, never a formula, so a reader
without a spreadsheet program sees the same figures as the minutes. The Excel (.xlsx) and ODF
(.ods) writers only spell these sheets; they cannot disagree on a row, a width or a tally.

Text hygiene, for both: text is cleaned again here (``clean_text`` and the XML-illegal
controls), a cell holds at most 32,767 UTF-16 code units (Excel's limit; longer text is cut
with a visible marker), and ``formula_like`` tells a writer which text a spreadsheet would
read as a formula once a person edits the cell.

Widths are in Excel's unit (the default font's digit width, ~7 px); heights in points.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from recorder_app.core.compose import summary_sentence, title
from recorder_app.core.model import Case, CaseDecision, Meeting
from recorder_app.core.register import Tally, group_tallies, total
from recorder_app.core.text import clean_text

REGISTER_SHEET = "案件清冊"
SUMMARY_SHEET = "小組統計"
SUMMARY_HEADERS = (
    "議題小組", "同意新增", "同意解列", "持續列管", "不同意新增", "待決", "列管中合計",
)
PENDING = "待決"
STATUS: dict[CaseDecision | None, str] = {
    CaseDecision.ADD: "列管中（本次新增）",
    CaseDecision.CONTINUE: "列管中",
    CaseDecision.DELIST: "解除列管",
    CaseDecision.REJECT: "未列管",
    None: PENDING,
}
PLACEHOLDER_NOTE = "樣本資料（非實際案件）"
SUMMARY_LABEL = "紀錄摘要句（供核對）"
TOTAL_LABEL = "合計"

LABEL_ROW = 1  # 附件 2, at the right, as the Word file prints 附件 1 above its title
TITLE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1

MAX_CELL_UNITS = 32_767  # Excel's limit, counted in UTF-16 code units
# Characters that make a spreadsheet read a typed or re-edited cell as a formula (or that
# spreadsheet injection relies on); full-width forms because East Asian Excel converts them
# while typing.
FORMULA_TRIGGERS = frozenset("=+-@＝＋－＠\t")

FONT_NAME = "標楷體"  # the minutes' font (DOMAIN.md)
# Column widths are in units of the default font's digit width (Calibri 11, ~7 px); a
# full-width character of 12 pt 標楷體 is ~16 px, i.e. ~2.3 units, so a "display width" in
# which CJK counts 2 is scaled by this factor.
WIDTH_FACTOR = 1.15
WIDTH_PADDING = 2
LINE_HEIGHT = 17.5  # points per line of 12 pt text, with the CJK fonts' leading
ROW_PADDING = 4
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
MAX_LINES = 40  # more lines than any row can show; measuring further is wasted time
TITLE_HEIGHT = 30  # merged cells are not auto-fitted
LABEL_HEIGHT = 22
NOTE_HEIGHT = 36
SUMMARY_COLUMN_WIDTH = 14
BODY_PT = 12
TITLE_PT = 16
LABEL_PT = 14  # as the Word file's 附件 label and body
# A4 landscape minus the 0.5-inch margins, in points: what the columns must fit at 100 %.
PRINTABLE_WIDTH_PT = (29.7 - 2 * 1.27) / 2.54 * 72

# XML 1.0 refuses these controls (openpyxl's ILLEGAL_CHARACTERS_RE, the same set).
_XML_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# Full-width / wide characters (CJK, kana, hangul, full-width forms), counted as 2 units.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd]"
)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width: float  # in Excel's units (about one Latin digit; a CJK character takes 2.3)
    centred: bool


# Fixed widths, chosen for paper: with 12 pt text they fill one A4 landscape page at ~100 %
# (all eight columns at ~97 %), so a printed annex is readable (≥ 10 pt, PRINTABLE_WIDTH_PT);
# long titles and notes wrap within their column instead of widening it.
REGISTER_COLUMNS = (
    Column("項次", 5, True),
    Column("議題小組", 11, True),
    Column("案件名稱", 40, False),
    Column("共同議題", 16, False),  # left out when no case has a theme
    Column("本次決議", 11, True),
    Column("列管狀態", 22, True),  # 列管中（本次新增） on one line
    Column("首次列管會議", 22, False),  # 第 3 次副市長層級會議 on one line
    Column("備註", 24, False),
)
REGISTER_HEADERS = tuple(c.header for c in REGISTER_COLUMNS)
THEME = "共同議題"

# Cell styles: the writers give each its font, fill, border and alignment.
TITLE, LABEL, HEADER, TEXT, CENTRED, TOTAL, NOTE = (
    "title", "label", "header", "text", "centred", "total", "note")


@dataclass(slots=True)
class Row:
    cells: list[tuple[str | int, str]]  # (value, style) from column *start* on; text clean
    height: float
    span: int = 1  # the last cell spans this many columns (the title, the summary sentence)
    start: int = 1  # the first cell's column (the 附件 label sits in the last column)


def register_columns(meeting: Meeting) -> tuple[Column, ...]:
    """The register's columns for *meeting*: 共同議題 only when some case has one."""
    if any(case.theme for _, case in meeting.cases()):
        return REGISTER_COLUMNS
    return tuple(c for c in REGISTER_COLUMNS if c.header != THEME)


def annex_label(meeting: Meeting) -> str:
    """The annex's own 附件 label: the one after the minutes' (附件 1 → 附件 2), else 附件.

    The minutes and their annex travel as attachments of one letter, numbered in turn.
    """
    found = re.fullmatch(r"\s*附件\s*(\d+)\s*", meeting.attachment_label)
    return f"附件 {int(found[1]) + 1}" if found else "附件"


def column_points(width: float) -> float:
    """A column's printed width in points: Excel draws width w as 7w + 5 pixels at 96 dpi."""
    return (7 * width + 5) * 0.75


@dataclass(slots=True)
class Sheet:
    name: str
    heading: str  # the title row's text, also printed in the page header
    widths: list[float]
    rows: list[Row] = field(default_factory=list)  # from row 1: title, header, data…
    filter_rows: int = 0  # data rows under the header that the auto-filter covers (0: none)

    @property
    def columns(self) -> int:
        return len(self.widths)


def clean(value: str) -> str:
    """Text fit for a cell: cleaned, without XML-illegal characters, within Excel's limit."""
    return _truncate(_XML_ILLEGAL.sub("", clean_text(value)))


def formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula once a person edits its cell?"""
    return text[:1] in FORMULA_TRIGGERS


def _truncate(text: str) -> str:
    # Each character is at most 2 UTF-16 units, so short text needs no encoding to check.
    if len(text) <= MAX_CELL_UNITS // 2:
        return text
    encoded = text.encode("utf-16-le")
    if len(encoded) // 2 <= MAX_CELL_UNITS:
        return text
    marker = f"…（全文共 {len(text)} 字，已截斷）"
    keep = MAX_CELL_UNITS - len(marker.encode("utf-16-le")) // 2
    # Cutting between the halves of a surrogate pair leaves half a character: drop it.
    head = encoded[: 2 * keep].decode("utf-16-le", errors="ignore")
    return head + marker


def outcome_label(case: Case) -> str:
    """本次決議: the effective decision, or 待決 while a proposal is undecided."""
    outcome = case.outcome
    return outcome.value if outcome is not None else PENDING


def status_label(case: Case) -> str:
    """列管狀態 after this meeting, derived from the effective decision."""
    return STATUS[case.outcome]


def line_widths(value: str | int, limit: float) -> tuple[float, ...]:
    """Display width of each line of *value*, CJK counting 2; lines are cut at *limit*."""
    cut = int(limit) + 1
    lines = str(value).split("\n")[:MAX_LINES]
    return tuple(len(line[:cut]) + len(_WIDE.findall(line[:cut])) for line in lines)


def row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def sheets(meeting: Meeting) -> list[Sheet]:
    """案件清冊 then 小組統計."""
    return [register_sheet(meeting), summary_sheet(meeting)]


def heading(meeting: Meeting, what: str) -> str:
    return clean(f"{title(meeting)}　{what}")


def _head_rows(meeting: Meeting, text: str, headers: Iterable[str], columns: int) -> list[Row]:
    """附件 N at the right, the title once across the table, the header row."""
    return [Row([(clean(annex_label(meeting)), LABEL)], LABEL_HEIGHT, start=columns),
            Row([(text, TITLE)], TITLE_HEIGHT, span=columns),
            Row([(clean(h), HEADER) for h in headers], row_height(1))]


# --- 案件清冊 -------------------------------------------------------------------------------


def register_sheet(meeting: Meeting) -> Sheet:
    specs = register_columns(meeting)
    text = heading(meeting, "合作案件清冊")
    sheet = Sheet(REGISTER_SHEET, text, [c.width for c in specs],
                  _head_rows(meeting, text, [c.header for c in specs], len(specs)))
    # Rows get explicit heights from the wrapped line count: LibreOffice does not auto-fit
    # rows of an .xlsx on opening, and a clipped title on paper is a wrong annex.
    usable = [max(1.0, (spec.width - 1) / WIDTH_FACTOR) for spec in specs]
    for number, (group, case) in enumerate(meeting.cases(), start=1):
        note = case.note or (PLACEHOLDER_NOTE if case.placeholder else "")
        values: dict[str, str | int] = {
            "項次": number, "議題小組": group.name, "案件名稱": case.title, THEME: case.theme,
            "本次決議": outcome_label(case), "列管狀態": status_label(case),
            "首次列管會議": case.first_listed, "備註": note,
        }
        cells: list[tuple[str | int, str]] = []
        lines = 1
        for column, spec in enumerate(specs):
            value = values[spec.header]
            if isinstance(value, str):
                value = clean(value)
            cells.append((value, CENTRED if spec.centred else TEXT))
            widths = line_widths(value, MAX_LINES * spec.width)
            lines = max(lines, sum(max(1, math.ceil(w / usable[column])) for w in widths))
        sheet.rows.append(Row(cells, row_height(lines)))
    sheet.filter_rows = len(sheet.rows) - HEADER_ROW
    return sheet


# --- 小組統計 -------------------------------------------------------------------------------


def counts(t: Tally) -> tuple[int, ...]:
    return t.added, t.delisted, t.continuing, t.rejected, t.pending, t.tracked


def summary_sheet(meeting: Meeting) -> Sheet:
    columns = len(SUMMARY_HEADERS)
    text = heading(meeting, "小組統計")
    rows = [(clean(g.name), counts(t)) for g, t in group_tallies(meeting.groups)]
    name_width = max(max(line_widths(n, 30)) for n in [SUMMARY_LABEL, *(n for n, _ in rows)])
    first_width = round(min(name_width * WIDTH_FACTOR + WIDTH_PADDING, 30), 1)
    sheet = Sheet(SUMMARY_SHEET, text, [first_width] + [SUMMARY_COLUMN_WIDTH] * (columns - 1),
                  _head_rows(meeting, text, SUMMARY_HEADERS, columns))
    usable = max(1.0, (first_width - 1) / WIDTH_FACTOR)
    for name, numbers in rows:
        lines = sum(max(1, math.ceil(w / usable)) for w in line_widths(name, 30 * MAX_LINES))
        sheet.rows.append(Row([(name, CENTRED), *((n, CENTRED) for n in numbers)], row_height(lines)))
    sheet.rows.append(Row([(TOTAL_LABEL, TOTAL), *((n, TOTAL) for n in counts(total(meeting.groups)))],
                          row_height(1)))
    sheet.rows.append(Row([], row_height(1)))
    sheet.rows.append(Row([(SUMMARY_LABEL, NOTE), (clean(summary_sentence(meeting)), NOTE)],
                          NOTE_HEIGHT, span=columns - 1))
    return sheet
