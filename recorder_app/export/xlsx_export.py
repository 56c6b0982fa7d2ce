"""The Excel annex of the minutes: the case register (案件清冊) and per-group tallies (小組統計).

The minutes name only the cases that changed; the register lists every case with its
decision and resulting status, so the secretariat can file, filter and print it. Every
number is computed here from the recorded decisions (through ``core.register``) and written
as a value, not a formula, so a reader without Excel sees the same figures as the minutes.

Hazards handled (see ENGINEERING.md):
- text is always written as text: openpyxl turns a string starting with ``=`` into a formula,
  so each text cell gets ``data_type = "s"`` after assignment, and a cell starting with a
  character that Excel would read as a formula once edited (``= + - @``, their full-width
  forms, tab) also gets ``quotePrefix`` so that re-editing it in Excel keeps it text;
- text is cleaned again at export (``clean_text`` and openpyxl's own illegal-character set);
- a cell holds at most 32,767 UTF-16 code units: longer text is cut with a visible marker;
- the file is replaced atomically (``write_atomic``): a failed export leaves the old file.

Speed: cell styles are registered once per workbook as named styles and applied by name,
which copies one small style array per cell instead of building style objects per cell.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder_app.core.atomic import write_atomic
from recorder_app.core.compose import summary_sentence, title
from recorder_app.core.model import Case, CaseDecision, Meeting
from recorder_app.core.register import Tally, group_tallies, total
from recorder_app.core.text import clean_text
from recorder_app.export.formats import Source

# openpyxl itself is imported only when a file is written: the format registry, which the
# command line reads at every start, imports this module.
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

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
# Characters that make Excel read a typed or re-edited cell as a formula (or that spreadsheet
# injection relies on); full-width forms because East Asian Excel converts them while typing.
FORMULA_TRIGGERS = frozenset("=+-@＝＋－＠\t")

FONT_NAME = "標楷體"  # the minutes' font (DOMAIN.md); Excel applies it to the whole cell
# Column widths are in units of the default font's digit width (Calibri 11, ~7 px); a
# full-width character of 12 pt 標楷體 is ~16 px, i.e. ~2.3 units, so a "display width" in
# which CJK counts 2 is scaled by this factor.
WIDTH_FACTOR = 1.15
WIDTH_PADDING = 2
LINE_HEIGHT = 17.5  # points per line of 12 pt text, with the CJK fonts' leading
ROW_PADDING = 4
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
MAX_LINES = 40  # more lines than any row can show; measuring further is wasted time


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    width: float  # in Excel's units (about one Latin digit; a CJK character takes 2.3)
    centred: bool


# Fixed widths, chosen for paper: with 12 pt text they fill one A4 landscape page at ~100 %
# (all eight columns at ~97 %), so a printed annex is readable (≥ 10 pt, PRINTABLE_WIDTH_PT);
# long titles and notes wrap within their column instead of widening it.
REGISTER_COLUMNS = (
    _Column("項次", 5, True),
    _Column("議題小組", 11, True),
    _Column("案件名稱", 40, False),
    _Column("共同議題", 16, False),  # left out when no case has a theme
    _Column("本次決議", 11, True),
    _Column("列管狀態", 22, True),  # 列管中（本次新增） on one line
    _Column("首次列管會議", 22, False),  # 第 3 次副市長層級會議 on one line
    _Column("備註", 24, False),
)
REGISTER_HEADERS = tuple(c.header for c in REGISTER_COLUMNS)
THEME = "共同議題"
BODY_PT = 12
TITLE_PT = 16
LABEL_PT = 14  # as the Word file's 附件 label and body
# A4 landscape minus the 0.5-inch margins, in points: what the columns must fit at 100 %.
PRINTABLE_WIDTH_PT = (29.7 - 2 * 1.27) / 2.54 * 72


def register_columns(meeting: Meeting) -> tuple[_Column, ...]:
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

# Full-width / wide characters (CJK, kana, hangul, full-width forms), counted as 2 units.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd]"
)


# --- public API -----------------------------------------------------------------------------


def xlsx_bytes(meeting: Meeting) -> bytes:
    """The annex workbook as bytes: 案件清冊 then 小組統計."""
    from openpyxl import Workbook

    wb = Workbook()
    styles = _Styles.register(wb)
    heading = f"{title(meeting)}　合作案件清冊"
    register = wb.active
    register.title = REGISTER_SHEET
    label = annex_label(meeting)
    _write_register(register, meeting, styles, heading, label)
    _write_summary(wb.create_sheet(SUMMARY_SHEET), meeting, styles, f"{title(meeting)}　小組統計", label)
    wb.properties.title = _clean(heading)
    wb.properties.creator = "會議紀錄系統"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_xlsx(meeting: Meeting, path: Path) -> None:
    """Write the annex to *path*; on any failure the previous file stays as it was."""
    write_atomic(Path(path), xlsx_bytes(meeting))


def outcome_label(case: Case) -> str:
    """本次決議: the effective decision, or 待決 while a proposal is undecided."""
    outcome = case.outcome
    return outcome.value if outcome is not None else PENDING


def status_label(case: Case) -> str:
    """列管狀態 after this meeting, derived from the effective decision."""
    return STATUS[case.outcome]


# --- text hygiene ---------------------------------------------------------------------------


@functools.cache
def _illegal_characters() -> re.Pattern[str]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(n)


def _clean(value: str) -> str:
    """Text fit for a cell: cleaned, without XML-illegal characters, within Excel's limit."""
    return _truncate(_illegal_characters().sub("", clean_text(value)))


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


def _line_widths(value: str | int, limit: float) -> tuple[float, ...]:
    """Display width of each line of *value*, CJK counting 2; lines are cut at *limit*."""
    cut = int(limit) + 1
    lines = str(value).split("\n")[:MAX_LINES]
    return tuple(len(line[:cut]) + len(_WIDE.findall(line[:cut])) for line in lines)


# --- styles ---------------------------------------------------------------------------------

HEADER_COLOUR = "D9E2F3"
TOTAL_COLOUR = "F2F2F2"


@dataclass(frozen=True, slots=True)
class _Styles:
    """Names of the named styles registered once in a workbook."""

    title: str = "附件標題"
    label: str = "附件標示"
    header: str = "附件欄名"
    text: str = "附件內文"
    centred: str = "附件內文置中"
    total: str = "附件合計"
    note: str = "附件說明"

    @classmethod
    def register(cls, wb: Workbook) -> _Styles:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        names = cls()
        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        header_fill = PatternFill(fill_type="solid", start_color=HEADER_COLOUR, end_color=HEADER_COLOUR)
        total_fill = PatternFill(fill_type="solid", start_color=TOTAL_COLOUR, end_color=TOTAL_COLOUR)
        body = Font(name=FONT_NAME, size=BODY_PT)
        bold = Font(name=FONT_NAME, size=BODY_PT, bold=True)
        wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        wrap_centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        specs = (
            (names.title, Font(name=FONT_NAME, size=TITLE_PT, bold=True), None, Border(),
             Alignment(horizontal="center", vertical="center", wrap_text=True)),
            (names.label, Font(name=FONT_NAME, size=LABEL_PT), None, Border(),
             Alignment(horizontal="right", vertical="center")),
            (names.header, bold, header_fill, box, wrap_centre),
            (names.text, body, None, box, wrap_left),
            (names.centred, body, None, box, wrap_centre),
            (names.total, bold, total_fill, box, wrap_centre),
            (names.note, body, None, Border(), wrap_left),
        )
        for name, font, fill, border, alignment in specs:
            style = NamedStyle(name=name, font=font, border=border, alignment=alignment)
            if fill is not None:
                style.fill = fill
            wb.add_named_style(style)
        return names


def _put(ws: Worksheet, row: int, column: int, value: str | int, style: str) -> str | int:
    """Write one cell and return what was written; text stays text whatever it starts with."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = _clean(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made a leading "=" a formula: undo that
        cell.style = style
        if value[:1] in FORMULA_TRIGGERS:
            cell.quotePrefix = True  # after .style, which replaces the cell's style array
    else:
        cell.value = value
        cell.style = style
    return value


# --- page setup -----------------------------------------------------------------------------


def _page_setup(ws: Worksheet, last_column: int, styles: _Styles, label: str) -> None:
    """A4 landscape, one page wide; the label and title once on the first page, the header row
    on every page, and at the foot the page number as the Word file prints it."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1  # the columns fit at ~100 % already; a narrower printer shrinks
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # The Word file's footer: the bare page number, centred, in the body font.
    ws.oddFooter.center.text = "&P"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = BODY_PT
    _put(ws, LABEL_ROW, last_column, label, styles.label)
    ws.row_dimensions[LABEL_ROW].height = 22
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last_column)
    ws.row_dimensions[TITLE_ROW].height = 30  # merged cells are not auto-fitted by Excel


def _header_row(ws: Worksheet, headers: Iterable[str], styles: _Styles) -> None:
    for column, header in enumerate(headers, start=1):
        _put(ws, HEADER_ROW, column, header, styles.header)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate


# --- 案件清冊 -------------------------------------------------------------------------------


def _write_register(ws: Worksheet, meeting: Meeting, styles: _Styles, heading: str, label: str) -> None:
    specs = register_columns(meeting)
    _put(ws, TITLE_ROW, 1, heading, styles.title)
    _header_row(ws, [c.header for c in specs], styles)
    ws.row_dimensions[HEADER_ROW].height = _row_height(1)
    for column, spec in enumerate(specs, start=1):
        ws.column_dimensions[_column_letter(column)].width = spec.width
    # Rows get explicit heights from the wrapped line count: LibreOffice does not auto-fit
    # rows of an .xlsx on opening, and a clipped title on paper is a wrong annex.
    usable = [max(1.0, (spec.width - 1) / WIDTH_FACTOR) for spec in specs]
    row = HEADER_ROW
    for number, (group, case) in enumerate(meeting.cases(), start=1):
        row = HEADER_ROW + number
        note = case.note or (PLACEHOLDER_NOTE if case.placeholder else "")
        cells: dict[str, str | int] = {
            "項次": number, "議題小組": group.name, "案件名稱": case.title, THEME: case.theme,
            "本次決議": outcome_label(case), "列管狀態": status_label(case),
            "首次列管會議": case.first_listed, "備註": note,
        }
        lines = 1
        for column, spec in enumerate(specs):
            style = styles.centred if spec.centred else styles.text
            value = _put(ws, row, column + 1, cells[spec.header], style)
            widths = _line_widths(value, MAX_LINES * spec.width)
            lines = max(lines, sum(max(1, math.ceil(w / usable[column])) for w in widths))
        ws.row_dimensions[row].height = _row_height(lines)
    last = _column_letter(len(specs))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row, HEADER_ROW)}"
    _page_setup(ws, len(specs), styles, label)


def _row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


# --- 小組統計 -------------------------------------------------------------------------------


def _counts(t: Tally) -> tuple[int, ...]:
    return t.added, t.delisted, t.continuing, t.rejected, t.pending, t.tracked


def _write_summary(ws: Worksheet, meeting: Meeting, styles: _Styles, heading: str, label: str) -> None:
    _put(ws, TITLE_ROW, 1, heading, styles.title)
    _header_row(ws, SUMMARY_HEADERS, styles)
    rows = [(_clean(g.name), _counts(t)) for g, t in group_tallies(meeting.groups)]
    name_width = max(max(_line_widths(n, 30)) for n in [SUMMARY_LABEL, *(n for n, _ in rows)])
    first_width = round(min(name_width * WIDTH_FACTOR + WIDTH_PADDING, 30), 1)
    ws.column_dimensions["A"].width = first_width
    ws.row_dimensions[HEADER_ROW].height = _row_height(1)
    row = HEADER_ROW
    for row, (name, counts) in enumerate(rows, start=FIRST_DATA_ROW):
        _put(ws, row, 1, name, styles.centred)
        for column, n in enumerate(counts, start=2):
            _put(ws, row, column, n, styles.centred)
        usable = max(1.0, (first_width - 1) / WIDTH_FACTOR)
        lines = sum(max(1, math.ceil(w / usable)) for w in _line_widths(name, 30 * MAX_LINES))
        ws.row_dimensions[row].height = _row_height(lines)
    row += 1
    _put(ws, row, 1, TOTAL_LABEL, styles.total)
    for column, n in enumerate(_counts(total(meeting.groups)), start=2):
        _put(ws, row, column, n, styles.total)
    ws.row_dimensions[row].height = _row_height(1)
    row += 2
    _put(ws, row, 1, SUMMARY_LABEL, styles.note)
    _put(ws, row, 2, summary_sentence(meeting), styles.note)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(SUMMARY_HEADERS))
    ws.row_dimensions[row].height = 36  # merged cells are not auto-fitted by Excel
    for column in range(2, len(SUMMARY_HEADERS) + 1):
        ws.column_dimensions[_column_letter(column)].width = 14
    _page_setup(ws, len(SUMMARY_HEADERS), styles, label)


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return xlsx_bytes(source.meeting)
