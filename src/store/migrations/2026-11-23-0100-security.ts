/**
 * Security: the audit log becomes append-only inside the database, audit entries name the
 * organisation of their actor, sessions remember when they were last used, and published outputs
 * (what readers may see) get a table.
 *
 * Append-only: a trigger refuses every UPDATE, DELETE and TRUNCATE of `audit_log`, whoever asks. On a
 * PostgreSQL server, run SIREN as a role that does not own the tables (migrations as the owner) so
 * that the trigger cannot be dropped or disabled by the application; the REVOKE below removes any
 * grant PUBLIC may have been given. The hash chain (`siren audit verify`) detects what a database
 * owner could still do by hand.
 */
export const sql = `
ALTER TABLE audit_log ADD COLUMN organisation_id bigint REFERENCES organisations(id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX users_organisation ON users (organisation_id);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
CREATE INDEX sharing_agreements_partner ON sharing_agreements (partner_organisation_id);

CREATE TABLE publications (
  id bigserial PRIMARY KEY,
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('briefing', 'data_sheet', 'map', 'dataset')),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  body jsonb NOT NULL DEFAULT '{}',
  published_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publications_published ON publications (published_at) WHERE published_at IS NOT NULL;
`;
