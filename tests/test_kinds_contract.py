"""The contract every kind of agenda item keeps, checked over the registry (core.items.KINDS).

For every registered kind, an item with every field set to a value that is not its default
(tests/nondefault.py builds it from the annotations) must come back unchanged from the
database, from a JSON file, and from undo and redo in the window; every field must say its
name in words; the kind must have an editor and a translated name. A kind or a field added
later is held to the same contract with no change here.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from pydantic import BaseModel

from recorder_app.core.interchange import dumps, loads
from recorder_app.core.items import KINDS, ItemBase
from recorder_app.core.model import Meeting, Person, WorkingGroup
from recorder_app.session import MeetingSession
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import add_meeting, load_meeting
from tests.nondefault import PERSON, build, value_for

ROOT = Path(__file__).resolve().parents[1]


def nondefault_item(kind: str) -> ItemBase:
    item = build(KINDS[kind].model, id=f"{kind}-1")
    for name, info in type(item).model_fields.items():
        if name != "kind" and not info.is_required():  # the tag has one value
            assert getattr(item, name) != info.get_default(call_default_factory=True), (kind, name)
    return item


def contract_meeting() -> Meeting:
    """Every kind once, each with every field non-default, in a meeting whose people they name."""
    return Meeting(
        body="測試平臺",
        name="委員會議",
        date=dt.date(2024, 7, 11),
        people=[Person(key=PERSON, surname="王", given_name="大明", title="委員")],
        agenda=[nondefault_item(kind) for kind in KINDS],
        groups=[build(WorkingGroup)],
    )


def other_value(item: ItemBase, name: str) -> object:
    """Another valid value for the field: its default, or (a required field) a fresh value."""
    info = type(item).model_fields[name]
    if info.is_required():
        return value_for(info.annotation, info, name)
    return info.get_default(call_default_factory=True)


@pytest.fixture
def db(tmp_path: Path):
    with Database.open(tmp_path / "m.sqlite3") as database:
        yield database


def test_every_field_of_every_model_says_its_name_in_words() -> None:
    """A field's title is how messages, the audit view and the schema name it; a new field
    without one fails here, naming the model and the field."""
    models: list[type[BaseModel]] = [k.model for k in KINDS.values()]
    seen: set[type[BaseModel]] = set()
    missing = []
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if name != "kind" and not info.title:
                missing.append(f"{model.__name__}.{name}")
            models += _models_in(info.annotation)
    assert Meeting.model_fields["agenda"].title
    assert not missing, f"fields without a title (Field(title=...)): {missing}"


def _models_in(annotation: object) -> list[type[BaseModel]]:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models_in(a)]


def test_every_kind_round_trips_through_the_database(db: Database) -> None:
    """Stored and loaded back, every kind with every field non-default is unchanged."""
    meeting = contract_meeting()
    assert load_meeting(db, add_meeting(db, meeting)) == meeting


def test_every_kind_round_trips_through_a_json_file() -> None:
    """Written as the interchange file and read back, every kind is unchanged."""
    meeting = contract_meeting()
    assert loads(dumps(meeting)) == meeting


def test_every_editable_field_of_every_kind_is_stored_and_undone(db: Database) -> None:
    """The session accepts every field a kind declares editable; setting each back to its
    default and then to its value again (what undo and redo call) leaves memory == disk ==
    the original."""
    original = contract_meeting()
    session = MeetingSession(db, add_meeting(db, original))
    for kind, spec in KINDS.items():
        item = session.item(f"{kind}-1")
        for name in sorted(spec.editable):
            value = getattr(item, name)
            session.set_item_fields(item.id, **{name: other_value(item, name)})
            assert load_meeting(db, session.meeting_id) == session.meeting != original, (kind, name)
            session.set_item_fields(item.id, **{name: value})
            assert load_meeting(db, session.meeting_id) == session.meeting == original, (kind, name)


def test_every_kind_is_removed_and_put_back_unchanged(db: Database) -> None:
    """remove_item and the insert_item that undoes it restore each kind exactly, on disk too."""
    original = contract_meeting()
    session = MeetingSession(db, add_meeting(db, original))
    for kind in KINDS:
        key = f"{kind}-1"
        item = session.item(key).model_copy(deep=True)
        parent, index = session.parent_of(key)
        session.remove_item(key)
        session.insert_item(parent.id if parent else None, index, item)
    assert load_meeting(db, session.meeting_id) == session.meeting == original


def test_every_kind_survives_undo_and_redo_in_the_window(db: Database, qapp: object) -> None:
    """Through the window's own undo stack: each editable field of each kind edited, undone and
    redone, then everything undone — the meeting is the original again, in memory and on disk."""
    from recorder_app.gui.recorder import Recorder

    original = contract_meeting()
    session = MeetingSession(db, add_meeting(db, original))
    recorder = Recorder(session)
    failures: list[str] = []
    recorder.failed.connect(failures.append)
    edits = 0
    for kind, spec in KINDS.items():
        for name in sorted(spec.editable):
            before = session.meeting.model_copy(deep=True)
            other = other_value(session.item(f"{kind}-1"), name)
            assert recorder.set_field(f"{kind}-1", name, other), (kind, name, failures)
            after = session.meeting.model_copy(deep=True)
            edits += 1
            recorder.stack.undo()
            assert session.meeting == before != after, (kind, name)
            recorder.stack.redo()
            assert session.meeting == after, (kind, name)
    assert failures == []
    assert recorder.stack.count() == edits
    assert load_meeting(db, session.meeting_id) == session.meeting != original
    while recorder.stack.canUndo():
        recorder.stack.undo()
    assert load_meeting(db, session.meeting_id) == session.meeting == original


def test_every_kind_has_an_editor_and_a_translated_name() -> None:
    """The window edits every registered kind, and names it in both languages."""
    from recorder_app.gui.editors import EDITORS
    from recorder_app.gui.editors.base import KIND_LABELS

    assert set(EDITORS) == set(KINDS)
    assert {k.label for k in KINDS.values()} <= set(KIND_LABELS)


def test_every_kind_says_what_it_stores_apart_and_storage_knows_it() -> None:
    """Fields stored as rows of their own are ones storage has rows for; everything else of a
    kind is its payload, derived — nothing is left out of both."""
    known_rows = {"children", "speeches"}
    for kind in KINDS.values():
        assert kind.rows <= known_rows, kind.name
        fields = set(kind.model.model_fields)
        assert kind.payload | kind.rows | ItemBase.COMMON == fields, kind.name
        assert kind.recorded <= fields, kind.name


def test_the_window_imports_nothing_from_storage() -> None:
    """The window reaches the file through recorder_app.services and the session only."""
    offenders = []
    for path in sorted((ROOT / "recorder_app" / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("recorder_app.storage")
            ]
    assert offenders == []
