"""The register's changed decisions between two versions, as an Excel sheet (決議異動).

Written with the annex's helpers (``xlsx_export``): every text cell stays text, whatever it
starts with, and is cleaned and cut at Excel's limit like the annex's own.
"""

from __future__ import annotations

import io

from recorder_app.core.compare import Comparison
from recorder_app.export import annex
from recorder_app.export.xlsx_export import HEADER_ROW, _column_letter, _put, _Styles

SHEET = "決議異動"
HEADERS = ("案件代號", "案件名稱", "變更", "原議題小組", "新議題小組", "原決議", "新決議")
WIDTHS = (12, 40, 16, 14, 14, 12, 12)


def changes_xlsx_bytes(comparison: Comparison, heading: str) -> bytes:
    """*heading*: the sheet's title line (the meeting and the two versions, in words)."""
    from openpyxl import Workbook

    wb = Workbook()
    styles = _Styles.register(wb)
    ws = wb.active
    ws.title = SHEET
    _put(ws, 1, 1, annex.clean(heading), styles.title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.row_dimensions[1].height = annex.TITLE_HEIGHT
    for column, header in enumerate(HEADERS, start=1):
        _put(ws, HEADER_ROW, column, header, styles.header)
    row = HEADER_ROW
    for row, c in enumerate(comparison.cases, start=HEADER_ROW + 1):
        values = (c.id, c.title, c.what, c.old_group, c.new_group, c.old_decision, c.new_decision)
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, annex.clean(value), styles.centred if column != 2 else styles.text)
    if not comparison.cases:
        _put(ws, HEADER_ROW + 1, 1, "兩個版本的案件決議沒有不同", styles.note)
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_column_letter(len(HEADERS))}{max(row, HEADER_ROW + 1)}"
    wb.properties.title = annex.clean(heading)
    wb.properties.creator = "會議紀錄系統"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
