"""House styles and points: a meeting's template becomes a full style, wording becomes points.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Only JSON payloads change, no table: each meeting's header payload and each agenda item's
payload are brought from the v1 shape to the v2 shape by ``recorder_app.core.upgrades``,
the same (frozen) step the JSON reader applies to an older file, so the database and a file
of the same meeting upgrade alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from recorder_app.core.upgrades import header_v1_to_v2, item_v1_to_v2

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def upgrade() -> None:
    conn = op.get_bind()
    for row in conn.execute(sa.text("SELECT id, data FROM meetings")).all():
        data = header_v1_to_v2(json.loads(row.data))
        conn.execute(sa.text("UPDATE meetings SET data = :data WHERE id = :id"), {"data": _dumps(data), "id": row.id})
    for row in conn.execute(sa.text("SELECT id, kind, data FROM agenda_items")).all():
        data = item_v1_to_v2({**json.loads(row.data), "kind": row.kind})
        data.pop("kind")
        conn.execute(
            sa.text("UPDATE agenda_items SET data = :data WHERE id = :id"), {"data": _dumps(data), "id": row.id}
        )


def downgrade() -> None:
    raise NotImplementedError("0004 does not go back: restore the backup made before the upgrade")
