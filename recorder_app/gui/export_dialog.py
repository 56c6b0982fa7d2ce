"""The export dialog: which formats, into which folder; remembered for next time.

The formats are the registry's (recorder_app/export/formats.py), in its order: ODF first,
what electronic 公文 attachments must be. The chosen formats and folder are kept in QSettings;
the first time the folder is the user's Documents folder, and a remembered folder that no
longer exists (a USB stick taken out) falls back to it, never to a folder that is not there.
Files already in the folder are named and the user asked before they are replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recorder_app.core.model import Meeting
from recorder_app.export import formats

FORMATS_KEY = "export/formats"
FOLDER_KEY = "export/folder"


# The registry's labels as lupdate sees them, so the English window shows English names;
# tests/test_window_export.py holds this list equal to the registry's.
FORMAT_LABELS = (
    QT_TRANSLATE_NOOP("formats", "ODF 會議紀錄（.odt，公文附件：可編輯）"),
    QT_TRANSLATE_NOOP("formats", "ODF 附件（.ods，合作案件清冊）"),
    QT_TRANSLATE_NOOP("formats", "PDF 會議紀錄（.pdf，公文附件：不可編輯）"),
    QT_TRANSLATE_NOOP("formats", "Word 會議紀錄"),
    QT_TRANSLATE_NOOP("formats", "Excel 附件（合作案件清冊）"),
    QT_TRANSLATE_NOOP("formats", "純文字會議紀錄"),
    QT_TRANSLATE_NOOP("formats", "會議資料（JSON，可匯入另一台電腦）"),
)


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def remembered_folder() -> Path:
    saved = str(QSettings().value(FOLDER_KEY, "") or "")
    return Path(saved) if saved and Path(saved).is_dir() else documents_folder()


def remembered_formats() -> list[str]:
    """The formats chosen last time (in registry order), or the registry's defaults."""
    saved = QSettings().value(FORMATS_KEY)
    if isinstance(saved, str):
        saved = [saved] if saved else []
    known = formats.formats()
    keys = [k for k in known if k in (saved or [])]
    return keys or formats.defaults()


def remember(keys: list[str], folder: Path) -> None:
    settings = QSettings()
    settings.setValue(FORMATS_KEY, list(keys))
    settings.setValue(FOLDER_KEY, str(folder))


class ExportDialog(QDialog):
    """Emits ``chosen(keys, folder, with_comments)`` once the user confirmed (and agreed to
    replace files). *open_comments*: how many comments the draft's Word and ODF files would
    carry; the reader sees the number and may leave them out (a draft sent out officially)."""

    chosen = Signal(list, Path, bool)

    def __init__(self, meeting: Meeting, parent: QWidget | None = None, open_comments: int = 0) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle(self.tr("匯出會議紀錄"))
        self.setObjectName("export-dialog")
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("公文附件：可編輯的請用 ODF（.odt／.ods），不可編輯的請用 PDF。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        box = QGroupBox(self.tr("格式"))
        column = QVBoxLayout(box)
        self.boxes: dict[str, QCheckBox] = {}
        checked = set(remembered_formats())
        for fmt in formats.formats().values():
            check = QCheckBox(QCoreApplication.translate("formats", fmt.label))
            check.setObjectName(f"format-{fmt.key}")
            check.setChecked(fmt.key in checked)
            column.addWidget(check)
            self.boxes[fmt.key] = check
        layout.addWidget(box)
        self.with_comments = QCheckBox(
            self.tr("附上 %1 則未解決的批註（Word、ODF；送審閱用，正式發文請取消）(&M)")
            .replace("%1", str(open_comments))
        )
        self.with_comments.setObjectName("export-comments")
        self.with_comments.setChecked(True)  # the draft goes round for review with its comments
        self.with_comments.setVisible(open_comments > 0)
        layout.addWidget(self.with_comments)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("資料夾：")))
        self.folder = QLineEdit(str(remembered_folder()))
        self.folder.setObjectName("export-folder")
        row.addWidget(self.folder, 1)
        browse = QPushButton(self.tr("瀏覽(&B)…"))
        browse.setObjectName("export-browse")
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        row.addWidget(browse)
        layout.addLayout(row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("匯出(&E)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("export-ok")
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.question: QMessageBox | None = None
        self.resize(560, self.sizeHint().height())

    def keys(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    @Slot()
    def browse(self) -> None:
        start = self.folder.text().strip()
        if not start or not Path(start).is_dir():
            start = str(documents_folder())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("匯出到資料夾"), start)
        if chosen:
            self.folder.setText(chosen)

    def targets(self) -> dict[str, Path]:
        return formats.paths_in(self.meeting, Path(self.folder.text().strip()), self.keys())

    @Slot()
    def _confirm(self) -> None:
        keys = self.keys()
        folder = Path(self.folder.text().strip()).expanduser()
        if not keys:
            self._warn(self.tr("請至少選一種格式。"))
            return
        if not str(folder) or not folder.is_dir():
            self._warn(self.tr("資料夾不存在：%1").replace("%1", str(folder)))
            return
        self.folder.setText(str(folder))
        existing = [p for p in self.targets().values() if p.exists()]
        if not existing:
            self._done()
            return
        self.question = QMessageBox(
            QMessageBox.Icon.Question, self.tr("取代已有的檔案？"),
            self.tr("資料夾中已有下列檔案，匯出會取代它們：\n%1").replace(
                "%1", "\n".join(p.name for p in existing)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )
        self.question.setObjectName("export-replace")
        self.question.button(QMessageBox.StandardButton.Yes).setText(self.tr("取代(&R)"))
        self.question.button(QMessageBox.StandardButton.No).setText(self.tr("不要取代(&N)"))
        self.question.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps the files
        self.question.finished.connect(self._answered)
        self.question.open()

    @Slot(int)
    def _answered(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self._done()

    def _warn(self, text: str) -> None:
        self.question = QMessageBox(QMessageBox.Icon.Warning, self.tr("無法匯出"), text,
                                    QMessageBox.StandardButton.Ok, self)
        self.question.setObjectName("export-problem")
        self.question.open()

    def _done(self) -> None:
        keys, folder = self.keys(), Path(self.folder.text().strip())
        remember(keys, folder)
        self.accept()
        self.chosen.emit(keys, folder, self.with_comments.isChecked())
