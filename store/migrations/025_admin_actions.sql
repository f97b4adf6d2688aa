-- What a unit's app administrator did (issue 14): registering, rotating and
-- revoking app credentials, and setting people's roles. Each row is written
-- in the transaction of the change it records, names the person who acted
-- and the request, and never holds a secret. The read audit (audit_log)
-- records reads of catalog resources; this records the administration.

CREATE TABLE admin_actions (
  id         uuid        PRIMARY KEY,
  at         timestamptz NOT NULL,
  unit       text        NOT NULL,
  -- The acting person's account id (accounts.id).
  person     text        NOT NULL,
  request_id text        NOT NULL,
  action     text        NOT NULL CHECK (action IN ('REGISTER_APP', 'ROTATE_APP_SECRET', 'REVOKE_APP', 'SET_ACCOUNT_ROLES')),
  -- The app's client id, or the account id whose roles were set.
  subject    text        NOT NULL,
  details    jsonb       NOT NULL
);

CREATE INDEX admin_actions_unit ON admin_actions (unit, at);

-- Why an app was revoked, as its administrator said.
ALTER TABLE app_credentials ADD COLUMN revoke_reason text;
