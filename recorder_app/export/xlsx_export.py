"""The Excel annex of the minutes: the case register (案件清冊) and per-group tallies (小組統計).

The sheets, their rows, widths and heights are ``annex.sheets`` (shared with the .ods); this
module spells them with openpyxl. Every number is a value, not a formula.

Hazards handled (see ENGINEERING.md):
- text is always written as text: openpyxl turns a string starting with ``=`` into a formula,
  so each text cell gets ``data_type = "s"`` after assignment, and a cell starting with a
  character that Excel would read as a formula once edited (``= + - @``, their full-width
  forms, tab) also gets ``quotePrefix`` so that re-editing it in Excel keeps it text;
- text is cleaned again at export (annex.clean) and cut at Excel's 32,767-unit limit;
- the file is replaced atomically (``write_atomic``): a failed export leaves the old file.

Speed: cell styles are registered once per workbook as named styles and applied by name,
which copies one small style array per cell instead of building style objects per cell.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder_app.core.atomic import write_atomic
from recorder_app.core.model import Meeting
from recorder_app.export import annex
from recorder_app.export.annex import (  # noqa: F401  (the names this module always offered)
    BODY_PT,
    FONT_NAME,
    HEADER_ROW,
    LABEL_PT,
    LABEL_ROW,
    MAX_CELL_UNITS,
    PRINTABLE_WIDTH_PT,
    REGISTER_SHEET,
    SUMMARY_SHEET,
    TITLE_PT,
    TITLE_ROW,
    annex_label,
    column_points,
    outcome_label,
    register_columns,
    status_label,
)
from recorder_app.export.formats import Source

# openpyxl itself is imported only when a file is written: the format registry, which the
# command line reads at every start, imports this module.
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIRST_DATA_ROW = HEADER_ROW + 1


def xlsx_bytes(meeting: Meeting) -> bytes:
    """The annex workbook as bytes: 案件清冊 then 小組統計."""
    from openpyxl import Workbook

    wb = Workbook()
    styles = _Styles.register(wb)
    for n, sheet in enumerate(annex.sheets(meeting)):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = sheet.name
        _write(ws, sheet, styles)
    wb.properties.title = annex.heading(meeting, "合作案件清冊")
    wb.properties.creator = "會議紀錄系統"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_xlsx(meeting: Meeting, path: Path) -> None:
    """Write the annex to *path*; on any failure the previous file stays as it was."""
    write_atomic(Path(path), xlsx_bytes(meeting))


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(n)


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

    def named(self, style: str) -> str:
        """The named style of an annex cell style (annex.TITLE …)."""
        return getattr(self, style)

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


def _put(ws: Worksheet, row: int, column: int, value: str | int, style: str) -> None:
    """Write one cell (*value* already clean); text stays text whatever it starts with."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl made a leading "=" a formula: undo that
        cell.style = style
        if annex.formula_like(value):
            cell.quotePrefix = True  # after .style, which replaces the cell's style array
    else:
        cell.style = style


def _write(ws: Worksheet, sheet: annex.Sheet, styles: _Styles) -> None:
    for number, row in enumerate(sheet.rows, start=1):
        for column, (value, style) in enumerate(row.cells, start=row.start):
            _put(ws, number, column, value, styles.named(style))
        if row.span > 1 and row.cells:
            first = row.start + len(row.cells) - 1
            ws.merge_cells(start_row=number, start_column=first, end_row=number,
                           end_column=first + row.span - 1)
        if row.cells:
            ws.row_dimensions[number].height = row.height
    for column, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate
    if sheet.name == annex.REGISTER_SHEET:
        last = _column_letter(sheet.columns)
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + sheet.filter_rows}"
    _page_setup(ws)


# --- page setup -----------------------------------------------------------------------------


def _page_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide; the label and title once on the first page (rows 1-2),
    the header row on every page, and at the foot the page number as the Word file prints it."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "&P"  # the Word file's footer: the bare page number, centred
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = BODY_PT


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return xlsx_bytes(source.meeting)
