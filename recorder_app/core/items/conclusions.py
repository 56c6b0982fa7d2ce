"""主席結論暨指示(依發言順序): each speaker's heading, then their points, in speaking order."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from recorder_app.core.document import Node, Role
from recorder_app.core.items.base import Composer, ItemBase, ItemKind, register
from recorder_app.core.records import MAX_SPEECHES, Speech


class ConclusionsItem(ItemBase):
    """主席結論暨指示: speeches in speaking order."""

    kind: Literal["conclusions"] = "conclusions"
    speeches: list[Speech] = Field(default_factory=list, max_length=MAX_SPEECHES, title="發言")


def compose(c: Composer, item: ConclusionsItem) -> Node:
    """Speaker headings in speaking order; each speaker's points restart at 一、."""
    speeches: list[Node] = []
    for speech in item.speeches:
        if not speech.points:  # begun (發言中, Ctrl+N) with nothing said yet: no name alone in the minutes
            continue
        person = c.meeting.person(speech.speaker)
        if len(speech.points) == 1:
            said: tuple[Node, ...] = (Node(speech.points[0], False, Role.REMARK),)
        else:
            said = tuple(Node(p) for p in speech.points)
        name = person.short_name if person else speech.speaker
        speeches.append(Node(name, False, Role.SPEAKER, children=said))
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
