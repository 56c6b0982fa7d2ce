"""The English interface: every string translated, the .qm current, the window really in English."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from recorder_app.gui.app import application, install_translation, open_window
from recorder_app.gui.main_window import MainWindow
from recorder_app.storage.meetings import list_meetings

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "update_translations", ROOT / "tools" / "update_translations.py"
)
assert _spec is not None and _spec.loader is not None
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

TS = tool.ts_path("en")
QM = tool.qm_path("en")
PLACEHOLDER = re.compile(r"%\d")
MENU_BAR = ["&File", "&Edit", "&Meeting", "&View", "&Help"]


def messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    """(context, source, <translation> element) for every message of a .ts file."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (name, message.findtext("source"))
            yield name, message.findtext("source") or "", translation


def mnemonics(text: str) -> list[str]:
    """The characters marked with a single & ('&&' is a literal ampersand)."""
    return [m.group(1).casefold() for m in re.finditer(r"(?<!&)&([^&\s])", text.replace("&&", ""))]


def test_every_message_has_a_finished_translation_with_the_same_placeholders_and_one_mnemonic() -> None:
    """Every .ts message is translated, keeps its %n placeholders and has one & where the source has."""
    problems = []
    count = 0
    for context, source, translation in messages(TS):
        count += 1
        text = translation.text or ""
        where = f"{context}: {source!r} -> {text!r}"
        if not context:
            problems.append(f"message outside any context (a bare tr() lupdate cannot place): {where}")
        if translation.get("type"):
            problems.append(f"{translation.get('type')}: {where}")
        # Blank only for a spin-box suffix like ' 次', which English does not need.
        if not text or (not text.strip() and not source.startswith(" ")):
            problems.append(f"empty: {where}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"placeholders differ: {where}")
        if len(mnemonics(text)) != len(mnemonics(source)) or len(mnemonics(source)) > 1:
            problems.append(f"mnemonic count differs: {where}")
    assert count > 100
    assert not problems, "\n".join(problems)


def test_the_shipped_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    """recorder_en.qm is byte for byte what lrelease makes of recorder_en.ts, and answers every message."""
    rebuilt = tmp_path / "recorder_en.qm"
    tool.lrelease(TS, rebuilt)
    assert rebuilt.read_bytes() == QM.read_bytes(), "stale .qm: run python tools/update_translations.py"
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, translation in messages(TS):
        assert translator.translate(context, source) == translation.text, (context, source)


def test_lupdate_finds_no_string_missing_from_the_ts(tmp_path: Path) -> None:
    """Every translatable string of recorder_app/gui/ is in the .ts, and the .ts has none the code lost."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    tool.lupdate(copy, "en")
    shipped = {(c, s) for c, s, _ in messages(TS)}
    current = {(c, s) for c, s, _ in messages(copy)}
    assert current - shipped == set(), "new strings: run python tools/update_translations.py and translate"
    assert shipped - current == set(), "strings gone from the code: run python tools/update_translations.py"
    assert [(c, s) for c, s, t in messages(copy) if t.get("type")] == []


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[QApplication]:
    """The application with the English translator installed; Chinese again afterwards."""
    app = application()
    install_translation(app, "en")
    try:
        yield app
    finally:
        install_translation(app, "zh_TW")


def _open(qtbot: QtBot, path: Path) -> MainWindow:
    window = open_window(path)
    qtbot.addWidget(window)
    return window


def test_the_window_opens_in_english_and_in_chinese_again(
    qtbot: QtBot, english: QApplication, tmp_path: Path
) -> None:
    """With the English .qm the menus and start page are English; after zh_TW a new window is Chinese."""
    window = _open(qtbot, tmp_path / "m.sqlite3")
    assert [a.text() for a in window.menuBar().actions()] == MENU_BAR  # the first one is "&File"
    assert window.windowTitle() == "Meeting Minutes"
    sample = window.start.findChild(QAbstractButton, "start-sample")
    assert sample is not None and sample.text() == "Open &sample meeting"
    buttons = [b.text() for b in window.start.findChildren(QAbstractButton)]
    assert not [t for t in buttons if re.search(r"[\u4e00-\u9fff]", t)], buttons
    window.close()

    install_translation(english, "zh_TW")
    chinese = _open(qtbot, tmp_path / "m.sqlite3")
    assert chinese.menuBar().actions()[0].text() == "檔案(&F)"
    sample = chinese.start.findChild(QAbstractButton, "start-sample")
    assert sample is not None and sample.text() == "開啟範例會議(&S)"
    chinese.close()


def _texts(widget: QWidget) -> list[str]:
    """The labels, buttons and group titles that can carry a mnemonic, as shown in *widget*."""
    out = [label.text() for label in widget.findChildren(QLabel)]
    out += [button.text() for button in widget.findChildren(QAbstractButton)]
    out += [box.title() for box in widget.findChildren(QGroupBox)]
    return out


def test_english_mnemonics_do_not_clash(qtbot: QtBot, english: QApplication, tmp_path: Path) -> None:
    """In English no menu, start page or editor gives an Alt letter twice or takes one of the menu bar's."""
    window = _open(qtbot, tmp_path / "m.sqlite3")
    bar = [letter for a in window.menuBar().actions() for letter in mnemonics(a.text())]
    assert bar == ["f", "e", "m", "v", "h"]
    clashes = []

    def check(where: str, texts: list[str], reserved: list[str]) -> None:
        letters = [letter for t in texts for letter in mnemonics(t)]
        doubled = {x for x in letters if letters.count(x) > 1 or x in reserved}
        if doubled:
            clashes.append(f"{where}: {sorted(doubled)} in {texts}")

    for action in window.menuBar().actions():
        menu = action.menu()
        assert menu is not None
        check(action.text(), [a.text() for a in menu.actions()], [])
    check("start page", _texts(window.start), bar)
    window.open_meeting(list_meetings(window.db)[0].id)
    assert window.view is not None
    for editor in [window.view.header_editor, *window.view.editors.values()]:
        check(type(editor).__name__, _texts(editor), bar)
    assert not clashes, "\n".join(clashes)
    window.close()
