"""Every kind of file the program writes from a meeting: the registry of export formats.

Each format is one module of ``recorder_app.export`` with a ``render(source) -> bytes`` and
one line in ``FORMATS`` below (its key, name in words, suffix and file name). The command
line's flags (``--docx OUT``…), the window's export choices, the file names and the export
itself all come from here, so a new format is one module and its line. The registry imports
no format module until a file is rendered: the command line reads it at every start, and
python-docx, openpyxl and the models cost a quarter of a second to import.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder_app.core.document import Minutes
    from recorder_app.core.model import Meeting
    from recorder_app.export.docx_export import WordComment

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class Source:
    """What a format renders: the meeting, and its minutes composed once for every format;
    the comments (批註) for the formats that show them (Word, ODF text)."""

    def __init__(self, meeting: Meeting, comments: tuple[WordComment, ...] = ()) -> None:
        self.meeting = meeting
        self.comments = comments

    @functools.cached_property
    def minutes(self) -> Minutes:
        from recorder_app.core.compose import compose

        return compose(self.meeting)


@dataclass(frozen=True)
class Format:
    key: str  # "docx": the command line's --docx, the window's setting
    label: str  # the file in words: Word 會議紀錄
    suffix: str  # ".docx", for file dialogs
    name: str  # the file's name, from the minutes' title: "{title}_合作案件清冊.xlsx"
    module: str  # the module under recorder_app.export whose render() writes it
    default: bool = False  # what the window exports unless told otherwise
    comments: bool = False  # it carries a draft's open comments (批註) for the reader to see

    @property
    def render(self) -> Callable[[Source], bytes]:
        module = importlib.import_module(f"recorder_app.export.{self.module}")
        return module.render  # type: ignore[no-any-return]

    def file_name(self, meeting: Meeting) -> str:
        """The file's name for *meeting*, safe on Windows."""
        from recorder_app.core.compose import title

        safe = _UNSAFE.sub("_", title(meeting)).strip(" .") or "會議紀錄"
        return self.name.format(title=safe)


# The order is the order of the command line's flags, of the window's choices and of the
# files written: ODF first, the formats electronic 公文 attachments must be (editable ones ODF,
# non-editable ones PDF), then Word and Excel for those who still edit there.
FORMATS = (
    Format("odt", "ODF 會議紀錄（.odt，公文附件：可編輯）", ".odt", "{title}.odt", "odt_export",
           default=True, comments=True),
    Format("ods", "ODF 附件（.ods，合作案件清冊）", ".ods", "{title}_合作案件清冊.ods", "ods_export",
           default=True),
    Format("pdf", "PDF 會議紀錄（.pdf，公文附件：不可編輯）", ".pdf", "{title}.pdf", "pdf_export"),
    Format("docx", "Word 會議紀錄", ".docx", "{title}.docx", "docx_export", default=True, comments=True),
    Format("xlsx", "Excel 附件（合作案件清冊）", ".xlsx", "{title}_合作案件清冊.xlsx", "xlsx_export",
           default=True),
    Format("text", "純文字會議紀錄", ".txt", "{title}.txt", "text_export"),
    Format("json", "會議資料（JSON，可匯入另一台電腦）", ".json", "{title}.json", "json_export"),
)


@functools.cache
def formats() -> dict[str, Format]:
    """Every registered format by key, in registry order."""
    found = {fmt.key: fmt for fmt in FORMATS}
    assert len(found) == len(FORMATS), "an export format key is registered twice"
    return found


def defaults() -> list[str]:
    """The keys of the formats exported unless told otherwise (ODF, Word and Excel)."""
    return [fmt.key for fmt in FORMATS if fmt.default]


def carry_comments(keys: Iterable[str]) -> bool:
    """Whether any of these formats shows a draft's comments (Word comments, ODF annotations)."""
    return any(formats()[key].comments for key in keys)


def paths_in(meeting: Meeting, folder: Path, keys: list[str] | tuple[str, ...]) -> dict[str, Path]:
    """Where each format's file goes when exported into *folder*."""
    return {key: Path(folder) / formats()[key].file_name(meeting) for key in keys}


def export(
    meeting: Meeting,
    targets: Mapping[str, Path],
    progress: Callable[[int, str], None] | None = None,
    comments: tuple[WordComment, ...] = (),
) -> list[Path]:
    """Write *targets* (format key → path): every file rendered first, then all replaced
    together (``atomic.write_all``), so a failure leaves the previous files as they were.
    *progress* hears (files done, file being made). Returns the paths written, in registry
    order."""
    from recorder_app.core.atomic import ExportFailed, write_all

    known = formats()
    if unknown := sorted(set(targets) - set(known)):
        raise ValueError(f"unknown export formats {unknown}")
    source = Source(meeting, comments)
    ordered = [(key, Path(targets[key])) for key in known if key in targets]
    files: dict[Path, bytes] = {}
    for done, (key, path) in enumerate(ordered):
        if progress:
            progress(done, path.name)
        try:
            files[path] = known[key].render(source)
        except UnicodeEncodeError as e:  # only text that bypassed the model's cleaning (a bug)
            raise ExportFailed(f"{path}：第 {e.start} 個字元無法以 UTF-8 寫出；原有檔案未被更動") from None
    write_all(files)
    if progress:
        progress(len(ordered), "")
    return [path for _, path in ordered]
