"""A database-level guard: the audit table refuses UPDATE and DELETE.

The model already refuses both through the ORM; this stops raw SQL and other programs
sharing the database. It is a guard against mistakes, not against an owner of the
database, who can drop it: `rete verify-audit` is what shows such tampering.

PostgreSQL: a row trigger refuses UPDATE and DELETE. TRUNCATE is left alone because
Django's test runner empties tables with it between transactional tests.

SQLite: a trigger refuses UPDATE only. Django's test runner empties SQLite tables with
DELETE between transactional tests, and SQLite triggers cannot tell that apart from any
other DELETE. SQLite drops a table's triggers when Django rebuilds the table to alter it:
a later migration that alters AuditEntry must create the trigger again on SQLite.
"""

from django.db import migrations

TABLE = "audit_auditentry"

POSTGRESQL_CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_auditentry_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_auditentry is append-only: % refused', TG_OP;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse_change()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditentry_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_auditentry_refuse_change()",
]
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'audit_auditentry is append-only: UPDATE refused');
    END
    """,
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_auditentry_append_only"]


def _run(schema_editor, statements_by_vendor) -> None:
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        # No parameters: "%" in the PL/pgSQL text is not a placeholder.
        schema_editor.execute(statement, params=None)


def create_guard(apps, schema_editor) -> None:
    _run(schema_editor, {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE})


def drop_guard(apps, schema_editor) -> None:
    _run(schema_editor, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
