-- Roles and grants for a shared rekanan database on PostgreSQL.
--
-- Run as a superuser (or the database owner with CREATEROLE), connected to the rekanan
-- database, AFTER the first `rekanan db upgrade`, and again after every upgrade that adds
-- tables.  It is idempotent: running it twice changes nothing.
--
--     sudo -u postgres psql -d rekanan -v ON_ERROR_STOP=1 -f postgres_roles.sql
--
-- It creates two group roles (NOLOGIN); people log in with their own roles, members of one
-- group, so PostgreSQL itself knows who is connected:
--
--   rekanan_app     read and write every table; the audit log only SELECT and INSERT
--                   (no UPDATE, DELETE or TRUNCATE: nobody in the app can rewrite history)
--   rekanan_reader  SELECT only: rekanan opens read-only and offers no edit actions
--
-- The schema itself (CREATE/ALTER TABLE, alembic_version) stays with the owner role, which
-- runs `rekanan db upgrade`, `rekanan backup` and `rekanan restore`.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rekanan_app') THEN
        CREATE ROLE rekanan_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rekanan_reader') THEN
        CREATE ROLE rekanan_reader NOLOGIN;
    END IF;
    IF to_regclass('public.audit_log') IS NULL OR to_regclass('public.alembic_version') IS NULL
    THEN
        RAISE EXCEPTION 'This database has no rekanan tables yet: run `rekanan db upgrade` '
            'as the owner role first, then this script.';
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO rekanan_app, rekanan_reader',
                   current_database());
END
$$;

-- Nobody else may create objects in the schema; the groups may use it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rekanan_app, rekanan_reader;

-- Writers: everything on the data tables, and the id sequences.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rekanan_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rekanan_app;

-- ... but the audit log is append-only, and the schema version belongs to the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM rekanan_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM rekanan_app;

-- Readers: look, never touch.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public FROM rekanan_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO rekanan_reader;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO rekanan_reader;

-- Belt and braces: even a role that owns the table (or was granted too much by mistake)
-- cannot change or delete an audit row without first dropping this trigger, which only
-- the owner can do and which a later run of this script puts back.
CREATE OR REPLACE FUNCTION rekanan_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The rekanan audit log is append-only: rows cannot be changed or deleted.'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rekanan_audit_append_only();
