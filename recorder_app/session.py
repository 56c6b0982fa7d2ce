"""The recorder's operations on one open meeting, for the window (and tests) to drive.

Every action follows the same three steps, in this order:

1. validate the new value through the domain model, so nothing invalid reaches the file;
2. write it in one short transaction through the repository (committed, fsync'ed);
3. only then apply it to the in-memory ``Meeting``.

So when a write fails the in-memory meeting is exactly as it was, and when an action returns
its change is on disk, together with its audit entry (see ``audit()``). On a database opened
read-only (``read_only``) every action raises UserError before anything changes. The window
never reloads the meeting: each action returns ``Change`` flags naming the parts that
changed, and the window refreshes those views only.

Each action takes the *new* value; an undo command calls the same method with the *old* one
(remove_item is undone by insert_item at the place ``parent_of`` reported before removal; a
current item removed with it stays cleared, as set_current_item is not an undoable action).
Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from recorder_app.core.errors import UserError
from recorder_app.core.model import (
    AgendaItem,
    Case,
    CaseDecision,
    ConclusionsItem,
    DiscussionItem,
    Meeting,
    ReportDecision,
    ReportItem,
    Resolution,
    SectionItem,
    Speech,
    Vote,
    WorkingGroup,
)
from recorder_app.storage import repository
from recorder_app.storage.database import Database, _explained

_AGENDA_ITEM: TypeAdapter[AgendaItem] = TypeAdapter(AgendaItem)
M = TypeVar("M", bound=BaseModel)


class Change(enum.Flag):
    """Which parts of the meeting an action changed, so the window refreshes only those."""

    HEADER = enum.auto()  # meeting scalar fields, people, chair/co-chairs, attendance, template
    AGENDA = enum.auto()  # agenda items: ticks, texts, decisions, votes, insert/remove
    CASES = enum.auto()  # case decisions
    SPEECHES = enum.auto()  # conclusions speeches
    CURRENT = enum.auto()  # current item only (no content change)
    ALL = HEADER | AGENDA | CASES | SPEECHES | CURRENT


class MeetingSession:
    """One meeting open for recording: the live in-memory copy and the actions that change it.

    ``meeting`` and the items and cases handed out by ``item()``/``case()`` are the live
    objects: read them, never change them directly (that would bypass the file).
    """

    def __init__(self, db: Database, meeting_id: int) -> None:
        """Load the meeting once; from here on the actions keep memory and the file in step."""
        self.db = db
        self.meeting_id = meeting_id
        self.saved_at: dt.datetime | None = None  # local time of the last successful commit
        self.meeting: Meeting = repository.load_meeting(db, meeting_id)
        self._items: dict[str, AgendaItem] = {}
        self._parents: dict[str, SectionItem | None] = {}
        self._cases: dict[str, tuple[WorkingGroup, Case]] = {}
        self._build_indexes()

    @property
    def read_only(self) -> bool:
        """True when the file may not be written: the window disables editing."""
        return self.db.read_only

    def audit(self) -> list[repository.AuditEntry]:
        """The meeting's audit log, oldest change first."""
        return repository.audit_log(self.db, self.meeting_id)

    # -- looking things up --

    def item(self, key: str) -> AgendaItem:
        """The agenda item with id *key*, at any depth (UserError if there is none)."""
        try:
            return self._items[key]
        except KeyError:
            raise UserError(f"沒有議程項目 {key}") from None

    def case(self, key: str) -> tuple[WorkingGroup, Case]:
        """The case with id *key* and its working group (UserError if there is none)."""
        try:
            return self._cases[key]
        except KeyError:
            raise UserError(f"沒有案件 {key}") from None

    def parent_of(self, key: str) -> tuple[SectionItem | None, int]:
        """The section holding item *key* (None: the agenda's top level) and its index there."""
        item = self.item(key)
        parent = self._parents[key]
        index = next(i for i, sibling in enumerate(self._children(parent)) if sibling is item)
        return parent, index

    # -- recorder actions --

    def set_case_decision(self, case_key: str, decision: CaseDecision | None) -> Change:
        """Record (None: clear) the meeting's decision on one case."""
        _, case = self.case(case_key)
        new = _checked(case, decision=decision)
        with self._saving():
            repository.set_case_decision(self.db, self.meeting_id, case_key, new["decision"])
        _apply(case, new)
        return Change.CASES

    def tick(self, item_key: str, at: dt.datetime | None) -> Change:
        """Mark an agenda item done at *at* (None: not done)."""
        item = self.item(item_key)
        new = _checked(item, ticked_at=at)
        with self._saving():
            repository.tick_item(self.db, self.meeting_id, item_key, new["ticked_at"])
        _apply(item, new)
        return Change.AGENDA

    def set_report_decision(self, item_key: str, decision: ReportDecision | None, text: str = "") -> Change:
        """The 決定 of a report item, with optional wording of its own."""
        item = self._item_of(item_key, ReportItem, "報告事項")
        new = _checked(item, decision=decision, decision_text=text)
        with self._saving():
            repository.set_report_decision(
                self.db, self.meeting_id, item_key, new["decision"], new["decision_text"]
            )
        _apply(item, new)
        return Change.AGENDA

    def set_resolution(self, item_key: str, resolution: Resolution | None, text: str = "") -> Change:
        """The 決議 of a discussion item, with optional wording of its own."""
        item = self._item_of(item_key, DiscussionItem, "討論事項")
        new = _checked(item, resolution=resolution, resolution_text=text)
        with self._saving():
            repository.set_resolution(
                self.db, self.meeting_id, item_key, new["resolution"], new["resolution_text"]
            )
        _apply(item, new)
        return Change.AGENDA

    def set_vote(self, item_key: str, vote: Vote | None) -> Change:
        """Replace a discussion item's vote and roll-call ballots (None: no vote)."""
        item = self._item_of(item_key, DiscussionItem, "討論事項")
        new = _checked(item, vote=vote)
        with self._saving():
            repository.set_vote(self.db, self.meeting_id, item_key, new["vote"])
        _apply(item, new)
        return Change.AGENDA

    def set_item_fields(self, item_key: str, **fields: object) -> Change:
        """Change text fields of an item: title, text, body, explanation, proposal, …_text."""
        item = self.item(item_key)
        editable = repository.ITEM_TEXT_FIELDS & set(type(item).model_fields)
        if wrong := sorted(set(fields) - editable):
            raise UserError(f"議程項目 {item_key} 沒有可修改的欄位 {'、'.join(wrong)}")
        new = _checked(item, **fields)
        with self._saving():
            repository.update_item_fields(self.db, self.meeting_id, item_key, **new)
        _apply(item, new)
        return Change.AGENDA

    def insert_item(self, parent_key: str | None, index: int, item: AgendaItem) -> Change:
        """Insert a copy of *item* (and its children) at *index* under a section, or top level (None)."""
        parent = None if parent_key is None else self.item(parent_key)
        if parent is not None and not isinstance(parent, SectionItem):
            raise UserError(f"議程項目 {parent_key} 不是段落，不能在其下插入項目")
        siblings = self._children(parent)
        if not 0 <= index <= len(siblings):
            raise UserError(f"插入位置 {index} 超出範圍（0 至 {len(siblings)}）")
        try:
            new: AgendaItem = _AGENDA_ITEM.validate_python(repository.as_data(item))
        except ValidationError as e:
            reason = repository.explain_invalid(e, repository.ITEM_LABELS)
            raise UserError(f"議程項目無法插入：{reason}") from None
        self._validated_meeting(agenda=self._agenda_with(parent, [*siblings[:index], new, *siblings[index:]]))
        with self._saving():
            repository.insert_item(self.db, self.meeting_id, parent_key, index, new)
        siblings.insert(index, new)
        self._index_items([new], parent)
        return Change.AGENDA | _speeches_in(new)

    def remove_item(self, item_key: str) -> Change:
        """Remove an item (a section with its children); clears the current item if it went too."""
        item = self.item(item_key)
        parent, index = self.parent_of(item_key)
        with self._saving():
            repository.remove_item(self.db, self.meeting_id, item_key)
        del self._children(parent)[index]
        removed = {i.id for i in _subtree(item)}
        for key in removed:
            del self._items[key], self._parents[key]
        changes = Change.AGENDA | _speeches_in(item)
        if self.meeting.current_item in removed:
            self.meeting.current_item = None
            changes |= Change.CURRENT
        return changes

    def set_speeches(self, item_key: str, speeches: list[Speech]) -> Change:
        """Replace a conclusions item's speeches, in speaking order (reorder, add, edit, delete)."""
        item = self._item_of(item_key, ConclusionsItem, "主席結論")
        new = _checked(item, speeches=speeches)
        # The one cross-check a speech needs; cheaper than validating a 5,000-case meeting whole.
        people = {p.key for p in self.meeting.people}
        if unknown := next((s.speaker for s in new["speeches"] if s.speaker not in people), None):
            raise UserError(f"議程項目 {item_key} 的發言人 {unknown} 不在會議的人員名單中")
        with self._saving():
            repository.replace_speeches(self.db, self.meeting_id, item_key, new["speeches"])
        _apply(item, new)
        return Change.SPEECHES

    def set_header(self, **fields: object) -> Change:
        """Change meeting fields (HEADER_FIELDS), checked with the whole meeting (chair in people, …)."""
        if wrong := sorted(set(fields) - repository.HEADER_FIELDS):
            raise UserError(f"會議資料沒有可修改的欄位 {'、'.join(wrong)}")
        candidate = self._validated_meeting(**{name: repository.as_data(v) for name, v in fields.items()})
        new = {name: getattr(candidate, name) for name in fields}
        with self._saving():
            repository.update_meeting_fields(self.db, self.meeting_id, **new)
        _apply(self.meeting, new)
        # Speaker headings and a section's presenter are written from the people's names.
        return Change.HEADER | (Change.AGENDA | Change.SPEECHES if "people" in fields else Change(0))

    def set_current_item(self, item_key: str | None) -> Change:
        """Remember where the recorder is (None: nowhere), so reopening resumes there; not undoable.

        On a read-only database the place is kept in memory only: moving around is not an edit,
        and the window should not have to treat it as one.
        """
        if item_key is not None:
            self.item(item_key)
        if self.read_only:
            self.meeting.current_item = item_key
            return Change.CURRENT
        with self._saving():
            repository.set_current_item(self.db, self.meeting_id, item_key)
        self.meeting.current_item = item_key
        return Change.CURRENT

    def reload(self) -> None:
        """Read the whole meeting from the file again, replacing the in-memory copy."""
        self.meeting = repository.load_meeting(self.db, self.meeting_id)
        self._build_indexes()

    # -- internals --

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        """Run one repository write; a database failure becomes a UserError naming the file."""
        with _explained(self.db.path, "無法儲存到資料庫"):
            yield
        self.saved_at = dt.datetime.now().astimezone()

    def _item_of(self, key: str, kind: type[M], kind_name: str) -> M:
        """The item *key*, which must be of *kind*."""
        item = self.item(key)
        if not isinstance(item, kind):
            raise UserError(f"議程項目 {key} 不是{kind_name}")
        return item

    def _children(self, parent: SectionItem | None) -> list[AgendaItem]:
        """The live list holding a section's children (None: the agenda itself)."""
        return self.meeting.agenda if parent is None else parent.children

    def _agenda_with(self, parent: SectionItem | None, children: list[AgendaItem]) -> list[AgendaItem]:
        """A new agenda in which *parent* holds *children*; only sections up the path are copied."""
        while parent is not None:
            copied = parent.model_copy(update={"children": children})
            grandparent = self._parents[parent.id]
            children = [copied if i is parent else i for i in self._children(grandparent)]
            parent = grandparent
        return children

    def _validated_meeting(self, **update: object) -> Meeting:
        """The meeting with *update*, checked whole (references, unique ids); ~1 ms at 5,000 cases."""
        data: dict[str, Any] = {name: getattr(self.meeting, name) for name in Meeting.model_fields}
        data.update(update)
        try:
            return Meeting.model_validate(data)
        except ValidationError as e:
            raise UserError(repository.explain_invalid(e, repository.HEADER_LABELS)) from None

    def _build_indexes(self) -> None:
        """Index every agenda item (and its parent) and every case by key."""
        self._items.clear()
        self._parents.clear()
        self._index_items(self.meeting.agenda, None)
        self._cases = {case.id: (group, case) for group, case in self.meeting.cases()}

    def _index_items(self, items: list[AgendaItem], parent: SectionItem | None) -> None:
        """Add *items* under *parent*, and their descendants, to the item indexes."""
        for item in items:
            self._items[item.id] = item
            self._parents[item.id] = parent
            if isinstance(item, SectionItem):
                self._index_items(item.children, item)


def _checked(model: BaseModel, **fields: object) -> dict[str, Any]:
    """*fields* validated as *model*'s new values, as new objects (never the caller's); *model* unchanged."""
    kind = type(model)
    data = {name: getattr(model, name) for name in kind.model_fields}
    data.update({name: repository.as_data(value) for name, value in fields.items()})
    try:
        checked = kind.model_validate(data)
    except ValidationError as e:
        raise UserError(f"無法儲存：{repository.explain_invalid(e, repository.ITEM_LABELS)}") from None
    return {name: getattr(checked, name) for name in fields}


def _apply(model: BaseModel, values: dict[str, Any]) -> None:
    """Set already validated values on a live model."""
    for name, value in values.items():
        setattr(model, name, value)


def _subtree(item: AgendaItem) -> Iterator[AgendaItem]:
    """*item* and all its descendants, depth first."""
    yield item
    if isinstance(item, SectionItem):
        for child in item.children:
            yield from _subtree(child)


def _speeches_in(item: AgendaItem) -> Change:
    """SPEECHES if inserting or removing *item* adds or takes away a conclusions item."""
    return Change.SPEECHES if any(isinstance(i, ConclusionsItem) for i in _subtree(item)) else Change(0)
