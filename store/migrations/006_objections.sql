-- Objections and corrections (校核纠错, issue 7 item 5). A unit that received
-- a record objects to one field of it; the providing unit verifies and
-- answers within the catalog's deadline. The objection row holds the current
-- state; objection_events is the full history, one row per step, never
-- changed (like share_application_events, and refused by a trigger here).

CREATE TABLE objections (
  id              text        PRIMARY KEY,
  record_type     text        NOT NULL CHECK (record_type IN ('Student', 'Teacher')),
  record_id       text        NOT NULL,
  -- the disputed field, e.g. Student.birthDate
  coordinate      text        NOT NULL,
  resource        text        NOT NULL,
  filed_by        text        NOT NULL,
  provider        text        NOT NULL,
  reason          text        NOT NULL,
  proposed_value  text,
  status          text        NOT NULL CHECK (status IN ('FILED', 'VERIFYING', 'CORRECTED', 'REJECTED', 'WITHDRAWN')),
  filed_at        timestamptz NOT NULL,
  deadline        timestamptz NOT NULL CHECK (deadline > filed_at),
  closed_at       timestamptz,
  catalog_version text        NOT NULL REFERENCES catalog_versions (version),
  -- A closed objection has its closing time; an open one has none.
  CHECK ((status IN ('FILED', 'VERIFYING')) = (closed_at IS NULL))
);

-- "Is this record disputed?" on every response that served personal records.
CREATE INDEX objections_open_record ON objections (record_type, record_id) WHERE status IN ('FILED', 'VERIFYING');
CREATE INDEX objections_open_deadline ON objections (deadline) WHERE status IN ('FILED', 'VERIFYING');
CREATE INDEX objections_provider ON objections (provider, status);
CREATE INDEX objections_filed_by ON objections (filed_by, filed_at DESC);

CREATE TABLE objection_events (
  id           bigserial   PRIMARY KEY,
  objection_id text        NOT NULL REFERENCES objections (id),
  seq          integer     NOT NULL CHECK (seq > 0),
  from_status  text,
  to_status    text        NOT NULL,
  actor_unit   text        NOT NULL,
  actor_token  text,
  at           timestamptz NOT NULL,
  reason       text,
  UNIQUE (objection_id, seq)
);

CREATE FUNCTION objection_history_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the objection history is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER objection_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON objection_events
  FOR EACH STATEMENT EXECUTE FUNCTION objection_history_refuse_change();
