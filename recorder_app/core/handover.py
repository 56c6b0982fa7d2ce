"""The hand-over file (.mrec): a meeting with its versions, audit trail and comments.

What the recorder hands the secretariat, and what goes back and forth between their PCs.
It is a ZIP (deflated: versions repeat most of a meeting) holding ``content.json`` and
``manifest.json``; the manifest names the format and version and gives the SHA-256 of
content.json's bytes.

What the hash proves, and what not: a file whose content no longer matches its manifest
was damaged (a broken download, a truncated copy, a flipped bit on a USB stick) and is
refused. It proves nothing about who made the file — anyone who edits the content can
write a new hash. Whether a file is one this program exported is ``verify``'s question,
answered from the hashes kept in the database, never from the file.

Version documents travel as the exact text that was hashed when the version was made, so a
version's SHA-256 is the same on every PC.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from recorder_app.core.errors import ImportRefused

FORMAT = "recorder-app.handover"
VERSION = 1
SUFFIX = ".mrec"
# A meeting of 5,000 cases is ~2 MB as JSON; fifty versions of it and their audit trail stay
# well under this. A ZIP can claim any size: the limits are checked before anything is read.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CONTENT_BYTES = 1024 * 1024 * 1024
HASH_PROVES = (
    "SHA-256 of content.json: shows the file was not damaged in transit; it does not prove "
    "who made it (anyone can recompute it)"
)


@dataclass(frozen=True, slots=True)
class HandedVersion:
    number: int
    label: str
    created_at: str  # ISO, UTC
    os_user: str
    note: str
    document: str  # the version's interchange JSON, as hashed
    approvals: tuple[dict[str, str], ...] = ()  # by, title, on, at, os_user


@dataclass(frozen=True, slots=True)
class Handover:
    uuid: str
    meeting: str  # the working state's interchange JSON
    versions: tuple[HandedVersion, ...] = ()
    audit: tuple[dict[str, Any], ...] = ()  # at, os_user, action, target, old, new
    comments: tuple[dict[str, Any], ...] = field(default=())
    locked_version: int | None = None  # the approved version that locks the meeting


def dump(handover: Handover) -> bytes:
    content = json.dumps(
        {
            "uuid": handover.uuid,
            "meeting": handover.meeting,
            "versions": [
                {
                    "number": v.number,
                    "label": v.label,
                    "created_at": v.created_at,
                    "os_user": v.os_user,
                    "note": v.note,
                    "document": v.document,
                    "approvals": list(v.approvals),
                }
                for v in handover.versions
            ],
            "audit": list(handover.audit),
            "comments": list(handover.comments),
            "locked_version": handover.locked_version,
        },
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "content_sha256": hashlib.sha256(content).hexdigest(),
        "the_hash_proves": HASH_PROVES,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        z.writestr("content.json", content)
    return out.getvalue()


def is_handover(data: bytes) -> bool:
    """Whether *data* looks like a hand-over file (a ZIP) rather than a JSON meeting file."""
    return data[:4] == b"PK\x03\x04"


def load(data: bytes, name: str = "交接檔") -> Handover:
    """Read and check a hand-over file; ImportRefused says what is wrong, in words."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(f"{name} 過大（{len(data):,} 位元組，上限 {MAX_FILE_BYTES:,}）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = {i.filename: i for i in z.infolist()}
            if set(infos) != {"manifest.json", "content.json"}:
                raise ImportRefused(f"{name} 不是會議交接檔（內容不是 manifest.json 與 content.json）")
            if sum(i.file_size for i in infos.values()) > MAX_CONTENT_BYTES:
                raise ImportRefused(f"{name} 解開後過大，拒絕匯入")
            manifest = json.loads(z.read("manifest.json"))
            content = z.read("content.json")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as e:
        raise ImportRefused(f"{name} 已損壞，無法讀取（{type(e).__name__}）；請對方重新傳送") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportRefused(f"{name} 的 manifest.json 不是有效的 JSON；檔案已損壞") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ImportRefused(f"{name} 不是會議交接檔")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused(f"{name} 沒有寫明交接檔的格式版本")
    if version > VERSION:
        raise ImportRefused(
            f"{name} 由較新版本的程式寫出（交接檔格式版本 {version}，"
            f"本程式讀得懂到 {VERSION}），請安裝新版程式"
        )
    if hashlib.sha256(content).hexdigest() != manifest.get("content_sha256"):
        raise ImportRefused(
            f"{name} 在傳送途中損壞了（內容與檔案內記載的 SHA-256 不符），沒有匯入任何東西；請對方重新傳送"
        )
    try:
        raw = json.loads(content)
        versions = tuple(
            HandedVersion(
                int(v["number"]),
                str(v["label"]),
                str(v["created_at"]),
                str(v["os_user"]),
                str(v["note"]),
                str(v["document"]),
                tuple(dict(a) for a in v.get("approvals", [])),
            )
            for v in raw["versions"]
        )
        return Handover(
            str(raw["uuid"]),
            str(raw["meeting"]),
            versions,
            tuple(dict(a) for a in raw.get("audit", [])),
            tuple(dict(c) for c in raw.get("comments", [])),
            None if raw.get("locked_version") is None else int(raw["locked_version"]),
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise ImportRefused(f"{name} 的內容不完整或格式不對（{type(e).__name__}：{e}）") from None
