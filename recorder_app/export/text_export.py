"""The minutes as plain text (UTF-8), from the same paragraph tree as the Word file."""

from __future__ import annotations

from recorder_app.core.plaintext import render_text
from recorder_app.export.formats import Source


def render(source: Source) -> bytes:
    """The registry's entry point (export/formats.py)."""
    # The text was cleaned when it entered the model; "strict" would only fail on a bug.
    return render_text(source.minutes).encode("utf-8")
