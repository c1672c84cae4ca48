-- Login attempts, counted before the password is checked: per account and address, per
-- address, per account, and per minute for everyone (crates/server/src/throttle.rs). They
-- replace the failures counted per username after the check.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    -- The account the counter is about, if any: a new password clears its counters.
    username TEXT,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_username ON login_throttle (username);
CREATE INDEX login_throttle_last_at ON login_throttle (last_at);

-- The SHA-256 of the request an Idempotency-Key was first used with: the same key with
-- another request is refused rather than answered with the first incident.
ALTER TABLE incidents ADD COLUMN idempotency_hash TEXT;

-- Facts about the database itself ("demo": made by `vigie serve --demo`).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The purge of expired sessions, the end of a user's sessions, and a client's replay of
-- its organisation's events read an index.
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX events_organisation ON events (organisation_id, id);
