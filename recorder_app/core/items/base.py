"""What every kind of agenda item is, and the registry that holds the kinds.

A kind of agenda item is one module of this package: its pydantic model (the fields, each
with its name in words), how it is written in the minutes, which fields the meeting itself
fills in (cleared when a meeting is copied blank), and its name in words. The module ends by
registering one ``ItemKind``. Everything else that depends on the kinds reads this registry:
the model union ``AgendaItem``, the interchange tags, storage (a kind's own fields are stored
as one JSON payload per item, so a new field needs no storage code), the fields the recorder
may edit, the blank copy and the window's editors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import Field

from recorder_app.core.records import Key, Line, Record
from recorder_app.core.style import Style

if TYPE_CHECKING:
    from recorder_app.core.document import Node
    from recorder_app.core.model import Meeting


class ItemBase(Record):
    """The fields every agenda item has; each kind adds ``kind`` (its tag) and its own."""

    id: Key = Field(title="代號")
    title: Line = Field(title="標題")
    ticked_at: dt.datetime | None = Field(default=None, title="完成時間")  # when it was ticked off

    # The fields every item has, in storage columns of their own rather than the payload.
    COMMON: ClassVar[frozenset[str]] = frozenset({"id", "kind", "ticked_at"})


class Composer(Protocol):
    """What a kind's ``compose`` may use: the meeting, its style, and nested composition."""

    meeting: Meeting
    style: Style

    def item(self, item: Any) -> Node: ...

    def items(self, items: Iterable[Any]) -> tuple[Node, ...]: ...

    def number(self, item: Any) -> str:
        """一, 二, …: which of its kind *item* is among its siblings (討論事項一)."""
        ...


@dataclass(frozen=True)
class ItemKind:
    """One kind of agenda item, as registered by its module."""

    model: type[ItemBase]
    label: str  # the kind in words: 報告案, 討論案 … (messages, the window's 新增 buttons)
    compose: Callable[[Composer, Any], Node]
    # Fields the meeting fills in (a decision, the speeches): a blank copy resets them to
    # their defaults. Every other field is prepared before the meeting and kept.
    recorded: frozenset[str] = frozenset()
    carried_forward: bool = True  # False: left out of the next meeting of a series
    insertable: bool = False  # the recorder may add one under a section during the meeting
    rows: frozenset[str] = field(default=frozenset())  # fields stored as rows of their own

    @property
    def name(self) -> str:
        """The kind's tag: ``"report"``, the value of its model's ``kind`` field."""
        return str(self.model.model_fields["kind"].default)

    @property
    def payload(self) -> frozenset[str]:
        """The kind's own fields, stored together as one JSON document per item."""
        return frozenset(self.model.model_fields) - ItemBase.COMMON - self.rows

    @property
    def editable(self) -> frozenset[str]:
        """The fields ``MeetingSession.set_item_fields`` may change: the payload, derived."""
        return self.payload


KINDS: dict[str, ItemKind] = {}


def register(kind: ItemKind) -> ItemKind:
    """Add *kind* to the registry (once, in its module); the order is the union's order."""
    if kind.name in KINDS:
        raise ValueError(f"item kind {kind.name!r} is registered twice")
    missing = sorted(kind.recorded - set(kind.model.model_fields))
    if missing:
        raise ValueError(f"item kind {kind.name!r}: recorded names unknown fields {missing}")
    KINDS[kind.name] = kind
    return kind


def kind_of(item: ItemBase) -> ItemKind:
    return KINDS[item.kind]  # type: ignore[attr-defined]


def children(item: ItemBase) -> list[Any]:
    """The items nested under *item* (a section's), else an empty list."""
    nested = getattr(item, "children", None)
    return nested if isinstance(nested, list) else []


def subtree(item: ItemBase) -> Iterator[Any]:
    """*item* and all its descendants, depth first."""
    yield item
    for child in children(item):
        yield from subtree(child)
