"""The schema's version: which migration a file is at, and Alembic's configuration.

Migrations live in the top-level ``db/`` folder (``resources.migrations()``), applied by
``Database`` on open after a backup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from recorder_app import resources

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration under db/versions. Opening a file already at this revision skips
# importing Alembic (a tenth of a second at every start); a test checks it is Alembic's head.
SCHEMA_HEAD = "0006"

# SQLite's application_id (a 32-bit field in the file header) of a meetings file: "MREC".
# A file without it that holds our tables (written before it existed) is stamped after a
# backup; any other file is refused untouched (``identify``).
APPLICATION_ID = int.from_bytes(b"MREC", "big")
OUR_TABLES = frozenset({"meetings", "alembic_version"})


def is_ours(application_id: int, tables: set[str]) -> bool:
    """Whether a file with this header mark and these tables is a meetings file."""
    if application_id == APPLICATION_ID:
        return True
    return application_id == 0 and tables >= OUR_TABLES


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config built in code: no alembic.ini needs to ship with the program."""
    from alembic.config import Config

    config = Config()
    # ConfigParser treats % as interpolation; a folder name may contain one.
    config.set_main_option("script_location", str(resources.migrations()).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def is_known_revision(revision: str, script: Any = None) -> bool:
    """Whether *revision* is one of ours (a file from a newer program is not)."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = script or ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
