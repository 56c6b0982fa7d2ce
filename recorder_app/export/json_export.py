"""The meeting itself as a JSON file (the interchange format): to move it to another PC."""

from __future__ import annotations

from recorder_app.core.interchange import dumps
from recorder_app.export.formats import Source


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    return dumps(source.meeting).encode("utf-8")
