"""Every output of one meeting, composed once: Word minutes, Excel annex, text, JSON."""

from __future__ import annotations

from pathlib import Path

from recorder_app.core.atomic import ExportFailed, write_atomic
from recorder_app.core.compose import compose
from recorder_app.core.interchange import dumps
from recorder_app.core.model import Meeting
from recorder_app.core.plaintext import render_text


def export(
    meeting: Meeting,
    *,
    docx: Path | None = None,
    xlsx: Path | None = None,
    text: Path | None = None,
    json: Path | None = None,
) -> list[Path]:
    """Write the requested files, each atomically; return the paths written, in order."""
    written: list[Path] = []
    minutes = compose(meeting)
    if docx:
        from recorder_app.export.docx_export import write_docx

        write_docx(minutes, docx)
        written.append(docx)
    if xlsx:
        from recorder_app.export.xlsx_export import write_xlsx

        write_xlsx(meeting, xlsx)
        written.append(xlsx)
    if text:
        write_atomic(text, _utf8(render_text(minutes), text))
        written.append(text)
    if json:
        write_atomic(json, _utf8(dumps(meeting), json))
        written.append(json)
    return written


def _utf8(content: str, target: Path) -> bytes:
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError as e:  # only reachable if text bypassed the model's cleaning
        raise ExportFailed(f"{target}：第 {e.start} 個字元無法以 UTF-8 寫出；原有檔案未被更動") from None
