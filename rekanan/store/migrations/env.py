"""Alembic environment: uses the engine handed over by ``runner``, or the configured URL.

SQLite cannot alter tables in place, so migrations render in batch mode. Two processes
starting on an empty PostgreSQL database at once serialise on an advisory lock.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy import Engine, create_engine, text

from rekanan.models import metadata
from rekanan.models.base import EnumText

MIGRATION_LOCK = 0x72656B61  # "reka": one advisory lock id for every rekanan migration


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Render ``EnumText`` as the plain ``String`` the database sees."""
    if type_ == "type" and isinstance(obj, EnumText):
        return f"sa.String(length={getattr(obj.impl, 'length', None)})"
    return False


def run_migrations_offline() -> None:
    """Emit SQL without a database (``alembic upgrade --sql``)."""
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through a connection of the given engine, in one transaction."""
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        engine = create_engine(str(context.config.get_main_option("sqlalchemy.url")))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
            render_item=render_item,
            transactional_ddl=True,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
