"""initial tables

Revision ID: 0001
Revises:
Create Date: 2026-11-23 11:51:14.424252
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Self-contained on purpose: a migration must not change when app.models does.
JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("received_at", TIMESTAMP, nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=True),
        sa.Column("trigger_errors", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_received_at"), ["received_at"], unique=False)

    op.create_table(
        "workflow",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("trigger", JSON, nullable=True),
        sa.Column("graph", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("deleted_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workflow", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workflow_created_at"), ["created_at"], unique=False)

    op.create_table(
        "workflow_version",
        sa.Column("workflow_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("graph", JSON, nullable=False),
        sa.Column("trigger", JSON, nullable=True),
        sa.Column("trigger_compiled", JSON, nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["workflow_id"],
            ["workflow.id"],
        ),
        sa.PrimaryKeyConstraint("workflow_id", "version"),
    )
    op.create_table(
        "execution",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workflow_id", sa.Uuid(), nullable=False),
        sa.Column("workflow_version", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("failed_step_id", sa.Uuid(), nullable=True),
        sa.Column("step_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workflow_id", "workflow_version"],
            ["workflow_version.workflow_id", "workflow_version.version"],
        ),
        sa.ForeignKeyConstraint(
            ["workflow_id"],
            ["workflow.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("execution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_execution_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_execution_started_at"), ["started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_execution_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_execution_workflow_started", ["workflow_id", "started_at"], unique=False
        )

    op.create_table(
        "step",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("execution_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=200), nullable=False),
        sa.Column("node_type", sa.String(length=100), nullable=False),
        sa.Column("activation", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("input", JSON, nullable=True),
        sa.Column("output", JSON, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("run_after", TIMESTAMP, nullable=False),
        sa.Column("wake_at", TIMESTAMP, nullable=True),
        sa.Column("recheck_at", TIMESTAMP, nullable=True),
        sa.Column("lease_expires_at", TIMESTAMP, nullable=True),
        sa.Column("lease_token", sa.Uuid(), nullable=True),
        sa.Column("lost_attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["execution_id"],
            ["execution.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("execution_id", "node_id", "activation", "attempt"),
    )
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.create_index("ix_step_execution_seq", ["execution_id", "seq"], unique=False)
        batch_op.create_index(
            "ix_step_recheck",
            ["recheck_at"],
            unique=False,
            postgresql_where=sa.text("recheck_at IS NOT NULL"),
            sqlite_where=sa.text("recheck_at IS NOT NULL"),
        )

    op.create_table(
        "notification",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("execution_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("node_id", sa.String(length=200), nullable=False),
        sa.Column("to_role", sa.String(length=200), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["execution_id"],
            ["execution.id"],
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["step.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_execution_id"), ["execution_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_execution_id"))
        batch_op.drop_index(batch_op.f("ix_notification_created_at"))

    op.drop_table("notification")
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_step_recheck",
            postgresql_where=sa.text("recheck_at IS NOT NULL"),
            sqlite_where=sa.text("recheck_at IS NOT NULL"),
        )
        batch_op.drop_index("ix_step_execution_seq")

    op.drop_table("step")
    with op.batch_alter_table("execution", schema=None) as batch_op:
        batch_op.drop_index("ix_execution_workflow_started")
        batch_op.drop_index(batch_op.f("ix_execution_status"))
        batch_op.drop_index(batch_op.f("ix_execution_started_at"))
        batch_op.drop_index(batch_op.f("ix_execution_event_id"))

    op.drop_table("execution")
    op.drop_table("workflow_version")
    with op.batch_alter_table("workflow", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workflow_created_at"))

    op.drop_table("workflow")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_received_at"))

    op.drop_table("event")
