-- The governance store (issue 5, item 1): units, catalog versions, share
-- applications with their full history, grants, and the change counter the
-- gateway polls. The Measures' chapter on sharing (第五章, 第十四条至第十八条)
-- asks the pool to record the whole process of every application; these rows
-- are that record.

-- The unit tree as last synced from policies/units and the school directory.
-- No foreign keys point here: a school that leaves the directory keeps its
-- history.
CREATE TABLE units (
  code      text        PRIMARY KEY,
  name      text        NOT NULL,
  type      text        NOT NULL CHECK (type IN ('CITY_BUREAU', 'DISTRICT_BUREAU', 'SCHOOL', 'SUPPORT_AGENCY', 'PARTNER_DEPARTMENT')),
  parent    text,
  synced_at timestamptz NOT NULL
);

-- Every catalog the pool has run with, keyed by the sha256 of its canonical
-- JSON, so an application records the exact catalog it was judged against.
CREATE TABLE catalog_versions (
  version     text        PRIMARY KEY CHECK (version ~ '^[0-9a-f]{64}$'),
  body        jsonb       NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- One application names one or more resources of ONE provider; approval
-- gives one grant per resource. The endorser is the applicant's superior
-- education department, or null when there is none to ask (see
-- policies/share-workflow).
CREATE TABLE share_applications (
  id              text        PRIMARY KEY,
  applicant       text        NOT NULL,
  resources       text[]      NOT NULL CHECK (cardinality(resources) > 0),
  coordinates     text[]      NOT NULL CHECK (cardinality(coordinates) > 0),
  purpose         text        NOT NULL,
  row_scope       text[]      NOT NULL DEFAULT '{}',
  valid_until     timestamptz NOT NULL,
  status          text        NOT NULL CHECK (status IN ('SUBMITTED', 'ENDORSED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
  submitted_at    timestamptz NOT NULL,
  deadline        timestamptz NOT NULL CHECK (deadline > submitted_at),
  endorser        text,
  provider        text        NOT NULL,
  catalog_version text        NOT NULL REFERENCES catalog_versions (version),
  decided_at      timestamptz,
  -- A closed application has its closing time; an open one has none.
  CHECK ((status IN ('SUBMITTED', 'ENDORSED')) = (decided_at IS NULL))
);

CREATE INDEX share_applications_applicant ON share_applications (applicant, submitted_at DESC);
CREATE INDEX share_applications_provider ON share_applications (provider, status);
CREATE INDEX share_applications_endorser ON share_applications (endorser, status);
CREATE INDEX share_applications_pending_deadline ON share_applications (deadline) WHERE status IN ('SUBMITTED', 'ENDORSED');

-- The history: one row per transition, numbered per application. The first
-- row (seq 1) is the submission, from_status null.
CREATE TABLE share_application_events (
  id             bigserial   PRIMARY KEY,
  application_id text        NOT NULL REFERENCES share_applications (id),
  seq            integer     NOT NULL CHECK (seq > 0),
  from_status    text,
  to_status      text        NOT NULL,
  -- a unit code, or SYSTEM for what the pool decides itself
  actor_unit     text        NOT NULL,
  actor_token    text,
  at             timestamptz NOT NULL,
  reason         text,
  conditions     jsonb,
  UNIQUE (application_id, seq)
);

CREATE TABLE grants (
  id             text        PRIMARY KEY,
  application_id text        NOT NULL REFERENCES share_applications (id),
  grantee        text        NOT NULL,
  provider       text        NOT NULL,
  resource       text        NOT NULL,
  coordinates    text[]      NOT NULL CHECK (cardinality(coordinates) > 0),
  -- unit codes whose jurisdictions the grant reaches; empty = every record
  row_scope      text[]      NOT NULL DEFAULT '{}',
  -- {"Student.name": ["NAME"]}
  masks          jsonb       NOT NULL DEFAULT '{}',
  purpose        text        NOT NULL,
  valid_from     timestamptz NOT NULL,
  valid_until    timestamptz NOT NULL CHECK (valid_until > valid_from),
  revoked_at     timestamptz,
  revoked_by     text,
  revoke_reason  text,
  version        integer     NOT NULL DEFAULT 1,
  UNIQUE (application_id, resource),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX grants_grantee ON grants (grantee, valid_until) WHERE revoked_at IS NULL;
CREATE INDEX grants_provider ON grants (provider);

-- A row per grant made or revoked. The gateway polls max(id) to know when
-- its cached permissions are stale.
CREATE TABLE grant_changes (
  id       bigserial   PRIMARY KEY,
  grant_id text        NOT NULL REFERENCES grants (id),
  kind     text        NOT NULL CHECK (kind IN ('GRANTED', 'REVOKED')),
  at       timestamptz NOT NULL
);
