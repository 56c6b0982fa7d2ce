"""The window's item models obey Qt's model contract (pytest-qt's qtmodeltester)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester

from recorder_app.core.model import CaseDecision, Meeting
from recorder_app.core.synthetic import with_cases
from recorder_app.gui.models import (
    AgendaModel,
    CaseTableModel,
    SpeechListModel,
)
from recorder_app.gui.start_page import MeetingListModel
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, list_meetings


@pytest.fixture
def session(tmp_path: Path, sample: Meeting):
    db = Database.open(tmp_path / "m.sqlite3")
    yield MeetingSession(db, add_meeting(db, sample))
    db.close()


def test_agenda_model(qtmodeltester: ModelTester, session: MeetingSession) -> None:
    """The outline: 會議資訊 then the agenda as a tree, two columns, checkable items."""
    model = AgendaModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 + len(session.meeting.agenda)
    resolutions = model.index_of("resolutions")
    assert model.rowCount(resolutions) == 2
    assert model.index(1, 0, resolutions).data().startswith("議題小組合作案件")


def test_case_model_and_its_filter(qtmodeltester: ModelTester, session: MeetingSession) -> None:
    """The case board and its filter; a refreshed row shows the new decision."""
    model = CaseTableModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 87
    model.set_filter(group="災防組")
    qtmodeltester.check(model)
    assert model.rowCount() == 9  # 1 delisted + 8 continuing, as the reference says
    assert model.index(0, CaseTableModel.NUMBER).data() == 22  # 項次 counts the whole register
    model.set_filter(text="圖書館")
    assert model.rowCount() == 1
    model.set_filter()
    key = model.case_at(0).id
    session.set_case_decision(key, CaseDecision.REJECT)
    model.refresh(key)
    assert model.index(0, CaseTableModel.DECISION).data() == "不同意新增"


def test_speech_model(qtmodeltester: ModelTester, session: MeetingSession) -> None:
    conclusions = session.item("conclusions")
    model = SpeechListModel(session.meeting)
    model.set_speeches(session.meeting, conclusions.speeches)  # type: ignore[union-attr]
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.index(0).data().startswith("1. 邱副市長")


def test_meeting_list_model(qtmodeltester: ModelTester, session: MeetingSession) -> None:
    model = MeetingListModel()
    model.set_meetings(list_meetings(session.db))
    qtmodeltester.check(model)
    assert "113/07/11" in model.index(0).data()


def test_twenty_thousand_cases_filter(qtmodeltester: ModelTester, tmp_path: Path, sample: Meeting) -> None:
    """A 20,000-case register loads into the board and filters correctly (speed: benchmarks/)."""
    db = Database.open(tmp_path / "big.sqlite3")
    session = MeetingSession(db, add_meeting(db, with_cases(sample, 20_000)))
    model = CaseTableModel(session)
    assert model.rowCount() == 20_000
    model.set_filter(text="第 12345 號")
    assert model.rowCount() == 1
    model.set_filter(group="交通組", pending_only=True)
    assert model.rowCount() == 0  # the synthetic register has every proposal decided
    model.set_filter(group="交通組")
    assert model.rowCount() == 2_500
    db.close()
