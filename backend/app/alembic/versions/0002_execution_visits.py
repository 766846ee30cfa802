"""count node visits on the execution row

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("execution") as batch_op:
        batch_op.add_column(sa.Column("visits", JSON, nullable=False, server_default="{}"))
    # Executions started before this revision: count the visits their steps record.
    op.execute(
        """
        UPDATE execution SET visits = COALESCE((
            SELECT json_group_object(node_id, top) FROM (
                SELECT node_id, MAX(activation) AS top FROM step
                WHERE step.execution_id = execution.id GROUP BY node_id
            ) AS per_node
        ), '{}')
        """
        if op.get_bind().dialect.name == "sqlite"
        else """
        UPDATE execution SET visits = COALESCE((
            SELECT jsonb_object_agg(node_id, top) FROM (
                SELECT node_id, MAX(activation) AS top FROM step
                WHERE step.execution_id = execution.id GROUP BY node_id
            ) AS per_node
        ), '{}'::jsonb)
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("execution") as batch_op:
        batch_op.drop_column("visits")
