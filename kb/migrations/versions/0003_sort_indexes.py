"""Indexes for the browser's sorts over every claim (by severity and by value).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claim_severity_id", "claim", ["severity", "id"])
    op.create_index("ix_claim_value_id", "claim", ["value", "id"])


def downgrade() -> None:
    raise NotImplementedError("claimkb never drops data: restore a backup instead")
