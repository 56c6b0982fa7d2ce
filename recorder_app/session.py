"""The recorder's operations on one open meeting, for the window (and tests) to drive.

Every action follows the same three steps, in this order:

1. validate the new value through the domain model — the one validator: storage trusts
   what it is given — so nothing invalid reaches the file, and a refusal says in words what
   is wrong (``core.validation.explain``);
2. write it in one short transaction through ``storage.actions`` (committed, fsync'ed);
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
from pydantic_core import PydanticCustomError

from recorder_app.core.errors import UserError
from recorder_app.core.items import KINDS, children, kind_of, subtree
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
    Speech,
    Vote,
    WorkingGroup,
)
from recorder_app.core.validation import check_people, explain
from recorder_app.storage import actions
from recorder_app.storage.audit import AuditEntry, audit_log
from recorder_app.storage.meetings import load_meeting
from recorder_app.storage.shapes import MEETING_APART
from recorder_app.storage.sqlite import explained
from recorder_app.storage.versions import locked_version

_AGENDA_ITEM: TypeAdapter[AgendaItem] = TypeAdapter(AgendaItem)
_DECISION: TypeAdapter[CaseDecision | None] = TypeAdapter(CaseDecision | None)
_MOMENT: TypeAdapter[dt.datetime | None] = TypeAdapter(dt.datetime | None)
M = TypeVar("M", bound=BaseModel)

# The meeting fields set_header may change: the whole header, derived from what storage
# keeps in the header payload (the agenda, the register and the recorder's place have
# actions of their own).
HEADER_FIELDS = frozenset(Meeting.model_fields) - MEETING_APART


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

    def __init__(self, db: Any, meeting_id: int) -> None:
        """Load the meeting once; from here on the actions keep memory and the file in step."""
        self.db = db
        self.meeting_id = meeting_id
        self.saved_at: dt.datetime | None = None  # local time of the last successful commit
        self.meeting: Meeting = load_meeting(db, meeting_id)
        # The approved version that locks the meeting (None: editable): the window shows the
        # meeting read-only; the file itself refuses every change while it is set.
        self.locked_version: int | None = locked_version(db, meeting_id)
        self._items: dict[str, AgendaItem] = {}
        self._parents: dict[str, AgendaItem | None] = {}
        self._cases: dict[str, tuple[WorkingGroup, Case]] = {}
        self._build_indexes()

    @property
    def read_only(self) -> bool:
        """True when the file may not be written: the window disables editing."""
        return bool(self.db.read_only)

    def audit(self) -> list[AuditEntry]:
        """The meeting's audit log, oldest change first."""
        return audit_log(self.db, self.meeting_id)

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

    def parent_of(self, key: str) -> tuple[AgendaItem | None, int]:
        """The section holding item *key* (None: the agenda's top level) and its index there."""
        item = self.item(key)
        parent = self._parents[key]
        index = next(i for i, sibling in enumerate(self._children(parent)) if sibling is item)
        return parent, index

    # -- recorder actions --

    def set_case_decision(self, case_key: str, decision: CaseDecision | None) -> Change:
        """Record (None: clear) the meeting's decision on one case."""
        _, case = self.case(case_key)
        new = _valid(_DECISION, decision, Case, ("decision",))
        with self._saving():
            actions.set_case_decision(self.db, self.meeting_id, case_key, new)
        case.decision = new
        return Change.CASES

    def tick(self, item_key: str, at: dt.datetime | None) -> Change:
        """Mark an agenda item done at *at* (None: not done)."""
        item = self.item(item_key)
        new = _valid(_MOMENT, at, type(item), ("ticked_at",))
        with self._saving():
            actions.tick_item(self.db, self.meeting_id, item_key, new)
        item.ticked_at = new
        return Change.AGENDA

    def set_item_fields(
        self, item_key: str, *, _action: str = "update_item_fields", **fields: object
    ) -> Change:
        """Change fields of an item: any of its kind's ``editable`` fields (title, text, body,
        explanation, proposal, decision, vote, presenter…), checked as the whole item."""
        item = self.item(item_key)
        kind = kind_of(item)
        if wrong := sorted(set(fields) - kind.editable):
            raise UserError(f"{kind.label}「{item.title[:20]}」沒有可修改的欄位 {'、'.join(wrong)}")
        checked = _checked(item, fields)
        self._check_people(checked)
        with self._saving():
            actions.update_item(self.db, self.meeting_id, checked, fields, _action)
        for name in fields:
            setattr(item, name, getattr(checked, name))
        return Change.AGENDA

    def set_report_decision(self, item_key: str, decision: ReportDecision | None) -> Change:
        """The 決定 of a report item (its wording, decision_points, is a field of its own)."""
        self._item_of(item_key, ReportItem)
        return self.set_item_fields(item_key, _action="set_report_decision", decision=decision)

    def set_resolution(self, item_key: str, resolution: Resolution | None) -> Change:
        """The 決議 of a discussion item (its wording, resolution_points, is a field of its own)."""
        self._item_of(item_key, DiscussionItem)
        return self.set_item_fields(item_key, _action="set_resolution", resolution=resolution)

    def set_vote(self, item_key: str, vote: Vote | None) -> Change:
        """Replace a discussion item's vote and roll-call ballots (None: no vote)."""
        self._item_of(item_key, DiscussionItem)
        return self.set_item_fields(item_key, _action="set_vote", vote=vote)

    def insert_item(self, parent_key: str | None, index: int, item: AgendaItem) -> Change:
        """Insert a copy of *item* (and its children) at *index* under a section, or top level (None)."""
        parent = None if parent_key is None else self.item(parent_key)
        if parent is not None and "children" not in kind_of(parent).rows:
            raise UserError(f"議程項目 {parent_key} 不是段落，不能在其下插入項目")
        siblings = self._children(parent)
        if not 0 <= index <= len(siblings):
            raise UserError(f"插入位置 {index} 超出範圍（0 至 {len(siblings)}）")
        new = _valid(_AGENDA_ITEM, _as_data(item), AgendaItem, (), what="議程項目無法插入")
        taken = next((i.id for i in subtree(new) if i.id in self._items), None)
        if taken is not None:
            raise UserError(f"議程項目無法插入：代號 {taken} 已有其他項目使用")
        self._validated_meeting(agenda=self._agenda_with(parent, [*siblings[:index], new, *siblings[index:]]))
        with self._saving():
            actions.insert_item(self.db, self.meeting_id, parent_key, index, new)
        siblings.insert(index, new)
        self._index_items([new], parent)
        return Change.AGENDA | _speeches_in(new)

    def remove_item(self, item_key: str) -> Change:
        """Remove an item (a section with its children); clears the current item if it went too."""
        item = self.item(item_key)
        parent, index = self.parent_of(item_key)
        with self._saving():
            actions.remove_item(self.db, self.meeting_id, item)
        del self._children(parent)[index]
        removed = {i.id for i in subtree(item)}
        for key in removed:
            del self._items[key], self._parents[key]
        changes = Change.AGENDA | _speeches_in(item)
        if self.meeting.current_item in removed:
            self.meeting.current_item = None
            changes |= Change.CURRENT
        return changes

    def set_speeches(self, item_key: str, speeches: list[Speech]) -> Change:
        """Replace a conclusions item's speeches, in speaking order (reorder, add, edit, delete)."""
        item = self._item_of(item_key, ConclusionsItem)
        checked = _checked(item, {"speeches": speeches})
        self._check_people(checked)
        with self._saving():
            actions.replace_speeches(self.db, self.meeting_id, item_key, checked.speeches)
        item.speeches = checked.speeches
        return Change.SPEECHES

    def set_header(self, **fields: object) -> Change:
        """Change meeting fields (HEADER_FIELDS), checked with the whole meeting (chair in people, …)."""
        if wrong := sorted(set(fields) - HEADER_FIELDS):
            raise UserError(f"會議資料沒有可修改的欄位 {'、'.join(wrong)}")
        candidate = self._validated_meeting(**{name: _as_data(v) for name, v in fields.items()})
        with self._saving():
            actions.update_meeting(self.db, self.meeting_id, candidate, fields)
        for name in fields:
            setattr(self.meeting, name, getattr(candidate, name))
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
            actions.set_current_item(self.db, self.meeting_id, item_key)
        self.meeting.current_item = item_key
        return Change.CURRENT

    def reload(self) -> None:
        """Read the whole meeting from the file again, replacing the in-memory copy."""
        self.meeting = load_meeting(self.db, self.meeting_id)
        self._build_indexes()

    # -- internals --

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        """Run one storage write; a database failure becomes a UserError naming the file."""
        with explained(self.db.path, "無法儲存到資料庫"):
            yield
        self.saved_at = dt.datetime.now().astimezone()

    def _item_of(self, key: str, kind: type[M]) -> M:
        """The item *key*, which must be of *kind*."""
        item = self.item(key)
        if not isinstance(item, kind):
            label = KINDS[kind.model_fields["kind"].default].label
            raise UserError(f"議程項目 {key} 不是{label}")
        return item

    def _children(self, parent: AgendaItem | None) -> list[AgendaItem]:
        """The live list holding a section's children (None: the agenda itself)."""
        return self.meeting.agenda if parent is None else children(parent)

    def _check_people(self, value: BaseModel) -> None:
        """A changed item or speech names only people of the meeting; cheaper than validating
        a 5,000-case meeting whole."""
        try:
            check_people(value, {p.key for p in self.meeting.people})
        except PydanticCustomError as e:
            raise UserError(f"無法儲存：{explain(e, type(value))}") from None

    def _agenda_with(self, parent: AgendaItem | None, nested: list[AgendaItem]) -> list[AgendaItem]:
        """A new agenda in which *parent* holds *nested*; only sections up the path are copied."""
        while parent is not None:
            copied = parent.model_copy(update={"children": nested})
            grandparent = self._parents[parent.id]
            nested = [copied if i is parent else i for i in self._children(grandparent)]
            parent = grandparent
        return nested

    def _validated_meeting(self, **update: object) -> Meeting:
        """The meeting with *update*, checked whole (references, unique ids); ~1 ms at 5,000 cases."""
        data: dict[str, Any] = {name: getattr(self.meeting, name) for name in Meeting.model_fields}
        data.update(update)
        try:
            return Meeting.model_validate(data)
        except ValidationError as e:
            raise UserError(f"無法儲存：{explain(e, Meeting)}") from None

    def _build_indexes(self) -> None:
        """Index every agenda item (and its parent) and every case by key."""
        self._items.clear()
        self._parents.clear()
        self._index_items(self.meeting.agenda, None)
        self._cases = {case.id: (group, case) for group, case in self.meeting.cases()}

    def _index_items(self, items: list[AgendaItem], parent: AgendaItem | None) -> None:
        """Add *items* under *parent*, and their descendants, to the item indexes."""
        for item in items:
            self._items[item.id] = item
            self._parents[item.id] = parent
            self._index_items(children(item), item)


def _as_data(value: object) -> object:
    """Models (also inside a list) as plain dicts, so that validating them checks everything again.

    pydantic takes a model instance as it is, even one changed since it was made (attribute
    assignment, ``model_copy(update=...)``), whose text was then never cleaned; and a copy
    keeps a caller's later changes to its object out of the meeting.
    """
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list | tuple):
        return [_as_data(v) for v in value]
    return value


def _valid(
    adapter: TypeAdapter[Any], value: object, root: Any, loc: tuple[str, ...], what: str = "無法儲存"
) -> Any:
    """*value* validated by *adapter*; a refusal names the field in words (*root*, *loc*)."""
    try:
        return adapter.validate_python(value)
    except ValidationError as e:
        raise UserError(f"{what}：{explain(e, root, prefix=loc)}") from None


def _checked(model: M, fields: dict[str, object]) -> M:
    """A new *model* with *fields* replaced, validated whole (never the caller's objects)."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update({name: _as_data(value) for name, value in fields.items()})
    try:
        return type(model).model_validate(data)
    except ValidationError as e:
        raise UserError(f"無法儲存：{explain(e, type(model))}") from None


def _speeches_in(item: AgendaItem) -> Change:
    """SPEECHES if inserting or removing *item* adds or takes away a conclusions item."""
    return Change.SPEECHES if any(isinstance(i, ConclusionsItem) for i in subtree(item)) else Change(0)
