"""The Excel annex (案件清冊 + 小組統計): right rows, right numbers, safe text, safe writes."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from recorder_app.core import atomic
from recorder_app.core.atomic import ExportFailed
from recorder_app.core.compose import summary_sentence
from recorder_app.core.model import Case, CaseDecision, Meeting, Proposal, WorkingGroup
from recorder_app.export import xlsx_export
from recorder_app.export.xlsx_export import write_xlsx, xlsx_bytes

# Expected figures are typed from the reference minutes (seed-minutes-113-07-11.txt, 柒、二:
# 同意解列 24 案、新增 12 案及確認執行中 51 案) and DOMAIN.md, never taken from the program.
REFERENCE_SUMMARY = "同意解列 24 案、新增 12 案及確認執行中 51 案。"
REFERENCE_ADDED, REFERENCE_DELISTED, REFERENCE_CONTINUING = 12, 24, 51
GROUPS = ["交通組", "災防組", "教育文化組", "產業民生組", "都會發展組", "衛生社福組",
          "環境資源組", "觀光文創組"]
CONTINUING_PER_GROUP = [16, 8, 4, 2, 4, 8, 2, 7]
REGISTER_HEADERS = ["項次", "議題小組", "案件名稱", "共同議題", "本次決議", "列管狀態",
                    "首次列管會議", "備註"]
SUMMARY_HEADERS = ["議題小組", "同意新增", "同意解列", "持續列管", "不同意新增", "待決",
                   "列管中合計"]
HOSTILE = ["=1+1", "+SUM(A1)", "-2", "@x", "＝1+1", "=HYPERLINK(\"http://x\",\"y\")"]
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _book(meeting: Meeting) -> Workbook:
    return load_workbook(io.BytesIO(xlsx_bytes(meeting)))


def _header_row(ws: Worksheet, headers: list[str]) -> int:
    """Where the table starts: found by its headers, whatever title rows sit above (the
    register's 共同議題 column is there only when some case has a theme)."""
    for row in ws.iter_rows(min_row=1, max_row=6):
        values = [c.value for c in row if c.value is not None]
        if values and values == [h for h in headers if h in values]:
            return row[0].row
    raise AssertionError(f"no header row {headers} in {ws.title}")


def _headers(ws: Worksheet, headers: list[str]) -> list[str]:
    return [c.value for c in ws[_header_row(ws, headers)] if c.value is not None]


def _register(book: Workbook) -> list[dict[str, object]]:
    ws = book["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    shown = _headers(ws, REGISTER_HEADERS)
    rows = ws.iter_rows(min_row=header + 1, max_col=len(shown), values_only=True)
    return [{h: dict(zip(shown, r, strict=True)).get(h) for h in REGISTER_HEADERS} for r in rows if any(r)]


def _summary(book: Workbook) -> dict[str, list[object]]:
    ws = book["小組統計"]
    header = _header_row(ws, SUMMARY_HEADERS)
    out: dict[str, list[object]] = {}
    for row in ws.iter_rows(min_row=header + 1, max_col=len(SUMMARY_HEADERS)):
        if row[0].value in (*GROUPS, "合計") or (row[0].value and row[1].data_type == "n"):
            out[row[0].value] = [c.value for c in row[1:]]
    return out


def _sheet_texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _raw_sheets(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")}


# --- the case register ----------------------------------------------------------------------


def test_register_has_one_row_per_case_in_reference_counts(sample: Meeting) -> None:
    """87 case rows (12 added + 24 delisted + 51 continuing), numbered 1..N in group order."""
    rows = _register(_book(sample))
    assert len(rows) == REFERENCE_ADDED + REFERENCE_DELISTED + REFERENCE_CONTINUING == 87
    assert [r["項次"] for r in rows] == list(range(1, 88))
    decisions = [r["本次決議"] for r in rows]
    assert decisions.count("同意新增") == REFERENCE_ADDED
    assert decisions.count("同意解列") == REFERENCE_DELISTED
    assert decisions.count("持續列管") == REFERENCE_CONTINUING
    order = list(dict.fromkeys(r["議題小組"] for r in rows))
    assert order == GROUPS
    assert [r["案件名稱"] for r in rows] == [c.title for _, c in sample.cases()]


def test_register_row_contents_and_status(sample: Meeting) -> None:
    """Each row carries its decision, the derived 列管狀態, first meeting and note."""
    rows = {r["案件名稱"]: r for r in _register(_book(sample))}
    added = rows["跨市設置通勤綠廊標誌牌面"]
    assert (added["議題小組"], added["本次決議"], added["列管狀態"]) == (
        "交通組", "同意新增", "列管中（本次新增）")
    assert added["首次列管會議"] == "第 3 次副市長層級會議"
    delisted = rows["共享轄內大貨車車籍資料"]
    assert (delisted["本次決議"], delisted["列管狀態"]) == ("同意解列", "解除列管")
    themed = rows["新興能源經驗交流合作案"]
    assert themed["共同議題"] == "氣候變遷因應及調適"
    placeholders = [r for t, r in rows.items() if t.startswith("(樣本)")]
    assert len(placeholders) == REFERENCE_CONTINUING
    assert all(r["本次決議"] == "持續列管" and r["列管狀態"] == "列管中" for r in placeholders)
    assert all("樣本" in str(r["備註"]) for r in placeholders)


def test_pending_and_refused_proposals(sample: Meeting) -> None:
    """An undecided proposal reads 待決/待決, a refused one 不同意新增/未列管; both are counted."""
    traffic = sample.groups[0]
    traffic.cases[0].decision = None  # 提案新增, not yet decided
    traffic.cases[1].decision = CaseDecision.REJECT
    book = _book(sample)
    rows = {r["案件名稱"]: r for r in _register(book)}
    pending, refused = rows[traffic.cases[0].title], rows[traffic.cases[1].title]
    assert (pending["本次決議"], pending["列管狀態"]) == ("待決", "待決")
    assert (refused["本次決議"], refused["列管狀態"]) == ("不同意新增", "未列管")
    # 交通組 was 2 added, 3 delisted, 16 continuing: both additions are gone from 列管中.
    assert _summary(book)["交通組"] == [0, 3, 16, 1, 1, 16]


# --- the per-group summary ------------------------------------------------------------------


def test_summary_totals_match_reference(sample: Meeting) -> None:
    """小組統計's 合計 row and summary line equal the reference minutes' figures."""
    book = _book(sample)
    summary = _summary(book)
    assert summary["合計"] == [REFERENCE_ADDED, REFERENCE_DELISTED, REFERENCE_CONTINUING, 0, 0,
                               REFERENCE_ADDED + REFERENCE_CONTINUING]
    assert list(summary) == [*GROUPS, "合計"]
    assert [summary[g][2] for g in GROUPS] == CONTINUING_PER_GROUP
    assert REFERENCE_SUMMARY in _sheet_texts(book["小組統計"])


def test_summary_traffic_group(sample: Meeting) -> None:
    """交通組's row: 2 added, 3 delisted, 16 continuing, 18 tracked, as written numbers."""
    ws = _book(sample)["小組統計"]
    row = next(r for r in ws.iter_rows() if r[0].value == "交通組")
    assert [c.value for c in row[1:7]] == [2, 3, 16, 0, 0, 18]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in row[1:7])


def test_changed_decision_moves_sheet_and_sentence_together(sample: Meeting) -> None:
    """Delisting one continuing case changes the register, the totals and the sentence alike."""
    case = next(
        c for g, c in sample.cases() if g.name == "交通組" and c.outcome is CaseDecision.CONTINUE
    )
    case.decision = CaseDecision.DELIST
    book = _book(sample)
    row = next(r for r in _register(book) if r["案件名稱"] == case.title)
    assert (row["本次決議"], row["列管狀態"]) == ("同意解列", "解除列管")
    summary = _summary(book)
    assert summary["交通組"][:3] == [2, 4, 15]
    assert summary["合計"][:3] == [12, 25, 50]
    expected = "同意解列 25 案、新增 12 案及確認執行中 50 案。"
    assert summary_sentence(sample) == expected
    assert expected in _sheet_texts(book["小組統計"])
    assert REFERENCE_SUMMARY not in _sheet_texts(book["小組統計"])


def test_empty_meeting_exports(sample: Meeting) -> None:
    """A meeting without cases still yields a valid annex: headers, zero totals, a filter."""
    sample.groups = []
    book = _book(sample)
    assert _register(book) == []
    ws = book["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    assert "共同議題" not in _headers(ws, REGISTER_HEADERS)  # no case, no theme: no empty column
    assert ws.auto_filter.ref == f"A{header}:G{header}"
    assert _summary(book)["合計"] == [0, 0, 0, 0, 0, 0]


# --- layout ---------------------------------------------------------------------------------


def test_register_print_and_view_setup(sample: Meeting) -> None:
    """Header frozen, filter over the table, A4 landscape fit to width, header row repeated."""
    ws = _book(sample)["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:H{header + 87}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
    assert "&P" in (ws.oddFooter.center.text or "")


def test_register_header_style_and_widths(sample: Meeting) -> None:
    """Header cells are bold, filled, boxed, centred and wrapped; 案件名稱 is the widest
    column, and long titles wrap within it."""
    ws = _book(sample)["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    for cell in ws[header][: len(REGISTER_HEADERS)]:
        assert cell.font.b and cell.fill.fill_type == "solid"
        assert cell.border.bottom.style == "thin"
        assert cell.alignment.horizontal == "center" and cell.alignment.wrap_text
    width = {k: ws.column_dimensions[k].width for k in "ABCDEFGH"}
    assert width["C"] == max(width.values())
    assert ws.cell(row=header + 1, column=3).alignment.wrap_text


@pytest.mark.parametrize("themes", [True, False], ids=["with 共同議題", "without"])
def test_the_printed_annex_is_readable_and_labelled(sample: Meeting, themes: bool) -> None:
    """Printed on A4 landscape, fit to one page wide, the text is at least 10 pt (it was about
    7 pt); the annex carries its 附件 label above the title, the title once (no page header
    repeating it), and the Word file's footer: the page number, centred, in 標楷體."""
    from recorder_app.export.xlsx_export import PRINTABLE_WIDTH_PT, column_points

    if not themes:
        for _, case in sample.cases():
            case.theme = ""
    book = _book(sample)
    for ws in book.worksheets:
        columns = [ws.column_dimensions[c.column_letter].width for c in ws[_header_row(ws, _all_headers(ws))]]
        scale = min(1.0, PRINTABLE_WIDTH_PT / sum(column_points(w) for w in columns))
        body = ws.cell(row=_header_row(ws, _all_headers(ws)) + 1, column=2).font.sz
        assert body * scale >= 10, (ws.title, body, scale)
        label = [c for c in ws[1] if c.value]
        assert [c.value for c in label] == ["附件 2"]  # the minutes are 附件 1
        assert label[0].alignment.horizontal == "right"
        texts = _sheet_texts(ws)
        assert sum(1 for t in texts if t.startswith(sample.body)) == 1
        assert not (ws.oddHeader.left.text or ws.oddHeader.center.text or ws.oddHeader.right.text)
        assert ws.oddFooter.center.text == "&P" and ws.oddFooter.center.font == "標楷體"


def _all_headers(ws: Worksheet) -> list[str]:
    return REGISTER_HEADERS if ws.title == "案件清冊" else SUMMARY_HEADERS


# --- hostile text ---------------------------------------------------------------------------


def _hostile_meeting(sample: Meeting, titles: list[str]) -> Meeting:
    """Titles assigned after validation, so the exporter's own cleaning is what is tested."""
    cases = [Case(id=f"h{i}", title="x", note="y") for i in range(len(titles))]
    for case, text in zip(cases, titles, strict=True):
        case.title = text
    cases[0].note = "=cmd|' /C calc'!A0"
    sample.groups = [WorkingGroup(name="=群組", cases=cases)]
    return sample


def test_hostile_titles_stay_text(sample: Meeting) -> None:
    """Formula-like titles are written and read back as strings, quote-prefixed, with no <f>."""
    data = xlsx_bytes(_hostile_meeting(sample, HOSTILE))
    for name, xml in _raw_sheets(data).items():
        assert not FORMULA_ELEMENT.search(xml), name
    ws = load_workbook(io.BytesIO(data))["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    cells = [ws.cell(row=header + 1 + i, column=3) for i in range(len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    note = ws.cell(row=header + 1, column=_headers(ws, REGISTER_HEADERS).index("備註") + 1)
    group = ws.cell(row=header + 1, column=2)
    assert (note.value, note.data_type, note.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
    assert (group.value, group.data_type) == ("=群組", "s")
    plain = ws.cell(row=header + 1, column=_headers(ws, REGISTER_HEADERS).index("本次決議") + 1)  # ordinary
    assert plain.data_type == "s" and not plain.quotePrefix


def test_control_characters_and_overlong_text(sample: Meeting) -> None:
    """Control characters are dropped and text over Excel's 32,767 limit is cut with a marker."""
    long_title = "案" * 100_000
    astral = "𠀀" * 20_000  # 40,000 UTF-16 units in 20,000 characters
    meeting = _hostile_meeting(sample, ["前\x00中\x07\x1b後\x0b", long_title, astral])
    ws = _book(meeting)["案件清冊"]
    header = _header_row(ws, REGISTER_HEADERS)
    cleaned, cut, cut_astral = (ws.cell(row=header + i, column=3) for i in (1, 2, 3))
    assert cleaned.value == "前中後"
    assert cut.data_type == "s"
    assert cut.value.endswith("…（全文共 100000 字，已截斷）")
    assert cut.value.startswith("案" * 30_000)
    assert 32_000 < len(cut.value) <= 32_767
    units = len(cut_astral.value.encode("utf-16-le")) // 2
    assert 32_000 < units <= 32_767  # Excel counts UTF-16 units, not Python characters
    assert cut_astral.value.endswith("…（全文共 20000 字，已截斷）")
    cut_astral.value.encode("utf-8")  # no half of a surrogate pair left behind


# --- writing --------------------------------------------------------------------------------


def test_write_xlsx_writes_a_readable_workbook(sample: Meeting, tmp_path: Path) -> None:
    """write_xlsx produces the two sheets, in order, and leaves no temporary file."""
    target = tmp_path / "annex.xlsx"
    write_xlsx(sample, target)
    assert load_workbook(target).sheetnames == ["案件清冊", "小組統計"]
    assert os.listdir(tmp_path) == ["annex.xlsx"]


def test_failed_export_keeps_old_file(
    sample: Meeting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If building the workbook fails, the previous file is byte-identical and no temp is left."""
    target = tmp_path / "annex.xlsx"
    write_xlsx(sample, target)
    before = target.read_bytes()

    def broken(meeting: Meeting) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(xlsx_export, "xlsx_bytes", broken)
    with pytest.raises(RuntimeError, match="boom"):
        write_xlsx(sample, target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["annex.xlsx"]


def test_failed_replace_keeps_old_file(
    sample: Meeting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target locked by Excel (PermissionError on replace) keeps the old file and no temp."""
    target = tmp_path / "annex.xlsx"
    target.write_bytes(b"previous annex")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportFailed, match="Excel"):
        write_xlsx(sample, target)
    assert target.read_bytes() == b"previous annex"
    assert os.listdir(tmp_path) == ["annex.xlsx"]


def test_five_thousand_cases_all_reach_the_sheet() -> None:
    """A 5,000-case register exports whole (its speed is measured in benchmarks/)."""
    decisions = [None, CaseDecision.ADD, CaseDecision.DELIST, CaseDecision.REJECT]
    groups = [
        WorkingGroup(name=name, cases=[
            Case(id=f"g{g}-c{i}", title=f"跨市合作推動第 {i} 項交通與防災資源共享整合計畫",
                 theme="氣候變遷因應及調適" if i % 3 == 0 else "",
                 proposal=Proposal.ADD if i % 5 == 0 else Proposal.NONE,
                 decision=decisions[i % 4] if i % 5 == 0 else None,
                 first_listed="第 2 次副市長層級會議", note="持續追蹤辦理情形" if i % 2 else "")
            for i in range(625)
        ])
        for g, name in enumerate(GROUPS)
    ]
    meeting = Meeting(body="基北北桃合作交流平臺", name="副市長層級會議", ordinal=3,
                      date=dt.date(2024, 7, 11), groups=groups)
    data = xlsx_bytes(meeting)
    assert len(_register(load_workbook(io.BytesIO(data)))) == 5000
