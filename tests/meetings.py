"""Comparing meetings by what they say, apart from their identity (uuid).

A meeting read from a file without a uuid gets a new identity each time it is read, and a
stored meeting keeps the one it was stored with: tests that compare a stored meeting with
one built or read again compare their content.
"""

from __future__ import annotations

import uuid
from typing import Any

from recorder_app.core.model import Meeting


def content(meeting: Meeting) -> dict[str, Any]:
    """Everything the meeting says, without its identity."""
    return meeting.model_dump(exclude={"uuid"})


def fresh(meeting: Meeting) -> Meeting:
    """The same content as another meeting (its own identity): to store it twice."""
    return meeting.model_copy(update={"uuid": str(uuid.uuid4())}, deep=True)
