"""主席結論暨指示(依發言順序): each speaker's heading, then their points, in speaking order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import MAX_SPEECHES, Speech

if TYPE_CHECKING:
    from recorder_app.core.model import Meeting


class ConclusionsItem(ItemBase):
    """主席結論暨指示: speeches in speaking order."""

    kind: Literal["conclusions"] = "conclusions"
    speeches: list[Speech] = Field(default_factory=list, max_length=MAX_SPEECHES, title="發言")


def speaker_name(meeting: Meeting, key: str) -> str:
    """How the minutes name a speaker: the person's short form (邱副市長), else the key as typed."""
    person = meeting.person(key)
    return person.short_name if person else key


def compose(c: Composer, item: ConclusionsItem) -> Node:
    """Speaker headings in speaking order; each speaker's points restart at 一、."""
    speeches: list[Node] = []
    for speech in item.speeches:
        if len(speech.points) == 1:
            said: tuple[Node, ...] = (Node(speech.points[0], False, Role.REMARK),)
        else:
            said = tuple(Node(p) for p in speech.points)
        speeches.append(Node(speaker_name(c.meeting, speech.speaker), False, Role.SPEAKER, children=said))
    return Node(item.title, children=tuple(speeches))


# Speeches are rows of their own: typing a speech rewrites one item's speeches, not the agenda.
KIND = register(
    ItemKind(
        ConclusionsItem,
        label="主席結論",
        compose=compose,
        recorded=frozenset({"speeches"}),
        rows=frozenset({"speeches"}),
    )
)
