"""Which meetings file: the one thing the window must know before it is shown.

Kept apart from ``services`` (which brings in SQLAlchemy and the models) so that the window
can lock the file and be on the screen before the slow imports begin.
"""

from __future__ import annotations

from pathlib import Path

from recorder_app.storage.location import default_db_path


def data_file(path: Path | None = None) -> Path:
    """The meetings file: *path*, or the user's default one — its real path, links resolved, so
    that one file is one file to the window's lock and to a restore however it is spelt."""
    return Path(path or default_db_path()).resolve()
