"""One editor per kind of agenda item, and the registry the recording view picks them from.

A new kind of item is one module in ``recorder_app.core.items`` and one editor module here,
listed below; tests/test_kinds_contract.py checks every registered kind has its editor.
"""

from __future__ import annotations

from recorder_app.gui.editors.adjournment import AdjournmentEditor
from recorder_app.gui.editors.base import ItemEditor
from recorder_app.gui.editors.cases import CaseBoard
from recorder_app.gui.editors.discussion import DiscussionEditor
from recorder_app.gui.editors.info import InfoEditor
from recorder_app.gui.editors.minutes import MinutesEditor
from recorder_app.gui.editors.report import ReportEditor
from recorder_app.gui.editors.resolution import ResolutionEditor
from recorder_app.gui.editors.section import SectionEditor
from recorder_app.gui.editors.speeches import ConclusionsEditor

EDITORS: dict[str, type[ItemEditor]] = {
    editor.kind: editor
    for editor in (
        InfoEditor,
        MinutesEditor,
        ReportEditor,
        DiscussionEditor,
        ResolutionEditor,
        CaseBoard,
        ConclusionsEditor,
        AdjournmentEditor,
        SectionEditor,
    )
}
