"""The window's export dialog, driven by keys and clicks: the registry's formats ODF first,
the choice and the folder remembered, Documents the first time (never a folder that is not
there), a question before files are replaced, Qt's own words in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from recorder_app.export import formats
from recorder_app.gui import export_dialog
from recorder_app.gui.main_window import MainWindow
from tests.test_window import CTRL, click, export_through_dialog, press


def _open_dialog(qtbot: QtBot, window: MainWindow) -> export_dialog.ExportDialog:
    press(qtbot, Qt.Key.Key_E, CTRL)
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_formats_are_the_registrys_odf_first(qtbot: QtBot, window: MainWindow) -> None:
    """One box per registered format in registry order, ODF first; ODF, Word and Excel ticked;
    the folder offered the first time is an existing one (Documents)."""
    click(qtbot, window, "start-sample")
    dialog = _open_dialog(qtbot, window)
    keys = list(dialog.boxes)
    assert keys == list(formats.formats())
    assert keys[:2] == ["odt", "ods"]
    assert [k for k, box in dialog.boxes.items() if box.isChecked()] == ["odt", "ods", "docx", "xlsx"]
    shown = Path(dialog.folder.text())
    assert shown.is_dir() and shown == export_dialog.documents_folder()
    assert [dialog.boxes[k].text() for k in keys] == [f.label for f in formats.formats().values()]
    dialog.reject()


def test_every_format_label_is_marked_for_translation() -> None:
    """The dialog's lupdate list of labels is the registry's: no format shows untranslated."""
    assert list(export_dialog.FORMAT_LABELS) == [f.label for f in formats.FORMATS]


def test_choice_and_folder_are_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDF and ODF chosen once are what the dialog offers next time, in the same folder."""
    click(qtbot, window, "start-sample")
    out = tmp_path / "公文"
    out.mkdir()
    written = export_through_dialog(qtbot, window, out, monkeypatch, keys=["odt", "pdf"])
    assert [p.suffix for p in written] == [".odt", ".pdf"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in written)
    dialog = _open_dialog(qtbot, window)
    assert [k for k, box in dialog.boxes.items() if box.isChecked()] == ["odt", "pdf"]
    assert dialog.folder.text() == str(out)
    dialog.reject()


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The USB stick of last time is gone: the dialog offers Documents, not a missing folder."""
    click(qtbot, window, "start-sample")
    stick = tmp_path / "usb"
    stick.mkdir()
    export_through_dialog(qtbot, window, stick, monkeypatch, keys=["text"])
    for child in stick.iterdir():
        child.unlink()
    stick.rmdir()
    dialog = _open_dialog(qtbot, window)
    assert Path(dialog.folder.text()) == export_dialog.documents_folder()
    assert Path(dialog.folder.text()).is_dir()
    dialog.reject()


def test_existing_files_are_named_and_kept_unless_the_user_agrees(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exporting again into the same folder asks first, naming the files; 不要取代 (the
    default) leaves them byte-identical, 取代 replaces them."""
    click(qtbot, window, "start-sample")
    out = tmp_path / "out"
    out.mkdir()
    first = export_through_dialog(qtbot, window, out, monkeypatch, keys=["odt", "text"])
    for path in first:
        path.write_bytes(b"last week's")
    assert export_through_dialog(qtbot, window, out, monkeypatch, replace=False) == []
    assert all(p.read_bytes() == b"last week's" for p in first)
    again = export_through_dialog(qtbot, window, out, monkeypatch, replace=True)
    assert again == first and all(p.read_bytes() != b"last week's" for p in first)


def test_the_question_names_the_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replace question lists each file already there, and Enter keeps them."""
    click(qtbot, window, "start-sample")
    out = tmp_path / "out"
    out.mkdir()
    (written,) = export_through_dialog(qtbot, window, out, monkeypatch, keys=["pdf"])
    dialog = _open_dialog(qtbot, window)
    click(qtbot, dialog, "export-ok")
    question = dialog.question
    assert question is not None and written.name in question.text()
    assert question.defaultButton() is question.button(question.StandardButton.No)
    qtbot.keyClick(question, Qt.Key.Key_Return)
    assert not dialog.isVisible() or dialog.result() == 0
    dialog.reject()


def test_nothing_ticked_or_no_folder_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """No format ticked, or a folder typed that does not exist: a message, no export."""
    click(qtbot, window, "start-sample")
    dialog = _open_dialog(qtbot, window)
    for box in dialog.boxes.values():
        box.setChecked(False)
    click(qtbot, dialog, "export-ok")
    assert dialog.question is not None and dialog.question.objectName() == "export-problem"
    dialog.question.accept()
    dialog.boxes["odt"].setChecked(True)
    dialog.folder.selectAll()
    qtbot.keyClicks(dialog.folder, str(tmp_path / "missing"))
    click(qtbot, dialog, "export-ok")
    assert "資料夾不存在" in dialog.question.text()
    assert not (tmp_path / "missing").exists()
    dialog.reject()


def test_qts_own_dialogs_speak_chinese(window: MainWindow) -> None:
    """Qt's translation is loaded in the Chinese window too: the folder dialog and the
    Yes/No buttons are in Chinese, not English."""
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "尋找於："
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
