-- Registered operations (issue 6, item 4). In the registered-operations mode a
-- partner department runs only operations the city bureau's data office has
-- registered for it: the minimum-necessary principle (Measures 第十四条) made
-- concrete as the exact queries a partner's system may send. The gateway
-- caches each unit's hashes in the shared hot state and rebuilds them from
-- here on a miss.

CREATE TABLE registered_operations (
  unit          text        NOT NULL,
  -- sha256 (hex) of the operation text exactly as registered and as sent,
  -- the same hash automatic persisted queries use
  sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  name          text        NOT NULL,
  body          text        NOT NULL,
  registered_by text        NOT NULL,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (unit, sha256)
);
