"""The kinds of agenda item, one module each, and ``AgendaItem``: the union of their models.

Importing this package registers every kind, in the order below (the union's, the JSON
Schema's and the interchange's order). A new kind is a new module here plus its line below,
and an editor module in ``recorder_app.gui.editors``.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from recorder_app.core.items import (
    adjournment,
    conclusions,
    discussion,
    info,
    minutes,
    register,
    report,
    resolution,
    section,
)
from recorder_app.core.items.adjournment import AdjournmentItem
from recorder_app.core.items.base import KINDS, ItemBase, ItemKind, children, kind_of, subtree
from recorder_app.core.items.conclusions import ConclusionsItem
from recorder_app.core.items.discussion import DiscussionItem
from recorder_app.core.items.info import InfoItem
from recorder_app.core.items.minutes import MinutesItem
from recorder_app.core.items.register import RegisterItem
from recorder_app.core.items.report import ReportItem
from recorder_app.core.items.resolution import ResolutionItem
from recorder_app.core.items.section import SectionItem

# The union's order (that of the hand-written union before the registry: it keeps the schema
# file stable). Every registered kind must be here.
_ORDER = (info, report, discussion, resolution, register, conclusions, adjournment, section, minutes)
assert set(KINDS) == {m.KIND.name for m in _ORDER}, "a kind module is missing from _ORDER"

AgendaItem = Annotated[  # type: ignore[valid-type]
    Union[tuple(m.KIND.model for m in _ORDER)],  # noqa: UP007 - built from the registry
    Field(discriminator="kind"),
]
SectionItem.model_rebuild(_types_namespace={"AgendaItem": AgendaItem})

__all__ = [
    "KINDS",
    "AdjournmentItem",
    "AgendaItem",
    "ConclusionsItem",
    "DiscussionItem",
    "InfoItem",
    "ItemBase",
    "ItemKind",
    "MinutesItem",
    "RegisterItem",
    "ReportItem",
    "ResolutionItem",
    "SectionItem",
    "children",
    "kind_of",
    "subtree",
]
