"""The annex as an ODF spreadsheet (.ods): the same sheets as the Excel file, from ``annex``.

案件清冊 and 小組統計 with the .xlsx's header row, column widths, row heights and print set-up
(A4 landscape, one page wide, the header row repeated on every page, the sheet's title in the
page header and 第 N 頁，共 M 頁 below, centred), the header row frozen and an auto-filter
over the register. odfdo gives the package; the tables are built as one lxml tree per sheet
and handed to odfdo whole: odfdo's ``Table.set_values`` grew quadratically here (21 s for
5,000 rows), building the rows directly is linear (5,000 cases in well under a second).

Text is always text: every text cell is ``office:value-type="string"`` and no cell carries
``table:formula``; text a spreadsheet would read as a formula once a person re-edits the cell
(= + - @ and their full-width forms) gets a cell style whose number format is Text (@), the
ODF counterpart of Excel's quote prefix, so re-editing it in LibreOffice keeps it text.
Numbers are ``float`` values, never formulas.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from lxml import etree

from recorder_app.core.model import Meeting
from recorder_app.export import annex
from recorder_app.export.formats import Source
from recorder_app.export.odf import font_face_decls, prepare_package, replace_children

if TYPE_CHECKING:
    pass

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
_T, _TEXT, _OFFICE = f"{{{NS['table']}}}", f"{{{NS['text']}}}", f"{{{NS['office']}}}"

PX_PER_WIDTH_UNIT = 7  # an Excel width unit is the default font's digit, ~7 px at 96 dpi
INCH = 2.54
MARGIN_SIDES, MARGIN_ENDS = 0.5 * INCH, 0.6 * INCH  # the .xlsx's page margins, in cm
HEADER_HEIGHT = 0.3 * INCH

# annex cell style → (named ODF cell style, font size, bold, background, border, alignment)
CELL_STYLES = {
    annex.TITLE: ("附件標題", annex.TITLE_PT, True, None, False, "center"),
    annex.LABEL: ("附件標示", annex.LABEL_PT, False, None, False, "end"),
    annex.HEADER: ("附件欄名", 12, True, "#D9E2F3", True, "center"),
    annex.TEXT: ("附件內文", 12, False, None, True, "start"),
    annex.CENTRED: ("附件內文置中", 12, False, None, True, "center"),
    annex.TOTAL: ("附件合計", 12, True, "#F2F2F2", True, "center"),
    annex.NOTE: ("附件說明", 12, False, None, False, "start"),
}
AS_TEXT = "_文字"  # the suffix of each style's variant whose number format is Text (@)


def _cm(value: float) -> str:
    return f"{value:.3f}cm"


def _column_cm(width: float) -> float:
    return (width * PX_PER_WIDTH_UNIT + 5) / 96 * INCH


def _cell_style(name: str, size: int, bold: bool, fill: str | None, border: bool, align: str,
                as_text: bool) -> str:
    weight = (' fo:font-weight="bold" style:font-weight-asian="bold"'
              ' style:font-weight-complex="bold"') if bold else ""
    data = ' style:data-style-name="文字格式"' if as_text else ""
    cell = ['style:vertical-align="middle" fo:wrap-option="wrap"']
    if fill:
        cell.append(f'fo:background-color="{fill}"')
    if border:
        cell.append('fo:border="0.75pt solid #000000"')
    return (
        f'<style:style style:name="{name}{AS_TEXT if as_text else ""}" style:family="table-cell"'
        f' style:parent-style-name="Default"{data}>'
        f'<style:table-cell-properties {" ".join(cell)}/>'
        f'<style:paragraph-properties fo:text-align="{align}"/>'
        f'<style:text-properties style:font-name="{annex.FONT_NAME}"'
        f' style:font-name-asian="{annex.FONT_NAME}" style:font-name-complex="{annex.FONT_NAME}"'
        f' fo:font-size="{size}pt" style:font-size-asian="{size}pt" style:font-size-complex="{size}pt"'
        f' style:language-asian="zh" style:country-asian="TW"{weight}/>'
        "</style:style>"
    )


def _styles_xml(sheets: list[annex.Sheet]) -> tuple[str, str, str, str]:
    fonts = font_face_decls()
    cells = "".join(_cell_style(*spec, as_text=t) for spec in CELL_STYLES.values() for t in (False, True))
    styles = (
        "<office:styles>"
        '<number:text-style style:name="文字格式"><number:text-content/></number:text-style>'
        '<style:default-style style:family="table-cell">'
        f'<style:text-properties style:font-name="{annex.FONT_NAME}"'
        f' style:font-name-asian="{annex.FONT_NAME}" fo:font-size="12pt"'
        ' style:font-size-asian="12pt" fo:language="en" fo:country="US"'
        ' style:language-asian="zh" style:country-asian="TW"/>'
        "</style:default-style>"
        '<style:style style:name="Default" style:family="table-cell"/>'
        f"{cells}"
        "</office:styles>"
    )
    footer_text = (f'<style:text-properties style:font-name="{annex.FONT_NAME}"'
                   f' style:font-name-asian="{annex.FONT_NAME}" fo:font-size="{annex.BODY_PT}pt"'
                   f' style:font-size-asian="{annex.BODY_PT}pt"/>')
    automatic = (
        "<office:automatic-styles>"
        '<style:page-layout style:name="A4橫式">'
        '<style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm"'
        ' style:print-orientation="landscape" style:num-format="1"'
        f' fo:margin-left="{_cm(MARGIN_SIDES)}" fo:margin-right="{_cm(MARGIN_SIDES)}"'
        f' fo:margin-top="{_cm(MARGIN_ENDS)}" fo:margin-bottom="{_cm(HEADER_HEIGHT)}"'
        # One page wide, as many pages tall as needed (ODF 1.3's scale-to-X / scale-to-Y).
        ' style:scale-to-X="1" style:scale-to-Y="0" style:table-centering="horizontal"'
        ' style:print="objects charts drawings zero-values"'
        ' style:print-page-order="ttb" style:first-page-number="continue" style:writing-mode="lr-tb"/>'
        "<style:header-style/>"
        "<style:footer-style>"
        f'<style:header-footer-properties fo:min-height="0.4cm"'
        f' fo:margin-top="{_cm(MARGIN_ENDS - HEADER_HEIGHT - 0.4)}"/>'
        "</style:footer-style>"
        "</style:page-layout>"
        f'<style:style style:name="頁尾" style:family="paragraph">{footer_text}</style:style>'
        "</office:automatic-styles>"
    )
    # The title prints once, in its row (no page header repeating it); the footer is the Word
    # file's: the bare page number, centred, in 標楷體 (numbered on across both sheets).
    pages = "".join(
        f'<style:master-page style:name="附件{i}" style:page-layout-name="A4橫式">'
        '<style:header style:display="false"/>'
        "<style:footer><style:region-center>"
        '<text:p text:style-name="頁尾"><text:page-number>1</text:page-number></text:p>'
        "</style:region-center></style:footer>"
        "</style:master-page>"
        for i, _sheet in enumerate(sheets, start=1)
    )
    return fonts, styles, automatic, f"<office:master-styles>{pages}</office:master-styles>"


def _escape(text: str) -> str:
    return quoteattr(text)[1:-1]


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    prefix, local = tag.split(":")
    el = etree.SubElement(parent, f"{{{NS[prefix]}}}{local}")
    for name, value in attrs.items():
        p, _, a = name.partition("_")
        el.set(f"{{{NS[p]}}}{a.replace('_', '-')}", value)
    return el


def _table(sheet: annex.Sheet, number: int, automatic: list[str]) -> etree._Element:
    """One sheet as a table:table element, its column and row styles added to *automatic*."""
    table = etree.Element(f"{_T}table", nsmap={k: NS[k] for k in ("table", "text", "office")})
    table.set(f"{_T}name", sheet.name)
    table.set(f"{_T}style-name", f"ta{number}")
    automatic.append(
        f'<style:style style:name="ta{number}" style:family="table" style:master-page-name="附件{number}">'
        '<style:table-properties table:display="true"'
        ' style:writing-mode="lr-tb"/></style:style>'
    )
    for column, width in enumerate(sheet.widths, start=1):
        name = f"co{number}-{column}"
        automatic.append(
            f'<style:style style:name="{name}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{_cm(_column_cm(width))}"/></style:style>'
        )
        _el(table, "table:table-column", table_style_name=name, table_default_cell_style_name="Default")
    heights: dict[float, str] = {}
    parent = table
    for index, row in enumerate(sheet.rows, start=1):
        if index == annex.HEADER_ROW:
            parent = _el(table, "table:table-header-rows")  # repeated on every printed page
        elif index == annex.HEADER_ROW + 1:
            parent = table
        element = _el(parent, "table:table-row")
        if row.cells:
            style = heights.get(row.height)
            if style is None:
                style = heights[row.height] = f"ro{number}-{len(heights) + 1}"
                automatic.append(
                    f'<style:style style:name="{style}" style:family="table-row">'
                    f'<style:table-row-properties style:row-height="{row.height:g}pt"'
                    ' style:use-optimal-row-height="false"/></style:style>'
                )
            element.set(f"{_T}style-name", style)
        if row.start > 1 and row.cells:  # the 附件 label stands in the last column
            _el(element, "table:table-cell", table_number_columns_repeated=str(row.start - 1))
        for i, (value, kind) in enumerate(row.cells):
            _cell(element, value, kind, row.span if i == len(row.cells) - 1 else 1)
        if not row.cells:
            _el(element, "table:table-cell")
    return table


def _cell(row: etree._Element, value: str | int, kind: str, span: int) -> None:
    name = CELL_STYLES[kind][0]
    cell = etree.SubElement(row, f"{_T}table-cell")
    if value == "":
        cell.set(f"{_T}style-name", name)  # an empty cell, as Excel's: no empty string value
    elif isinstance(value, str):
        cell.set(f"{_T}style-name", name + AS_TEXT if annex.formula_like(value) else name)
        cell.set(f"{_OFFICE}value-type", "string")
        lines = value.split("\n")
        for line in lines:
            etree.SubElement(cell, f"{_TEXT}p").text = line
    else:
        cell.set(f"{_T}style-name", name)
        cell.set(f"{_OFFICE}value-type", "float")
        cell.set(f"{_OFFICE}value", str(value))
        etree.SubElement(cell, f"{_TEXT}p").text = str(value)
    if span > 1:
        cell.set(f"{_T}number-columns-spanned", str(span))
        cell.set(f"{_T}number-rows-spanned", "1")
        covered = etree.SubElement(row, f"{_T}covered-table-cell")
        if span > 2:
            covered.set(f"{_T}number-columns-repeated", str(span - 1))


def _settings(sheets: list[annex.Sheet]) -> bytes:
    """settings.xml: each sheet's rows above the data frozen (LibreOffice's view settings)."""

    def item(name: str, kind: str, value: object) -> str:
        return f'<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>'

    tables = "".join(
        f'<config:config-item-map-entry config:name={quoteattr(sheet.name)}>'
        + item("HorizontalSplitMode", "short", 0) + item("VerticalSplitMode", "short", 2)
        + item("HorizontalSplitPosition", "int", 0) + item("VerticalSplitPosition", "int", annex.HEADER_ROW)
        + item("ActiveSplitRange", "short", 2) + item("PositionLeft", "int", 0)
        + item("PositionRight", "int", 0) + item("PositionTop", "int", 0)
        + item("PositionBottom", "int", annex.HEADER_ROW)
        + "</config:config-item-map-entry>"
        for sheet in sheets
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-settings xmlns:office="{NS["office"]}" xmlns:config="{NS["config"]}"'
        ' xmlns:ooo="http://openoffice.org/2004/office" office:version="1.4"><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        + item("ViewId", "string", "view1")
        + f'<config:config-item-map-named config:name="Tables">{tables}</config:config-item-map-named>'
        + item("ActiveTable", "string", _escape(sheets[0].name))
        + "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    ).encode("utf-8")


def ods_bytes(meeting: Meeting) -> bytes:
    from odfdo import Document, Element

    sheets = annex.sheets(meeting)
    doc = Document("spreadsheet")
    prepare_package(doc, annex.heading(meeting, "合作案件清冊"))
    fonts, styles, automatic, master = _styles_xml(sheets)
    styles_part = doc.get_part("styles.xml")
    for tag, xml in (("office:font-face-decls", fonts), ("office:styles", styles),
                     ("office:automatic-styles", automatic), ("office:master-styles", master)):
        replace_children(styles_part, tag, xml)

    content = doc.get_part("content.xml")
    replace_children(content, "office:font-face-decls", fonts)
    body = doc.body
    body.clear()
    column_and_row_styles: list[str] = []
    for number, sheet in enumerate(sheets, start=1):
        # Into the body's own lxml tree: wrapping a 5,000-row table in odfdo's Table builds a
        # cache of every row with one XPath union each, which libxml2 answers in time that
        # grows with the document (2 s at 5,000 rows, 9 s at 10,000).
        body._xml_element.append(_table(sheet, number, column_and_row_styles))
    register = sheets[0]
    last = annex.HEADER_ROW + register.filter_rows
    name = register.name.replace("'", "''")
    columns = chr(ord("A") + register.columns - 1)
    body.append(Element.from_tag(
        '<table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__0"'
        f" table:target-range-address=\"'{_escape(name)}'.A{annex.HEADER_ROW}:'{_escape(name)}'"
        f'.{columns}{last}" table:display-filter-buttons="true"/></table:database-ranges>'
    ))
    replace_children(content, "office:automatic-styles",
             f"<office:automatic-styles>{''.join(column_and_row_styles)}</office:automatic-styles>")
    doc.set_part("settings.xml", _settings(sheets))
    # odfdo's save pads every table to a full width of columns, through the same row cache;
    # these tables declare every column already, so the pass would only cost time.
    doc.normalize_tables = lambda: None  # type: ignore[method-assign]

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return ods_bytes(source.meeting)
