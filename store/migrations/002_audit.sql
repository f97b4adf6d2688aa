-- The audit trail (issue 5, item 6). One row per request that touched catalog
-- resources, committed before the response is sent, hash-chained in seq order
-- so that any change made behind the store's back is detectable
-- (npm run audit:verify). The Measures' chapters on security (第二十条至第二十二条)
-- and supervision (第二十三条至第二十五条) are what the trail serves.

CREATE TABLE audit_entries (
  seq            bigserial   PRIMARY KEY,
  id             text        NOT NULL UNIQUE,
  at             timestamptz NOT NULL,
  request_id     text        NOT NULL,
  unit           text        NOT NULL,
  token_id       text        NOT NULL,
  purpose        text,
  operation_hash text        NOT NULL,
  operation_name text,
  -- schema coordinates answered, e.g. {Student.name}
  served         text[]      NOT NULL DEFAULT '{}',
  -- [{"coordinate": "Student.idNumber", "code": "NOT_GRANTED"}]
  refused        jsonb       NOT NULL DEFAULT '[]',
  -- {"GZJY-XS-001": 20}: records served per catalog resource
  record_counts  jsonb       NOT NULL DEFAULT '{}',
  grant_ids      text[]      NOT NULL DEFAULT '{}',
  -- hash of the entry before this one (64 zeros for the first), and
  -- sha256(prev_hash || canonical JSON of this entry's content)
  prev_hash      text        NOT NULL,
  hash           text        NOT NULL UNIQUE
);

CREATE INDEX audit_entries_at ON audit_entries (at, seq);
CREATE INDEX audit_entries_unit_at ON audit_entries (unit, at, seq);
CREATE INDEX audit_entries_served ON audit_entries USING gin (served);
CREATE INDEX audit_entries_refused ON audit_entries USING gin (refused jsonb_path_ops);

-- One row per (audited request, student or teacher record served), so that
-- "who saw this student" is an index look-up. The rows are part of their
-- entry's hash.
CREATE TABLE audit_record_access (
  audit_seq   bigint NOT NULL REFERENCES audit_entries (seq),
  record_type text   NOT NULL CHECK (record_type IN ('Student', 'Teacher')),
  record_id   text   NOT NULL,
  grant_ids   text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (audit_seq, record_type, record_id)
);

CREATE INDEX audit_record_access_record ON audit_record_access (record_type, record_id, audit_seq);

-- Each run of npm run audit:verify, so that supervision can show when the
-- chain was last checked and what was found.
CREATE TABLE audit_verifications (
  id            bigserial   PRIMARY KEY,
  verified_at   timestamptz NOT NULL,
  ok            boolean     NOT NULL,
  entries       bigint      NOT NULL,
  broken_seq    bigint,
  broken_reason text
);

-- Append-only: the store itself refuses UPDATE, DELETE and TRUNCATE on the
-- trail. Statement-level, so even a statement that matches no row is refused.
-- An owner who disables the triggers can still change rows; the hash chain is
-- what makes that visible.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are never changed or removed; record a correction as a new entry.';
END
$$;

CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_record_access_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_record_access
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_verifications_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_verifications
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
