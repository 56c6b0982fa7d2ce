"""Files written by an earlier release open in this one with nothing lost.

tests/data/release-0.1.0 holds a database and JSON files made by release 0.1.0 (schema 0002),
committed before the storage was redesigned; make.py there says how.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recorder_app.core.interchange import load
from recorder_app.storage.audit import audit_log
from recorder_app.storage.database import Database
from recorder_app.storage.meetings import list_meetings, load_meeting
from tests.meetings import content

RELEASE = Path(__file__).resolve().parent / "data" / "release-0.1.0"


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    target = tmp_path / "meetings.sqlite3"
    shutil.copyfile(RELEASE / "meetings.sqlite3", target)
    return target


def test_a_release_0_1_database_opens_with_every_meeting_as_its_json_says(old_db: Path) -> None:
    """Each meeting of the old file, after migration, equals the meeting its old JSON export holds."""
    with Database.open(old_db) as db:
        stored = sorted(m.id for m in list_meetings(db))
        assert len(stored) == 3
        for n, meeting_id in enumerate(stored, start=1):
            old = load(RELEASE / f"meeting-{n}.json")
            assert content(load_meeting(db, meeting_id)) == content(old), f"meeting {n}"


def test_a_release_0_1_database_keeps_its_audit_trail(old_db: Path) -> None:
    """The old audit entries survive the upgrade, in order, with their users and values."""
    with Database.open(old_db) as db:
        entries = [e for m in sorted(m.id for m in list_meetings(db)) for e in audit_log(db, m)]
    assert len(entries) == 23
    assert [e.id for e in entries] == sorted(e.id for e in entries)
    decisions = [e for e in entries if e.action == "set_case_decision"]
    assert len(decisions) == 11 and all(e.new and "同意" in e.new for e in decisions)


def test_release_0_1_json_files_still_import() -> None:
    """The old JSON exports are still valid meeting files."""
    for n in (1, 2, 3):
        assert load(RELEASE / f"meeting-{n}.json").agenda


def test_the_minutes_read_as_release_0_1_printed_them(old_db: Path) -> None:
    """Upgraded (the database migrated, the JSON read as an old format), every meeting's
    minutes print word for word as release 0.1.0 printed them (minutes-N.txt, written by
    0.1.0's own plain-text export) — but for the line issue 14 adds, last in a group, for its
    undecided cases, which 0.1.0 silently left out."""
    from recorder_app.core.compose import compose
    from recorder_app.core.plaintext import render_text

    def as_0_1(text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True) if "提下次會議續議" not in line)

    with Database.open(old_db) as db:
        for n, meeting_id in enumerate(sorted(m.id for m in list_meetings(db)), start=1):
            printed = (RELEASE / f"minutes-{n}.txt").read_text("utf-8")
            assert as_0_1(render_text(compose(load_meeting(db, meeting_id)))) == printed, f"meeting {n}"
            from_json = render_text(compose(load(RELEASE / f"meeting-{n}.json")))
            assert as_0_1(from_json) == printed, f"meeting {n}"
