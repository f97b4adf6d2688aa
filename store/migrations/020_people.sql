-- People and app credentials (issue 14). A person acts for one unit and holds
-- roles there; an app belongs to a unit and holds a hashed secret. Neither
-- table holds a secret in clear.

CREATE TABLE accounts (
  id              uuid        PRIMARY KEY,
  unit            text        NOT NULL,
  login           text        NOT NULL UNIQUE,
  display_name    text        NOT NULL,
  -- scrypt hash (platform/passwords.ts); null for accounts that sign in only through OIDC.
  password_hash   text,
  -- The identity provider's issuer and subject, for OIDC sign-in.
  oidc_issuer     text,
  oidc_subject    text,
  failed_attempts integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL,
  UNIQUE (oidc_issuer, oidc_subject)
);

CREATE INDEX accounts_unit ON accounts (unit);

CREATE TABLE account_roles (
  account_id uuid        NOT NULL REFERENCES accounts (id),
  role       text        NOT NULL CHECK (role IN ('APPLICANT', 'ENDORSER', 'DATA_OFFICER', 'SUPERVISOR', 'AUDITOR', 'APP_ADMIN')),
  granted_by text        NOT NULL,
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, role)
);

CREATE TABLE app_credentials (
  client_id   text        PRIMARY KEY,
  unit        text        NOT NULL,
  name        text        NOT NULL,
  scope       text[]      NOT NULL CHECK (cardinality(scope) > 0),
  purpose     text        NOT NULL CHECK (length(purpose) > 0),
  secret_hash text        NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz,
  revoked_by  text
);

CREATE INDEX app_credentials_unit ON app_credentials (unit);
