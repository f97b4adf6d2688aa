-- The token denylist (issue 6): PostgreSQL holds it, Redis holds a copy the
-- gateways read per request, rebuilt from these rows whenever Redis comes back
-- empty. DESIGN.md "Stores": Redis holds only what can be rebuilt from here.

-- One revoked token, by its jti and the unit it names (a row revokes only the
-- token of that unit with that jti). The pool does not keep the tokens it
-- issues, so expires_at is the latest a token revoked at revoked_at can
-- expire (revoked_at + the longest TTL a token may have); past it the row
-- revokes nothing and may be pruned.
CREATE TABLE revoked_tokens (
  jti        text        NOT NULL,
  unit       text        NOT NULL,
  revoked_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > revoked_at),
  revoked_by text        NOT NULL,
  reason     text        NOT NULL,
  PRIMARY KEY (jti, unit)
);

CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- Every token of the unit issued at or before revoked_before (its iat, in
-- whole seconds) is revoked. A later revocation of the unit's tokens moves the
-- cut-off forward; the row is kept as the record of the last one.
CREATE TABLE unit_token_cutoffs (
  unit           text        PRIMARY KEY,
  revoked_before timestamptz NOT NULL,
  revoked_at     timestamptz NOT NULL,
  revoked_by     text        NOT NULL,
  reason         text        NOT NULL
);
