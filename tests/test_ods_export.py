"""The ODF spreadsheet annex (.ods): the Excel annex cell for cell, the reference tallies,
hostile text kept as text (no formula anywhere), the same print set-up."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook

from recorder_app.core.model import Case, Meeting, WorkingGroup
from recorder_app.core.synthetic import with_cases
from recorder_app.export.ods_export import ods_bytes
from recorder_app.export.xlsx_export import xlsx_bytes
from tests.test_xlsx_export import (
    CONTINUING_PER_GROUP,
    GROUPS,
    HOSTILE,
    REFERENCE_ADDED,
    REFERENCE_CONTINUING,
    REFERENCE_DELISTED,
    REFERENCE_SUMMARY,
    REGISTER_HEADERS,
    SUMMARY_HEADERS,
)

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
T = f"{{{NS['table']}}}"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def _value(cell: etree._Element) -> object:
    kind = cell.get(_q("office:value-type"))
    if kind == "float":
        number = float(cell.get(_q("office:value")))
        return int(number) if number.is_integer() else number
    if kind == "string":
        return "\n".join("".join(p.itertext()) for p in cell.iterfind("text:p", NS))
    return None


def ods_sheets(data: bytes) -> dict[str, list[list[object]]]:
    """Each sheet's rows as values, covered (merged) cells as None, trailing Nones dropped."""
    sheets = {}
    for table in _part(data, "content.xml").iter(f"{T}table"):
        rows = []
        for row in table.iter(f"{T}table-row"):
            values: list[object] = []
            for cell in row:
                repeat = int(cell.get(f"{T}number-columns-repeated", "1"))
                value = _value(cell) if cell.tag == f"{T}table-cell" else None
                values += [value] * repeat
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
        sheets[table.get(f"{T}name")] = rows
    return sheets


def xlsx_sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    out = {}
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
        while rows and not rows[-1]:
            rows.pop()
        out[ws.title] = rows
    return out


@pytest.fixture
def exported(sample: Meeting) -> bytes:
    return ods_bytes(sample)


def test_the_annex_is_the_excel_annex_cell_for_cell(sample: Meeting, exported: bytes) -> None:
    """Same sheets in the same order, same rows, same values: one annex, two formats."""
    assert ods_sheets(exported) == xlsx_sheets(xlsx_bytes(sample))


def test_register_rows_and_tallies_match_the_reference(exported: bytes) -> None:
    """87 case rows under the header; 小組統計's per-group and total figures and the summary
    sentence are the reference minutes' (typed from the reference, not from the program)."""
    sheets = ods_sheets(exported)
    assert list(sheets) == ["案件清冊", "小組統計"]
    register = sheets["案件清冊"]
    assert register[0][-1] == "附件 2" and not any(register[0][:-1])  # after the minutes' 附件 1
    assert register[1] == ["基北北桃合作交流平臺第 3 次副市長層級會議紀錄　合作案件清冊"]
    assert register[2] == list(REGISTER_HEADERS)
    cases = register[3:]
    assert [r[0] for r in cases] == list(range(1, 88))
    decisions = [r[4] for r in cases]
    assert (decisions.count("同意新增"), decisions.count("同意解列"), decisions.count("持續列管")) == (
        REFERENCE_ADDED, REFERENCE_DELISTED, REFERENCE_CONTINUING)
    summary = {r[0]: r[1:] for r in sheets["小組統計"][3:] if r}
    assert sheets["小組統計"][2] == list(SUMMARY_HEADERS)
    assert [summary[g][2] for g in GROUPS] == CONTINUING_PER_GROUP
    assert summary["合計"] == [REFERENCE_ADDED, REFERENCE_DELISTED, REFERENCE_CONTINUING, 0, 0,
                               REFERENCE_ADDED + REFERENCE_CONTINUING]
    assert summary["紀錄摘要句（供核對）"] == [REFERENCE_SUMMARY]


def test_hostile_text_stays_text(sample: Meeting) -> None:
    """Formula-like titles are string cells read back exactly, with a Text number format so
    re-editing keeps them text; no cell anywhere carries a formula."""
    cases = [Case(id=f"h{i}", title="x") for i in range(len(HOSTILE))]
    for case, text in zip(cases, HOSTILE, strict=True):
        case.title = text  # after validation: the exporter's own handling is what is tested
    cases[0].note = "=cmd|' /C calc'!A0"
    sample.groups = [WorkingGroup(name="=群組", cases=cases)]
    data = ods_bytes(sample)
    content = _part(data, "content.xml")
    assert not [c for c in content.iter() if c.get(f"{T}formula") is not None]
    assert b"table:formula" not in zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    header, *rows = ods_sheets(data)["案件清冊"][2:]
    assert "共同議題" not in header  # no case has a theme: no empty column, as in the .xlsx
    assert [r[2] for r in rows] == HOSTILE
    assert rows[0][1] == "=群組" and rows[0][header.index("備註")] == "=cmd|' /C calc'!A0"
    styles = _part(data, "styles.xml")
    as_text = {s.get(_q("style:name")) for s in styles.iterfind(".//style:style", NS)
               if s.get(_q("style:data-style-name")) == "文字格式"}
    cells = [c for c in content.iter(f"{T}table-cell") if c.get(_q("office:value-type")) == "string"]
    for cell in cells:
        first = _value(cell)[:1]
        formula_like = bool(first) and first in "=+-@＝＋－＠"
        assert (cell.get(f"{T}style-name") in as_text) == formula_like, _value(cell)


def test_print_setup_is_the_excel_annexs(exported: bytes) -> None:
    """A4 landscape, one page wide, the header row repeated, the title once (no page header),
    the Word file's footer (the page number, centred, in 標楷體) numbered on across both
    sheets; the rows above the data frozen; a filter over the register."""
    styles = _part(exported, "styles.xml")
    layout = styles.find(".//style:page-layout/style:page-layout-properties", NS)
    assert (layout.get(_q("fo:page-width")), layout.get(_q("fo:page-height"))) == ("29.7cm", "21cm")
    assert layout.get(_q("style:print-orientation")) == "landscape"
    assert (layout.get(_q("style:scale-to-X")), layout.get(_q("style:scale-to-Y"))) == ("1", "0")
    assert layout.get(_q("style:table-centering")) == "horizontal"
    assert layout.get(_q("style:first-page-number")) == "continue"
    for master in styles.iterfind(".//style:master-page", NS):
        footer = master.find("style:footer/style:region-center/text:p", NS)
        assert [etree.QName(c).localname for c in footer] == ["page-number"]
        assert not "".join(master.find("style:header", NS).itertext())
    content = _part(exported, "content.xml")
    for table in content.iter(f"{T}table"):
        header = table.find("table:table-header-rows/table:table-row", NS)
        assert _value(header[0]) in ("項次", "議題小組")
    database = content.find(".//table:database-range", NS)
    assert database.get(f"{T}target-range-address") == "'案件清冊'.A3:'案件清冊'.H90"
    assert database.get(f"{T}display-filter-buttons") == "true"
    settings = _part(exported, "settings.xml")
    for entry in settings.iterfind(".//config:config-item-map-named/config:config-item-map-entry", NS):
        items = {i.get(_q("config:name")): i.text for i in entry}
        assert (items["VerticalSplitMode"], items["VerticalSplitPosition"]) == ("2", "3")


def test_column_widths_follow_the_excel_annex(sample: Meeting, exported: bytes) -> None:
    """案件名稱 is the widest column, 項次 the narrowest, as in the .xlsx."""
    content = _part(exported, "content.xml")
    widths = {s.get(_q("style:name")): float(
        s.find("style:table-column-properties", NS).get(_q("style:column-width"))[:-2])
        for s in content.iterfind(".//style:style[@style:family='table-column']", NS)}
    register = next(content.iter(f"{T}table"))
    columns = [widths[c.get(f"{T}style-name")] for c in register.iterfind("table:table-column", NS)]
    assert len(columns) == 8
    assert columns[2] == max(columns) and columns[0] == min(columns)
    excel = load_workbook(io.BytesIO(xlsx_bytes(sample)))["案件清冊"].column_dimensions
    ratios = [cm / excel[letter].width for cm, letter in zip(columns, "ABCDEFGH", strict=True)]
    assert max(ratios) / min(ratios) < 1.15  # the same proportions (≈ 7 px per Excel unit)


def test_five_thousand_cases_all_reach_the_sheet(sample: Meeting) -> None:
    """A 5,000-case register exports whole (its speed is measured in benchmarks/)."""
    rows = ods_sheets(ods_bytes(with_cases(sample, 5000)))["案件清冊"]
    assert len(rows) == 3 + 5000 and rows[-1][0] == 5000


def test_a_meeting_without_cases_still_makes_an_annex(sample: Meeting) -> None:
    """No register at all (a committee): headers, zero totals, a filter over the header only."""
    sample.groups = []
    data = ods_bytes(sample)
    sheets = ods_sheets(data)
    assert sheets["案件清冊"][2:] == [[h for h in REGISTER_HEADERS if h != "共同議題"]]
    summary = {r[0]: r[1:] for r in sheets["小組統計"][3:] if r}
    assert summary["合計"] == [0, 0, 0, 0, 0, 0]
    database = _part(data, "content.xml").find(".//table:database-range", NS)
    assert database.get(f"{T}target-range-address") == "'案件清冊'.A3:'案件清冊'.G3"
