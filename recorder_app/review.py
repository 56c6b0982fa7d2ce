"""The secretariat's review, for the command line and the window alike: versions, the
hand-over file, importing a meeting already held, approval and the lock, verify; comparing
two versions and comments (批註).

Like ``services`` (which it builds on), this is what a person does; the window and the
command line call these and nothing below them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from recorder_app import styles
from recorder_app.core import handover, interchange
from recorder_app.core.atomic import write_all, write_atomic
from recorder_app.core.compare import Comparison, Para, compare, text_diff
from recorder_app.core.errors import ImportRefused, UserError, os_reason
from recorder_app.core.model import Meeting
from recorder_app.storage import comments, exchange, versions
from recorder_app.storage.comments import Comment
from recorder_app.storage.database import Database
from recorder_app.storage.exchange import NeedsConfirmation
from recorder_app.storage.meetings import find_by_uuid, list_meetings, load_meeting
from recorder_app.storage.sqlite import MeetingLocked
from recorder_app.storage.versions import Approval, ExportRecord, Version

if TYPE_CHECKING:
    from recorder_app.export.docx_export import WordComment

__all__ = [
    "Approval",
    "Comment",
    "Compared",
    "ImportOutcome",
    "MeetingLocked",
    "NeedsConfirmation",
    "Verified",
    "Version",
    "add_comment",
    "anchor_words",
    "approve",
    "comments_of",
    "compare_versions",
    "export",
    "export_comments",
    "from_version",
    "handover_to",
    "import_file",
    "locked_version",
    "new_version",
    "placed_comments",
    "reopen",
    "resolve_comment",
    "verify",
    "version_meeting",
    "versions_of",
    "write_comparison",
]

HASH_PROVES = (
    "檔案內的 SHA-256 只證明檔案在傳送途中沒有損壞，不證明是誰做的（任何人都能重算）；"
    "要確認檔案是否為本程式匯出的，請用 recorder-app verify"
)


# --- versions -------------------------------------------------------------------------------------


def new_version(db: Database, meeting_id: int, label: str | None = None, note: str = "") -> int:
    """A version of the meeting as it stands (記錄完成, 初稿, 修正稿 N by default); its number."""
    return versions.make_version(db, meeting_id, label, note)


def versions_of(db: Database, meeting_id: int) -> list[Version]:
    return versions.list_versions(db, meeting_id)


def version_meeting(db: Database, meeting_id: int, number: int) -> Meeting:
    """Version *number* as a meeting (read-only: nothing writes it back)."""
    return interchange.loads(versions.version_document(db, meeting_id, number))


def locked_version(db: Database, meeting_id: int) -> int | None:
    return versions.locked_version(db, meeting_id)


def from_version(db: Database, meeting_id: int, number: int) -> int:
    """A new draft from version *number*: the meeting's content becomes that version's, and
    a new version records it; its number. The versions before stay as they were."""
    meeting = version_meeting(db, meeting_id, number)
    made = versions.replace_content(
        db, meeting_id, meeting, "from_version", f"第 {number} 版", note=f"由第 {number} 版建立新草稿"
    )
    assert made is not None
    return made


def approve(
    db: Database, meeting_id: int, number: int, by: str, title: str = "", on: dt.date | None = None
) -> None:
    """Approve version *number* (approver, title, date) and lock the meeting on it."""
    versions.approve(db, meeting_id, number, by, title, on or dt.date.today())


def reopen(db: Database, meeting_id: int, note: str) -> int:
    """Unlock an approved meeting for correction; the new 修正 version's number."""
    return versions.reopen(db, meeting_id, note)


def confirm_at_next_meeting(db: Database, meeting_id: int, next_meeting_id: int) -> int:
    """The next meeting's 宣讀上次會議紀錄 confirmed these minutes: 紀錄確定 approves the
    meeting as it stands; 修正確定 makes its corrections (the item's text) a new version,
    approved. Approved by the next meeting, on its date; the number of the version approved.
    A meeting locked on an earlier approval is reopened first (the history keeps both)."""
    if next_meeting_id == meeting_id:
        raise UserError(f"會議 {meeting_id} 不能確認自己的紀錄；--at 是宣讀這份紀錄的下次會議")
    later = load_meeting(db, next_meeting_id)
    item = next((i for i in later.walk() if i.kind == "minutes"), None)
    if item is None or item.decision is None:  # type: ignore[attr-defined]
        raise UserError(f"會議 {next_meeting_id} 沒有記錄「宣讀上次會議紀錄」的決定")
    decision = item.decision.value  # type: ignore[attr-defined]
    corrections = "；".join(p.text for p in item.text)  # type: ignore[attr-defined]
    by = f"{later.body}{f'第 {later.ordinal} 次' if later.ordinal else ''}{later.name}"
    if versions.locked_version(db, meeting_id) is not None:
        if decision == "紀錄確定":
            raise UserError(f"會議 {meeting_id} 已核定，紀錄確定不需再核定一次")
        reopen(db, meeting_id, f"{by}宣讀上次會議紀錄：{decision}")
    note = f"{by}宣讀上次會議紀錄：{decision}" + (f"；修正事項：{corrections}" if corrections else "")
    number = new_version(db, meeting_id, versions.FINAL_LABEL, note)
    approve(db, meeting_id, number, by, "", later.date)
    return number


# --- importing, with identity ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    meeting_id: int
    version: int | None  # the new version, when the meeting was already here and changed
    message: str  # what happened, in words


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > handover.MAX_FILE_BYTES:
            raise ImportRefused(f"{path}：檔案過大（{size:,} 位元組）")
        return path.read_bytes()
    except OSError as e:
        raise ImportRefused(f"無法讀取 {path}：{os_reason(e)}") from None


def check_file(path: Path) -> None:
    """Check a meeting or hand-over file whole, touching no database (ImportRefused if bad)."""
    path = Path(path)
    data = _read(path)
    if handover.is_handover(data):
        _checked(handover.load(data, path.name), path.name)
    else:
        _meeting_file(data, path)


def _meeting_file(data: bytes, path: Path) -> Meeting:
    """A meeting file's meeting; its own (smaller) size limit holds however it was read."""
    if len(data) > interchange.MAX_FILE_BYTES:
        raise ImportRefused(f"{path}：檔案過大（{len(data):,} 位元組，上限 {interchange.MAX_FILE_BYTES:,}）")
    return interchange.loads(data, styles.resolve)


def _checked(handed: handover.Handover, name: str, held: Mapping[int, str] | None = None) -> Meeting:
    """The hand-over file's meeting, every version in it checked too, except those *held*
    (number → SHA-256) already: they were checked when they were stored, and a version is
    immutable. (A long history handed back and forth would otherwise be read whole each time.)"""
    meeting = interchange.loads(handed.meeting)
    if meeting.uuid != handed.uuid:
        raise ImportRefused(f"{name} 的內容不一致（會議識別碼不符），檔案可能被改過")
    held = held or {}
    for v in handed.versions:  # every version readable before anything is written
        if held.get(v.number) == versions.sha256(v.document):
            continue
        try:
            interchange.loads(v.document)
        except ImportRefused as e:
            raise ImportRefused(f"{name} 的第 {v.number} 版無法讀取：{e}") from None
    return meeting


def import_file(db: Database, path: Path, *, replace: bool = False) -> ImportOutcome:
    """Import a meeting file (.json) or a hand-over file (.mrec).

    A meeting not held is stored whole. One already held (same identity) is never stored a
    second time: identical content is a no-op that says so; different content needs
    *replace* (else NeedsConfirmation, nothing written) and then becomes a new version of
    that meeting, the audit naming the file. Everything is checked before anything is
    written, and written in one transaction: nothing is ever half imported.
    """
    path = Path(path)
    data = _read(path)
    if handover.is_handover(data):
        return _take(db, handover.load(data, path.name), path.name, replace)
    meeting = _meeting_file(data, path)
    held = find_by_uuid(db, meeting.uuid)
    if held is None:
        from recorder_app.services import store

        return ImportOutcome(store(db, meeting), None, "")
    if versions.document(load_meeting(db, held)) == versions.document(meeting):
        return ImportOutcome(held, None, f"資料庫中已有這場會議（會議 {held}），內容相同，沒有變更")
    if not replace:
        raise NeedsConfirmation(
            f"資料庫中已有這場會議（會議 {held}），{path.name} 的內容與它不同；匯入會以檔案的內容取代"
            "目前內容，並存成一個新版本"
        )
    number = versions.replace_content(db, held, meeting, "import_file", path.name, note=f"匯入 {path.name}")
    return ImportOutcome(held, number, f"已匯入為會議 {held} 的第 {number} 版")


def _take(db: Database, handed: handover.Handover, name: str, replace: bool) -> ImportOutcome:
    here = find_by_uuid(db, handed.uuid)
    held = {} if here is None else {v.number: v.sha256 for v in versions.list_versions(db, here)}
    meeting = _checked(handed, name, held)
    taken = exchange.take_handover(db, handed, meeting, name, replace=replace)
    notes = f"，{taken.comments} 則新批註" if taken.comments else ""
    if taken.created:
        words = f"共 {len(taken.versions)} 個版本" if taken.versions else "沒有版本"
        return ImportOutcome(taken.meeting_id, None, f"已匯入為新會議 {taken.meeting_id}（{words}{notes}）")
    if not (taken.replaced or taken.versions or taken.comments):
        return ImportOutcome(
            taken.meeting_id, None, f"資料庫中已有這場會議（會議 {taken.meeting_id}），內容相同，沒有變更"
        )
    newest = max(taken.versions) if taken.versions else None
    added = "、".join(f"第 {n} 版" for n in taken.versions)
    return ImportOutcome(
        taken.meeting_id,
        newest,
        f"會議 {taken.meeting_id}："
        + ("內容已更新；" if taken.replaced else "")
        + (f"新增 {added}" if added else "")
        + (f"{'，' if added else ''}新增 {taken.comments} 則批註" if taken.comments else ""),
    )


# --- the hand-over file -----------------------------------------------------------------------------


def handover_to(db: Database, meeting_id: int, target: Path) -> Path:
    """Write the meeting's hand-over file (atomically) and remember its hash for ``verify``."""
    target = Path(target)
    if not target.suffix:
        target = target.with_suffix(handover.SUFFIX)
    data = handover.dump(exchange.handover_of(db, meeting_id))
    write_atomic(target, data)
    versions.record_export(db, meeting_id, None, "mrec", target.name, data)
    return target


# --- exporting any version, and verifying a file ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Exported:
    paths: list[Path]
    unregistered: str | None = None  # why the files' hashes could not be recorded (they are written)


def export(
    db: Database,
    meeting_id: int,
    targets: Mapping[str, Path],
    version: int | None = None,
    *,
    with_comments: bool = True,
) -> Exported:
    """Export the meeting (or its version *version*); every file's SHA-256 is recorded.
    The Word and ODF text files of a draft carry its open comments (批註, see
    ``export_comments``) unless *with_comments* is False: a draft sent out officially."""
    from recorder_app.services import export_meeting

    meeting = load_meeting(db, meeting_id) if version is None else version_meeting(db, meeting_id, version)
    notes = export_comments(db, meeting_id, meeting, list(targets), version) if with_comments else ()
    written = export_meeting(meeting, targets, notes)
    return Exported(written, record_exports(db, meeting_id, version, targets))


def export_comments(
    db: Database, meeting_id: int, meeting: Meeting, keys: Iterable[str], version: int | None = None
) -> tuple[WordComment, ...]:
    """The open comments (批註) that an export of *meeting* (the meeting as it stands, or its
    version *version*) in the formats *keys* carries: none in an approved final, which is the
    text as approved, nor when no format shows comments. The window and ``export`` both ask here."""
    from recorder_app.export.formats import carry_comments

    if not carry_comments(keys):
        return ()
    if version is None:
        final = locked_version(db, meeting_id) is not None  # as it stands is the approved version
    else:
        final = any(v.number == version and v.approved for v in versions_of(db, meeting_id))
    return () if final else word_comments(meeting, comments_of(db, meeting_id))


def record_exports(
    db: Database, meeting_id: int, version: int | None, targets: Mapping[str, Path]
) -> str | None:
    """Remember the files just written (read back from the disk, as ``verify`` will read them).

    The files are good whatever happens here, so a database that cannot take the record (read
    only, disk full) is a warning, not a failure: the export itself must still work there."""
    try:
        for key, path in targets.items():
            try:
                data = Path(path).read_bytes()
            except OSError:
                continue  # not there after all: nothing to remember
            versions.record_export(db, meeting_id, version, key, Path(path).name, data)
    except UserError as e:
        return f"檔案已匯出，但未能登記到資料庫，日後 verify 認不出它們：{e}"
    return None


@dataclass(frozen=True, slots=True)
class Verified:
    meeting_id: int
    title: str
    version: int | None  # None: the working state when it was exported
    label: str
    approved: bool
    record: ExportRecord

    def words(self) -> str:
        which = f"第 {self.version} 版「{self.label}」" if self.version else "當時的工作稿（未建立版本）"
        final = "，為核定本" if self.approved else ""
        when = self.record.at.astimezone().strftime("%Y-%m-%d %H:%M")
        return (
            f"相符：會議 {self.meeting_id}「{self.title}」{which}{final}"
            f"（{self.record.format}，{when} 由 {self.record.os_user} 匯出為 {self.record.file_name}）"
        )


def verify(db: Database, path: Path) -> list[Verified]:
    """Which meeting and version the file at *path* is, from the hashes this database kept
    when it wrote files (empty: it matches none). Nothing read from the file is trusted."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise UserError(f"無法讀取 {path}：{os_reason(e)}") from None
    titles = {m.id: m.title for m in list_meetings(db)}
    out = []
    for rec in versions.find_export(db, data):
        label, approved = "", False
        if rec.version is not None:
            v = next((v for v in versions.list_versions(db, rec.meeting_id) if v.number == rec.version), None)
            label, approved = (v.label, v.approved) if v else ("", False)
        out.append(
            Verified(rec.meeting_id, titles.get(rec.meeting_id, ""), rec.version, label, approved, rec)
        )
    return out


# --- comparing two versions -----------------------------------------------------------------------

COMPARE_FORMATS = ("docx", "xlsx", "text")  # the command line's --docx / --xlsx / --text


@dataclass(frozen=True, slots=True)
class Compared:
    meeting_id: int
    old: Version
    new: Version
    old_meeting: Meeting
    new_meeting: Meeting
    comparison: Comparison
    comments: tuple[Comment, ...] = ()  # the meeting's open comments, for the Word file

    def name(self, v: Version) -> str:
        return f"第 {v.number} 版「{v.label}」"

    def text(self) -> str:
        """The plain-text diff."""
        return text_diff(self.comparison, self.name(self.old), self.name(self.new))


def compare_versions(db: Database, meeting_id: int, old: int, new: int) -> Compared:
    """Version *old* → version *new* (either may be the later one: the diff reads old → new)."""
    held = {v.number: v for v in versions.list_versions(db, meeting_id)}
    for n in (old, new):
        if n not in held:
            have = "、".join(str(k) for k in held) or "（還沒有版本）"
            raise UserError(f"會議 {meeting_id} 沒有第 {n} 版；現有版本：{have}")
    a, b = version_meeting(db, meeting_id, old), version_meeting(db, meeting_id, new)
    notes = tuple(c for c in comments_of(db, meeting_id) if not c.resolved)
    return Compared(meeting_id, held[old], held[new], a, b, compare(a, b), notes)


def comparison_files(compared: Compared, keys: list[str] | tuple[str, ...]) -> dict[str, bytes]:
    """The comparison's files by key: the tracked-changes Word file (as by the newer version's
    author, at its time), the changed decisions' Excel sheet, the plain-text diff."""
    from recorder_app.core.compose import compose, title

    out: dict[str, bytes] = {}
    for key in keys:
        if key == "docx":
            from recorder_app.export.redline import redline_bytes

            out[key] = redline_bytes(
                compose(compared.old_meeting), compose(compared.new_meeting), compared.comparison,
                compared.new.os_user, compared.new.created_at,
                word_comments(compared.new_meeting, compared.comments, compared.comparison.new),
            )
        elif key == "xlsx":
            from recorder_app.export.changes_xlsx import changes_xlsx_bytes

            heading = (f"{title(compared.new_meeting)}　案件決議異動"
                       f"（{compared.name(compared.old)} → {compared.name(compared.new)}）")
            out[key] = changes_xlsx_bytes(compared.comparison, heading)
        elif key == "text":
            out[key] = compared.text().encode("utf-8")
        else:
            raise ValueError(f"unknown comparison format {key!r}")
    return out


def write_comparison(compared: Compared, targets: Mapping[str, Path]) -> list[Path]:
    """Write the comparison's files (all replaced together, or none)."""
    files = comparison_files(compared, list(targets))
    write_all({Path(targets[k]): data for k, data in files.items()})
    return [Path(targets[k]) for k in files]


# --- comments (批註) -------------------------------------------------------------------------------

MAX_COMMENT = 10_000  # characters: a comment is a note, not a document


def anchors_hold(meeting: Meeting, anchor: str) -> str | None:
    """Why *anchor* names nothing in *meeting* (None: it does)."""
    from recorder_app.core.compare import paras
    from recorder_app.core.compose import compose
    from recorder_app.core.model import Point
    from recorder_app.core.records import walk_points

    kind, _, what = anchor.partition(":")
    items = {i.id: i for i in meeting.walk()}
    if kind == "item":
        return None if what in items else f"沒有代號為 {what} 的議程項目"
    if kind == "point":
        item_id, _, point = what.partition("/")
        item = items.get(item_id)
        if item is None:
            return f"沒有代號為 {item_id} 的議程項目"
        points = [p for name in type(item).model_fields for v in [getattr(item, name)]
                  if isinstance(v, list) for p in walk_points([x for x in v if isinstance(x, Point)])]
        return None if any(p.id == point for p in points) else f"議程項目 {item_id} 沒有代號為 {point} 的要點"
    if kind == "case":
        return None if any(c.id == what for _, c in meeting.cases()) else f"沒有代號為 {what} 的案件"
    if kind == "para":
        count = len(paras(compose(meeting)))
        ok = what.isdigit() and 1 <= int(what) <= count
        return None if ok else f"紀錄只有第 1 到第 {count} 段"
    return "批註的位置要寫成 item:項目代號、point:項目代號/要點代號、case:案件代號 或 para:段落序號"


def anchor_words(meeting: Meeting, anchor: str) -> str:
    """Where a comment is, as a reader says it: the item's title, 「the case」, 第 N 段."""
    kind, _, what = anchor.partition(":")
    items = {i.id: i for i in meeting.walk()}
    if kind in ("item", "point"):
        item = items.get(what.partition("/")[0])
        if item is None:
            return anchor
        title = str(getattr(item, "title", "") or item.id)
        return title if kind == "item" else f"{title}（要點）"
    if kind == "case":
        return next((f"「{c.title}」" for _, c in meeting.cases() if c.id == what), anchor)
    if kind == "para" and what.isdigit():
        return f"第 {what} 段"
    return anchor


def add_comment(db: Database, meeting_id: int, on: str, text: str, author: str | None = None) -> Comment:
    """A comment on *on* (item:ID, point:ITEM/POINT, case:ID, para:N) of the meeting as it
    stands, by *author* (default: the operating-system user). Allowed on an approved meeting."""
    from recorder_app.core.text import clean_line, clean_text

    text, on = clean_text(text).strip(), clean_line(on).strip()
    if not text:
        raise UserError("批註內容是空的；請寫下要說的話")
    if len(text) > MAX_COMMENT:
        raise UserError(f"批註過長（{len(text):,} 字，上限 {MAX_COMMENT:,} 字）；請分成幾則")
    if why := anchors_hold(load_meeting(db, meeting_id), on):
        raise UserError(f"無法在「{on}」加批註：{why}")
    return comments.add(db, meeting_id, on, text, clean_line(author) if author else None)


def comments_of(db: Database, meeting_id: int, version: int | None = None) -> list[Comment]:
    """The meeting's comments, oldest first; with *version*, those made while it was the
    newest version."""
    if version is not None:
        versions.version_document(db, meeting_id, version)  # a version that is not there says so
    return comments.list_comments(db, meeting_id, version)


def resolve_comment(db: Database, meeting_id: int, comment_id: int, by: str | None = None) -> Comment:
    return comments.resolve(db, meeting_id, comment_id, by)


def placed_comments(
    meeting: Meeting, notes: Iterable[Comment], ps: tuple[Para, ...]
) -> list[tuple[Comment, int, bool]]:
    """Each comment with the printed paragraph it goes on (an index into *ps*, the meeting's
    ``paras``), and whether that is its anchor's own: one whose anchor the minutes do not
    print (a case they do not name) goes on the title. The Word and ODF drafts and the
    window's preview all place comments by this."""
    from recorder_app.core.compare import paragraph_of, title_index

    titles = {c.id: c.title for _, c in meeting.cases()}
    out = []
    for c in notes:
        at = paragraph_of(ps, c.anchor, titles)
        out.append((c, title_index(ps) if at is None else at, at is not None))
    return out


def word_comments(
    meeting: Meeting, notes: Iterable[Comment], ps: tuple[Para, ...] | None = None
) -> tuple[WordComment, ...]:
    """The open comments as Word (and ODF) comments on their paragraphs of *meeting*'s minutes
    (*ps*: its paragraphs, when already composed); one on the title says where it was."""
    from recorder_app.core.compare import paras
    from recorder_app.core.compose import compose
    from recorder_app.export.docx_export import WordComment

    open_ones = [c for c in notes if not c.resolved]
    if not open_ones:
        return ()
    ps = ps if ps is not None else paras(compose(meeting))
    return tuple(
        WordComment(at, c.text if own else f"（{c.anchor}）{c.text}", c.author, at=c.at)
        for c, at, own in placed_comments(meeting, open_ones, ps)
    )
