"""The main window: start page or recording screen, menus with every shortcut visible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QLockFile,
    QObject,
    QSettings,
    QStringListModel,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from recorder_app import __version__
from recorder_app.core.errors import UserError
from recorder_app.gui.notify import ask, warn
from recorder_app.gui.record_views import shown_in_dialog

# The window is on the screen before the meetings file is opened: what opening needs
# (services, hence SQLAlchemy and the pydantic models; the recording view and the export)
# is imported inside the methods that use it, after the first paint (issue 14, start-up).
if TYPE_CHECKING:
    from recorder_app import services
    from recorder_app.gui.recorder_view import RecorderView

GEOMETRY_KEY, STATE_KEY, PANES_KEY = "window/geometry", "window/state", "window/panes"
LANGUAGES = {"zh_TW": "中文（臺灣）", "en": "English"}


class MainWindow(QMainWindow):
    export_done = Signal(list)  # for tests and the benchmark: the files an export wrote
    imported = Signal(int)  # for tests: the meeting an import stored (0: refused)

    def __init__(self, lock: QLockFile | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: services.Database | None = None  # open_file() opens it, once the window is painted
        self.lock = lock  # held while the window is open: one window per database file
        self.view: RecorderView | None = None
        self._export_thread: QThread | None = None
        self._export_worker: QObject | None = None
        self._exporting = False
        self._import_thread: QThread | None = None
        self._after_paint: Callable[[], None] | None = None
        self.setWindowTitle(self.tr("會議紀錄"))
        self._place()
        # What is painted first: the menu bar's titles and a line saying the file is being
        # opened. The rest (the actions, the start page, the recording view) is built once the
        # file is opened (_build), so that nothing slow stands between the start and the window.
        self.pages = QStackedWidget()
        self.opening = QLabel(self.tr("正在開啟會議資料…"))
        self.opening.setObjectName("opening")
        self.pages.addWidget(self.opening)
        self.setCentralWidget(self.pages)
        self.statusBar()
        bar = self.menuBar()
        self.menus = [
            bar.addMenu(title)
            for title in (
                self.tr("檔案(&F)"),
                self.tr("編輯(&E)"),
                self.tr("會議(&M)"),
                self.tr("檢視(&V)"),
                self.tr("說明(&H)"),
            )
        ]
        self._built = False

    def _place(self) -> None:
        """Where the recorder left the window (size, place, maximised), else 1440×860 or the
        screen's free area if that is smaller: a 1366×768 laptop, or 125 % on 1920×1080, must
        not lose the status line or the preview's edge off the screen (issue 14)."""
        settings = QSettings()
        if isinstance(state := settings.value(STATE_KEY), QByteArray):
            self.restoreState(state)
        saved = settings.value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return  # Qt moves it onto a screen that is there now
        screen = self.screen().availableGeometry()
        frame = 40  # the title bar and borders the window manager adds around it
        self.resize(min(1440, screen.width() - frame // 2), min(860, screen.height() - frame))
        self.move(screen.center() - self.rect().center())

    def _remember_place(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        if self.view is not None:
            settings.setValue(PANES_KEY, self.view.splitter.saveState())

    def _toggle_pane(self, which: int) -> None:
        """Ctrl+Shift+1 / Ctrl+Shift+3: fold the agenda or the preview away to give the
        editor the room (at 1366×768 the preview is a dozen characters wide), and back."""
        if self.view is None:
            return
        pane = self.view.splitter.widget(which)
        pane.setVisible(not pane.isVisible())
        if not pane.isVisible() and pane.isAncestorOf(QApplication.focusWidget()):
            self.view.focus_editor()  # the keyboard never stays in a hidden pane

    def _to_pane(self, which: int) -> None:
        """Ctrl+1 / Ctrl+3: the keyboard to the agenda or the preview, unfolding it if folded."""
        assert self.view is not None
        self.view.splitter.widget(which).setVisible(True)
        (self.view.outline if which == 0 else self.view.preview).setFocus()

    def _to_comments(self, *, new: bool = False) -> None:
        """Ctrl+4: the keyboard to the comments beside the preview; Ctrl+Shift+M: to a new
        comment on the item being edited. Either unfolds the preview and its comments."""
        assert self.view is not None
        self.view.splitter.widget(2).setVisible(True)
        pane = self.view.comments
        if new:
            pane.start_comment()
        else:
            pane.setVisible(True)
            pane.setFocus()

    def _toggle_comments(self) -> None:
        assert self.view is not None
        pane = self.view.comments
        pane.setHidden(not pane.isHidden())  # isHidden: its own state, even inside a folded preview
        if pane.isHidden() and pane.isAncestorOf(QApplication.focusWidget()):
            self.view.focus_editor()

    def _build(self) -> None:
        """Everything but the first paint's shell: the menus' actions, the start page, the status line."""
        if self._built:
            return
        self._built = True
        from recorder_app.gui.start_page import StartPage

        self.start = StartPage()
        self.start.open_meeting.connect(self.open_meeting)
        self.start.create.connect(self.create_meeting)
        self.pages.addWidget(self.start)
        self.tallies = QLabel()
        self.tallies.setObjectName("tallies")
        self.saved = QLabel()
        self.saved.setObjectName("savedAt")
        self.statusBar().addWidget(self.tallies, 1)
        self.statusBar().addPermanentWidget(self.saved)
        # The status bar hides the tallies behind a message only if they were on the screen
        # when it came; added after the first paint, they were drawn over it. Say it outright.
        self.statusBar().messageChanged.connect(lambda message: self.tallies.setVisible(not message))
        self._build_menus()
        self._update_actions()

    # -- the meetings file --

    def open_file(self, path: Path) -> None:
        """Open the meetings file *path* (locked by the caller), ready the sample on a first
        start, and resume the meeting the recorder was in. Raises what ``open_database`` raises
        (DatabaseDamaged, UserError); the window then holds no file."""
        from recorder_app import services

        self._build()
        new = not path.exists()
        self.db = services.open_database(path, create=True)
        services.prepare_first_start(self.db)  # the first start has the sample ready
        self.show_start()
        if new:  # the window may create the file; it says so (a typo in --db is then visible)
            created = self.tr("已建立新的會議資料庫：%1").replace("%1", str(path))
            self.statusBar().showMessage(created, 30000)
        resume = services.meeting_to_resume(self.db)
        if resume is not None:
            self.open_meeting(resume)

    def let_go(self) -> None:
        """Give up the file's lock (the file could not be opened, or the window closes)."""
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def after_first_paint(self, job: Callable[[], None]) -> None:
        """Run *job* once the window has been painted on the screen (or soon, if it never is:
        a window started minimised is not exposed)."""
        self._after_paint = job
        self.winId()  # the native window, so that its first expose can be watched
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
        QTimer.singleShot(1000, self._painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched is self.windowHandle() and watched.isExposed():
            # The expose is handled (and the window painted) after this filter returns.
            QTimer.singleShot(0, self._painted)
        return super().eventFilter(watched, event)

    def _painted(self) -> None:
        job, self._after_paint = self._after_paint, None
        if job is not None:
            job()

    # -- menus --

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        self.addAction(action)  # shortcuts work even where the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        file, edit, meeting, view, help_menu = self.menus
        file.addAction(self._action(self.tr("開始頁(&H)"), self.show_start, "Ctrl+Shift+H"))
        self.export_action = self._action(self.tr("匯出紀錄與附件(&E)…"), self.export, "Ctrl+E")
        file.addAction(self.export_action)
        file.addSeparator()
        self.versions_action = self._action(self.tr("版本與核定(&V)…"), self.show_versions, "Ctrl+Shift+V")
        file.addAction(self.versions_action)
        file.addAction(self._action(self.tr("立即備份(&B)"), self.backup_now))
        file.addAction(self._action(self.tr("還原備份(&R)…"), self.restore_backup))
        file.addSeparator()
        file.addAction(self._action(self.tr("結束(&X)"), self.close, QKeySequence.StandardKey.Quit))

        self.undo_action = QAction(self.tr("復原(&U)"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda: self._undo_redo(undo=True))
        self.redo_action = QAction(self.tr("取消復原(&R)"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(lambda: self._undo_redo(undo=False))
        for a in (self.undo_action, self.redo_action):
            self.addAction(a)
            edit.addAction(a)

        self.meeting_actions = [
            self._action(
                self.tr("完成此項並前往下一項(&D)"), lambda: self.view.complete_and_next(), "Ctrl+Return"
            ),
            self._action(self.tr("下一項(&N)"), lambda: self.view.go(+1), "Ctrl+PgDown"),
            self._action(self.tr("上一項(&P)"), lambda: self.view.go(-1), "Ctrl+PgUp"),
            self._action(self.tr("會議資訊(&I)"), lambda: self.view.select(""), "Ctrl+I"),
            self._action(self.tr("案件清冊(&K)"), lambda: self._go_kind("register"), "Ctrl+K"),
            self._action(self.tr("搜尋案件(&F)"), self._search_cases, "Ctrl+F"),
            self._action(self.tr("發言中(&S)"), self._now_speaking, "Ctrl+N"),
            self._action(self.tr("散會(&T)"), self._adjourn, "Ctrl+T"),
            self._action(
                self.tr("新增討論案（臨時動議）(&A)"),
                lambda: self.view.add_item_after_current(),
                "Ctrl+Shift+N",
            ),
            self._action(self.tr("刪除目前項目"), lambda: self.view.remove_current(), "Ctrl+Shift+Delete"),
        ]
        for a in self.meeting_actions:
            meeting.addAction(a)

        self.pane_actions = [
            self._action(self.tr("議程(&1)"), lambda: self._to_pane(0), "Ctrl+1"),
            self._action(self.tr("編輯區(&2)"), lambda: self.view.focus_editor(), "Ctrl+2"),
            self._action(self.tr("紀錄預覽(&3)"), lambda: self._to_pane(2), "Ctrl+3"),
            self._action(self.tr("收合／展開議程(&O)"), lambda: self._toggle_pane(0), "Ctrl+Alt+1"),
            self._action(self.tr("收合／展開紀錄預覽(&W)"), lambda: self._toggle_pane(2), "Ctrl+Alt+3"),
            self._action(self.tr("批註(&4)"), self._to_comments, "Ctrl+4"),
            self._action(self.tr("批註目前項目(&M)"), lambda: self._to_comments(new=True), "Ctrl+Shift+M"),
            self._action(self.tr("收合／展開批註(&C)"), self._toggle_comments, "Ctrl+Alt+4"),
        ]
        for a in self.pane_actions:
            view.addAction(a)
        self.audit_action = self._action(self.tr("修改紀錄(&A)…"), self.show_audit)
        view.addAction(self.audit_action)
        language = view.addMenu(self.tr("介面語言(&L)"))
        current = QSettings().value("language", "zh_TW")
        for code, name in LANGUAGES.items():
            a = QAction(name, self, checkable=True, checked=code == current)
            a.triggered.connect(lambda _=False, c=code: self._set_language(c))
            language.addAction(a)

        help_menu.addAction(self._action(self.tr("快捷鍵一覽(&K)"), self._show_keys, "F1"))
        help_menu.addAction(self._action(self.tr("關於(&A)"), self._about))

    def _undo_redo(self, *, undo: bool) -> None:
        """Ctrl+Z / Ctrl+Y: one step, then show where it changed and say what it was, so that
        an undo never silently reaches into an item that is not on screen (issue 14)."""
        if self.view is None:
            return
        stack = self.view.recorder.stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            nothing = self.tr("沒有可復原的動作") if undo else self.tr("沒有可重做的動作")
            self.statusBar().showMessage(nothing, 5000)
            return
        command = stack.command(stack.index() - 1 if undo else stack.index())
        text = stack.undoText() if undo else stack.redoText()
        stack.undo() if undo else stack.redo()
        # 散會 and the like are macros: the step that names an item says where (the end time
        # set with it is the meeting's own field).
        steps = [command.child(i) for i in range(command.childCount())] or [command]
        keys = [getattr(step, "key", None) for step in steps]
        self.view.reveal(next((k for k in keys if k), None))
        said = self.tr("已復原：%1") if undo else self.tr("已重做：%1")
        self.statusBar().showMessage(said.replace("%1", text), 10000)

    def _update_actions(self) -> None:
        recording = self.view is not None and self.pages.currentWidget() is self.view
        actions = [*self.meeting_actions, *self.pane_actions, self.export_action, self.audit_action]
        for a in [*actions, self.versions_action]:
            a.setEnabled(recording)
        if recording:
            stack = self.view.recorder.stack  # type: ignore[union-attr]
            self.undo_action.setEnabled(stack.canUndo())
            self.redo_action.setEnabled(stack.canRedo())
            self.undo_action.setText(
                self.tr("復原(&U)") + (f"：{stack.undoText()}" if stack.canUndo() else "")
            )
            self.redo_action.setText(
                self.tr("取消復原(&R)") + (f"：{stack.redoText()}" if stack.canRedo() else "")
            )
        else:
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)

    # -- pages --

    def show_start(self) -> None:
        from recorder_app import services

        if self.db is None:
            return  # still opening the file
        if self.view is not None:
            self.view.checkpoint()  # leaving the meeting: all of it into the main file
        self.start.set_meetings(services.meetings(self.db))
        self.start.set_styles(services.style_choices())  # a clerk may have added one meanwhile
        self.pages.setCurrentWidget(self.start)
        self.setWindowTitle(self.tr("會議紀錄"))
        self.tallies.clear()
        self.saved.clear()
        self._update_actions()
        self.start.recent.setFocus()

    def open_meeting(self, meeting_id: int) -> None:
        from recorder_app.gui.recorder_view import RecorderView
        from recorder_app.session import MeetingSession

        try:
            session = MeetingSession(self.db, meeting_id)
        except UserError as e:
            warn(self, self.tr("無法開啟會議"), str(e))
            return
        self._close_view()
        self.view = RecorderView(session)
        panes = QSettings().value(PANES_KEY)
        if isinstance(panes, QByteArray):
            self.view.splitter.restoreState(panes)  # the panes as the recorder left them
        self.view.status_changed.connect(self._status)
        self.view.recorder.stack.indexChanged.connect(self._stack_moved)
        self.pages.addWidget(self.view)
        self.pages.setCurrentWidget(self.view)
        self.view._render_preview()
        from recorder_app.core.model import PRACTICE_MARK

        mark = PRACTICE_MARK if session.meeting.practice else ""  # never taken for the real meeting
        self.setWindowTitle(f"{self.tr('會議紀錄')} — {mark}{session.meeting.body}{session.meeting.name}")
        if session.read_only or session.locked_version is not None:
            # Reading and exporting work; editing would only be refused action by action.
            self.view.editor_stack.setEnabled(False)
            self.view.outline_model.read_only = True
            if session.read_only:
                self.statusBar().showMessage(self.db.read_only_message)
            else:
                self.setWindowTitle(
                    self.windowTitle()
                    + self.tr("（第 %1 版已核定・唯讀）").replace("%1", str(session.locked_version))
                )
                self.statusBar().showMessage(
                    self.tr("這場會議已核定並鎖定；要修改，請在「檔案 ▸ 版本與核定」重新開啟")
                )
        self._update_actions()
        self.view.focus_editor()

    def create_meeting(self, kind: str) -> None:
        """A new meeting the way the start page's button *kind* says (or imported from a file)."""
        from recorder_app import services

        if self.db is None:
            return
        if kind == "import":
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("匯入會議"), "", self.tr("會議檔或交接檔 (*.json *.mrec)")
            )
            if path:
                self.import_meeting(Path(path))
            return
        try:
            style = self.start.chosen_style() if kind in ("platform", "committee") else None
            meeting_id = services.create(self.db, kind, dt.date.today(), style)
        except UserError as e:
            warn(self, self.tr("無法建立會議"), str(e))
            return
        self.open_meeting(meeting_id)

    def import_meeting(self, path: Path, *, replace: bool = False) -> None:
        """Read, check and store a meeting file off the GUI thread (a large one takes seconds),
        behind a progress dialog; then open it, or say why it was refused. A meeting already
        held whose content differs is replaced (as a new version) only after asking."""
        from PySide6.QtCore import Qt  # not at the top: importing Qt's namespace costs 30 ms of start-up

        from recorder_app import review
        from recorder_app.gui.background import run_in_background

        busy = QProgressDialog(self.tr("正在匯入 %1…").replace("%1", path.name), "", 0, 0, self)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(300)
        self._import_progress = busy

        def done(outcome: object) -> None:
            busy.close()
            if isinstance(outcome, review.NeedsConfirmation):
                if ask(self, self.tr("以檔案取代目前內容？"), str(outcome), self.tr("取代並存成新版本(&R)")):
                    self.import_meeting(path, replace=True)
                    return
                self.imported.emit(0)
                return
            assert isinstance(outcome, review.ImportOutcome)
            self.open_meeting(outcome.meeting_id)
            if outcome.message:
                self.statusBar().showMessage(outcome.message, 15000)
            self.imported.emit(outcome.meeting_id)

        def failed(message: str) -> None:
            busy.close()
            warn(self, self.tr("無法匯入會議"), message)
            self.imported.emit(0)

        def job() -> object:
            try:
                return review.import_file(self.db, path, replace=replace)
            except review.NeedsConfirmation as e:
                return e  # asked on the GUI thread, in done()
        self._import_thread = run_in_background(self, job, done, failed)

    def _stack_moved(self, _index: int) -> None:
        self._update_actions()

    def _status(self, tallies: str, saved: str) -> None:
        self.tallies.setText(tallies)
        self.saved.setText(saved)
        self._update_actions()

    # -- actions that need a particular item --

    def _go_kind(self, kind: str) -> None:
        assert self.view is not None
        key = next((i.id for i in self.view.session.meeting.walk() if i.kind == kind), None)
        if key:
            self.view.select(key)
            self.view.focus_editor()

    def _search_cases(self) -> None:
        self._go_kind("register")
        editor = self.view.current_editor  # type: ignore[union-attr]
        if hasattr(editor, "search"):
            editor.search.setFocus()
            editor.search.selectAll()

    def _now_speaking(self) -> None:
        current = self._current_item()
        if current is None or current.kind != "conclusions":
            self._go_kind("conclusions")
        editor = self.view.current_editor  # type: ignore[union-attr]
        if hasattr(editor, "now_speaking"):
            editor.now_speaking()

    def _adjourn(self) -> None:
        assert self.view is not None
        key = next((i.id for i in self.view.session.meeting.walk() if i.kind == "adjournment"), None)
        if key:
            self.view.select(key)
            self.view.recorder.adjourn(key)

    def _current_item(self):  # -> AgendaItem | None
        key = self.view.current_key() if self.view else ""
        return self.view.session.item(key) if key else None  # type: ignore[union-attr]

    # -- export --

    def export(
        self, folder: Path | None = None, keys: list[str] | None = None, *, undecided_seen: bool = False
    ) -> None:
        """Ask which formats and where (the export dialog), then export off the GUI thread.
        With *folder* given, export there at once in *keys* (or the remembered formats)."""
        from recorder_app.gui.export_dialog import ExportDialog, remembered_formats

        if self.view is None or self._exporting:
            return
        self.view.current_editor.setFocus()  # commits a field still being typed in
        if folder is None and not undecided_seen and self._warn_undecided():
            return
        if folder is None:
            self.export_dialog = ExportDialog(self.view.session.meeting, self, self._open_comments())
            self.export_dialog.chosen.connect(self._export_chosen)
            self.export_dialog.finished.connect(self._export_dialog_closed)
            self._focus_before_export = QApplication.focusWidget()
            self.export_dialog.open()
            return
        self._export_chosen(keys or remembered_formats(), folder)

    def _open_comments(self) -> int:
        """How many comments a Word or ODF export of the meeting as it stands would carry."""
        from recorder_app import review

        assert self.view is not None
        session = self.view.session
        try:
            return len(review.export_comments(self.db, session.meeting_id, session.meeting, ["docx"]))
        except UserError:
            return 0  # the export itself will say what is wrong with the file

    def _warn_undecided(self) -> bool:
        """Before exporting, what is left unfinished: cases still 待決, and speeches begun
        (發言中) with nothing said, which print the speaker's name alone. Say which, and offer to
        go to the first before exporting. True: the question is open."""
        from recorder_app.core.items.conclusions import speaker_name

        assert self.view is not None
        meeting = self.view.session.meeting
        undecided = [case for _, case in meeting.cases() if case.outcome is None]
        empty = [
            (item, speech)
            for item in meeting.walk()
            for speech in getattr(item, "speeches", ())
            if not speech.points
        ]
        if not undecided and not empty:
            return False
        shown = 8  # enough to recognise them; the count says how many in all
        parts = []
        if undecided:
            names = "\n".join(f"・{case.title}" for case in undecided[:shown])
            left = len(undecided) - shown
            more = self.tr("\n…另 %1 案").replace("%1", str(left)) if left > 0 else ""
            parts.append(
                self.tr("還有 %1 案尚未決定（待決）：").replace("%1", str(len(undecided)))
                + f"\n{names}{more}\n"
                + self.tr("照樣匯出時，紀錄依格式寫明這些案件未及決定。")
            )
        if empty:
            who = "\n".join(
                f"・{item.title}：{speaker_name(meeting, speech.speaker)}" for item, speech in empty[:shown]
            )
            parts.append(self.tr("以下發言還沒有內容，照樣匯出時紀錄只印出發言者：") + f"\n{who}")
        title = self.tr("尚有待決案件") if not empty else self.tr("紀錄尚未完成")
        box = QMessageBox(QMessageBox.Icon.Warning, title, "\n\n".join(parts), parent=self)
        box.setObjectName("export-undecided")
        where = self.tr("前往第一案(&G)") if undecided else self.tr("前往該發言(&G)")
        go = box.addButton(where, QMessageBox.ButtonRole.ActionRole)
        anyway = box.addButton(self.tr("照樣匯出(&X)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        first = undecided[0].id if undecided else empty[0][0].id

        def answered(button: object) -> None:
            if button is go and self.view is not None:
                self.view.reveal(first)
            elif button is anyway:
                QTimer.singleShot(0, lambda: self.export(undecided_seen=True))

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        self.undecided_question = box  # kept for tests
        box.open()
        return True

    @Slot(int)
    def _export_dialog_closed(self, _result: int) -> None:
        self.export_dialog.deleteLater()
        self._restore_focus()

    def _after_versions(self) -> None:
        if self.view is not None:
            self.view.comments.reload()  # comments added or resolved in the dialog
        self._editor_focus()

    def _editor_focus(self) -> None:
        self.activateWindow()
        if self.view is not None:
            self.view.focus_editor()

    def _restore_focus(self) -> None:
        """The keyboard goes back where the recorder was typing (a closed dialog, or the
        progress window, would otherwise leave it nowhere)."""
        self.activateWindow()
        before = getattr(self, "_focus_before_export", None)
        if before is not None and before.isVisible():
            before.setFocus()
        elif self.view is not None:
            self.view.current_editor.setFocus()

    @Slot(list, Path, bool)
    def _export_chosen(self, keys: list[str], folder: Path, with_comments: bool = True) -> None:
        from recorder_app import review
        from recorder_app.gui.export_worker import export_paths, start_export

        if self.view is None or self._exporting:
            return
        meeting, meeting_id = self.view.session.meeting, self.view.session.meeting_id
        targets = export_paths(meeting, folder, keys)
        try:  # the draft's open comments, as the command line's export carries them
            notes = review.export_comments(self.db, meeting_id, meeting, keys) if with_comments else ()
        except UserError as e:
            warn(self, self.tr("無法讀取批註"), str(e))
            return
        self._progress = QProgressDialog(self.tr("匯出中…"), "", 0, len(targets), self)
        self._progress.setCancelButton(None)
        self._progress.setMinimumDuration(300)
        self._export_folder = folder
        self._export_targets = (meeting_id, targets)
        thread, worker = start_export(meeting, targets, self, notes)
        # Bound methods of this window, not lambdas: Qt then queues the calls to the GUI thread.
        worker.progress.connect(self._export_progress)
        worker.finished.connect(self._exported)
        worker.failed.connect(self._export_failed)
        if self._export_thread is not None:
            self._export_thread.wait()  # the previous export's thread is at most finishing up
        self._export_thread, self._export_worker = thread, worker  # both must outlive this call
        self._exporting = True
        thread.start()

    @Slot(int, str)
    def _export_progress(self, step: int, name: str) -> None:
        self._progress.setValue(step)
        self._progress.setLabelText(name)

    @Slot(list)
    def _exported(self, paths: list[Path]) -> None:
        from recorder_app import review

        self._exporting = False
        folder = self._export_folder
        meeting_id, targets = self._export_targets  # each file's SHA-256, so `verify` can name it later
        unregistered = review.record_exports(self.db, meeting_id, None, targets)
        if unregistered:
            warn(self, self.tr("匯出的檔案未能登記"), unregistered)
        self._backup("export")
        self._progress.close()
        self._restore_focus()
        self.statusBar().showMessage(self.tr("已匯出：") + "、".join(p.name for p in paths), 10000)
        self.export_done.emit(paths)
        if QApplication.platformName() == "offscreen":
            return  # headless (tests, benchmarks): nobody to ask
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("匯出完成"), "\n".join(str(p) for p in paths), parent=self
        )
        open_button = box.addButton(self.tr("開啟資料夾(&O)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot(str)
    def _export_failed(self, message: str) -> None:
        self._exporting = False
        self._progress.close()
        self._restore_focus()
        self.export_done.emit([])
        warn(self, self.tr("匯出失敗，資料未受影響"), message)

    # -- backups and the audit trail --

    def _backup(self, reason: str) -> Path | None:
        """An automatic backup; a failure is reported but never stops the recorder."""
        from recorder_app import services

        if self.db is None:
            return None
        if reason == "manual":
            try:
                return services.backup_to(self.db)
            except UserError as e:
                self.statusBar().showMessage(str(e), 15000)
                return None
        outcome = services.backup_after(self.db, reason)
        if outcome.warning:
            self.statusBar().showMessage(outcome.warning, 15000)
        return outcome.path

    def backup_now(self) -> None:
        if path := self._backup("manual"):
            self.statusBar().showMessage(self.tr("已備份到 %1").replace("%1", str(path)), 15000)

    def restore_backup(self, chosen: Path | None = None, *, confirm: bool = True) -> bool:
        """Replace the meetings file with a backup, keeping the current file as a backup first."""
        from recorder_app import services

        if self.db is None:
            return False
        if chosen is None:
            start = str(services.backups_folder(self.db.path))
            name, _ = QFileDialog.getOpenFileName(self, self.tr("還原備份"), start, "SQLite (*.sqlite3)")
            if not name:
                return False
            chosen = Path(name)
        if problem := services.check_backup(chosen):
            warn(self, self.tr("無法還原"), f"{chosen}：{problem}")
            return False
        if confirm:
            question = self.tr("以這個備份取代目前的會議資料？\n%1\n\n目前的資料會先另存一份備份。")
            answer = QMessageBox.question(self, self.tr("還原備份"), question.replace("%1", str(chosen)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        path = self.db.path
        self._close_view()
        self.db.close()  # one connection only: SQLite must not see two writers
        restored = True
        try:
            kept = services.restore(path, chosen)
            message = self.tr("已還原 %1").replace("%1", str(chosen))
            if kept:
                message += self.tr("；原檔案另存於 %1").replace("%1", str(kept))
        except UserError as e:
            message, restored = str(e), False
        self.db = services.open_database(path, create=False)
        self.show_start()
        self.statusBar().showMessage(message, 30000)
        return restored

    def show_audit(self) -> None:
        """Every change to this meeting: when, by which Windows user, what changed."""
        from recorder_app import services

        if self.view is None:
            return
        lines = services.history(self.db, self.view.session.meeting_id)
        entries = [
            f"{line.at:%Y-%m-%d %H:%M:%S}　{line.user}　{line.action}　{line.target}　{line.change}"
            for line in reversed(lines)
        ]
        view = QListView()
        view.setObjectName("auditLog")
        dialog = shown_in_dialog(self, self.tr("修改紀錄"), view, 900, 500)
        view.setModel(QStringListModel(entries or [self.tr("（尚無修改）")], dialog))
        self._audit_dialog = dialog  # kept for tests; one at a time
        dialog.show()

    def show_versions(self) -> None:
        """版本與核定 for the open meeting; when it changes the content or the lock, the
        meeting is opened again so the window shows what the file now holds."""
        if self.view is None:
            return
        from recorder_app.gui.versions_dialog import VersionsDialog

        self.view.current_editor.setFocus()  # commits a field still being typed in
        meeting_id = self.view.session.meeting_id
        dialog = VersionsDialog(self.db, meeting_id, self)
        dialog.changed.connect(lambda: self.open_meeting(meeting_id))
        dialog.finished.connect(lambda _: self._after_versions())
        self.versions_dialog = dialog  # kept for tests; one at a time
        dialog.show()

    def _close_view(self) -> None:
        if self.view is not None:
            self.view.checkpoint()
            self.pages.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None

    # -- help --

    def _show_keys(self) -> None:
        rows = [
            (a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            for a in self.actions()
            if not a.shortcut().isEmpty()
        ]
        extra = [
            (
                self.tr("案件：同意新增／同意解列／持續列管／不同意新增／待決"),
                "A(1) / D(2) / C(3) / R(4) / 0 Del",
            ),
            (self.tr("決定、決議選項"), "Alt+1…Alt+7"),
            (self.tr("發言順序上移／下移"), "Ctrl+↑ / Ctrl+↓"),
        ]
        from html import escape

        from PySide6.QtCore import Qt

        # A table, not tabs: a proportional font's tab stops left the columns ragged (issue 14).
        cells = "".join(
            f"<tr><td style='padding-right:18px'><b>{escape(key)}</b></td><td>{escape(label)}</td></tr>"
            for label, key in rows + extra
        )
        title = self.tr("快捷鍵一覽")
        box = QMessageBox(QMessageBox.Icon.Information, title, f"<table>{cells}</table>", parent=self)
        box.setObjectName("keys")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.finished.connect(box.deleteLater)
        box.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("關於會議紀錄"),
            self.tr("會議紀錄 %1\n資料庫：%2")
            .replace("%1", __version__)
            .replace("%2", str(self.db.path) if self.db else ""),
        )

    def _set_language(self, code: str) -> None:
        QSettings().setValue("language", code)
        QMessageBox.information(
            self, "Language / 語言", self.tr("重新啟動程式後生效。\nTakes effect after restart.")
        )

    # -- closing --

    def closeEvent(self, event: QCloseEvent) -> None:
        """Commit a field still being typed in, then let go of the database and its lock."""
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()  # a field commits on losing focus
        if self._export_thread is not None:
            self._export_thread.wait()  # the export reads a copy, but let it finish writing
        if self._import_thread is not None:
            self._import_thread.wait()  # an import is one transaction: let it commit or roll back
        self._remember_place()
        if self.db is not None:
            self._backup("close")
            self.db.close()
        self.let_go()
        event.accept()
